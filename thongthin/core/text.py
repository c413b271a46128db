"""Thai text: one normalizer and one tokenizer, used when we index and when we query.

Thai is written without spaces between words, so "แม่เหียะเชียงใหม่" has to be cut into words
(pythainlp's dictionary-based `newmm`) before we can match it word by word.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Zero-width and other invisible characters that people paste from Word, LINE and web pages.
INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"\s+")
# A Thai combining mark (vowel above/below, tone mark) typed twice in a row.
_DOUBLED_MARK = re.compile("([\u0e31\u0e34-\u0e3a\u0e47-\u0e4e])\\1+")
# Characters no search term needs: punctuation other than dots in abbreviations (อบต.), quotes.
_PUNCT = re.compile(r"[\"'`“”‘’()\[\]{}<>|\\^~*+=?!,;:/_#%&$@-]")


def normalize(text: str | None) -> str:
    """NFC, no invisible characters, no doubled Thai marks, single spaces, trimmed."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", str(text))
    text = INVISIBLE.sub("", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cc" or ch in "\t\n")
    text = _DOUBLED_MARK.sub(r"\1", text)
    # Sara am typed as nikhahit + sara aa (ํ + า) renders the same as ำ.
    text = text.replace("\u0e4d\u0e32", "\u0e33")
    return _SPACES.sub(" ", text).strip()


def search_key(text: str | None) -> str:
    """Lower-cased, normalized text for substring matching (the stored side of a search)."""
    return normalize(text).lower()


@lru_cache(maxsize=4096)
def _tokenize_chunk(chunk: str) -> tuple[str, ...]:
    from pythainlp.tokenize import word_tokenize

    return tuple(
        t for t in word_tokenize(chunk, engine="newmm", keep_whitespace=False) if t.strip()
    )


def tokenize(text: str | None) -> list[str]:
    """Words of a Thai/English/digit text, lower-cased. Thai runs are segmented."""
    cleaned = _PUNCT.sub(" ", search_key(text))
    words: list[str] = []
    for chunk in cleaned.split():
        if re.search("[\u0e00-\u0e7f]", chunk):
            words.extend(_tokenize_chunk(chunk))
        else:
            words.append(chunk)
    return [w for w in words if w not in {".", ""}]
