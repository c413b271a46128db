"""The background job queue: enqueue on commit, claim once, run, fail loudly, never lose a job."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from thongthin.core import jobs
from thongthin.core.models import Job, JobState

pytestmark = pytest.mark.django_db

calls: list[dict] = []


def record_handler(context: jobs.JobContext) -> None:
    context.progress(50, "half way", force=True)
    calls.append({"payload": context.payload, "attempt": context.attempt, "job": context.job_id})


def failing_handler(context: jobs.JobContext) -> None:
    raise RuntimeError(f"cannot do {context.payload['what']}")


def interrupted_handler(context: jobs.JobContext) -> None:
    raise KeyboardInterrupt


def requeued_meanwhile_handler(context: jobs.JobContext) -> None:
    """While this run works, it is presumed dead, requeued and taken by another worker."""
    Job.objects.filter(pk=context.job_id).update(attempts=context.attempt + 1, worker="fresh")


@pytest.fixture(autouse=True)
def _handlers(monkeypatch):
    calls.clear()
    here = "thongthin.core.tests.test_jobs"
    monkeypatch.setitem(jobs.HANDLERS, "test.record", f"{here}.record_handler")
    monkeypatch.setitem(jobs.HANDLERS, "test.fail", f"{here}.failing_handler")
    monkeypatch.setitem(jobs.HANDLERS, "test.interrupt", f"{here}.interrupted_handler")
    monkeypatch.setitem(jobs.HANDLERS, "test.requeued", f"{here}.requeued_meanwhile_handler")


@pytest.fixture
def queue_only(settings):
    """A worker's setup: jobs wait in the queue instead of running after commit."""
    settings.THONGTHIN = {**settings.THONGTHIN, "JOBS_EAGER": False}


def test_eager_job_runs_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = jobs.enqueue("test.record", {"n": 1})
    # Given the transaction has not committed, nothing has run yet.
    assert calls == []
    assert Job.objects.get(pk=job.pk).state == JobState.QUEUED
    # When it commits, the job runs in-process.
    for callback in callbacks:
        callback()
    job.refresh_from_db()
    assert calls == [{"payload": {"n": 1}, "attempt": 1, "job": job.pk}]
    assert job.state == JobState.DONE
    assert job.progress == 100
    assert job.attempts == 1
    assert job.started_at and job.finished_at


def test_rolled_back_transaction_leaves_no_job(django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(ZeroDivisionError),
        transaction.atomic(),
    ):
        jobs.enqueue("test.record", {"n": 2})
        1 / 0  # noqa: B018
    assert callbacks == []
    assert not Job.objects.filter(name="test.record").exists()
    assert calls == []


def test_unknown_job_name_is_refused():
    with pytest.raises(jobs.UnknownJob):
        jobs.enqueue("no.such.job", {})


