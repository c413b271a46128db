"""SQL for the database backend: a query plan's nodes as WHERE fragments, visibility, ordering and
ranking, for SQLite (FTS5) and PostgreSQL (tsvector). Every value is a parameter; the only text
taken from a query is checked against fixed lists first (query.py), so nothing a caller sends
becomes SQL.

Words are matched as the tokenizer cut them: FTS5 queries quote each word, and tsquery/tsvector
literals are built here rather than by PostgreSQL's parser (which would cut "อบต." or "ก.พ."
differently from the tokenizer).
"""

# SQL here is assembled from this package's fixed fragments; every value is a parameter.
# ruff: noqa: S608
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import connection

from . import SearchQuery
from .backend import visible_states
from .query import (
    COLUMN_FIELDS,
    DATE_FIELDS,
    MULTI_FIELDS,
    And,
    Capacity,
    DateRange,
    Exact,
    MatchAll,
    MatchNone,
    Node,
    Not,
    Or,
    Plan,
    SortKey,
    Text,
)
from .words import Alternatives

DOC = "opendata_searchdocument"
FACET = "opendata_searchfacet"
FACET_COUNT = "opendata_searchfacetcount"
FACET_VALUE = "opendata_searchfacetvalue"
FTS = "opendata_searchfts"
STATS = "opendata_datasetstats"

FIELD_SCORES = {"title": 1000, "tags": 100, "notes": 10, "other": 1}
RANKED = tuple(FIELD_SCORES)
PG_WEIGHTS = {"title": "A", "tags": "B", "notes": "C", "other": "D"}
FTS_COLUMNS = {
    "title": "title_words", "tags": "tags_words", "notes": "notes_words", "other": "other_words",
}  # fmt: skip
MAX_PG_POSITION = 16383
# Up to this many matches SQLite ranks by reading each match's words; beyond, by FTS sets.
FEW_MATCHES = 2000

Sql = tuple[str, list[Any]]  # a fragment and its parameters (%s placeholders, as Django's cursors)


def sql_join(glue: str, parts: Iterable[Sql]) -> Sql:
    parts = list(parts)
    return glue.join(s for s, _ in parts), [p for _, params in parts for p in params]


def sql_in(column: str, values: Iterable[Any]) -> Sql:
    values = list(values)
    if not values:
        return "1=0", []
    return f"{column} IN ({', '.join(['%s'] * len(values))})", values


def placeholders(count: int) -> str:
    return "(" + ", ".join(["%s"] * count) + ")"


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def _ordered(column: str) -> str:
    # Code-point order on both databases (SQLite's default), whatever PostgreSQL's locale.
    return f'{column} COLLATE "C"' if _postgres() else column


def _paren(part: Sql) -> Sql:
    return f"({part[0]})", part[1]


# --- Visibility ---------------------------------------------------------------------------------


def visibility_sql(query: SearchQuery, alias: str) -> Sql:
    """Active datasets; drafts and deleted ones when asked for and their organization is
    readable; private ones only when asked for and their organization is readable. `alias` has
    the columns state, private and owner_org_id (documents, or facet-count buckets)."""
    readable = query.readable_org_ids
    org_ok: Sql = ("1=1", [])
    if readable is not None:
        org_ok = sql_in(f"{alias}.owner_org_id", sorted(readable))
    state: Sql = (f"{alias}.state = %s", ["active"])
    states = visible_states(query)
    if states:
        extra = _paren(sql_join(" AND ", [sql_in(f"{alias}.state", states), org_ok]))
        state = _paren(sql_join(" OR ", [state, extra]))
    private: Sql = (f"{alias}.private = %s", [False])
    if query.include_private:
        private = _paren(sql_join(" OR ", [private, org_ok]))
    return sql_join(" AND ", [state, private])


# --- Conditions ---------------------------------------------------------------------------------


FacetIds = Mapping[Exact, list[int]]


def condition_sql(node: Node, facet_ids: FacetIds) -> Sql:
    """A plan's condition over documents `d`. `facet_ids`: the facet value ids of its Exact nodes
    on multi-valued fields (facet_value_ids), so that the planner sees the values it filters by."""
    if isinstance(node, MatchAll):
        return "1=1", []
    if isinstance(node, MatchNone):
        return "1=0", []
    if isinstance(node, And | Or):
        glue = " AND " if isinstance(node, And) else " OR "
        texts = [c for c in node.children if isinstance(c, Text)]
        parts = [condition_sql(c, facet_ids) for c in node.children if not isinstance(c, Text)]
        if texts:
            # Sibling words in one full-text query: the database intersects (or unites) them.
            parts.insert(0, _text_match(texts, glue.strip()))
        return _paren(sql_join(glue, parts))
    if isinstance(node, Not):
        inner, params = condition_sql(node.child, facet_ids)
        return f"NOT ({inner})", params
    if isinstance(node, Text):
        return _text_match([node], "AND")
    if isinstance(node, Exact):
        return _exact(node, facet_ids)
    if isinstance(node, Capacity):
        return "d.private = %s", [node.private]
    if isinstance(node, DateRange):
        return _date_range(node)
    raise TypeError(node)


