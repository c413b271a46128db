"""The auditors' dashboard: where risk concentrates in their provinces."""

from __future__ import annotations

import math
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from thongthin.accounts import permissions
from thongthin.core.errors import PermissionDenied
from thongthin.core.exports import csv_bytes, xlsx_bytes
from thongthin.core.text import normalize
from thongthin.directory.models import LAOType, Province

from .. import selectors
from ..framework.schema import Level, ProjectKind
from ..models import AssessmentStatus
from .common import error_page

PAGE_SIZE = 50
LEVEL_COLOURS = {
    "pass": "#146c43",
    "improve": "#8a5300",
    "high_risk": "#b02a37",
    "suspend": "#58151c",
}


def _filters(request: HttpRequest) -> selectors.DashboardFilters:
    def pick(name: str, allowed: set[str]) -> str:
        value = request.GET.get(name, "")
        return value if value in allowed else ""

    year = request.GET.get("fiscal_year", "")
    return selectors.DashboardFilters(
        fiscal_year=int(year) if year.isdigit() and 2500 <= int(year) <= 2700 else None,
        province=pick("province", set(Province.objects.values_list("code", flat=True))),
        lao_type=pick("lao_type", set(LAOType.values)),
        kind=pick("kind", set(ProjectKind.values)),
        q=normalize(request.GET.get("q", ""))[:100],
    )


def _bars(rows: list[tuple[str, int, str]]) -> list[dict]:
    """Rows for a horizontal SVG bar chart: label, value, width in percent, colour."""
    top = max((value for _label, value, _c in rows), default=0) or 1
    return [
        {"label": label, "value": value, "width": round(100 * value / top, 1), "colour": colour}
        for label, value, colour in rows
    ]


def _trend(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
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


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    filters = _filters(request)
    try:
        qs = selectors.dashboard_scope(user=request.user, filters=filters)
    except PermissionDenied as exc:
        return error_page(request, exc)
    figures = selectors.dashboard_figures(qs)
    kinds = dict(ProjectKind.choices)
    statuses = dict(AssessmentStatus.choices)
    by_kind: dict[str, dict[str, int]] = {}
    for row in figures["by_kind_status"]:
        by_kind.setdefault(row["kind"], {})[row["status"]] = row["n"]
    level_rows = [
        (str(Level(r["level"]).label), r["n"], LEVEL_COLOURS[r["level"]])
        for r in figures["by_level"]
    ]
    failed_rows = [(r["check_id"], r["n"], "#0b4f8a") for r in figures["most_failed"]]
    trend = _trend(figures["by_year_level"])
    try:
        page = max(1, int(request.GET.get("page", 1)))
    except ValueError:
        page = 1
    rows = selectors.dashboard_rows(qs)
    query = {
        k: v
        for k, v in {
            "fiscal_year": filters.fiscal_year or "",
            "province": filters.province,
            "lao_type": filters.lao_type,
            "kind": filters.kind,
            "q": filters.q,
        }.items()
        if v
    }
    province_ids = permissions.auditor_province_ids(request.user)
    kind_rows = [
        {"kind": kinds[k], "statuses": [(statuses[s], v.get(s, 0)) for s in statuses]}
        for k, v in by_kind.items()
    ]
    year_options = {r["fiscal_year"] for r in figures["by_year_level"]}
    if filters.fiscal_year:
        year_options.add(filters.fiscal_year)
    return render(request, "assessment/dashboard.html", {
        "filters": filters, "figures": figures, "by_kind": kind_rows,
        "status_labels": list(statuses.values()),
        "level_bars": _bars(level_rows), "failed_bars": _bars(failed_rows), "trend": trend,
        "rows": rows[(page - 1) * PAGE_SIZE : page * PAGE_SIZE], "page": page,
        "pages": math.ceil(figures["total"] / PAGE_SIZE), "querystring": urlencode(query),
        "provinces": Province.objects.filter(pk__in=province_ids).order_by("name_th"),
        "lao_types": LAOType.choices, "kinds": ProjectKind.choices,
        "years": sorted(year_options, reverse=True),
    })  # fmt: skip


EXPORT_COLUMNS = [
    "uid", "fiscal_year", "province", "dla_code", "lao", "lao_type", "kind", "name", "amount",
    "status", "level", "score", "stop_failures",
]  # fmt: skip


def _export_rows(request: HttpRequest) -> list[list]:
    qs = selectors.dashboard_scope(user=request.user, filters=_filters(request))
    return [
        [str(a.uid), a.fiscal_year, a.lao.province.name_th, a.lao.dla_code, a.lao.display_name_th,
         a.lao.lao_type, a.kind, a.name, str(a.amount), a.status, a.level, str(a.score or ""),
         a.stop_failures]
        for a in selectors.dashboard_rows(qs)[:100_000]
    ]  # fmt: skip


@login_required
def dashboard_export(request: HttpRequest, fmt: str) -> HttpResponse:
    try:
        rows = _export_rows(request)
    except PermissionDenied as exc:
        return error_page(request, exc)
    if fmt == "csv":
        response = HttpResponse(
            csv_bytes(EXPORT_COLUMNS, rows), content_type="text/csv; charset=utf-8"
        )
    elif fmt == "xlsx":
        response = HttpResponse(
            xlsx_bytes(_("แบบประเมิน"), EXPORT_COLUMNS, rows),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        return error_page(request, PermissionDenied())
    response["Content-Disposition"] = f'attachment; filename="assessments.{fmt}"'
    return response


def aggregates_csv(request: HttpRequest) -> HttpResponse:
    """Public province-level feed (no LAO-private detail) for the open data portal."""
    year = request.GET.get("fiscal_year", "")
    rows = selectors.province_aggregates(fiscal_year=int(year) if year.isdigit() else None)
    header = ["fiscal_year", "province_code", "province", "kind", "level", "assessments", "laos"]
    body = [
        [r["fiscal_year"], r["lao__province__code"], r["lao__province__name_th"], r["kind"],
         r["level"], r["assessments"], r["laos"]]
        for r in rows
    ]  # fmt: skip
    response = HttpResponse(csv_bytes(header, body), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="assessment-aggregates.csv"'
    return response
