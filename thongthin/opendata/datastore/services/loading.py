"""Loading an uploaded file into the DataStore, as a background job: schedule it, run it (see
loader.py for the two passes) and swap the new table in. Until the swap, and if the load fails,
the old table stays readable."""

from __future__ import annotations

import logging
import time
import traceback
from typing import Any

from django.contrib.auth import get_user_model
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thongthin.core import jobs
from thongthin.core.audit import audit_record
from thongthin.core.jobs import JobContext
from thongthin.opendata.models import Resource

from .. import loader, tables
from ..models import DatastoreSource, DatastoreStatus, DatastoreTable
from ..sources import LoadError, source_for
from .common import invalid, lao_of, lock_table, require_editor, summary

logger = logging.getLogger(__name__)

LOAD_JOB = "opendata.datastore.load"


@transaction.atomic
def datastore_schedule_load(*, resource: Resource, actor: Any) -> None:
    """Queue a (re)load of the resource's uploaded file into the DataStore; the job starts once
    this transaction commits. A load still queued or running for the same resource is
    superseded: it finishes without swapping its table in (a new upload wins)."""
    require_editor(actor, resource)
    if not resource.upload:
        raise invalid("upload", _("ทรัพยากรนี้ไม่มีไฟล์ที่อัปโหลดไว้"), "datastore_no_upload")
    table = lock_table(resource)
    if table is None:
        table = DatastoreTable.objects.create(resource=resource)
    before = summary(table)
    user_id = actor.pk if getattr(actor, "is_authenticated", False) else None
    job = jobs.enqueue(LOAD_JOB, {"datastore_table": table.pk, "actor": user_id})
    try:
        size = resource.upload.size
    except OSError:
        size = 0
    table.job = job
    table.status = DatastoreStatus.PENDING
    table.requested_by_id = user_id
    table.rows_read = table.bytes_read = 0
    table.bytes_total = size or 0
    table.phase = ""
    table.error_code = table.error_detail = ""
    table.error_params = {}
    table.updated_at = timezone.now()
    table.save()
    audit_record(
        actor=actor,
        action="opendata.datastore.load_scheduled",
        target=resource,
        before=before,
        after={"job": job.pk, "file": resource.upload.name, "bytes": size},
        lao=lao_of(resource),
    )


class _Progress:
    """Progress of a load, written to the table record and to the job (at most twice a
    second, or when the phase changes)."""

    SHARE = {"reading": (0, 40), "writing": (40, 55), "indexing": (95, 5)}
    MESSAGES = {
        "reading": _("กำลังอ่านไฟล์และตรวจชนิดข้อมูล"),
        "writing": _("กำลังบันทึกข้อมูลลงตาราง"),
        "indexing": _("กำลังสร้างดัชนีเพื่อให้ค้นหาได้เร็ว"),
    }

    def __init__(self, context: JobContext, table_id: int, bytes_total: int) -> None:
        self.context = context
        self.table_id = table_id
        self.bytes_total = bytes_total
        self.rows_total = 0
        self.phase = ""
        self.last = 0.0

    def __call__(self, phase: str, rows: int, bytes_read: int) -> None:
        now = time.monotonic()
        if phase == self.phase and now - self.last < 0.5:
            return
        self.phase, self.last = phase, now
        DatastoreTable.objects.filter(pk=self.table_id, job_id=self.context.job_id).update(
            phase=phase, rows_read=rows, bytes_read=bytes_read, updated_at=timezone.now()
        )
        start, share = self.SHARE[phase]
        if phase == "reading":
            done = bytes_read / self.bytes_total if self.bytes_total and bytes_read else 0.5
        elif phase == "writing":
            done = rows / self.rows_total if self.rows_total else 0
        else:
            done = 0
        self.context.progress(start + share * min(done, 1), str(self.MESSAGES[phase]), force=True)


def datastore_load_job(context: JobContext) -> None:
    """The background job: load the file into a new table and swap it in (see loader.py)."""
    table_id = context.payload["datastore_table"]
    started = DatastoreTable.objects.filter(
        pk=table_id,
        job_id=context.job_id,
        status__in=[DatastoreStatus.PENDING, DatastoreStatus.LOADING],
    ).update(status=DatastoreStatus.LOADING, phase="reading", updated_at=timezone.now())
    if not started:
        return  # superseded by a newer load, or the table was deleted meanwhile
    table = DatastoreTable.objects.select_related("resource__dataset__owner_org").get(pk=table_id)
    resource = table.resource
    if table.loading_table and table.loading_table != table.table_name:
        with transaction.atomic():  # left by an attempt whose worker died
            tables.drop_table(table.loading_table)
    new_table = tables.new_table_name()
    created = False
    try:
        source = source_for(resource)
        progress = _Progress(context, table_id, source.size)
        DatastoreTable.objects.filter(pk=table_id, job_id=context.job_id).update(
            bytes_total=source.size, loading_table=new_table
        )
        plan = loader.read_pass(source, previous=table.fields, progress=progress)
        progress.rows_total = plan.rows
        created = True
        written = loader.write_pass(source, plan, new_table, progress=progress)
        _swap_in(context, table_id, new_table, plan, written)
    except Exception as exc:
        if created:
            try:
                with transaction.atomic():
                    tables.drop_table(new_table)
            except DatabaseError:
                logger.exception("datastore: could not drop %s after a failed load", new_table)
        code, params = (exc.code, exc.params) if isinstance(exc, LoadError) else ("internal", {})
        DatastoreTable.objects.filter(pk=table_id, job_id=context.job_id).update(
            status=DatastoreStatus.FAILED,
            loading_table="",
            error_code=code,
            error_params=params,
            error_detail="".join(traceback.format_exception_only(type(exc), exc))[:4000],
            phase="",
            updated_at=timezone.now(),
        )
        raise


def _swap_in(
    context: JobContext, table_id: int, new_table: str, plan: loader.Plan, written: int
) -> None:
    actor_id = context.payload.get("actor")
    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    with transaction.atomic():
        table = (
            DatastoreTable.objects.select_for_update()
            .select_related("resource__dataset__owner_org")
            .filter(pk=table_id, job_id=context.job_id)
            .first()
        )
        if table is None:  # deleted or superseded while loading
            tables.drop_table(new_table)
            return
        before = summary(table)
        old_table = table.table_name
        table.table_name = new_table
        table.loading_table = ""
        table.source = DatastoreSource.UPLOAD
        table.status = DatastoreStatus.ACTIVE
        table.fields = plan.fields
        table.row_count = written
        table.rows_read = written
        table.notes = plan.notes
        table.error_code = table.error_detail = ""
        table.error_params = {}
        table.phase = ""
        table.loaded_at = table.updated_at = timezone.now()
        table.save()
        Resource.objects.filter(pk=table.resource_id).update(datastore_active=True)
        audit_record(
            actor=actor,
            action="opendata.datastore.loaded",
            target=table.resource,
            before=before,
            after={**(summary(table) or {}), "encoding": plan.encoding, "job": context.job_id},
            lao=lao_of(table.resource),
        )
        if old_table and old_table != new_table:
            tables.drop_table(old_table)
