"""Platform roles (auditor, registry administrator, content editor) and platform administrators,
granted by a platform administrator."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thongthin.core.audit import audit_record
from thongthin.core.errors import Conflict, PermissionDenied, ValidationFailed
from thongthin.directory.models import Province

from .. import permissions
from ..models import PlatformRole, RoleGrant, User
from .emails import normalize_address
from .memberships import _clean_name


def _grant_state(grant: RoleGrant) -> dict[str, Any]:
    return {
        "user": grant.user.email,
        "role": grant.role,
        "provinces": sorted(grant.provinces.values_list("code", flat=True)),
        "revoked_at": grant.revoked_at,
    }


def _provinces(role: str, codes: list[str]) -> list[Province]:
    provinces = list(Province.objects.filter(code__in=set(codes)))
    if len(provinces) != len(set(codes)):
        raise ValidationFailed(_("มีรหัสจังหวัดที่ไม่รู้จัก"), code="unknown_province", field="provinces")
    if role == PlatformRole.AUDITOR and not provinces:
        raise ValidationFailed(
            _("ผู้ตรวจสอบต้องมีจังหวัดที่รับผิดชอบอย่างน้อยหนึ่งจังหวัด"),
            code="auditor_needs_provinces",
            field="provinces",
        )
    return provinces


@transaction.atomic
def role_grant(
    *, actor: Any, email: str, full_name: str, role: str, province_codes: list[str] | None = None
) -> RoleGrant:
    if not permissions.is_platform_admin(actor):
        raise PermissionDenied()
    if role not in PlatformRole.values:
        raise ValidationFailed(_("บทบาทไม่ถูกต้อง"), code="invalid_role", field="role")
    email = normalize_address(email)
    provinces = _provinces(role, province_codes or [])
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, full_name=_clean_name(full_name, field="full_name"))
        audit_record(
            actor=actor, action="accounts.user.created", target=user, after={"email": email}
        )
    if RoleGrant.objects.filter(user=user, role=role, revoked_at__isnull=True).exists():
        raise Conflict(_("ผู้ใช้นี้มีบทบาทนี้อยู่แล้ว"), code="role_already_granted")
    grant = RoleGrant.objects.create(user=user, role=role, granted_by=actor)
    grant.provinces.set(provinces)
    audit_record(
        actor=actor, action="accounts.role.granted", target=grant, after=_grant_state(grant)
    )
    permissions.forget(user)
    return grant


@transaction.atomic
def role_grant_set_provinces(
    *, actor: Any, grant: RoleGrant, province_codes: list[str]
) -> RoleGrant:
    if not permissions.is_platform_admin(actor):
        raise PermissionDenied()
    grant = RoleGrant.objects.select_for_update().get(pk=grant.pk)
    if grant.revoked_at:
        raise Conflict(code="role_revoked")
    before = _grant_state(grant)
    grant.provinces.set(_provinces(grant.role, province_codes))
    audit_record(
        actor=actor,
        action="accounts.role.provinces_changed",
        target=grant,
        before=before,
        after=_grant_state(grant),
    )
    return grant


@transaction.atomic
def role_revoke(*, actor: Any, grant: RoleGrant) -> RoleGrant:
    if not permissions.is_platform_admin(actor):
        raise PermissionDenied()
    grant = RoleGrant.objects.select_for_update().get(pk=grant.pk)
    if grant.revoked_at:
        return grant
    before = _grant_state(grant)
    grant.revoked_at = timezone.now()
    grant.save(update_fields=["revoked_at"])
    audit_record(
        actor=actor,
        action="accounts.role.revoked",
        target=grant,
        before=before,
        after=_grant_state(grant),
    )
    return grant


@transaction.atomic
def user_set_flags(
    *, actor: Any, user: User, is_active: bool, is_staff: bool, is_superuser: bool
) -> User:
    """Platform administrator status and deactivation; used by the admin site."""
    if not permissions.is_platform_admin(actor):
        raise PermissionDenied()
    if user.pk == actor.pk and not (is_active and is_superuser):
        raise Conflict(_("ไม่สามารถยกเลิกสิทธิ์ผู้ดูแลของตนเองได้"), code="cannot_demote_self")
    fields = ["is_active", "is_staff", "is_superuser"]
    before = {f: getattr(user, f) for f in fields}
    user.is_active, user.is_staff, user.is_superuser = is_active, is_staff, is_superuser
    user.save(update_fields=fields)
    audit_record(
        actor=actor,
        action="accounts.user.flags_changed",
        target=user,
        before=before,
        after={f: getattr(user, f) for f in fields},
    )
    return user
