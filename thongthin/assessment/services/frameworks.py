from __future__ import annotations

import copy
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thongthin.core.audit import audit_record
from thongthin.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from thongthin.core.text import normalize

from ..framework.loader import document_sha256, read_directory, version_directories
from ..framework.schema import FrameworkProblem, Severity, Verification, parse_framework
from ..models import FrameworkStatus, FrameworkVersion
from ..permissions import can_edit_framework


def _validated(doc: dict[str, Any]) -> Any:
    try:
        return parse_framework(doc)
    except FrameworkProblem as exc:
        raise ValidationFailed(
            _("เกณฑ์ไม่ถูกต้อง: %(problems)s"),
            code="framework_invalid",
            params={"problems": "; ".join(exc.problems[:10])},
        ) from None


@transaction.atomic
def framework_load_from_files(*, actor: Any = None) -> list[str]:
    """Load every version directory; the newest by version becomes current. Idempotent. A
    published version whose file content changed is refused: publish a new version instead."""
    loaded = []
    for directory in version_directories():
        doc = read_directory(directory)
        fw = _validated(doc)
        sha = document_sha256(doc)
        existing = FrameworkVersion.objects.select_for_update().filter(version=fw.version).first()
        if existing is not None:
            if existing.source == "editor":
                # Made in the content editor and exported to files (export_framework): the
                # database copy is the original; a later edit of the file needs a new version.
                continue
            if existing.sha256 != sha:
                raise Conflict(
                    _("เกณฑ์รุ่น %(version)s ถูกแก้ไขหลังเผยแพร่ ให้สร้างรุ่นใหม่แทน"),
                    code="framework_version_changed",
                    params={"version": fw.version},
                )
            continue
        version = FrameworkVersion.objects.create(
            version=fw.version,
            title=fw.title.th,
            document=doc,
            sha256=sha,
            source=f"file:{directory.name}",
            created_by=actor,
        )
        _publish(version, actor)
        loaded.append(fw.version)
    return loaded


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def _publish(version: FrameworkVersion, actor: Any) -> None:
    current = FrameworkVersion.objects.filter(status=FrameworkStatus.PUBLISHED).exclude(
        pk=version.pk
    )
    newer = [v for v in current if _version_key(v.version) > _version_key(version.version)]
    version.status = FrameworkStatus.PUBLISHED if not newer else FrameworkStatus.RETIRED
    version.published_by, version.published_at = actor, timezone.now()
    version.save(update_fields=["status", "published_by", "published_at"])
    if not newer:
        for old in current:
            old.status = FrameworkStatus.RETIRED
            old.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action="assessment.framework.published",
        target=version,
        after={"version": version.version, "sha256": version.sha256, "status": version.status},
    )


def framework_current() -> FrameworkVersion:
    """The published version. Its (large) document is loaded only if this process has not parsed
    that content yet (see FrameworkVersion.parsed)."""
    version = (
        FrameworkVersion.objects.filter(status=FrameworkStatus.PUBLISHED)
        .defer("document")
        .order_by("-published_at")
        .first()
    )
    if version is None:
        raise NotFound(_("ยังไม่มีเกณฑ์การประเมินที่เผยแพร่"), code="framework_not_loaded")
    return version


def _require_editor(actor: Any) -> None:
    if not can_edit_framework(actor):
        raise PermissionDenied()


@transaction.atomic
def framework_draft_create(*, actor: Any, version: str) -> FrameworkVersion:
    """A content editor (State Audit Office) starts a new version from the current one."""
    _require_editor(actor)
    version = clean_version(version)
    if FrameworkVersion.objects.filter(version=version).exists():
        raise ValidationFailed(
            _("ระบุรุ่นใหม่ที่ยังไม่มีในระบบ เช่น 2568.2"), code="framework_version_taken", field="version"
        )
    base = framework_current()
    doc = copy.deepcopy(base.document)
    doc["framework"]["version"] = version
    _validated(doc)
    draft = FrameworkVersion.objects.create(
        version=version,
        title=base.title,
        document=doc,
        sha256=document_sha256(doc),
        source="editor",
        based_on=base,
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action="assessment.framework.draft_created",
        target=draft,
        after={"version": version, "based_on": base.version},
    )
    return draft


MAX_PARAMETER = Decimal("1e9")
VERSION_PATTERN = re.compile(r"^[0-9]{4}(\.[0-9]{1,3}){1,2}$")


def clean_version(value: str) -> str:
    """A version is the BE year it starts in and an edition: 2568.1, 2568.2 (ASCII digits)."""
    version = normalize(value)
    if not VERSION_PATTERN.match(version):
        raise ValidationFailed(
            _("รุ่นต้องอยู่ในรูป ปี พ.ศ. และลำดับ เช่น 2568.2"),
            code="invalid_framework_version",
            field="version",
        )
    return version


