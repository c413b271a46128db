"""Background jobs: a queue kept in the database (`core.Job`), run by `manage.py run_worker`.

- `enqueue(name, payload)` writes the job row in the caller's transaction, so a job exists if and
  only if the change that asked for it committed; the row becomes visible to workers at commit,
  and `transaction.on_commit` then runs it in-process when `THONGTHIN["JOBS_EAGER"]` is on (tests,
  single-process setups).
- Handlers are listed by name in `HANDLERS` (dotted paths, imported on first use): nothing becomes
  a job by being imported somewhere. A handler takes one `JobContext` and reports progress with
  `context.progress(percent, message)`; it runs in autocommit, so its progress is visible while it
  works.
- A worker claims one job at a time: `SELECT … FOR UPDATE SKIP LOCKED` on PostgreSQL, a
  conditional `UPDATE … WHERE state = 'queued'` on SQLite; two workers never run the same job.
- A handler that raises marks its job failed with the error. What the handler wrote outside its
  own `transaction.atomic()` blocks stays written (so it can record why it failed); a handler puts
  each unit of its work in such a block, so that a database error cannot leave a transaction
  broken (eager jobs run inside the caller's transaction in tests). A worker that vanished (killed,
  machine lost) leaves a running job whose heartbeat stops; the next worker puts it back in the
  queue (or fails it after `MAX_ATTEMPTS`). A job is never silently lost.
"""

from __future__ import annotations

import importlib
import logging
import math
import os
import socket
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from .models import Job, JobState

logger = logging.getLogger(__name__)

# Every job the platform runs: name -> "module.function". The function takes a JobContext.
HANDLERS: dict[str, str] = {
    "opendata.datastore.load": "thongthin.opendata.datastore.services.datastore_load_job",
    "opendata.usage.rollup": "thongthin.opendata.usage.services.usage_rollup_job",
    "opendata.quality.refresh": "thongthin.opendata.quality.services.quality_refresh_job",
    "opendata.platform_data.refresh": (
        "thongthin.opendata.services.platform_data.platform_data_refresh_job"
    ),
    "opendata.organizations.sync": (
        "thongthin.opendata.services.organizations.organization_sync_job"
    ),
}

# Jobs the workers start on their own, at most once per interval: name -> interval. Their
# handlers are idempotent (two workers deciding at the same instant may both queue one; the
# second run finds nothing new to do).
SCHEDULE: dict[str, timedelta] = {
    "opendata.usage.rollup": timedelta(hours=1),  # counters "last 14 days" and popular datasets
    "opendata.quality.refresh": timedelta(days=1),  # freshness changes with time alone
    "opendata.platform_data.refresh": timedelta(days=1),  # the platform's own datasets
}

MAX_ATTEMPTS = 3
# A running job whose heartbeat (its last progress report) is older than this is presumed
# abandoned by a worker that died: a handler that may run longer must report progress (the
# datastore load does, per batch). Should a slow run be requeued anyway, only the newest attempt
# may end the job (run_job).
STALE_AFTER = timedelta(minutes=10)
MAX_ERROR_CHARS = 10_000


class UnknownJob(LookupError):
    pass


@dataclass
class JobContext:
    """What a handler gets: the job's identity and payload, and a way to report progress."""

    job_id: int
    name: str
    payload: dict[str, Any]
    attempt: int
    _last_report: float = field(default=0.0, repr=False)

    def progress(self, percent: int | float, message: str = "", *, force: bool = False) -> None:
        """Record progress (0–100) and a short message; also the job's heartbeat. Calls closer
        together than half a second are dropped unless `force`."""
        now = time.monotonic()
        if not force and now - self._last_report < 0.5:
            return
        self._last_report = now
        Job.objects.filter(pk=self.job_id, state=JobState.RUNNING).update(
            progress=max(0, min(100, int(percent))),
            progress_message=str(message)[:300],
            heartbeat_at=timezone.now(),
        )


def handler_for(name: str) -> Callable[[JobContext], Any]:
    try:
        path = HANDLERS[name]
    except KeyError:
        raise UnknownJob(name) from None
    module, _, attr = path.rpartition(".")
    return getattr(importlib.import_module(module), attr)  # type: ignore[no-any-return]


def enqueue(name: str, payload: dict[str, Any] | None = None) -> Job:
    """Queue a job in the current transaction; it can run once that transaction commits."""
    if name not in HANDLERS:
        raise UnknownJob(name)
    job = Job.objects.create(name=name, payload=payload or {})
    transaction.on_commit(partial(_after_commit, job.pk))
    return job


def _after_commit(job_id: int) -> None:
    if settings.THONGTHIN.get("JOBS_EAGER"):
        run_now(job_id)


def run_now(job_id: int, *, worker: str = "eager") -> Job | None:
    """Claim one particular queued job and run it here; None when someone else has it."""
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, state=JobState.QUEUED).update(
        state=JobState.RUNNING,
        attempts=F("attempts") + 1,
        started_at=now,
        heartbeat_at=now,
        worker=worker[:100],
    )
    if not claimed:
        return None
    job = Job.objects.get(pk=job_id)
    run_job(job)
    job.refresh_from_db()
    return job


