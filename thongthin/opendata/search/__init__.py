"""Thai-aware dataset search (CKAN's `package_search` without Solr).

Callers use only `search_datasets`, `index_dataset` (`index_datasets` in bulk), `unindex_dataset`
and `rebuild_index`, with the dataclasses below; the backend is chosen by settings
(`THONGTHIN["SEARCH_BACKEND"]`, see backend.py), so an OpenSearch/Elasticsearch backend can be
added for a national catalog without changing callers.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SearchQuery:
    q: str = ""  # free text (Thai with or without spaces, English, digits) or a fielded query
    fq: str = ""  # filter query: field:value, "quoted", AND/OR/NOT, -field:value, +field:value
    fq_list: tuple[str, ...] = ()
    sort: str | None = None  # "score desc, metadata_modified desc" when None or "rank"
    rows: int = 10  # already capped by the caller (0..1000)
    start: int = 0
    facet_fields: tuple[str, ...] = ()
    facet_limit: int = 50  # negative: unlimited
    facet_mincount: int = 1
    include_private: bool = False
    include_drafts: bool = False
    include_deleted: bool = False
    # Organizations whose private/draft datasets the caller may see; None: every one (sysadmin).
    readable_org_ids: frozenset[str] | None = frozenset()


@dataclass
class SearchResult:
    count: int
    ids: list[str]  # dataset ids of the page, in order
    facets: dict[str, dict[str, int]] = field(default_factory=dict)  # field -> {value: count}
    sort: str = "score desc, metadata_modified desc"


def search_datasets(query: SearchQuery) -> SearchResult:
    """CKAN's package_search: raises `thongthin.opendata.ckan.errors.SearchQueryError` for a
    query, sort or facet field it cannot read."""
    from .backend import get_backend

    return get_backend().search(query)


def index_dataset(dataset_id: str) -> None:
    """Bring one dataset's index entry up to date (call it after the change commits). A dataset
    in state deleted stays indexed as deleted (include_deleted finds it); one that no longer
    exists is removed."""
    from .backend import get_backend

    get_backend().index_datasets([dataset_id])


def index_datasets(dataset_ids: list[str]) -> int:
    """The bulk path of `index_dataset` (imports, generated data). Returns documents written."""
    from .backend import get_backend

    return get_backend().index_datasets(dataset_ids)


def unindex_dataset(dataset_id: str) -> None:
    from .backend import get_backend

    get_backend().unindex_datasets([dataset_id])


def rebuild_index() -> int:
    """Index every dataset again from scratch. Returns how many were indexed."""
    from .backend import get_backend

    return get_backend().rebuild()


__all__ = [
    "SearchQuery",
    "SearchResult",
    "index_dataset",
    "index_datasets",
    "rebuild_index",
    "search_datasets",
    "unindex_dataset",
]
