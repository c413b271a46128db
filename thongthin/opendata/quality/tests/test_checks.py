"""Each quality check and the HDX freshness thresholds (domain notes §3.6, §4.1)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from hypothesis import given
from hypothesis import strategies as st

from thongthin.opendata.models import Dataset, Resource
from thongthin.opendata.quality import checks
from thongthin.opendata.quality.models import Freshness

TODAY = dt.date(2025, 6, 30)


def resource(fmt: str = "", url: str = "", upload: str = "") -> Resource:
    r = Resource(format=fmt, url=url)
    if upload:
        r.upload.name = upload
    return r


# --- openness ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "stars"),
    [
        ("PDF", 1),
        ("DOCX", 1),
        ("ZIP", 1),
        ("XLS", 2),
        ("xlsx", 2),
        ("SHP", 2),
        ("CSV", 3),
        ("JSON", 3),
        ("XML", 3),
        ("GeoJSON", 3),
        ("RDF", 5),
        ("TTL", 5),
        ("JSON-LD", 5),
        ("something new", 1),
    ],
)
def test_format_stars(fmt, stars):
    assert checks.format_stars(checks.resource_format(resource(fmt))) == stars


def test_format_is_read_from_the_file_or_link_when_not_declared():
    assert checks.resource_format(resource(url="https://x.go.th/data/budget.csv?x=1")) == "CSV"
    assert checks.resource_format(resource(upload="opendata/resources/2025/01/a.xlsx")) == "XLSX"
    assert checks.resource_format(resource("text/csv")) == "CSV"


def test_link_only_resources_count_and_the_best_one_decides():
    result = checks.check_openness(
        [resource("PDF", url="https://x/a.pdf"), resource("CSV", url="https://x/a.csv")]
    )
    assert (result.passed, result.points, result.fix_params["stars"]) == (True, 18, 3)


def test_five_stars_earn_full_points():
    assert checks.check_openness([resource("RDF", url="https://x/a.rdf")]).points == 30


def test_closed_formats_fail_with_a_fix():
    result = checks.check_openness([resource("PDF", url="https://x/a.pdf")])
    assert not result.passed and result.fix_code == "openness_low"
    assert result.fix_params == {"stars": 1, "formats": "PDF"}
    assert result.points == 6


def test_no_resources_earn_nothing():
    result = checks.check_openness([resource("CSV")])  # neither a file nor a link
    assert (result.points, result.fix_code) == (0, "no_resources")


# --- completeness --------------------------------------------------------------------------


def complete_dataset(**overrides) -> Dataset:
    values = dict(
        title="งบประมาณ",
        notes="รายละเอียด",
        maintainer="กองคลัง",
        maintainer_email="a@x.go.th",
        license_id="dga-ogl",
        data_type="ข้อมูลสถิติ",
        data_category="ข้อมูลสาธารณะ",
        thai={
            "objective": ["พันธกิจหน่วยงาน"],
            "update_frequency_unit": "ปี",
            "geo_coverage": "ประเทศ",
            "data_source": "กองคลัง",
            "data_format": ["CSV"],
        },
    )
    values.update(overrides)
    return Dataset(**values)


def test_complete_metadata_passes():
    result, percent = checks.check_completeness(complete_dataset(), tag_count=2)
    assert (result.passed, result.points, percent) == (True, 30, 100)


def test_missing_fields_are_listed():
    dataset = complete_dataset(maintainer="", thai={"update_frequency_unit": "ปี"})
    result, percent = checks.check_completeness(dataset, tag_count=0)
    assert not result.passed and result.fix_code == "missing_fields"
    missing = result.fix_params["fields"]
    assert {"maintainer", "tags", "objective", "geo_coverage", "data_source", "data_format"} == set(
        missing
    )
    assert percent == 53 and result.points == 16  # 8 of 15 required fields


def test_the_core_required_fields_are_checked():
    assert set(checks.CORE_REQUIRED) == {
        "title",
        "notes",
        "maintainer",
        "maintainer_email",
        "license_id",
        "tags",
    }
    assert "update_frequency_unit" in checks.required_fields(complete_dataset())


def test_whitespace_is_not_a_value():
    result, _ = checks.check_completeness(complete_dataset(notes="   "), tag_count=1)
    assert result.fix_params["fields"] == ["notes"]


# --- freshness: the HDX thresholds -----------------------------------------------------------


@pytest.mark.parametrize(
    ("unit", "interval", "age", "state"),
    [
        ("วัน", "1", 0, Freshness.FRESH),
        ("วัน", "1", 1, Freshness.DUE),
        ("วัน", "1", 2, Freshness.OVERDUE),
        ("วัน", "1", 3, Freshness.DELINQUENT),
        ("สัปดาห์", "1", 6, Freshness.FRESH),
        ("สัปดาห์", "1", 7, Freshness.DUE),
        ("สัปดาห์", "1", 14, Freshness.OVERDUE),
        ("สัปดาห์", "1", 21, Freshness.DELINQUENT),
        ("เดือน", "1", 29, Freshness.FRESH),
        ("เดือน", "1", 30, Freshness.DUE),
        ("เดือน", "1", 43, Freshness.DUE),
        ("เดือน", "1", 44, Freshness.OVERDUE),
        ("เดือน", "1", 60, Freshness.DELINQUENT),
        ("ไตรมาส", "", 89, Freshness.FRESH),
        ("ไตรมาส", "", 90, Freshness.DUE),
        ("ไตรมาส", "", 120, Freshness.OVERDUE),
        ("ไตรมาส", "", 150, Freshness.DELINQUENT),
        ("ครึ่งปี", "1", 179, Freshness.FRESH),
        ("ครึ่งปี", "1", 180, Freshness.DUE),
        ("ครึ่งปี", "1", 240, Freshness.DELINQUENT),
        ("ปี", "1", 364, Freshness.FRESH),
        ("ปี", "1", 365, Freshness.DUE),
        ("ปี", "1", 425, Freshness.OVERDUE),
        ("ปี", "1", 455, Freshness.DELINQUENT),
        ("ปี", "2", 180, Freshness.DUE),  # twice a year: the six-month row
        ("เดือน", "2", 14, Freshness.DUE),  # twice a month: the two-week row
        ("ชั่วโมง", "1", 1, Freshness.DUE),  # more often than daily: the daily row
        ("ปี", "abc", 364, Freshness.FRESH),  # an unreadable interval means once
    ],
)
def test_hdx_thresholds(unit, interval, age, state):
    dataset = complete_dataset(
        thai={
            "update_frequency_unit": unit,
            "update_frequency_interval": interval,
            "last_updated_date": (TODAY - dt.timedelta(days=age)).isoformat(),
        }
    )
    result = checks.check_freshness(dataset, today=TODAY)
    assert result.fix_params["state"] == state
    assert result.passed == (state == Freshness.FRESH)
    assert result.points == checks.FRESHNESS_POINTS[state]


@pytest.mark.parametrize("unit", ["ไม่มีการปรับปรุงหลังจากการจัดเก็บข้อมูล", "ตามเวลาจริง"])
def test_never_updated_and_live_data_are_always_fresh(unit):
    dataset = complete_dataset(
        thai={"update_frequency_unit": unit, "last_updated_date": "2001-01-01"}
    )
    result = checks.check_freshness(dataset, today=TODAY)
    assert result.passed and result.points == 25 and result.fix_params["state"] == Freshness.STATIC


@pytest.mark.parametrize("unit", ["ไม่ทราบ", "อื่นๆ", ""])
def test_an_unknown_frequency_cannot_be_judged(unit):
    result = checks.check_freshness(
        complete_dataset(thai={"update_frequency_unit": unit}), today=TODAY
    )
    assert (result.passed, result.points, result.fix_code) == (False, 0, "frequency_unknown")


def test_metadata_modified_is_used_without_a_declared_date():
    modified = dt.datetime(2025, 6, 1, 3, 0, tzinfo=dt.UTC)
    for declared in (None, "not a date"):
        thai = {"update_frequency_unit": "เดือน"}
        if declared:
            thai["last_updated_date"] = declared
        dataset = complete_dataset(thai=thai, metadata_modified=modified)
        result = checks.check_freshness(dataset, today=TODAY)
        assert result.fix_params["days"] == 29 and result.passed


def test_the_declared_date_wins_over_metadata_modified():
    dataset = complete_dataset(
        thai={"update_frequency_unit": "เดือน", "last_updated_date": "2025-01-01"},
        metadata_modified=dt.datetime(2025, 6, 29, tzinfo=dt.UTC),
    )
    result = checks.check_freshness(dataset, today=TODAY)
    assert result.fix_code == "freshness_delinquent" and result.fix_params["period"] == 30


@given(period=st.floats(min_value=0.001, max_value=5000), age=st.integers(0, 5000))
def test_freshness_only_gets_worse_with_age(period, age):
    order = [Freshness.FRESH, Freshness.DUE, Freshness.OVERDUE, Freshness.DELINQUENT]
    now = order.index(checks.freshness_state(age, period))
    later = order.index(checks.freshness_state(age + 1, period))
    assert later >= now
    due, overdue, delinquent = checks.thresholds(period)
    assert 1 <= due < overdue < delinquent


# --- downloadable --------------------------------------------------------------------------


def test_downloadable_needs_a_file_or_an_http_link():
    assert checks.check_downloadable([resource(upload="opendata/resources/a.csv")]).passed
    assert checks.check_downloadable([resource(url="https://x/a.csv")]).passed
    assert checks.check_downloadable([resource(url="http://x/a.csv")]).passed
    result = checks.check_downloadable([resource(url="ftp://x/a.csv"), resource(url="a.csv")])
    assert (result.passed, result.points, result.fix_code) == (False, 0, "not_downloadable")


def test_weights_add_up_to_100():
    assert sum(checks.WEIGHTS.values()) == 100


@pytest.mark.django_db
def test_a_complete_fresh_dataset_scores_by_its_stars():
    from thongthin.opendata.tests import factories as f

    dataset = f.dataset(f.lao_org("4500103"), title="ข้อมูลครบ", last_updated_date=TODAY.isoformat())
    Resource.objects.create(dataset=dataset, format="CSV", upload=ContentFile(b"a\n1\n", "a.csv"))
    result = checks.assess(dataset, today=TODAY)
    assert result.score == 88  # 3 stars: 18 of 30 for openness, everything else full
    assert [c.fix_code for c in result.checks] == ["", "", "", ""]  # nothing *fails*
    Resource.objects.create(dataset=dataset, format="TTL", url="https://x.go.th/a.ttl")
    assert checks.assess(Dataset.objects.get(pk=dataset.pk), today=TODAY).score == 100