def facet_value_ids(node: Node) -> dict[Exact, list[int]]:
    """The facet value ids each Exact node on a multi-valued field (tags, groups, res_format)
    selects: exact, by beginning, or any value of the field."""
    wanted = [n for n in _walk(node) if isinstance(n, Exact) and n.field in MULTI_FIELDS]
    if not wanted:
        return {}
    parts = []
    for n in wanted:
        if n.prefix and not n.value:
            parts.append(("v.field = %s", [n.field]))
        elif n.prefix:
            parts.append((f"(v.field = %s AND substr(v.value, 1, {len(n.value)}) = %s)",
                          [n.field, n.value]))  # fmt: skip
        else:
            parts.append(("(v.field = %s AND v.value = %s)", [n.field, n.value]))
    where, params = sql_join(" OR ", parts)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT v.id, v.field, v.value FROM {FACET_VALUE} v WHERE {where}", params)
        rows = cursor.fetchall()
    return {
        n: sorted(
            pk
            for pk, field, value in rows
            if field == n.field and (value == n.value or (n.prefix and value.startswith(n.value)))
        )
        for n in wanted
    }


def _walk(node: Node) -> Iterable[Node]:
    yield node
    if isinstance(node, And | Or):
        for child in node.children:
            yield from _walk(child)
    elif isinstance(node, Not):
        yield from _walk(node.child)


def _exact(node: Exact, facet_ids: FacetIds) -> Sql:
    if node.field in COLUMN_FIELDS:
        column = f"d.{COLUMN_FIELDS[node.field]}"
        if not node.prefix:
            return f"{column} = %s", [node.value]
        if not node.value:
            return f"{column} <> ''", []
        return f"substr({column}, 1, {len(node.value)}) = %s", [node.value]
    ids, params = sql_in("f.value_id", facet_ids.get(node, []))
    if not params:
        return "1=0", []
    return f"d.id IN (SELECT f.document_id FROM {FACET} f WHERE {ids})", params


def _date_range(node: DateRange) -> Sql:
    column = f"d.{DATE_FIELDS[node.field]}"
    parts: list[Sql] = [(f"{column} IS NOT NULL", [])]
    if node.low is not None:
        op = ">=" if node.low_inclusive else ">"
        parts.append((f"{column} {op} %s", [_db_datetime(node.low)]))
    if node.high is not None:
        op = "<=" if node.high_inclusive else "<"
        parts.append((f"{column} {op} %s", [_db_datetime(node.high)]))
    return _paren(sql_join(" AND ", parts))


def _db_datetime(value: dt.datetime) -> Any:
    return connection.ops.adapt_datetimefield_value(value)


def _text_match(nodes: list[Text], op: str) -> Sql:
    """Words that must all (op AND) or may (op OR) match, as one full-text query."""
    if _postgres():
        glue = " & " if op == "AND" else " | "
        expression = glue.join(
            f"({tsquery(n.alternatives, '' if n.field == 'all' else PG_WEIGHTS[n.field])})"
            for n in nodes
        )
        return "d.document @@ %s::tsquery", [expression]
    expression = f" {op} ".join(
        f"({fts_query(n.alternatives, None if n.field == 'all' else FTS_COLUMNS[n.field])})"
        for n in nodes
    )
    return f"d.id IN (SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s)", [expression]


# --- Order and ranking --------------------------------------------------------------------------


OrderKey = tuple[str, list[Any], str]  # expression, its parameters, ASC or DESC


