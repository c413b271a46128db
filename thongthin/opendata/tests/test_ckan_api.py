"""The CKAN Action API over HTTP: request parsing, envelope, errors and every action (success and
each error), as real clients see them (domain notes §1.2–§1.6, §2.5)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from dataclasses import replace
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from thongthin.core.models import AuditEvent
from thongthin.opendata import search
from thongthin.opendata.models import Dataset, Group, OrganizationMember, Resource, State

from . import factories as f

pytestmark = pytest.mark.django_db


def call(
    client: Any,
    name: str,
    data: Any = None,
    *,
    token: str | None = None,
    method: str = "post",
    path: str = "/api/3/action/",
    **extra: Any,
) -> tuple[int, Any]:
    headers = {"HTTP_AUTHORIZATION": token} if token else {}
    headers.update(extra)
    if method == "get":
        response = client.get(path + name, data or {}, **headers)
    else:
        body = data if isinstance(data, str | bytes) else json.dumps(data or {})
        response = client.post(path + name, body, content_type="application/json", **headers)
    return response.status_code, json.loads(response.content)


@pytest.fixture
def org():
    return f.lao_org("4500103")


@pytest.fixture
def publisher(org):
    user = f.editor(org)
    return user, f.token_for(user)


# --- the envelope and request parsing ---------------------------------------------------------


def test_success_envelope_has_help_url_and_json_content_type(client):
    response = client.get("/api/3/action/status_show")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json;charset=utf-8"
    body = response.json()
    assert body["success"] is True
    assert body["help"] == "http://testserver/api/3/action/help_show?name=status_show"
    assert body["result"]["ckan_version"].count(".") == 2


def test_unversioned_path_answers_the_same(client):
    assert (
        client.get("/api/action/license_list").json()["result"]
        == client.get("/api/3/action/license_list").json()["result"]
    )


def test_api_version_routes(client):
    assert client.get("/api/3").json() == {"version": 3}
    assert client.get("/api").json() == {"version": 1}
    assert client.get("/api/2/action/status_show").status_code == 404


def test_unknown_action_is_a_bare_string_400(client):
    status, body = call(client, "no_such_action")
    assert status == 400
    assert body == "Bad request: Action name not known: no_such_action"


def test_get_on_a_write_action_is_refused(client):
    status, body = call(client, "package_create", {"name": "x"}, method="get")
    assert status == 400
    assert (
        body == "Bad request: JSON Error: Invalid request. Please use POST method for your request"
    )


@pytest.mark.parametrize("raw", ["not json", "{bad", b"\xff\xfe"])
def test_body_that_is_not_json_is_a_bare_400(client, raw):
    status, body = call(client, "package_show", raw)
    assert status == 400
    assert body.startswith("Bad request: JSON Error:")


def test_json_that_is_not_an_object_is_refused(client):
    status, body = call(client, "package_show", "[1, 2]")
    assert status == 400
    assert "needs to be a dictionary" in body


def test_form_with_a_single_json_key_is_read_as_json(client, org):
    ds = f.dataset(org)
    response = client.post(
        "/api/3/action/package_show",
        data=json.dumps({"id": ds.name}) + "=",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.json()["result"]["id"] == ds.id


def test_form_fields_and_query_string_on_bodyless_post(client, org):
    ds = f.dataset(org)
    by_form = client.post("/api/action/package_show", {"id": ds.name})
    assert by_form.json()["result"]["name"] == ds.name
    # ckanr's ds_search: POST with everything in the query string and no body.
    by_query = client.post(
        f"/api/action/package_show?id={ds.name}", content_type="application/json"
    )
    assert by_query.json()["result"]["name"] == ds.name


def test_jsonp_wraps_the_answer_and_runs_anonymously(client, org, publisher):
    ds = f.dataset(org, private=True)
    _user, token = publisher
    response = client.get(
        "/api/3/action/package_show", {"id": ds.name, "callback": "cb"}, HTTP_AUTHORIZATION=token
    )
    assert response.status_code == 404  # anonymous: the private dataset is not there
    response = client.get("/api/3/action/status_show", {"callback": "my.cb"})
    assert response["Content-Type"] == "application/javascript;charset=utf-8"
    assert response.content.decode().startswith("my.cb({") and response.content.decode().endswith(
        "});"
    )
    bad = client.get("/api/3/action/status_show", {"callback": "<script>"})
    assert bad.status_code == 400


def test_cors_preflight(client):
    response = client.options("/api/3/action/package_create")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Authorization" in response["Access-Control-Allow-Headers"]


# --- error envelopes --------------------------------------------------------------------------


def test_an_unexpected_failure_is_a_500_in_ckans_envelope(client, monkeypatch, caplog):
    from thongthin.opendata.ckan import registry

    def broken(context: Any, data: Any) -> Any:
        raise RuntimeError("connection to db-secret-host refused")

    found = registry.get_action("status_show")
    assert found is not None
    monkeypatch.setitem(registry.actions(), "status_show", replace(found, func=broken))
    with caplog.at_level(logging.ERROR, logger="thongthin.opendata.ckan.dispatch"):
        response = client.get("/api/3/action/status_show")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json;charset=utf-8"
    assert response.json() == {
        "help": "http://testserver/api/3/action/help_show?name=status_show",
        "success": False,
        "error": {"__type": "Internal Server Error", "message": "Internal Server Error"},
    }
    assert "db-secret-host" not in response.content.decode()  # logged, not shown
    assert any(r.exc_info and "status_show" in r.getMessage() for r in caplog.records)


def test_search_errors_keep_ckans_types_and_message_prefixes(client):
    status, body = call(client, "package_search", {"q": "{!lucene}*:*"}, method="get")
    assert status == 409
    assert set(body) == {"help", "success", "error"} and body["success"] is False
    assert set(body["error"]) == {"__type", "message"}
    assert body["error"]["__type"] == "Search Error"
    assert body["error"]["message"].startswith("Search error: ")
    status, body = call(client, "package_search", {"fq": "name:(unclosed"}, method="get")
    assert status == 400
    assert body["error"]["__type"] == "Search Query Error"
    assert body["error"]["message"].startswith("Search Query is invalid: ")


# --- authentication ---------------------------------------------------------------------------


def test_token_in_authorization_or_x_ckan_api_key(client, org, publisher):
    _user, token = publisher
    status, _body = call(
        client, "package_create", f.package_data(org, name="by-authorization"), token=token
    )
    assert status == 200
    status, _body = call(
        client,
        "package_create",
        f.package_data(org, name="by-x-ckan-api-key"),
        HTTP_X_CKAN_API_KEY=token,
    )
    assert status == 200


def test_write_without_token_or_with_a_bad_one_is_an_authorization_error(client, org):
    for token in (None, "not-a-real-token"):
        status, body = call(client, "package_create", f.package_data(org), token=token)
        assert status == 403
        assert body["success"] is False
        assert body["error"]["__type"] == "Authorization Error"
        assert body["error"]["message"].startswith("Access denied")


def test_a_browser_session_never_writes(client, org, publisher):
    user, _token = publisher
    client.force_login(user)
    status, _body = call(client, "package_create", f.package_data(org))
    assert status == 403
    assert not Dataset.objects.exists()


def test_revoked_token_is_refused(client, org):
    from thongthin.opendata.services.tokens import api_token_create, api_token_revoke

    user = f.editor(org)
    token, raw = api_token_create(user=user, name="laptop")
    api_token_revoke(user=user, token=token)
    status, _body = call(client, "package_create", f.package_data(org), token=raw)
    assert status == 403


# --- read actions -----------------------------------------------------------------------------


PACKAGE_KEYS = {
    "author",
    "author_email",
    "creator_user_id",
    "extras",
    "groups",
    "id",
    "isopen",
    "license_id",
    "license_title",
    "license_url",
    "maintainer",
    "maintainer_email",
    "metadata_created",
    "metadata_modified",
    "name",
    "notes",
    "num_resources",
    "num_tags",
    "organization",
    "owner_org",
    "private",
    "relationships_as_object",
    "relationships_as_subject",
    "resources",
    "state",
    "tags",
    "title",
    "type",
    "url",
    "version",
}
RESOURCE_KEYS = {
    "cache_last_updated",
    "cache_url",
    "created",
    "description",
    "format",
    "hash",
    "id",
    "last_modified",
    "metadata_modified",
    "mimetype",
    "mimetype_inner",
    "name",
    "package_id",
    "position",
    "resource_type",
    "size",
    "state",
    "url",
    "url_type",
    "datastore_active",
}


def test_package_show_has_ckans_full_key_set_and_the_thai_fields(client, org):
    ds = f.dataset(org, resources=[{"url": "https://example.go.th/budget.csv", "name": "งบ"}])
    status, body = call(client, "package_show", {"id": ds.id}, method="get")
    assert status == 200
    result = body["result"]
    assert set(result) >= PACKAGE_KEYS
    assert set(result["organization"]) >= {
        "approval_status",
        "created",
        "description",
        "id",
        "image_url",
        "is_organization",
        "name",
        "state",
        "title",
        "type",
    }
    assert set(result["tags"][0]) == {"display_name", "id", "name", "state", "vocabulary_id"}
    assert set(result["resources"][0]) >= RESOURCE_KEYS
    assert result["resources"][0]["format"] == "CSV"  # guessed from the address
    assert result["data_type"] == "ข้อมูลสถิติ"
    assert result["objective"] == ["พันธกิจหน่วยงาน"]
    assert result["isopen"] is True
    assert result["metadata_created"].count("T") == 1 and "+" not in result["metadata_created"]


def test_package_show_by_name_and_name_or_id(client, org):
    ds = f.dataset(org)
    for params in ({"id": ds.name}, {"name_or_id": ds.name}):
        assert call(client, "package_show", params, method="get")[1]["result"]["id"] == ds.id


def test_package_show_not_found_and_missing_id(client):
    status, body = call(client, "package_show", {"id": "nope"}, method="get")
    assert status == 404
    assert body["error"] == {"__type": "Not Found Error", "message": body["error"]["message"]}
    assert body["error"]["message"].startswith("Not found")
    status, body = call(client, "package_show", {}, method="get")
    assert status == 409
    assert body["error"]["__type"] == "Validation Error" and "id" in body["error"]


def test_private_and_draft_datasets_do_not_leak_through_show(client, org, publisher):
    link = [{"url": "https://example.go.th/a.csv", "name": "A"}]
    private = f.dataset(org, private=True, name="private-one", resources=link)
    draft = f.dataset(org, state="draft", name="draft-one", resources=link)
    _user, token = publisher
    stranger = f.token_for(f.editor(f.lao_org("4400115")))
    for ds in (private, draft):
        rid = ds.resources.get().id
        for who in (None, stranger):
            assert call(client, "package_show", {"id": ds.name}, token=who, method="get")[0] == 404
            assert call(client, "resource_show", {"id": rid}, token=who, method="get")[0] == 404
        assert call(client, "package_show", {"id": ds.name}, token=token)[0] == 200
        status, body = call(client, "resource_show", {"id": rid}, token=token)
        assert status == 200 and body["result"]["id"] == rid


def test_package_list_is_public_active_names_sorted(client, org):
    f.dataset(org, name="b-dataset")
    f.dataset(org, name="a-dataset")
    f.dataset(org, name="c-private", private=True)
    f.dataset(org, name="d-draft", state="draft")
    assert call(client, "package_list", method="get")[1]["result"] == ["a-dataset", "b-dataset"]
    assert call(client, "package_list", {"limit": 1, "offset": 1}, method="get")[1]["result"] == [
        "b-dataset"
    ]
    status, body = call(client, "package_list", {"limit": "many"}, method="get")
    assert status == 409 and "limit" in body["error"]


def test_current_package_list_with_resources_is_public_newest_first(client, org, publisher):
    _user, token = publisher
    # Created in one order, modified in another: the list follows metadata_modified.
    ages = {"newest": 1, "oldest": 30, "middle": 10, "secret": 0, "draft": 0}
    for name, days in ages.items():
        ds = f.dataset(
            org,
            name=name,
            private=name == "secret",
            state="draft" if name == "draft" else "active",
            resources=[{"url": f"https://example.go.th/{name}.csv", "name": name}],
        )
        modified = timezone.now() - dt.timedelta(days=days)
        Dataset.objects.filter(pk=ds.pk).update(metadata_modified=modified)
        search.index_dataset(ds.id)

    def listed(params: dict[str, Any], who: str | None = None) -> list[str]:
        status, body = call(
            client, "current_package_list_with_resources", params, token=who, method="get"
        )
        assert status == 200, body
        return [p["name"] for p in body["result"]]

    assert listed({}) == ["newest", "middle", "oldest"]
    assert listed({}, token) == ["newest", "middle", "oldest"]  # public only, members too
    status, body = call(client, "current_package_list_with_resources", {"limit": 1})  # POST
    assert status == 200
    (package,) = body["result"]
    assert set(package) >= PACKAGE_KEYS and package["resources"][0]["name"] == "newest"
    assert listed({"limit": "2"}) == ["newest", "middle"]
    assert listed({"limit": "2", "offset": "1"}) == ["middle", "oldest"]
    assert listed({"limit": "1", "page": "2"}) == ["middle"]  # deprecated, still read
    assert listed({"limit": "1", "page": "3"}) == ["oldest"]
    assert listed({"limit": "1", "page": "4"}) == []
    assert listed({"limit": "1", "page": "3", "offset": "0"}) == ["newest"]  # offset wins


@pytest.mark.parametrize(
    "params", [{"limit": "many"}, {"limit": "-1"}, {"offset": "x"}, {"page": "0"}]
)
def test_current_package_list_with_resources_refuses_bad_numbers(client, params):
    status, body = call(client, "current_package_list_with_resources", params, method="get")
    assert status == 409
    assert body["error"]["__type"] == "Validation Error" and set(params) <= set(body["error"])


def test_resource_show(client, org):
    ds = f.dataset(org, resources=[{"url": "https://example.go.th/a.json", "name": "A"}])
    rid = ds.resources.get().id
    status, body = call(client, "resource_show", {"id": rid}, method="get")
    assert status == 200 and body["result"]["package_id"] == ds.id
    assert body["result"]["format"] == "JSON"
    assert call(client, "resource_show", {"id": "missing"}, method="get")[0] == 404


def test_organization_list_and_show(client, org):
    f.dataset(org)
    status, body = call(client, "organization_list", {"organizations": org.name}, method="get")
    assert body["result"] == [org.name]
    names = call(client, "organization_list", method="get")[1]["result"]
    assert len(names) == 1000  # capped as CKAN caps it
    rows = call(
        client, "organization_list", {"all_fields": "true", "sort": "package_count"}, method="get"
    )[1]["result"]
    assert len(rows) == 25 and rows[0]["name"] == org.name and rows[0]["package_count"] == 1
    shown = call(
        client, "organization_show", {"id": org.name, "include_datasets": "true"}, method="get"
    )[1]["result"]
    assert shown["id"] == org.id and shown["package_count"] == 1 and len(shown["packages"]) == 1
    assert {"key": "dla_code", "value": "4500103"} in shown["extras"]
    assert shown["users"] == []  # members are shown to the organization's administrators only
    assert call(client, "organization_show", {"id": "nope"}, method="get")[0] == 404
    status, body = call(client, "organization_list", {"sort": "name; drop table x"}, method="get")
    assert status == 409 and "sort" in body["error"]


def test_organization_list_search_finds_thai_titles(client):
    names = call(client, "organization_list", {"q": "แม่เหียะ"}, method="get")[1]["result"]
    assert names and all(n.startswith("lao-") for n in names)


def test_group_list_and_show(client, org):
    group = Group.objects.create(name="budget", title="งบประมาณ")
    f.dataset(org, groups=[{"name": "budget"}])
    assert call(client, "group_list", method="get")[1]["result"] == ["budget"]
    shown = call(client, "group_show", {"id": "budget", "include_datasets": True}, method="get")[1][
        "result"
    ]
    assert shown["id"] == group.id and shown["package_count"] == 1 and len(shown["packages"]) == 1
    assert call(client, "group_show", {"id": "nope"}, method="get")[0] == 404


def test_group_list_sorts_and_refuses_a_bad_sort(client, org):
    Group.objects.create(name="budget", title="งบประมาณ")
    Group.objects.create(name="water", title="การประปา")
    f.dataset(org, groups=[{"name": "water"}])
    assert call(client, "group_list", method="get")[1]["result"] == ["water", "budget"]  # title
    by_name = call(client, "group_list", {"sort": "name desc"}, method="get")[1]["result"]
    assert by_name == ["water", "budget"]
    by_count = call(client, "group_list", {"sort": "package_count"}, method="get")[1]["result"]
    assert by_count == ["water", "budget"]  # desc when no direction is given, as CKAN does
    for sort in ("name; DROP TABLE opendata_group", "description asc", "name sideways"):
        status, body = call(client, "group_list", {"sort": sort}, method="get")
        assert status == 409, sort
        assert body["error"]["__type"] == "Validation Error" and "sort" in body["error"]
    assert Group.objects.count() == 2


def test_groups_in_a_package_dict_have_ckans_key_set(client, org):
    Group.objects.create(name="budget", title="งบประมาณ", description="งบและการคลัง")
    ds = f.dataset(org, groups=[{"name": "budget"}])
    for action, params in (("package_show", {"id": ds.name}), ("package_search", {})):
        body = call(client, action, params, method="get")[1]["result"]
        package = body if action == "package_show" else body["results"][0]
        (group,) = package["groups"]
        assert set(group) == {
            "description",
            "display_name",
            "id",
            "image_display_url",
            "name",
            "title",
        }
        assert group["name"] == "budget" and group["display_name"] == "งบประมาณ"
        assert group["description"] == "งบและการคลัง"


def test_tag_list_keeps_thai_tags_with_vowel_marks(client, org):
    f.dataset(org, tags=[{"name": "สถิติ"}, {"name": "ข้อมูล"}, {"name": "PM2.5"}])
    tags = call(client, "tag_list", method="get")[1]["result"]
    assert {"สถิติ", "ข้อมูล", "PM2.5"} <= set(tags)
    assert call(client, "tag_list", {"query": "สถิ"}, method="get")[1]["result"] == ["สถิติ"]


def test_license_list_has_the_dga_licence(client):
    licences = {lic["id"]: lic for lic in call(client, "license_list", method="get")[1]["result"]}
    assert licences["dga-ogl"]["od_conformance"] == "approved"
    assert "Open Data Common" in licences and "cc-by" in licences


def test_help_show(client):
    status, body = call(client, "help_show", {"name": "package_search"}, method="get")
    assert status == 200 and "fq" in body["result"]
    assert call(client, "help_show", {"name": "nope"}, method="get")[0] == 404


def test_site_read(client):
    assert call(client, "site_read", method="get")[1]["result"] is True


# --- write actions ----------------------------------------------------------------------------


def test_package_create_returns_the_dict_and_audits(client, org, publisher):
    user, token = publisher
    status, body = call(client, "package_create", f.package_data(org), token=token)
    assert status == 200, body
    result = body["result"]
    # romanised word by word from the Thai title "งบประมาณรายจ่ายประจำปี 2567"
    assert result["name"] == "ngabapraman-raichai-prachampi-2567"
    assert all(c in "abcdefghijklmnopqrstuvwxyz0123456789-_" for c in result["name"])
    assert result["creator_user_id"] == str(user.pk)
    event = AuditEvent.objects.get(action="opendata.dataset.created")
    assert event.actor == user and event.after["title"] == "งบประมาณรายจ่ายประจำปี 2567"


def test_package_create_collects_every_validation_error(client, org, publisher):
    _user, token = publisher
    data = f.package_data(
        org,
        name="Bad Name!",
        maintainer_email="not-an-email",
        data_type="x",
        tags=[{"name": "<script>"}],
        objective=["?"],
    )
    del data["notes"]
    status, body = call(client, "package_create", data, token=token)
    assert status == 409
    error = body["error"]
    assert error["__type"] == "Validation Error"
    assert {"name", "maintainer_email", "data_type", "tags", "objective", "notes"} <= set(error)
    assert not Dataset.objects.exists()


def test_package_create_requires_the_thai_metadata_but_a_draft_need_not(client, org, publisher):
    _user, token = publisher
    bare = {"name": "bare", "title": "ชุดข้อมูลเปล่า", "owner_org": org.id}
    status, body = call(client, "package_create", bare, token=token)
    assert status == 409
    assert {"data_type", "objective", "geo_coverage", "data_category", "maintainer", "tags"} <= set(
        body["error"]
    )
    status, body = call(client, "package_create", {**bare, "state": "draft"}, token=token)
    assert status == 200 and body["result"]["state"] == "draft"


def test_package_create_name_taken(client, org, publisher):
    _user, token = publisher
    f.dataset(org, name="taken")
    status, body = call(client, "package_create", f.package_data(org, name="taken"), token=token)
    assert status == 409 and "name" in body["error"]


def test_package_create_in_someone_elses_organization_is_refused(client, org, publisher):
    _user, token = publisher
    other = f.lao_org("4400115")
    status, body = call(client, "package_create", f.package_data(other), token=token)
    assert status == 403
    status, body = call(
        client, "package_create", f.package_data(org, owner_org="nope"), token=token
    )
    assert status == 409 and "owner_org" in body["error"]


def test_lao_staff_publish_for_their_lao_without_being_added(client):
    from thongthin.accounts.models import LAORole
    from thongthin.directory.models import LAO

    lao = LAO.objects.get(dla_code="4500103")
    officer = f.member(lao, LAORole.OFFICER)
    status, _body = call(
        client, "package_create", f.package_data(f.lao_org("4500103")), token=f.token_for(officer)
    )
    assert status == 200


def test_package_update_replaces_and_patch_changes_only_given_keys(client, org, publisher):
    _user, token = publisher
    created = call(
        client,
        "package_create",
        f.package_data(
            org,
            name="budget",
            resources=[
                {"url": "https://example.go.th/a.csv"},
                {"url": "https://example.go.th/b.csv"},
            ],
        ),
        token=token,
    )[1]["result"]
    shown = call(client, "package_show", {"id": "budget"}, token=token)[1]["result"]
    shown["title"] = "งบประมาณ (ปรับปรุง)"
    shown["resources"] = shown["resources"][:1]
    status, body = call(client, "package_update", shown, token=token)
    assert status == 200, body
    assert body["result"]["title"] == "งบประมาณ (ปรับปรุง)"
    assert [r["id"] for r in body["result"]["resources"]] == [created["resources"][0]["id"]]
    status, body = call(
        client, "package_patch", {"id": "budget", "notes": "คำอธิบายใหม่"}, token=token
    )
    assert status == 200
    assert (
        body["result"]["notes"] == "คำอธิบายใหม่" and body["result"]["title"] == "งบประมาณ (ปรับปรุง)"
    )
    assert body["result"]["num_resources"] == 1
    status, body = call(client, "package_patch", {"id": "budget", "private": "maybe"}, token=token)
    assert status == 409 and "private" in body["error"]
    assert call(client, "package_patch", {"id": "nope", "notes": "x"}, token=token)[0] == 404
    assert AuditEvent.objects.filter(action="opendata.dataset.updated").count() == 2


def test_package_update_errors(client, org, publisher):
    _user, token = publisher
    public = f.dataset(org, name="public-one")
    private = f.dataset(org, name="private-one", private=True)
    shown = call(client, "package_show", {"id": "public-one"}, token=token)[1]["result"]
    status, body = call(
        client,
        "package_update",
        {**shown, "title": "ชื่อใหม่", "maintainer_email": "not-an-email", "data_type": "x"},
        token=token,
    )
    assert status == 409
    assert body["error"]["__type"] == "Validation Error"
    assert {"maintainer_email", "data_type"} <= set(body["error"])
    no_id = {k: v for k, v in shown.items() if k not in ("id", "name")}
    status, body = call(client, "package_update", no_id, token=token)
    assert status == 409 and "id" in body["error"]
    status, body = call(
        client, "package_update", {**shown, "id": "no-such", "name": "no-such"}, token=token
    )
    assert status == 404 and body["error"]["__type"] == "Not Found Error"
    assert body["error"]["message"].startswith("Not found")
    # Another organization's editor: a public dataset exists for them, so CKAN's 403 ...
    stranger = f.token_for(f.editor(f.lao_org("4400115")))
    for action in ("package_update", "package_patch"):
        status, body = call(client, action, {**shown, "title": "ของคนอื่น"}, token=stranger)
        assert status == 403, action
        assert body["error"]["__type"] == "Authorization Error"
        assert body["error"]["message"].startswith("Access denied")
    # ... but a private one is not there for them at all, as package_show answers.
    hidden = call(client, "package_show", {"id": "private-one"}, token=token)[1]["result"]
    status, body = call(client, "package_update", {**hidden, "title": "x"}, token=stranger)
    assert status == 404 and body["error"]["__type"] == "Not Found Error"
    assert call(client, "package_update", {**shown, "title": "ไม่มีโทเค็น"})[0] == 403
    assert Dataset.objects.get(pk=public.pk).title == public.title
    assert Dataset.objects.get(pk=private.pk).title == private.title
    assert not AuditEvent.objects.filter(action="opendata.dataset.updated").exists()


def test_resource_update_errors(client, org, publisher):
    _user, token = publisher
    link = "https://example.go.th/a.csv"
    rid = f.dataset(org, resources=[{"url": link, "name": "A"}]).resources.get().id
    hidden = f.dataset(org, name="hidden", private=True, resources=[{"url": link}])
    hidden_rid = hidden.resources.get().id
    new_url = "https://example.go.th/b.csv"
    status, body = call(
        client, "resource_update", {"id": rid, "url": "javascript:alert(1)"}, token=token
    )
    assert (
        status == 409 and body["error"]["__type"] == "Validation Error" and "url" in body["error"]
    )
    status, body = call(client, "resource_update", {"id": rid, "name": "ไม่มีที่อยู่"}, token=token)
    assert status == 409 and "url" in body["error"]  # neither a file nor an address
    status, body = call(client, "resource_update", {"url": new_url}, token=token)
    assert status == 409 and "id" in body["error"]
    status, body = call(client, "resource_update", {"id": "no-such", "url": new_url}, token=token)
    assert status == 404 and body["error"]["__type"] == "Not Found Error"
    stranger = f.token_for(f.editor(f.lao_org("4400115")))
    for action in ("resource_update", "resource_patch"):
        status, body = call(client, action, {"id": rid, "url": new_url}, token=stranger)
        assert status == 403 and body["error"]["__type"] == "Authorization Error", action
        status, body = call(client, action, {"id": hidden_rid, "url": new_url}, token=stranger)
        assert status == 404 and body["error"]["__type"] == "Not Found Error", action
    assert call(client, "resource_update", {"id": rid, "url": new_url})[0] == 403
    assert {r.url for r in Resource.objects.all()} == {link}
    assert not AuditEvent.objects.filter(action="opendata.resource.updated").exists()


def test_package_delete_hides_the_dataset_and_update_restores_it(client, org, publisher):
    _user, token = publisher
    f.dataset(org, name="to-delete")
    status, body = call(client, "package_delete", {"id": "to-delete"}, token=token)
    assert status == 200 and body["result"] is None
    assert Dataset.objects.get(name="to-delete").state == State.DELETED
    assert call(client, "package_show", {"id": "to-delete"}, method="get")[0] == 404
    assert "to-delete" not in call(client, "package_list", method="get")[1]["result"]
    stranger = f.token_for(f.editor(f.lao_org("4400115")))
    assert call(client, "package_delete", {"id": "to-delete"}, token=stranger)[0] == 404
    assert call(client, "package_show", {"id": "to-delete"}, token=stranger, method="get")[0] == 404
    assert call(client, "package_delete", {}, token=token)[0] == 409
    # The organization's editor still sees it, and a package_update restores it
    status, body = call(client, "package_show", {"id": "to-delete"}, token=token, method="get")
    assert status == 200 and body["result"]["state"] == "deleted"
    deleted = body["result"]
    assert call(client, "package_update", deleted, token=stranger)[0] == 404
    status, body = call(client, "package_update", {**deleted, "title": "ยังลบอยู่"}, token=token)
    assert status == 200 and body["result"]["state"] == "deleted"
    status, body = call(client, "package_update", {**deleted, "state": "active"}, token=token)
    assert status == 200 and body["result"]["state"] == "active", body
    assert call(client, "package_show", {"id": "to-delete"}, method="get")[0] == 200
    assert "to-delete" in call(client, "package_list", method="get")[1]["result"]


def test_resource_create_with_a_multipart_upload(client, org, publisher):
    _user, token = publisher
    ds = f.dataset(org)
    response = client.post(
        "/api/action/resource_create",
        {"package_id": ds.id, "name": "งบประมาณ", "upload": f.csv_file()},
        HTTP_AUTHORIZATION=token,
    )
    assert response.status_code == 200, response.content
    result = response.json()["result"]
    assert result["url_type"] == "upload" and result["format"] == "CSV" and result["size"] == 21
    assert result["url"].startswith(
        f"http://testserver/dataset/{ds.id}/resource/{result['id']}/download/"
    )
    download = client.get(result["url"].removeprefix("http://testserver"))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"year,amount\n2567,100\n"
    assert download["X-Content-Type-Options"] == "nosniff"


def test_resource_create_errors(client, org, publisher):
    _user, token = publisher
    ds = f.dataset(org)
    status, body = call(client, "resource_create", {"package_id": ds.id}, token=token)
    assert status == 409 and "url" in body["error"]
    status, body = call(
        client, "resource_create", {"package_id": ds.id, "url": "javascript:alert(1)"}, token=token
    )
    assert status == 409 and "url" in body["error"]
    assert (
        call(
            client,
            "resource_create",
            {"package_id": "nope", "url": "https://x.go.th/a"},
            token=token,
        )[0]
        == 404
    )
    assert (
        call(client, "resource_create", {"package_id": ds.id, "url": "https://x.go.th/a"})[0] == 403
    )


def test_resource_update_patch_and_delete(client, org, publisher):
    _user, token = publisher
    ds = f.dataset(org, resources=[{"url": "https://example.go.th/a.csv", "name": "A"}])
    rid = ds.resources.get().id
    status, body = call(
        client, "resource_patch", {"id": rid, "description": "คำอธิบาย"}, token=token
    )
    assert (
        status == 200
        and body["result"]["name"] == "A"
        and body["result"]["description"] == "คำอธิบาย"
    )
    status, body = call(
        client, "resource_update", {"id": rid, "url": "https://example.go.th/b.xlsx"}, token=token
    )
    assert status == 200 and body["result"]["name"] == "" and body["result"]["format"] == "XLSX"
    response = client.post(
        "/api/action/resource_patch",
        {"id": rid, "upload": f.csv_file("new.csv")},
        HTTP_AUTHORIZATION=token,
    )
    assert response.json()["result"]["url_type"] == "upload"

    assert call(client, "resource_delete", {"id": rid}, token=token)[0] == 200
    assert Resource.objects.get(pk=rid).state == State.DELETED
    assert call(client, "resource_show", {"id": rid}, method="get")[0] == 404
    assert call(client, "resource_delete", {"id": rid}, token=token)[0] == 404


def test_a_new_file_brings_its_own_hash_size_and_type(client, org, publisher):
    _user, token = publisher
    ds = f.dataset(org)
    first = client.post(
        "/api/action/resource_create",
        {"package_id": ds.id, "name": "ตาราง", "upload": f.csv_file()},
        HTTP_AUTHORIZATION=token,
    ).json()["result"]
    assert first["hash"] == "sha256:" + hashlib.sha256(b"year,amount\n2567,100\n").hexdigest()
    # A client sends the old resource dict back with a new file (what ckanapi does)
    replaced = client.post(
        "/api/action/resource_update",
        {
            **{k: v for k, v in first.items() if isinstance(v, str)},
            "upload": SimpleUploadedFile("table.xlsx", b"PK\x03\x04 not really a workbook"),
        },
        HTTP_AUTHORIZATION=token,
    ).json()["result"]
    body = b"PK\x03\x04 not really a workbook"
    assert replaced["hash"] == "sha256:" + hashlib.sha256(body).hexdigest()
    assert replaced["size"] == len(body)
    assert (
        replaced["mimetype"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert replaced["format"] == "CSV"  # the format the request named
    patched = client.post(
        "/api/action/resource_patch",
        {"id": first["id"], "upload": SimpleUploadedFile("table.xlsx", body)},
        HTTP_AUTHORIZATION=token,
    ).json()["result"]
    assert patched["format"] == "XLSX"  # the request named none: from the new file


def test_organization_create_is_for_sysadmins(client, publisher):
    _user, token = publisher
    status, _body = call(client, "organization_create", {"name": "nso-region"}, token=token)
    assert status == 403
    admin_token = f.token_for(f.platform_admin())
    status, body = call(
        client,
        "organization_create",
        {"name": "nso-region", "title": "สสช. ภาค"},
        token=admin_token,
    )
    assert status == 200 and body["result"]["title"] == "สสช. ภาค"
    status, body = call(client, "organization_create", {"name": "nso-region"}, token=admin_token)
    assert status == 409 and "name" in body["error"]
    status, body = call(client, "organization_create", {"name": "ไทย"}, token=admin_token)
    assert status == 409


def test_organization_member_create(client, org):
    admin = f.editor(org, capacity="admin")
    token = f.token_for(admin)
    newcomer = f.UserFactory(email="newcomer@example.com")
    status, body = call(
        client,
        "organization_member_create",
        {"id": org.name, "username": "newcomer@example.com", "role": "editor"},
        token=token,
    )
    assert status == 200 and body["result"]["capacity"] == "editor"
    assert OrganizationMember.objects.get(user=newcomer).capacity == "editor"
    status, body = call(
        client,
        "organization_member_create",
        {"id": org.name, "username": "newcomer@example.com", "role": "owner"},
        token=token,
    )
    assert status == 409 and "role" in body["error"]
    assert (
        call(
            client,
            "organization_member_create",
            {"id": org.name, "username": "ghost@example.com", "role": "editor"},
            token=token,
        )[0]
        == 404
    )
    editor_token = f.token_for(newcomer)
    assert (
        call(
            client,
            "organization_member_create",
            {"id": org.name, "username": "newcomer@example.com", "role": "admin"},
            token=editor_token,
        )[0]
        == 403
    )


def test_deleting_a_resource_drops_its_datastore_table(
    client, org, publisher, django_capture_on_commit_callbacks
):
    from thongthin.opendata.datastore.models import DatastoreTable

    _user, token = publisher
    ds = f.dataset(org)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/action/resource_create",
            {"package_id": ds.id, "name": "ตาราง", "upload": f.csv_file()},
            HTTP_AUTHORIZATION=token,
        )
    rid = response.json()["result"]["id"]
    assert Resource.objects.get(pk=rid).datastore_active
    assert (
        call(client, "datastore_search", {"resource_id": rid}, method="get")[1]["result"]["total"]
        == 1
    )
    assert call(client, "resource_delete", {"id": rid}, token=token)[0] == 200
    assert not DatastoreTable.objects.filter(resource_id=rid).exists()
    assert call(client, "datastore_search", {"resource_id": rid}, method="get")[0] == 404


def test_a_metadata_edit_does_not_reload_the_tables(client, org, publisher):
    from thongthin.core.models import Job
    from thongthin.opendata.datastore.services.loading import LOAD_JOB

    _user, token = publisher
    ds = f.dataset(org, name="budget")
    client.post(
        "/api/action/resource_create",
        {"package_id": ds.id, "name": "ตาราง", "upload": f.csv_file()},
        HTTP_AUTHORIZATION=token,
    )
    assert Job.objects.filter(name=LOAD_JOB).count() == 1
    package = call(client, "package_show", {"id": "budget"}, method="get")[1]["result"]
    status, _body = call(client, "package_update", {**package, "title": "ชื่อใหม่"}, token=token)
    assert status == 200
    assert call(client, "package_patch", {"id": "budget", "notes": "ใหม่"}, token=token)[0] == 200
    assert Job.objects.filter(name=LOAD_JOB).count() == 1


def test_a_token_records_its_use_at_most_once_a_minute(client, org, publisher, monkeypatch):
    import datetime as dt

    from django.utils import timezone

    from thongthin.opendata.models import ApiToken

    user, token = publisher
    assert call(client, "package_list", token=token, method="get")[0] == 200
    first = ApiToken.objects.get(user=user).last_used
    assert first is not None
    assert call(client, "package_list", token=token, method="get")[0] == 200
    assert ApiToken.objects.get(user=user).last_used == first
    later = timezone.now() + dt.timedelta(minutes=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert call(client, "package_list", token=token, method="get")[0] == 200
    assert ApiToken.objects.get(user=user).last_used == later


@pytest.mark.parametrize(
    ("raised", "answer", "error"),
    [
        ("ValidationFailed", "ValidationError", {"comment": ["ยาวเกิน"]}),
        ("Conflict", "ValidationError", {"state": ["ปิดแล้ว"]}),
        ("NotAuthenticated", "NotAuthorized", "Access denied: ต้องเข้าสู่ระบบ"),
        ("PermissionDenied", "NotAuthorized", "Access denied: ไม่มีสิทธิ์"),
        ("NotFound", "NotFound", "Not found: คำขอข้อมูล"),
    ],
)
def test_the_products_errors_become_ckans_in_one_place(raised, answer, error):
    from thongthin.core import errors as app
    from thongthin.opendata.ckan import errors as ckan

    messages = {
        "ValidationFailed": app.ValidationFailed("ยาวเกิน", field="text"),
        "Conflict": app.Conflict("ปิดแล้ว", field="to_state"),
        "NotAuthenticated": app.NotAuthenticated("ต้องเข้าสู่ระบบ"),
        "PermissionDenied": app.PermissionDenied("ไม่มีสิทธิ์"),
        "NotFound": app.NotFound("ไม่พบ"),
    }
    with (
        pytest.raises(ckan.ActionError) as caught,
        ckan.from_application_errors(
            fields={"text": "comment", "to_state": "state"}, not_found="คำขอข้อมูล"
        ),
    ):
        raise messages[raised]
    assert type(caught.value).__name__ == answer
    if isinstance(error, dict):
        assert caught.value.error_dict() == {"__type": "Validation Error", **error}
    else:
        assert caught.value.message == error
