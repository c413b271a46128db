"""One error taxonomy for the whole product.

An ApplicationError carries a stable machine `code`, an HTTP `status` and a translatable message
with named placeholders. Services raise them; the JSON API returns `{"error": {...}}`; pages show
the message beside the field (`field`). Codes are part of the API contract: never rename one.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class ApplicationError(Exception):
    code = "error"
    status = 400
    default_message: str | Promise = _("คำขอไม่ถูกต้อง")

    def __init__(
        self,
        message: str | Promise | None = None,
        *,
        code: str | None = None,
        field: str | None = None,
        params: dict[str, Any] | None = None,
        fields: dict[str, str] | None = None,
    ) -> None:
        self.message = message if message is not None else self.default_message
        if code:
            self.code = code
        self.field = field
        self.params = params or {}
        self.fields = fields or {}
        super().__init__(self.render())

    def render(self) -> str:
        text = str(self.message)
        return text % self.params if self.params else text

    def as_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {"code": self.code, "message": self.render()}
        if self.field:
            body["field"] = self.field
        if self.fields:
            body["fields"] = {k: str(v) for k, v in self.fields.items()}
        return body


class ValidationFailed(ApplicationError):
    code = "invalid_input"
    status = 422
    default_message = _("ข้อมูลที่กรอกไม่ถูกต้อง กรุณาตรวจสอบอีกครั้ง")


class NotFound(ApplicationError):
    code = "not_found"
    status = 404
    default_message = _("ไม่พบข้อมูลที่ต้องการ")


class PermissionDenied(ApplicationError):
    code = "permission_denied"
    status = 403
    default_message = _("คุณไม่มีสิทธิ์ทำรายการนี้")


class NotAuthenticated(ApplicationError):
    code = "not_authenticated"
    status = 401
    default_message = _("กรุณาเข้าสู่ระบบก่อน")


class Conflict(ApplicationError):
    code = "conflict"
    status = 409
    default_message = _("รายการนี้อยู่ในสถานะที่ทำสิ่งนี้ไม่ได้")


class RateLimited(ApplicationError):
    code = "rate_limited"
    status = 429
    default_message = _("ส่งคำขอบ่อยเกินไป กรุณารอสักครู่แล้วลองใหม่")


@contextmanager
def django_validation_as_failure() -> Iterator[None]:
    """Turn Django's model/form ValidationError into our ValidationFailed with per-field text."""
    from django.core.exceptions import ValidationError

    try:
        yield
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            fields = {
                name: " ".join(str(m) for m in msgs) for name, msgs in exc.message_dict.items()
            }
            raise ValidationFailed(fields=fields) from exc
        raise ValidationFailed(" ".join(str(m) for m in exc.messages)) from exc
