"""The annual Open Data Awards: for each Buddhist Era year, a list of awarded datasets in three
categories, computed from the platform's own numbers, reviewed by platform administrators and
then published. Each entry keeps the numbers that justify it, so the explanation shown next to it
stays true after the catalog changes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AwardListState(models.TextChoices):
    DRAFT = "draft", _("ฉบับร่าง (รอตรวจสอบ)")
    PUBLISHED = "published", _("ประกาศแล้ว")


class AwardCategory(models.TextChoices):
    MOST_DOWNLOADED = "most_downloaded", _("ชุดข้อมูลยอดนิยม (ดาวน์โหลดมากที่สุด)")
    DEMAND_FULFILLED = "demand_fulfilled", _("ชุดข้อมูลที่ตอบความต้องการของประชาชน")
    MOST_VALUABLE = "most_valuable", _("ชุดข้อมูลคุณค่าสูง")


class AwardList(models.Model):
    year_be = models.PositiveSmallIntegerField(_("ปี (พ.ศ.)"), unique=True)
    state = models.CharField(
        _("สถานะ"), max_length=10, choices=AwardListState.choices, default=AwardListState.DRAFT
    )
    computed_at = models.DateTimeField(default=timezone.now)
    computed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-year_be"]
        verbose_name = _("รางวัลข้อมูลเปิดประจำปี")
        verbose_name_plural = _("รางวัลข้อมูลเปิดประจำปี")

    def __str__(self) -> str:
        return str(self.year_be)


class AwardEntry(models.Model):
    award_list = models.ForeignKey(AwardList, on_delete=models.CASCADE, related_name="entries")
    category = models.CharField(max_length=20, choices=AwardCategory.choices)
    rank = models.PositiveSmallIntegerField()
    dataset = models.ForeignKey(
        "opendata.Dataset", null=True, on_delete=models.SET_NULL, related_name="awards"
    )
    # Kept as they were when computed: a renamed or deleted dataset does not rewrite history.
    dataset_title = models.CharField(max_length=500)
    organization_title = models.CharField(max_length=300, blank=True)
    # The numbers behind the award (downloads, votes, score...): see explanations.py.
    facts = models.JSONField(default=dict)

    class Meta:
        ordering = ["category", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["award_list", "category", "rank"], name="award_entry_rank_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.award_list_id} {self.category} #{self.rank} {self.dataset_title}"
