from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from thongthin.core.errors import NotFound, PermissionDenied

from . import permissions
from .models import Membership, MembershipStatus, RoleGrant


def memberships_of(user: Any) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user)
        .exclude(status=MembershipStatus.REMOVED)
        .select_related("lao", "lao__province")
        .order_by("lao__display_name_th")
    )


def members_of(lao: Any) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(lao=lao)
        .exclude(status=MembershipStatus.REMOVED)
        .select_related("user")
        .order_by("-via_central_email", "role", "user__full_name")
    )


def membership_of_lao(*, lao: Any, pk: int) -> Membership:
    membership = Membership.objects.select_related("lao", "user").filter(lao=lao, pk=pk).first()
    if membership is None:
        raise NotFound(code="membership_not_found")
    return membership


def active_grants_of(user: Any) -> QuerySet[RoleGrant]:
    return RoleGrant.objects.filter(user=user, revoked_at__isnull=True).prefetch_related(
        "provinces"
    )


def active_grants() -> QuerySet[RoleGrant]:
    return (
        RoleGrant.objects.filter(revoked_at__isnull=True)
        .select_related("user")
        .prefetch_related("provinces")
        .order_by("role", "user__email")
    )


def grant_get(*, actor: Any, pk: int) -> RoleGrant:
    if not permissions.is_platform_admin(actor):
        raise PermissionDenied()
    grant = RoleGrant.objects.filter(pk=pk).first()
    if grant is None:
        raise NotFound(code="grant_not_found")
    return grant
