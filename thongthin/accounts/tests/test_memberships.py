"""LAO staff: the central mailbox is the administrator; it invites officers and executives."""

from __future__ import annotations

import pytest

from thongthin.accounts import permissions
from thongthin.accounts.models import LAORole, Membership, MembershipStatus, User
from thongthin.accounts.services.memberships import (
    central_admin_ensure,
    membership_change_role,
    membership_invite,
    membership_remove,
)
from thongthin.accounts.tests.factories import auditor, lao, member, platform_admin, registry_admin
from thongthin.core.errors import Conflict, PermissionDenied, ValidationFailed
from thongthin.core.models import AuditEvent
from thongthin.registry.tests.factories import approved

pytestmark = pytest.mark.django_db


@pytest.fixture
def maehia():
    return lao("4500103")


@pytest.fixture
def admin(maehia):
    """The LAO's administrator, the way it really comes to be: its central e-mail approved."""
    approved(maehia, "saraban@maehia.go.th")
    return User.objects.get(email="saraban@maehia.go.th")


def _invite(the_lao, actor, email="staff@example.com", role=LAORole.OFFICER, **kwargs):  # type: ignore[no-untyped-def]
    return membership_invite(
        lao=the_lao,
        actor=actor,
        email=email,
        full_name=kwargs.pop("full_name", "นางสาวสมใจ ใจดี"),
        role=role,
        **kwargs,
    )


def _events(membership: Membership, action: str) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(
            action=action, target_type="accounts.membership", target_id=str(membership.pk)
        )
    )


def test_approved_central_email_is_the_lao_admin(admin, maehia):
    membership = Membership.objects.get(user=admin, lao=maehia)
    assert (membership.role, membership.status) == (LAORole.ADMIN, MembershipStatus.ACTIVE)
    assert membership.via_central_email
    assert permissions.can_manage_lao(admin, maehia)
    assert _events(membership, "accounts.membership.central_admin_granted")


