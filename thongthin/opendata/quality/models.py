"""The latest quality score of each dataset, kept beside it (recomputed after each change and
nightly), so lists and awards never recompute it."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Freshness(models.TextChoices):
    """HDX freshness states (domain notes §4.1), plus two for datasets they do not apply to."""

    FRESH = "fresh", _("เป็นปัจจุบัน")
    DUE = "due", _("ถึงกำหนดปรับปรุง")
    OVERDUE = "overdue", _("เลยกำหนดปรับปรุง")
    DELINQUENT = "delinquent", _("ไม่ได้ปรับปรุงเป็นเวลานาน")
    STATIC = "static", _("ไม่มีรอบปรับปรุงที่ต้องติดตาม")
    UNKNOWN = "unknown", _("ไม่ทราบความถี่ในการปรับปรุง")


class QualityScore(models.Model):
    dataset = models.OneToOneField(
        "opendata.Dataset", primary_key=True, on_delete=models.CASCADE, related_name="quality"
    )
    score = models.PositiveSmallIntegerField(_("คะแนนคุณภาพ"), default=0, db_index=True)
    openness_stars = models.PositiveSmallIntegerField(default=0)
    completeness_percent = models.PositiveSmallIntegerField(default=0)
    freshness = models.CharField(
        max_length=12, choices=Freshness.choices, default=Freshness.UNKNOWN
    )
    downloadable = models.BooleanField(default=False)
    # One entry per check: {"key", "points", "max_points", "passed", "fix": {"code", "params"}}.
    checks = models.JSONField(default=list)
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("คะแนนคุณภาพชุดข้อมูล")
        verbose_name_plural = _("คะแนนคุณภาพชุดข้อมูล")

    def __str__(self) -> str:
        return f"{self.dataset_id}: {self.score}"
