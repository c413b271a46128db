"""The JSON API's shared pieces: the error envelope and exception handlers.

Every error an API client can get is `{"error": {"code": ..., "message": ...}}` with a 4xx/5xx
status: never an HTML page. Codes are stable; messages follow Accept-Language or `?lang=`, and are
always our own translatable text, never a library's English (pydantic's per-field messages are
replaced by ours, chosen by the error's `type` and filled from its `ctx`).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from .errors import ApplicationError

logger = logging.getLogger(__name__)

API_PREFIX = "/api/"


class ErrorBody(Schema):
    code: str
    message: str
    field: str | None = None
    fields: dict[str, str] | None = None


class ErrorOut(Schema):
    error: ErrorBody


def is_api_request(request: HttpRequest) -> bool:
    return request.path_info.startswith(API_PREFIX)


def error_response(status: int, code: str, message: str, **extra: Any) -> JsonResponse:
    body = {"code": code, "message": message, **{k: v for k, v in extra.items() if v}}
    return JsonResponse({"error": body}, status=status, json_dumps_params={"ensure_ascii": False})


# --- Errors by HTTP status: for responses that carry no message of ours (ninja's HttpError, a
# 405 from the router, anything non-JSON that reaches an API client).

HTTP_ERRORS: dict[int, tuple[str, Promise]] = {
    400: ("bad_request", gettext_lazy("คำขอไม่ถูกต้อง")),
    401: ("not_authenticated", gettext_lazy("กรุณาเข้าสู่ระบบก่อน")),
    403: ("permission_denied", gettext_lazy("คุณไม่มีสิทธิ์ทำรายการนี้")),
    404: ("not_found", gettext_lazy("ไม่พบข้อมูลที่ต้องการ")),
    405: (
        "method_not_allowed",
        gettext_lazy("ที่อยู่นี้ไม่รองรับคำขอแบบ %(method)s (รองรับ: %(allowed)s)"),
    ),
    409: ("conflict", gettext_lazy("รายการนี้อยู่ในสถานะที่ทำสิ่งนี้ไม่ได้")),
    413: ("too_large", gettext_lazy("ข้อมูลที่ส่งมามีขนาดใหญ่เกินไป")),
    415: ("unsupported_media_type", gettext_lazy("ไม่รองรับชนิดข้อมูลที่ส่งมา กรุณาส่งเป็น JSON")),
    429: ("rate_limited", gettext_lazy("ส่งคำขอบ่อยเกินไป กรุณารอสักครู่แล้วลองใหม่")),
    500: ("internal_error", gettext_lazy("ระบบขัดข้องชั่วคราว กรุณาลองใหม่อีกครั้ง")),
    503: ("unavailable", gettext_lazy("ระบบไม่พร้อมให้บริการชั่วคราว กรุณาลองใหม่ภายหลัง")),
}
_CLIENT_ERROR = ("error", gettext_lazy("คำขอไม่สำเร็จ"))
_SERVER_ERROR = ("internal_error", HTTP_ERRORS[500][1])
# Headers an error response must keep when its body is replaced.
_KEPT_HEADERS = ("Allow", "Retry-After", "WWW-Authenticate", "Vary", "Cache-Control")

BODY_NOT_JSON = gettext_lazy("อ่านข้อมูลที่ส่งมาไม่ได้ กรุณาส่งเป็น JSON ที่ถูกต้อง")
CSRF_FAILED_API = gettext_lazy(
    "การตรวจสอบ CSRF ไม่ผ่าน: คำขอที่ยืนยันตัวตนด้วยคุกกี้ต้องส่งโทเค็น CSRF ในส่วนหัว X-CSRFToken"
)


def http_error_body(status: int, *, method: str = "", allowed: str = "") -> tuple[str, str]:
    """The code and the message (in the active language) for a bare HTTP error status."""
    code, message = HTTP_ERRORS.get(status) or (_CLIENT_ERROR if status < 500 else _SERVER_ERROR)
    if status == 405:
        return code, str(message) % {"method": method, "allowed": allowed or "-"}
    return code, str(message)


def is_json(response: HttpResponseBase) -> bool:
    content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
    return content_type == "application/json" or content_type.endswith("+json")


def as_error_envelope(request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
    """`response` itself when it is a success or already JSON; otherwise the same status as our
    JSON envelope, keeping the headers that matter (Allow on a 405) and any cookies."""
    if response.status_code < 400 or is_json(response):
        return response
    code, message = http_error_body(
        response.status_code, method=(request.method or "")[:20], allowed=response.get("Allow", "")
    )
    envelope = error_response(response.status_code, code, message)
    for header in _KEPT_HEADERS:
        if header in response:
            envelope[header] = response[header]
    envelope.cookies = response.cookies
    response.close()
    return envelope


# --- Validation messages, by pydantic's error type. Placeholders are named after the `ctx` keys.

_MUST_BE_WHOLE = gettext_lazy("ต้องเป็นจำนวนเต็ม")
_MUST_BE_NUMBER = gettext_lazy("ต้องเป็นตัวเลข")
_MUST_BE_BOOL = gettext_lazy("ต้องเป็น true หรือ false")
_MUST_BE_DATE = gettext_lazy("วันที่ไม่ถูกต้อง ใช้รูปแบบ ปปปป-ดด-วว แบบ ค.ศ. เช่น 2024-10-01")
_MUST_BE_DATETIME = gettext_lazy("วันเวลาไม่ถูกต้อง ใช้รูปแบบ ISO 8601 เช่น 2024-10-01T09:00:00+07:00")
_MUST_BE_OBJECT = gettext_lazy("ต้องเป็นออบเจกต์ JSON ({...})")
_MUST_BE_LIST = gettext_lazy("ต้องเป็นรายการ (JSON array)")
_MUST_BE_UUID = gettext_lazy("รหัสอ้างอิง (UUID) ไม่ถูกต้อง")
_MUST_BE_JSON = gettext_lazy("ไม่ใช่ JSON ที่ถูกต้อง")
_MUST_BE_URL = gettext_lazy("ที่อยู่เว็บ (URL) ไม่ถูกต้อง")
_INVALID_VALUE = gettext_lazy("ค่าในช่องนี้ไม่ถูกต้อง")

VALIDATION_MESSAGES: dict[str, Promise] = {
    "missing": gettext_lazy("กรุณากรอกข้อมูลช่องนี้"),
    "extra_forbidden": gettext_lazy("ไม่รู้จักช่องนี้"),
    "string_type": gettext_lazy("ต้องเป็นข้อความ"),
    "string_too_short": gettext_lazy("ต้องยาวอย่างน้อย %(min_length)s ตัวอักษร"),
    "string_too_long": gettext_lazy("ยาวได้ไม่เกิน %(max_length)s ตัวอักษร"),
    "string_pattern_mismatch": gettext_lazy("รูปแบบไม่ถูกต้อง"),
    "int_type": _MUST_BE_WHOLE,
    "int_parsing": _MUST_BE_WHOLE,
    "int_parsing_size": _MUST_BE_WHOLE,
    "int_from_float": _MUST_BE_WHOLE,
    "float_type": _MUST_BE_NUMBER,
    "float_parsing": _MUST_BE_NUMBER,
    "decimal_type": _MUST_BE_NUMBER,
    "decimal_parsing": _MUST_BE_NUMBER,
    "finite_number": _MUST_BE_NUMBER,
    "decimal_max_digits": gettext_lazy("ตัวเลขมีได้ไม่เกิน %(max_digits)s หลัก"),
    "decimal_max_places": gettext_lazy("ทศนิยมได้ไม่เกิน %(decimal_places)s ตำแหน่ง"),
    "decimal_whole_digits": gettext_lazy("ตัวเลขหน้าจุดทศนิยมมีได้ไม่เกิน %(whole_digits)s หลัก"),
    "greater_than": gettext_lazy("ต้องมากกว่า %(gt)s"),
    "greater_than_equal": gettext_lazy("ต้องไม่น้อยกว่า %(ge)s"),
    "less_than": gettext_lazy("ต้องน้อยกว่า %(lt)s"),
    "less_than_equal": gettext_lazy("ต้องไม่เกิน %(le)s"),
    "multiple_of": gettext_lazy("ต้องเป็นผลคูณของ %(multiple_of)s"),
    "bool_type": _MUST_BE_BOOL,
    "bool_parsing": _MUST_BE_BOOL,
    "date_type": _MUST_BE_DATE,
    "date_parsing": _MUST_BE_DATE,
    "date_from_datetime_parsing": _MUST_BE_DATE,
    "date_from_datetime_inexact": _MUST_BE_DATE,
    "datetime_type": _MUST_BE_DATETIME,
    "datetime_parsing": _MUST_BE_DATETIME,
    "datetime_from_date_parsing": _MUST_BE_DATETIME,
    "datetime_object_invalid": _MUST_BE_DATETIME,
    "enum": gettext_lazy("ต้องเป็นค่าใดค่าหนึ่งต่อไปนี้: %(expected)s"),
    "literal_error": gettext_lazy("ต้องเป็นค่าใดค่าหนึ่งต่อไปนี้: %(expected)s"),
    "dict_type": _MUST_BE_OBJECT,
    "model_type": _MUST_BE_OBJECT,
    "model_attributes_type": _MUST_BE_OBJECT,
    "list_type": _MUST_BE_LIST,
    "tuple_type": _MUST_BE_LIST,
    "set_type": _MUST_BE_LIST,
    "too_short": gettext_lazy("ต้องมีอย่างน้อย %(min_length)s รายการ"),
    "too_long": gettext_lazy("มีได้ไม่เกิน %(max_length)s รายการ"),
    "json_invalid": _MUST_BE_JSON,
    "json_type": _MUST_BE_JSON,
    "uuid_type": _MUST_BE_UUID,
    "uuid_parsing": _MUST_BE_UUID,
    "uuid_version": _MUST_BE_UUID,
    "url_type": _MUST_BE_URL,
    "url_parsing": _MUST_BE_URL,
    "url_scheme": _MUST_BE_URL,
    "url_syntax_violation": _MUST_BE_URL,
    "url_too_long": _MUST_BE_URL,
}
_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def _ctx_value(name: str, value: Any) -> str:
    if name == "expected" and isinstance(value, str):
        # pydantic writes "'a', 'b' or 'c'": keep the values, drop its English "or".
        items = [item.strip().strip("'\"") for item in re.split(r",\s*|\s+or\s+", value)]
        return ", ".join(item for item in items if item)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        try:
            number = Decimal(str(value)).normalize()
        except InvalidOperation:
            return str(value)
        # Group thousands in large numbers (1,000,000,000,000), not in years such as 2500.
        return f"{number:,f}" if abs(number) >= 10_000 else f"{number:f}"
    return str(value)


def validation_message(error: dict[str, Any]) -> str:
    """Our message, in the active language, for one pydantic error (`type`, `ctx`)."""
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    if kind == "string_too_short" and ctx.get("min_length") == 1:
        kind = "missing"  # an empty string where text is required
    template = VALIDATION_MESSAGES.get(kind)
    if template is None:
        return str(_INVALID_VALUE)
    text = str(template)
    names = _PLACEHOLDER.findall(text)
    if any(name not in ctx for name in names):
        return str(_INVALID_VALUE)
    return text % {name: _ctx_value(name, ctx[name]) for name in names}


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
            fields[_location(list(err.get("loc", [])))] = validation_message(err)
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
        # ninja's own messages are English ("Cannot parse request body", "CSRF check Failed"):
        # the client gets ours, chosen by the status and, for these two, by what went wrong.
        status = exc.status_code
        code, message = http_error_body(status, method=(request.method or "")[:20])
        text = str(exc)
        if status == 400 and text.startswith("Cannot parse request body"):
            message = str(BODY_NOT_JSON)
        elif status == 403 and text.startswith("CSRF"):
            message = str(CSRF_FAILED_API)
        return error_response(status, code, message)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return error_response(404, "not_found", _("ไม่พบข้อมูลที่ต้องการ"))

    @api.exception_handler(Exception)
    def unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("unexpected API error", exc_info=exc)
        return error_response(500, "internal_error", _("ระบบขัดข้องชั่วคราว กรุณาลองใหม่อีกครั้ง"))
