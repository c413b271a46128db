from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Browse and filter the audit log. Nobody can add, change or delete a row."""

    list_display = ["at", "actor_label", "ip", "action", "target_type", "target_label", "lao"]
    list_filter = ["action", "target_type", ("at", admin.DateFieldListFilter)]
    search_fields = ["actor_label", "target_label", "target_id", "action", "ip", "lao__dla_code"]
    date_hierarchy = "at"
    list_select_related = ["lao"]
    readonly_fields = [f.name for f in AuditEvent._meta.fields]
    list_per_page = 100

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
