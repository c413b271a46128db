from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import EmailRegistration


@admin.register(EmailRegistration)
class EmailRegistrationAdmin(admin.ModelAdmin):
    """Read-only: reviews happen on the registry pages so that every step is checked and logged."""

    list_display = ["email", "lao", "status", "submitted_at", "reviewed_at"]
    list_filter = ["status"]
    search_fields = ["email", "lao__display_name_th", "lao__dla_code"]
    list_select_related = ["lao"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
