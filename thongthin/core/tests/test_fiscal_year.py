import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thongthin.core.fiscal_year import FiscalYear


def test_fy_2567_runs_from_1_oct_2023_to_30_sep_2024():
    fy = FiscalYear(2567)
    assert fy.start == dt.date(2023, 10, 1)
    assert fy.end == dt.date(2024, 9, 30)
    assert fy.days == 366  # contains 29 Feb 2024


@pytest.mark.parametrize(
    ("day", "be"),
    [
        (dt.date(2023, 9, 30), 2566),
        (dt.date(2023, 10, 1), 2567),
        (dt.date(2024, 2, 29), 2567),
        (dt.date(2024, 9, 30), 2567),
        (dt.date(2024, 10, 1), 2568),
    ],
)
def test_edges(day, be):
    assert FiscalYear.for_date(day) == FiscalYear(be)


def test_datetime_uses_bangkok_date():
    # 30 Sep 2024 18:00 UTC is 1 Oct 01:00 in Bangkok: already FY 2568.
    assert FiscalYear.for_date(dt.datetime(2024, 9, 30, 18, 0, tzinfo=dt.UTC)) == FiscalYear(2568)


def test_label_and_ordering():
    assert str(FiscalYear(2567)) == "ปีงบประมาณ พ.ศ. 2567"
    assert FiscalYear(2566) < FiscalYear(2567) == FiscalYear(2566).next()
    assert FiscalYear(2567).previous() == FiscalYear(2566)


def test_ce_years_are_refused():
    with pytest.raises(ValueError):
        FiscalYear(2024)


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2300, 1, 1)))
def test_every_date_is_in_exactly_its_fiscal_year(d):
    fy = FiscalYear.for_date(d)
    assert d in fy
    assert d not in fy.next()
    assert d not in fy.previous()
    assert fy.next().start - fy.end == dt.timedelta(days=1)


@given(st.integers(min_value=2450, max_value=2850))
def test_length_is_365_or_366(be):
    fy = FiscalYear(be)
    leap = (fy.end.year % 4 == 0 and fy.end.year % 100 != 0) or fy.end.year % 400 == 0
    assert fy.days == (366 if leap else 365)
