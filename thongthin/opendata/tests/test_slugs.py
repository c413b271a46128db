"""ASCII names for datasets titled in Thai (CKAN's `name`: 2–100 of [a-z0-9_-]): romanised, never
a constant fallback for a title that has something to romanise, never taken, never reserved."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thongthin.opendata.slugs import NAME_PATTERN, RESERVED, name_from_title

from . import factories as f


def free(_name: str) -> bool:
    return False


def is_ascii_name(name: str) -> bool:
    return bool(NAME_PATTERN.fullmatch(name)) and name.isascii() and name == name.lower()


def test_a_thai_title_is_romanised_not_replaced_by_a_fallback():
    name = name_from_title("งบประมาณรายจ่าย", taken=free)
    assert is_ascii_name(name)
    # RTGS: ง is "ng", รายจ่าย is "raichai". A fallback ("dataset", a random id) has neither.
    assert name.startswith("ng") and "raichai" in name
    others = {name_from_title(t, taken=free) for t in ("ข้อมูลสถิติประชากร", "คุณภาพน้ำประปา")}
    assert name not in others and len(others) == 2  # each title its own name


@pytest.mark.parametrize(
    ("title", "parts"),
    [
        ("ข้อมูล PM2.5 รายวัน ปี 2567", ["khomun", "pm25", "2567"]),
        ("ผลการเลือกตั้ง Smart City 2567", ["smart-city-2567"]),
        ("Budget งบประมาณ", ["budget-ng"]),
        ("งบประมาณ ๒๕๖๗", ["2567"]),  # Thai digits are digits
        ("งบประมาณ๒๕๖๗", ["2567"]),
    ],
)
def test_mixed_thai_english_and_digits_keep_every_part(title, parts):
    name = name_from_title(title, taken=free)
    assert is_ascii_name(name)
    assert all(part in name for part in parts), name


def test_a_title_of_thai_digits_only_is_its_number():
    assert name_from_title("๒๕๖๗", taken=free) == name_from_title("2567", taken=free) == "2567"


@pytest.mark.parametrize("title", ["", "   ", "!!!", "ๆ", "《》"])
def test_only_a_title_with_nothing_to_romanise_falls_back(title):
    assert name_from_title(title, taken=free) == "dataset"


@pytest.mark.parametrize("title", ["งบประมาณรายจ่าย" * 20, "budget " * 40, "ก" * 300])
def test_long_titles_give_names_of_at_most_100_characters(title):
    name = name_from_title(title, taken=free)
    assert is_ascii_name(name) and not name.endswith("-")
    # Taken: the suffix still fits.
    suffixed = name_from_title(title, taken=lambda n: n == name)
    assert is_ascii_name(suffixed) and len(suffixed) <= 100


def test_a_taken_name_gets_a_suffix_until_one_is_free():
    base = name_from_title("งบประมาณรายจ่าย", taken=free)
    asked: list[str] = []

    def taken(candidate: str) -> bool:
        asked.append(candidate)
        return len(asked) <= 3  # the base and the first two suffixed names are taken

    name = name_from_title("งบประมาณรายจ่าย", taken=taken)
    assert asked[0] == base and len(asked) == 4 and name == asked[-1]
    assert name.startswith(base + "-") and name != base and is_ascii_name(name)
    assert len(set(asked)) == 4


@pytest.mark.parametrize("reserved", sorted(RESERVED))
def test_reserved_words_are_never_names(reserved):
    name = name_from_title(reserved, taken=free)
    assert name != reserved and name.startswith(reserved + "-") and is_ascii_name(name)


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("งบประมาณรายจ่ายปีๆฯ๒๕ำ็่้๊๋์ 0123456789abcXYZ-_.!é《"))
        | st.characters(codec="utf-8"),
        max_size=150,
    )
)
def test_any_title_gives_a_valid_name(title):
    name = name_from_title(title, taken=free)
    assert is_ascii_name(name) and name not in RESERVED


# --- through the service and the API -----------------------------------------------------------


@pytest.mark.django_db
def test_package_create_names_a_thai_dataset_and_suffixes_the_second_one():
    org = f.lao_org("4500103")
    first = f.dataset(org, title="งบประมาณรายจ่าย")
    second = f.dataset(org, title="งบประมาณรายจ่าย")
    assert first.name == name_from_title("งบประมาณรายจ่าย", taken=free)
    assert first.name.startswith("ng") and "raichai" in first.name
    assert second.name.startswith(first.name + "-") and is_ascii_name(second.name)


@pytest.mark.django_db
def test_package_create_over_http_returns_the_romanised_name(client):
    org = f.lao_org("4500103")
    token = f.token_for(f.editor(org))
    response = client.post(
        "/api/3/action/package_create",
        json.dumps(f.package_data(org)),  # no name: made from "งบประมาณรายจ่ายประจำปี 2567"
        content_type="application/json",
        HTTP_AUTHORIZATION=token,
    )
    assert response.status_code == 200, response.content
    name = response.json()["result"]["name"]
    assert is_ascii_name(name) and name.startswith("ng") and "raichai" in name
    assert name.endswith("-2567")
