"""Loading a file into a new datastore table, in two streaming passes.

1. Read: the header, every cell's type (over the WHOLE file: a late odd cell only widens its
   column), the row count, ragged and blank rows. The encoding is settled here too: UTF-8 (with or
   without BOM) is tried first and, on the first byte that is not UTF-8, the pass starts again as
   TIS-620/Windows-874.
2. Write: create `ds_<hex>`, convert and insert the rows in batches (COPY on PostgreSQL,
   executemany on SQLite), each batch its own transaction, reporting progress in between; then
   one index per column and planner statistics.

Memory stays bounded by one batch, whatever the file's size. The caller (services.py) swaps the
new table in when this succeeds and drops it when it does not.
"""

from __future__ import annotations

import csv
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from . import columns, tables, values
from .sources import ENCODINGS, LoadError, Source

MAX_COLUMNS = 1000
BATCH_ROWS = {"postgresql": 20_000, "sqlite": 10_000}
REPORT_SECONDS = 1.0

Progress = Callable[[str, int, int], None]  # phase, rows done, bytes read


@dataclass
class Plan:
    """What the first pass learnt about the file."""

    fields: list[dict[str, Any]]
    rows: int
    longest: dict[str, int]
    encoding: str
    notes: list[dict[str, Any]] = field(default_factory=list)


def _blank(row: list[Any]) -> bool:
    for cell in row:
        if cell is not None and (cell.__class__ is not str or cell.strip()):
            return False
    return True


def _carry_info(ids: list[str], headers: list[str], previous: list[dict[str, Any]]) -> list[dict]:
    """The dictionary for a (re)loaded file: labels, notes and type overrides the publisher set
    for a column of the same name are kept; a renamed header shows its original text as label."""
    before = {f["id"]: dict(f.get("info") or {}) for f in previous or []}
    fields = []
    for column_id, header in zip(ids, headers, strict=True):
        info = before.get(column_id, {})
        if not info.get("label") and header != column_id:
            info["label"] = header
        fields.append({"id": column_id, "type": values.TEXT, "info": info})
    return fields


def read_pass(source: Source, *, previous: list[dict[str, Any]], progress: Progress) -> Plan:
    encodings = source.encodings if source.kind == "csv" else (ENCODINGS[0],)
    for encoding in encodings:
        source.encoding = encoding
        try:
            return _read_pass(source, previous=previous, progress=progress)
        except UnicodeDecodeError:
            continue
    raise LoadError("encoding")


