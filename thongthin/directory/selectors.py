"""Reads from the directory: the public LAO search, facet counts, lookups by code."""

from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet

from thongthin.core.errors import NotFound

from .models import LAO, TYPE_ORDER, District, LAOStatus, Province
from .search import Card, Filters, Hit
from .search import index as search_index

# The search itself lives in directory/search.py (in memory); these are its readers.
LAOFilters = Filters


def _with_official_email(qs: QuerySet[LAO]) -> QuerySet[LAO]:
    from thongthin.registry.selectors import approved_registrations

    return qs.prefetch_related(
        Prefetch("email_registrations", queryset=approved_registrations(), to_attr="official")
    )


def lao_search(filters: LAOFilters) -> list[Hit]:
    """Every LAO matching the filters, best match first (see directory/search.py)."""
    return search_index().search(filters)


def lao_search_page(filters: LAOFilters, *, page: int, page_size: int) -> tuple[list[Card], int]:
    """One page of result cards (name, place, official e-mail, the API record) and the total
    count, all from the in-memory index: no query beyond the once-a-second version check."""
    hits = lao_search(filters)
    start = (page - 1) * page_size
    return [hit.card for hit in hits[start : start + page_size]], len(hits)


def lao_best_match(q: str) -> tuple[LAO | None, int]:
    """The best-ranked LAO for a text and its rank (0: exact name of the named type)."""
    hits = lao_search(LAOFilters(q=q))
    if not hits:
        return None, 99
    return LAO.objects.select_related("province").filter(pk=hits[0].pk).first(), hits[0].rank


def lao_type_counts(filters: LAOFilters) -> dict[str, int]:
    """Counts per LAO type for the current query, ignoring the type filter (a facet)."""
    counts: dict[str, int] = {}
    for hit in search_index().search(filters, with_type=False):
        counts[hit.lao_type] = counts.get(hit.lao_type, 0) + 1
    return counts


def lao_get(dla_code: str) -> LAO:
    """An LAO by its DLA code; a former code (before an upgrade re-coded it) finds it too."""
    qs = _with_official_email(LAO.objects.select_related("province", "district", "merged_into"))
    lao = qs.filter(dla_code=dla_code).first()
    if lao is None and dla_code.isdigit():
        # Few LAOs have former codes; JSON containment is not portable to SQLite.
        recoded = LAO.objects.exclude(former_codes=[]).values_list("pk", "former_codes")
        pk = next((pk for pk, codes in recoded if dla_code in codes), None)
        lao = qs.filter(pk=pk).first() if pk else None
    if lao is None:
        raise NotFound(code="lao_not_found")
    return lao


def province_list() -> QuerySet[Province]:
    return Province.objects.order_by("name_th")


def district_list(province_code: str) -> QuerySet[District]:
    return District.objects.filter(province__code=province_code).order_by("name_th")


def directory_stats() -> dict[str, object]:
    """Counts for the home page: LAOs by type and how many have published a central e-mail."""
    from thongthin.registry.models import EmailRegistration, RegistrationStatus

    active = LAO.objects.filter(status=LAOStatus.ACTIVE)
    by_type = dict(
        active.values_list("lao_type").annotate(n=Count("id")).values_list("lao_type", "n")
    )
    return {
        "total": sum(by_type.values()),
        "by_type": [(t, t.label, by_type.get(t, 0)) for t in TYPE_ORDER],
        "registered": EmailRegistration.objects.filter(status=RegistrationStatus.APPROVED).count(),
    }
