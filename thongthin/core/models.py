from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(RuntimeError):
    pass


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("audit events are append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("audit events are append-only")


class AuditEvent(models.Model):
    """Who changed what, when, from where: one row per change to important data.

    Append-only: the model refuses updates and deletes, and database triggers (migration
    0002) refuse them too, so not even a raw SQL statement can rewrite history.
    """

    at = models.DateTimeField(_("เวลา"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ผู้ทำรายการ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_label = models.CharField(_("ผู้ทำรายการ (ข้อความ)"), max_length=254, blank=True)
    ip = models.GenericIPAddressField(_("ที่อยู่ IP"), null=True, blank=True)
    action = models.CharField(_("การกระทำ"), max_length=80, db_index=True)
    target_type = models.CharField(_("ประเภทข้อมูล"), max_length=80, db_index=True)
    target_id = models.CharField(_("รหัสข้อมูล"), max_length=64, db_index=True)
    target_label = models.CharField(_("ข้อมูล"), max_length=300, blank=True)
    lao = models.ForeignKey(
        "directory.LAO",
        verbose_name=_("อปท."),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    before = models.JSONField(_("ก่อนเปลี่ยน"), null=True, blank=True)
    after = models.JSONField(_("หลังเปลี่ยน"), null=True, blank=True)
    note = models.TextField(_("หมายเหตุ"), blank=True)

    objects: ClassVar[AuditEventQuerySet] = AuditEventQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("บันทึกการเปลี่ยนแปลง")
        verbose_name_plural = _("บันทึกการเปลี่ยนแปลง")
        indexes = [models.Index(fields=["target_type", "target_id", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.target_label}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("audit events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("audit events are append-only")


class ChangeCounter(models.Model):
    """A number bumped, in the writing transaction, whenever a kind of data changes; processes
    compare it with what they built their in-memory indexes and caches from."""

    name = models.CharField(max_length=40, unique=True)
    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("ตัวนับการเปลี่ยนแปลง")
        verbose_name_plural = _("ตัวนับการเปลี่ยนแปลง")

    def __str__(self) -> str:
        return f"{self.name}={self.value}"


class JobState(models.TextChoices):
    QUEUED = "queued", _("รอคิว")
    RUNNING = "running", _("กำลังทำงาน")
    DONE = "done", _("เสร็จแล้ว")
    FAILED = "failed", _("ล้มเหลว")


class Job(models.Model):
    """One background job (thongthin/core/jobs.py): a handler's name and its JSON payload, queued
    in the transaction that asked for it, claimed by exactly one worker, and never lost: it ends
    done or failed with the error, and a worker that vanished mid-job is noticed by the next."""

    name = models.CharField(_("งาน"), max_length=100, db_index=True)
    payload = models.JSONField(_("ข้อมูลของงาน"), default=dict, blank=True)
    state = models.CharField(
        _("สถานะ"), max_length=10, choices=JobState.choices, default=JobState.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("ความคืบหน้า (%)"), default=0)
    progress_message = models.CharField(_("ข้อความความคืบหน้า"), max_length=300, blank=True)
    error = models.TextField(_("ข้อผิดพลาด"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("จำนวนครั้งที่ลอง"), default=0)
    worker = models.CharField(_("ผู้ทำงาน"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("สร้างเมื่อ"), auto_now_add=True)
    started_at = models.DateTimeField(_("เริ่มเมื่อ"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("รายงานล่าสุดเมื่อ"), null=True, blank=True)
    finished_at = models.DateTimeField(_("เสร็จเมื่อ"), null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("งานเบื้องหลัง")
        verbose_name_plural = _("งานเบื้องหลัง")
        indexes = [models.Index(fields=["state", "id"], name="core_job_state_id")]

    def __str__(self) -> str:
        return f"{self.name}#{self.pk} {self.state}"
