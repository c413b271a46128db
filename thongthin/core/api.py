"""The JSON API's shared pieces: the error envelope and exception handlers.

Every error an API client can get is `{"error": {"code": ..., "message": ...}}` with a 4xx/5xx
status: never an HTML page. Codes are stable; messages follow Accept-Language or `?lang=`.
"""

from __future__ import annotations

import logging
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from .errors import ApplicationError

logger = logging.getLogger(__name__)


class ErrorBody(Schema):
    code: str
    message: str
    field: str | None = None
    fields: dict[str, str] | None = None


class ErrorOut(Schema):
    error: ErrorBody


def error_response(status: int, code: str, message: str, **extra: Any) -> JsonResponse:
    body = {"code": code, "message": message, **{k: v for k, v in extra.items() if v}}
    return JsonResponse({"error": body}, status=status, json_dumps_params={"ensure_ascii": False})


def _location(loc: list[Any]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "form", "payload")]
    return ".".join(parts) or "request"


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(ApplicationError)
    def application_error(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
        return JsonResponse(
            {"error": exc.as_dict()}, status=exc.status, json_dumps_params={"ensure_ascii": False}
        )

    @api.exception_handler(NinjaValidationError)
    def validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        fields = {}
        for err in exc.errors:
            fields[_location(list(err.get("loc", [])))] = str(err.get("msg", ""))
        return error_response(
            422,
            "invalid_input",
            _("ข้อมูลที่ส่งมาไม่ถูกต้อง กรุณาตรวจสอบช่องที่ระบุ"),
            fields=fields,
        )

    @api.exception_handler(AuthenticationError)
    def authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return error_response(401, "not_authenticated", _("กรุณาเข้าสู่ระบบก่อน"))

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        codes = {400: "bad_request", 401: "not_authenticated", 403: "permission_denied",
                 404: "not_found", 405: "method_not_allowed", 429: "rate_limited"}  # fmt: skip
        return error_response(exc.status_code, codes.get(exc.status_code, "error"), str(exc))

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return error_response(404, "not_found", _("ไม่พบข้อมูลที่ต้องการ"))

    @api.exception_handler(Exception)
    def unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("unexpected API error", exc_info=exc)
        return error_response(500, "internal_error", _("ระบบขัดข้องชั่วคราว กรุณาลองใหม่อีกครั้ง"))
