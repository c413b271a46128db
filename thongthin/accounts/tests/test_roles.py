"""Platform roles: granted and revoked by platform administrators only, every change audited."""

from __future__ import annotations

import pytest

from thongthin.accounts import permissions
from thongthin.accounts.models import LAORole, PlatformRole, RoleGrant, User
from thongthin.accounts.services.roles import (
    role_grant,
    role_grant_set_provinces,
    role_revoke,
    user_set_flags,
)
from thongthin.accounts.tests.factories import (
    UserFactory,
    auditor,
    lao,
    member,
    platform_admin,
    registry_admin,
)
from thongthin.core.errors import Conflict, PermissionDenied, ValidationFailed
from thongthin.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin():
    return platform_admin(email="root@thongthin.example")


def _grant_events(grant: RoleGrant, action: str) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(
            action=action, target_type="accounts.rolegrant", target_id=str(grant.pk)
        )
    )


def test_platform_admin_grants_an_auditor_with_provinces(admin):
    grant = role_grant(
        actor=admin,
        email="Auditor@OAG.example",
        full_name="นายตรวจ สอบดี",
        role=PlatformRole.AUDITOR,
        province_codes=["50", "40", "50"],
    )
    user = User.objects.get(email="auditor@oag.example")
    assert grant.user == user and grant.granted_by == admin
    assert sorted(grant.provinces.values_list("code", flat=True)) == ["40", "50"]
    assert permissions.is_auditor(user)
    [event] = _grant_events(grant, "accounts.role.granted")
    assert event.actor == admin and event.before is None
    assert event.after == {
        "user": "auditor@oag.example",
        "role": "auditor",
        "provinces": ["40", "50"],
        "revoked_at": None,
    }
    assert AuditEvent.objects.filter(action="accounts.user.created", target_id=str(user.pk))


def test_grant_to_an_existing_user_keeps_the_account(admin):
    user = UserFactory(email="existing@example.com", full_name="นางเดิม อยู่แล้ว")
    grant = role_grant(
        actor=admin, email="existing@example.com", full_name="", role=PlatformRole.REGISTRY_ADMIN
    )
    assert grant.user == user
    assert User.objects.get(pk=user.pk).full_name == "นางเดิม อยู่แล้ว"
    assert permissions.is_registry_admin(User.objects.get(pk=user.pk))


@pytest.mark.parametrize("codes", [[], None])
def test_auditor_needs_at_least_one_province(admin, codes):
    with pytest.raises(ValidationFailed) as exc:
        role_grant(
            actor=admin,
            email="a@example.com",
            full_name="นายเอ",
            role=PlatformRole.AUDITOR,
            province_codes=codes,
        )
    assert exc.value.code == "auditor_needs_provinces" and exc.value.field == "provinces"
    assert "อย่างน้อยหนึ่งจังหวัด" in exc.value.render()
    assert not RoleGrant.objects.exists()
    assert not User.objects.filter(email="a@example.com").exists()


@pytest.mark.parametrize("codes", [["99"], ["50", "xx"], ["' OR 1=1 --"], ["5" * 10_000]])
def test_unknown_provinces_are_refused(admin, codes):
    with pytest.raises(ValidationFailed) as exc:
        role_grant(
            actor=admin,
            email="a@example.com",
            full_name="นายเอ",
            role=PlatformRole.AUDITOR,
            province_codes=codes,
        )
    assert exc.value.code == "unknown_province"
    assert not RoleGrant.objects.exists()


@pytest.mark.parametrize("role", ["superuser", "", "admin", "auditor' --"])
def test_unknown_roles_are_refused(admin, role):
    with pytest.raises(ValidationFailed) as exc:
        role_grant(actor=admin, email="a@example.com", full_name="นายเอ", role=role)
    assert exc.value.code == "invalid_role"
    assert not RoleGrant.objects.exists()


def test_new_user_needs_a_name(admin):
    with pytest.raises(ValidationFailed) as exc:
        role_grant(actor=admin, email="new@example.com", full_name="", role="registry_admin")
    assert exc.value.code == "name_required"
    assert not User.objects.filter(email="new@example.com").exists()


