"""Every role against every sensitive page and endpoint.

LAO A is เทศบาลเมืองแม่เหียะ (Chiang Mai, province 50); LAO B is เทศบาลเมืองศิลา (Khon Kaen, 40).
Anonymous visitors are sent to sign in; signed-in people without the right get 403 and change
nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from thongthin.accounts import permissions
from thongthin.accounts.models import LAORole, Membership, MembershipStatus, User
from thongthin.accounts.tests.factories import (
    auditor,
    lao,
    member,
    platform_admin,
    registry_admin,
)
from thongthin.directory.models import LAO
from thongthin.registry.models import EmailRegistration, RegistrationStatus
from thongthin.registry.tests.factories import PDF, approved, verified

pytestmark = pytest.mark.django_db

A, B = "4500103", "4400115"

ROLES = [
    "anonymous",
    "a_officer",
    "a_executive",
    "a_admin",
    "b_admin",
    "auditor_50",
    "auditor_40",
    "registry_admin",
    "platform_admin",
]


@dataclass
class World:
    lao_a: LAO
    lao_b: LAO
    a_admin: User
    official: EmailRegistration  # A's published address (its letter is private)
    pending: EmailRegistration  # A's new address, waiting for DGA's review
    target: Membership  # an officer of A that staff actions aim at

    def actor(self, role: str) -> User | None:
        make: dict[str, Callable[[], User | None]] = {
            "anonymous": lambda: None,
            "a_officer": lambda: member(self.lao_a, LAORole.OFFICER),
            "a_executive": lambda: member(self.lao_a, LAORole.EXECUTIVE),
            "a_admin": lambda: self.a_admin,
            "b_admin": lambda: member(self.lao_b, LAORole.ADMIN),
            "auditor_50": lambda: auditor(("50",)),
            "auditor_40": lambda: auditor(("40",)),
            "registry_admin": registry_admin,
            "platform_admin": platform_admin,
        }
        return make[role]()


@pytest.fixture
def world() -> World:
    lao_a, lao_b = lao(A), lao(B)
    official = approved(lao_a, "saraban@maehia.go.th")
    pending = verified(lao_a, "saraban.new@maehia.go.th")
    target = Membership.objects.get(user=member(lao_a, LAORole.OFFICER, email="t@example.com"))
    return World(
        lao_a=lao_a,
        lao_b=lao_b,
        a_admin=User.objects.get(email="saraban@maehia.go.th"),
        official=official,
        pending=pending,
        target=target,
    )


@dataclass
class Endpoint:
    name: str
    method: str
    url: Callable[[World], str]
    allowed: frozenset[str]
    ok_status: int
    data: Callable[[World], dict[str, Any]] = lambda w: {}
    done: Callable[[World], bool] | None = None  # for writes: did the change happen?


def _status(registration: EmailRegistration) -> str:
    registration.refresh_from_db()
    return registration.status


ENDPOINTS = [
    Endpoint("contact GET", "get", lambda w: f"/laos/{A}/contact", frozenset({"a_admin"}), 200),
    Endpoint(
        "contact POST",
        "post",
        lambda w: f"/laos/{A}/contact",
        frozenset({"a_admin"}),
        302,
        data=lambda w: {"address": "ถนนใหม่", "phone": "053-999999", "website": ""},
        done=lambda w: LAO.objects.get(pk=w.lao_a.pk).phone == "053-999999",
    ),
    Endpoint("staff GET", "get", lambda w: f"/accounts/lao/{A}/staff", frozenset({"a_admin"}), 200),
    Endpoint(
        "staff invite",
        "post",
        lambda w: f"/accounts/lao/{A}/staff",
        frozenset({"a_admin"}),
        302,
        data=lambda w: {"full_name": "นายใหม่ มาแล้ว", "email": "new@example.com", "role": "officer"},
        done=lambda w: Membership.objects.filter(user__email="new@example.com").exists(),
    ),
    Endpoint(
        "staff role",
        "post",
        lambda w: f"/accounts/lao/{A}/staff/{w.target.pk}/role",
        frozenset({"a_admin"}),
        302,
        data=lambda w: {"role": "executive"},
        done=lambda w: Membership.objects.get(pk=w.target.pk).role == LAORole.EXECUTIVE,
    ),
    Endpoint(
        "staff remove",
        "post",
        lambda w: f"/accounts/lao/{A}/staff/{w.target.pk}/remove",
        frozenset({"a_admin"}),
        302,
        done=lambda w: Membership.objects.get(pk=w.target.pk).status == MembershipStatus.REMOVED,
    ),
    Endpoint(
        "review queue", "get", lambda w: "/registry/review", frozenset({"registry_admin"}), 200
    ),
    Endpoint(
        "review detail",
        "get",
        lambda w: f"/registry/review/{w.pending.pk}",
        frozenset({"registry_admin"}),
        200,
    ),
    Endpoint(
        "approve",
        "post",
        lambda w: f"/registry/review/{w.pending.pk}/approve",
        frozenset({"registry_admin"}),
        302,
        done=lambda w: _status(w.pending) == RegistrationStatus.APPROVED,
    ),
    Endpoint(
        "reject",
        "post",
        lambda w: f"/registry/review/{w.pending.pk}/reject",
        frozenset({"registry_admin"}),
        302,
        data=lambda w: {"reason": "หนังสือไม่ได้ลงนาม"},
        done=lambda w: _status(w.pending) == RegistrationStatus.REJECTED,
    ),
    Endpoint(
        "revoke",
        "post",
        lambda w: f"/registry/review/{w.official.pk}/revoke",
        frozenset({"registry_admin"}),
        302,
        data=lambda w: {"reason": "กล่องอีเมลสูญหาย"},
        done=lambda w: _status(w.official) == RegistrationStatus.REVOKED,
    ),
    Endpoint(
        "letter",
        "get",
        lambda w: f"/registry/letters/{w.official.pk}",
        frozenset({"registry_admin", "a_admin"}),
        200,
    ),
    Endpoint("roles GET", "get", lambda w: "/accounts/roles", frozenset({"platform_admin"}), 200),
    Endpoint(
        "roles POST",
        "post",
        lambda w: "/accounts/roles",
        frozenset({"platform_admin"}),
        302,
        data=lambda w: {
            "email": "reg@dga.example",
            "full_name": "นายทะเบียน",
            "role": "registry_admin",
        },
        done=lambda w: User.objects.filter(
            email="reg@dga.example", role_grants__isnull=False
        ).exists(),
    ),
]


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.name)
@pytest.mark.parametrize("role", ROLES)
def test_matrix(client, world, role, endpoint):
    actor = world.actor(role)
    if actor is not None:
        client.force_login(actor)
    response = getattr(client, endpoint.method)(endpoint.url(world), endpoint.data(world))
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/sign-in?next=")
    elif role in endpoint.allowed:
        assert response.status_code == endpoint.ok_status, response.content[:500]
    else:
        assert response.status_code == 403
    if endpoint.done is not None:
        assert endpoint.done(world) is (role in endpoint.allowed), "write allowed/refused wrongly"
    if endpoint.name == "letter" and response.status_code == 200:
        assert b"".join(response.streaming_content) == PDF  # type: ignore[attr-defined]
        assert response["X-Content-Type-Options"] == "nosniff"


def test_private_pages_of_lao_a_do_not_leak_to_lao_b(client, world):
    client.force_login(member(world.lao_b, LAORole.ADMIN))
    for url in [f"/accounts/lao/{A}/staff", f"/registry/letters/{world.pending.pk}"]:
        response = client.get(url)
        assert response.status_code == 403
        html = response.content.decode()
        assert "t@example.com" not in html and "saraban@maehia.go.th" not in html


def test_a_former_central_mailbox_loses_the_letters_and_staff_page(client, world):
    # DGA approves A's new address: the old mailbox is no longer A's administrator.
    from thongthin.registry.services import registration_approve

    registration_approve(registration=world.pending, actor=registry_admin())
    client.force_login(world.a_admin)
    assert client.get(f"/accounts/lao/{A}/staff").status_code == 403
    assert client.get(f"/registry/letters/{world.official.pk}").status_code == 403


def test_inactive_user_has_no_rights(world):
    world.a_admin.is_active = False
    world.a_admin.save()
    user = User.objects.get(pk=world.a_admin.pk)
    assert not permissions.can_manage_lao(user, world.lao_a)
    assert permissions.lao_roles(user) == {}


# --- Auditors see only their provinces -----------------------------------------------------


def test_auditor_province_scope(world):
    north = auditor(("50",))
    northeast = auditor(("40",))
    both = auditor(("50", "40"))
    chiang_mai, khon_kaen = world.lao_a.province, world.lao_b.province
    assert permissions.auditor_province_ids(north) == {chiang_mai.pk}
    assert permissions.auditor_province_ids(northeast) == {khon_kaen.pk}
    assert permissions.auditor_province_ids(both) == {chiang_mai.pk, khon_kaen.pk}
    assert permissions.can_audit_lao(north, world.lao_a)
    assert not permissions.can_audit_lao(north, world.lao_b)
    assert permissions.can_audit_lao(northeast, world.lao_b)
    assert not permissions.can_audit_lao(northeast, world.lao_a)
    # Another LAO in Chiang Mai is in scope; Bangkok is not.
    neighbour = LAO.objects.filter(province=chiang_mai).exclude(pk=world.lao_a.pk).first()
    assert neighbour is not None and permissions.can_audit_lao(north, neighbour)
    assert not permissions.can_audit_lao(north, lao("1100000"))


@pytest.mark.parametrize("role", ["a_admin", "b_admin", "registry_admin", "platform_admin"])
def test_non_auditors_have_no_provinces(world, role):
    user = world.actor(role)
    assert permissions.auditor_province_ids(user) == set()
    assert not permissions.can_audit_lao(user, world.lao_a)


def test_anonymous_has_no_rights(world):
    from django.contrib.auth.models import AnonymousUser

    anon = AnonymousUser()
    assert permissions.auditor_province_ids(anon) == set()
    assert not permissions.can_audit_lao(anon, world.lao_a)
    assert not permissions.can_manage_lao(anon, world.lao_a)
    assert not permissions.is_registry_admin(anon)
    assert not permissions.is_platform_admin(anon)
    assert not permissions.can_manage_lao(None, world.lao_a)


def test_revoked_auditor_loses_the_scope(world):
    from thongthin.accounts.models import RoleGrant

    user = auditor(("50",))
    RoleGrant.objects.filter(user=user).update(revoked_at="2024-01-01T00:00:00Z")
    fresh = User.objects.get(pk=user.pk)
    assert permissions.auditor_province_ids(fresh) == set()
    assert not permissions.can_audit_lao(fresh, world.lao_a)
