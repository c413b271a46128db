"""Composing LAO names and reading LAO-type words in what people type."""

from __future__ import annotations

from thongthin.core.text import search_key

from .models import DISPLAY_PREFIX, FULL_PREFIX, MUNICIPALITY_TYPES, LAOType

# The type values DLA's file uses, exactly.
DLA_TYPE_VALUES = {
    "อบจ.": LAOType.PAO,
    "เทศบาลนคร": LAOType.CITY_MUNICIPALITY,
    "เทศบาลเมือง": LAOType.TOWN_MUNICIPALITY,
    "เทศบาลตำบล": LAOType.SUBDISTRICT_MUNICIPALITY,
    "อบต.": LAOType.SAO,
    "ท้องถิ่นรูปแบบพิเศษ": LAOType.SPECIAL,
}

# Words people put in front of a name, longest first so that "เทศบาลเมือง" wins over "เทศบาล".
_TYPE_WORDS: list[tuple[str, frozenset[str]]] = sorted(
    [
        ("องค์การบริหารส่วนจังหวัด", frozenset({LAOType.PAO})),
        ("องค์การบริหารส่วนตำบล", frozenset({LAOType.SAO})),
        ("เทศบาลนคร", frozenset({LAOType.CITY_MUNICIPALITY})),
        ("เทศบาลเมือง", frozenset({LAOType.TOWN_MUNICIPALITY})),
        ("เทศบาลตำบล", frozenset({LAOType.SUBDISTRICT_MUNICIPALITY})),
        ("เทศบาล", frozenset(MUNICIPALITY_TYPES)),
        ("อบจ.", frozenset({LAOType.PAO})),
        ("อบจ", frozenset({LAOType.PAO})),
        ("อบต.", frozenset({LAOType.SAO})),
        ("อบต", frozenset({LAOType.SAO})),
        ("ทน.", frozenset({LAOType.CITY_MUNICIPALITY})),
        ("ทม.", frozenset({LAOType.TOWN_MUNICIPALITY})),
        ("ทต.", frozenset({LAOType.SUBDISTRICT_MUNICIPALITY})),
    ],
    key=lambda item: -len(item[0]),
)


def display_name(name_th: str, lao_type: str) -> str:
    return f"{DISPLAY_PREFIX[LAOType(lao_type)]}{name_th}"


def full_name(name_th: str, lao_type: str) -> str:
    return f"{FULL_PREFIX[LAOType(lao_type)]}{name_th}"


def split_type_prefix(text: str) -> tuple[frozenset[str], str]:
    """ "เทศบาลเมืองศิลา" -> ({town_municipality}, "ศิลา"); no prefix -> (empty set, text)."""
    key = search_key(text)
    for word, types in _TYPE_WORDS:
        if key.startswith(word):
            return types, key[len(word) :].strip()
    return frozenset(), key
