"""The LAO's workflow: an officer prepares, an executive signs off; every step audit-logged and
the result re-evaluated after every change."""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thongthin.core.audit import audit_record, snapshot
from thongthin.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from thongthin.core.fiscal_year import FiscalYear
from thongthin.core.text import normalize
from thongthin.directory.models import LAO, LAOStatus
from thongthin.registry.letters import letter_check

from ..evaluation import compact_result, evaluate_assessment
from ..framework.evaluate import parse_answer
from ..framework.schema import AnswerType, FundingSource, ProjectKind, RecipientType, SportsMode
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
from .frameworks import framework_current

FACT_FIELDS = [
    "name", "amount", "funding_source", "plan_years", "plan_page", "plan_sequence",
    "recipient_name", "recipient_type", "event_name", "event_start", "event_end", "sports_mode",
    "participants", "budget_announced_on", "budget_transfer", "transfer_approved_on",
]  # fmt: skip
_STATE_FIELDS = ["status", "level", "score", "submitted_by", "signed_off_by", "return_reason"]
MAX_COST_LINES = 200
MAX_AMOUNT = Decimal("1e12")


def _amount(value: Any, field: str, *, required: bool = True) -> Decimal | None:
    if value in (None, ""):
        if required:
            raise ValidationFailed(_("กรุณากรอกจำนวนเงิน"), code="required", field=field)
        return None
    try:
        amount = Decimal(str(value).replace(",", "").strip())
    except (InvalidOperation, ValueError):
        raise ValidationFailed(_("ต้องเป็นตัวเลข"), code="not_a_number", field=field) from None
    if not amount.is_finite() or amount >= MAX_AMOUNT:
        raise ValidationFailed(_("จำนวนเงินไม่ถูกต้อง"), code="not_a_number", field=field)
    if amount < 0:
        raise ValidationFailed(_("จำนวนเงินต้องไม่ติดลบ"), code="negative_amount", field=field)
    return amount.quantize(Decimal("0.01"))


def _count(value: Any, field: str) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ValidationFailed(_("ต้องเป็นจำนวนเต็ม"), code="not_a_number", field=field) from None
    if number < 0 or number > 10_000_000:
        raise ValidationFailed(_("จำนวนต้องไม่ติดลบ"), code="negative_amount", field=field)
    return number


def _text(value: Any, field: str, *, max_length: int, required: bool = False) -> str:
    text = normalize(value)
    if required and not text:
        raise ValidationFailed(_("กรุณากรอกข้อมูลช่องนี้"), code="required", field=field)
    if len(text) > max_length:
        raise ValidationFailed(
            _("ยาวเกิน %(max)s ตัวอักษร"), code="too_long", field=field, params={"max": max_length}
        )
    return text


def _choice(value: Any, choices: Any, field: str, *, required: bool = False) -> str:
    value = (value or "").strip() if isinstance(value, str) else value
    if not value:
        if required:
            raise ValidationFailed(_("กรุณาเลือก"), code="required", field=field)
        return ""
    if value not in choices.values:
        raise ValidationFailed(_("ตัวเลือกไม่ถูกต้อง"), code="invalid_choice", field=field)
    return str(value)


def _date(value: Any, field: str) -> dt.date | None:
    from thongthin.core.thai_dates import ThaiDateError, parse_date

    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return parse_date(str(value)[:40])
    except ThaiDateError as exc:
        raise ValidationFailed(exc.message, code="invalid_date", field=field) from None