def _read_pass(source: Source, *, previous: list[dict[str, Any]], progress: Progress) -> Plan:
    header: list[str] | None = None
    guesser: values.TypeGuesser | None = None
    width = 0
    rows = 0
    blank = 0
    padded = [0, 0]  # count, first file row
    truncated = [0, 0]
    overrides: list[tuple[int, str, Callable[[Any], Any]]] = []
    fields: list[dict[str, Any]] = []
    last_report = time.monotonic()
    line = 0
    with source.open_rows() as reader:
        try:
            for row in reader:
                line += 1
                if not row or _blank(row):
                    blank += 1
                    continue
                if header is None:
                    while row and (row[-1] is None or str(row[-1]).strip() == ""):
                        row.pop()
                    header = [columns.header_text(c) for c in row]
                    width = len(header)
                    if width > MAX_COLUMNS:
                        raise LoadError("too_many_columns", count=width, max=MAX_COLUMNS)
                    ids = columns.column_ids(header)
                    fields = _carry_info(ids, header, previous)
                    guesser = values.TypeGuesser(width)
                    for i, f in enumerate(fields):
                        kind = f["info"].get("type_override")
                        if kind in values.TYPES:
                            overrides.append((i, kind, values.converter(kind)))
                    continue
                rows += 1
                size = len(row)
                if size != width:
                    if size < width:
                        padded[0] += 1
                        padded[1] = padded[1] or line
                        row = row + [None] * (width - size)
                    else:
                        if not _blank(row[width:]):
                            truncated[0] += 1
                            truncated[1] = truncated[1] or line
                        row = row[:width]
                assert guesser is not None
                guesser.feed(row, line)
                for i, kind, convert in overrides:
                    try:
                        convert(row[i])
                    except values.CellError:
                        raise LoadError(
                            "type_override_mismatch",
                            row=line,
                            column=fields[i]["id"],
                            value=str(row[i])[:80],
                            type=kind,
                        ) from None
                if rows % 4096 == 0 and time.monotonic() - last_report > REPORT_SECONDS:
                    last_report = time.monotonic()
                    progress("reading", rows, source.bytes_read)
        except csv.Error as exc:
            raise LoadError("bad_csv", row=line + 1) from exc
    if header is None or guesser is None:
        raise LoadError("empty_file")
    widened = []
    for f, kind, odd in zip(fields, guesser.result(), guesser.odd, strict=True):
        override = f["info"].get("type_override")
        f["type"] = override if override in values.TYPES else kind
        if odd is not None and f["type"] == values.TEXT:
            widened.append({"column": f["id"], "row": odd[0], "value": odd[1]})
    notes: list[dict[str, Any]] = []
    if source.kind == "csv" and source.encoding == "cp874":
        notes.append({"code": "encoding_cp874", "params": {}})
    if padded[0]:
        notes.append({"code": "rows_padded", "params": {"count": padded[0], "first": padded[1]}})
    if blank:
        notes.append({"code": "empty_lines", "params": {"count": blank}})
    if truncated[0]:
        notes.append(
            {"code": "rows_truncated", "params": {"count": truncated[0], "first": truncated[1]}}
        )
    notes += [{"code": "column_widened", "params": params} for params in widened[:20]]
    renamed = [f"{h} → {f['id']}" for h, f in zip(header, fields, strict=True) if h != f["id"]]
    if renamed:
        notes.append({"code": "columns_renamed", "params": {"names": ", ".join(renamed[:20])}})
    longest = {f["id"]: n for f, n in zip(fields, guesser.longest, strict=True)}
    progress("reading", rows, source.bytes_read)
    return Plan(fields=fields, rows=rows, longest=longest, encoding=source.encoding, notes=notes)


def write_pass(source: Source, plan: Plan, table: str, *, progress: Progress) -> int:
    """Create `table` and fill it; returns the number of rows written."""
    with transaction.atomic():
        tables.create_table(table, plan.fields)
    width = len(plan.fields)
    names = [f["id"] for f in plan.fields]
    converters = [values.converter(f["type"]) for f in plan.fields]
    batch_size = BATCH_ROWS[tables.vendor()]
    written = 0
    header_seen = False
    batch: list[list[Any]] = []
    line = 0

    def flush() -> None:
        nonlocal written
        with transaction.atomic():
            written += tables.insert_rows(table, names, batch)
        batch.clear()
        progress("writing", written, source.bytes_read)

    with source.open_rows() as reader:
        for row in reader:
            line += 1
            if not row or _blank(row):
                continue
            if not header_seen:
                header_seen = True
                continue
            size = len(row)
            if size != width:
                row = row + [None] * (width - size) if size < width else row[:width]
            try:
                batch.append([convert(cell) for convert, cell in zip(converters, row, strict=True)])
            except values.CellError as exc:  # only a type the publisher set can refuse a cell
                column = next(
                    f for f, c, cell in zip(plan.fields, converters, row, strict=True)
                    if _refuses(c, cell)
                )  # fmt: skip
                raise LoadError(
                    "type_override_mismatch",
                    row=line,
                    column=column["id"],
                    value=str(exc)[:80],
                    type=column["type"],
                ) from exc
            if len(batch) >= batch_size:
                flush()
    if batch:
        flush()
    progress("indexing", written, source.bytes_read)
    with transaction.atomic():
        tables.create_indexes(table, plan.fields, longest=plan.longest)
    tables.analyze(table)
    return written


def _refuses(convert: Callable[[Any], Any], cell: Any) -> bool:
    try:
        convert(cell)
    except values.CellError:
        return True
    return False
