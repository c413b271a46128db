"""Cell values: what type a column is, and each cell as the database stores it.

Types are CKAN's PostgreSQL names: `int8`, `numeric`, `date`, `timestamp`, `text`, `bool`.
Inference (`TypeGuesser`) sees every cell of a file and widens a column's type whenever a cell
does not fit: int8 → numeric, date → timestamp, anything else → text. It never fails: the worst a
late odd cell does is make its column text. Empty cells are NULL and say nothing about the type.

What counts as a number or a date, as people in Thai offices type them:
- Thai digits (๐–๙) are digits; thousands separators (1,234,567.50) are allowed;
- a number with a leading zero (0812345678, 00123) is a code, kept as text with its zeros;
- dates are ISO (2024-10-15), or day/month/year (15/10/2567 or 15-10-2024); a year of 2400 or
  more is Buddhist Era and stored as Gregorian; a time (10:30 or 10:30:15) makes a timestamp.
"""

from __future__ import annotations

import datetime as dt
import decimal
import re
from collections.abc import Callable
from typing import Any

INT8 = "int8"
NUMERIC = "numeric"
DATE = "date"
TIMESTAMP = "timestamp"
TEXT = "text"
BOOL = "bool"
TYPES = (INT8, NUMERIC, DATE, TIMESTAMP, TEXT, BOOL)

# What clients may write in datastore_create's `fields[].type`, and the type it means here.
TYPE_ALIASES = {
    "int": INT8, "int4": INT8, "int8": INT8, "integer": INT8, "bigint": INT8, "int2": INT8,
    "smallint": INT8, "numeric": NUMERIC, "decimal": NUMERIC, "float": NUMERIC,
    "float4": NUMERIC, "float8": NUMERIC, "double precision": NUMERIC, "real": NUMERIC,
    "number": NUMERIC, "date": DATE, "timestamp": TIMESTAMP, "timestamptz": TIMESTAMP,
    "datetime": TIMESTAMP, "text": TEXT, "varchar": TEXT, "string": TEXT, "character varying": TEXT,
    "bool": BOOL, "boolean": BOOL,
}  # fmt: skip

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
BE_THRESHOLD = 2400  # a year from here on is Buddhist Era
BE_OFFSET = 543
INT8_MAX = 2**63 - 1

_INT = re.compile(r"[+-]?(?:0|[1-9][0-9]*)")
_INT_GROUPED = re.compile(r"[+-]?[1-9][0-9]{0,2}(?:,[0-9]{3})+")
_NUM = re.compile(r"[+-]?(?:(?:0|[1-9][0-9]*)(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?")
_NUM_GROUPED = re.compile(r"[+-]?[1-9][0-9]{0,2}(?:,[0-9]{3})+(?:\.[0-9]+)?")
_DATETIME = re.compile(
    r"(?:(?P<y1>[0-9]{4})[-/](?P<m1>[0-9]{1,2})[-/](?P<d1>[0-9]{1,2})"
    r"|(?P<d2>[0-9]{1,2})[-/](?P<m2>[0-9]{1,2})[-/](?P<y2>[0-9]{4}))"
    r"(?:[ T](?P<H>[0-9]{1,2}):(?P<M>[0-9]{2})(?::(?P<S>[0-9]{2})(?:[.,](?P<f>[0-9]{1,6}))?)?"
    r" ?(?P<tz>Z|[+-][0-9]{2}:?[0-9]{2})?)?"
)
_TRUE = {"true", "t", "yes", "y", "1", "on", "จริง", "ใช่"}
_FALSE = {"false", "f", "no", "n", "0", "off", "เท็จ", "ไม่ใช่"}

# The type two kinds of cell have in common.
_JOIN = {
    frozenset((INT8, NUMERIC)): NUMERIC,
    frozenset((DATE, TIMESTAMP)): TIMESTAMP,
}


def join(a: str | None, b: str) -> str:
    if a is None or a == b:
        return b
    return _JOIN.get(frozenset((a, b)), TEXT)