@pytest.mark.parametrize(
    "make_actor",
    [
        lambda: registry_admin(),
        lambda: auditor(),
        lambda: member(lao("4500103"), LAORole.ADMIN),
        lambda: UserFactory(is_staff=True),  # staff without superuser is not a platform admin
        lambda: platform_admin(is_active=False),
    ],
)
def test_only_platform_admins_grant_and_revoke(admin, make_actor):
    actor = make_actor()
    with pytest.raises(PermissionDenied):
        role_grant(actor=actor, email="x@example.com", full_name="นายเอ", role="registry_admin")
    grant = role_grant(actor=admin, email="x@example.com", full_name="นายเอ", role="auditor",
                       province_codes=["50"])  # fmt: skip
    with pytest.raises(PermissionDenied):
        role_revoke(actor=actor, grant=grant)
    with pytest.raises(PermissionDenied):
        role_grant_set_provinces(actor=actor, grant=grant, province_codes=["40"])
    grant.refresh_from_db()
    assert grant.revoked_at is None
    assert list(grant.provinces.values_list("code", flat=True)) == ["50"]


def test_the_same_role_cannot_be_granted_twice(admin):
    role_grant(actor=admin, email="twice@example.com", full_name="นายสอง", role="registry_admin")
    with pytest.raises(Conflict) as exc:
        role_grant(actor=admin, email="twice@example.com", full_name="", role="registry_admin")
    assert exc.value.code == "role_already_granted"
    assert RoleGrant.objects.filter(user__email="twice@example.com").count() == 1


def test_revoke_ends_the_role_and_can_be_granted_again(admin):
    grant = role_grant(
        actor=admin, email="rev@example.com", full_name="นายถอน", role="auditor",
        province_codes=["50"],
    )  # fmt: skip
    revoked = role_revoke(actor=admin, grant=grant)
    assert revoked.revoked_at is not None
    user = User.objects.get(email="rev@example.com")
    assert not permissions.is_auditor(user)
    assert permissions.auditor_province_ids(user) == set()
    [event] = _grant_events(grant, "accounts.role.revoked")
    assert event.before["revoked_at"] is None and event.after["revoked_at"] is not None
    # Revoking twice is harmless and not logged again.
    role_revoke(actor=admin, grant=grant)
    assert len(_grant_events(grant, "accounts.role.revoked")) == 1
    again = role_grant(
        actor=admin, email="rev@example.com", full_name="", role="auditor", province_codes=["40"]
    )
    assert again.pk != grant.pk
    assert permissions.auditor_province_ids(User.objects.get(pk=user.pk)) == {
        again.provinces.get().pk
    }


def test_auditor_provinces_can_change_but_not_to_none(admin):
    grant = role_grant(
        actor=admin, email="move@example.com", full_name="นายย้าย", role="auditor",
        province_codes=["50"],
    )  # fmt: skip
    role_grant_set_provinces(actor=admin, grant=grant, province_codes=["40", "10"])
    assert sorted(grant.provinces.values_list("code", flat=True)) == ["10", "40"]
    [event] = _grant_events(grant, "accounts.role.provinces_changed")
    assert (event.before["provinces"], event.after["provinces"]) == (["50"], ["10", "40"])
    with pytest.raises(ValidationFailed):
        role_grant_set_provinces(actor=admin, grant=grant, province_codes=[])
    assert sorted(grant.provinces.values_list("code", flat=True)) == ["10", "40"]
    role_revoke(actor=admin, grant=grant)
    with pytest.raises(Conflict):
        role_grant_set_provinces(actor=admin, grant=grant, province_codes=["50"])


def test_user_flags_are_audited_and_admins_cannot_demote_themselves(admin):
    user = UserFactory()
    user_set_flags(actor=admin, user=user, is_active=True, is_staff=True, is_superuser=True)
    user.refresh_from_db()
    assert user.is_superuser and permissions.is_platform_admin(user)
    event = AuditEvent.objects.get(action="accounts.user.flags_changed", target_id=str(user.pk))
    assert event.before == {"is_active": True, "is_staff": False, "is_superuser": False}
    assert event.after == {"is_active": True, "is_staff": True, "is_superuser": True}
    with pytest.raises(Conflict) as exc:
        user_set_flags(actor=admin, user=admin, is_active=True, is_staff=True, is_superuser=False)
    assert exc.value.code == "cannot_demote_self"
    with pytest.raises(PermissionDenied):
        user_set_flags(actor=registry_admin(), user=user, is_active=False, is_staff=False,
                       is_superuser=False)  # fmt: skip
