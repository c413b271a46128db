"""The pages that count: the dataset page counts a view (once per visitor, page and day) and the
file download counts a download, through the real views, into the counters search sorts by."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from thongthin.opendata.dictization import resource_download_url
from thongthin.opendata.models import DatasetStats
from thongthin.opendata.services.resources import resource_create
from thongthin.opendata.tests import factories as f
from thongthin.opendata.usage import services, visitors
from thongthin.opendata.usage.models import DailyUsage

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36"
OTHER_BROWSER = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Safari/604.1"


@pytest.fixture(autouse=True)
def _fresh_salts():
    visitors.forget_salts()
    yield
    visitors.forget_salts()


@pytest.fixture
def org():
    return f.lao_org("4500103")


@pytest.fixture
def dataset(org):
    """A public dataset with an uploaded file."""
    admin = f.platform_admin()
    created = f.dataset(org, admin, name="water-quality", title="คุณภาพน้ำประปาหมู่บ้าน")
    resource_create(
        actor=admin, data={"package_id": created.id, "name": "water.csv", "upload": f.csv_file()}
    )
    return created


def visitor(ua: str = BROWSER, ip: str = "203.0.113.5", user: Any = None) -> Client:
    """A browser: the test client sends no User-Agent of its own, which counts as a robot."""
    client = Client(HTTP_USER_AGENT=ua, REMOTE_ADDR=ip)
    if user is not None:
        client.force_login(user)
    return client


def page(dataset: Any) -> str:
    return reverse("opendata:dataset", args=[dataset.name])


def download(dataset: Any) -> str:
    resource = dataset.resources.get(name="water.csv")
    return resource_download_url(resource).removeprefix("http://testserver")


def counters(dataset: Any) -> tuple[int, int, int, int]:
    s = DatasetStats.objects.get(dataset=dataset)
    return s.views_total, s.views_recent, s.downloads_total, s.downloads_recent


def test_page_views_count_once_per_visitor_and_downloads_every_time(dataset):
    # Given one visitor opening the page twice and another opening it once,
    first, second = visitor(), visitor(ua=OTHER_BROWSER, ip="198.51.100.7")
    for client in (first, first, second):
        assert client.get(page(dataset)).status_code == 200
    # and one download of the file,
    response = first.get(download(dataset))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == f.csv_file().read()
    # then the dataset has two views and one download, in total and in the last 14 days,
    assert counters(dataset) == (2, 2, 1, 1)
    today = services.today()
    day = DailyUsage.objects.get(dataset=dataset, day=today)
    assert (day.views, day.downloads) == (2, 1)
    # and the nightly rollup, which recomputes "recent" from the daily rows, agrees:
    services.usage_rollup()
    assert counters(dataset) == (2, 2, 1, 1)
    # the day is in the window for 14 days (today included), then only in the totals.
    services.usage_rollup(day=today + dt.timedelta(days=services.RECENT_DAYS - 1))
    assert counters(dataset) == (2, 2, 1, 1)
    services.usage_rollup(day=today + dt.timedelta(days=services.RECENT_DAYS))
    assert counters(dataset) == (2, 0, 1, 0)


def test_a_signed_in_visitor_is_one_visitor_across_browsers(dataset):
    user = f.UserFactory()
    visitor(user=user).get(page(dataset))
    visitor(ua=OTHER_BROWSER, ip="198.51.100.9", user=user).get(page(dataset))
    assert counters(dataset)[:2] == (1, 1)


def test_each_page_counts_separately_and_again_the_next_day(dataset, org, monkeypatch):
    other = f.dataset(org, name="garbage", title="ปริมาณขยะรายเดือน")
    client = visitor()
    client.get(page(dataset))
    client.get(page(other))
    assert counters(dataset)[0] == counters(other)[0] == 1
    # The same visitor tomorrow is counted again.
    tomorrow = services.today() + dt.timedelta(days=1)
    monkeypatch.setattr(services, "today", lambda: tomorrow)
    client.get(page(dataset))
    client.get(page(dataset))
    assert counters(dataset)[0] == 2
    assert DailyUsage.objects.get(dataset=dataset, day=tomorrow).views == 1


def test_robots_and_pages_not_shown_do_not_count(dataset, org):
    Client().get(page(dataset))  # no User-Agent at all
    visitor(ua="Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)").get(
        page(dataset)
    )
    visitor(ua="curl/8.5.0").get(page(dataset))  # a script reading the HTML page
    assert not DatasetStats.objects.filter(dataset=dataset).exists()
    # A private dataset's page is not found by a stranger, and not counted.
    secret = f.dataset(org, name="secret", private=True)
    assert visitor().get(page(secret)).status_code == 404
    assert not DatasetStats.objects.filter(dataset=secret).exists()
    # A script downloading the file is a real use of open data; a crawler is not.
    assert visitor(ua="curl/8.5.0").get(download(dataset)).status_code == 200
    visitor(ua="Mozilla/5.0 (compatible; bingbot/2.0)").get(download(dataset))
    assert counters(dataset) == (0, 0, 1, 1)


def test_popular_datasets_follow_the_counted_views(dataset, org, client):
    other = f.dataset(org, name="garbage", title="ปริมาณขยะรายเดือน")
    for n in range(3):
        visitor(ip=f"203.0.113.{n + 10}").get(page(other))
    visitor().get(page(dataset))
    body = client.get(reverse("opendata:search")).content.decode()
    # The "popular" list on the search page: the most viewed first.
    assert body.index("ชุดข้อมูลยอดนิยม") < body.index("ปริมาณขยะรายเดือน")
    popular = body[body.index("ชุดข้อมูลยอดนิยม") :]
    assert popular.index("ปริมาณขยะรายเดือน") < popular.index("คุณภาพน้ำประปาหมู่บ้าน")
