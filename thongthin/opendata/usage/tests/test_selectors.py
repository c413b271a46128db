"""What is popular, from the counters beside each dataset; downloads over a period."""

from __future__ import annotations

import datetime as dt

import pytest

from thongthin.opendata.models import DatasetStats
from thongthin.opendata.tests import factories as f
from thongthin.opendata.usage.models import DailyUsage
from thongthin.opendata.usage.selectors import downloads_between, popular_datasets

pytestmark = pytest.mark.django_db


@pytest.fixture
def three():
    org = f.lao_org("4500103")
    a = f.dataset(org, title="ชุดเอ")
    b = f.dataset(org, title="ชุดบี")
    c = f.dataset(org, title="ชุดซี")
    DatasetStats.objects.create(dataset=a, views_total=100, views_recent=1)
    DatasetStats.objects.create(dataset=b, views_total=10, views_recent=8)
    DatasetStats.objects.create(dataset=c, views_total=10, views_recent=8, downloads_recent=5)
    return a, b, c


def test_popular_recent_and_total(three):
    a, b, c = three
    assert list(popular_datasets(limit=3)) == [c, b, a]  # downloads break the tie
    assert list(popular_datasets(limit=3, period="total")) == [a, c, b]
    assert list(popular_datasets(limit=1, period="total")) == [a]


def test_popular_leaves_out_private_and_unused_datasets(three):
    _a, b, _c = three
    b.private = True
    b.save(update_fields=["private"])
    unused = f.dataset(f.lao_org("4500103"), title="ชุดที่ไม่มีใครใช้")
    got = list(popular_datasets(limit=10))
    assert b not in got and unused not in got


def test_popular_rejects_an_unknown_period():
    with pytest.raises(ValueError):
        popular_datasets(limit=5, period="weekly")


def test_popular_reads_in_one_query(three, django_assert_num_queries):
    with django_assert_num_queries(1):
        [d.stats.views_recent for d in popular_datasets(limit=10)]


def test_downloads_between_adds_up_days_in_the_period(three):
    a, b, _c = three
    DailyUsage.objects.create(dataset=a, day=dt.date(2024, 12, 31), downloads=50)
    DailyUsage.objects.create(dataset=a, day=dt.date(2025, 1, 1), downloads=3)
    DailyUsage.objects.create(dataset=a, day=dt.date(2025, 6, 1), downloads=4)
    DailyUsage.objects.create(dataset=b, day=dt.date(2025, 12, 31), downloads=9)
    rows = list(downloads_between(start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31)))
    assert rows == [{"dataset_id": b.pk, "downloads": 9}, {"dataset_id": a.pk, "downloads": 7}]
