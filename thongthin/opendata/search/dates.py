"""Dates in search queries as Solr reads them: ISO 8601 moments (UTC when no zone), plain dates,
`*` for an open end of a range, and `NOW` date math (NOW, NOW-7DAYS, NOW/DAY, NOW-1YEAR/MONTH)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from thongthin.opendata.ckan.errors import SearchQueryError

_UNITS = ("YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND")
_MATH = re.compile(r"([+-]\d+|/)(YEAR|MONTH|DAY|HOUR|MINUTE|SECOND)S?")


def parse_date(field: str, text: str) -> dt.datetime | None:
    """An ISO 8601 moment (UTC when no zone), a date, `*` (open), or Solr's NOW date math
    (NOW, NOW-7DAYS, NOW/DAY, NOW-1YEAR/MONTH)."""
    if text == "*":
        return None
    try:
        if text.startswith("NOW"):
            return _date_math(text[3:])
        value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise SearchQueryError(f"invalid date {text[:60]!r} for {field}") from None
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _date_math(math: str) -> dt.datetime:
    moment = dt.datetime.now(dt.UTC)
    pos = 0
    while pos < len(math):
        match = _MATH.match(math, pos)
        if not match:
            raise ValueError(math)
        op, unit = match.groups()
        moment = _round(moment, unit) if op == "/" else _shift(moment, unit, int(op))
        pos = match.end()
    return moment


def _round(moment: dt.datetime, unit: str) -> dt.datetime:
    keep = _UNITS.index(unit)
    values: dict[str, Any] = {"microsecond": 0}
    for i, name in enumerate(("month", "day", "hour", "minute", "second"), start=1):
        if i > keep:
            values[name] = 1 if name in {"month", "day"} else 0
    return moment.replace(**values)


def _shift(moment: dt.datetime, unit: str, amount: int) -> dt.datetime:
    if unit in {"YEAR", "MONTH"}:
        months = moment.year * 12 + moment.month - 1 + (amount * 12 if unit == "YEAR" else amount)
        year, month = divmod(months, 12)
        day = min(moment.day, _month_days(year, month + 1))
        return moment.replace(year=year, month=month + 1, day=day)
    seconds = {"DAY": 86400, "HOUR": 3600, "MINUTE": 60, "SECOND": 1}[unit]
    return moment + dt.timedelta(seconds=seconds * amount)


def _month_days(year: int, month: int) -> int:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).day
