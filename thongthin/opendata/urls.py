from django.urls import path, re_path

from .dcat import views as dcat_views
from .dcat.formats import SUFFIX_PATTERN as DCAT_SUFFIXES
from .views import catalog, files, publish, tokens

app_name = "opendata"
urlpatterns = [
    # DCAT (ckanext-dcat's addresses); before the dataset pages so that "<name>.ttl" is not a name.
    re_path(rf"^catalog\.(?P<fmt>{DCAT_SUFFIXES})$", dcat_views.catalog, name="dcat_catalog"),
    re_path(
        rf"^dataset/(?P<key>[^/]+?)\.(?P<fmt>{DCAT_SUFFIXES})$",
        dcat_views.dataset,
        name="dcat_dataset",
    ),
    path("dataset/", catalog.dataset_search, name="search"),
    path("dataset/new/", publish.dataset_new, name="dataset_new"),
    path("dataset/<str:key>/", catalog.dataset_detail, name="dataset"),
    path("dataset/<str:key>/edit/", publish.dataset_edit, name="dataset_edit"),
    path("dataset/<str:key>/delete/", publish.dataset_delete, name="dataset_delete"),
    path("dataset/<str:key>/resource/new/", publish.resource_new, name="resource_new"),
    path("dataset/<str:key>/resource/<str:resource_id>/", catalog.resource_detail, name="resource"),
    path(
        "dataset/<str:key>/resource/<str:resource_id>/edit/",
        publish.resource_edit,
        name="resource_edit",
    ),
    path(
        "dataset/<str:key>/resource/<str:resource_id>/delete/",
        publish.resource_delete,
        name="resource_delete",
    ),
    path(
        "dataset/<str:dataset_id>/resource/<str:resource_id>/download/<str:filename>",
        files.resource_download,
        name="resource_download",
    ),
    path("organization/", catalog.organization_list, name="organizations"),
    path("organization/<str:name>/", catalog.organization_detail, name="organization"),
    path("user/api-tokens/", tokens.token_list, name="tokens"),
    path("user/api-tokens/<int:token_id>/revoke/", tokens.token_revoke, name="token_revoke"),
]
