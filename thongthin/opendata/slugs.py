"""ASCII names (CKAN's `name`: 2–100 of [a-z0-9_-]) for things titled in Thai: romanised with
pythainlp's Royal Institute system, then slugified; never empty, never taken."""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable

from django.utils.text import slugify

NAME_PATTERN = re.compile(r"^[a-z0-9_\-]{2,100}$")
RESERVED = {"new", "edit", "search"}


def romanize(text: str) -> str:
    from pythainlp.transliterate import romanize as thai_romanize

    parts = []
    for chunk in re.split(r"(\s+)", text):
        if re.search("[\u0e00-\u0e7f]", chunk):
            try:
                parts.append(thai_romanize(chunk, engine="royin"))
            except Exception:
                parts.append("")
        else:
            parts.append(chunk)
    return "".join(parts)


def name_from_title(title: str, *, taken: Callable[[str], bool]) -> str:
    base = slugify(romanize(title))[:80].strip("-") or "dataset"
    if len(base) < 2:
        base = f"{base}-x"
    name = base
    while taken(name) or name in RESERVED:
        name = f"{base}-{secrets.token_hex(3)}"
    return name
