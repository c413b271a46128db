"""package_search over HTTP, as CKAN 2.10 clients call it (domain notes §1.2, §1.4, §1.5, §2.5):
parameters as GET strings, repeated keys or JSON; the result keys; the silent cap on `rows`; who
sees private datasets and drafts; and the errors CKAN answers (409 Validation Error for a bad
number, 409 Search Error for `{!` local parameters, 400 Search Query Error for what the query
language cannot read)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from thongthin.opendata import search
from thongthin.opendata.ckan.actions import get as get_actions
from thongthin.opendata.models import Dataset

from . import factories as f
from .test_ckan_api import call

pytestmark = pytest.mark.django_db

RESULT_KEYS = {"count", "facets", "results", "sort", "search_facets"}


@pytest.fixture
def org():
    return f.lao_org("4500103")


@pytest.fixture
def other_org():
    return f.lao_org("4400115")


@pytest.fixture
def member_token(org):
    return f.token_for(f.editor(org))


@pytest.fixture
def stranger_token(other_org):
    return f.token_for(f.editor(other_org))


@pytest.fixture
def tagged(org):
    """Three public datasets: ภาษี on all three, น้ำ and ถนน on one each."""
    return [
        f.dataset(org, name="tax-water", tags=[{"name": "ภาษี"}, {"name": "น้ำ"}]),
        f.dataset(org, name="tax-road", tags=[{"name": "ภาษี"}, {"name": "ถนน"}]),
        f.dataset(org, name="tax-only", tags=[{"name": "ภาษี"}]),
    ]


def search_get(client: Any, params: dict[str, Any], **kwargs: Any) -> tuple[int, Any]:
    return call(client, "package_search", params, method="get", **kwargs)


def names(body: Any) -> set[str]:
    return {d["name"] for d in body["result"]["results"]}


# --- the result ---------------------------------------------------------------------------------


def test_result_has_ckans_keys_and_search_facets(client, org, tagged):
    status, body = search_get(client, {"facet.field": '["tags", "organization"]'})
    assert status == 200, body
    result = body["result"]
    assert set(result) == RESULT_KEYS
    assert result["count"] == 3
    assert {d["name"] for d in result["results"]} == {d.name for d in tagged}
    assert {"id", "name", "resources", "tags", "organization"} <= set(result["results"][0])
    assert result["sort"] == "score desc, metadata_modified desc"  # CKAN's default sort
    assert result["facets"] == {
        "tags": {"ภาษี": 3, "น้ำ": 1, "ถนน": 1},
        "organization": {org.name: 3},
    }
    assert set(result["search_facets"]) == {"tags", "organization"}
    for field, facet in result["search_facets"].items():
        assert facet["title"] == field
        assert all(set(item) == {"name", "display_name", "count"} for item in facet["items"])
        # the same counts as `facets`, items sorted by display_name, reversed (CKAN's order)
        assert {i["name"]: i["count"] for i in facet["items"]} == result["facets"][field]
        shown = [i["display_name"] for i in facet["items"]]
        assert shown == sorted(shown, reverse=True)
    (org_item,) = result["search_facets"]["organization"]["items"]
    assert org_item == {"name": org.name, "display_name": org.title, "count": 3}


def test_no_facet_field_means_empty_facets(client, tagged):
    status, body = search_get(client, {})
    assert status == 200
    assert body["result"]["facets"] == {} and body["result"]["search_facets"] == {}
    assert body["result"]["count"] == 3


def test_a_given_sort_is_echoed(client, tagged):
    status, body = search_get(client, {"sort": "name asc"})
    assert status == 200 and body["result"]["sort"] == "name asc"
    assert [d["name"] for d in body["result"]["results"]] == ["tax-only", "tax-road", "tax-water"]


# --- rows and start -----------------------------------------------------------------------------


def test_huge_rows_is_capped_silently(client, org, monkeypatch):
    assert get_actions.ROWS_MAX == 1000  # CKAN's ckan.search.rows_max
    for n in range(4):
        f.dataset(org, name=f"row-{n}")
    # The cap is the module constant: lowered so that four datasets show it.
    monkeypatch.setattr(get_actions, "ROWS_MAX", 3)
    status, body = search_get(client, {"rows": "100000"})
    assert status == 200, body
    assert len(body["result"]["results"]) == 3 and body["result"]["count"] == 4
    status, body = call(client, "package_search", {"rows": 100000})  # JSON number, POST
    assert status == 200 and len(body["result"]["results"]) == 3
    assert len(search_get(client, {"rows": "2"})[1]["result"]["results"]) == 2
    status, body = search_get(client, {"rows": "0"})
    assert body["result"]["results"] == [] and body["result"]["count"] == 4


def test_default_rows_is_ten(client, org):
    for n in range(11):
        f.dataset(org, name=f"row-{n:02}")
    body = search_get(client, {})[1]
    assert len(body["result"]["results"]) == 10 and body["result"]["count"] == 11


@pytest.mark.parametrize(
    "params", [{"rows": "-1"}, {"rows": "many"}, {"start": "-1"}, {"start": "1.5"}]
)
def test_rows_and_start_must_be_natural_numbers(client, tagged, params):
    status, body = search_get(client, params)
    assert status == 409
    assert body["success"] is False
    assert body["error"]["__type"] == "Validation Error"
    assert set(params) <= set(body["error"])


def test_start_pages_through_the_sorted_results(client, tagged):
    pages = []
    for start in range(4):
        body = search_get(client, {"sort": "name asc", "rows": "1", "start": str(start)})[1]
        assert body["result"]["count"] == 3  # the whole match, not the page
        pages.append([d["name"] for d in body["result"]["results"]])
    assert pages == [["tax-only"], ["tax-road"], ["tax-water"], []]


# --- facets -------------------------------------------------------------------------------------


def test_facet_field_as_json_list_repeated_key_or_one_name(client, tagged):
    as_json = search_get(client, {"facet.field": '["tags","res_format"]'})[1]["result"]
    assert set(as_json["facets"]) == {"tags", "res_format"}
    # Django's test client sends a list as a repeated key: ?facet.field=tags&facet.field=...
    repeated = search_get(client, {"facet.field": ["tags", "organization"]})[1]["result"]
    assert set(repeated["facets"]) == {"tags", "organization"}
    assert repeated["facets"]["tags"] == as_json["facets"]["tags"] == {"ภาษี": 3, "น้ำ": 1, "ถนน": 1}
    posted = call(client, "package_search", {"facet.field": ["tags", "license_id"]})[1]["result"]
    assert set(posted["search_facets"]) == {"tags", "license_id"}
    one = search_get(client, {"facet.field": "tags"})[1]["result"]
    assert set(one["facets"]) == {"tags"}


def test_facet_limit_and_mincount_given_as_strings(client, tagged):
    def tags(**params: str) -> dict[str, int]:
        status, body = search_get(client, {"facet.field": '["tags"]', **params})
        assert status == 200, body
        items = body["result"]["search_facets"]["tags"]["items"]
        assert {i["name"]: i["count"] for i in items} == body["result"]["facets"]["tags"]
        return body["result"]["facets"]["tags"]

    assert tags() == {"ภาษี": 3, "น้ำ": 1, "ถนน": 1}
    assert tags(**{"facet.limit": "1"}) == {"ภาษี": 3}  # the most frequent first
    assert tags(**{"facet.limit": "-1"}) == {"ภาษี": 3, "น้ำ": 1, "ถนน": 1}  # negative: no limit
    assert tags(**{"facet.mincount": "2"}) == {"ภาษี": 3}
    status, body = search_get(client, {"facet.field": '["tags"]', "facet.limit": "ten"})
    assert status == 409 and "facet.limit" in body["error"]


def test_facet_false_returns_no_facets(client, tagged):
    status, body = search_get(client, {"facet": "false", "facet.field": '["tags"]'})
    assert status == 200
    assert body["result"]["facets"] == {} and body["result"]["search_facets"] == {}
    assert body["result"]["count"] == 3


# --- who sees what ------------------------------------------------------------------------------


@pytest.fixture
def mixed(org, other_org):
    f.dataset(org, name="open-one")
    f.dataset(org, name="secret-one", private=True)
    f.dataset(org, name="draft-one", state="draft")
    f.dataset(other_org, name="other-secret", private=True)


def test_include_private_shows_only_the_callers_organizations(
    client, org, other_org, mixed, member_token, stranger_token
):
    private = {"include_private": "true"}
    assert names(search_get(client, private)[1]) == {"open-one"}  # anonymous
    assert names(search_get(client, private, token=member_token)[1]) == {"open-one", "secret-one"}
    assert names(search_get(client, private, token=stranger_token)[1]) == {
        "open-one",
        "other-secret",
    }
    # Without include_private (CKAN's API default is false) even a member sees public ones only.
    assert names(search_get(client, {}, token=member_token)[1]) == {"open-one"}
    # Facet counts follow the same rule: the private dataset is not counted for others.
    counted = {"include_private": "true", "facet.field": '["organization"]'}

    def org_facet(token: str | None) -> dict[str, int]:
        return search_get(client, counted, token=token)[1]["result"]["facets"]["organization"]

    assert org_facet(None) == {org.name: 1}
    assert org_facet(member_token) == {org.name: 2}
    assert org_facet(stranger_token) == {org.name: 1, other_org.name: 1}


def test_include_drafts_shows_only_the_callers_organizations(
    client, mixed, member_token, stranger_token
):
    drafts = {"include_drafts": "true"}
    assert names(search_get(client, drafts)[1]) == {"open-one"}
    assert names(search_get(client, drafts, token=stranger_token)[1]) == {"open-one"}
    assert names(search_get(client, drafts, token=member_token)[1]) == {"open-one", "draft-one"}
    assert names(search_get(client, {}, token=member_token)[1]) == {"open-one"}
    both = {"include_drafts": "true", "include_private": "true"}
    assert names(search_get(client, both, token=member_token)[1]) == {
        "open-one",
        "secret-one",
        "draft-one",
    }


def test_include_deleted_is_for_sysadmins(client, org, member_token):
    gone = f.dataset(org, name="gone")
    Dataset.objects.filter(pk=gone.pk).update(state="deleted")
    search.index_dataset(gone.id)
    deleted = {"include_deleted": "true"}
    assert names(search_get(client, deleted)[1]) == set()
    assert names(search_get(client, deleted, token=member_token)[1]) == set()
    admin_token = f.token_for(f.platform_admin())
    assert names(search_get(client, deleted, token=admin_token)[1]) == {"gone"}


# --- errors -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "params",
    [
        {"q": "{!lucene}name:secret-one"},
        {"q": "งบ {!join from=owner_org to=id}private:true"},
        {"fq": "{!frange l=0}private"},
        {"fq_list": ["{!terms f=name}secret-one"]},
        {"q": ["งบ", "{!lucene}private:true"]},
    ],
)
def test_local_parameters_are_a_search_error(client, mixed, params):
    status, body = call(client, "package_search", params)
    assert status == 409, body
    assert body["success"] is False and "result" not in body
    assert body["error"]["__type"] == "Search Error"
    assert body["error"]["message"].startswith("Search error: ")


def test_local_parameters_over_get_are_a_search_error(client, mixed):
    status, body = search_get(client, {"fq": "{!lucene}capacity:private"})
    assert status == 409 and body["error"]["__type"] == "Search Error"


@pytest.mark.parametrize(
    "sort",
    [
        "name; DROP TABLE opendata_dataset",
        "name asc; DROP TABLE opendata_dataset",
        "(SELECT password FROM accounts_user) desc",
        "name sideways",
    ],
)
def test_sql_in_sort_is_a_search_query_error(client, tagged, sort):
    # CKAN answers a sort Solr cannot read with SearchQueryError('Invalid "sort" parameter'): 400.
    status, body = search_get(client, {"sort": sort})
    assert status == 400, body
    assert body["error"]["__type"] == "Search Query Error"
    assert body["error"]["message"].startswith("Search Query is invalid: ")
    assert Dataset.objects.count() == 3
    assert search_get(client, {})[1]["result"]["count"] == 3


def test_unknown_parameter_is_a_search_query_error(client, tagged):
    status, body = search_get(client, {"q": "ภาษี", "colour": "red"})
    assert status == 400
    assert body["error"]["__type"] == "Search Query Error"
    assert (
        body["error"]["message"] == "Search Query is invalid: Invalid search parameters: ['colour']"
    )
    # ext_* parameters are for plugins: accepted and ignored, as CKAN does.
    status, body = search_get(client, {"q": "ภาษี", "ext_bbox": "1,2,3,4"})
    assert status == 200 and body["result"]["count"] == 3


# --- cost ---------------------------------------------------------------------------------------


def test_queries_do_not_grow_with_the_page(client, org):
    def queries(rows: int) -> int:
        with CaptureQueriesContext(connection) as captured:
            status, body = search_get(client, {"rows": str(rows), "facet.field": '["tags"]'})
        assert status == 200 and len(body["result"]["results"]) == rows
        return len(captured)

    for n in range(6):
        f.dataset(org, name=f"cost-{n}", resources=[{"url": f"https://example.go.th/{n}.csv"}])
    assert queries(1) == queries(6)
