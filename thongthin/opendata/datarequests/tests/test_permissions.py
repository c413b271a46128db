"""Who may move a request's state: every role against every transition (and edit/delete)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from thongthin.accounts.models import LAORole
from thongthin.opendata.datarequests import permissions, services
from thongthin.opendata.tests import factories as f

pytestmark = pytest.mark.django_db

ANSWERS = {"in_progress", "fulfilled", "declined"}


@pytest.fixture
def people(org, other_org, requester, admin):
    return {
        "anonymous": AnonymousUser(),
        "stranger": f.UserFactory(),
        "requester": requester,
        "org_editor": f.editor(org),
        "org_admin": f.editor(org, capacity="admin"),
        "org_member": f.editor(org, capacity="member"),
        "lao_officer": f.member(org.lao, role=LAORole.OFFICER),
        "lao_admin": f.member(org.lao, role=LAORole.ADMIN),
        "other_org_editor": f.editor(other_org),
        "platform_admin": admin,
    }


EXPECTED = {
    "anonymous": set(),
    "stranger": set(),
    "requester": {"withdrawn"},
    "org_editor": ANSWERS,
    "org_admin": ANSWERS,
    "org_member": set(),
    "lao_officer": ANSWERS,
    "lao_admin": ANSWERS,
    "other_org_editor": set(),
    "platform_admin": ANSWERS,
}


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_who_may_move_an_open_request(people, datarequest, role):
    assert permissions.allowed_transitions(people[role], datarequest) == EXPECTED[role]


def test_without_an_organization_only_platform_admins_answer(people, requester):
    request = services.datarequest_create(actor=requester, title="ข้อมูลที่ไม่รู้ว่าใครมี")
    allowed = {role: permissions.allowed_transitions(u, request) for role, u in people.items()}
    assert allowed["platform_admin"] == ANSWERS
    assert allowed["org_editor"] == set() and allowed["lao_officer"] == set()
    assert allowed["requester"] == {"withdrawn"}


def test_in_progress_may_not_go_back_to_in_progress(people, datarequest):
    services.datarequest_transition(
        actor=people["org_editor"], datarequest=datarequest, to_state="in_progress"
    )
    datarequest.refresh_from_db()
    assert permissions.allowed_transitions(people["org_editor"], datarequest) == {
        "fulfilled",
        "declined",
    }


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_nobody_moves_a_closed_request(people, datarequest, role):
    services.datarequest_transition(
        actor=people["org_editor"], datarequest=datarequest, to_state="declined", reason="ไม่มีข้อมูลนี้"
    )
    datarequest.refresh_from_db()
    assert permissions.allowed_transitions(people[role], datarequest) == set()


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_the_service_enforces_the_same_rules(people, datarequest, public_dataset, role):
    from thongthin.core.errors import ApplicationError

    for state in ("in_progress", "withdrawn"):
        allowed = state in EXPECTED[role]
        try:
            services.datarequest_transition(
                actor=people[role], datarequest=datarequest, to_state=state
            )
        except ApplicationError:
            assert not allowed
        else:
            assert allowed
            return  # the request moved on; the other transition is another test's business


@pytest.mark.parametrize(
    ("role", "edit", "delete"),
    [
        ("anonymous", False, False),
        ("stranger", False, False),
        ("requester", True, True),
        ("org_editor", False, False),
        ("platform_admin", True, True),
    ],
)
def test_who_may_edit_and_delete(people, datarequest, role, edit, delete):
    assert permissions.can_edit(people[role], datarequest) is edit
    assert permissions.can_delete(people[role], datarequest) is delete


def test_the_requester_may_not_edit_once_answered(people, datarequest):
    services.datarequest_transition(
        actor=people["org_editor"], datarequest=datarequest, to_state="in_progress"
    )
    datarequest.refresh_from_db()
    assert not permissions.can_edit(people["requester"], datarequest)
    assert permissions.can_withdraw(people["requester"], datarequest)
