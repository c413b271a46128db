"""Which datasets the DCAT catalog lists: public, active ones, newest change first, 100 a page
(`ckanext.dcat.datasets_per_page`), optionally only those changed since a moment and, as in
ckanext-dcat, only those matching a package_search `q`/`fq` (through the search backend)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count, Max, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from thongthin.core.errors import ApplicationError

from .. import search, selectors
from ..ckan.errors import SearchQueryError
from ..dictization import site_url
from ..models import Dataset, State
from .graph import Paging

PER_PAGE = 100
MAX_PAGE = 999_999_999
# ckanext-dcat leaves these out of the catalog (domain notes §2.4).
EXCLUDED_TYPES = ("harvest", "showcase")


class CatalogQueryInvalid(ApplicationError):
    code = "invalid_catalog_query"
    status = 400
    default_message = _("พารามิเตอร์ของแค็ตตาล็อกไม่ถูกต้อง")


@dataclass(frozen=True)
class CatalogQuery:
    page: int = 1
    modified_since: dt.datetime | None = None
    q: str = ""
    fq: str = ""
    # The parameters as given, repeated in the page links.
    raw: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class CatalogPage:
    datasets: list[Dataset]
    paging: Paging
    modified: dt.datetime | None


def parse_catalog_query(params: Mapping[str, str]) -> CatalogQuery:
    raw: dict[str, str] = {}
    page = 1
    page_text = (params.get("page") or "").strip()
    if page_text:
        if (
            not page_text.isascii()
            or not page_text.isdigit()
            or not 1 <= int(page_text) <= MAX_PAGE
        ):
            raise CatalogQueryInvalid(
                _("page ต้องเป็นจำนวนเต็มตั้งแต่ 1 ถึง %(max)s (ได้รับ %(value)s)"),
                field="page",
                params={"max": MAX_PAGE, "value": page_text[:30]},
            )
        page = int(page_text)
    since = None
    since_text = (params.get("modified_since") or "").strip()
    if since_text:
        since = parse_iso8601(since_text)
        if since is None:
            raise CatalogQueryInvalid(
                _(
                    "modified_since ต้องเป็นวันที่หรือเวลาตามมาตรฐาน ISO-8601 เช่น 2024-01-31 "
                    "หรือ 2024-01-31T08:00:00+07:00 (ได้รับ %(value)s)"
                ),
                field="modified_since",
                params={"value": since_text[:40]},
            )
        raw["modified_since"] = _UNENCODED_PLUS.sub(r"\1+\2", since_text)
    q, fq = (params.get("q") or "").strip(), (params.get("fq") or "").strip()
    raw.update({k: v for k, v in (("q", q), ("fq", fq)) if v})
    return CatalogQuery(page=page, modified_since=since, q=q, fq=fq, raw=raw)


# "+07:00" sent unencoded in a query string arrives as " 07:00".
_UNENCODED_PLUS = re.compile(r"^(.*\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) (\d{2}(?::?\d{2})?)$")


def parse_iso8601(text: str) -> dt.datetime | None:
    """A date or date-time in ISO-8601; a moment without a zone is UTC, as CKAN stores it."""
    text = _UNENCODED_PLUS.sub(r"\1+\2", text)
    try:
        if len(text) <= 10 and "T" not in text:
            value = dt.datetime.combine(dt.date.fromisoformat(text), dt.time())
        else:
            value = dt.datetime.fromisoformat(text)
    except (ValueError, OverflowError):
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    try:
        return value.astimezone(dt.UTC)
    except OverflowError:
        return None


def catalog_page(query: CatalogQuery, *, fmt: str, per_page: int | None = None) -> CatalogPage:
    per_page = per_page or PER_PAGE
    offset = (query.page - 1) * per_page
    public = selectors.public_datasets().exclude(type__in=EXCLUDED_TYPES)
    if query.q or query.fq:
        total, datasets = _searched(query, offset=offset, per_page=per_page)
        modified = public.aggregate(modified=Max("metadata_modified"))["modified"]
    else:
        total, datasets, modified = _listed(public, query, offset=offset, per_page=per_page)
    base = site_url() + reverse("opendata:dcat_catalog", kwargs={"fmt": fmt})

    def page_url(number: int) -> str:
        return f"{base}?{urlencode({**query.raw, 'page': number})}"

    paging = Paging(page=query.page, per_page=per_page, total=total, page_url=page_url)
    return CatalogPage(datasets=datasets, paging=paging, modified=modified)


def _listed(
    public: QuerySet[Dataset], query: CatalogQuery, *, offset: int, per_page: int
) -> tuple[int, list[Dataset], dt.datetime | None]:
    since = query.modified_since
    listed = public.filter(metadata_modified__gte=since) if since else public
    # One query for the count of the listed datasets and the newest change of the whole catalog.
    counted = Count("pk", filter=Q(metadata_modified__gte=since)) if since else Count("pk")
    totals = public.aggregate(total=counted, modified=Max("metadata_modified"))
    total = totals["total"] or 0
    datasets: list[Dataset] = []
    if offset < total:
        ordered = selectors.datasets_with_relations(listed).order_by("-metadata_modified", "id")
        datasets = list(ordered[offset : offset + per_page])
    return total, datasets, totals["modified"]


def _searched(query: CatalogQuery, *, offset: int, per_page: int) -> tuple[int, list[Dataset]]:
    since = query.modified_since
    ranges: tuple[str, ...] = (
        (f"metadata_modified:[{since.isoformat().replace('+00:00', 'Z')} TO *]",) if since else ()
    )
    # As the listing: harvest sources and showcases are not datasets of the catalog.
    ranges += tuple(f"-type:{kind}" for kind in EXCLUDED_TYPES)
    try:
        result = search.search_datasets(
            search.SearchQuery(
                q=query.q, fq=query.fq, fq_list=ranges, sort="metadata_modified desc",
                rows=per_page, start=offset,
            )
        )  # fmt: skip
    except SearchQueryError as exc:
        raise CatalogQueryInvalid(
            _("q หรือ fq ไม่ถูกต้อง: %(reason)s"), field="q", params={"reason": str(exc)}
        ) from exc
    found = selectors.datasets_by_ids(result.ids)
    # The backend already leaves out what the public may not see; check again all the same.
    return result.count, [d for d in found if d.state == State.ACTIVE and not d.private]
