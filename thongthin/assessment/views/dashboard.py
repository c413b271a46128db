"""The auditors' dashboard: where risk concentrates in their provinces."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from thongthin.core.errors import PermissionDenied
from thongthin.core.exports import csv_bytes, xlsx_bytes
from thongthin.core.forms import query_int
from thongthin.core.text import normalize
from thongthin.directory.models import LAOType, Province

from .. import selectors
from ..dashboard import context as dashboard_context
from ..framework.schema import ProjectKind
from .common import error_page


def _filters(request: HttpRequest) -> selectors.DashboardFilters:
    def pick(name: str, allowed: set[str]) -> str:
        value = request.GET.get(name, "")
        return value if value in allowed else ""

    return selectors.DashboardFilters(
        fiscal_year=query_int(request, "fiscal_year", default=None, low=2500, high=2700),
        province=pick("province", set(Province.objects.values_list("code", flat=True))),
        lao_type=pick("lao_type", set(LAOType.values)),
        kind=pick("kind", set(ProjectKind.values)),
        q=normalize(request.GET.get("q", ""))[:100],
    )


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    filters = _filters(request)
    try:
        qs = selectors.dashboard_scope(user=request.user, filters=filters)
    except PermissionDenied as exc:
        return error_page(request, exc)
    page = query_int(request, "page", default=1, low=1, high=10_000) or 1
    return render(
        request,
        "assessment/dashboard.html",
        dashboard_context(qs, filters=filters, page=page, user=request.user),
    )


EXPORT_COLUMNS = [
    "uid", "fiscal_year", "province", "dla_code", "lao", "lao_type", "kind", "kind_label", "name",
    "amount", "status", "status_label", "level", "level_label", "score", "stop_failures",
]  # fmt: skip


def _export_rows(request: HttpRequest) -> list[list]:
    qs = selectors.dashboard_scope(user=request.user, filters=_filters(request))
    return [
        [str(a.uid), a.fiscal_year, a.lao.province.name_th, a.lao.dla_code, a.lao.display_name_th,
         a.lao.lao_type, a.kind, str(a.get_kind_display()), a.name, str(a.amount), a.status,
         str(a.get_status_display()), a.level, str(a.get_level_display()) if a.level else "",
         str(a.score or ""), a.stop_failures]
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
    year = query_int(request, "fiscal_year", default=None, low=2500, high=2700)
    rows = selectors.province_aggregates(fiscal_year=year)
    header = ["fiscal_year", "province_code", "province", "kind", "level", "assessments", "laos"]
    body = [
        [r["fiscal_year"], r["lao__province__code"], r["lao__province__name_th"], r["kind"],
         r["level"], r["assessments"], r["laos"]]
        for r in rows
    ]  # fmt: skip
    response = HttpResponse(csv_bytes(header, body), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="assessment-aggregates.csv"'
    return response
