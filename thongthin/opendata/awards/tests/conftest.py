from __future__ import annotations

import datetime as dt

import pytest

from thongthin.opendata.tests import factories as f
from thongthin.opendata.usage.models import DailyUsage

YEAR_BE = 2567  # calendar 2024


@pytest.fixture
def admin():
    return f.platform_admin()


@pytest.fixture
def org():
    return f.lao_org("4500103")


@pytest.fixture
def downloaded(org):
    """Three public datasets downloaded in 2024 (and one outside the year, one private)."""
    a = f.dataset(org, title="ชุดดาวน์โหลดมาก")
    b = f.dataset(org, title="ชุดดาวน์โหลดรอง")
    hidden = f.dataset(org, title="ชุดภายใน", private=True)
    DailyUsage.objects.create(dataset=a, day=dt.date(2024, 1, 1), downloads=30)
    DailyUsage.objects.create(dataset=a, day=dt.date(2024, 12, 31), downloads=12)
    DailyUsage.objects.create(dataset=b, day=dt.date(2024, 6, 1), downloads=20)
    DailyUsage.objects.create(dataset=b, day=dt.date(2025, 1, 1), downloads=999)
    DailyUsage.objects.create(dataset=hidden, day=dt.date(2024, 6, 1), downloads=500)
    return a, b, hidden