EDITABLE_CHECK_FIELDS = {"question", "help", "fail_message", "recommendation"}


@transaction.atomic
def framework_draft_update_check(
    *,
    actor: Any,
    draft: FrameworkVersion,
    check_id: str,
    texts: dict[str, dict[str, str]],
    severity: str,
    verification: str,
) -> FrameworkVersion:
    """Revise a check's texts, severity and verification status in a draft."""
    _require_editor(actor)
    draft = FrameworkVersion.objects.select_for_update().get(pk=draft.pk)
    if draft.status != FrameworkStatus.DRAFT:
        raise Conflict(_("แก้ไขได้เฉพาะเกณฑ์ฉบับร่าง"), code="framework_not_draft")
    doc = copy.deepcopy(draft.document)
    check = next((c for c in doc["checks"] if c.get("id") == check_id), None)
    if check is None:
        raise NotFound(code="check_not_found")
    if severity not in Severity.values or verification not in Verification.values:
        raise ValidationFailed(code="invalid_input")
    before = {k: check.get(k) for k in [*EDITABLE_CHECK_FIELDS, "severity", "verification"]}
    for field_name, value in texts.items():
        if field_name in EDITABLE_CHECK_FIELDS:
            check[field_name] = {
                "th": normalize(value.get("th", ""))[:2000],
                "en": normalize(value.get("en", ""))[:2000],
            }
            # Said here in the editor's words; the schema's own (English) problems are for
            # framework files.
            if before.get(field_name) and not check[field_name]["th"]:
                raise ValidationFailed(
                    _("กรุณากรอกข้อความภาษาไทย"), code="text_required", field=f"{field_name}_th"
                )
    check["severity"], check["verification"] = severity, verification
    _validated(doc)
    draft.document, draft.sha256 = doc, document_sha256(doc)
    draft.save(update_fields=["document", "sha256"])
    audit_record(
        actor=actor,
        action="assessment.framework.check_changed",
        target=draft,
        before=before,
        after={k: check.get(k) for k in before},
        note=check_id,
    )
    return draft


@transaction.atomic
def framework_draft_update_parameter(
    *, actor: Any, draft: FrameworkVersion, parameter_id: str, value: str, verification: str
) -> FrameworkVersion:
    _require_editor(actor)
    draft = FrameworkVersion.objects.select_for_update().get(pk=draft.pk)
    if draft.status != FrameworkStatus.DRAFT:
        raise Conflict(_("แก้ไขได้เฉพาะเกณฑ์ฉบับร่าง"), code="framework_not_draft")
    doc = copy.deepcopy(draft.document)
    parameter = doc.get("parameters", {}).get(parameter_id)
    if parameter is None:
        raise NotFound(code="parameter_not_found")
    before = dict(parameter)
    if verification not in Verification.values:
        raise ValidationFailed(code="invalid_input", field="verification")
    try:
        value_number = Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation:
        raise ValidationFailed(_("ต้องเป็นตัวเลข"), code="not_a_number", field="value") from None
    if not value_number.is_finite():
        raise ValidationFailed(_("ต้องเป็นตัวเลข"), code="not_a_number", field="value")
    parameter["value"], parameter["verification"] = str(value).strip(), verification
    _validated(doc)
    if value_number < 0:
        raise ValidationFailed(_("ค่าต้องไม่ติดลบ"), code="negative_amount", field="value")
    if value_number >= MAX_PARAMETER or value_number != value_number.quantize(Decimal("0.01")):
        raise ValidationFailed(
            _("ค่าต้องน้อยกว่า 1,000,000,000 และมีทศนิยมไม่เกิน 2 ตำแหน่ง"),
            code="invalid_parameter",
            field="value",
        )
    draft.document, draft.sha256 = doc, document_sha256(doc)
    draft.save(update_fields=["document", "sha256"])
    audit_record(
        actor=actor,
        action="assessment.framework.parameter_changed",
        target=draft,
        before=before,
        after=dict(parameter),
        note=parameter_id,
    )
    return draft


@transaction.atomic
def framework_publish(*, actor: Any, draft: FrameworkVersion) -> FrameworkVersion:
    _require_editor(actor)
    draft = FrameworkVersion.objects.select_for_update().get(pk=draft.pk)
    if draft.status != FrameworkStatus.DRAFT:
        raise Conflict(_("เผยแพร่ได้เฉพาะเกณฑ์ฉบับร่าง"), code="framework_not_draft")
    _validated(draft.document)
    _publish(draft, actor)
    return draft
