"""The quality checks of one dataset, as pure computation (no writes):

- openness: 5-star open data by resource format (domain notes §3.6 / §4.1); link-only resources
  count, the best resource decides;
- completeness: the required metadata (the Thai standard's required fields for the dataset's data
  type, and CKAN's core fields);
- freshness: the last update against the declared update frequency, with the HDX thresholds
  (up to date / due / overdue / delinquent);
- downloadable: at least one uploaded file or http(s) link.

Each check gives points out of its weight (the weights add up to 100) and, when it fails, a fix
as a message code with parameters; messages are rendered in the reader's language (`fixes.py`).
"""

from __future__ import annotations

import datetime as dt
import math
import posixpath
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from django.utils import timezone

from ..metadata import FIELDS, applies
from ..models import Dataset, Resource, State
from .models import Freshness

WEIGHTS = {"openness": 30, "completeness": 30, "freshness": 25, "downloadable": 15}

# 5-star open data by format (ckanext-dquality's table, domain notes §3.6). No format earns 4
# stars by itself (URIs for things); unknown formats earn 1 (on the web, any format).
STARS: dict[str, int] = {
    **dict.fromkeys(["TTL", "TURTLE", "RDF", "RDF/XML", "JSON-LD", "JSONLD", "N3", "NT", "NQ",
                     "TRIG", "SPARQL", "OWL"], 5),
    **dict.fromkeys(["CSV", "TSV", "JSON", "XML", "ODS", "GEOJSON", "TOPOJSON", "KML", "KMZ", "GML",
                     "GPX", "WMS", "WFS", "WCS", "WMTS", "NETCDF", "NC", "RSS", "ATOM", "PARQUET",
                     "API"], 3),
    **dict.fromkeys(["XLS", "XLSX", "XLS/XLSX", "XLSM", "MDB", "ACCDB", "SHP", "SHAPEFILE", "DBF",
                     "DBASE", "ESRI REST", "ARCGIS", "ARCGIS MAP SERVICE", "ARCGIS ONLINE MAP",
                     "GEOTIFF", "SAV", "DTA"], 2),
    **dict.fromkeys(["PDF", "DOC", "DOCX", "DOC/DOCX", "PPT", "PPTX", "ODT", "RTF", "TXT", "TEXT",
                     "HTML", "HTM", "JPG", "JPEG", "PNG", "GIF", "TIF", "TIFF", "BMP", "SVG",
                     "IMAGE", "ZIP", "RAR", "TAR", "GZ", "7Z"], 1),
}  # fmt: skip
MIME_FORMATS = {
    "text/csv": "CSV", "application/json": "JSON", "application/xml": "XML", "text/xml": "XML",
    "application/ld+json": "JSON-LD", "text/turtle": "TTL", "application/rdf+xml": "RDF",
    "application/geo+json": "GEOJSON", "application/pdf": "PDF", "application/vnd.ms-excel": "XLS",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
}  # fmt: skip
PASSING_STARS = 3

# CKAN core fields the Thai standard requires (metadata.REQUIRED_CORE minus the organization,
# which a dataset always has, plus the tags).
CORE_REQUIRED = ["title", "notes", "maintainer", "maintainer_email", "license_id", "tags"]
COLUMN_FIELDS = {"data_type", "data_category"}

# Update frequency unit (GD Catalog) -> days per unit.
UNIT_DAYS: dict[str, float] = {
    "ปี": 365, "ครึ่งปี": 182.5, "ไตรมาส": 91.25, "เดือน": 30.4375, "สัปดาห์": 7, "วัน": 1,
    "วันทำการ": 1, "ชั่วโมง": 1 / 24, "นาที": 1 / 1440,
}  # fmt: skip
STATIC_UNITS = {"ไม่มีการปรับปรุงหลังจากการจัดเก็บข้อมูล"}  # HDX "Never": always fresh
LIVE_UNITS = {"ตามเวลาจริง"}  # HDX "Live": always fresh
# HDX freshness ageing (hdx-data-freshness project configuration): update period in days ->
# age in days at which a dataset becomes due, overdue, delinquent.
AGING: dict[int, tuple[int, int, int]] = {
    1: (1, 2, 3), 2: (2, 4, 6), 7: (7, 14, 21), 14: (14, 21, 28), 30: (30, 44, 60),
    60: (60, 84, 108), 90: (90, 120, 150), 120: (120, 147, 174), 180: (180, 210, 240),
    300: (300, 342, 384), 365: (365, 425, 455), 730: (730, 785, 840),
}  # fmt: skip
FRESHNESS_POINTS: dict[str, int] = {
    Freshness.FRESH: 25, Freshness.STATIC: 25, Freshness.DUE: 15, Freshness.OVERDUE: 5,
    Freshness.DELINQUENT: 0, Freshness.UNKNOWN: 0,
}  # fmt: skip


