import datetime as dt

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from thongthin.core.thai_dates import (
    ThaiDateError,
    format_date,
    format_datetime,
    format_input,
    parse_date,
)

dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31))


def test_format_short_and_long_in_thai():
    d = dt.date(2024, 3, 15)
    assert format_date(d, thai=True) == "15 มี.ค. 2567"
    assert format_date(d, style="long", thai=True) == "15 มีนาคม 2567"


def test_format_follows_active_language():
    d = dt.date(2024, 3, 15)
    with translation.override("en"):
        assert format_date(d) == "15 Mar 2024 (BE 2567)"
    with translation.override("th"):
        assert format_date(d) == "15 มี.ค. 2567"


def test_datetime_is_shown_in_bangkok_time():
    # 20:30 UTC on 31 Dec is already 1 Jan in Bangkok (UTC+7).
    value = dt.datetime(2023, 12, 31, 20, 30, tzinfo=dt.UTC)
    assert format_datetime(value, thai=True) == "1 ม.ค. 2567 03:30 น."


@pytest.mark.parametrize(
    "text",
    [
        "15/03/2567",
        "15-3-2567",
        "15 มี.ค. 2567",
        "15 มีค 2567",
        "15 มีนาคม 2567",
        "15 มีนาคม พ.ศ. 2567",
        "๑๕/๐๓/๒๕๖๗",
        "2024-03-15",
        "15/03/2024",
        "  15   มี.ค.   2567 ",
        "15 Mar 2024",
    ],
)
def test_parse_accepts_the_forms_people_type(text):
    assert parse_date(text) == dt.date(2024, 3, 15)


@pytest.mark.parametrize(
    "text", ["30/02/2567", "30 ก.พ. 2567", "29/02/2566", "31/04/2567", "00/01/2567"]
)
def test_impossible_dates_are_refused(text):
    with pytest.raises(ThaiDateError) as err:
        parse_date(text)
    assert "30 ก.พ." in err.value.message or "ไม่มีวันที่นี้" in str(err.value.message)


def test_leap_day_exists_in_be_2567_but_not_2566():
    assert parse_date("29 ก.พ. 2567") == dt.date(2024, 2, 29)
    with pytest.raises(ThaiDateError):
        parse_date("29 ก.พ. 2566")


@pytest.mark.parametrize("text", ["", "   ", "ไม่ใช่วันที่", "15 ธันวา 99999", "15 xyz 2567", "1/1/0001"])
def test_garbage_is_refused_with_a_message(text):
    with pytest.raises(ThaiDateError) as err:
        parse_date(text)
    assert err.value.message


@given(dates)
def test_input_format_round_trips(d):
    assert parse_date(format_input(d)) == d


@given(dates)
def test_thai_display_round_trips(d):
    assert parse_date(format_date(d, thai=True)) == d
    assert parse_date(format_date(d, style="long", thai=True)) == d


@given(dates)
def test_display_year_is_gregorian_plus_543(d):
    assert format_date(d, thai=True).endswith(str(d.year + 543))
