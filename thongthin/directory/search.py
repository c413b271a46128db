"""The LAO search, in memory.

All 7,850 LAOs fit in a few megabytes, so each process keeps their search keys in a list and
answers a query without asking the database (one query then fetches the page's rows). The
index is rebuilt when the directory's version changes (core.versions: bumped by every write to
LAOs and to their published e-mails). Ranking, in order:

0. the bare name equals the query, of the type the query names (เทศบาลเมืองศิลา → ศิลา, town)
1. the bare name equals the query
2. the name starts with the query, of the named type · 3. the name starts with the query
4. the name contains the query, of the named type · 5. the name contains the query
6. of the named type (matched on district, province...) · 7. anything else that matched

then larger forms first (TYPE_ORDER), then the name, then the code. Sorting is by code point,
the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import threading
from bisect import bisect_right
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple

from thongthin.core import versions
from thongthin.core.text import search_key, tokenize

from .models import LAO, TYPE_ORDER, District, LAOStatus
from .models import Province as ProvinceModel
from .naming import split_type_prefix

VERSION = "directory"
MAX_QUERY_LENGTH = 200
_TYPE_RANK = {t.value: i for i, t in enumerate(TYPE_ORDER)}


class Entry(NamedTuple):
    pk: int
    dla_code: str
    lao_type: str
    name_th: str
    name_key: str
    search_key: str
    province_code: str
    province_name: str
    district_code: str
    active: bool
    card: Card


@dataclass(frozen=True)
class Province:
    code: str
    name_th: str
    name_en: str


@dataclass(frozen=True)
class Card:
    """What a result shows, kept in memory with the search keys: the API's record (JSON-ready,
    language-independent) and the attributes the result templates read."""

    dla_code: str
    display_name_th: str
    district_name_th: str
    province: Province
    official_email: str | None
    record: dict[str, Any]


@dataclass(frozen=True)
class Filters:
    q: str = ""
    province: str = ""  # 2-digit code
    district: str = ""  # 4-digit code
    lao_type: str = ""
    include_retired: bool = False


class Hit(NamedTuple):
    pk: int
    dla_code: str
    lao_type: str
    rank: int
    card: Card


class Index:
    def __init__(self, entries: list[Entry], version: int) -> None:
        self.version = version
        # The order of a listing without a query: province, larger forms first, name.
        self.entries = sorted(
            entries, key=lambda e: (e.province_name, _TYPE_RANK.get(e.lao_type, 9), e.name_th)
        )
        # Answers by question, for this version of the directory (a new version, a new index).
        self._answers: dict[tuple[Filters, bool], list[Hit]] = {}
        self.active = [e for e in self.entries if e.active]
        # Every search key in one string: str.find scans it in C, far faster than testing the
        # keys one by one in Python when few of them match.
        self._blob = "\x00".join(e.search_key for e in self.entries)
        self._starts: list[int] = []
        position = 0
        for e in self.entries:
            self._starts.append(position)
            position += len(e.search_key) + 1

    def containing(self, text: str, among: list[Entry]) -> list[Entry]:
        """The entries of `among` (in its order) whose search key contains `text`."""
        if among is not self.entries and among is not self.active:
            return [e for e in among if text in e.search_key]
        hits: list[int] = []
        find, starts, at, end = self._blob.find, self._starts, 0, len(self._blob)
        while (at := find(text, at)) >= 0:
            i = bisect_right(starts, at) - 1
            hits.append(i)
            at = starts[i + 1] if i + 1 < len(starts) else end
        entries = self.entries
        if among is self.entries:
            return [entries[i] for i in hits]
        return [entries[i] for i in hits if entries[i].active]

    def _candidates(self, filters: Filters, *, with_type: bool = True) -> list[Entry]:
        out = self.entries if filters.include_retired else self.active
        if filters.province:
            out = [e for e in out if e.province_code == filters.province]
        if filters.district:
            out = [e for e in out if e.district_code == filters.district]
        if with_type and filters.lao_type:
            out = [e for e in out if e.lao_type == filters.lao_type]
        return out

    def search(self, filters: Filters, *, with_type: bool = True) -> list[Hit]:
        """The hits, best first. Answers are kept (the popular questions come back) up to a
        bounded number; callers must not change the list they get."""
        key = (filters, with_type)
        hits = self._answers.get(key)
        if hits is None:
            if len(self._answers) >= 1024:
                self._answers.clear()
            hits = self._answers[key] = self._search(filters, with_type=with_type)
        return hits

    def _search(self, filters: Filters, *, with_type: bool) -> list[Hit]:
        candidates = self._candidates(filters, with_type=with_type)
        query = search_key(filters.q)[:MAX_QUERY_LENGTH]
        if not query:
            return [Hit(e.pk, e.dla_code, e.lao_type, 7, e.card) for e in candidates]
        types, rest = split_type_prefix(query)
        if types and not rest:
            hits = [e for e in candidates if e.lao_type in types]
            if len(types) > 1:  # one type is already in (province, name) order
                hits.sort(key=lambda e: (e.province_name, e.name_th))
            return [Hit(e.pk, e.dla_code, e.lao_type, 6, e.card) for e in hits]
        chunks = rest.split()
        for chunk in chunks:
            candidates = _matching(candidates, chunk, self)
        name = chunks[0] if len(chunks) > 1 else rest
        ranked = []
        for e in candidates:
            typed = bool(types) and e.lao_type in types
            if e.name_key == name:
                rank = 0 if typed or not types else 1
            elif e.name_key.startswith(name):
                rank = 2 if typed or not types else 3
            elif name in e.name_key:
                rank = 4 if typed or not types else 5
            else:
                rank = 6 if typed else 7
            ranked.append((rank, _TYPE_RANK.get(e.lao_type, 9), e.name_th, e.dla_code, e))
        ranked.sort(key=lambda r: r[:4])
        return [Hit(r[4].pk, r[4].dla_code, r[4].lao_type, r[0], r[4].card) for r in ranked]


def _matching(entries: list[Entry], chunk: str, index: Index) -> list[Entry]:
    """Entries whose search key contains the chunk. Only when none does is the chunk read as
    several Thai words typed together ("แม่เหียะเชียงใหม่") and matched word by word: the exact
    text first, the segmented reading as a fallback."""
    found = index.containing(chunk, entries)
    if found:
        return found
    words = tokenize(chunk)
    if len(words) < 2:
        return []
    for word in sorted(words, key=len, reverse=True):  # the longest word narrows most
        entries = index.containing(word, entries)
        if not entries:
            break
    return entries


_lock = threading.Lock()
_index: Index | None = None


def index() -> Index:
    """This process's index, rebuilt when the directory has changed."""
    global _index
    version = versions.current(VERSION)
    current = _index
    if current is not None and current.version == version:
        return current
    with _lock:
        if _index is None or _index.version != version:
            _index = Index(_load(), version)
        return _index