def test_admin_invites_an_officer(admin, maehia, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        membership = _invite(
            maehia, admin, email=" Staff@Example.com ", title="นางสาว", role=LAORole.EXECUTIVE
        )
    assert membership.user.email == "staff@example.com"
    assert membership.user.title == "นางสาว"
    assert (membership.role, membership.status) == (LAORole.EXECUTIVE, MembershipStatus.INVITED)
    assert membership.invited_by == admin and not membership.via_central_email
    # The invited person is not staff until they sign in.
    assert not permissions.is_lao_staff(membership.user, maehia)
    [mail] = mailoutbox
    assert mail.to == ["staff@example.com"] and maehia.display_name_th in mail.subject
    [event] = _events(membership, "accounts.membership.invited")
    assert event.actor == admin and event.lao == maehia
    assert event.before is None
    assert event.after == {
        "user": membership.user_id,
        "lao": maehia.pk,
        "role": "executive",
        "status": "invited",
        "via_central_email": False,
    }


@pytest.mark.parametrize(
    "who",
    ["officer", "executive", "other_admin", "registry_admin", "auditor", "platform_admin", "anon"],
)
def test_only_the_lao_admin_may_invite(maehia, who):
    from django.contrib.auth.models import AnonymousUser

    other = lao("4400115")
    actor = {
        "officer": lambda: member(maehia, LAORole.OFFICER),
        "executive": lambda: member(maehia, LAORole.EXECUTIVE),
        "other_admin": lambda: member(other, LAORole.ADMIN),
        "registry_admin": registry_admin,
        "auditor": auditor,
        "platform_admin": platform_admin,
        "anon": AnonymousUser,
    }[who]()
    with pytest.raises(PermissionDenied):
        _invite(maehia, actor)
    assert not User.objects.filter(email="staff@example.com").exists()
    assert not Membership.objects.filter(lao=maehia, user__email="staff@example.com").exists()


@pytest.mark.parametrize("role", [LAORole.ADMIN, "superuser", "", "officer' OR 1=1 --"])
def test_only_officer_and_executive_may_be_invited(admin, maehia, role):
    with pytest.raises(ValidationFailed) as exc:
        _invite(maehia, admin, role=role)
    assert exc.value.code == "invalid_role" and exc.value.field == "role"
    assert exc.value.render() == "บทบาทไม่ถูกต้อง"
    assert not User.objects.filter(email="staff@example.com").exists()


@pytest.mark.parametrize(
    ("email", "full_name", "code"),
    [
        ("not-an-email", "นายสมชาย", "invalid_email"),
        ("", "นายสมชาย", "email_required"),
        ("x" * 10_000 + "@example.com", "นายสมชาย", "invalid_email"),
        ("staff@example.com", "", "name_required"),
        ("staff@example.com", "\u200b \u200b", "name_required"),
        ("staff@example.com", "ก" * 201, "name_too_long"),
    ],
)
def test_invite_input_is_validated(admin, maehia, email, full_name, code):
    with pytest.raises(ValidationFailed) as exc:
        _invite(maehia, admin, email=email, full_name=full_name)
    assert exc.value.code == code
    assert not Membership.objects.filter(lao=maehia).exclude(user=admin).exists()


def test_name_with_thai_marks_and_zero_width_is_cleaned(admin, maehia):
    membership = _invite(maehia, admin, full_name="นาง\u200bสาวสม\u0e34\u0e34ใจ  ใจดี")
    assert membership.user.full_name == "นางสาวสมิใจ ใจดี"


def test_duplicate_member_is_a_conflict(admin, maehia):
    _invite(maehia, admin)
    with pytest.raises(Conflict) as exc:
        _invite(maehia, admin, email="STAFF@example.com", role=LAORole.EXECUTIVE)
    assert exc.value.code == "already_member" and exc.value.status == 409
    assert "staff@example.com" in exc.value.render()
    assert Membership.objects.get(lao=maehia, user__email="staff@example.com").role == "officer"


def test_the_central_mailbox_cannot_be_invited_again(admin, maehia):
    with pytest.raises(Conflict) as exc:
        _invite(maehia, admin, email="saraban@maehia.go.th")
    assert exc.value.code == "already_member"


def test_removed_member_can_be_reinvited(admin, maehia):
    first = _invite(maehia, admin)
    membership_remove(membership=first, actor=admin)
    again = _invite(maehia, admin, role=LAORole.EXECUTIVE)
    assert again.pk == first.pk
    assert (again.role, again.status, again.removed_at) == (
        LAORole.EXECUTIVE,
        MembershipStatus.INVITED,
        None,
    )
    [event] = _events(again, "accounts.membership.invited")[:1]
    assert event.before["status"] == "removed" and event.after["status"] == "invited"


def test_reinvited_former_central_mailbox_is_ordinary_staff(admin, maehia):
    # The LAO moved its central e-mail; the old mailbox lost its administrator role.
    approved(maehia, "saraban.new@maehia.go.th")
    new_admin = User.objects.get(email="saraban.new@maehia.go.th")
    old = Membership.objects.get(user=admin, lao=maehia)
    assert old.status == MembershipStatus.REMOVED
    # The new administrator invites the old mailbox back as an officer.
    again = _invite(maehia, new_admin, email="saraban@maehia.go.th")
    assert again.pk == old.pk
    assert (again.role, again.via_central_email) == (LAORole.OFFICER, False)
    # ...and can therefore manage it like any other staff member.
    membership_remove(membership=again, actor=new_admin)


def test_admin_changes_a_role(admin, maehia):
    membership = _invite(maehia, admin)
    changed = membership_change_role(membership=membership, actor=admin, role=LAORole.EXECUTIVE)
    assert changed.role == LAORole.EXECUTIVE
    [event] = _events(membership, "accounts.membership.role_changed")
    assert (event.before["role"], event.after["role"]) == ("officer", "executive")
    assert event.actor == admin


@pytest.mark.parametrize("role", [LAORole.ADMIN, "boss"])
def test_role_change_cannot_make_an_admin(admin, maehia, role):
    membership = _invite(maehia, admin)
    with pytest.raises(ValidationFailed):
        membership_change_role(membership=membership, actor=admin, role=role)
    membership.refresh_from_db()
    assert membership.role == LAORole.OFFICER
    assert not _events(membership, "accounts.membership.role_changed")


def test_role_of_a_removed_member_cannot_change(admin, maehia):
    membership = membership_remove(membership=_invite(maehia, admin), actor=admin)
    with pytest.raises(Conflict) as exc:
        membership_change_role(membership=membership, actor=admin, role=LAORole.EXECUTIVE)
    assert exc.value.code == "membership_removed"


def test_admin_removes_a_member(admin, maehia):
    user = member(maehia, LAORole.OFFICER)
    membership = Membership.objects.get(user=user)
    removed = membership_remove(membership=membership, actor=admin)
    assert removed.status == MembershipStatus.REMOVED and removed.removed_at
    assert not permissions.is_lao_staff(User.objects.get(pk=user.pk), maehia)
    [event] = _events(membership, "accounts.membership.removed")
    assert (event.before["status"], event.after["status"]) == ("active", "removed")
    # Removing twice changes nothing and writes nothing.
    membership_remove(membership=membership, actor=admin)
    assert len(_events(membership, "accounts.membership.removed")) == 1


def test_the_central_email_admin_cannot_be_changed_or_removed(admin, maehia):
    membership = Membership.objects.get(user=admin, lao=maehia)
    with pytest.raises(Conflict) as exc:
        membership_change_role(membership=membership, actor=admin, role=LAORole.OFFICER)
    assert exc.value.code == "central_admin_fixed"
    with pytest.raises(Conflict) as exc:
        membership_remove(membership=membership, actor=admin)
    assert exc.value.code == "central_admin_fixed"
    membership.refresh_from_db()
    assert (membership.role, membership.status) == (LAORole.ADMIN, MembershipStatus.ACTIVE)


def test_staff_of_another_lao_cannot_change_or_remove(admin, maehia):
    membership = _invite(maehia, admin)
    other_admin = member(lao("4400115"), LAORole.ADMIN)
    officer = member(maehia, LAORole.OFFICER)
    for actor in (other_admin, officer):
        with pytest.raises(PermissionDenied):
            membership_change_role(membership=membership, actor=actor, role=LAORole.EXECUTIVE)
        with pytest.raises(PermissionDenied):
            membership_remove(membership=membership, actor=actor)
    membership.refresh_from_db()
    assert (membership.role, membership.status) == (LAORole.OFFICER, MembershipStatus.INVITED)


def test_central_admin_ensure_ignores_unregistered_addresses():
    assert central_admin_ensure(email="saraban@unknown.go.th") is None
    assert not User.objects.filter(email="saraban@unknown.go.th").exists()


def test_central_admin_ensure_is_idempotent(admin, maehia):
    before = AuditEvent.objects.count()
    again = central_admin_ensure(email="saraban@maehia.go.th")
    assert again == Membership.objects.get(user=admin, lao=maehia)
    assert AuditEvent.objects.count() == before
