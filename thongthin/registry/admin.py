from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from thongthin.core.admin import be_datetime

from .models import EmailRegistration


@admin.register(EmailRegistration)
class EmailRegistrationAdmin(admin.ModelAdmin):
    """Read-only: reviews happen on the registry pages so that every step is checked and logged."""

    list_display = ["email", "lao", "status", "submitted_at_be", "reviewed_at_be"]
    submitted_at_be = be_datetime("submitted_at", _("วันที่ยื่น"))
    reviewed_at_be = be_datetime("reviewed_at", _("ตรวจสอบเมื่อ"))
    list_filter = ["status"]
    search_fields = ["email", "lao__display_name_th", "lao__dla_code"]
    list_select_related = ["lao"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
