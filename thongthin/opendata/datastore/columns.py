"""Column names: from a file's header row to names that are safe and convenient in SQL and in
the API (`filters={"ปีงบประมาณ": "2567"}`, `sort=ปีงบประมาณ desc`).

A name keeps letters (Thai included), combining marks and digits; every other run of characters
becomes one underscore; leading underscores go (names starting with `_` are the system's, like
`_id`); it fits PostgreSQL's 63 bytes; an empty header becomes `column_<n>`; repeats (compared
case-insensitively, as SQLite does) get `_2`, `_3`...
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

MAX_BYTES = 63
_UNDERSCORES = re.compile(r"_+")


def _fit(name: str, limit: int = MAX_BYTES) -> str:
    data = name.encode("utf-8")
    if len(data) <= limit:
        return name
    return data[:limit].decode("utf-8", errors="ignore").rstrip("_")


def header_text(raw: Any) -> str:
    text = unicodedata.normalize("NFC", "" if raw is None else str(raw))
    return " ".join(text.replace("\ufeff", "").split())


def column_id(raw: Any, position: int) -> str:
    chars = []
    for ch in header_text(raw):
        category = unicodedata.category(ch)
        chars.append(ch if category[0] in "LMN" or ch == "_" else "_")
    name = _UNDERSCORES.sub("_", "".join(chars)).strip("_")
    name = _fit(name)
    return name or f"column_{position}"


def column_ids(headers: list[Any]) -> list[str]:
    """Sanitised, unique names for a header row, in order."""
    seen: set[str] = set()
    names = []
    for position, raw in enumerate(headers, start=1):
        base = column_id(raw, position)
        name = base
        n = 2
        while name.casefold() in seen:
            suffix = f"_{n}"
            name = _fit(base, MAX_BYTES - len(suffix)) + suffix
            n += 1
        seen.add(name.casefold())
        names.append(name)
    return names


def valid_id(name: Any) -> bool:
    """Whether a client-given column name may be used as it is (datastore_create)."""
    return (
        isinstance(name, str)
        and bool(name.strip())
        and name == name.strip()
        and not name.startswith("_")
        and '"' not in name
        and "\x00" not in name
        and len(name.encode("utf-8")) <= MAX_BYTES
        and all(unicodedata.category(ch)[0] != "C" for ch in name)
    )
