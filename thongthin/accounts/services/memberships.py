"""LAO staff: the central mailbox as the LAO's administrator, and the staff it invites."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thongthin.core.audit import audit_record, snapshot
from thongthin.core.errors import Conflict, PermissionDenied, ValidationFailed
from thongthin.core.mail import send_templated
from thongthin.core.text import normalize

from .. import permissions
from ..models import LAORole, Membership, MembershipStatus, User
from .emails import normalize_address

_FIELDS = ["user", "lao", "role", "status", "via_central_email"]
INVITABLE_ROLES = (LAORole.OFFICER, LAORole.EXECUTIVE)
MAX_NAME_LENGTH = 200


def _clean_name(value: str, *, field: str) -> str:
    name = normalize(value)
    if not name:
        raise ValidationFailed(_("กรุณากรอกชื่อ-นามสกุล"), code="name_required", field=field)
    if len(name) > MAX_NAME_LENGTH:
        raise ValidationFailed(
            _("ชื่อยาวเกิน %(max)s ตัวอักษร"),
            code="name_too_long",
            field=field,
            params={"max": MAX_NAME_LENGTH},
        )
    return name


@transaction.atomic
def central_admin_ensure(*, email: str, actor: Any = None) -> Membership | None:
    """If `email` is an LAO's approved central e-mail, make its account that LAO's administrator."""
    from thongthin.registry.selectors import approved_registration_for_email

    registration = approved_registration_for_email(email)
    if registration is None:
        return None
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, full_name=registration.lao.display_name_th)
        audit_record(
            actor=actor, action="accounts.user.created", target=user, after={"email": email}
        )
    membership, created = Membership.objects.select_for_update().get_or_create(
        user=user,
        lao=registration.lao,
        defaults={
            "role": LAORole.ADMIN,
            "status": MembershipStatus.ACTIVE,
            "via_central_email": True,
            "activated_at": timezone.now(),
        },
    )
    if created:
        audit_record(
            actor=actor,
            action="accounts.membership.central_admin_granted",
            target=membership,
            after=snapshot(membership, _FIELDS),
            lao=registration.lao,
        )
    elif (membership.role, membership.status) != (LAORole.ADMIN, MembershipStatus.ACTIVE):
        before = snapshot(membership, _FIELDS)
        membership.role, membership.status = LAORole.ADMIN, MembershipStatus.ACTIVE
        membership.via_central_email, membership.removed_at = True, None
        membership.save()
        audit_record(
            actor=actor,
            action="accounts.membership.central_admin_granted",
            target=membership,
            before=before,
            after=snapshot(membership, _FIELDS),
            lao=registration.lao,
        )
    permissions.forget(user)
    return membership


@transaction.atomic
def central_admin_remove(*, lao: Any, email: str, actor: Any) -> None:
    """The central e-mail was replaced or revoked: its mailbox is no longer the administrator."""
    for membership in (
        Membership.objects.select_for_update()
        .filter(lao=lao, user__email=email, via_central_email=True)
        .exclude(status=MembershipStatus.REMOVED)
    ):
        before = snapshot(membership, _FIELDS)
        membership.status, membership.removed_at = MembershipStatus.REMOVED, timezone.now()
        membership.save(update_fields=["status", "removed_at"])
        audit_record(
            actor=actor,
            action="accounts.membership.central_admin_removed",
            target=membership,
            before=before,
            after=snapshot(membership, _FIELDS),
            lao=lao,
        )


@transaction.atomic
def membership_invite(
    *, lao: Any, actor: Any, email: str, full_name: str, title: str = "", role: str
) -> Membership:
    """The LAO's administrator invites a person by their own e-mail with a role."""
    if not permissions.can_manage_lao(actor, lao):
        raise PermissionDenied()
    email = normalize_address(email)
    full_name = _clean_name(full_name, field="full_name")
    if role not in INVITABLE_ROLES:
        raise ValidationFailed(_("บทบาทไม่ถูกต้อง"), code="invalid_role", field="role")
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, full_name=full_name, title=normalize(title)[:40])
        audit_record(
            actor=actor,
            action="accounts.user.created",
            target=user,
            after={"email": email},
            lao=lao,
        )
    membership = Membership.objects.select_for_update().filter(user=user, lao=lao).first()
    if membership is not None and membership.status != MembershipStatus.REMOVED:
        raise Conflict(
            _("%(email)s เป็นสมาชิกของ อปท. นี้อยู่แล้ว"), code="already_member", params={"email": email}
        )
    before = snapshot(membership, _FIELDS) if membership else None
    if membership is None:
        membership = Membership(user=user, lao=lao)
    membership.role, membership.status = role, MembershipStatus.INVITED
    membership.invited_by, membership.removed_at = actor, None
    # A former central mailbox invited back is ordinary staff, not the fixed administrator.
    membership.via_central_email = False
    membership.save()
    audit_record(
        actor=actor,
        action="accounts.membership.invited",
        target=membership,
        before=before,
        after=snapshot(membership, _FIELDS),
        lao=lao,
    )
    send_templated(
        to=email,
        template="accounts/email/invitation",
        context={"lao": lao, "role": membership.get_role_display(), "inviter": actor},
    )
    return membership


def _editable(membership: Membership, actor: Any) -> None:
    if not permissions.can_manage_lao(actor, membership.lao):
        raise PermissionDenied()
    if membership.via_central_email:
        raise Conflict(
            _("บัญชีอีเมลกลางเป็นผู้ดูแล อปท. เสมอ เปลี่ยนได้โดยเปลี่ยนอีเมลกลางในทะเบียน"),
            code="central_admin_fixed",
        )


@transaction.atomic
def membership_change_role(*, membership: Membership, actor: Any, role: str) -> Membership:
    membership = Membership.objects.select_for_update().select_related("lao").get(pk=membership.pk)
    _editable(membership, actor)
    if role not in INVITABLE_ROLES:
        raise ValidationFailed(_("บทบาทไม่ถูกต้อง"), code="invalid_role", field="role")
    if membership.status == MembershipStatus.REMOVED:
        raise Conflict(code="membership_removed")
    before = snapshot(membership, _FIELDS)
    membership.role = role
    membership.save(update_fields=["role"])
    audit_record(
        actor=actor,
        action="accounts.membership.role_changed",
        target=membership,
        before=before,
        after=snapshot(membership, _FIELDS),
        lao=membership.lao,
    )
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, actor: Any) -> Membership:
    membership = Membership.objects.select_for_update().select_related("lao").get(pk=membership.pk)
    _editable(membership, actor)
    if membership.status == MembershipStatus.REMOVED:
        return membership
    before = snapshot(membership, _FIELDS)
    membership.status, membership.removed_at = MembershipStatus.REMOVED, timezone.now()
    membership.save(update_fields=["status", "removed_at"])
    audit_record(
        actor=actor,
        action="accounts.membership.removed",
        target=membership,
        before=before,
        after=snapshot(membership, _FIELDS),
        lao=membership.lao,
    )
    return membership
