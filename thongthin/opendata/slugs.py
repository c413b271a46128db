"""ASCII names (CKAN's `name`: 2–100 of [a-z0-9_-]) for things titled in Thai: romanised with
pythainlp's Royal Institute system, then slugified; never empty, never taken."""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable

from django.utils.text import slugify

from thongthin.core.text import tokenize

NAME_PATTERN = re.compile(r"^[a-z0-9_\-]{2,100}$")
RESERVED = {"new", "edit", "search"}
# Thai digits (๐–๙) are digits: "งบประมาณ ๒๕๖๗" must keep its year, which the romaniser and
# slugify would both drop.
THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def romanize(text: str) -> str:
    """Thai words romanised one by one (the platform's tokenizer first, so that a title written
    without spaces becomes separate words: งบประมาณรายจ่าย → ngabapraman raichai)."""
    from pythainlp.transliterate import romanize as thai_romanize

    parts = []
    for word in tokenize(text.translate(THAI_DIGITS)):
        if re.search("[\u0e00-\u0e7f]", word):
            try:
                parts.append(thai_romanize(word, engine="royin"))
            except Exception:
                parts.append("")
        else:
            parts.append(word)
    return " ".join(p for p in parts if p)


def name_from_title(title: str, *, taken: Callable[[str], bool]) -> str:
    base = slugify(romanize(title))[:80].strip("-") or "dataset"
    if len(base) < 2:
        base = f"{base}-x"
    name = base
    while taken(name) or name in RESERVED:
        name = f"{base}-{secrets.token_hex(3)}"
    return name
