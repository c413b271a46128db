"""Reads from the directory: the public LAO search, facet counts, lookups by code."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When

from thongthin.core.errors import NotFound
from thongthin.core.text import search_key, tokenize

from .models import LAO, TYPE_ORDER, District, LAOStatus, Province
from .naming import split_type_prefix

MAX_QUERY_LENGTH = 200


@dataclass(frozen=True)
class LAOFilters:
    q: str = ""
    province: str = ""  # 2-digit code
    district: str = ""  # 4-digit code
    lao_type: str = ""
    include_retired: bool = False


def _term_condition(chunk: str) -> Q:
    """A whitespace-separated chunk matches as a substring, or word by word when the chunk is
    several Thai words typed together ("แม่เหียะเชียงใหม่" -> แม่ + เหียะ + เชียงใหม่)."""
    condition = Q(search_key__contains=chunk)
    words = tokenize(chunk)
    if len(words) > 1:
        all_words = Q()
        for word in words:
            all_words &= Q(search_key__contains=word)
        condition |= all_words
    return condition


def _type_order() -> Case:
    return Case(
        *[When(lao_type=t, then=Value(i)) for i, t in enumerate(TYPE_ORDER)],
        output_field=IntegerField(),
    )


def _with_official_email(qs: QuerySet[LAO]) -> QuerySet[LAO]:
    from thongthin.registry.selectors import approved_registrations

    return qs.prefetch_related(
        Prefetch("email_registrations", queryset=approved_registrations(), to_attr="official")
    )


def lao_search(filters: LAOFilters) -> QuerySet[LAO]:
    """LAOs matching the filters, best match first.

    Ranking: the bare name equal to the query (and of the type the query names, if it names one:
    "เทศบาลเมืองศิลา" puts เทศบาลเมืองศิลา first, อบต.ศิลา after), then names starting with the
    query, then names containing it, then matches on district or province only.
    """
    qs = LAO.objects.select_related("province", "district")
    if not filters.include_retired:
        qs = qs.filter(status=LAOStatus.ACTIVE)
    if filters.province:
        qs = qs.filter(province__code=filters.province)
    if filters.district:
        qs = qs.filter(district__code=filters.district)
    if filters.lao_type:
        qs = qs.filter(lao_type=filters.lao_type)
    query = search_key(filters.q)[:MAX_QUERY_LENGTH]
    if not query:
        return qs.annotate(type_rank=_type_order()).order_by(
            "province__name_th", "type_rank", "name_th"
        )
    types, rest = split_type_prefix(query)
    if types and not rest:
        return qs.filter(lao_type__in=types).order_by("province__name_th", "name_th")
    chunks = rest.split()
    condition = Q()
    for chunk in chunks:
        condition &= _term_condition(chunk)
    qs = qs.filter(condition)
    name = chunks[0] if len(chunks) > 1 else rest
    type_match = Q(lao_type__in=types) if types else Q()
    whens = [
        When(Q(name_key=name) & type_match, then=Value(0)),
        When(name_key=name, then=Value(1)),
        When(Q(name_key__startswith=name) & type_match, then=Value(2)),
        When(name_key__startswith=name, then=Value(3)),
        When(Q(name_key__contains=name) & type_match, then=Value(4)),
        When(name_key__contains=name, then=Value(5)),
    ]
    if types:
        whens.append(When(type_match, then=Value(6)))
    qs = qs.annotate(
        rank=Case(*whens, default=Value(7), output_field=IntegerField()),
        type_rank=_type_order(),
    )
    return qs.order_by("rank", "type_rank", "name_th", "dla_code")


def lao_search_page(filters: LAOFilters, *, page: int, page_size: int) -> tuple[list[LAO], int]:
    """One page of results (with their official e-mails) and the total count."""
    qs = lao_search(filters)
    total = qs.count()
    start = (page - 1) * page_size
    items = list(_with_official_email(qs)[start : start + page_size])
    return items, total


def lao_type_counts(filters: LAOFilters) -> dict[str, int]:
    """Counts per LAO type for the current query, ignoring the type filter (a facet)."""
    qs = lao_search(LAOFilters(**{**filters.__dict__, "lao_type": ""})).order_by()
    return dict(qs.values_list("lao_type").annotate(n=Count("id")).values_list("lao_type", "n"))


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
