"""What an officer enters in an assessment: answers, cost lines and evidence. Each is saved as it
is given, audit-logged, and the result re-evaluated."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from thongthin.core.audit import audit_record, jsonable, snapshot
from thongthin.core.errors import ValidationFailed
from thongthin.core.text import normalize
from thongthin.core.uploads import document_check

from ..framework.evaluate import parse_answer
from ..framework.schema import AnswerType
from ..models import Answer, Assessment, CostLine, Evidence
from .assessments import _editable, _reevaluate
from .facts import clean_cost_line

MAX_COST_LINES = 200


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
        existing.value, existing.answered_by = jsonable(parsed), actor
        existing.save(update_fields=["value", "answered_by", "answered_at"])
    else:
        Answer.objects.create(
            assessment=assessment, check_id=check.id, value=jsonable(parsed), answered_by=actor
        )
    if before != jsonable(parsed):
        audit_record(
            actor=actor,
            action="assessment.answer_saved",
            target=assessment,
            lao=assessment.lao,
            before={check.id: before},
            after={check.id: jsonable(parsed)},
        )
    return _reevaluate(assessment)


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
    checked = document_check(
        upload, field="file", max_bytes=settings.THONGTHIN["REGISTRY_LETTER_MAX_BYTES"]
    )
    assert upload is not None  # document_check refuses a missing file
    evidence = Evidence(
        assessment=assessment,
        check_id=check.id,
        original_name=normalize(upload.name)[:200],  # type: ignore[union-attr]
        content_type=checked.content_type,
        size=upload.size or 0,
        sha256=checked.sha256,
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