def _claim_fields(worker: str) -> dict[str, Any]:
    now = timezone.now()
    return {
        "state": JobState.RUNNING,
        "attempts": F("attempts") + 1,
        "started_at": now,
        "heartbeat_at": now,
        "finished_at": None,
        "worker": worker[:100],
        "progress": 0,
        "progress_message": "",
    }


def claim_next(*, worker: str) -> Job | None:
    """Take the oldest queued job for this worker, or None. Safe with any number of workers."""
    if connection.features.has_select_for_update_skip_locked:
        with transaction.atomic():
            job = (
                Job.objects.select_for_update(skip_locked=True)
                .filter(state=JobState.QUEUED)
                .order_by("id")
                .first()
            )
            if job is None:
                return None
            Job.objects.filter(pk=job.pk).update(**_claim_fields(worker))
        return Job.objects.get(pk=job.pk)
    # SQLite has no row locks: whoever flips the state from queued wins; the others try the
    # next candidate.
    for _attempt in range(20):
        pk = (
            Job.objects.filter(state=JobState.QUEUED)
            .order_by("id")
            .values_list("pk", flat=True)
            .first()
        )
        if pk is None:
            return None
        if Job.objects.filter(pk=pk, state=JobState.QUEUED).update(**_claim_fields(worker)):
            return Job.objects.get(pk=pk)
    return None


def _error_text(exc: BaseException) -> str:
    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    head = f"{type(exc).__name__}: {exc}\n\n"
    return (head + text)[:MAX_ERROR_CHARS]


def run_job(job: Job) -> None:
    """Run a job this process has claimed (state running) and record how it ended."""
    context = JobContext(
        job_id=job.pk, name=job.name, payload=dict(job.payload), attempt=job.attempts
    )
    # Only this run may end the job: one presumed dead and requeued (recover_stale) belongs to
    # its next attempt.
    mine = Job.objects.filter(pk=job.pk, state=JobState.RUNNING, attempts=job.attempts)
    try:
        handler_for(job.name)(context)
    except (KeyboardInterrupt, SystemExit):
        # The worker is being stopped: the job goes back to the queue for the next worker.
        mine.update(state=JobState.QUEUED, worker="", progress_message="interrupted")
        raise
    except Exception as exc:
        logger.exception("job %s #%s failed", job.name, job.pk)
        mine.update(state=JobState.FAILED, error=_error_text(exc), finished_at=timezone.now())
        return
    mine.update(state=JobState.DONE, progress=100, finished_at=timezone.now(), error="")


def recover_stale(*, now: Any = None) -> int:
    """Running jobs whose worker stopped reporting go back to the queue (or fail after
    MAX_ATTEMPTS). Returns how many were touched."""
    now = now or timezone.now()
    cutoff = now - STALE_AFTER
    stale = Job.objects.filter(state=JobState.RUNNING).filter(
        Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, started_at__lt=cutoff)
    )
    note = "the worker running this job stopped reporting (stopped or killed)"
    requeued = stale.filter(attempts__lt=MAX_ATTEMPTS).update(
        state=JobState.QUEUED, worker="", error=note
    )
    failed = stale.filter(attempts__gte=MAX_ATTEMPTS).update(
        state=JobState.FAILED, error=note, finished_at=now
    )
    return requeued + failed


def enqueue_due(*, now: Any = None, schedule: dict[str, timedelta] | None = None) -> list[Job]:
    """Queue each scheduled job whose last run was queued longer ago than its interval (or that
    never ran) and that is not already waiting or running. Returns the jobs queued."""
    now = now or timezone.now()
    queued: list[Job] = []
    for name, interval in (SCHEDULE if schedule is None else schedule).items():
        recent = Job.objects.filter(name=name, payload={}).filter(
            Q(created_at__gt=now - interval) | Q(state__in=[JobState.QUEUED, JobState.RUNNING])
        )
        if not recent.exists():
            queued.append(enqueue(name))
    return queued


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def work(
    *,
    once: bool = False,
    poll_seconds: float = 1.0,
    should_stop: Callable[[], bool] = lambda: False,
    worker: str | None = None,
    scheduled: bool = False,
) -> int:
    """The worker loop: claim, run, repeat; every minute it also requeues jobs of vanished
    workers and (with `scheduled`) queues the SCHEDULE's jobs that are due. `once` drains the
    queue and returns. Returns the number of jobs run."""
    worker = worker or worker_name()
    ran = 0
    last_housekeeping = -math.inf
    while not should_stop():
        if time.monotonic() - last_housekeeping > 60:
            recover_stale()
            if scheduled:
                enqueue_due()
            last_housekeeping = time.monotonic()
        job = claim_next(worker=worker)
        if job is None:
            if once:
                break
            _fresh_connection()
            time.sleep(poll_seconds)
            continue
        logger.info("job %s #%s started (attempt %s)", job.name, job.pk, job.attempts)
        run_job(job)
        ran += 1
        _fresh_connection()
    return ran


def _fresh_connection() -> None:
    """Between jobs, drop a connection that is broken or too old (as after a web request); not
    inside a caller's transaction (tests)."""
    if not connection.in_atomic_block:
        close_old_connections()
