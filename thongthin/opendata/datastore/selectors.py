"""Reading datastore tables: search (filters, full text, sort, paging), counts and dumps.

Every name in a request (filters, fields, sort) is checked against the table's real columns
before it reaches SQL, and every value travels as a parameter; anything else is refused with
`ValidationFailed` naming the parameter (the CKAN actions answer it as a Validation Error).
Who may read is the caller's business (actions.py, views.py check `can_read_dataset`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.utils.translation import gettext as _

from thongthin.core.errors import ValidationFailed
from thongthin.opendata.models import Resource, State

from . import tables, values
from .models import DatastoreStatus, DatastoreTable

ID_FIELD = {"id": "_id", "type": "int"}
MAX_IN_VALUES = 1000
MAX_Q_TERMS = 10
MAX_Q_TERM_CHARS = 200
DUMP_CHUNK = 2000

_SORT_PART = re.compile(
    r'\s*(?:"(?P<quoted>(?:[^"]|"")+)"|(?P<bare>[^\s",]+))'
    r"(?:\s+(?P<dir>asc|desc))?(?:\s+nulls\s+(?P<nulls>first|last))?\s*",
    re.IGNORECASE,
)


def _invalid(param: str, message: str) -> ValidationFailed:
    return ValidationFailed(message, code="datastore_invalid", field=param, fields={param: message})


def resource_get(resource_id: str) -> Resource | None:
    """An active resource of an active or draft dataset (deleted ones do not exist here)."""
    if not isinstance(resource_id, str) or not resource_id or len(resource_id) > 100:
        return None
    return (
        Resource.objects.select_related("dataset__owner_org", "datastore")
        .exclude(state=State.DELETED)
        .exclude(dataset__state=State.DELETED)
        .filter(pk=resource_id)
        .first()
    )


def datastore_table_get(resource: Resource) -> DatastoreTable | None:
    """The resource's table when it holds data that can be read (an active one, or the previous
    table of a resource whose reload is running or failed)."""
    try:
        table = resource.datastore  # type: ignore[attr-defined]
    except DatastoreTable.DoesNotExist:
        return None
    if not table.table_name:
        return None
    return table


def field_list(table: DatastoreTable) -> list[dict[str, Any]]:
    """The `fields` CKAN returns: `_id` first, then each column with its `info` when set."""
    out: list[dict[str, Any]] = [dict(ID_FIELD)]
    for f in table.fields:
        item: dict[str, Any] = {"id": f["id"], "type": f["type"]}
        info = {k: v for k, v in (f.get("info") or {}).items() if v not in (None, "")}
        if info:
            item["info"] = info
        out.append(item)
    return out


# --- Building the query ---------------------------------------------------------------------


@dataclass
class Where:
    sql: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def clause(self) -> str:
        return (" WHERE " + " AND ".join(self.sql)) if self.sql else ""


def _types(table: DatastoreTable) -> dict[str, str]:
    types = {f["id"]: f["type"] for f in table.fields}
    types["_id"] = values.INT8
    return types


def _db_value(kind: str, value: Any, column: str, param: str) -> Any:
    try:
        converted = values.converter(kind)(value)
    except (values.CellError, ValueError, TypeError):
        raise _invalid(
            param,
            _("ค่า “%(value)s” ใช้กับคอลัมน์ “%(column)s” (ชนิด %(type)s) ไม่ได้")
            % {"value": str(value)[:100], "column": column, "type": kind},
        ) from None
    if converted is None:
        return None
    if kind == values.BOOL and tables.vendor() == "sqlite":
        return int(converted)
    return converted


def add_filters(where: Where, table: DatastoreTable, filters: dict[str, Any]) -> None:
    types = _types(table)
    for column, wanted in filters.items():
        if column not in types:
            raise _invalid(
                "filters", _("ไม่มีคอลัมน์ “%(column)s” ในตารางนี้") % {"column": str(column)[:100]}
            )
        kind = types[column]
        name = tables.quote(column)
        if isinstance(wanted, dict):
            raise _invalid(
                "filters",
                _("ตัวกรองของคอลัมน์ “%(column)s” ต้องเป็นค่าเดียวหรือรายการค่า") % {"column": column},
            )
        if isinstance(wanted, list | tuple):
            if len(wanted) > MAX_IN_VALUES:
                raise _invalid(
                    "filters",
                    _("ตัวกรองหนึ่งคอลัมน์มีได้ไม่เกิน %(max)s ค่า") % {"max": MAX_IN_VALUES},
                )
            converted = [_db_value(kind, v, column, "filters") for v in wanted]
            present = [v for v in converted if v is not None]
            parts = []
            if present:
                parts.append(f"{name} IN ({', '.join(['%s'] * len(present))})")
                where.params.extend(present)
            if len(present) < len(converted):
                parts.append(f"{name} IS NULL")
            where.sql.append("(" + " OR ".join(parts) + ")" if parts else "1 = 0")
            continue
        value = _db_value(kind, wanted, column, "filters")
        if value is None:
            where.sql.append(f"{name} IS NULL")
        else:
            where.sql.append(f"{name} = %s")
            where.params.append(value)


def _like_terms(text: Any, param: str) -> list[str]:
    if not isinstance(text, str | int | float) or isinstance(text, bool):
        raise _invalid(param, _("คำค้นต้องเป็นข้อความ"))
    terms = str(text).split()
    if len(terms) > MAX_Q_TERMS or any(len(t) > MAX_Q_TERM_CHARS for t in terms):
        raise _invalid(param, _("คำค้นยาวหรือมีหลายคำเกินไป"))
    escaped = []
    for term in terms:
        term = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        escaped.append(f"%{term}%")
    return escaped


def _as_text(column: str) -> str:
    name = tables.quote(column)
    if tables.vendor() == "postgresql":
        return f"{name}::text"
    return f"coalesce({name}, '')"


def add_text_search(where: Where, table: DatastoreTable, q: Any, param: str = "q") -> None:
    """`q` as text: every word appears somewhere in the row; as an object: in that column.
    Substring matching, so Thai (written without spaces) matches inside words."""
    if q in (None, "", {}):
        return
    like = "ILIKE" if tables.vendor() == "postgresql" else "LIKE"
    if isinstance(q, dict):
        types = _types(table)
        for column, text in q.items():
            if column not in types:
                raise _invalid(
                    param, _("ไม่มีคอลัมน์ “%(column)s” ในตารางนี้") % {"column": str(column)[:100]}
                )
            for pattern in _like_terms(text, param):
                where.sql.append(f"{_as_text(column)} {like} %s ESCAPE '\\'")
                where.params.append(pattern)
        return
    columns = [f["id"] for f in table.fields]
    if not columns:
        return
    if tables.vendor() == "postgresql":
        row_text = "concat_ws(' ', " + ", ".join(_as_text(c) for c in columns) + ")"
    else:
        row_text = "(" + " || ' ' || ".join(_as_text(c) for c in columns) + ")"
    for pattern in _like_terms(q, param):
        where.sql.append(f"{row_text} {like} %s ESCAPE '\\'")
        where.params.append(pattern)


def parse_sort(table: DatastoreTable, sort: Any, *, among: list[str] | None = None) -> str:
    """`"year desc, name"` → a checked ORDER BY; anything but column names, asc/desc and
    nulls first/last is refused. With `among` (a DISTINCT query: the database orders only by
    what it returns), the columns must be those and the default order is theirs."""
    if sort in (None, "", []):
        return ", ".join(tables.quote(c) for c in among) if among else '"_id"'
    parts = sort if isinstance(sort, list) else str(sort).split(",")
    types = _types(table)
    order = []
    for part in parts:
        m = _SORT_PART.fullmatch(str(part)) if isinstance(part, str) else None
        column = None
        if m:
            column = m["quoted"].replace('""', '"') if m["quoted"] else m["bare"]
        if not m or column not in types:
            raise _invalid(
                "sort",
                _("เรียงลำดับไม่ได้: “%(sort)s” ต้องเป็นชื่อคอลัมน์ตามด้วย asc หรือ desc")
                % {"sort": str(part).strip()[:100]},
            )
        if among is not None and column not in among:
            raise _invalid(
                "sort",
                _("เมื่อใช้ distinct เรียงได้เฉพาะคอลัมน์ที่ระบุใน fields: “%(sort)s”")
                % {"sort": str(part).strip()[:100]},
            )
        item = tables.quote(column)
        if m["dir"]:
            item += " " + m["dir"].upper()
        if m["nulls"]:
            item += " NULLS " + m["nulls"].upper()
        order.append(item)
    return ", ".join(order)


def parse_fields(table: DatastoreTable, fields: Any) -> list[dict[str, Any]]:
    """The requested columns in the requested order (all, `_id` first, by default)."""
    available = {f["id"]: f for f in field_list(table)}
    if fields in (None, "", []):
        return list(available.values())
    names = fields if isinstance(fields, list) else str(fields).split(",")
    chosen = []
    for name in names:
        name = str(name).strip()
        if name not in available:
            raise _invalid("fields", _("ไม่มีคอลัมน์ “%(column)s” ในตารางนี้") % {"column": name[:100]})
        chosen.append(available[name])
    return chosen


# --- Running it -----------------------------------------------------------------------------


@dataclass
class SearchResult:
    fields: list[dict[str, Any]]
    rows: list[list[Any]]
    total: int | None


@dataclass
class Query:
    table: DatastoreTable
    filters: dict[str, Any] = field(default_factory=dict)
    q: Any = None
    full_text: Any = None
    fields: Any = None
    sort: Any = None
    distinct: bool = False

    def compile(self) -> tuple[list[dict[str, Any]], str, Where, str]:
        chosen = parse_fields(self.table, self.fields)
        where = Where()
        add_filters(where, self.table, self.filters or {})
        add_text_search(where, self.table, self.q, "q")
        add_text_search(where, self.table, self.full_text, "full_text")
        among = [f["id"] for f in chosen] if self.distinct else None
        order = parse_sort(self.table, self.sort, among=among)
        return chosen, ", ".join(tables.quote(f["id"]) for f in chosen), where, order


def _readers(chosen: list[dict[str, Any]]) -> list[Any]:
    kinds = [values.INT8 if f["type"] == "int" else f["type"] for f in chosen]
    return [values.reader(kind) for kind in kinds]


def datastore_search(
    *, query: Query, limit: int, offset: int, include_total: bool = True
) -> SearchResult:
    """One page of matching rows and, with `include_total`, how many match in all: the kept
    row count when nothing filters; the page itself when it is the whole answer; a count over
    the indexes for filters; and for text search, which reads every row anyway, a window count
    in the same scan."""
    chosen, columns, where, order = query.compile()
    table = tables.qtable(query.table.table_name)
    select = "SELECT DISTINCT" if query.distinct else "SELECT"
    scans = bool(query.q or query.full_text) and not query.distinct
    windowed = include_total and scans
    extra = ", COUNT(*) OVER ()" if windowed else ""
    sql = (
        f"{select} {columns}{extra} FROM {table}{where.clause()} "
        f"ORDER BY {order} LIMIT %s OFFSET %s"
    )
    readers = _readers(chosen)
    total = None
    with connection.cursor() as cursor:
        cursor.execute(sql, [*where.params, limit, offset])
        fetched = cursor.fetchall()
        if windowed and fetched:
            total = int(fetched[0][-1])
            fetched = [row[:-1] for row in fetched]
        rows = [[r(v) for r, v in zip(readers, row, strict=True)] for row in fetched]
        if include_total and total is None:
            if not where.sql and not query.distinct:
                total = query.table.row_count
            elif len(rows) < limit and (offset == 0 or rows):
                total = offset + len(rows)
            else:
                inner = f"{select} {columns} FROM {table}{where.clause()}"
                # Names checked and quoted by compile(); values are parameters.
                count_sql = (
                    f"SELECT COUNT(*) FROM ({inner}) AS t"  # noqa: S608
                    if query.distinct
                    else f"SELECT COUNT(*) FROM {table}{where.clause()}"  # noqa: S608
                )
                cursor.execute(count_sql, where.params)
                total = int(cursor.fetchone()[0])
    return SearchResult(fields=chosen, rows=rows, total=total)


def datastore_rows(
    *, query: Query, limit: int | None = None, offset: int = 0
) -> tuple[list[dict[str, Any]], Iterator[list[Any]]]:
    """The fields and an iterator over every matching row, fetched in chunks from a server-side
    cursor (memory stays flat however many rows a dump has)."""
    chosen, columns, where, order = query.compile()
    select = "SELECT DISTINCT" if query.distinct else "SELECT"
    sql = f"{select} {columns} FROM {tables.qtable(query.table.table_name)}{where.clause()}"
    sql += f" ORDER BY {order}"
    params = list(where.params)
    if limit is not None or offset:
        # No limit: NULL on PostgreSQL (LIMIT ALL), -1 on SQLite.
        unlimited = None if tables.vendor() == "postgresql" else -1
        sql += " LIMIT %s OFFSET %s"
        params += [unlimited if limit is None else limit, offset]
    readers = _readers(chosen)

    def rows() -> Iterator[list[Any]]:
        with connection.chunked_cursor() as cursor:
            cursor.execute(sql, params)
            while chunk := cursor.fetchmany(DUMP_CHUNK):
                for row in chunk:
                    yield [r(v) for r, v in zip(readers, row, strict=True)]

    return chosen, rows()


def datastore_info(table: DatastoreTable) -> dict[str, Any]:
    return {
        "meta": {
            "id": table.resource_id,
            "count": table.row_count,
            "table_type": "BASE TABLE",
            "aliases": [],
            "status": table.status,
        },
        "fields": [{k: v for k, v in f.items() if k != "info" or v} for f in field_list(table)[1:]],
    }


def datastore_status_for_page(resource: Resource) -> DatastoreTable | None:
    """The table record for the publisher's page (whatever its state), with its job."""
    return (
        DatastoreTable.objects.select_related("job", "requested_by")
        .filter(resource=resource)
        .first()
    )


def load_is_running(table: DatastoreTable) -> bool:
    from thongthin.core.models import JobState

    if table.status not in (DatastoreStatus.PENDING, DatastoreStatus.LOADING):
        return False
    job = table.job
    return job is not None and job.state in (JobState.QUEUED, JobState.RUNNING)


def preview_rows(table: DatastoreTable, count: int = 10) -> SearchResult:
    return datastore_search(query=Query(table=table), limit=count, offset=0, include_total=False)
