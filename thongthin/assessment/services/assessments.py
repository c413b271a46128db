"""The LAO's workflow: an officer prepares, an executive signs off; every step audit-logged and
the result re-evaluated after every change. Answers, cost lines and evidence: content.py; what
the officer types is validated in facts.py."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thongthin.core.audit import audit_record, snapshot
from thongthin.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from thongthin.directory.models import LAO, LAOStatus

from ..evaluation import compact_result, evaluate_assessment
from ..framework.schema import ProjectKind
from ..models import (
    EDITABLE_STATUSES,
    Answer,
    Assessment,
    AssessmentStatus,
    CostLine,
    Evidence,
    Finding,
)
from ..permissions import can_prepare, can_share, can_sign
from .facts import FACT_FIELDS, _choice, _fiscal_year, _text, clean_facts
from .frameworks import framework_current

_STATE_FIELDS = ["status", "level", "score", "submitted_by", "signed_off_by", "return_reason"]


def _reevaluate(assessment: Assessment) -> Assessment:
    """Recompute the result and keep it on the assessment and as Finding rows."""
    ev = evaluate_assessment(assessment)
    assessment.level = ev.level or ""
    assessment.score = ev.score
    assessment.complete = ev.complete
    assessment.stop_failures = len(ev.stop_failures)
    assessment.result = compact_result(ev)
    assessment.save(
        update_fields=["level", "score", "complete", "stop_failures", "result", "updated_at"]
    )
    Finding.objects.filter(assessment=assessment).delete()
    Finding.objects.bulk_create(
        [
            Finding(
                assessment=assessment,
                check_id=f.check.id,
                topic=f.check.topic,
                severity=f.check.severity,
                result=f.result,
            )
            for f in ev.findings
            if f.applicable
        ]
    )
    return assessment


def _locked(assessment: Assessment) -> Assessment:
    locked = (
        Assessment.objects.select_for_update()
        .select_related("lao", "framework")
        .filter(pk=assessment.pk)
        .first()
    )
    if locked is None:
        raise NotFound(code="assessment_not_found")
    return locked


def _editable(assessment: Assessment, actor: Any) -> Assessment:
    assessment = _locked(assessment)
    if not can_prepare(actor, assessment.lao):
        raise PermissionDenied()
    if assessment.status not in EDITABLE_STATUSES:
        raise Conflict(
            _("แบบประเมินนี้ส่งแล้ว แก้ไขไม่ได้ หากต้องแก้ให้เริ่มฉบับแก้ไขใหม่"), code="assessment_read_only"
        )
    return assessment


@transaction.atomic
def assessment_create(
    *, actor: Any, lao: LAO, kind: str, fiscal_year: Any, facts: dict[str, Any]
) -> Assessment:
    if not can_prepare(actor, lao):
        raise PermissionDenied()
    if lao.status != LAOStatus.ACTIVE:
        raise Conflict(_("อปท. นี้ไม่อยู่ในทะเบียนปัจจุบันแล้ว"), code="lao_not_active")
    kind = _choice(kind, ProjectKind, "kind", required=True)
    year = _fiscal_year(fiscal_year)
    clean = clean_facts(facts)
    assessment = Assessment.objects.create(
        lao=lao,
        framework=framework_current(),
        kind=kind,
        fiscal_year=year,
        created_by=actor,
        **clean,
    )
    audit_record(
        actor=actor,
        action="assessment.created",
        target=assessment,
        lao=lao,
        after={"kind": kind, "fiscal_year": year, **snapshot(assessment, FACT_FIELDS)},
    )
    return _reevaluate(assessment)


@transaction.atomic
def assessment_update_facts(
    *, actor: Any, assessment: Assessment, facts: dict[str, Any]
) -> Assessment:
    assessment = _editable(assessment, actor)
    clean = clean_facts(facts)
    before = snapshot(assessment, FACT_FIELDS)
    for name, value in clean.items():
        setattr(assessment, name, value)
    assessment.save()
    after = snapshot(assessment, FACT_FIELDS)
    audit_record(
        actor=actor,
        action="assessment.facts_changed",
        target=assessment,
        lao=assessment.lao,
        before={k: v for k, v in before.items() if v != after[k]},
        after={k: v for k, v in after.items() if v != before[k]},
    )
    return _reevaluate(assessment)


def _transition(assessment: Assessment, actor: Any, action: str, **changes: Any) -> Assessment:
    before = snapshot(assessment, _STATE_FIELDS)
    for name, value in changes.items():
        setattr(assessment, name, value)
    assessment.save()
    audit_record(
        actor=actor,
        action=action,
        target=assessment,
        lao=assessment.lao,
        before=before,
        after=snapshot(assessment, _STATE_FIELDS),
    )
    return assessment


@transaction.atomic
def assessment_submit(*, actor: Any, assessment: Assessment) -> Assessment:
    """The officer sends a complete assessment to the executive; it becomes read-only."""
    assessment = _editable(assessment, actor)
    ev = evaluate_assessment(assessment)
    if not ev.complete:
        missing = [f.check.id for f in ev.applicable if f.result == "unanswered"]
        raise ValidationFailed(
            _("ยังตอบไม่ครบ %(count)s ข้อ: %(ids)s"),
            code="assessment_incomplete",
            params={"count": len(missing), "ids": ", ".join(missing[:15])},
        )
    return _transition(
        assessment,
        actor,
        "assessment.submitted",
        status=AssessmentStatus.SUBMITTED,
        submitted_by=actor,
        submitted_at=timezone.now(),
        return_reason="",
    )


def _for_signer(assessment: Assessment, actor: Any) -> Assessment:
    assessment = _locked(assessment)
    if not can_sign(actor, assessment.lao):
        raise PermissionDenied(_("เฉพาะผู้บริหารของ อปท. นี้ที่ลงนามหรือส่งกลับได้"))
    if assessment.status != AssessmentStatus.SUBMITTED:
        raise Conflict(_("ลงนามหรือส่งกลับได้เฉพาะแบบประเมินที่ส่งมาแล้ว"), code="assessment_not_submitted")
    return assessment


@transaction.atomic
def assessment_return(*, actor: Any, assessment: Assessment, reason: str) -> Assessment:
    assessment = _for_signer(assessment, actor)
    reason = _text(reason, "reason", max_length=2000, required=True)
    return _transition(
        assessment,
        actor,
        "assessment.returned",
        status=AssessmentStatus.RETURNED,
        return_reason=reason,
    )


@transaction.atomic
def assessment_sign_off(*, actor: Any, assessment: Assessment) -> Assessment:
    assessment = _for_signer(assessment, actor)
    return _transition(
        assessment,
        actor,
        "assessment.signed_off",
        status=AssessmentStatus.SIGNED_OFF,
        signed_off_by=actor,
        signed_off_at=timezone.now(),
    )


@transaction.atomic
def assessment_revise(*, actor: Any, assessment: Assessment) -> Assessment:
    """Start a new draft revision from a submitted or signed-off assessment, on the current
    framework. The original stays exactly as it was."""
    original = _locked(assessment)
    if not can_prepare(actor, original.lao):
        raise PermissionDenied()
    if original.status in EDITABLE_STATUSES:
        raise Conflict(_("แบบประเมินนี้ยังแก้ไขได้อยู่แล้ว"), code="assessment_still_editable")
    if original.revisions.exists():
        # Revisions form a chain; a new one starts from the latest, so numbers never repeat.
        raise Conflict(_("แบบประเมินนี้มีฉบับแก้ไขใหม่กว่าแล้ว ให้เริ่มจากฉบับล่าสุด"), code="revision_not_latest")
    framework = framework_current()
    copy = Assessment.objects.create(
        lao=original.lao,
        framework=framework,
        kind=original.kind,
        fiscal_year=original.fiscal_year,
        created_by=actor,
        revision=original.revision + 1,
        revision_of=original,
        **{name: getattr(original, name) for name in FACT_FIELDS},
    )
    fw = framework.parsed()
    Answer.objects.bulk_create(
        [
            Answer(assessment=copy, check_id=a.check_id, value=a.value, answered_by=actor)
            for a in original.answers.all()
            if fw.check(a.check_id) is not None
        ]
    )
    CostLine.objects.bulk_create(
        [
            CostLine(
                assessment=copy,
                category=c.category,
                description=c.description,
                quantity=c.quantity,
                unit_cost=c.unit_cost,
                persons=c.persons,
                days=c.days,
                position=c.position,
            )
            for c in original.cost_lines.all()
        ]
    )
    Evidence.objects.bulk_create(
        [
            Evidence(
                assessment=copy,
                check_id=e.check_id,
                file=e.file.name,
                original_name=e.original_name,
                content_type=e.content_type,
                size=e.size,
                sha256=e.sha256,
                uploaded_by=e.uploaded_by,
            )
            for e in original.evidence.all()
        ]
    )
    audit_record(
        actor=actor,
        action="assessment.revision_started",
        target=copy,
        lao=copy.lao,
        after={
            "revision_of": str(original.uid),
            "revision": copy.revision,
            "framework": framework.version,
        },
    )
    return _reevaluate(copy)


@transaction.atomic
def assessment_share(*, actor: Any, assessment: Assessment, shared: bool) -> Assessment:
    """Publish (or withdraw) a read-only report page at an unguessable address."""
    assessment = _locked(assessment)
    if not can_share(actor, assessment.lao):
        raise PermissionDenied()
    if shared and assessment.status != AssessmentStatus.SIGNED_OFF:
        raise Conflict(_("เผยแพร่ได้เฉพาะแบบประเมินที่ผู้บริหารลงนามแล้ว"), code="assessment_not_signed")
    from ..models import _share_token

    token = (assessment.share_token or _share_token()) if shared else ""
    return _transition(
        assessment,
        actor,
        "assessment.shared" if shared else "assessment.unshared",
        share_token=token,
    )


@transaction.atomic
def assessment_delete(*, actor: Any, assessment: Assessment) -> None:
    """Only a draft that was never submitted can be deleted; the audit log keeps its facts."""
    assessment = _editable(assessment, actor)
    if assessment.submitted_at is not None or assessment.status != AssessmentStatus.DRAFT:
        raise Conflict(_("ลบได้เฉพาะฉบับร่างที่ยังไม่เคยส่ง"), code="assessment_not_deletable")
    audit_record(
        actor=actor,
        action="assessment.deleted",
        target=assessment,
        lao=assessment.lao,
        before=snapshot(assessment, FACT_FIELDS),
    )
    evidence_files = [e.file for e in assessment.evidence.all()]
    assessment.delete()
    shared = set(
        Evidence.objects.filter(file__in=[f.name for f in evidence_files]).values_list(
            "file", flat=True
        )
    )

    def _cleanup() -> None:
        for f in evidence_files:
            if f.name not in shared:
                f.delete(save=False)

    transaction.on_commit(_cleanup)
