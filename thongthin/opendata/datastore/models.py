"""The DataStore: a resource's rows in a real table of the same database (CKAN's datastore).

`DatastoreTable` describes the table that holds one resource's data: its generated name
(`ds_<hex>`), the data dictionary (`fields`), the load's state and progress, and, when a load
fails, why, in words a publisher understands. The rows themselves live in that table, which
`services.py` creates and drops; `tables.py` is the only code that writes SQL for it.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .messages import render_message


class DatastoreStatus(models.TextChoices):
    PENDING = "pending", _("รอนำเข้า")
    LOADING = "loading", _("กำลังนำเข้า")
    ACTIVE = "active", _("พร้อมใช้งาน")
    FAILED = "failed", _("นำเข้าไม่สำเร็จ")


class DatastoreSource(models.TextChoices):
    UPLOAD = "upload", _("นำเข้าจากไฟล์ที่อัปโหลด")
    API = "api", _("สร้างผ่าน API")


class DatastoreTable(models.Model):
    resource = models.OneToOneField(
        "opendata.Resource",
        on_delete=models.CASCADE,
        related_name="datastore",
        verbose_name=_("ทรัพยากร"),
    )
    # The table that holds the rows now ("" before the first successful load). A reload writes a
    # new table and swaps this name at the end, so a failed reload leaves the old data in place.
    table_name = models.CharField(_("ชื่อตาราง"), max_length=63, blank=True)
    # The table a running load is writing; dropped by the next attempt if a worker died with it.
    loading_table = models.CharField(_("ตารางที่กำลังนำเข้า"), max_length=63, blank=True)
    source = models.CharField(
        _("ที่มา"), max_length=10, choices=DatastoreSource.choices, default=DatastoreSource.UPLOAD
    )
    status = models.CharField(
        _("สถานะ"),
        max_length=10,
        choices=DatastoreStatus.choices,
        default=DatastoreStatus.PENDING,
        db_index=True,
    )
    # The data dictionary: [{"id", "type", "info": {"label", "notes", "type_override"}}], in
    # column order, without the `_id` column.
    fields = models.JSONField(_("พจนานุกรมข้อมูล"), default=list, blank=True)
    row_count = models.BigIntegerField(_("จำนวนแถว"), default=0)
    primary_key = models.JSONField(_("คีย์หลัก"), default=list, blank=True)
    # Progress of the current load.
    rows_read = models.BigIntegerField(_("แถวที่อ่านแล้ว"), default=0)
    bytes_read = models.BigIntegerField(_("ไบต์ที่อ่านแล้ว"), default=0)
    bytes_total = models.BigIntegerField(_("ขนาดไฟล์ (ไบต์)"), default=0)
    phase = models.CharField(_("ขั้นตอน"), max_length=20, blank=True)
    # Why the last load failed, as a message code and its parameters (rendered in the reader's
    # language by `messages.py`), and the technical detail for the platform's operators.
    error_code = models.CharField(_("รหัสข้อผิดพลาด"), max_length=50, blank=True)
    error_params = models.JSONField(_("รายละเอียดข้อผิดพลาด"), default=dict, blank=True)
    error_detail = models.TextField(_("ข้อผิดพลาดทางเทคนิค"), blank=True)
    # What the loader did that the publisher should know (ragged rows, encoding...).
    notes = models.JSONField(_("หมายเหตุการนำเข้า"), default=list, blank=True)
    job = models.ForeignKey(
        "core.Job",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("งานนำเข้า"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("ผู้สั่งนำเข้า"),
    )
    created_at = models.DateTimeField(_("สร้างเมื่อ"), default=timezone.now)
    updated_at = models.DateTimeField(_("ปรับปรุงเมื่อ"), default=timezone.now)
    loaded_at = models.DateTimeField(_("นำเข้าสำเร็จเมื่อ"), null=True, blank=True)

    class Meta:
        verbose_name = _("ตารางข้อมูลของทรัพยากร")
        verbose_name_plural = _("ตารางข้อมูลของทรัพยากร")

    def __str__(self) -> str:
        return f"{self.resource_id} ({self.table_name or '-'})"

    @property
    def error_message(self) -> str:
        if not self.error_code:
            return ""
        return render_message(self.error_code, self.error_params)

    @property
    def note_messages(self) -> list[str]:
        return [render_message(n.get("code", ""), n.get("params", {})) for n in self.notes]

    @property
    def percent(self) -> int:
        """A rough overall percentage for the progress bar."""
        if self.status == DatastoreStatus.ACTIVE:
            return 100
        if self.status != DatastoreStatus.LOADING:
            return 0
        job_progress: Any = getattr(self.job, "progress", None)
        return int(job_progress or 0)
