from __future__ import annotations

import secrets
import uuid
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .framework.schema import FundingSource, Level, ProjectKind, RecipientType, Result, SportsMode


class FrameworkStatus(models.TextChoices):
    DRAFT = "draft", _("ฉบับร่าง")
    PUBLISHED = "published", _("เผยแพร่แล้ว")
    RETIRED = "retired", _("เลิกใช้")


class FrameworkVersion(models.Model):
    """One version of the assessment framework. The document is the whole framework as data
    (checks, sources, categories, parameters); once published it never changes."""

    version = models.CharField(_("รุ่น"), max_length=20, unique=True)
    title = models.CharField(_("ชื่อ"), max_length=300)
    status = models.CharField(
        _("สถานะ"), max_length=12, choices=FrameworkStatus.choices, default=FrameworkStatus.DRAFT
    )
    document = models.JSONField(_("เนื้อหาเกณฑ์"))
    sha256 = models.CharField(max_length=64)
    source = models.CharField(_("ที่มา"), max_length=200, blank=True)
    based_on = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("เกณฑ์การประเมิน")
        verbose_name_plural = _("เกณฑ์การประเมิน")

    def __str__(self) -> str:
        return f"{self.version} ({self.get_status_display()})"

    def parsed(self) -> Any:
        from .framework.loader import parse_cached

        return parse_cached(lambda: self.document, self.sha256)


class AssessmentStatus(models.TextChoices):
    """draft → submitted (read-only, waiting for the executive) → signed_off;
    submitted → returned → (edited) → submitted. A signed-off assessment is revised by starting
    a new revision, which begins as a draft copy."""

    DRAFT = "draft", _("ฉบับร่าง")
    SUBMITTED = "submitted", _("ส่งผู้บริหารพิจารณา")
    RETURNED = "returned", _("ส่งกลับแก้ไข")
    SIGNED_OFF = "signed_off", _("ผู้บริหารลงนามแล้ว")


EDITABLE_STATUSES = {AssessmentStatus.DRAFT, AssessmentStatus.RETURNED}


def _share_token() -> str:
    return secrets.token_urlsafe(24)


class Assessment(models.Model):
    """An LAO's self-assessment of one project before spending."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    lao = models.ForeignKey(
        "directory.LAO",
        verbose_name=_("อปท."),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    framework = models.ForeignKey(
        FrameworkVersion, verbose_name=_("เกณฑ์"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("ประเภทโครงการ"), max_length=16, choices=ProjectKind.choices)
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ (พ.ศ.)"), db_index=True)
    name = models.CharField(_("ชื่อโครงการ"), max_length=300)
    amount = models.DecimalField(
        _("วงเงิน (บาท)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
    )
    funding_source = models.CharField(_("แหล่งเงิน"), max_length=24, choices=FundingSource.choices)
    plan_years = models.CharField(_("แผนพัฒนาท้องถิ่น (พ.ศ.)"), max_length=20, blank=True)
    plan_page = models.CharField(_("หน้า"), max_length=10, blank=True)
    plan_sequence = models.CharField(_("ลำดับที่"), max_length=10, blank=True)
    recipient_name = models.CharField(_("หน่วยงานผู้รับเงินอุดหนุน"), max_length=300, blank=True)
    recipient_type = models.CharField(
        _("ประเภทผู้รับ"), max_length=32, choices=RecipientType.choices, blank=True
    )
    event_name = models.CharField(_("ชื่องาน"), max_length=300, blank=True)
    event_start = models.DateField(_("วันเริ่มงาน"), null=True, blank=True)
    event_end = models.DateField(_("วันสิ้นสุดงาน"), null=True, blank=True)
    sports_mode = models.CharField(
        _("ลักษณะโครงการกีฬา"), max_length=16, choices=SportsMode.choices, blank=True
    )
    participants = models.PositiveIntegerField(_("จำนวนผู้เข้าร่วม (คน)"), null=True, blank=True)
    budget_announced_on = models.DateField(_("วันประกาศใช้งบประมาณ"), null=True, blank=True)
    budget_transfer = models.BooleanField(_("มีการโอนงบประมาณ"), null=True, blank=True)
    transfer_approved_on = models.DateField(_("วันอนุมัติโอนงบประมาณ"), null=True, blank=True)
    status = models.CharField(
        _("สถานะ"),
        max_length=16,
        choices=AssessmentStatus.choices,
        default=AssessmentStatus.DRAFT,
        db_index=True,
    )
    revision = models.PositiveSmallIntegerField(_("ฉบับแก้ไขที่"), default=1)
    revision_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="revisions"
    )
    # The latest evaluation, kept for lists and dashboards (recomputed on every change).
    level = models.CharField(
        _("ระดับ"), max_length=12, choices=Level.choices, blank=True, db_index=True
    )
    score = models.DecimalField(_("คะแนน"), max_digits=5, decimal_places=1, null=True, blank=True)
    complete = models.BooleanField(_("ตอบครบ"), default=False)
    stop_failures = models.PositiveSmallIntegerField(_("ข้อห้ามเบิกจ่ายที่ไม่ผ่าน"), default=0)
    result = models.JSONField(_("ผลการประเมิน"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)
    return_reason = models.TextField(_("เหตุผลที่ส่งกลับ"), blank=True)
    share_token = models.CharField(max_length=40, blank=True, db_index=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("แบบประเมินตนเอง")
        verbose_name_plural = _("แบบประเมินตนเอง")
        indexes = [
            models.Index(fields=["lao", "fiscal_year"]),
            models.Index(fields=["fiscal_year", "kind", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.fiscal_year})"

    @property
    def editable(self) -> bool:
        return self.status in EDITABLE_STATUSES


class Answer(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    check_id = models.CharField(max_length=20)
    value = models.JSONField()
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "check_id"], name="answer_one_per_check")
        ]

    def __str__(self) -> str:
        return f"{self.check_id}={self.value}"


class CostLine(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="cost_lines")
    category = models.CharField(_("ประเภทค่าใช้จ่าย"), max_length=40)
    description = models.CharField(_("รายละเอียด"), max_length=300, blank=True)
    quantity = models.DecimalField(_("จำนวน"), max_digits=12, decimal_places=2, default=Decimal(1))
    unit_cost = models.DecimalField(_("ราคาต่อหน่วย (บาท)"), max_digits=14, decimal_places=2)
    persons = models.PositiveIntegerField(_("จำนวนคน"), null=True, blank=True)
    days = models.PositiveIntegerField(_("จำนวนวัน"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.category}: {self.description}"

    @property
    def amount(self) -> Decimal:
        return (self.quantity * self.unit_cost * (self.persons or 1) * (self.days or 1)).quantize(
            Decimal("0.01")
        )


def _evidence_path(instance: Evidence, filename: str) -> str:
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"assessment/evidence/{uuid.uuid4().hex}.{ext[:8]}"


class Evidence(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="evidence")
    check_id = models.CharField(max_length=20)
    file = models.FileField(upload_to=_evidence_path, max_length=200)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.check_id}: {self.original_name}"


class Finding(models.Model):
    """One check's result in an assessment's latest evaluation, kept for dashboards."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="findings")
    check_id = models.CharField(max_length=20, db_index=True)
    topic = models.CharField(max_length=16)
    severity = models.CharField(max_length=8)
    result = models.CharField(max_length=12, choices=Result.choices, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "check_id"], name="finding_one_per_check")
        ]
        indexes = [models.Index(fields=["result", "check_id"])]

    def __str__(self) -> str:
        return f"{self.check_id}: {self.result}"