@dataclass(frozen=True)
class CheckResult:
    key: str
    points: int
    max_points: int
    passed: bool
    fix_code: str = ""
    fix_params: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "points": self.points,
            "max_points": self.max_points,
            "passed": self.passed,
            "fix": {"code": self.fix_code, "params": self.fix_params} if self.fix_code else None,
        }


@dataclass(frozen=True)
class Assessment:
    score: int
    openness_stars: int
    completeness_percent: int
    freshness: str
    downloadable: bool
    checks: list[CheckResult]


# --- openness ------------------------------------------------------------------------------


def resource_format(resource: Resource) -> str:
    """The resource's format, upper case: as declared, else from the file or link's extension."""
    declared = (resource.format or "").strip().upper().lstrip(".")
    if declared:
        return MIME_FORMATS.get(declared.lower(), declared)
    name = resource.upload.name if resource.upload else urlsplit(resource.url or "").path
    extension = posixpath.splitext(name or "")[1].lstrip(".").upper()
    return extension


def format_stars(fmt: str) -> int:
    return STARS.get(fmt.upper().strip(), 1)


def _on_the_web(resource: Resource) -> bool:
    return bool(resource.upload) or bool((resource.url or "").strip())


def check_openness(resources: list[Resource]) -> CheckResult:
    weight = WEIGHTS["openness"]
    published = [r for r in resources if _on_the_web(r)]
    if not published:
        return CheckResult("openness", 0, weight, False, "no_resources")
    stars = max(format_stars(resource_format(r)) for r in published)
    points = round(weight * stars / 5)
    if stars >= PASSING_STARS:
        return CheckResult("openness", points, weight, True, fix_params={"stars": stars})
    formats = sorted({resource_format(r) or "?" for r in published})
    return CheckResult(
        "openness", points, weight, False, "openness_low",
        {"stars": stars, "formats": ", ".join(formats)},
    )  # fmt: skip


# --- completeness --------------------------------------------------------------------------


def _empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple | dict):
        return not value
    return False


def required_fields(dataset: Dataset) -> list[str]:
    thai = [f.name for f in FIELDS if f.required and applies(f, dataset.data_type or "")]
    return CORE_REQUIRED + thai


def missing_fields(dataset: Dataset, *, tag_count: int) -> list[str]:
    missing = []
    for name in required_fields(dataset):
        if name == "tags":
            if not tag_count:
                missing.append(name)
            continue
        value: Any
        if name in COLUMN_FIELDS or name in CORE_REQUIRED:
            value = getattr(dataset, name, "")
        else:
            value = (dataset.thai or {}).get(name)
        if _empty(value):
            missing.append(name)
    return missing


def check_completeness(dataset: Dataset, *, tag_count: int) -> tuple[CheckResult, int]:
    weight = WEIGHTS["completeness"]
    required = required_fields(dataset)
    missing = missing_fields(dataset, tag_count=tag_count)
    present = len(required) - len(missing)
    percent = math.floor(100 * present / len(required))
    points = math.floor(weight * present / len(required))
    if not missing:
        return CheckResult("completeness", weight, weight, True), 100
    return (
        CheckResult("completeness", points, weight, False, "missing_fields", {"fields": missing}),
        percent,
    )


# --- freshness -----------------------------------------------------------------------------


