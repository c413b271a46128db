"""Run background jobs (thongthin/core/jobs.py). Run one or more of these next to the web
processes: they also start the scheduled jobs (jobs.SCHEDULE) when due. `--once` drains the
queue and exits (tests, a deploy step); `--once --scheduled` from cron also queues what is due."""

from __future__ import annotations

import signal
from typing import Any

from django.core.management.base import BaseCommand

from thongthin.core import jobs


class Command(BaseCommand):
    help = "Run queued background jobs; --once to drain the queue and exit."

    def add_arguments(self, parser) -> None:  # type: ignore[no-untyped-def]
        parser.add_argument("--once", action="store_true", help="run what is queued, then exit")
        parser.add_argument(
            "--poll", type=float, default=1.0, help="seconds between looks at an empty queue"
        )
        parser.add_argument(
            "--scheduled",
            action="store_true",
            help="with --once: also queue the scheduled jobs that are due (always on without it)",
        )

    def handle(self, *args: Any, once: bool, poll: float, scheduled: bool, **options: Any) -> None:
        stopping = {"asked": False}

        def stop(signum: int, frame: Any) -> None:
            if stopping["asked"]:  # a second signal: stop now, the job goes back to the queue
                raise KeyboardInterrupt
            stopping["asked"] = True
            self.stderr.write("run_worker: finishing the current job, then stopping")

        previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
        try:
            ran = jobs.work(
                once=once,
                poll_seconds=poll,
                should_stop=lambda: stopping["asked"],
                scheduled=scheduled or not once,
            )
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        if options.get("verbosity", 1) >= 1:
            self.stdout.write(f"run_worker: {ran} job(s) run")
