"""Thai-aware dataset search (CKAN's package_search without Solr) on the database backend: the
same tests run on SQLite (FTS5) and PostgreSQL (tsvector)."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections import Counter
from typing import Any

import pytest
from django.db import connection
from hypothesis import given, settings
from hypothesis import strategies as st

from thongthin.opendata import search
from thongthin.opendata.ckan.errors import SearchQueryError
from thongthin.opendata.metadata import RECORD, STATISTICAL
from thongthin.opendata.models import (
    Dataset,
    DatasetStats,
    Group,
    Organization,
    Resource,
    SearchDocument,
    SearchFacetCount,
    State,
    Tag,
)
from thongthin.opendata.search import SearchQuery, search_datasets
from thongthin.opendata.search import backend as backend_module
from thongthin.opendata.search.backend import SearchBackend
from thongthin.opendata.search.query import parse, parse_q

pytestmark = pytest.mark.django_db
FACETS = (
    "organization",
    "groups",
    "tags",
    "res_format",
    "license_id",
    "data_type",
    "data_category",
)
BASE = dt.datetime(2024, 6, 1, tzinfo=dt.UTC)


def _dataset(org: Organization, name: str, title: str, *, days: int = 0, notes: str = "",
             tags: tuple[str, ...] = (), groups: tuple[Group, ...] = (),
             resources: tuple[tuple[str, str], ...] = (), **fields: Any) -> Dataset:  # fmt: skip
    """A dataset `days` after BASE (newer when larger), with tags, groups and resources
    (name, format)."""
    when = BASE + dt.timedelta(days=days)
    fields.setdefault("license_id", "dga-ogl")
    fields.setdefault("data_type", STATISTICAL)
    fields.setdefault("data_category", "ข้อมูลสาธารณะ")
    dataset = Dataset.objects.create(
        owner_org=org, name=name, title=title, notes=notes, metadata_created=when,
        metadata_modified=when, **fields,
    )  # fmt: skip
    dataset.tags.set([Tag.objects.get_or_create(name=t)[0] for t in tags])
    dataset.groups.set(groups)
    for position, (res_name, fmt) in enumerate(resources):
        Resource.objects.create(dataset=dataset, name=res_name, format=fmt, position=position)
    return dataset


@pytest.fixture
def catalog() -> dict[str, Any]:
    """A small catalog: two organizations, public datasets for the relevance table, and one
    private, one draft and one deleted dataset."""
    a = Organization.objects.create(name="search-a", title="เทศบาลทดสอบค้นหา")
    b = Organization.objects.create(name="search-b", title="กรมทดสอบค้นหา")
    health = Group.objects.create(name="search-health", title="สาธารณสุข")
    d = {"a": a, "b": b}
    d["fish"] = _dataset(a, "fish", "กินข้าวกับปลา", days=1, tags=("อาหาร",),
                         resources=(("เมนู", "CSV"),))  # fmt: skip
    d["population"] = _dataset(
        a, "population-2566", "ข้อมูลสถิติประชากร ปี 2566", days=2,
        notes="จำนวนประชากรแยกตามเพศและอายุ", tags=("ประชากร", "สถิติ"),
        resources=(("ประชากรรายหมู่บ้าน", "CSV"), ("สรุป", "PDF")),
    )  # fmt: skip
    d["budget"] = _dataset(
        b, "budget-2567", "งบประมาณรายจ่ายประจำปี 2567", days=3, tags=("งบประมาณ",),
        resources=(("ข้อบัญญัติ", "XLSX"),), license_id="cc-by",
    )  # fmt: skip
    d["budget_old"] = _dataset(
        b, "budget-2566", "งบประมาณรายจ่ายประจำปี 2566", days=4, tags=("งบประมาณ",),
        resources=(("ข้อบัญญัติ", "XLSX"),),
    )  # fmt: skip
    d["pm25"] = _dataset(
        a, "pm25-daily", "ค่าฝุ่นละออง PM2.5 รายวัน", days=5, tags=("PM2.5", "คุณภาพอากาศ"),
        groups=(health,), resources=(("รายวัน", "JSON"),), data_type=RECORD,
    )  # fmt: skip
    d["english"] = _dataset(
        b, "population-census", "Population statistics by district", days=6,
        notes="From the population census.", tags=("population",),
        resources=(("census", "CSV"),), license_id="Open Data Common",
    )  # fmt: skip
    # One word (โรงเรียน) in a different field of each: title > tags > description > resources.
    # The newest comes last in the ranking: the score decides, not the date.
    d["rank_title"] = _dataset(a, "rank-title", "รายชื่อโรงเรียน", days=7)
    d["rank_tags"] = _dataset(a, "rank-tags", "ข้อมูลการศึกษา", days=8, tags=("โรงเรียน",))
    d["rank_notes"] = _dataset(a, "rank-notes", "ข้อมูลครู", days=9, notes="ครูในโรงเรียนสังกัด")
    d["rank_resources"] = _dataset(a, "rank-resources", "ข้อมูลนักเรียน", days=10,
                                   resources=(("รายชื่อโรงเรียน", "CSV"),))  # fmt: skip
    d["private"] = _dataset(b, "secret-budget", "งบประมาณลับเฉพาะ", days=11,
                            tags=("ลับเฉพาะ",), private=True)  # fmt: skip
    d["draft"] = _dataset(a, "draft-budget", "งบประมาณฉบับร่าง", days=12, tags=("ร่าง",),
                          state=State.DRAFT)  # fmt: skip
    d["deleted"] = _dataset(a, "deleted-budget", "งบประมาณที่ลบแล้ว", days=13, state=State.DELETED)
    search.index_datasets([x.id for x in d.values() if isinstance(x, Dataset)])
    return d


def _names(q: str = "", **kw: Any) -> list[str]:
    result = search_datasets(SearchQuery(q=q, rows=100, **kw))
    names = dict(Dataset.objects.filter(id__in=result.ids).values_list("id", "name"))
    assert result.count == len(result.ids)
    return [names[i] for i in result.ids]


# --- Relevance ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("q", "first"),
    [
        ("ปลา", "fish"),  # a word inside a Thai phrase written without spaces
        ("กินข้าวกับปลา", "fish"),
        ("ข้อมูลสถิติประชากร", "population-2566"),  # typed without spaces
        ("ข้อมูล สถิติ ประชากร", "population-2566"),  # and with
        ("สถิ", "population-2566"),  # the beginning of a word
        ("ประชา", "population-2566"),
        ("popul", "population-census"),
        ("Population", "population-census"),
        ("population census", "population-census"),
        ("งบประมาณ 2567", "budget-2567"),  # Thai and digits
        ("งบประมาณ ๒๕๖๗", "budget-2567"),  # Thai digits
        ("งบประมาณรายจ่ายประจำปี 2567", "budget-2567"),
        ("PM2.5", "pm25-daily"),
        ("pm2.5 รายวัน", "pm25-daily"),
        ("PM 2.5", "pm25-daily"),
        ("ฝุ่น", "pm25-daily"),
        ("สาธารณสุข", "pm25-daily"),  # a group's title
        ("เทศบาลทดสอบค้นหา กินข้าว", "fish"),  # the organization's title
        ("  ปลา\u200b ", "fish"),  # spaces and a zero-width space pasted from the web
    ],
)
def test_expected_first_result(catalog, q, first):
    assert _names(q)[:1] == [first]


def test_all_words_must_match(catalog):
    assert _names("งบประมาณ 2567") == ["budget-2567"]
    assert set(_names("งบประมาณ")) == {"budget-2567", "budget-2566"}
    assert _names("ปลา ประชากร") == []
    assert _names("ไม่มีคำนี้ในระบบ") == []


def test_title_ranks_above_tags_above_description_above_resources(catalog):
    assert _names("โรงเรียน") == ["rank-title", "rank-tags", "rank-notes", "rank-resources"]


def test_more_query_words_in_the_title_rank_higher(catalog):
    # ประชากร is in both population datasets' titles; สถิติ only in the Thai one's.
    assert _names("สถิติ ประชากร")[:1] == ["population-2566"]
    assert _names("population statistics")[:1] == ["population-census"]


@pytest.mark.parametrize("q", ["", "*:*", '""', "''", "   "])
def test_empty_query_is_everything_newest_first(catalog, q):
    names = _names(q)
    assert len(names) == 10
    assert names[0] == "rank-resources"  # the newest public active dataset
    assert {"secret-budget", "draft-budget", "deleted-budget"}.isdisjoint(names)


def test_quoted_words_and_exclusions_in_q(catalog):
    assert _names('"ข้อมูล สถิติ"') == ["population-2566"]
    assert "budget-2566" not in _names("งบประมาณ -2566")
    assert set(_names("ปลา OR ฝุ่น")) == {"fish", "pm25-daily"}
    assert _names("ข้อมูล (สถิติ") == ["population-2566"]  # unbalanced: just the words


def test_only_active_resources_are_indexed(catalog):
    resource = Resource.objects.get(dataset=catalog["fish"])
    resource.state = State.DELETED
    resource.save()
    search.index_dataset(catalog["fish"].id)
    assert _names("เมนู") == []
    assert _names("ปลา", fq="res_format:CSV") == []


# --- fq and fielded q ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fq", "expected"),
    [
        ("tags:งบประมาณ", {"budget-2567", "budget-2566"}),
        ('tags:"PM2.5"', {"pm25-daily"}),
        ("tags:งบ*", {"budget-2567", "budget-2566"}),
        ("organization:search-b", {"budget-2567", "budget-2566", "population-census"}),
        ("res_format:JSON", {"pm25-daily"}),
        ("res_format:(JSON OR PDF)", {"pm25-daily", "population-2566"}),
        ("res_format:JSON OR res_format:PDF", {"pm25-daily", "population-2566"}),
        ("organization:search-b AND -res_format:CSV", {"budget-2567", "budget-2566"}),
        ("organization:search-b NOT license_id:dga-ogl", {"budget-2567", "population-census"}),
        ("+organization:search-b +tags:งบประมาณ", {"budget-2567", "budget-2566"}),
        ("license_id:cc-by", {"budget-2567"}),
        ('license_id:"Open Data Common"', {"population-census"}),
        (f'data_type:"{RECORD}"', {"pm25-daily"}),
        ("groups:search-health", {"pm25-daily"}),
        ("name:fish", {"fish"}),
        ("capacity:public AND name:fish", {"fish"}),
        ("capacity:private", set()),
        (
            "metadata_modified:[2024-06-09T00:00:00Z TO *]",
            {"rank-tags", "rank-notes", "rank-resources"},
        ),
        ("metadata_modified:{2024-06-09T00:00:00Z TO *]", {"rank-notes", "rank-resources"}),
        ("metadata_created:[* TO 2024-06-02T00:00:00Z]", {"fish"}),
        ("metadata_modified:{2024-06-02T00:00:00Z TO 2024-06-04T00:00:00Z}", {"population-2566"}),
        ("tags:งบประมาณ AND 2567", {"budget-2567"}),  # a bare word searches the text
        ("(tags:อาหาร OR tags:population) AND organization:search-a", {"fish"}),
        ("title:ปลา", {"fish"}),
        ("notes:census", {"population-census"}),
        ("type:dataset AND dataset_type:dataset AND name:fish", {"fish"}),
        ("state:active AND name:fish", {"fish"}),
    ],
)
def test_fq(catalog, fq, expected):
    assert set(_names(fq=fq)) == expected


def test_fq_by_owner_org_and_id(catalog):
    assert set(_names(fq=f"owner_org:{catalog['a'].id} AND tags:ประชากร")) == {"population-2566"}
    assert _names(fq=f'id:"{catalog["fish"].id}"') == ["fish"]


def test_fq_list_and_q_combine(catalog):
    names = _names("งบประมาณ", fq="organization:search-b", fq_list=("tags:งบประมาณ", "2567"))
    assert names == ["budget-2567"]


def test_q_with_a_field_is_a_fielded_query(catalog):
    assert set(_names("tags:งบประมาณ")) == {"budget-2567", "budget-2566"}
    assert _names("tags:งบประมาณ 2567") == ["budget-2567"]


@pytest.mark.parametrize(
    "fq",
    [
        "nosuchfield:x",
        "tags:(งบประมาณ",
        'tags:"unclosed',
        "tags:",
        "metadata_modified:[yesterday TO *]",
        "metadata_modified:[2024-01-01 TO",
        "tags:[a TO b]",
        "{!lucene}tags:x",
        "tags:x)",
        "tags:x AND",
    ],
)
def test_fq_errors(catalog, fq):
    with pytest.raises(SearchQueryError) as error:
        search_datasets(SearchQuery(fq=fq))
    assert error.value.status == 400
    assert error.value.message.startswith("Search Query is invalid: ")


def test_unknown_field_in_q_is_an_error(catalog):
    with pytest.raises(SearchQueryError, match="unknown field 'foo'"):
        search_datasets(SearchQuery(q="foo:bar"))


def test_long_queries_are_bounded(catalog):
    # Hundreds of words rank by the first few and still answer; a huge query is refused.
    assert search_datasets(SearchQuery(q=" ".join(["ปลา"] * 300))).count == 1
    assert search_datasets(SearchQuery(q="(" + " ".join(["ปลา"] * 300))).count == 1
    with pytest.raises(SearchQueryError, match="longer than"):
        search_datasets(SearchQuery(q="ปลา " * 2000))
    with pytest.raises(SearchQueryError, match="more than 100 terms"):
        search_datasets(SearchQuery(fq=" OR ".join(["tags:x"] * 150)))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet='abcกขค:()"[]{}*+-!\\ ANDORNOT', max_size=40))
def test_parser_never_fails_otherwise(text):
    # Whatever a client sends, the parser answers with a tree or a SearchQueryError.
    for parser in (parse, parse_q):
        with contextlib.suppress(SearchQueryError):
            parser(text)


# --- Sort ---------------------------------------------------------------------------------------


def test_sorts(catalog):
    budget = {"fq": "tags:งบประมาณ OR tags:อาหาร"}
    assert _names(sort="name asc", **budget) == ["budget-2566", "budget-2567", "fish"]
    assert _names(sort="name desc", **budget) == ["fish", "budget-2567", "budget-2566"]
    assert _names(sort="metadata_modified desc", **budget) == ["budget-2566", "budget-2567", "fish"]
    assert _names(sort="metadata_created asc", **budget) == ["fish", "budget-2567", "budget-2566"]
    assert _names(sort="title_string asc", **budget) == ["fish", "budget-2566", "budget-2567"]


def test_sort_by_views(catalog):
    DatasetStats.objects.create(dataset=catalog["budget"], views_total=10, views_recent=1)
    DatasetStats.objects.create(dataset=catalog["fish"], views_total=5, views_recent=7)
    budget = {"fq": "tags:งบประมาณ OR tags:อาหาร"}
    assert _names(sort="views_total desc", **budget) == ["budget-2567", "fish", "budget-2566"]
    assert _names(sort="views_recent desc, name asc", **budget) == [
        "fish", "budget-2567", "budget-2566",
    ]  # fmt: skip


def test_default_sort_is_score_then_newest(catalog):
    result = search_datasets(SearchQuery(q="งบประมาณ"))
    assert result.sort == "score desc, metadata_modified desc"
    # Same score (the word in both titles): the newer first.
    assert _names("งบประมาณ") == ["budget-2566", "budget-2567"]
    assert search_datasets(SearchQuery(q="งบประมาณ", sort="rank")).ids == result.ids


@pytest.mark.parametrize(
    "sort",
    [
        "name; DROP TABLE opendata_dataset",
        "name asc; DROP TABLE opendata_dataset",
        "name",
        "name up",
        "title asc",
        "notes desc",
        "name asc,",
        "(SELECT 1) desc",
        "name asc, id desc",
    ],
)
def test_bad_sort_is_rejected(catalog, sort):
    with pytest.raises(SearchQueryError, match="invalid sort"):
        search_datasets(SearchQuery(sort=sort))
    assert Dataset.objects.filter(name="fish").exists()


# --- Facets -------------------------------------------------------------------------------------


def test_facets_count_the_whole_matching_set(catalog):
    result = search_datasets(SearchQuery(q="งบประมาณ", rows=1, facet_fields=FACETS))
    assert result.count == 2 and len(result.ids) == 1
    assert result.facets == {
        "organization": {"search-b": 2},
        "groups": {},
        "tags": {"งบประมาณ": 2},
        "res_format": {"XLSX": 2},
        "license_id": {"cc-by": 1, "dga-ogl": 1},
        "data_type": {STATISTICAL: 2},
        "data_category": {"ข้อมูลสาธารณะ": 2},
    }


def test_facets_order_limit_and_mincount(catalog):
    def facets(**kw: Any) -> dict[str, int]:
        return search_datasets(SearchQuery(facet_fields=("res_format",), **kw)).facets["res_format"]

    assert list(facets().items()) == [("CSV", 4), ("XLSX", 2), ("JSON", 1), ("PDF", 1)]
    assert facets(facet_limit=2) == {"CSV": 4, "XLSX": 2}
    assert facets(facet_limit=-1) == {"CSV": 4, "XLSX": 2, "JSON": 1, "PDF": 1}
    assert facets(facet_limit=0) == {}
    assert facets(facet_mincount=2) == {"CSV": 4, "XLSX": 2}
    assert facets(q="ปลา", facet_mincount=0) == {"CSV": 1, "JSON": 0, "PDF": 0, "XLSX": 0}


def test_unknown_facet_field_is_an_error(catalog):
    with pytest.raises(SearchQueryError, match="cannot facet on 'notes'"):
        search_datasets(SearchQuery(facet_fields=("notes",)))


def _brute_force_facets(names: list[str]) -> dict[str, Counter[str]]:
    counts: dict[str, Counter[str]] = {f: Counter() for f in FACETS}
    for d in Dataset.objects.filter(name__in=names).select_related("owner_org"):
        counts["organization"][d.owner_org.name] += 1
        counts["license_id"][d.license_id] += 1
        counts["data_type"][d.data_type] += 1
        counts["data_category"][d.data_category] += 1
        counts["tags"].update(t.name for t in d.tags.all())
        counts["groups"].update(g.name for g in d.groups.all())
        counts["res_format"].update(
            {r.format for r in d.resources.filter(state=State.ACTIVE) if r.format}
        )
    return counts


@pytest.mark.parametrize(
    ("q", "fq"),
    [
        ("", ""),  # everything: the kept counts
        ("ข้อมูล", ""),  # most of the catalog: everything minus what does not match
        ("ปลา", ""),  # a few: counted one by one
        ("ข้อมูล OR งบประมาณ OR ปลา OR ฝุ่น", ""),  # most, with words
        ("", "-tags:งบประมาณ"),
        ("", "organization:search-a"),
    ],
)
def test_facets_agree_with_counting_by_hand(catalog, q, fq):
    result = search_datasets(SearchQuery(q=q, fq=fq, rows=100, facet_fields=FACETS, facet_limit=-1))
    expected = _brute_force_facets(_names(q, fq=fq))
    assert {f: dict(c) for f, c in expected.items()} == result.facets


# --- Visibility ---------------------------------------------------------------------------------


def test_private_drafts_and_deleted_are_hidden_by_default(catalog):
    hidden = {"secret-budget", "draft-budget", "deleted-budget"}
    assert hidden.isdisjoint(_names("งบประมาณ"))
    assert hidden.isdisjoint(_names("งบประมาณ", include_private=True))  # no readable org
    everything = search_datasets(SearchQuery(facet_fields=("tags",), facet_limit=-1))
    assert "ลับเฉพาะ" not in everything.facets["tags"]
    assert everything.count == 10


def test_private_never_leaks_without_a_readable_organization(catalog):
    for kw in ({}, {"include_private": True}, {"include_private": True, "include_drafts": True}):
        query = SearchQuery(
            q="งบประมาณ ลับเฉพาะ", facet_fields=FACETS, readable_org_ids=frozenset(), **kw
        )
        assert search_datasets(query).count == 0
        query = SearchQuery(
            facet_fields=FACETS, facet_mincount=0, readable_org_ids=frozenset(), **kw
        )
        assert "ลับเฉพาะ" not in search_datasets(query).facets["tags"]


def test_private_with_a_readable_organization(catalog):
    b = frozenset({catalog["b"].id})
    assert "secret-budget" in _names("งบประมาณ", include_private=True, readable_org_ids=b)
    assert "secret-budget" in _names("งบประมาณ", include_private=True, readable_org_ids=None)
    a = frozenset({catalog["a"].id})
    assert "secret-budget" not in _names("งบประมาณ", include_private=True, readable_org_ids=a)
    assert "secret-budget" not in _names("งบประมาณ", readable_org_ids=None)
    result = search_datasets(
        SearchQuery(include_private=True, readable_org_ids=b, facet_fields=("tags",))
    )
    assert result.count == 11 and result.facets["tags"]["ลับเฉพาะ"] == 1
    assert set(_names(fq="capacity:private", include_private=True, readable_org_ids=b)) == {
        "secret-budget"
    }


def test_drafts_and_deleted_when_asked_for_and_readable(catalog):
    a = frozenset({catalog["a"].id})
    assert "draft-budget" in _names("งบประมาณ", include_drafts=True, readable_org_ids=a)
    assert "draft-budget" not in _names("งบประมาณ", include_drafts=True)
    assert "deleted-budget" not in _names("งบประมาณ", include_drafts=True, readable_org_ids=a)
    assert "deleted-budget" in _names("งบประมาณ", include_deleted=True, readable_org_ids=None)
    assert _names(fq="state:draft", include_drafts=True, readable_org_ids=None) == ["draft-budget"]


# --- Index upkeep -------------------------------------------------------------------------------


def test_reindex_after_a_change(catalog):
    fish = catalog["fish"]
    fish.title = "ผลผลิตกุ้งแม่น้ำ"
    fish.save()
    fish.tags.set([Tag.objects.get_or_create(name="กุ้ง")[0]])
    assert _names("ปลา") == ["fish"]  # not indexed yet
    search.index_dataset(fish.id)
    assert _names("ปลา") == []
    assert _names("กุ้ง") == ["fish"]
    tags = search_datasets(SearchQuery(facet_fields=("tags",), facet_limit=-1)).facets["tags"]
    assert tags["กุ้ง"] == 1 and "อาหาร" not in tags


def test_deleted_state_stays_indexed_for_include_deleted(catalog):
    fish = catalog["fish"]
    fish.state = State.DELETED
    fish.save()
    search.index_dataset(fish.id)
    assert _names("ปลา") == []
    assert _names("ปลา", include_deleted=True, readable_org_ids=None) == ["fish"]


def test_unindex_and_purge(catalog):
    search.unindex_dataset(catalog["fish"].id)
    assert _names("ปลา") == []
    assert search_datasets(SearchQuery(facet_fields=("tags",))).facets["tags"].get("อาหาร") is None
    pm25 = catalog["pm25"]
    pm25_id = pm25.id
    pm25.delete()  # purged: its document goes when the index is told, after the commit
    search.index_dataset(pm25_id)
    assert _names("ฝุ่น") == []
    assert not SearchDocument.objects.filter(dataset_id=pm25_id).exists()
    search.index_dataset(pm25_id)  # again: nothing to do, no error


def test_rebuild_gives_the_same_answers(catalog):
    before = {q: _names(q) for q in ("", "งบประมาณ", "โรงเรียน", "PM2.5")}
    counts = sorted(SearchFacetCount.objects.values_list("value_id", "state", "private", "total"))
    assert search.rebuild_index() == Dataset.objects.count()
    assert {q: _names(q) for q in before} == before
    after = sorted(SearchFacetCount.objects.values_list("value_id", "state", "private", "total"))
    assert len(after) == len(counts)


def test_kept_counts_match_a_recount(catalog):
    from thongthin.opendata.search.backend import get_backend

    fish = catalog["fish"]
    fish.private = True
    fish.save()
    search.index_dataset(fish.id)
    search.unindex_dataset(catalog["pm25"].id)

    def kept() -> list[tuple[Any, ...]]:
        return sorted(
            SearchFacetCount.objects.values_list(
                "value_id", "state", "private", "owner_org_id", "total"
            )
        )

    incremental = kept()
    get_backend().recount()  # type: ignore[attr-defined]
    assert kept() == incremental


def test_search_queries_are_few(catalog, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        search_datasets(SearchQuery(q="ข้อมูล", facet_fields=FACETS, rows=20))
    with django_assert_max_num_queries(3):
        search_datasets(SearchQuery(facet_fields=FACETS, rows=20))


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS table")
def test_sqlite_fts_trigger_exists():
    # A migration that re-creates opendata_searchdocument on SQLite drops this trigger.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
            ["opendata_searchdocument"],
        )
        assert [row[0] for row in cursor.fetchall()] == ["opendata_searchdocument_fts_delete"]


# --- Another backend, chosen by the settings ----------------------------------------------------


class RecordingBackend(SearchBackend):
    """A stand-in for an OpenSearch backend: answers what the test tells it and keeps the queries
    and index calls it got, so a test can tell that callers went through the setting."""

    def __init__(self) -> None:
        self.queries: list[SearchQuery] = []
        self.indexed: list[str] = []
        self.unindexed: list[str] = []
        self.rebuilt = 0
        self.answer = search.SearchResult(count=0, ids=[])

    def search(self, query: SearchQuery) -> search.SearchResult:
        self.queries.append(query)
        return self.answer

    def index_datasets(self, dataset_ids: Any) -> int:
        ids = list(dataset_ids)
        self.indexed += ids
        return len(ids)

    def unindex_datasets(self, dataset_ids: Any) -> None:
        self.unindexed += list(dataset_ids)

    def rebuild(self) -> int:
        self.rebuilt += 1
        return 0


@pytest.fixture
def recording_backend(settings) -> Any:
    # Backends are made once per dotted path and kept: start and end with a fresh cache.
    backend_module._backend.cache_clear()
    path = f"{RecordingBackend.__module__}.{RecordingBackend.__qualname__}"
    settings.THONGTHIN = {**settings.THONGTHIN, "SEARCH_BACKEND": path}
    backend = backend_module.get_backend()
    assert isinstance(backend, RecordingBackend)
    yield backend
    backend_module._backend.cache_clear()


@pytest.fixture
def published() -> Dataset:
    org = Organization.objects.create(name="search-swap", title="เทศบาลทดสอบสลับระบบค้นหา")
    return _dataset(org, "river", "ระดับน้ำในแม่น้ำปิง", tags=("น้ำ",))


def test_package_search_asks_the_backend_named_in_the_settings(
    client, recording_backend, published
):
    recording_backend.answer = search.SearchResult(
        count=4321, ids=[published.id], facets={"tags": {"น้ำ": 17}}
    )
    response = client.get(
        "/api/3/action/package_search",
        {"q": "ไม่มีในฐานข้อมูล", "fq": "tags:น้ำ", "rows": 5, "start": 10,
         "facet.field": '["tags"]'},
    )  # fmt: skip
    assert response.status_code == 200, response.content
    result = response.json()["result"]
    # The answer is the backend's (the database holds no such word and only one dataset),
    assert result["count"] == 4321
    assert [d["name"] for d in result["results"]] == ["river"]
    assert result["facets"] == {"tags": {"น้ำ": 17}}
    assert result["search_facets"]["tags"]["items"] == [
        {"name": "น้ำ", "display_name": "น้ำ", "count": 17}
    ]
    # and the backend got the request as parsed by the action.
    [query] = recording_backend.queries
    assert (query.q, query.rows, query.start) == ("ไม่มีในฐานข้อมูล", 5, 10)
    assert "tags:น้ำ" in (query.fq, *query.fq_list)
    assert query.facet_fields == ("tags",)
    assert not query.include_private and query.readable_org_ids == frozenset()


def test_the_search_page_asks_the_backend_named_in_the_settings(
    client, recording_backend, published
):
    from thongthin.opendata.presentation import FACETS as PAGE_FACETS

    recording_backend.answer = search.SearchResult(
        count=1, ids=[published.id], facets={"res_format": {"GeoJSON": 3}}
    )
    response = client.get("/dataset/", {"q": "ไม่มีในฐานข้อมูล", "res_format": "GeoJSON"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "ระดับน้ำในแม่น้ำปิง" in body and "GeoJSON (3)" in body
    [query] = recording_backend.queries
    assert query.q == "ไม่มีในฐานข้อมูล" and query.fq == 'res_format:"GeoJSON"'
    assert query.facet_fields == tuple(PAGE_FACETS)
    assert query.include_private and query.readable_org_ids == frozenset()  # anonymous


def test_indexing_goes_to_the_backend_named_in_the_settings(recording_backend, published):
    search.index_dataset(published.id)
    assert search.index_datasets([published.id, "other"]) == 2
    search.unindex_dataset(published.id)
    search.rebuild_index()
    assert recording_backend.indexed == [published.id, published.id, "other"]
    assert recording_backend.unindexed == [published.id]
    assert recording_backend.rebuilt == 1
    # The database backend's index was not touched.
    assert not SearchDocument.objects.filter(dataset_id=published.id).exists()


def test_a_setting_that_names_something_else_is_refused(settings):
    backend_module._backend.cache_clear()
    settings.THONGTHIN = {**settings.THONGTHIN, "SEARCH_BACKEND": "collections.OrderedDict"}
    try:
        with pytest.raises(TypeError, match="not a SearchBackend"):
            search_datasets(SearchQuery(q="น้ำ"))
    finally:
        backend_module._backend.cache_clear()
