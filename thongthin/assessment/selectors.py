"""Reads for assessments, scoped to the viewer: LAO staff their LAO's, auditors their provinces'."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from thongthin.accounts import permissions
from thongthin.core.errors import NotFound, PermissionDenied
from thongthin.core.text import search_key

from .models import Assessment, FrameworkStatus, FrameworkVersion
from .permissions import can_view


def assessments_visible_to(user: Any) -> QuerySet[Assessment]:
    lao_ids = set(permissions.lao_roles(user))
    province_ids = permissions.auditor_province_ids(user)
    if not lao_ids and not province_ids:
        return Assessment.objects.none()
    return Assessment.objects.filter(Q(lao_id__in=lao_ids) | Q(lao__province_id__in=province_ids))


def assessment_list_page(
    *,
    user: Any,
    fiscal_year: int | None = None,
    kind: str = "",
    lao: str = "",
    page: int = 1,
    page_size: int = 20,
) -> tuple[list[Assessment], int]:
    """One page of the assessments the user may see, filtered (`lao` is a DLA code), the most
    recently changed first, and the total count."""
    qs = assessments_visible_to(user)
    if fiscal_year:
        qs = qs.filter(fiscal_year=fiscal_year)
    if kind:
        qs = qs.filter(kind=kind)
    if lao:
        qs = qs.filter(lao__dla_code=lao)
    total = qs.count()
    start = (page - 1) * page_size
    if not total or start >= total:
        return [], total
    rows = qs.select_related("lao", "framework").order_by("-updated_at", "-id")
    return list(rows[start : start + page_size]), total


def assessment_list_for_lao(*, user: Any, lao: Any) -> QuerySet[Assessment]:
    if not permissions.is_lao_staff(user, lao):
        raise PermissionDenied()
    return (
        Assessment.objects.filter(lao=lao)
        .select_related("lao", "created_by")
        .order_by("-fiscal_year", "-updated_at")
    )


def assessment_get(*, user: Any, uid: Any) -> Assessment:
    """An assessment the user may see; others get NotFound (its existence is not revealed)."""
    assessment = (
        Assessment.objects.select_related(
            "lao",
            "lao__province",
            "framework",
            "created_by",
            "submitted_by",
            "signed_off_by",
            "revision_of",
        )
        .filter(uid=uid)
        .first()
    )
    if assessment is None or not can_view(user, assessment):
        raise NotFound(code="assessment_not_found")
    return assessment


def assessment_get_shared(token: str) -> Assessment:
    if not token or len(token) < 20:
        raise NotFound(code="assessment_not_found")
    assessment = (
        Assessment.objects.select_related("lao", "lao__province", "framework", "signed_off_by")
        .filter(share_token=token)
        .first()
    )
    if assessment is None:
        raise NotFound(code="assessment_not_found")
    return assessment


def frameworks(*, user: Any) -> QuerySet[FrameworkVersion]:
    """Published and retired versions for everyone; drafts only for content editors."""
    from .permissions import can_edit_framework

    qs = FrameworkVersion.objects.defer("document").order_by("-created_at")
    return qs if can_edit_framework(user) else qs.exclude(status=FrameworkStatus.DRAFT)


def framework_get(*, user: Any, version: str) -> FrameworkVersion:
    framework = frameworks(user=user).filter(version=version[:20]).first()
    if framework is None:
        raise NotFound(code="framework_not_found")
    return framework


def framework_published() -> FrameworkVersion | None:
    return (
        FrameworkVersion.objects.filter(status=FrameworkStatus.PUBLISHED)
        .order_by("-published_at")
        .first()
    )


@dataclass(frozen=True)
class DashboardFilters:
    fiscal_year: int | None = None
    province: str = ""
    lao_type: str = ""
    kind: str = ""
    q: str = ""  # project or LAO name


def dashboard_scope(*, user: Any, filters: DashboardFilters) -> QuerySet[Assessment]:
    """Assessments in the auditor's provinces, filtered. Only auditors."""
    province_ids = permissions.auditor_province_ids(user)
    if not province_ids:
        raise PermissionDenied()
    qs = Assessment.objects.filter(lao__province_id__in=province_ids)
    if filters.fiscal_year:
        qs = qs.filter(fiscal_year=filters.fiscal_year)
    if filters.province:
        qs = qs.filter(lao__province__code=filters.province)
    if filters.lao_type:
        qs = qs.filter(lao__lao_type=filters.lao_type)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    for chunk in search_key(filters.q).split():
        # Each word must match the project's name or the LAO (names, type, district, province).
        qs = qs.filter(Q(name__icontains=chunk) | Q(lao__search_key__contains=chunk))
    return qs


def _pairs(qs: QuerySet, *fields: str) -> list[dict[str, Any]]:
    return list(qs.order_by().values(*fields).annotate(n=Count("id")).order_by(*fields))


def dashboard_figures(qs: QuerySet[Assessment]) -> dict[str, Any]:
    """The aggregates an auditor sees: by kind and status, by level, most-failed checks, LAOs
    with stop findings, and the trend across fiscal years."""
    from .models import Finding

    # Every revision counts as its own assessment.
    most_failed = list(
        Finding.objects.filter(assessment__in=qs.values("id"), result="fail")
        .values("check_id", "severity")
        .annotate(n=Count("id"))
        .order_by("-n", "check_id")[:10]
    )
    stop_laos = list(
        qs.filter(stop_failures__gt=0)
        .values("lao__dla_code", "lao__display_name_th", "lao__province__name_th")
        .annotate(n=Count("id"))
        .order_by("-n", "lao__display_name_th")[:20]
    )
    return {
        "total": qs.count(),
        "by_kind_status": _pairs(qs, "kind", "status"),
        "by_level": _pairs(qs.exclude(level=""), "level"),
        "by_year_level": _pairs(qs.exclude(level=""), "fiscal_year", "level"),
        "most_failed": most_failed,
        "stop_laos": stop_laos,
    }


def dashboard_rows(qs: QuerySet[Assessment]) -> QuerySet[Assessment]:
    return (
        qs.select_related("lao", "lao__province")
        .defer("result")
        .order_by("-fiscal_year", "lao__province__name_th", "lao__display_name_th")
    )


def province_aggregates(*, fiscal_year: int | None = None) -> list[dict[str, Any]]:
    """Public, province-level counts (no LAO-private detail) for the open data portal: signed-off
    assessments by province, kind and level."""
    qs = Assessment.objects.filter(status="signed_off")
    if fiscal_year:
        qs = qs.filter(fiscal_year=fiscal_year)
    rows = (
        qs.order_by()
        .values("fiscal_year", "lao__province__code", "lao__province__name_th", "kind", "level")
        .annotate(assessments=Count("id"), laos=Count("lao_id", distinct=True))
        .order_by("fiscal_year", "lao__province__code", "kind", "level")
    )
    return [dict(row) for row in rows]
