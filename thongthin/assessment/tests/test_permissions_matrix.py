"""Every role against every sensitive assessment page and API endpoint.

Each cell asserts the exact status and, for a write, that the database changed exactly when the
role may make that change (a refused write leaves every assessment row, framework version and
audit event as it was). Reads of listings also assert whose assessments are revealed.

Semantics: LAO staff see their LAO's assessments; officers and LAO administrators prepare;
executives sign off, return and share; auditors read their provinces' assessments and change
nothing; everyone else gets 404 for an assessment's addresses (its existence is not revealed),
including platform and registry administrators and people whose LAO membership or auditor grant
has ended. Anonymous visitors are sent to sign in on pages
and get 401 from the API. The dashboard is for auditors only (403 otherwise); only content
editors change frameworks.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from thongthin.accounts.models import (
    LAORole,
    Membership,
    MembershipStatus,
    PlatformRole,
    RoleGrant,
)
from thongthin.accounts.tests.factories import (
    auditor,
    lao,
    member,
    platform_admin,
    platform_user,
    registry_admin,
)
from thongthin.assessment.models import (
    Answer,
    Assessment,
    CostLine,
    Evidence,
    Finding,
    FrameworkVersion,
)
from thongthin.assessment.services import assessments as svc
from thongthin.assessment.services import content as content_svc
from thongthin.assessment.services.frameworks import framework_draft_create
from thongthin.core.models import AuditEvent
from thongthin.registry.tests.factories import PDF

from .factories import FESTIVAL_FACTS, answer_everything, festival

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "officer_a",
    "executive_a",
    "admin_a",
    "officer_b",
    "admin_b",
    "auditor_50",
    "auditor_40",
    "content_editor",
    "registry_admin",
    "platform_admin",
    "removed_officer_a",  # was an officer of LAO A: the membership was removed
    "revoked_auditor_50",  # was an auditor of province 50: the grant was revoked
]
GROUPS: dict[str, tuple[str, ...]] = {
    "preparers_a": ("officer_a", "admin_a"),
    "staff_a": ("officer_a", "executive_a", "admin_a"),
    "staff_b": ("officer_b", "admin_b"),
    "readers_a": ("officer_a", "executive_a", "admin_a", "auditor_50"),
    "auditors": ("auditor_50", "auditor_40"),
    "signed_in": tuple(r for r in ROLES if r != "anonymous"),
}
LOGIN = 302  # pages send anonymous visitors to sign in (checked on the Location header)
PROJECT = "โครงการทดสอบสิทธิ์ของเทศบาลเมืองแม่เหียะ"
DRAFT_VERSION = "2568.9"


def expect(default: int, **spec: int) -> dict[str, int]:
    """Status by role: `default`, then each group or role in `spec` in order (later wins)."""
    result = dict.fromkeys(ROLES, default)
    for key, status in spec.items():
        for role in GROUPS.get(key, (key,)):
            result[role] = status
    return result


def roles(*keys: str) -> frozenset[str]:
    return frozenset(role for key in keys for role in GROUPS.get(key, (key,)))


# Statuses shared by many rows: an assessment's address is 404 for everyone who may not see it.
def on_assessment(*, readers: int = 404, **spec: int) -> dict[str, int]:
    return expect(404, anonymous=LOGIN, readers_a=readers, **spec)


def on_assessment_api(*, readers: int = 404, **spec: int) -> dict[str, int]:
    return expect(404, anonymous=401, readers_a=readers, **spec)


@dataclass(frozen=True)
class Case:
    name: str
    method: str
    url: Callable[[dict[str, Any]], str]
    expected: dict[str, int]
    writers: frozenset[str] = frozenset()  # roles whose request must change the database
    state: str = "draft"  # what the assessment has been through before the request
    data: Callable[[dict[str, Any]], dict[str, Any]] | None = None
    api: bool = False
    headers: dict[str, str] = field(default_factory=dict)
    reveals: frozenset[str] | None = None  # roles whose 200 response names the needle
    needle: Callable[[dict[str, Any]], str] = lambda w: str(w["a"].uid)


def _uid(path: str) -> Callable[[dict[str, Any]], str]:
    return lambda w: f"/assessments/{w['a'].uid}/{path}"


def _api(path: str = "") -> Callable[[dict[str, Any]], str]:
    return lambda w: f"/api/v1/assessments/{w['a'].uid}{path}"


def _const(value: Any) -> Callable[[dict[str, Any]], Any]:
    return lambda w: value


def _evidence_upload(w: dict[str, Any]) -> dict[str, Any]:
    return {"file": SimpleUploadedFile("หลักฐาน.pdf", PDF, content_type="application/pdf")}


NEW_FACTS = {
    "kind": "festival",
    "name": "งานลอยกระทง (สิทธิ์)",
    "fiscal_year": "2568",
    "amount": "120000",
    "funding_source": "annual_budget",
    "budget_announced_on": "20/09/2567",
}
CHANGED_FACTS = {
    **FESTIVAL_FACTS,
    "name": "ชื่อใหม่ที่ไม่ควรบันทึก",
    "budget_announced_on": "20/09/2567",
    "event_start": "15/11/2567",
    "event_end": "16/11/2567",
}
COST_LINE = {"category": "publicity", "description": "ป้ายประชาสัมพันธ์", "unit_cost": "500"}
CHECK_EDIT = {
    **{f"{name}_th": f"ข้อความใหม่ ({name})" for name in ("question", "help", "fail_message")},
    **{f"{name}_en": f"New text ({name})" for name in ("question", "help", "fail_message")},
    "recommendation_th": "คำแนะนำใหม่",
    "recommendation_en": "New advice",
    "severity": "major",
    "verification": "partly_verified",
}
API_CREATE = {
    "lao": "4500103",
    "kind": "subsidy",
    "fiscal_year": 2568,
    "name": "อุดหนุนที่ว่าการอำเภอ (สิทธิ์)",
    "amount": "50000",
    "funding_source": "annual_budget",
    "recipient_type": "government_agency",
}

PREPARE = {"preparers_a": 302, "executive_a": 403, "auditor_50": 403}
PREPARE_API = {"preparers_a": 200, "executive_a": 403, "auditor_50": 403}
SIGN = {"executive_a": 302, "preparers_a": 403, "auditor_50": 403}
SIGN_API = {"executive_a": 200, "preparers_a": 403, "auditor_50": 403}
SHARE = {"staff_a": 302, "auditor_50": 403}
SHARE_API = {"staff_a": 200, "auditor_50": 403}

CASES = [
    # --- The LAO's workspace ---------------------------------------------------------------
    Case(
        "list",
        "get",
        _const("/assessments/"),
        # auditors with no LAO are sent to their dashboard; people with no LAO get 404
        expect(404, anonymous=LOGIN, staff_a=200, staff_b=200, auditors=302),
        reveals=roles("staff_a"),
    ),
    Case(
        "new-kind",
        "get",
        _const("/assessments/new/4500103"),
        expect(404, anonymous=LOGIN, preparers_a=200),
    ),
    Case(
        "new-form",
        "get",
        _const("/assessments/new/4500103?kind=festival"),
        expect(404, anonymous=LOGIN, preparers_a=200),
    ),
    Case(
        "new-post",
        "post",
        _const("/assessments/new/4500103?kind=festival"),
        expect(404, anonymous=LOGIN, preparers_a=302),
        writers=roles("preparers_a"),
        data=_const(NEW_FACTS),
    ),
    Case("detail", "get", _uid(""), on_assessment(readers=200)),
    Case("facts", "get", _uid("facts"), on_assessment(readers=200)),
    Case(
        "facts-post",
        "post",
        _uid("facts"),
        on_assessment(**PREPARE),
        writers=roles("preparers_a"),
        data=_const(CHANGED_FACTS),
    ),
    Case(
        # without JavaScript a refused answer comes back to the question with the message
        "answer",
        "post",
        _uid("answer/P-27"),
        on_assessment(readers=302),
        writers=roles("preparers_a"),
        data=_const({"value": "2024-10-01"}),
    ),
    Case(
        "answer-htmx",
        "post",
        _uid("answer/P-27"),
        on_assessment(preparers_a=200, executive_a=403, auditor_50=403),
        writers=roles("preparers_a"),
        data=_const({"value": "2024-10-01"}),
        headers={"HX-Request": "true"},
    ),
    Case(
        "cost-line-add",
        "post",
        _uid("cost-lines"),
        on_assessment(**PREPARE),
        writers=roles("preparers_a"),
        data=_const(COST_LINE),
    ),
    Case(
        "cost-line-delete",
        "post",
        lambda w: f"/assessments/{w['a'].uid}/cost-lines/{w['line'].pk}/delete",
        on_assessment(**PREPARE),
        writers=roles("preparers_a"),
    ),
    Case(
        "evidence-upload",
        "post",
        _uid("evidence/P-27"),
        on_assessment(readers=302),
        writers=roles("preparers_a"),
        data=_evidence_upload,
    ),
    Case(
        "evidence-file",
        "get",
        lambda w: f"/assessments/{w['a'].uid}/evidence-file/{w['evidence'].pk}",
        on_assessment(readers=200),
    ),
    Case("report-pdf", "get", _uid("report.pdf"), on_assessment(readers=200)),
    Case(
        "submit",
        "post",
        _uid("submit"),
        on_assessment(**PREPARE),
        writers=roles("preparers_a"),
        state="complete",
    ),
    Case(
        "return",
        "post",
        _uid("return"),
        on_assessment(**SIGN),
        writers=roles("executive_a"),
        state="submitted",
        data=_const({"reason": "แนบหลักฐานไม่ครบ"}),
    ),
    Case(
        "sign-off",
        "post",
        _uid("sign-off"),
        on_assessment(**SIGN),
        writers=roles("executive_a"),
        state="submitted",
    ),
    Case(
        "revise",
        "post",
        _uid("revise"),
        on_assessment(**PREPARE),
        writers=roles("preparers_a"),
        state="signed_off",
    ),
    Case(
        "share",
        "post",
        _uid("share"),
        on_assessment(**SHARE),
        writers=roles("staff_a"),
        state="signed_off",
    ),
    Case(
        "unshare",
        "post",
        _uid("unshare"),
        on_assessment(**SHARE),
        writers=roles("staff_a"),
        state="shared",
    ),
    Case(
        "delete",
        "post",
        _uid("delete"),
        on_assessment(**PREPARE),
        writers=roles("preparers_a"),
    ),
    # --- Auditors' dashboard and public pages --------------------------------------------------
    Case(
        "dashboard",
        "get",
        _const("/assessments/dashboard"),
        expect(403, anonymous=LOGIN, auditors=200),
        reveals=roles("auditor_50"),
    ),
    Case(
        "dashboard-csv",
        "get",
        _const("/assessments/dashboard.csv"),
        expect(403, anonymous=LOGIN, auditors=200),
        reveals=roles("auditor_50"),
    ),
    Case(
        "dashboard-xlsx",
        "get",
        _const("/assessments/dashboard.xlsx"),
        expect(403, anonymous=LOGIN, auditors=200),
    ),
    Case(
        "shared",
        "get",
        lambda w: f"/assessments/shared/{w['a'].share_token}",
        expect(200),
        state="shared",
    ),
    Case(
        "shared-withdrawn",
        "get",
        lambda w: f"/assessments/shared/{w['old_token']}",
        expect(404),
        state="unshared",
    ),
    # Not registered in the Django admin: a superuser cannot browse assessments there either.
    Case(
        "django-admin",
        "get",
        _const("/admin/assessment/assessment/"),
        expect(302, platform_admin=404),
    ),
    # --- Frameworks ----------------------------------------------------------------------------
    Case("frameworks", "get", _const("/assessments/frameworks/"), expect(200)),
    Case(
        # drafts are listed for content editors only
        "frameworks-with-draft",
        "get",
        _const("/assessments/frameworks/"),
        expect(200),
        state="framework_draft",
        reveals=roles("content_editor"),
        needle=_const(DRAFT_VERSION),
    ),
    Case("framework", "get", _const("/assessments/frameworks/2568.1/"), expect(200)),
    Case(
        "framework-draft",
        "get",
        _const(f"/assessments/frameworks/{DRAFT_VERSION}/"),
        expect(404, content_editor=200),
        state="framework_draft",
    ),
    Case(
        # refused: back to the list with a message, nothing created
        "framework-new",
        "post",
        _const("/assessments/frameworks/new"),
        expect(302),
        writers=roles("content_editor"),
        data=_const({"version": "2568.7"}),
    ),
    Case(
        "framework-check",
        "get",
        _const(f"/assessments/frameworks/{DRAFT_VERSION}/checks/P-27"),
        expect(404, anonymous=LOGIN, content_editor=200),
        state="framework_draft",
    ),
    Case(
        "framework-check-post",
        "post",
        _const(f"/assessments/frameworks/{DRAFT_VERSION}/checks/P-27"),
        expect(404, anonymous=LOGIN, content_editor=302),
        writers=roles("content_editor"),
        state="framework_draft",
        data=_const(CHECK_EDIT),
    ),
    Case(
        "framework-parameter",
        "post",
        _const(f"/assessments/frameworks/{DRAFT_VERSION}/parameters/food_per_person_day"),
        expect(404, anonymous=LOGIN, content_editor=302),
        writers=roles("content_editor"),
        state="framework_draft",
        data=_const({"value": "120", "verification": "unverified"}),
    ),
    Case(
        "framework-publish",
        "post",
        _const(f"/assessments/frameworks/{DRAFT_VERSION}/publish"),
        expect(404, anonymous=LOGIN, content_editor=302),
        writers=roles("content_editor"),
        state="framework_draft",
    ),
    # --- API -----------------------------------------------------------------------------------
    Case(
        "api-list",
        "get",
        _const("/api/v1/assessments"),
        expect(200, anonymous=401),
        api=True,
        reveals=roles("readers_a"),
    ),
    Case(
        "api-create",
        "post",
        _const("/api/v1/assessments"),
        expect(403, anonymous=401, preparers_a=201),
        writers=roles("preparers_a"),
        api=True,
        data=_const(API_CREATE),
    ),
    Case("api-get", "get", _api(), on_assessment_api(readers=200), api=True),
    Case(
        "api-patch",
        "patch",
        _api(),
        on_assessment_api(**PREPARE_API),
        writers=roles("preparers_a"),
        api=True,
        data=_const({"amount": "60000"}),
    ),
    Case(
        "api-delete",
        "delete",
        _api(),
        on_assessment_api(preparers_a=204, executive_a=403, auditor_50=403),
        writers=roles("preparers_a"),
        api=True,
    ),
    Case(
        "api-answer",
        "put",
        _api("/answers/P-27"),
        on_assessment_api(**PREPARE_API),
        writers=roles("preparers_a"),
        api=True,
        data=_const({"value": "2024-10-01"}),
    ),
    Case(
        "api-cost-line-add",
        "post",
        _api("/cost-lines"),
        on_assessment_api(preparers_a=201, executive_a=403, auditor_50=403),
        writers=roles("preparers_a"),
        api=True,
        data=_const(COST_LINE),
    ),
    Case(
        "api-cost-line-delete",
        "delete",
        lambda w: f"/api/v1/assessments/{w['a'].uid}/cost-lines/{w['line'].pk}",
        on_assessment_api(**PREPARE_API),
        writers=roles("preparers_a"),
        api=True,
    ),
    Case(
        "api-submit",
        "post",
        _api("/submit"),
        on_assessment_api(**PREPARE_API),
        writers=roles("preparers_a"),
        api=True,
        state="complete",
    ),
    Case(
        "api-return",
        "post",
        _api("/return"),
        on_assessment_api(**SIGN_API),
        writers=roles("executive_a"),
        api=True,
        state="submitted",
        data=_const({"reason": "แนบหลักฐานไม่ครบ"}),
    ),
    Case(
        "api-sign-off",
        "post",
        _api("/sign-off"),
        on_assessment_api(**SIGN_API),
        writers=roles("executive_a"),
        api=True,
        state="submitted",
    ),
    Case(
        "api-revise",
        "post",
        _api("/revise"),
        on_assessment_api(preparers_a=201, executive_a=403, auditor_50=403),
        writers=roles("preparers_a"),
        api=True,
        state="signed_off",
    ),
    Case(
        "api-share",
        "post",
        _api("/share"),
        on_assessment_api(**SHARE_API),
        writers=roles("staff_a"),
        api=True,
        state="signed_off",
        data=_const({"shared": True}),
    ),
    Case(
        "api-unshare",
        "post",
        _api("/share"),
        on_assessment_api(**SHARE_API),
        writers=roles("staff_a"),
        api=True,
        state="shared",
        data=_const({"shared": False}),
    ),
]

STATES = ["draft", "complete", "submitted", "signed_off", "shared", "unshared"]


def _people() -> dict[str, Any]:
    lao_a, lao_b = lao("4500103"), lao("4400115")
    removed = member(lao_a, LAORole.OFFICER)
    Membership.objects.filter(user=removed).update(status=MembershipStatus.REMOVED)
    revoked = auditor(("50",))
    RoleGrant.objects.filter(user=revoked).update(revoked_at=timezone.now())
    return {
        "anonymous": None,
        "officer_a": member(lao_a, LAORole.OFFICER),
        "executive_a": member(lao_a, LAORole.EXECUTIVE),
        "admin_a": member(lao_a, LAORole.ADMIN),
        "officer_b": member(lao_b, LAORole.OFFICER),
        "admin_b": member(lao_b, LAORole.ADMIN),
        "auditor_50": auditor(("50",)),
        "auditor_40": auditor(("40",)),
        "content_editor": platform_user(PlatformRole.CONTENT_EDITOR),
        "registry_admin": registry_admin(),
        "platform_admin": platform_admin(),
        "removed_officer_a": removed,
        "revoked_auditor_50": revoked,
    }


def _world(state: str) -> dict[str, Any]:
    """LAO A's festival assessment (with a cost line and an evidence file) taken as far as
    `state`, and the people of every role."""
    people = _people()
    officer, executive = people["officer_a"], people["executive_a"]
    a = festival(officer, lao("4500103"), name=PROJECT)
    line = content_svc.cost_line_add(actor=officer, assessment=a, data=COST_LINE)
    evidence = content_svc.evidence_attach(
        actor=officer,
        assessment=a,
        check_id="P-27",
        upload=SimpleUploadedFile("แผน.pdf", PDF, content_type="application/pdf"),
    )
    world: dict[str, Any] = {"people": people, "line": line, "evidence": evidence}
    if state in STATES[1:]:
        a = answer_everything(officer, a)
    if state in STATES[2:]:
        a = svc.assessment_submit(actor=officer, assessment=a)
    if state in STATES[3:]:
        a = svc.assessment_sign_off(actor=executive, assessment=a)
    if state in STATES[4:]:
        a = svc.assessment_share(actor=executive, assessment=a, shared=True)
    if state == "unshared":
        world["old_token"] = a.share_token
        a = svc.assessment_share(actor=executive, assessment=a, shared=False)
    if state == "framework_draft":
        framework_draft_create(actor=people["content_editor"], version=DRAFT_VERSION)
    world["a"] = a
    return world


def _database() -> dict[str, Any]:
    """Everything a request about assessments could change."""

    def rows(model: Any, *fields: str) -> list[dict[str, Any]]:
        return list(model.objects.order_by("pk").values(*fields))

    return {
        "assessments": rows(Assessment),
        "answers": rows(Answer),
        "cost_lines": rows(CostLine),
        "evidence": rows(Evidence),
        "findings": rows(Finding),
        "frameworks": rows(FrameworkVersion, "pk", "version", "status", "sha256", "published_at"),
        "audit": rows(AuditEvent, "pk"),
    }


def _request(client: Any, case: Case, world: dict[str, Any]) -> Any:
    url = case.url(world)
    data = case.data(world) if case.data else None
    headers = case.headers
    if case.api:
        if case.method == "get":
            return client.get(url, headers=headers)
        body = json.dumps(data) if data is not None else ""
        return client.generic(
            case.method.upper(), url, body, content_type="application/json", headers=headers
        )
    if case.method == "get":
        return client.get(url, headers=headers)
    return client.post(url, data or {}, headers=headers)


def test_every_role_has_an_expectation_for_every_case():
    assert len({c.name for c in CASES}) == len(CASES)
    for case in CASES:
        assert set(case.expected) == set(ROLES), case.name
        assert case.writers <= set(ROLES), case.name


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_permission_matrix(client: Any, case: Case, role: str) -> None:
    # Given LAO A's assessment in the state the action needs, and a person in `role`
    world = _world(case.state)
    user = world["people"][role]
    if user is not None:
        client.force_login(user)
    before = _database()

    # When they make the request
    response = _request(client, case, world)

    # Then the status is exactly the expected one...
    expected = case.expected[role]
    assert response.status_code == expected, (
        f"{case.name} as {role}: {response.status_code}, expected {expected}"
    )
    if role == "anonymous" and expected == LOGIN and not case.url(world).startswith("/admin/"):
        assert response["Location"].startswith(reverse("accounts:sign_in")), response["Location"]
    # ...the database changed only for those who may make the change...
    changed = _database() != before
    assert changed == (role in case.writers), f"{case.name} as {role}: " + (
        "changed" if changed else "did not change"
    )
    # ...and a listing names the assessment only to those who may see it.
    if case.reveals is not None and response.status_code == 200:
        body = response.content.decode("utf-8-sig")
        assert (case.needle(world) in body) == (role in case.reveals), f"{case.name} as {role}"


def test_ids_of_another_assessment_are_not_reachable_through_your_own(client: Any) -> None:
    # Given LAO A's assessment with a cost line and evidence, and LAO B's own draft
    world = _world("draft")
    officer_b = world["people"]["officer_b"]
    own = festival(officer_b, lao("4400115"), name="งานบุญบั้งไฟ (สิทธิ์)")
    client.force_login(officer_b)
    before = _database()

    # When LAO B's officer names LAO A's cost line and evidence under LAO B's assessment
    line, evidence = world["line"].pk, world["evidence"].pk
    responses = [
        client.post(f"/assessments/{own.uid}/cost-lines/{line}/delete"),
        client.get(f"/assessments/{own.uid}/evidence-file/{evidence}"),
        client.delete(f"/api/v1/assessments/{own.uid}/cost-lines/{line}"),
    ]

    # Then nothing is found and nothing changes
    assert [r.status_code for r in responses] == [404, 404, 404]
    assert _database() == before
