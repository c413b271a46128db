"""Counting use of the catalog (domain notes §4.3) without ever counting rows at search time:

- a dataset page view counts once per visitor, page and day (CKAN's rule); robots are skipped;
- a resource download counts every time (crawlers aside);
- each count bumps the day's `DailyUsage` row and the dataset's `DatasetStats` totals and recent
  (last `RECENT_DAYS` days) counters by conditional UPDATEs: never read-then-write. The first
  count of a day inserts the row; if another request inserted it in between, the insert fails
  inside a savepoint and the UPDATE is simply run again;
- `usage_rollup` (hourly, queued by the worker) recomputes the recent counters from the daily
  rows, so counts that leave the window drop out, and deletes the visitor hashes of days that
  are over.

Counting never breaks the page or the download that triggered it: a database error is logged
and the count is lost, not the response.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from django.db import DatabaseError, IntegrityError, models, transaction
from django.db.models import F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.utils import timezone

from ..models import Dataset, DatasetStats, Resource
from . import visitors
from .models import DailySalt, DailyUsage, ViewSeen

logger = logging.getLogger(__name__)

RECENT_DAYS = 14  # CKAN's "recent": the last 14 days, today included


def today() -> dt.date:
    return timezone.localdate()


def recent_window_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=RECENT_DAYS - 1)


def _increment(model: type[models.Model], key: dict[str, Any], amounts: dict[str, int]) -> None:
    """Add `amounts` to the row identified by `key`, creating it if it does not exist yet."""
    changes = {name: F(name) + amount for name, amount in amounts.items()}
    if model._default_manager.filter(**key).update(**changes):
        return
    try:
        with transaction.atomic():
            model._default_manager.create(**key, **amounts)
    except IntegrityError:  # created by a concurrent request since our UPDATE
        model._default_manager.filter(**key).update(**changes)


def _record(*, dataset_id: str, day: dt.date, views: int = 0, downloads: int = 0) -> None:
    daily: dict[str, int] = {}
    totals: dict[str, int] = {}
    if views:
        daily["views"] = views
        totals.update(views_total=views, views_recent=views)
    if downloads:
        daily["downloads"] = downloads
        totals.update(downloads_total=downloads, downloads_recent=downloads)
    _increment(DailyUsage, {"dataset_id": dataset_id, "day": day}, daily)
    _increment(DatasetStats, {"dataset_id": dataset_id}, totals)


def count_view(*, request: HttpRequest, dataset: Dataset) -> bool:
    """Count a view of the dataset's page, once per visitor and day. Returns whether it counted
    (False for robots and repeat views). Call it from the page view after deciding to show it."""
    if request.method != "GET" or visitors.is_page_robot(visitors.user_agent(request)):
        return False
    day = today()
    try:
        with transaction.atomic():
            visitor = visitors.visitor_key(request, day)
            try:
                with transaction.atomic():
                    ViewSeen.objects.create(day=day, dataset_id=dataset.pk, visitor=visitor)
            except IntegrityError:
                return False  # this visitor has been counted on this page today
            _record(dataset_id=dataset.pk, day=day, views=1)
    except DatabaseError:
        logger.exception("could not count a view of dataset %s", dataset.pk)
        return False
    return True


def count_download(*, request: HttpRequest, resource: Resource) -> bool:
    """Count a download of one of the dataset's files, every time (crawlers aside)."""
    if visitors.is_crawler(visitors.user_agent(request)):
        return False
    try:
        with transaction.atomic():
            _record(dataset_id=resource.dataset_id, day=today(), downloads=1)
    except DatabaseError:
        logger.exception("could not count a download of resource %s", resource.pk)
        return False
    return True


@dataclass(frozen=True)
class RollupResult:
    datasets: int
    forgotten_views: int


def usage_rollup(*, day: dt.date | None = None) -> RollupResult:
    """Recompute every dataset's recent counters from the daily rows of the window ending on
    `day` (today), in one UPDATE; delete the visitor hashes and salts of earlier days.

    A count made while this runs may be missed by the recomputation (it still is in its daily
    row and in the totals); the next rollup includes it."""
    day = day or today()
    window = DailyUsage.objects.filter(
        dataset_id=OuterRef("dataset_id"), day__gte=recent_window_start(day), day__lte=day
    ).order_by()

    def recent_sum(field: str) -> Coalesce:
        total = window.values("dataset_id").annotate(total=Sum(field)).values("total")
        return Coalesce(Subquery(total), 0)

    # Only the rows that can change: counted in the window, or not yet back to zero.
    in_window = DailyUsage.objects.filter(day__gte=recent_window_start(day), day__lte=day).values(
        "dataset_id"
    )
    touched = DatasetStats.objects.filter(
        Q(views_recent__gt=0) | Q(downloads_recent__gt=0) | Q(dataset_id__in=in_window)
    )
    with transaction.atomic():
        updated = touched.update(
            views_recent=recent_sum("views"), downloads_recent=recent_sum("downloads")
        )
        forgotten, _ = ViewSeen.objects.filter(day__lt=day).delete()
        DailySalt.objects.filter(day__lt=day).delete()
    visitors.forget_salts()
    return RollupResult(datasets=updated, forgotten_views=forgotten)


def usage_rollup_job(context: Any) -> None:
    """Background-job handler (thongthin.core.jobs) for the hourly rollup."""
    result = usage_rollup()
    context.progress(100, f"{result.datasets} datasets", force=True)
