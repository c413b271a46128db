from __future__ import annotations

import factory

from thongthin.accounts.models import (
    LAORole,
    Membership,
    MembershipStatus,
    PlatformRole,
    RoleGrant,
    User,
)
from thongthin.directory.models import LAO, Province


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    full_name = factory.Sequence(lambda n: f"นางสาวทดสอบ คนที่{n}")


def lao(code: str = "4500103") -> LAO:
    return LAO.objects.select_related("province").get(dla_code=code)


def member(lao_obj: LAO, role: str = LAORole.OFFICER, **kwargs) -> User:  # type: ignore[no-untyped-def]
    """A user with an active membership at the LAO."""
    user = UserFactory(**kwargs)
    Membership.objects.create(user=user, lao=lao_obj, role=role, status=MembershipStatus.ACTIVE)
    return user


def platform_user(role: str, provinces: tuple[str, ...] = (), **kwargs) -> User:  # type: ignore[no-untyped-def]
    user = UserFactory(**kwargs)
    grant = RoleGrant.objects.create(user=user, role=role)
    grant.provinces.set(Province.objects.filter(code__in=provinces))
    return user


def registry_admin(**kwargs) -> User:  # type: ignore[no-untyped-def]
    return platform_user(PlatformRole.REGISTRY_ADMIN, **kwargs)


def auditor(provinces: tuple[str, ...] = ("50",), **kwargs) -> User:  # type: ignore[no-untyped-def]
    return platform_user(PlatformRole.AUDITOR, provinces, **kwargs)


def platform_admin(**kwargs) -> User:  # type: ignore[no-untyped-def]
    return UserFactory(is_staff=True, is_superuser=True, **kwargs)