def clean_facts(data: dict[str, Any]) -> dict[str, Any]:
    """Validate the project facts; collect every problem before raising."""
    checks = {
        "name": lambda v: _text(v, "name", max_length=300, required=True),
        "amount": lambda v: _amount(v, "amount"),
        "funding_source": lambda v: _choice(v, FundingSource, "funding_source", required=True),
        "plan_years": lambda v: _text(v, "plan_years", max_length=20),
        "plan_page": lambda v: _text(v, "plan_page", max_length=10),
        "plan_sequence": lambda v: _text(v, "plan_sequence", max_length=10),
        "recipient_name": lambda v: _text(v, "recipient_name", max_length=300),
        "recipient_type": lambda v: _choice(v, RecipientType, "recipient_type"),
        "event_name": lambda v: _text(v, "event_name", max_length=300),
        "event_start": lambda v: _date(v, "event_start"),
        "event_end": lambda v: _date(v, "event_end"),
        "sports_mode": lambda v: _choice(v, SportsMode, "sports_mode"),
        "participants": lambda v: _count(v, "participants"),
        "budget_announced_on": lambda v: _date(v, "budget_announced_on"),
        "budget_transfer": lambda v: (
            None if v in (None, "") else v in (True, "true", "yes", "on", "1")
        ),
        "transfer_approved_on": lambda v: _date(v, "transfer_approved_on"),
    }
    clean: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for name, check in checks.items():
        try:
            clean[name] = check(data.get(name))
        except ValidationFailed as exc:
            errors[name] = exc.render()
    if (
        not errors
        and clean["event_start"]
        and clean["event_end"]
        and clean["event_end"] < clean["event_start"]
    ):
        errors["event_end"] = str(_("วันสิ้นสุดงานต้องไม่ก่อนวันเริ่มงาน"))
    if errors:
        raise ValidationFailed(fields=errors)
    return clean


def _fiscal_year(value: Any) -> int:
    try:
        year = int(value)
        FiscalYear(year)
    except (TypeError, ValueError):
        raise ValidationFailed(
            _("ปีงบประมาณต้องเป็นปี พ.ศ. เช่น 2568"), code="invalid_fiscal_year", field="fiscal_year"
        ) from None
    current = FiscalYear.current().be_year
    if not current - 5 <= year <= current + 2:
        raise ValidationFailed(
            _("ปีงบประมาณต้องอยู่ระหว่าง %(low)s ถึง %(high)s"),
            code="invalid_fiscal_year",
            field="fiscal_year",
            params={"low": current - 5, "high": current + 2},
        )
    return year


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


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


@transaction.atomic
def answer_save(*, actor: Any, assessment: Assessment, check_id: str, value: Any) -> Assessment:
    """Save one answer as it is given ("unknown" or empty clears it) and re-evaluate."""
    assessment = _editable(assessment, actor)
    check = assessment.framework.parsed().check(check_id)
    if check is None or assessment.kind not in check.kinds:
        raise ValidationFailed(
            _("ไม่มีข้อตรวจนี้ในเกณฑ์สำหรับโครงการประเภทนี้"), code="unknown_check", field=str(check_id)[:20]
        )
    if (
        check.answer_type == AnswerType.EVIDENCE
        and value == "yes"
        and not assessment.evidence.filter(check_id=check.id).exists()
    ):
        raise ValidationFailed(_("กรุณาแนบไฟล์หลักฐานก่อน"), code="evidence_required", field=check.id)
    try:
        parsed = parse_answer(check, value)
    except ValueError as exc:
        raise ValidationFailed(str(exc), code="invalid_answer", field=check.id) from None
    existing = Answer.objects.filter(assessment=assessment, check_id=check.id).first()
    before = existing.value if existing else None
    if parsed is None:
        if existing:
            existing.delete()
    elif existing:
        existing.value, existing.answered_by = _json_value(parsed), actor
        existing.save(update_fields=["value", "answered_by", "answered_at"])
    else:
        Answer.objects.create(
            assessment=assessment, check_id=check.id, value=_json_value(parsed), answered_by=actor
        )
    if before != _json_value(parsed):
        audit_record(
            actor=actor,
            action="assessment.answer_saved",
            target=assessment,
            lao=assessment.lao,
            before={check.id: before},
            after={check.id: _json_value(parsed)},
        )
    return _reevaluate(assessment)


def clean_cost_line(framework: Any, kind: str, data: dict[str, Any]) -> dict[str, Any]:
    fw = framework.parsed()
    errors: dict[str, str] = {}
    clean: dict[str, Any] = {}
    category = str(data.get("category") or "")
    if category not in fw.categories:
        errors["category"] = str(_("กรุณาเลือกประเภทค่าใช้จ่าย"))
    clean["category"] = category
    for name, fn in {
        "description": lambda v: _text(v, "description", max_length=300),
        "quantity": lambda v: _amount(v if v not in (None, "") else "1", "quantity"),
        "unit_cost": lambda v: _amount(v, "unit_cost"),
        "persons": lambda v: _count(v, "persons"),
        "days": lambda v: _count(v, "days"),
    }.items():
        try:
            clean[name] = fn(data.get(name))
        except ValidationFailed as exc:
            errors[name] = exc.render()
    if errors:
        raise ValidationFailed(fields=errors)
    return clean


