from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from config.api import api
from thongthin.core import views as core_views

urlpatterns = [
    path("", include("thongthin.core.urls")),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("laos/", include("thongthin.directory.urls")),
    path("registry/", include("thongthin.registry.urls")),
    path("accounts/", include("thongthin.accounts.urls")),
    path("assessments/", include("thongthin.assessment.urls")),
    path("", include("thongthin.opendata.ckan.urls")),
    path("", include("thongthin.opendata.urls")),
    path("datarequests/", include("thongthin.opendata.datarequests.urls")),
    path("awards/", include("thongthin.opendata.awards.urls")),
    path("datastore/", include("thongthin.opendata.datastore.urls")),
    path("admin/", admin.site.urls),
]

handler400 = core_views.bad_request
handler403 = core_views.permission_denied
handler404 = core_views.page_not_found
handler500 = core_views.server_error

if settings.DEBUG:
    from django.conf.urls.static import static

    media = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
    urlpatterns += media  # type: ignore[arg-type]
