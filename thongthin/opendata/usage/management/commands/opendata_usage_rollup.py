"""Recompute the recent (last 14 days) view and download counters and forget the visitor
hashes of days that are over. The worker queues it hourly (core.jobs.SCHEDULE); run it by
hand when needed."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from thongthin.opendata.usage.services import usage_rollup


class Command(BaseCommand):
    help = "Recompute the recent usage counters of every dataset and forget old visitor hashes."

    def handle(self, *args: Any, **options: Any) -> None:
        result = usage_rollup()
        self.stdout.write(
            f"recent counters recomputed for {result.datasets} datasets; "
            f"{result.forgotten_views} visitor hashes forgotten"
        )
