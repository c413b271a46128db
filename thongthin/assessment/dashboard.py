"""What the auditors' dashboard shows, shaped for the page: bar charts, the trend, the table.
The figures come from selectors.dashboard_figures; this module only arranges them."""

from __future__ import annotations

import math
from typing import Any
from urllib.parse import urlencode

from django.db.models import QuerySet

from thongthin.accounts import permissions
from thongthin.directory.models import LAOType, Province

from . import selectors
from .framework.schema import Level, ProjectKind
from .models import Assessment, AssessmentStatus
from .services.frameworks import framework_current

PAGE_SIZE = 50
LEVEL_COLOURS = {
    "pass": "#146c43",
    "improve": "#8a5300",
    "high_risk": "#b02a37",
    "suspend": "#58151c",
}


def bars(rows: list[tuple[str, int, str]]) -> list[dict[str, Any]]:
    """Rows for a horizontal bar chart: label, value, width in percent of the largest, colour."""
    top = max((value for _label, value, _c in rows), default=0) or 1
    return [
        {"label": label, "value": value, "width": round(100 * value / top, 1), "colour": colour}
        for label, value, colour in rows
    ]


def trend(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Levels per fiscal year as stacked bars (widths relative to the busiest year)."""
    years: dict[int, dict[str, int]] = {}
    for r in rows:
        years.setdefault(r["fiscal_year"], {})[r["level"]] = r["n"]
    top = max((sum(levels.values()) for levels in years.values()), default=1) or 1
    return [
        {
            "year": year,
            "total": sum(levels.values()),
            "parts": [
                {
                    "level": str(Level(lv).label),
                    "n": levels.get(lv, 0),
                    "colour": LEVEL_COLOURS[lv],
                    "width": round(100 * levels.get(lv, 0) / top, 1),
                }
                for lv in Level.values
            ],
        }
        for year, levels in sorted(years.items())
    ]


def _check_label(framework: Any, check_id: str) -> str:
    check = framework.check(check_id)
    question = str(check.question) if check else ""
    return f"{check_id} {question[:70]}{'…' if len(question) > 70 else ''}".strip()


def context(
    qs: QuerySet[Assessment], *, filters: selectors.DashboardFilters, page: int, user: Any
) -> dict[str, Any]:
    figures = selectors.dashboard_figures(qs)
    most_failed = figures["most_failed"]
    # Labelled from the current framework, parsed once (not once per bar).
    framework = framework_current().parsed() if most_failed else None
    kinds, statuses = dict(ProjectKind.choices), dict(AssessmentStatus.choices)
    by_kind: dict[str, dict[str, int]] = {}
    for row in figures["by_kind_status"]:
        by_kind.setdefault(row["kind"], {})[row["status"]] = row["n"]
    years = {r["fiscal_year"] for r in figures["by_year_level"]}
    if filters.fiscal_year:
        years.add(filters.fiscal_year)
    query = {
        "fiscal_year": filters.fiscal_year or "", "province": filters.province,
        "lao_type": filters.lao_type, "kind": filters.kind, "q": filters.q,
    }  # fmt: skip
    return {
        "filters": filters,
        "figures": figures,
        "by_kind": [
            {"kind": kinds[k], "statuses": [(statuses[s], v.get(s, 0)) for s in statuses]}
            for k, v in by_kind.items()
        ],
        "status_labels": list(statuses.values()),
        "level_bars": bars(
            [
                (str(Level(r["level"]).label), r["n"], LEVEL_COLOURS[r["level"]])
                for r in figures["by_level"]
            ]
        ),
        "failed_bars": bars(
            [(_check_label(framework, r["check_id"]), r["n"], "#0b4f8a") for r in most_failed]
        ),
        "trend": trend(figures["by_year_level"]),
        "rows": selectors.dashboard_rows(qs)[(page - 1) * PAGE_SIZE : page * PAGE_SIZE],
        "page": page,
        "pages": math.ceil(figures["total"] / PAGE_SIZE),
        "querystring": urlencode({k: v for k, v in query.items() if v}),
        "provinces": Province.objects.filter(
            pk__in=permissions.auditor_province_ids(user)
        ).order_by("name_th"),
        "lao_types": LAOType.choices,
        "kinds": ProjectKind.choices,
        "years": sorted(years, reverse=True),
    }
