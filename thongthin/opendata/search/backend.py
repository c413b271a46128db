"""The search backend interface, and the one the settings choose.

`THONGTHIN["SEARCH_BACKEND"]` is the dotted path of a `SearchBackend` subclass; the default is
the database backend (`database.DatabaseBackend`: SQLite FTS5 or PostgreSQL full-text search).
An OpenSearch/Elasticsearch backend for a national catalog subclasses `SearchBackend`:

- `search` turns a `SearchQuery` into a `SearchResult`. `query.plan_for` parses `q`, `fq` and
  `sort` into a backend-neutral tree (raising `SearchQueryError` for what CKAN answers with 400),
  so a backend only translates nodes: `Text` (words from `words.alternatives`, already segmented
  by the project's Thai tokenizer), `Exact`, `DateRange`, `Capacity`, `And`/`Or`/`Not`.
  The ranking rule must be the same: each query word scores by the best field holding all of
  it (title > tags > description > resources and the rest), the scores add up, ties go to the
  rest of the sort, then the name. So must visibility: a dataset is found when
  (it is active, or it is a draft and `include_drafts`, or deleted and `include_deleted`, and
  then its organization is readable) and (it is public, or `include_private` and its
  organization is readable); readable means owner_org in `readable_org_ids` (every one when
  None, none when empty). `fq=state:…` or `capacity:…` only narrow that further.
- `index_datasets` writes documents built by `documents.build` (words per ranked field, facet
  values); `unindex_datasets` removes them; `rebuild` re-creates the whole index.
"""

from __future__ import annotations

import abc
from collections.abc import Iterable
from functools import lru_cache

from django.conf import settings
from django.utils.module_loading import import_string

from . import SearchQuery, SearchResult

DEFAULT_BACKEND = "thongthin.opendata.search.database.DatabaseBackend"


class SearchBackend(abc.ABC):
    """Where datasets are indexed and searched. Instances are shared by threads: keep no
    per-request state on them."""

    @abc.abstractmethod
    def search(self, query: SearchQuery) -> SearchResult:
        """The datasets matching `query` that its caller may see, one page of them in order, their
        total count and the facet counts over all of them."""

    @abc.abstractmethod
    def index_datasets(self, dataset_ids: Iterable[str]) -> int:
        """(Re)index these datasets as they are now; ids of datasets that no longer exist are
        removed. Datasets in state deleted stay in the index (include_deleted finds them).
        Returns how many documents were written."""

    @abc.abstractmethod
    def unindex_datasets(self, dataset_ids: Iterable[str]) -> None:
        """Remove these datasets from the index."""

    @abc.abstractmethod
    def rebuild(self) -> int:
        """Empty the index and index every dataset. Returns how many were indexed."""


@lru_cache(maxsize=4)
def _backend(path: str) -> SearchBackend:
    backend = import_string(path)()
    if not isinstance(backend, SearchBackend):
        raise TypeError(f"{path} is not a SearchBackend")
    return backend


def get_backend() -> SearchBackend:
    return _backend(settings.THONGTHIN.get("SEARCH_BACKEND") or DEFAULT_BACKEND)


def visible_states(query: SearchQuery) -> tuple[str, ...]:
    """States beyond active that the query asks for (each also needs a readable organization)."""
    extra = []
    if query.include_drafts:
        extra.append("draft")
    if query.include_deleted:
        extra.append("deleted")
    return tuple(extra)
