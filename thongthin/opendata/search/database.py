"""The database backend: the database's own full-text search over words cut by the project's Thai
tokenizer. SQLite matches with FTS5, PostgreSQL with a weighted tsvector under a GIN index; the
filters, visibility, sorting and facets are the same SQL on both (sql.py builds the fragments).

Ranking: each query word (a `Text` node of `q`) scores by the best field that holds all of it —
title 1000, tags 100, description 10, resources and the rest 1 — and a dataset's score is the sum
over the query words, so a word in a title outranks any number of words in descriptions. Ties
follow the rest of the sort (by default the newest first), then the name, then the id.

Facets: a query without words or filters (the catalog's first page) reads the counts kept per
visibility bucket (SearchFacetCount). Otherwise the matches' facet values are counted — on
PostgreSQL in the same pass as the page and the count, from an array of value ids on each
document row; on SQLite from the facet table — unless the query matches most of what the caller
may see: then the kept counts minus the documents that do not match.

Queries per search: SQLite 3–5 (kept total, count, page, facets, kept counts), PostgreSQL 2–4.
"""

# SQL here is assembled from this package's fixed fragments; every value is a parameter.
# ruff: noqa: S608
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from thongthin.opendata.ckan.errors import SearchQueryError

from ..models import Dataset
from . import SearchQuery, SearchResult
from .backend import SearchBackend
from .documents import CHUNK, RANKED_FIELDS, IndexDocument, build, datasets_for_index
from .models import SearchDocument, SearchFacet, SearchFacetValue
from .query import FACET_FIELDS, MatchAll, Plan, plan_for
from .sql import (
    DOC,
    FACET,
    FACET_COUNT,
    FACET_VALUE,
    FTS,
    Sql,
    condition_sql,
    facet_value_ids,
    order_keys,
    order_sql,
    placeholders,
    sql_in,
    sql_join,
    tsvector,
    visibility_sql,
)
from .words import joined

BucketKey = tuple[int, str, bool, str]  # facet value id (0: documents), state, private, org id


