"""Thai search over the real 7,850 LAOs: a table of queries and the results people expect."""

import pytest

from thongthin.directory.models import LAO
from thongthin.directory.selectors import LAOFilters, lao_search, lao_type_counts

pytestmark = pytest.mark.django_db


def _codes(q: str, **kw) -> list[str]:
    return [hit.dla_code for hit in lao_search(LAOFilters(q=q, **kw))[:10]]


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("แม่เหียะ", "4500103"),  # partial: the bare name finds เทศบาลเมืองแม่เหียะ
        ("เทศบาลเมืองแม่เหียะ", "4500103"),
        ("เทศบาลเมืองศิลา", "4400115"),  # ศิลา of Khon Kaen, not อบต.ศิลา of Phetchabun
        ("ทม.ศิลา", "4400115"),
        ("อบต.ศิลา", "6670409"),
        ("อบต.ป่าสะแก", "6720210"),
        ("องค์การบริหารส่วนตำบลป่าสะแก", "6720210"),
        ("อบจ.เชียงใหม่", "2500101"),
        ("องค์การบริหารส่วนจังหวัดเชียงใหม่", "2500101"),
        ("เมืองพัทยา", "3200408"),
        ("พัทยา", "3200408"),
        ("กรุงเทพมหานคร", "1100000"),
        ("กทม.", "1100000"),
        ("bangkok", "1100000"),
        ("4500103", "4500103"),  # by DLA code
        ("แม่เหียะ\u200b", "4500103"),  # a zero-width space pasted from a web page
        ("  แม่เหียะ  ", "4500103"),
        ("แม่เหี", "4500103"),  # a prefix
    ],
)
def test_expected_first_result(query, first):
    assert _codes(query)[:1] == [first]


def test_words_typed_together_are_segmented():
    # "แม่เหียะเชียงใหม่" (name + province, no space) is cut into words that all must match.
    assert _codes("แม่เหียะเชียงใหม่")[:1] == ["4500103"]
    assert _codes("แม่เหียะ เชียงใหม่")[:1] == ["4500103"]


def test_type_word_alone_filters_by_type():
    codes = _codes("อบจ.")
    assert len(lao_search(LAOFilters(q="อบจ."))) == 76
    assert all(c.startswith("2") for c in codes)


def test_filters_by_province_district_and_type():
    assert len(lao_search(LAOFilters(province="50"))) == 211
    town = lao_search(LAOFilters(province="50", district="5001", lao_type="town_municipality"))
    assert [hit.dla_code for hit in town] == ["4500103"]
    in_kk = lao_search(LAOFilters(q="ศิลา", province="40"))
    assert in_kk
    assert set(
        LAO.objects.filter(pk__in=[h.pk for h in in_kk]).values_list("province__code", flat=True)
    ) == {"40"}


def test_type_counts_ignore_the_type_filter():
    counts = lao_type_counts(LAOFilters(province="50", lao_type="sao"))
    assert sum(counts.values()) == len(lao_search(LAOFilters(province="50")))
    assert counts["pao"] == 1


@pytest.mark.parametrize(
    "query",
    [
        "' OR 1=1 --",
        "%",
        "_",
        "\\",
        "<script>alert(1)</script>",
        "ก" * 5000,
        "🙂",
        "\x00",
        "a" * 300,
    ],
)
def test_odd_queries_return_safely(query):
    result = lao_search(LAOFilters(q=query))[:5]
    assert isinstance(result, list)
    if query in {"%", "_", "\\"}:
        # LIKE wildcards are escaped: they match nothing, not everything.
        assert result == []