def test_worker_runs_queued_jobs_in_order(queue_only, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = jobs.enqueue("test.record", {"n": 1})
        second = jobs.enqueue("test.record", {"n": 2})
    assert Job.objects.get(pk=first.pk).state == JobState.QUEUED  # not eager
    ran = jobs.work(once=True)
    assert ran == 2
    assert [c["payload"]["n"] for c in calls] == [1, 2]
    assert set(
        Job.objects.filter(pk__in=[first.pk, second.pk]).values_list("state", flat=True)
    ) == {JobState.DONE}


def test_a_claimed_job_is_not_claimed_again(queue_only):
    job = jobs.enqueue("test.record", {})
    claimed = jobs.claim_next(worker="a")
    assert claimed is not None and claimed.pk == job.pk
    assert claimed.state == JobState.RUNNING and claimed.worker == "a"
    assert jobs.claim_next(worker="b") is None
    assert jobs.run_now(job.pk) is None  # eager claim of a running job: refused too


def test_failing_handler_marks_the_job_failed_with_the_error(queue_only):
    job = jobs.enqueue("test.fail", {"what": "the impossible"})
    jobs.work(once=True)
    job.refresh_from_db()
    assert job.state == JobState.FAILED
    assert "RuntimeError: cannot do the impossible" in job.error
    assert "Traceback" in job.error
    assert job.finished_at is not None


def test_progress_is_recorded_while_running(queue_only):
    job = jobs.enqueue("test.record", {})
    claimed = jobs.claim_next(worker="w")
    context = jobs.JobContext(job_id=claimed.pk, name=claimed.name, payload={}, attempt=1)
    context.progress(42, "กำลังทำ", force=True)
    job.refresh_from_db()
    assert (job.progress, job.progress_message) == (42, "กำลังทำ")
    assert job.heartbeat_at is not None


def test_stopping_worker_puts_the_job_back(queue_only):
    job = jobs.enqueue("test.interrupt", {})
    with pytest.raises(KeyboardInterrupt):
        jobs.work(once=True)
    job.refresh_from_db()
    assert job.state == JobState.QUEUED
    assert job.attempts == 1


def test_job_of_a_vanished_worker_is_requeued_then_failed(queue_only):
    job = jobs.enqueue("test.record", {})
    jobs.claim_next(worker="ghost")
    long_ago = timezone.now() - jobs.STALE_AFTER - dt.timedelta(minutes=1)
    Job.objects.filter(pk=job.pk).update(heartbeat_at=long_ago)
    # A fresh job is left alone.
    assert jobs.recover_stale(now=long_ago + jobs.STALE_AFTER) == 0
    assert jobs.recover_stale() == 1
    job.refresh_from_db()
    assert job.state == JobState.QUEUED and "stopped reporting" in job.error
    # After MAX_ATTEMPTS, it fails instead of looping for ever.
    Job.objects.filter(pk=job.pk).update(
        state=JobState.RUNNING, attempts=jobs.MAX_ATTEMPTS, heartbeat_at=long_ago
    )
    jobs.recover_stale()
    job.refresh_from_db()
    assert job.state == JobState.FAILED


def test_run_worker_command_drains_the_queue(queue_only):
    jobs.enqueue("test.record", {"n": 7})
    call_command("run_worker", "--once", verbosity=0)
    assert calls[0]["payload"] == {"n": 7}
    assert not Job.objects.filter(state=JobState.QUEUED).exists()


def test_every_registered_handler_imports():
    for name in jobs.HANDLERS:
        assert callable(jobs.handler_for(name))


def test_scheduled_jobs_are_queued_once_per_interval(queue_only):
    schedule = {"test.record": dt.timedelta(hours=1)}
    now = timezone.now()
    # Never ran: due now
    [first] = jobs.enqueue_due(now=now, schedule=schedule)
    assert first.name == "test.record" and first.payload == {}
    # Waiting in the queue: not queued again, however long it waits
    assert jobs.enqueue_due(now=now + dt.timedelta(hours=5), schedule=schedule) == []
    jobs.work(once=True)
    assert len(calls) == 1
    # Ran within the interval: not yet; a job with a payload (one dataset) does not count as run
    jobs.enqueue("test.record", {"only": "one"})
    jobs.work(once=True)
    assert jobs.enqueue_due(now=now + dt.timedelta(minutes=59), schedule=schedule) == []
    # Once the interval has passed since it was queued: due again
    assert len(jobs.enqueue_due(now=now + dt.timedelta(minutes=61), schedule=schedule)) == 1


def test_the_worker_queues_the_schedule_but_a_single_drain_does_not(queue_only, monkeypatch):
    monkeypatch.setattr(jobs, "SCHEDULE", {"test.record": dt.timedelta(days=1)})
    call_command("run_worker", "--once", verbosity=0)
    assert calls == []
    call_command("run_worker", "--once", "--scheduled", verbosity=0)
    assert len(calls) == 1
    call_command("run_worker", "--once", "--scheduled", verbosity=0)
    assert len(calls) == 1  # ran today already
    # The long-running worker schedules on its own: stop it after its first round
    monkeypatch.setitem(jobs.HANDLERS, "test.nightly", jobs.HANDLERS["test.record"])
    monkeypatch.setattr(jobs, "SCHEDULE", {"test.nightly": dt.timedelta(days=1)})
    rounds = iter([False, True])
    assert jobs.work(should_stop=lambda: next(rounds), scheduled=True, poll_seconds=0) == 1
    assert len(calls) == 2
    assert Job.objects.get(name="test.nightly").state == JobState.DONE


def test_the_schedule_names_registered_handlers():
    assert set(jobs.SCHEDULE) <= set(jobs.HANDLERS)


def test_a_run_presumed_dead_does_not_end_the_next_attempt(queue_only):
    job = jobs.enqueue("test.requeued", {})
    claimed = jobs.claim_next(worker="slow")
    assert claimed is not None and claimed.pk == job.pk
    jobs.run_job(claimed)
    job.refresh_from_db()
    assert job.state == JobState.RUNNING and job.worker == "fresh"  # the second run's to end