def order_keys(plan: Plan, *, matches: int) -> tuple[list[OrderKey], str]:
    """The sort of a plan as ORDER BY keys, and the JOIN they need. `matches` (how many documents
    match; any number on PostgreSQL) chooses how SQLite ranks: see score_sql."""
    keys: list[OrderKey] = []
    joins: dict[str, str] = {}
    few = matches <= FEW_MATCHES
    for key in plan.sort:
        direction = "DESC" if key.descending else "ASC"
        if key.field == "score":
            if plan.scored:
                score, params = score_sql(plan.scored, plan.required, few=few)
                keys.append((score, params, direction))
                if few and not _postgres():
                    joins["fts"] = f"JOIN {FTS} t ON t.rowid = d.id"
            continue
        keys.append((_sort_column(key), [], direction))
        if key.field.startswith("views_"):
            joins["stats"] = f"LEFT JOIN {STATS} s ON s.dataset_id = d.dataset_id"
    keys += [(_ordered("d.name"), [], "ASC"), ("d.dataset_id", [], "ASC")]
    return keys, " ".join(joins.values())


def order_sql(keys: list[OrderKey]) -> Sql:
    return sql_join(", ", ((f"{expr} {direction}", params) for expr, params, direction in keys))


def _sort_column(key: SortKey) -> str:
    if key.field.startswith("views_"):
        return f"COALESCE(s.{key.field}, 0)"
    if key.field == "title_string":
        return _ordered("d.title")
    if key.field == "name":
        return _ordered("d.name")
    return f"d.{key.field}"


def score_sql(words: tuple[Text, ...], required: frozenset[Text], *, few: bool) -> Sql:
    """Sum over the query words of the score of the best field holding all of the word.

    PostgreSQL reads the tsvector's weights. SQLite either looks for the word in each matching
    row's words (`few` matches: the FTS table `t` is joined), or, for many matches, runs one FTS
    query per word and field, which it keeps as a set that each row probes (cheaper than reading
    thousands of rows' words). A word every match has is in the lowest field when it is in none
    of the others (or spread over several): that case needs no look."""
    cases: list[Sql] = []
    for word in words:
        branches: list[Sql] = []
        fields = ("title", "tags", "notes") if word in required else RANKED
        for field in fields:
            found = _in_field(word.alternatives, field, few=few)
            branches.append((f"WHEN {found[0]} THEN {FIELD_SCORES[field]}", found[1]))
        whens, params = sql_join(" ", branches)
        otherwise = FIELD_SCORES["other"] if word in required else 0
        cases.append((f"CASE {whens} ELSE {otherwise} END", params))
    return _paren(sql_join(" + ", cases))


def _in_field(alternatives: Alternatives, field: str, *, few: bool) -> Sql:
    if _postgres():
        return "d.document @@ %s::tsquery", [tsquery(alternatives, PG_WEIGHTS[field])]
    if not few:
        return f"d.id IN (SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s)", [
            fts_query(alternatives, FTS_COLUMNS[field])
        ]
    # " word" begins a word of the column, " word " is a whole word (see models.py).
    column = f"t.{FTS_COLUMNS[field]}"
    options = [
        _paren(
            sql_join(
                " AND ",
                (
                    (f"instr({column}, %s) > 0", [f" {text}" + ("" if prefix else " ")])
                    for text, prefix in alternative
                ),
            )
        )
        for alternative in alternatives
    ]
    return _paren(sql_join(" OR ", options))


# --- Full-text literals -------------------------------------------------------------------------


def _fts_quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def fts_query(alternatives: Alternatives, column: str | None) -> str:
    """An FTS5 query: ("a" AND "b"*) OR ("ab"*), within one column when given."""
    options = [
        "(" + " AND ".join(_fts_quote(t) + ("*" if prefix else "") for t, prefix in alt) + ")"
        for alt in alternatives
    ]
    expression = " OR ".join(options)
    return f"{{{column}}} : ({expression})" if column else expression


def _ts_quote(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'"


def tsquery(alternatives: Alternatives, weight: str) -> str:
    """A tsquery literal: ('a' & 'b':*) | 'ab':* — with a weight label ('a':A) to match within one
    field only."""
    options = []
    for alt in alternatives:
        terms = []
        for text, prefix in alt:
            label = ("*" if prefix else "") + weight
            terms.append(_ts_quote(text) + (f":{label}" if label else ""))
        options.append("(" + " & ".join(terms) + ")")
    return " | ".join(options)


def tsvector(words: dict[str, list[str]]) -> str:
    """A tsvector literal of a document's words: each once per field, weighted A title, B tags,
    C description, D the rest — the lexemes 'simple' would give for the space-joined words."""
    positions: dict[str, list[str]] = {}
    position = 0
    for field, weight in PG_WEIGHTS.items():
        for word in words.get(field, []):
            position = min(position + 1, MAX_PG_POSITION)
            positions.setdefault(word, []).append(f"{position}{weight}")
    return " ".join(f"{_ts_quote(w)}:{','.join(p)}" for w, p in positions.items())
