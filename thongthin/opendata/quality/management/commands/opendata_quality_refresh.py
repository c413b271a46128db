"""Recompute the quality score of every dataset (nightly: freshness changes with the calendar),
or of one with --dataset."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from thongthin.opendata.quality.services import quality_refresh, quality_refresh_all


class Command(BaseCommand):
    help = "Recompute dataset quality scores (all, or one with --dataset <id>)."

    def add_arguments(self, parser) -> None:  # type: ignore[no-untyped-def]
        parser.add_argument("--dataset", default="", help="the id of one dataset")

    def handle(self, *args: Any, dataset: str, **options: Any) -> None:
        if dataset:
            row = quality_refresh(dataset_id=dataset)
            self.stdout.write(f"{dataset}: {row.score if row else 'no score (deleted or unknown)'}")
            return
        self.stdout.write(f"quality scores recomputed: {quality_refresh_all()}")