def _ascii(value: str) -> str | None:
    """The value with Thai digits made ASCII; None when other non-ASCII characters remain."""
    if value.isascii():
        return value
    value = value.translate(THAI_DIGITS)
    return value if value.isascii() else None


def parse_datetime(value: str) -> dt.datetime | dt.date | None:
    """A date (no time given) or a naive datetime (UTC when the text had an offset), or None."""
    m = _DATETIME.fullmatch(value)
    if m is None:
        return None
    g = m.groupdict()
    year, month, day = (
        (g["y1"], g["m1"], g["d1"]) if g["y1"] is not None else (g["y2"], g["m2"], g["d2"])
    )
    y = int(year)
    if y >= BE_THRESHOLD:
        y -= BE_OFFSET
    try:
        if g["H"] is None:
            return dt.date(y, int(month), int(day))
        stamp = dt.datetime(
            y,
            int(month),
            int(day),
            int(g["H"]),
            int(g["M"]),
            int(g["S"] or 0),
            int((g["f"] or "0").ljust(6, "0")),
        )
    except ValueError:
        return None
    if g["tz"]:
        tz = g["tz"]
        if tz != "Z":
            sign = -1 if tz[0] == "-" else 1
            digits = tz[1:].replace(":", "")
            offset = dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
            stamp = (stamp - sign * offset).replace(tzinfo=None)
    return stamp


def classify(value: str) -> str:
    """The narrowest type of one non-empty, stripped cell."""
    text = _ascii(value)
    if text is None:
        return TEXT
    first = text[0]
    if first.isdigit() or first in "+-.":
        if _INT.fullmatch(text):
            digits = text.lstrip("+-")
            if len(digits) <= 18 or (int(text) <= INT8_MAX and int(text) >= -INT8_MAX):
                return INT8
            return NUMERIC
        if _INT_GROUPED.fullmatch(text):
            return INT8 if len(text) <= 24 else NUMERIC
        if _NUM.fullmatch(text) or _NUM_GROUPED.fullmatch(text):
            return NUMERIC
        if first.isdigit():
            parsed = parse_datetime(text)
            if parsed is not None:
                return TIMESTAMP if isinstance(parsed, dt.datetime) else DATE
    return TEXT


def classify_typed(value: Any) -> str | None:
    """The type of a cell a spreadsheet gave as a Python value; None when empty."""
    if value is None:
        return None
    if isinstance(value, bool):
        return TEXT
    if isinstance(value, int):
        return INT8 if -INT8_MAX <= value <= INT8_MAX else NUMERIC
    if isinstance(value, float):
        return NUMERIC if value == value and value not in (float("inf"), float("-inf")) else TEXT
    if isinstance(value, decimal.Decimal):
        return NUMERIC
    if isinstance(value, dt.datetime):
        return DATE if value.time() == dt.time(0) and value.tzinfo is None else TIMESTAMP
    if isinstance(value, dt.date):
        return DATE
    text = str(value).strip()
    return classify(text) if text else None


class TypeGuesser:
    """Column types over a whole file, one row at a time, in constant memory.

    `longest` keeps each column's longest text (in characters): PostgreSQL cannot put very long
    values in a B-tree index, so the indexer picks another kind of index for such columns."""

    def __init__(self, width: int) -> None:
        self.types: list[str | None] = [None] * width
        self.longest = [0] * width
        # Per column, the first cell that turned a typed column into text: (file row, value).
        self.odd: list[tuple[int, str] | None] = [None] * width

    def feed(self, row: list[Any], line: int = 0) -> None:
        types = self.types
        longest = self.longest
        for i, cell in enumerate(row):
            if cell is None:
                continue
            if cell.__class__ is str:
                size = len(cell)
                if size > longest[i]:
                    longest[i] = size
                current = types[i]
                if current == TEXT:
                    continue
                cell = cell.strip()
                if not cell:
                    continue
                kind = classify(cell)
            else:
                current = types[i]
                size = len(str(cell))
                if size > longest[i]:
                    longest[i] = size
                if current == TEXT:
                    continue
                kind = classify_typed(cell)  # type: ignore[assignment]
                if kind is None:
                    continue
            if kind != current:
                types[i] = widened = join(current, kind)
                if widened == TEXT and current is not None:
                    self.odd[i] = (line, str(cell)[:80])

    def result(self) -> list[str]:
        return [t or TEXT for t in self.types]


