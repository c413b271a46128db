from django.urls import path, register_converter
from django.views.decorators.csrf import csrf_exempt

from .dispatch import action_view, api_version_view


class Version3:
    regex = "3"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


class ApiVersion:
    regex = "[123]"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(Version3, "ckan3")
register_converter(ApiVersion, "ckanver")

app_name = "ckan"
urlpatterns = [
    path("api/action/<str:logic_function>", csrf_exempt(action_view), name="action"),
    path("api/<ckan3:ver>/action/<str:logic_function>", csrf_exempt(action_view), name="action_v3"),
    path("api", api_version_view, name="api_root"),
    path("api/<ckanver:ver>", api_version_view, name="api_version"),
]