class DatabaseBackend(SearchBackend):
    # --- Search ---------------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResult:
        plan = plan_for(q=query.q, fq=query.fq, fq_list=query.fq_list, sort=query.sort)
        bad = [f for f in query.facet_fields if f not in FACET_FIELDS]
        if bad:
            raise SearchQueryError(
                f"cannot facet on {bad[0]!r}; facet fields: {', '.join(FACET_FIELDS)}"
            )
        everything = isinstance(plan.condition, MatchAll)
        condition = condition_sql(plan.condition, facet_value_ids(plan.condition))
        visible = visibility_sql(query, "d")
        where = visible if everything else sql_join(" AND ", [condition, visible])
        want_facets = bool(query.facet_fields) and query.facet_limit != 0
        with connection.cursor() as cursor:
            visible_total = (
                self._visible_total(cursor, query) if everything or want_facets else None
            )
            count = visible_total if everything else None
            ids: list[str] = []
            counted: dict[str, dict[str, int]] | None = None
            if connection.vendor == "postgresql" and count is None:
                ids, count, counted = self._postgres_pass(cursor, query, plan, where, visible_total)
            if count is None:
                cursor.execute(f"SELECT COUNT(*) FROM {DOC} d WHERE {where[0]}", where[1])
                count = int(cursor.fetchone()[0])
            if query.rows > 0 and count > query.start and not ids:
                keys, join = order_keys(plan, matches=count)
                order, order_params = order_sql(keys)
                cursor.execute(
                    f"SELECT d.dataset_id FROM {DOC} d {join} WHERE {where[0]} "
                    f"ORDER BY {order} LIMIT %s OFFSET %s",
                    [*where[1], *order_params, query.rows, max(query.start, 0)],
                )
                ids = [row[0] for row in cursor.fetchall()]
            facets: dict[str, dict[str, int]] = {}
            if want_facets and (count or query.facet_mincount <= 0):
                facets = self._facets(
                    cursor, query, count, visible_total, condition, visible, counted
                )
        facets = {f: _limited(facets.get(f, {}), query) for f in query.facet_fields}
        return SearchResult(count=count, ids=ids, facets=facets, sort=plan.sort_text)

    def _facets(
        self,
        cursor: Any,
        query: SearchQuery,
        count: int,
        visible_total: int | None,
        condition: Sql,
        visible: Sql,
        counted: dict[str, dict[str, int]] | None,
    ) -> dict[str, dict[str, int]]:
        """Facet counts of the matches: the kept counts when everything visible matches; those
        minus the unmatched when most of it does; else counted from the matches (`counted`: by
        PostgreSQL's single pass already)."""
        if visible_total is None or count >= visible_total:
            return self._kept_counts(cursor, query)
        # The kept counts are read only where they are used: to subtract from, or for zeros.
        needs_kept = query.facet_mincount <= 0 or (counted is None and count * 2 > visible_total)
        kept = self._kept_counts(cursor, query) if needs_kept else {}
        if counted is not None:
            facets = counted
        elif count * 2 > visible_total:
            unmatched = (f"NOT ({condition[0]})", condition[1])
            missing = self._counted(cursor, query, sql_join(" AND ", [unmatched, visible]))
            facets = _subtract(kept, missing)
        else:
            facets = self._counted(cursor, query, sql_join(" AND ", [condition, visible]))
        return _with_zeros(facets, kept) if query.facet_mincount <= 0 else facets

    @staticmethod
    def _postgres_pass(
        cursor: Any, query: SearchQuery, plan: Plan, where: Sql, visible_total: int | None
    ) -> tuple[list[str], int, dict[str, dict[str, int]] | None]:
        """PostgreSQL: the page, the count and (unless most of what is visible matches) the facet
        counts from one pass over the matches, which the ranking reads anyway."""
        keys, join = order_keys(plan, matches=0)
        columns = ", ".join(f"{expr} AS k{i}" for i, (expr, _, _) in enumerate(keys))
        order = ", ".join(f"k{i} {direction}" for i, (_, _, direction) in enumerate(keys))
        fields, field_params = sql_in("v.field", query.facet_fields)
        count_here = visible_total is not None and query.facet_limit != 0
        cursor.execute(
            f"WITH m AS MATERIALIZED (SELECT d.dataset_id, d.facet_ids, {columns} FROM {DOC} d "
            f"{join} WHERE {where[0]}), c AS (SELECT COUNT(*) AS n FROM m) "
            "SELECT (SELECT n FROM c), "
            f"ARRAY(SELECT m.dataset_id FROM m ORDER BY {order} LIMIT %s OFFSET %s), "
            # Evaluated only when the condition holds (PostgreSQL runs sub-selects on demand).
            "CASE WHEN %s AND (SELECT n FROM c) * 4 <= %s * 3 THEN (SELECT "
            "json_agg(json_build_array(v.field, v.value, f.n)) FROM (SELECT x, COUNT(*) AS n "
            f"FROM m, unnest(m.facet_ids) AS x GROUP BY x) f JOIN {FACET_VALUE} v ON v.id = f.x "
            f"WHERE {fields}) END",
            [*(p for _, params, _ in keys for p in params), *where[1],
             max(query.rows, 0), max(query.start, 0), count_here, visible_total or 0,
             *field_params],
        )  # fmt: skip
        count, ids, rows = cursor.fetchone()
        counted: dict[str, dict[str, int]] | None = None
        if count_here and int(count) * 4 <= (visible_total or 0) * 3:
            counted = defaultdict(dict)
            for field, value, n in rows or []:
                counted[field][value] = int(n)
        return list(ids or []), int(count), counted

    @staticmethod
    def _visible_total(cursor: Any, query: SearchQuery) -> int:
        visible, params = visibility_sql(query, "c")
        cursor.execute(
            f"SELECT COALESCE(SUM(c.total), 0) FROM {FACET_COUNT} c "
            f"WHERE c.value_id = 0 AND {visible}",
            params,
        )
        return int(cursor.fetchone()[0])

    @staticmethod
    def _kept_counts(cursor: Any, query: SearchQuery) -> dict[str, dict[str, int]]:
        """Facet counts of everything the caller may see (zeros included: facet.mincount 0)."""
        fields, field_params = sql_in("v.field", query.facet_fields)
        visible, params = visibility_sql(query, "c")
        cursor.execute(
            f"SELECT v.field, v.value, SUM(c.total) FROM {FACET_COUNT} c "
            f"JOIN {FACET_VALUE} v ON v.id = c.value_id "
            f"WHERE {fields} AND {visible} GROUP BY v.field, v.value",
            [*field_params, *params],
        )
        counts: dict[str, dict[str, int]] = defaultdict(dict)
        for field, value, total in cursor.fetchall():
            counts[field][value] = int(total)
        return counts

    @staticmethod
    def _counted(cursor: Any, query: SearchQuery, where: Sql) -> dict[str, dict[str, int]]:
        """Facet counts of the documents `where` selects, from their facet rows."""
        fields, field_params = sql_in("v.field", query.facet_fields)
        if connection.vendor == "postgresql":
            # The ids are on the document rows that the condition reads anyway.
            per_value = (
                f"SELECT x AS value_id, COUNT(*) AS n FROM {DOC} d, unnest(d.facet_ids) AS x "
                f"WHERE {where[0]} GROUP BY x"
            )
        else:
            per_value = (
                f"SELECT f.value_id, COUNT(*) AS n FROM {FACET} f WHERE f.document_id IN "
                f"(SELECT d.id FROM {DOC} d WHERE {where[0]}) GROUP BY f.value_id"
            )
        cursor.execute(
            f"SELECT v.field, v.value, c.n FROM ({per_value}) c "
            f"JOIN {FACET_VALUE} v ON v.id = c.value_id WHERE {fields}",
            [*where[1], *field_params],
        )
        counts: dict[str, dict[str, int]] = defaultdict(dict)
        for field, value, total in cursor.fetchall():
            counts[field][value] = int(total)
        return counts

    # --- Index ----------------------------------------------------------------------------------

    def index_datasets(self, dataset_ids: Iterable[str]) -> int:
        wanted = [str(i) for i in dict.fromkeys(dataset_ids)]
        written = 0
        with transaction.atomic():
            # Lock the datasets in a fixed order: two writers of one dataset take turns.
            found: list[str] = []
            for start in range(0, len(wanted), CHUNK):
                found += Dataset.objects.select_for_update().filter(
                    id__in=wanted[start : start + CHUNK]
                ).order_by("id").values_list("id", flat=True)  # fmt: skip
            gone = sorted(set(wanted) - set(found))
            if gone:
                self.unindex_datasets(gone)
            batch: list[IndexDocument] = []
            for dataset in datasets_for_index(found):
                batch.append(build(dataset))
                if len(batch) >= CHUNK:
                    written += self._replace(batch)
                    batch = []
            if batch:
                written += self._replace(batch)
        return written

    def unindex_datasets(self, dataset_ids: Iterable[str]) -> None:
        ids = [str(i) for i in dataset_ids]
        with transaction.atomic():
            for start in range(0, len(ids), CHUNK):
                deltas = self._delete(ids[start : start + CHUNK])
                self._apply_counts(deltas)

    def rebuild(self) -> int:
        written = 0
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FACET_COUNT}")
            cursor.execute(f"DELETE FROM {FACET}")
            cursor.execute(f"DELETE FROM {FACET_VALUE}")
            if connection.vendor == "sqlite":
                cursor.execute(f"DELETE FROM {FTS}")
            cursor.execute(f"DELETE FROM {DOC}")
            batch: list[IndexDocument] = []
            for dataset in datasets_for_index():
                batch.append(build(dataset))
                if len(batch) >= CHUNK:
                    self._insert(batch)
                    written, batch = written + len(batch), []
            if batch:
                self._insert(batch)
                written += len(batch)
            self.recount()
        return written

    def recount(self) -> None:
        """Count SearchFacetCount again from the facet rows (after a rebuild; or to repair)."""
        org = "CASE WHEN d.state = %s AND d.private = %s THEN '' ELSE d.owner_org_id END"
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FACET_COUNT}")
            cursor.execute(
                f"INSERT INTO {FACET_COUNT} (value_id, state, private, owner_org_id, total) "
                f"SELECT f.value_id, d.state, d.private, {org}, COUNT(*) "
                f"FROM {FACET} f JOIN {DOC} d ON d.id = f.document_id "
                "GROUP BY f.value_id, d.state, d.private, 4",
                ["active", False],
            )
            cursor.execute(
                f"INSERT INTO {FACET_COUNT} (value_id, state, private, owner_org_id, total) "
                f"SELECT 0, d.state, d.private, {org}, COUNT(*) FROM {DOC} d "
                "GROUP BY d.state, d.private, 4",
                ["active", False],
            )

    def _replace(self, docs: list[IndexDocument]) -> int:
        deltas = self._delete([d.dataset_id for d in docs])
        deltas.update(self._insert(docs))
        self._apply_counts(deltas)
        return len(docs)

    @staticmethod
    def _delete(dataset_ids: list[str]) -> Counter[BucketKey]:
        """Delete these datasets' documents; returns the facet-count changes (negative)."""
        deltas: Counter[BucketKey] = Counter()
        if not dataset_ids:
            return deltas
        ids_sql, params = sql_in("d.dataset_id", dataset_ids)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT 0, d.state, d.private, d.owner_org_id FROM {DOC} d WHERE {ids_sql} "
                "UNION ALL "
                f"SELECT f.value_id, d.state, d.private, d.owner_org_id FROM {FACET} f "
                f"JOIN {DOC} d ON d.id = f.document_id WHERE {ids_sql}",
                [*params, *params],
            )
            for value_id, state, private, org in cursor.fetchall():
                deltas[_bucket(value_id, state, bool(private), org)] -= 1
        if deltas:
            SearchFacet.objects.filter(document__dataset_id__in=dataset_ids).delete()
            # On SQLite a trigger deletes the FTS rows too.
            SearchDocument.objects.filter(dataset_id__in=dataset_ids).delete()
        return deltas

    @staticmethod
    def _insert(docs: list[IndexDocument]) -> Counter[BucketKey]:
        """Insert documents (none of them indexed yet); returns the facet-count changes."""
        postgres = connection.vendor == "postgresql"
        columns = [
            "dataset_id", "name", "title", "state", "private", "type", "owner_org_id",
            "organization", "license_id", "data_type", "data_category", "metadata_created",
            "metadata_modified", "indexed_at",
        ]  # fmt: skip
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        rows: list[list[Any]] = []
        for d in docs:
            row: list[Any] = [
                d.dataset_id, d.name, d.title[:500], d.state, d.private, d.type[:50],
                d.owner_org_id, d.organization, d.license_id[:100], d.data_type[:100],
                d.data_category[:100],
                connection.ops.adapt_datetimefield_value(d.metadata_created),
                connection.ops.adapt_datetimefield_value(d.metadata_modified), now,
            ]  # fmt: skip
            rows.append(row)
        value_ids = _value_ids({fv for d in docs for fv in d.facets})
        if postgres:
            columns += ["document", "facet_ids"]
            for row, d in zip(rows, docs, strict=True):
                row += [tsvector(d.words), sorted({value_ids[fv] for fv in d.facets})]
        casts = {"document": "::tsvector", "facet_ids": "::bigint[]"}
        one = "(" + ", ".join("%s" + casts.get(c, "") for c in columns) + ")"
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {DOC} ({', '.join(columns)}) VALUES {', '.join([one] * len(rows))} "
                "RETURNING id, dataset_id",
                [value for row in rows for value in row],
            )
            pk_of = {dataset_id: pk for pk, dataset_id in cursor.fetchall()}
            if not postgres:
                cursor.executemany(
                    f"INSERT INTO {FTS} (rowid, title_words, tags_words, notes_words, "
                    "other_words) VALUES (%s, %s, %s, %s, %s)",
                    [
                        [pk_of[d.dataset_id], *(joined(d.words[f]) for f in RANKED_FIELDS)]
                        for d in docs
                    ],
                )
        SearchFacet.objects.bulk_create(
            [
                SearchFacet(document_id=pk_of[d.dataset_id], value_id=value_ids[fv])
                for d in docs
                for fv in d.facets
            ],
            batch_size=1000,
        )
        deltas: Counter[BucketKey] = Counter()
        for d in docs:
            deltas[_bucket(0, d.state, d.private, d.owner_org_id)] += 1
            for fv in d.facets:
                deltas[_bucket(value_ids[fv], d.state, d.private, d.owner_org_id)] += 1
        return deltas

    @staticmethod
    def _apply_counts(deltas: Counter[BucketKey]) -> None:
        # Sorted: concurrent writers take the counter rows' locks in the same order.
        changes = sorted((key, n) for key, n in deltas.items() if n)
        if not changes:
            return
        with connection.cursor() as cursor:
            for start in range(0, len(changes), CHUNK):
                chunk = changes[start : start + CHUNK]
                cursor.execute(
                    f"INSERT INTO {FACET_COUNT} (value_id, state, private, owner_org_id, total) "
                    f"VALUES {', '.join([placeholders(5)] * len(chunk))} "
                    "ON CONFLICT (value_id, state, private, owner_org_id) "
                    f"DO UPDATE SET total = {FACET_COUNT}.total + excluded.total",
                    [v for key, n in chunk for v in (*key, n)],
                )
            if any(n < 0 for _, n in changes):
                cursor.execute(f"DELETE FROM {FACET_COUNT} WHERE total <= 0")


