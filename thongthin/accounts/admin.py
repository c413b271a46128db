from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from thongthin.core.admin import be_datetime

from .models import Membership, RoleGrant, User
from .services.roles import user_set_flags


def _admin_login(request: HttpRequest, extra_context: Any = None) -> HttpResponse:
    """The admin site has no password form: platform administrators sign in by e-mail code."""
    return redirect_to_login(
        request.GET.get("next", reverse("admin:index")), reverse("accounts:sign_in")
    )


admin.site.login = _admin_login  # type: ignore[method-assign]
admin.site.site_header = "Thongthin"


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ["email", "full_name", "is_active", "is_staff", "is_superuser", "last_login_be"]
    last_login_be = be_datetime("last_login", _("เข้าสู่ระบบล่าสุด"))
    list_filter = ["is_active", "is_staff", "is_superuser"]
    search_fields = ["email", "full_name"]
    fields = [
        "email",
        "title",
        "full_name",
        "is_active",
        "is_staff",
        "is_superuser",
        "last_login",
        "date_joined",
    ]
    readonly_fields = ["email", "title", "full_name", "last_login", "date_joined"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        # Through the service, so the change is checked and audit-logged.
        fresh = User.objects.get(pk=obj.pk)
        user_set_flags(
            actor=request.user,
            user=fresh,
            is_active=obj.is_active,
            is_staff=obj.is_staff,
            is_superuser=obj.is_superuser,
        )


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "lao", "role", "status", "via_central_email", "created_at_be"]
    created_at_be = be_datetime("created_at", _("สร้างเมื่อ"))
    list_filter = ["role", "status", "via_central_email"]
    search_fields = ["user__email", "lao__display_name_th", "lao__dla_code"]
    list_select_related = ["user", "lao"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(RoleGrant)
class RoleGrantAdmin(MembershipAdmin):
    list_display = ["user", "role", "granted_by", "granted_at_be", "revoked_at_be"]
    granted_at_be = be_datetime("granted_at", _("ให้สิทธิ์เมื่อ"))
    revoked_at_be = be_datetime("revoked_at", _("ยกเลิกเมื่อ"))
    list_filter = ["role"]
    search_fields = ["user__email"]
    list_select_related = ["user", "granted_by"]