def _load() -> list[Entry]:
    from django.urls import reverse

    from thongthin.registry.models import EmailRegistration, RegistrationStatus

    official = dict(
        EmailRegistration.objects.filter(status=RegistrationStatus.APPROVED).values_list(
            "lao_id", "email"
        )
    )
    provinces = {p.pk: Province(p.code, p.name_th, p.name_en) for p in ProvinceModel.objects.all()}
    districts = {
        d.pk: {"code": d.code, "name_th": d.name_th, "name_en": d.name_en}
        for d in District.objects.all()
    }
    entries = []
    for lao in LAO.objects.all().iterator(chunk_size=2000):
        province = provinces[lao.province_id]
        district = districts.get(lao.district_id) if lao.district_id else None
        record = {
            "dla_code": lao.dla_code,
            "type": lao.lao_type,
            "name": lao.name_th,
            "display_name": lao.display_name_th,
            "full_name": lao.full_name_th,
            "province": {
                "code": province.code,
                "name_th": province.name_th,
                "name_en": province.name_en,
            },
            "district": district,
            "district_name": lao.district_name_th,
            "lat": _decimal(lao.lat),
            "lon": _decimal(lao.lon),
            "area_km2": _decimal(lao.area_km2),
            "address": lao.address,
            "phone": lao.phone,
            "website": lao.website,
            "official_email": official.get(lao.pk),
            "status": lao.status,
            "url": reverse("directory:detail", kwargs={"dla_code": lao.dla_code}),
        }
        card = Card(
            lao.dla_code,
            lao.display_name_th,
            lao.district_name_th,
            province,
            official.get(lao.pk),
            record,
        )
        entries.append(
            Entry(
                lao.pk,
                lao.dla_code,
                lao.lao_type,
                lao.name_th,
                lao.name_key,
                lao.search_key,
                province.code,
                province.name_th,
                district["code"] if district else "",
                lao.status == LAOStatus.ACTIVE,
                card,
            )
        )
    return entries


def _decimal(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


# Encoded API responses by question, for the index version they were made from.
_RESPONSES: dict[tuple, bytes] = {}
_RESPONSES_MAX = 2048


def cached_response(key: tuple) -> bytes | None:
    return _RESPONSES.get((index().version, *key))


def remember_response(key: tuple, body: bytes) -> bytes:
    if len(_RESPONSES) >= _RESPONSES_MAX:
        _RESPONSES.clear()  # simple and bounded: the popular questions come back at once
    _RESPONSES[(index().version, *key)] = body
    return body


def reset() -> None:
    global _index
    _index = None
    _RESPONSES.clear()