def _bucket(value_id: int, state: str, private: bool, org: str) -> BucketKey:
    """Active public documents share one bucket whatever their organization."""
    return (value_id, state, private, "" if state == "active" and not private else org)


def _value_ids(pairs: set[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """The ids of facet values, created when new (another writer may create one meanwhile)."""
    wanted = {(field, value[:300]) for field, value in pairs}

    def known() -> dict[tuple[str, str], int]:
        found: dict[tuple[str, str], int] = {}
        values = sorted({v for _, v in wanted})
        for start in range(0, len(values), CHUNK):
            rows = SearchFacetValue.objects.filter(value__in=values[start : start + CHUNK])
            for pk, field, value in rows.values_list("id", "field", "value"):
                if (field, value) in wanted:
                    found[(field, value)] = pk
        return found

    ids = known()
    missing = sorted(wanted - set(ids))
    if missing:
        SearchFacetValue.objects.bulk_create(
            [SearchFacetValue(field=f, value=v) for f, v in missing],
            ignore_conflicts=True,
            batch_size=1000,
        )
        ids = known()
    return {pair: ids[(pair[0], pair[1][:300])] for pair in pairs}


def _subtract(
    total: dict[str, dict[str, int]], minus: dict[str, dict[str, int]]
) -> dict[str, dict[str, int]]:
    result: dict[str, dict[str, int]] = {}
    for field, values in total.items():
        taken = minus.get(field, {})
        result[field] = {v: n - taken.get(v, 0) for v, n in values.items() if n - taken.get(v, 0)}
    return result


def _with_zeros(
    counts: dict[str, dict[str, int]], visible: dict[str, dict[str, int]]
) -> dict[str, dict[str, int]]:
    """facet.mincount 0: also the values of what the caller may see that nothing matching has
    (never values that only invisible datasets have)."""
    return {
        field: {**dict.fromkeys(values, 0), **counts.get(field, {})}
        for field, values in visible.items()
    }


def _limited(counts: dict[str, int], query: SearchQuery) -> dict[str, int]:
    items = [(v, n) for v, n in counts.items() if n >= query.facet_mincount]
    items.sort(key=lambda item: (-item[1], item[0]))
    if query.facet_limit >= 0:
        items = items[: query.facet_limit]
    return dict(items)
