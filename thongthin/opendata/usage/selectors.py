"""Reads of usage: what is popular (from the counters beside each dataset, never by counting
rows) and downloads over a period (from the daily rows, for awards and reports)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet, Sum

from ..models import Dataset, State
from ..selectors import public_datasets
from .models import DailyUsage

PERIODS = ("recent", "total")


def popular_datasets(*, limit: int, period: str = "recent") -> QuerySet[Dataset]:
    """Public datasets with the most page views in the period ("recent": the last 14 days,
    "total": ever), downloads breaking ties. Datasets nobody has used are left out."""
    if period not in PERIODS:
        raise ValueError(f"period must be one of {PERIODS}, got {period!r}")
    views, downloads = f"stats__views_{period}", f"stats__downloads_{period}"
    return (
        public_datasets()
        .filter(Q(**{f"{views}__gt": 0}) | Q(**{f"{downloads}__gt": 0}))
        .select_related("owner_org", "stats")
        .order_by(f"-{views}", f"-{downloads}", "-metadata_modified", "id")[: max(0, limit)]
    )


def downloads_between(*, start: dt.date, end: dt.date, public_only: bool = True) -> QuerySet[Any]:
    """Downloads per dataset from `start` to `end` (both included), most first: rows of
    {"dataset_id", "downloads"} for datasets downloaded at least once (by default only datasets
    that are public now)."""
    rows = DailyUsage.objects.filter(day__gte=start, day__lte=end)
    if public_only:
        rows = rows.filter(dataset__state=State.ACTIVE, dataset__private=False)
    return (
        rows.values("dataset_id")
        .annotate(downloads=Sum("downloads"))
        .filter(downloads__gt=0)
        .order_by("-downloads", "dataset_id")
    )
