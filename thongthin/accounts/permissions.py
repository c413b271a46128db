"""Who may do what. Every selector and service asks these questions; nothing else decides.

Results are cached on the user object for the length of a request.
"""

from __future__ import annotations

from typing import Any

from .models import LAORole, Membership, MembershipStatus, PlatformRole, RoleGrant


def _authenticated(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def _cache(user: Any) -> dict[str, Any]:
    cache = getattr(user, "_thongthin_permissions", None)
    if cache is None:
        cache = {}
        user._thongthin_permissions = cache
    return cache


def forget(user: Any) -> None:
    if user is not None and hasattr(user, "_thongthin_permissions"):
        del user._thongthin_permissions


def lao_roles(user: Any) -> dict[int, str]:
    """{lao_id: role} for the user's active memberships."""
    if not _authenticated(user):
        return {}
    cache = _cache(user)
    if "lao_roles" not in cache:
        cache["lao_roles"] = dict(
            Membership.objects.filter(user=user, status=MembershipStatus.ACTIVE).values_list(
                "lao_id", "role"
            )
        )
    return cache["lao_roles"]


def role_at(user: Any, lao: Any) -> str | None:
    return lao_roles(user).get(getattr(lao, "pk", lao))


def is_lao_staff(user: Any, lao: Any) -> bool:
    return role_at(user, lao) is not None


def can_manage_lao(user: Any, lao: Any) -> bool:
    """The LAO's administrator: edits its contact details, invites staff, gives roles."""
    return role_at(user, lao) == LAORole.ADMIN


def platform_roles(user: Any) -> set[str]:
    if not _authenticated(user):
        return set()
    cache = _cache(user)
    if "platform_roles" not in cache:
        cache["platform_roles"] = set(
            RoleGrant.objects.filter(user=user, revoked_at__isnull=True).values_list(
                "role", flat=True
            )
        )
    return cache["platform_roles"]


def is_platform_admin(user: Any) -> bool:
    return _authenticated(user) and bool(user.is_superuser)


def is_registry_admin(user: Any) -> bool:
    return PlatformRole.REGISTRY_ADMIN in platform_roles(user)


def is_auditor(user: Any) -> bool:
    return PlatformRole.AUDITOR in platform_roles(user)


def auditor_province_ids(user: Any) -> set[int]:
    """Provinces an auditor may read; empty for everyone else."""
    if not is_auditor(user):
        return set()
    cache = _cache(user)
    if "auditor_provinces" not in cache:
        cache["auditor_provinces"] = set(
            RoleGrant.provinces.through.objects.filter(
                rolegrant__user=user,
                rolegrant__role=PlatformRole.AUDITOR,
                rolegrant__revoked_at__isnull=True,
            ).values_list("province_id", flat=True)
        )
    return cache["auditor_provinces"]


def can_audit_lao(user: Any, lao: Any) -> bool:
    return lao.province_id in auditor_province_ids(user)


def is_content_editor(user: Any) -> bool:
    return PlatformRole.CONTENT_EDITOR in platform_roles(user)
