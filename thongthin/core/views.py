from __future__ import annotations

import logging
from typing import Any

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .api import CSRF_FAILED_API, error_response, is_api_request

logger = logging.getLogger(__name__)


def home(request: HttpRequest) -> HttpResponse:
    from thongthin.directory.selectors import directory_stats

    return render(request, "core/home.html", {"stats": directory_stats()})


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Readiness: 200 when the database answers, 503 when it does not."""
    database: dict[str, Any] = {"vendor": connection.vendor}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database["status"] = "ok"
    except DatabaseError as exc:
        database.update(status="error", error=type(exc).__name__)
    ok = database["status"] == "ok"
    return JsonResponse(
        {"status": "ok" if ok else "error", "database": database}, status=200 if ok else 503
    )


@require_GET
def livez(request: HttpRequest) -> HttpResponse:
    """Liveness: answers without touching the database. Also the benchmark's trivial view."""
    return HttpResponse(b"ok", content_type="text/plain")


def _error_page(
    request: HttpRequest, status: int, code: str, message: str, **extra: Any
) -> HttpResponse:
    if is_api_request(request):
        return error_response(status, code, message, **extra)
    return render(request, "core/error.html", {"status": status, "message": message}, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page(request, 400, "bad_request", _("คำขอไม่ถูกต้อง"))


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page(request, 403, "permission_denied", _("คุณไม่มีสิทธิ์เข้าถึงหน้านี้"))


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page(request, 404, "not_found", _("ไม่พบหน้าที่ต้องการ"))


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """settings.CSRF_FAILURE_VIEW: a form posted from a stale page or another site."""
    if is_api_request(request):
        return error_response(403, "permission_denied", str(CSRF_FAILED_API))
    message = _(
        "ส่งแบบฟอร์มไม่สำเร็จ เพราะหน้านี้เปิดค้างไว้นานเกินไปหรือไม่ได้ส่งมาจากเว็บไซต์นี้ "
        "(การตรวจสอบ CSRF ไม่ผ่าน) กรุณากลับไปโหลดหน้าใหม่แล้วลองอีกครั้ง "
        "หากยังไม่ได้ ให้เปิดใช้คุกกี้สำหรับเว็บไซต์นี้"
    )
    return _error_page(request, 403, "permission_denied", message)


def invalid_characters(request: HttpRequest, *, field: str = "") -> HttpResponse:
    """A request carrying a NUL character (see RejectNulMiddleware)."""
    message = _("คำขอมีอักขระที่ใช้ไม่ได้ (อักขระ NUL) กรุณาตรวจสอบข้อมูลที่ส่งมาแล้วลองใหม่")
    return _error_page(request, 400, "invalid_characters", message, field=field)


def server_error(request: HttpRequest) -> HttpResponse:
    message = _("ระบบขัดข้องชั่วคราว กรุณาลองใหม่อีกครั้ง")
    if is_api_request(request):
        return error_response(500, "internal_error", message)
    # No template context processors here: the failure may be in one of them.
    try:
        return render(request, "core/error.html", {"status": 500, "message": message}, status=500)
    except Exception:
        logger.exception("error page failed")
        return HttpResponse(message, status=500, content_type="text/plain; charset=utf-8")
