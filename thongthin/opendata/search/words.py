"""Words for the search index and for queries, both from the project's one Thai tokenizer
(`thongthin.core.text.tokenize`, pythainlp's newmm), so that both sides cut Thai the same way.

Two additions on top of the tokenizer:

- Thai digits become Arabic digits on both sides (2567 finds ๒๕๖๗ and the other way round).
- On the index side, a word that mixes letters and digits is also indexed in parts: "pm2.5" as
  "pm" and "2.5", so that "PM 2.5" (typed with a space) finds it as well as "PM2.5".

A query word becomes `Alternatives`: a Thai run typed without spaces is segmented, and its last
part may be an unfinished word ("สถิติประช" → สถิติ + ประช…), which segmentation cuts into
pieces (ประ, ช); so any tail of the segmented parts may be one unfinished word. Each alternative
is a list of terms that must all match, the last one by its beginning.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from thongthin.core.text import tokenize

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_NUMBER = re.compile(r"(\d+(?:\.\d+)*)")
_HAS_DIGIT = re.compile(r"\d")
MAX_WORD_CHARS = 100  # longer "words" (hashes, URLs glued together) are not indexed
MIN_PREFIX_CHARS = 2  # a single character matches a word exactly, not every word it begins
MAX_TAIL_PARTS = 3  # an unfinished Thai word is cut into at most this many parts

# (text, is_prefix): one term of a query.
Term = tuple[str, bool]
Alternative = tuple[Term, ...]
Alternatives = tuple[Alternative, ...]


def words(text: str | None) -> list[str]:
    """The words of a text, in order (repeats kept)."""
    return [w.translate(THAI_DIGITS) for w in tokenize(text) if len(w) <= MAX_WORD_CHARS]


def index_words(texts: Iterable[str | None], *, limit: int) -> list[str]:
    """Distinct words of some texts for one field of the index, with the parts of words that mix
    letters and digits; at most `limit` words."""
    seen: dict[str, None] = {}
    for text in texts:
        for word in words(text):
            seen.setdefault(word, None)
            if _HAS_DIGIT.search(word) and not _NUMBER.fullmatch(word):
                for part in _NUMBER.split(word):
                    part = part.strip(".")
                    if part:
                        seen.setdefault(part, None)
            if len(seen) >= limit:
                return list(seen)[:limit]
    return list(seen)


def joined(field_words: list[str]) -> str:
    """The stored form of a field: " w1 w2 w3 " (see SearchDocument)."""
    return f" {' '.join(field_words)} " if field_words else " "


def _term(text: str, prefix: bool) -> Term:
    return (text, prefix and len(text) >= MIN_PREFIX_CHARS)


def alternatives(text: str, *, phrase: bool = False) -> Alternatives:
    """What a query word (or a quoted phrase) may match. Empty when it has no words.

    A phrase matches whole words only. A word matches as typed or as a beginning; when it
    segments into several parts, the tail after each cut may also be an unfinished word.
    """
    parts = words(text)
    if not parts:
        return ()
    if phrase:
        return (tuple(_term(p, False) for p in parts),)
    if len(parts) == 1:
        return ((_term(parts[0], True),),)
    # A query of several space-separated words is several query words (see query.py); so the
    # parts here come from one run typed without spaces, and joining a tail gives back the text.
    found: list[Alternative] = []
    for cut in range(max(0, len(parts) - MAX_TAIL_PARTS), len(parts)):
        head = [_term(p, False) for p in parts[:cut]]
        tail = "".join(parts[cut:])
        alternative = (*head, _term(tail, True))
        if alternative not in found:
            found.append(alternative)
    return tuple(found)
