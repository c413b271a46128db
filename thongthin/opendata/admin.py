"""The catalog in the admin: for platform administrators to look things up. Changes to datasets
go through the publishing pages and the API (services, audit log); here they are read-only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from thongthin.core.admin import be_datetime

from .models import ApiToken, Dataset, Organization, OrganizationMember, Resource


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Organization)
class OrganizationAdmin(ReadOnlyAdmin):
    list_display = ["title", "name", "kind", "state"]
    list_filter = ["kind", "state"]
    search_fields = ["title", "name", "lao__dla_code"]


@admin.register(OrganizationMember)
class OrganizationMemberAdmin(ReadOnlyAdmin):
    list_display = ["organization", "user", "capacity"]
    list_filter = ["capacity"]
    search_fields = ["organization__title", "user__email"]
    list_select_related = ["organization", "user"]


@admin.register(Dataset)
class DatasetAdmin(ReadOnlyAdmin):
    list_display = ["title", "name", "owner_org", "state", "private", "modified_be"]
    list_filter = ["state", "private", "data_type", "data_category"]
    search_fields = ["title", "name", "owner_org__title"]
    list_select_related = ["owner_org"]
    modified_be = be_datetime("metadata_modified", _("ปรับปรุงล่าสุด"))


@admin.register(Resource)
class ResourceAdmin(ReadOnlyAdmin):
    list_display = ["name", "dataset", "format", "state", "datastore_active"]
    list_filter = ["format", "state", "datastore_active"]
    search_fields = ["name", "dataset__title", "id"]
    list_select_related = ["dataset"]


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    """Token names and use, never their values (only hashes are kept)."""

    list_display = ["name", "user", "created_be", "last_used_be", "revoked_be"]
    search_fields = ["name", "user__email"]
    exclude = ["token_hash"]
    created_be = be_datetime("created", _("สร้างเมื่อ"))
    last_used_be = be_datetime("last_used", _("ใช้ล่าสุด"))
    revoked_be = be_datetime("revoked_at", _("ยกเลิกเมื่อ"))
