"""The LAO's workflow: create, answer as you go, cost lines, evidence, submit, return, sign off,
revise, share — with permissions, state guards, audit rows and nothing half-saved."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from thongthin.accounts.models import LAORole
from thongthin.accounts.tests.factories import UserFactory, auditor, lao, member
from thongthin.assessment.evaluation import evaluate_assessment
from thongthin.assessment.models import (
    Answer,
    Assessment,
    AssessmentStatus,
    CostLine,
    Evidence,
    Finding,
)
from thongthin.assessment.services import assessments as svc
from thongthin.assessment.services import content as content_svc
from thongthin.core.errors import Conflict, PermissionDenied, ValidationFailed
from thongthin.core.models import AuditEvent
from thongthin.registry.tests.factories import pdf_letter

from .factories import FESTIVAL_FACTS, answer_everything, festival, team

pytestmark = pytest.mark.django_db


def test_officer_creates_an_assessment_on_the_current_framework():
    t = team()
    a = festival(t["officer"], t["lao"])
    assert a.status == AssessmentStatus.DRAFT
    assert a.framework.version == "2568.1"
    assert a.amount == Decimal("150000.00")
    assert a.event_start == dt.date(2024, 11, 15)
    assert a.level == ""  # nothing answered yet: no level
    assert AuditEvent.objects.filter(action="assessment.created", target_id=str(a.pk)).exists()


@pytest.mark.parametrize("role", [LAORole.EXECUTIVE, None])
def test_only_officers_and_admins_start_assessments(role):
    target = lao()
    user = member(target, role) if role else UserFactory()
    with pytest.raises(PermissionDenied):
        festival(user, target)
    assert not Assessment.objects.exists()


def test_staff_of_another_lao_cannot_start_one_here():
    with pytest.raises(PermissionDenied):
        festival(member(lao("4400115"), LAORole.OFFICER), lao("4500103"))


@pytest.mark.parametrize(
    ("facts", "field", "code"),
    [
        ({"amount": "-5"}, "amount", "negative_amount"),
        ({"amount": "abc"}, "amount", "not_a_number"),
        ({"amount": ""}, "amount", "required"),
        ({"name": ""}, "name", "required"),
        ({"name": "ก" * 301}, "name", "too_long"),
        ({"funding_source": "lottery"}, "funding_source", "invalid_choice"),
        ({"budget_announced_on": "30/02/2567"}, "budget_announced_on", "invalid_date"),
        ({"event_start": "2024-11-16", "event_end": "2024-11-15"}, "event_end", None),
        ({"participants": "-1"}, "participants", "negative_amount"),
    ],
)
def test_bad_facts_are_refused_with_a_message_and_nothing_saved(facts, field, code):
    t = team()
    with pytest.raises(ValidationFailed) as err:
        festival(t["officer"], t["lao"], **facts)
    assert field in err.value.fields
    assert err.value.fields[field]
    assert not Assessment.objects.exists()
    assert not AuditEvent.objects.filter(action="assessment.created").exists()


@pytest.mark.parametrize("year", ["2024", "abc", "1500", "2600"])
def test_fiscal_year_must_be_a_recent_be_year(year):
    t = team()
    with pytest.raises(ValidationFailed) as err:
        svc.assessment_create(
            actor=t["officer"],
            lao=t["lao"],
            kind="festival",
            fiscal_year=year,
            facts=FESTIVAL_FACTS,
        )
    assert err.value.code == "invalid_fiscal_year"


def test_answers_save_as_given_and_the_result_updates():
    t = team()
    a = festival(t["officer"], t["lao"])
    # The operating plan announced 45 days after the budget: P-27 fails.
    a = content_svc.answer_save(
        actor=t["officer"], assessment=a, check_id="P-27", value="04/11/2567"
    )
    assert Answer.objects.get(assessment=a, check_id="P-27").value == "2024-11-04"
    assert Finding.objects.get(assessment=a, check_id="P-27").result == "fail"
    assert next(f for f in a.result["findings"] if f["check_id"] == "P-27")["details"]["days"] == 45
    message = next(f.message for f in evaluate_assessment(a).failed if f.check.id == "P-27")
    assert "45" in message and "30" in message
    # Corrected: passes; clearing with "unknown" makes it unanswered again.
    a = content_svc.answer_save(
        actor=t["officer"], assessment=a, check_id="P-27", value="2024-10-10"
    )
    assert Finding.objects.get(assessment=a, check_id="P-27").result == "pass"
    a = content_svc.answer_save(actor=t["officer"], assessment=a, check_id="P-27", value="unknown")
    assert not Answer.objects.filter(assessment=a, check_id="P-27").exists()
    saved = AuditEvent.objects.filter(action="assessment.answer_saved", target_id=str(a.pk))
    assert saved.count() == 3
    assert saved.order_by("id").last().before == {"P-27": "2024-10-10"}


@pytest.mark.parametrize(
    ("check_id", "value", "code"),
    [
        ("S1.2", "lao", "unknown_check"),  # a subsidy check on a festival
        ("Z9.9", "yes", "unknown_check"),
        ("P-27", "30/02/2567", "invalid_answer"),
        ("P-27", "yes", "invalid_answer"),
        ("G1", "yes", "invalid_answer"),  # computed: not answerable
    ],
)
def test_bad_answers_are_refused(check_id, value, code):
    t = team()
    a = festival(t["officer"], t["lao"])
    with pytest.raises(ValidationFailed) as err:
        content_svc.answer_save(actor=t["officer"], assessment=a, check_id=check_id, value=value)
    assert err.value.code == code
    assert not Answer.objects.filter(assessment=a).exists()


def test_cost_lines_drive_computed_checks():
    t = team()
    a = festival(t["officer"], t["lao"])
    content_svc.cost_line_add(
        actor=t["officer"],
        assessment=a,
        data={
            "category": "souvenirs",
            "description": "ผ้าขนหนูแจก",
            "quantity": "500",
            "unit_cost": "60",
        },
    )
    a.refresh_from_db()
    assert Finding.objects.get(assessment=a, check_id="G1").result == "fail"
    g1 = next(f.message for f in evaluate_assessment(a).failed if f.check.id == "G1")
    assert "ผ้าขนหนูแจก" in g1 and "30,000.00" in g1
    line = CostLine.objects.get(assessment=a)
    content_svc.cost_line_update(
        actor=t["officer"],
        line=line,
        data={"category": "venue_decoration", "quantity": "1", "unit_cost": "30000"},
    )
    assert Finding.objects.get(assessment=a, check_id="G1").result == "pass"
    content_svc.cost_line_delete(actor=t["officer"], line=CostLine.objects.get(assessment=a))
    assert Finding.objects.get(assessment=a, check_id="G1").result == "unanswered"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"category": "", "unit_cost": "1"}, "category"),
        ({"category": "nonsense", "unit_cost": "1"}, "category"),
        ({"category": "publicity", "unit_cost": "-1"}, "unit_cost"),
        ({"category": "publicity", "unit_cost": "1", "persons": "x"}, "persons"),
        ({"category": "publicity", "unit_cost": "1e20"}, "unit_cost"),
    ],
)
def test_bad_cost_lines_are_refused(data, field):
    t = team()
    a = festival(t["officer"], t["lao"])
    with pytest.raises(ValidationFailed) as err:
        content_svc.cost_line_add(actor=t["officer"], assessment=a, data=data)
    assert field in err.value.fields
    assert not CostLine.objects.exists()


def test_evidence_must_be_a_real_pdf_or_image(tmp_path):
    t = team()
    a = festival(t["officer"], t["lao"])
    fake = SimpleUploadedFile("mou.pdf", b"not a pdf at all", content_type="application/pdf")
    with pytest.raises(ValidationFailed) as err:
        content_svc.evidence_attach(actor=t["officer"], assessment=a, check_id="P-27", upload=fake)
    # The evidence's own words, not the registry letter's
    assert err.value.code == "file_bad_type" and err.value.field == "file"
    assert "หนังสือ" not in str(err.value.message)
    with pytest.raises(ValidationFailed) as err:
        content_svc.evidence_attach(actor=t["officer"], assessment=a, check_id="P-27", upload=None)
    assert err.value.code == "file_required" and "หนังสือนำส่ง" not in str(err.value.message)
    assert not Evidence.objects.exists()
    evidence = content_svc.evidence_attach(
        actor=t["officer"], assessment=a, check_id="P-27", upload=pdf_letter()
    )
    assert evidence.content_type == "application/pdf" and len(evidence.sha256) == 64


def test_full_workflow_submit_return_sign_off_and_read_only():
    t = team()
    a = festival(t["officer"], t["lao"])
    with pytest.raises(ValidationFailed) as err:
        svc.assessment_submit(actor=t["officer"], assessment=a)
    assert err.value.code == "assessment_incomplete"
    content_svc.cost_line_add(
        actor=t["officer"],
        assessment=a,
        data={"category": "venue_decoration", "quantity": "1", "unit_cost": "20000"},
    )
    a = answer_everything(t["officer"], a)
    assert a.complete
    a = svc.assessment_submit(actor=t["officer"], assessment=a)
    assert a.status == AssessmentStatus.SUBMITTED
    # Read-only once submitted.
    with pytest.raises(Conflict):
        content_svc.answer_save(
            actor=t["officer"], assessment=a, check_id="P-27", value="2024-10-01"
        )
    # The officer cannot sign off; the executive returns it with a reason.
    with pytest.raises(PermissionDenied):
        svc.assessment_sign_off(actor=t["officer"], assessment=a)
    with pytest.raises(ValidationFailed):
        svc.assessment_return(actor=t["executive"], assessment=a, reason="  ")
    a = svc.assessment_return(actor=t["executive"], assessment=a, reason="แนบ MOU ด้วย")
    assert a.status == AssessmentStatus.RETURNED and a.return_reason == "แนบ MOU ด้วย"
    a = svc.assessment_submit(actor=t["officer"], assessment=a)
    a = svc.assessment_sign_off(actor=t["executive"], assessment=a)
    assert a.status == AssessmentStatus.SIGNED_OFF and a.signed_off_by == t["executive"]
    with pytest.raises(Conflict):
        svc.assessment_sign_off(actor=t["executive"], assessment=a)
    actions = list(
        AuditEvent.objects.filter(
            target_id=str(a.pk),
            action__in=["assessment.submitted", "assessment.returned", "assessment.signed_off"],
        ).values_list("action", flat=True)
    )
    assert sorted(actions) == sorted(
        [
            "assessment.submitted",
            "assessment.returned",
            "assessment.submitted",
            "assessment.signed_off",
        ]
    )


def test_revision_copies_and_leaves_the_original_untouched():
    t = team()
    a = festival(t["officer"], t["lao"])
    content_svc.cost_line_add(
        actor=t["officer"],
        assessment=a,
        data={"category": "venue_decoration", "quantity": "1", "unit_cost": "20000"},
    )
    a = answer_everything(t["officer"], a)
    a = svc.assessment_sign_off(
        actor=t["executive"], assessment=svc.assessment_submit(actor=t["officer"], assessment=a)
    )
    original_result = a.result
    revision = svc.assessment_revise(actor=t["officer"], assessment=a)
    assert (
        revision.revision == 2
        and revision.revision_of == a
        and revision.status == AssessmentStatus.DRAFT
    )
    assert revision.answers.count() == a.answers.count()
    assert revision.cost_lines.count() == 1
    content_svc.answer_save(
        actor=t["officer"], assessment=revision, check_id="P-27", value="2024-12-31"
    )
    a.refresh_from_db()
    assert a.result == original_result
    assert a.answers.get(check_id="P-27").value != "2024-12-31"
    with pytest.raises(Conflict):
        svc.assessment_revise(actor=t["officer"], assessment=a)  # revisions start from the latest
    # Once revision 2 is signed off, revision 3 starts from it: numbers never repeat.
    revision = answer_everything(t["officer"], revision)
    revision = svc.assessment_sign_off(
        actor=t["executive"],
        assessment=svc.assessment_submit(actor=t["officer"], assessment=revision),
    )
    with pytest.raises(Conflict):
        svc.assessment_revise(actor=t["officer"], assessment=a)
    third = svc.assessment_revise(actor=t["officer"], assessment=revision)
    assert third.revision == 3 and third.revision_of == revision


def test_share_only_after_sign_off_and_can_be_withdrawn():
    t = team()
    a = festival(t["officer"], t["lao"])
    with pytest.raises(Conflict):
        svc.assessment_share(actor=t["officer"], assessment=a, shared=True)
    content_svc.cost_line_add(
        actor=t["officer"],
        assessment=a,
        data={"category": "venue_decoration", "quantity": "1", "unit_cost": "20000"},
    )
    a = answer_everything(t["officer"], a)
    a = svc.assessment_sign_off(
        actor=t["executive"], assessment=svc.assessment_submit(actor=t["officer"], assessment=a)
    )
    a = svc.assessment_share(actor=t["executive"], assessment=a, shared=True)
    assert len(a.share_token) >= 20
    a = svc.assessment_share(actor=t["executive"], assessment=a, shared=False)
    assert a.share_token == ""
    with pytest.raises(PermissionDenied):
        svc.assessment_share(actor=auditor(("50",)), assessment=a, shared=True)


def test_delete_only_a_never_submitted_draft():
    t = team()
    a = festival(t["officer"], t["lao"])
    svc.assessment_delete(actor=t["officer"], assessment=a)
    assert not Assessment.objects.exists()
    assert AuditEvent.objects.filter(action="assessment.deleted").exists()


def test_the_kept_result_is_small():
    import json

    t = team()
    a = festival(t["officer"], t["lao"])
    a = answer_everything(t["officer"], a)
    size = len(json.dumps(a.result, ensure_ascii=False).encode())
    assert size < 6000, size  # tens of thousands of assessments per year must stay cheap to keep
    assert {f["check_id"] for f in a.result["findings"]} == set(
        a.findings.values_list("check_id", flat=True)
    )
