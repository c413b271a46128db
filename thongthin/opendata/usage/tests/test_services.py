"""Counting views and downloads (domain notes §4.3): one view per visitor, page and day; robots
skipped; downloads every time; counters changed by conditional UPDATEs, never read-then-write;
the recent window recomputed nightly."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import connection
from django.db.models.query import QuerySet
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from thongthin.opendata.models import DatasetStats, Resource
from thongthin.opendata.tests import factories as f
from thongthin.opendata.usage import services, visitors
from thongthin.opendata.usage.models import DailySalt, DailyUsage, ViewSeen

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36"
OTHER_BROWSER = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Safari/604.1"


@pytest.fixture(autouse=True)
def _fresh_salts():
    visitors.forget_salts()
    yield
    visitors.forget_salts()


@pytest.fixture
def dataset():
    return f.dataset(f.lao_org("4500103"), title="สถิติการใช้น้ำประปา")


@pytest.fixture
def resource(dataset):
    return Resource.objects.create(dataset=dataset, name="ไฟล์", format="CSV", url="https://x/a.csv")


def page_request(
    ua: str = BROWSER, ip: str = "203.0.113.5", user: Any = None, method: str = "get"
) -> Any:
    request = getattr(RequestFactory(), method)("/dataset/x", HTTP_USER_AGENT=ua, REMOTE_ADDR=ip)
    request.user = user or AnonymousUser()
    return request


def stats(dataset: Any) -> DatasetStats:
    return DatasetStats.objects.get(dataset=dataset)


# --- views ---------------------------------------------------------------------------------


def test_a_visitor_counts_once_per_page_per_day(dataset):
    assert services.count_view(request=page_request(), dataset=dataset) is True
    assert services.count_view(request=page_request(), dataset=dataset) is False
    assert services.count_view(request=page_request(ua=OTHER_BROWSER), dataset=dataset) is True
    assert services.count_view(request=page_request(ip="198.51.100.7"), dataset=dataset) is True
    s = stats(dataset)
    assert (s.views_total, s.views_recent) == (3, 3)
    assert DailyUsage.objects.get(dataset=dataset).views == 3


def test_a_signed_in_user_is_one_visitor_on_any_device(dataset):
    user = f.UserFactory()
    assert services.count_view(request=page_request(user=user), dataset=dataset)
    assert not services.count_view(
        request=page_request(user=user, ua=OTHER_BROWSER, ip="198.51.100.9"), dataset=dataset
    )
    assert stats(dataset).views_total == 1


def test_the_same_visitor_counts_again_the_next_day(dataset, monkeypatch):
    services.count_view(request=page_request(), dataset=dataset)
    monkeypatch.setattr(services, "today", lambda: dt.date.today() + dt.timedelta(days=1))
    assert services.count_view(request=page_request(), dataset=dataset)
    assert stats(dataset).views_total == 2
    assert DailyUsage.objects.filter(dataset=dataset).count() == 2


def test_each_page_is_counted_separately(dataset):
    other = f.dataset(f.lao_org("4500103"), title="ปริมาณขยะรายเดือน")
    assert services.count_view(request=page_request(), dataset=dataset)
    assert services.count_view(request=page_request(), dataset=other)


def test_only_hashes_are_stored(dataset):
    user = f.UserFactory()
    services.count_view(request=page_request(ip="203.0.113.77"), dataset=dataset)
    services.count_view(request=page_request(user=user), dataset=dataset)
    stored = list(ViewSeen.objects.values_list("visitor", flat=True))
    assert len(stored) == 2
    for value in stored:
        assert len(value) == 64 and "203.0.113.77" not in value and str(user.pk) != value


@pytest.mark.parametrize(
    "ua",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "facebookexternalhit/1.1",
        "curl/8.5.0",
        "python-requests/2.32.3",
        "Wget/1.21",
        "Mozilla/5.0 HeadlessChrome/126.0",
        "",
    ],
)
def test_robots_do_not_count_as_views(dataset, ua):
    assert services.count_view(request=page_request(ua=ua), dataset=dataset) is False
    assert not DatasetStats.objects.filter(dataset=dataset).exists()
    assert not ViewSeen.objects.exists()


@pytest.mark.parametrize("method", ["post", "head"])
def test_only_a_get_is_a_view(dataset, method):
    assert services.count_view(request=page_request(method=method), dataset=dataset) is False


# --- downloads -----------------------------------------------------------------------------


def test_downloads_count_every_time(dataset, resource):
    for _ in range(3):
        assert services.count_download(request=page_request(), resource=resource)
    s = stats(dataset)
    assert (s.downloads_total, s.downloads_recent, s.views_total) == (3, 3, 0)
    assert DailyUsage.objects.get(dataset=dataset).downloads == 3


def test_scripts_downloading_files_count_but_crawlers_do_not(dataset, resource):
    assert services.count_download(request=page_request(ua="curl/8.5.0"), resource=resource)
    assert services.count_download(request=page_request(ua="ckanapi/4.11"), resource=resource)
    assert not services.count_download(
        request=page_request(ua="Mozilla/5.0 (compatible; Googlebot/2.1)"), resource=resource
    )
    assert stats(dataset).downloads_total == 2


def test_the_catalog_service_delegates_view_counting(dataset):
    assert services.count_view(request=page_request(), dataset=dataset)
    assert stats(dataset).views_total == 1


# --- concurrency: conditional UPDATEs, no read-then-write ------------------------------------


def test_counting_never_reads_the_counters_before_writing(dataset, resource):
    services.count_download(request=page_request(), resource=resource)  # rows now exist
    with CaptureQueriesContext(connection) as captured:
        services.count_download(request=page_request(), resource=resource)
    sql = [q["sql"].upper() for q in captured.captured_queries]
    writes = [s for s in sql if s.startswith("UPDATE")]
    assert len(writes) == 2  # the day's row and the dataset's totals
    assert all("+" in s for s in writes)  # relative: "downloads" = "downloads" + 1
    reads = [s for s in sql if s.startswith("SELECT")]
    assert not any("DAILYUSAGE" in s or "DATASETSTATS" in s for s in reads)


def test_stale_objects_do_not_lose_counts(dataset, resource):
    stale = Resource.objects.get(pk=resource.pk)
    services.count_download(request=page_request(), resource=resource)
    services.count_download(request=page_request(), resource=stale)
    assert stats(dataset).downloads_total == 2


def test_a_row_inserted_by_a_concurrent_request_is_incremented_not_overwritten(
    dataset, resource, monkeypatch
):
    """Another request creates today's row between our UPDATE (0 rows) and our INSERT: the
    INSERT fails on the unique constraint inside a savepoint and the UPDATE is run again."""
    day = services.today()
    real_update = QuerySet.update
    raced = {"done": False}

    def update(self: QuerySet, **kwargs: Any) -> int:
        if self.model is DailyUsage and not raced["done"]:
            raced["done"] = True
            DailyUsage.objects.create(dataset=dataset, day=day, downloads=5)  # the other request
            return 0  # what our UPDATE saw before that commit
        return real_update(self, **kwargs)

    monkeypatch.setattr(QuerySet, "update", update)
    assert services.count_download(request=page_request(), resource=resource)
    assert DailyUsage.objects.get(dataset=dataset, day=day).downloads == 6


def test_a_database_error_loses_the_count_not_the_response(dataset, resource, monkeypatch):
    from django.db import DatabaseError

    def broken(**kwargs: Any) -> None:
        raise DatabaseError("locked")

    monkeypatch.setattr(services, "_record", broken)
    assert services.count_download(request=page_request(), resource=resource) is False


# --- the recent window ---------------------------------------------------------------------


def test_rollup_recomputes_the_last_14_days(dataset):
    today = dt.date(2025, 3, 20)
    for days_ago, views, downloads in [(20, 5, 7), (14, 4, 4), (13, 2, 1), (0, 1, 2)]:
        DailyUsage.objects.create(
            dataset=dataset,
            day=today - dt.timedelta(days=days_ago),
            views=views,
            downloads=downloads,
        )
    DatasetStats.objects.create(
        dataset=dataset, views_total=12, views_recent=12, downloads_total=14, downloads_recent=14
    )
    result = services.usage_rollup(day=today)
    s = stats(dataset)
    assert (s.views_recent, s.downloads_recent) == (3, 3)  # 13 days ago and today only
    assert (s.views_total, s.downloads_total) == (12, 14)  # totals are never recomputed
    assert result.datasets >= 1


def test_rollup_sets_recent_to_zero_when_nothing_happened_in_the_window(dataset):
    DailyUsage.objects.create(dataset=dataset, day=dt.date(2025, 1, 1), views=9)
    DatasetStats.objects.create(dataset=dataset, views_total=9, views_recent=9)
    services.usage_rollup(day=dt.date(2025, 3, 1))
    assert stats(dataset).views_recent == 0


def test_rollup_forgets_visitor_hashes_and_salts_of_past_days(dataset):
    services.count_view(request=page_request(), dataset=dataset)
    tomorrow = services.today() + dt.timedelta(days=1)
    result = services.usage_rollup(day=tomorrow)
    assert result.forgotten_views == 1
    assert not ViewSeen.objects.exists()
    assert not DailySalt.objects.exists()


def test_rollup_command(dataset, capsys):
    DatasetStats.objects.create(dataset=dataset, views_total=3, views_recent=3)
    call_command("opendata_usage_rollup")
    assert "recent counters recomputed" in capsys.readouterr().out
    assert stats(dataset).views_recent == 0


def test_rollup_job_handler(dataset):
    from thongthin.core.jobs import JobContext

    DatasetStats.objects.create(dataset=dataset, views_total=3, views_recent=3)
    context = JobContext(job_id=0, name="opendata.usage.rollup", payload={}, attempt=1)
    services.usage_rollup_job(context)
    assert stats(dataset).views_recent == 0


def test_rollup_leaves_datasets_without_recent_use_alone(dataset):
    other = f.dataset(f.lao_org("4400115"), name="quiet")
    DatasetStats.objects.create(dataset=other, views_total=5, views_recent=0)
    DailyUsage.objects.create(dataset=dataset, day=services.today(), views=2)
    DatasetStats.objects.create(dataset=dataset, views_total=2, views_recent=0)
    result = services.usage_rollup()
    assert result.datasets == 1  # only the row that can change is written
    assert stats(dataset).views_recent == 2 and stats(other).views_recent == 0