def update_period_days(unit: str, interval: Any) -> float | None:
    """Days between updates declared by the unit and the number of updates per unit."""
    if unit not in UNIT_DAYS:
        return None
    try:
        per_unit = float(str(interval).strip()) if not _empty(interval) else 1.0
    except ValueError:
        per_unit = 1.0
    if not math.isfinite(per_unit) or per_unit <= 0:
        per_unit = 1.0
    return UNIT_DAYS[unit] / per_unit


def thresholds(period_days: float) -> tuple[int, int, int]:
    """HDX's (due, overdue, delinquent) ages for an update period: the row for the longest HDX
    period that is not longer than ours (daily for anything more frequent than a day); periods
    longer than two years keep the two-year row's margins."""
    if period_days > 730:
        due = math.floor(period_days)
        return due, due + 55, due + 110
    row = max((p for p in AGING if p <= period_days), default=1)
    return AGING[row]


def freshness_state(age_days: int, period_days: float) -> str:
    due, overdue, delinquent = thresholds(period_days)
    if age_days >= delinquent:
        return Freshness.DELINQUENT
    if age_days >= overdue:
        return Freshness.OVERDUE
    if age_days >= due:
        return Freshness.DUE
    return Freshness.FRESH


def last_updated(dataset: Dataset) -> dt.date:
    """The declared date of the data's last update, else the last change of the metadata."""
    declared = (dataset.thai or {}).get("last_updated_date")
    if isinstance(declared, str) and declared.strip():
        try:
            return dt.date.fromisoformat(declared.strip()[:10])
        except ValueError:
            pass
    return timezone.localtime(dataset.metadata_modified).date()


def check_freshness(dataset: Dataset, *, today: dt.date) -> CheckResult:
    weight = WEIGHTS["freshness"]
    thai = dataset.thai or {}
    unit = str(thai.get("update_frequency_unit") or "").strip()
    if unit in STATIC_UNITS or unit in LIVE_UNITS:
        return CheckResult(
            "freshness", weight, weight, True, fix_params={"state": Freshness.STATIC}
        )
    period = update_period_days(unit, thai.get("update_frequency_interval"))
    if period is None:
        return CheckResult(
            "freshness", 0, weight, False, "frequency_unknown", {"state": Freshness.UNKNOWN}
        )
    updated = last_updated(dataset)
    age = max(0, (today - updated).days)
    state = freshness_state(age, period)
    params = {
        "state": state,
        "date": updated.isoformat(),
        "days": age,
        "period": max(1, round(period)),
    }
    points = FRESHNESS_POINTS[state]
    if state == Freshness.FRESH:
        return CheckResult("freshness", points, weight, True, fix_params=params)
    return CheckResult("freshness", points, weight, False, f"freshness_{state}", params)


# --- downloadable --------------------------------------------------------------------------


def is_downloadable(resource: Resource) -> bool:
    if resource.upload:
        return True
    return urlsplit((resource.url or "").strip()).scheme.lower() in ("http", "https")


def check_downloadable(resources: list[Resource]) -> CheckResult:
    weight = WEIGHTS["downloadable"]
    if any(is_downloadable(r) for r in resources):
        return CheckResult("downloadable", weight, weight, True)
    return CheckResult("downloadable", 0, weight, False, "not_downloadable")


# --- the whole -----------------------------------------------------------------------------


def assess(dataset: Dataset, *, today: dt.date | None = None) -> Assessment:
    """All checks of a dataset (uses prefetched resources and tags when present)."""
    today = today or timezone.localdate()
    resources = [r for r in dataset.resources.all() if r.state == State.ACTIVE]
    tag_count = len(dataset.tags.all())
    openness = check_openness(resources)
    completeness, percent = check_completeness(dataset, tag_count=tag_count)
    freshness = check_freshness(dataset, today=today)
    downloadable = check_downloadable(resources)
    checks = [openness, completeness, freshness, downloadable]
    stars = openness.fix_params.get("stars", 0) if openness.fix_code != "no_resources" else 0
    return Assessment(
        score=sum(c.points for c in checks),
        openness_stars=int(stars),
        completeness_percent=percent,
        freshness=str(freshness.fix_params["state"]),
        downloadable=downloadable.passed,
        checks=checks,
    )
