from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thongthin.core.money import format_baht, to_baht
from thongthin.core.text import normalize, search_key, tokenize


def test_baht_has_separators_and_two_places():
    assert format_baht(Decimal("1234567.5")) == "1,234,567.50 บาท"
    assert format_baht(0, unit=False) == "0.00"


@pytest.mark.parametrize(
    ("text", "value"), [("1,234.5", "1234.50"), ("๑,๐๐๐", "1000.00"), ("12 บาท", "12.00")]
)
def test_to_baht_reads_typed_amounts(text, value):
    assert to_baht(text) == Decimal(value)


@pytest.mark.parametrize("text", ["abc", "", "NaN", "Infinity", "1.2.3"])
def test_to_baht_refuses_garbage(text):
    with pytest.raises(ValueError):
        to_baht(text)


@given(st.decimals(min_value=0, max_value=10**12, places=2))
def test_baht_round_trip(amount):
    assert to_baht(format_baht(amount, unit=False)) == amount


def test_normalize_strips_invisible_characters_and_doubled_marks():
    assert normalize("แม่\u200bเหียะ\ufeff") == "แม่เหียะ"
    assert normalize("แม่่เหียะ") == "แม่เหียะ"  # tone mark typed twice
    assert normalize("น\u0e4d\u0e32") == "นำ"  # nikhahit + sara aa is sara am
    assert normalize("  a \n b  ") == "a b"


def test_tokenize_segments_thai_without_spaces():
    assert tokenize("แม่เหียะเชียงใหม่") == ["แม่", "เหียะ", "เชียงใหม่"]
    assert "ปลา" in tokenize("กินข้าวกับปลา")
    assert tokenize("Open Data 2567") == ["open", "data", "2567"]


def test_search_key_is_lower_case_and_normalized():
    assert search_key(" Saraban@MAEHIA.go.th\u200b ") == "saraban@maehia.go.th"
