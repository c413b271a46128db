from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def platform(request: HttpRequest) -> dict[str, Any]:
    """Roles for the navigation bar (computed lazily: most pages never ask)."""
    from thongthin.accounts import permissions

    user = getattr(request, "user", None)

    class _Nav:
        @property
        def registry_admin(self) -> bool:
            return permissions.is_registry_admin(user)

        @property
        def platform_admin(self) -> bool:
            return permissions.is_platform_admin(user)

        @property
        def auditor(self) -> bool:
            return permissions.is_auditor(user)

        @property
        def lao_staff(self) -> bool:
            return bool(permissions.lao_roles(user))

    return {"nav": _Nav()}
