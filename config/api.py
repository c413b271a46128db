"""The JSON API at /api/v1/: one NinjaAPI, one router per domain app."""

from ninja import NinjaAPI

from thongthin.assessment.api import router as assessment_router
from thongthin.core.api import install_error_handlers
from thongthin.directory.api import router as directory_router
from thongthin.registry.api import router as registry_router

api = NinjaAPI(
    title="Thongthin API",
    version="1",
    description=(
        "Open API of Thongthin, the platform of Thailand's local administrative organizations "
        '(อปท.). Errors are `{"error": {"code", "message"}}` with a stable `code`; messages '
        "follow `Accept-Language` (th, en) or `?lang=`. Bangkok, which is not in the Department "
        "of Local Administration's registry, has the code `1100000`."
    ),
    urls_namespace="api-v1",
    docs_url="/docs",
)
install_error_handlers(api)
api.add_router("/", directory_router)
api.add_router("/", registry_router)
api.add_router("/", assessment_router)
