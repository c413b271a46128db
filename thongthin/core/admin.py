from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .models import AuditEvent, Job
from .thai_dates import format_datetime


def be_datetime(field: str, label: Any) -> Any:
    """A list column showing a datetime in BE and Bangkok time (15 มี.ค. 2567 14:05 น.): the admin's
    own formatting would show the Gregorian year."""

    @admin.display(description=label, ordering=field)
    def column(self: Any, obj: Any) -> str:
        return format_datetime(getattr(obj, field))

    column.__name__ = f"{field}_be"
    return column


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Browse and filter the audit log. Nobody can add, change or delete a row."""

    list_display = ["at_be", "actor_label", "ip", "action", "target_type", "target_label", "lao"]
    list_filter = ["action", "target_type", ("at", admin.DateFieldListFilter)]
    search_fields = ["actor_label", "target_label", "target_id", "action", "ip", "lao__dla_code"]
    at_be = be_datetime("at", _("เวลา"))
    list_select_related = ["lao"]
    readonly_fields = [f.name for f in AuditEvent._meta.fields]
    list_per_page = 100

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """Background jobs: what ran, is running or failed, with the error. Read-only: a job is
    queued by the code that needs it."""

    list_display = ["id", "name", "state", "progress", "attempts", "created_be", "finished_be"]
    list_filter = ["state", "name"]
    search_fields = ["name", "error"]
    created_be = be_datetime("created_at", _("สร้างเมื่อ"))
    finished_be = be_datetime("finished_at", _("เสร็จเมื่อ"))
    readonly_fields = [f.name for f in Job._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