@transaction.atomic
def cost_line_add(*, actor: Any, assessment: Assessment, data: dict[str, Any]) -> CostLine:
    assessment = _editable(assessment, actor)
    if assessment.cost_lines.count() >= MAX_COST_LINES:
        raise ValidationFailed(_("รายการค่าใช้จ่ายมากเกินไป"), code="too_many_cost_lines")
    clean = clean_cost_line(assessment.framework, assessment.kind, data)
    line = CostLine.objects.create(
        assessment=assessment, position=assessment.cost_lines.count(), **clean
    )
    audit_record(
        actor=actor,
        action="assessment.cost_line_added",
        target=assessment,
        lao=assessment.lao,
        after={"line": line.pk, **clean},
    )
    _reevaluate(assessment)
    return line


@transaction.atomic
def cost_line_update(*, actor: Any, line: CostLine, data: dict[str, Any]) -> CostLine:
    assessment = _editable(line.assessment, actor)
    clean = clean_cost_line(assessment.framework, assessment.kind, data)
    before = snapshot(line, list(clean))
    for name, value in clean.items():
        setattr(line, name, value)
    line.save()
    audit_record(
        actor=actor,
        action="assessment.cost_line_changed",
        target=assessment,
        lao=assessment.lao,
        before={"line": line.pk, **before},
        after={"line": line.pk, **clean},
    )
    _reevaluate(assessment)
    return line


@transaction.atomic
def cost_line_delete(*, actor: Any, line: CostLine) -> None:
    assessment = _editable(line.assessment, actor)
    before = {
        "line": line.pk,
        **snapshot(line, ["category", "description", "quantity", "unit_cost", "persons", "days"]),
    }
    line.delete()
    audit_record(
        actor=actor,
        action="assessment.cost_line_deleted",
        target=assessment,
        lao=assessment.lao,
        before=before,
    )
    _reevaluate(assessment)


@transaction.atomic
def evidence_attach(
    *, actor: Any, assessment: Assessment, check_id: str, upload: UploadedFile | None
) -> Evidence:
    """Attach a file (PDF or image, checked by content) as evidence for a check."""
    assessment = _editable(assessment, actor)
    check = assessment.framework.parsed().check(check_id)
    if check is None or assessment.kind not in check.kinds:
        raise ValidationFailed(_("ไม่มีข้อตรวจนี้ในเกณฑ์สำหรับโครงการประเภทนี้"), code="unknown_check")
    if (
        upload is not None
        and upload.size
        and upload.size > settings.THONGTHIN["REGISTRY_LETTER_MAX_BYTES"]
    ):
        raise ValidationFailed(_("ไฟล์ใหญ่เกิน 10 MB"), code="file_too_large", field="file")
    checked = letter_check(upload)  # the same content checks as the registry's official letters
    assert upload is not None  # letter_check refuses a missing file
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    evidence = Evidence(
        assessment=assessment,
        check_id=check.id,
        original_name=normalize(upload.name)[:200],  # type: ignore[union-attr]
        content_type=checked.content_type,
        size=upload.size or 0,
        sha256=digest.hexdigest(),  # type: ignore[union-attr]
        uploaded_by=actor,
    )
    evidence.file.save(f"evidence.{checked.extension}", upload, save=False)  # type: ignore[arg-type]
    try:
        evidence.save()
        audit_record(
            actor=actor,
            action="assessment.evidence_attached",
            target=assessment,
            lao=assessment.lao,
            after={"check": check.id, "file": evidence.original_name, "sha256": evidence.sha256},
        )
        if check.answer_type == AnswerType.EVIDENCE:
            Answer.objects.update_or_create(
                assessment=assessment,
                check_id=check.id,
                defaults={"value": "yes", "answered_by": actor},
            )
        _reevaluate(assessment)
    except BaseException:
        evidence.file.delete(save=False)
        raise
    return evidence


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