# --- Cells as the database stores them -------------------------------------------------------


class CellError(ValueError):
    pass


def _number_text(value: Any) -> str:
    if isinstance(value, bool):
        raise CellError(value)
    if isinstance(value, int | decimal.Decimal):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise CellError(value)
        return repr(value)
    text = _ascii(str(value).strip())
    if text is None:
        raise CellError(value)
    if _NUM_GROUPED.fullmatch(text) or _INT_GROUPED.fullmatch(text):
        text = text.replace(",", "")
    if not _NUM.fullmatch(text) or text in ("+", "-"):
        raise CellError(value)
    return text


def to_int8(value: Any) -> int:
    if isinstance(value, bool):
        raise CellError(value)
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    else:
        text = _number_text(value)
        try:
            number = int(text)
        except ValueError:
            try:
                exact = decimal.Decimal(text)
            except decimal.InvalidOperation as exc:
                raise CellError(value) from exc
            if exact != exact.to_integral_value():
                raise CellError(value) from None
            number = int(exact)
    if not -INT8_MAX - 1 <= number <= INT8_MAX:
        raise CellError(value)
    return number


def to_numeric(value: Any) -> str:
    """Numbers travel as their exact text: PostgreSQL keeps every digit; SQLite's NUMERIC column
    turns the text into an integer or a real."""
    return _number_text(value)


def to_date(value: Any) -> str:
    if isinstance(value, dt.datetime):
        if value.time() != dt.time(0):
            raise CellError(value)
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = _ascii(str(value).strip())
    parsed = parse_datetime(text) if text else None
    if parsed is None or isinstance(parsed, dt.datetime):
        if isinstance(parsed, dt.datetime) and parsed.time() == dt.time(0):
            return parsed.date().isoformat()
        raise CellError(value)
    return parsed.isoformat()


def to_timestamp(value: Any) -> str:
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        return value.isoformat()
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time(0)).isoformat()
    text = _ascii(str(value).strip())
    parsed = parse_datetime(text) if text else None
    if parsed is None:
        raise CellError(value)
    if not isinstance(parsed, dt.datetime):
        parsed = dt.datetime.combine(parsed, dt.time(0))
    return parsed.isoformat()


def to_text(value: Any) -> str:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        import json

        return json.dumps(value, ensure_ascii=False)
    return str(value).strip().replace("\x00", "")


def to_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CellError(value)


CONVERTERS: dict[str, Callable[[Any], Any]] = {
    INT8: to_int8,
    NUMERIC: to_numeric,
    DATE: to_date,
    TIMESTAMP: to_timestamp,
    TEXT: to_text,
    BOOL: to_bool,
}


def converter(kind: str) -> Callable[[Any], Any]:
    """A function from a cell (text or a Python value) to what the database stores, or None for
    an empty cell; raises CellError when the cell is not of that type."""
    convert = CONVERTERS[kind]

    def cell(value: Any) -> Any:
        if value is None:
            return None
        if value.__class__ is str:
            if kind == TEXT:
                value = value.strip()
                if not value:
                    return None
                return value.replace("\x00", "") if "\x00" in value else value
            if not value.strip():
                return None
        return convert(value)

    return cell


# --- Values read back, as JSON and CSV show them ---------------------------------------------


def json_number(value: Any) -> Any:
    if isinstance(value, decimal.Decimal):
        if value == value.to_integral_value() and abs(value) < 10**18:
            return int(value)
        return float(value)
    return value


def reader(kind: str) -> Callable[[Any], Any]:
    """A function from what the database returns to the JSON value CKAN clients expect."""
    if kind == NUMERIC:
        return json_number
    if kind in (DATE, TIMESTAMP):

        def iso(value: Any) -> Any:
            if isinstance(value, dt.date):
                return value.isoformat()
            return value

        return iso
    if kind == BOOL:
        return lambda value: None if value is None else bool(value)
    return lambda value: value
