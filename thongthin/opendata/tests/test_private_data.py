"""A private (or draft) dataset never leaks to someone outside its organization, by any path: the
CKAN actions that show, count, list or search, the file download, the search page, the DCAT
documents and the DataStore. And its organization's members do see it, so that each "not there"
below is the permission at work and not a broken address."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from thongthin.opendata.datastore import services as datastore_services
from thongthin.opendata.models import Group, Resource

from . import factories as f
from .test_ckan_api import call

pytestmark = pytest.mark.django_db

SECRET_TITLE = "บัญชีรายชื่อผู้ค้างชำระภาษี"
SECRET_TAG = "ลูกหนี้ภาษี"
DRAFT_TAG = "ร่างแผนงาน"
SECRET_VALUE = "นายสมชาย ค้างภาษี"


@pytest.fixture
def org():
    return f.lao_org("4500103")


@pytest.fixture
def member(org):
    return f.editor(org)


@pytest.fixture
def member_token(member):
    return f.token_for(member)


@pytest.fixture
def stranger(db):
    """An editor of another LAO's organization: signed in, but not a member of `org`."""
    return f.editor(f.lao_org("4400115"))


@pytest.fixture
def stranger_token(stranger):
    return f.token_for(stranger)


@pytest.fixture
def group(db):
    return Group.objects.create(name="finance", title="การเงินการคลัง")


@pytest.fixture
def catalog(org, group):
    """A public, a private and a draft dataset of one organization, each with a link resource
    and in the same group."""
    return {
        "public": f.dataset(
            org,
            name="open-budget",
            title="งบประมาณที่เปิดเผย",
            tags=[{"name": "งบประมาณ"}],
            groups=[{"name": group.name}],
            resources=[{"url": "https://example.go.th/open.csv", "name": "เปิด"}],
        ),
        "private": f.dataset(
            org,
            name="tax-debtors",
            title=SECRET_TITLE,
            private=True,
            tags=[{"name": SECRET_TAG}],
            groups=[{"name": group.name}],
            resources=[{"url": "https://example.go.th/debtors.csv", "name": "ลูกหนี้"}],
        ),
        "draft": f.dataset(
            org,
            name="draft-plan",
            title="ร่างแผนพัฒนาท้องถิ่น",
            state="draft",
            tags=[{"name": DRAFT_TAG}],
            groups=[{"name": group.name}],
            resources=[{"url": "https://example.go.th/plan.csv", "name": "ร่าง"}],
        ),
    }


def get(client: Any, name: str, params: dict[str, Any], token: str | None = None) -> Any:
    return call(client, name, params, method="get", token=token)


# --- resource_show ------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["private", "draft"])
def test_resource_show_with_the_real_id_is_not_found_for_others(
    client, catalog, kind, member_token, stranger_token
):
    resource = catalog[kind].resources.get()
    for token in (None, stranger_token):
        status, body = get(client, "resource_show", {"id": resource.id}, token)
        assert status == 404, (kind, token)
        assert body["error"]["__type"] == "Not Found Error"
        assert "debtors" not in str(body) and "plan.csv" not in str(body)
    status, body = get(client, "resource_show", {"id": resource.id}, member_token)
    assert status == 200 and body["result"]["package_id"] == catalog[kind].id
    # the public dataset's resource answers everyone
    public = catalog["public"].resources.get()
    assert get(client, "resource_show", {"id": public.id})[0] == 200


# --- the file download --------------------------------------------------------------------------


def test_a_private_upload_is_not_found_for_others(client, org, member, member_token, stranger):
    dataset = f.dataset(org, name="private-files", private=True)
    response = client.post(
        "/api/action/resource_create",
        {"package_id": dataset.id, "name": "รายชื่อ", "upload": f.csv_file("debtors.csv")},
        HTTP_AUTHORIZATION=member_token,
    )
    assert response.status_code == 200, response.content
    path = response.json()["result"]["url"].removeprefix("http://testserver")
    assert path.startswith(f"/dataset/{dataset.id}/resource/")
    assert client.get(path).status_code == 404  # anonymous
    client.force_login(stranger)
    assert client.get(path).status_code == 404
    client.force_login(member)
    download = client.get(path)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"year,amount\n2567,100\n"
    # The same address answers everyone once the dataset is public.
    status, _body = call(
        client, "package_patch", {"id": dataset.id, "private": False}, token=member_token
    )
    assert status == 200
    client.logout()
    assert client.get(path).status_code == 200


# --- organization_show, group_show, the lists and their counts ---------------------------------


def test_organization_show_counts_and_lists_only_what_the_caller_may_see(
    client, org, catalog, member_token, stranger_token
):
    params = {"id": org.name, "include_datasets": "true"}
    for token in (None, stranger_token):
        shown = get(client, "organization_show", params, token)[1]["result"]
        assert shown["package_count"] == 1
        assert [p["name"] for p in shown["packages"]] == ["open-budget"]
        assert SECRET_TITLE not in str(shown)
    shown = get(client, "organization_show", params, member_token)[1]["result"]
    assert shown["package_count"] == 2  # public and private; a draft is not counted
    assert {p["name"] for p in shown["packages"]} == {"open-budget", "tax-debtors"}
    listed = get(
        client,
        "organization_list",
        {"organizations": org.name, "all_fields": "true"},
    )[1]["result"]
    assert [o["package_count"] for o in listed] == [1]


def test_group_show_counts_and_lists_only_what_the_caller_may_see(
    client, group, catalog, member_token, stranger_token
):
    params = {"id": group.name, "include_datasets": "true"}
    for token in (None, stranger_token):
        shown = get(client, "group_show", params, token)[1]["result"]
        assert shown["package_count"] == 1
        assert [p["name"] for p in shown["packages"]] == ["open-budget"]
        assert SECRET_TITLE not in str(shown)
    shown = get(client, "group_show", params, member_token)[1]["result"]
    assert shown["package_count"] == 2
    assert {p["name"] for p in shown["packages"]} == {"open-budget", "tax-debtors"}
    listed = get(client, "group_list", {"all_fields": "true"})[1]["result"]
    assert [(g["name"], g["package_count"]) for g in listed] == [("finance", 1)]
    ranked = get(client, "group_list", {"sort": "package_count"}, stranger_token)[1]["result"]
    assert ranked == ["finance"]


def test_tag_list_leaves_out_tags_only_private_or_draft_datasets_carry(
    client, catalog, stranger_token
):
    for token in (None, stranger_token):
        tags = get(client, "tag_list", {}, token)[1]["result"]
        assert "งบประมาณ" in tags
        assert SECRET_TAG not in tags and DRAFT_TAG not in tags
        assert get(client, "tag_list", {"query": "ลูกหนี้"}, token)[1]["result"] == []
        rows = get(client, "tag_list", {"all_fields": "true"}, token)[1]["result"]
        assert SECRET_TAG not in {t["name"] for t in rows}


def test_package_show_and_list(client, catalog, member_token, stranger_token):
    for kind in ("private", "draft"):
        for key in (catalog[kind].id, catalog[kind].name):
            for token in (None, stranger_token):
                assert get(client, "package_show", {"id": key}, token)[0] == 404
            assert get(client, "package_show", {"id": key}, member_token)[0] == 200
    for token in (None, member_token):
        assert get(client, "package_list", {}, token)[1]["result"] == ["open-budget"]
    newest = get(client, "current_package_list_with_resources", {}, member_token)[1]["result"]
    assert [p["name"] for p in newest] == ["open-budget"]


# --- the search page ----------------------------------------------------------------------------


def test_search_page_hides_private_and_draft_datasets_from_others(
    client, catalog, member, stranger
):
    def page(**params: str) -> tuple[set[str], str]:
        response = client.get(reverse("opendata:search"), params)
        assert response.status_code == 200
        return {p["name"] for p in response.context["results"]}, response.content.decode()

    for who in (None, stranger):
        if who:
            client.force_login(who)
        found, html = page()
        assert found == {"open-budget"}
        assert SECRET_TITLE not in html and "ร่างแผนพัฒนา" not in html
        found, html = page(q="ค้างชำระ")
        assert found == set() and SECRET_TITLE not in html
        found, html = page(tags=SECRET_TAG)
        assert found == set() and SECRET_TITLE not in html
    # The web page includes the private datasets of one's own organizations (as CKAN's does).
    client.force_login(member)
    found, html = page()
    assert found == {"open-budget", "tax-debtors"} and SECRET_TITLE in html


# --- DCAT ---------------------------------------------------------------------------------------


def test_dcat_documents_hide_private_and_draft_datasets(client, catalog, member, stranger):
    hidden = [catalog["private"], catalog["draft"]]
    for who in (None, stranger):
        if who:
            client.force_login(who)
        text = client.get("/catalog.ttl").content.decode()
        assert catalog["public"].id in text
        assert all(d.id not in text and d.title not in text for d in hidden)
        for dataset in hidden:
            assert client.get(f"/dataset/{dataset.name}.ttl").status_code == 404
            assert client.get(f"/dataset/{dataset.id}.jsonld").status_code == 404
    client.force_login(member)
    response = client.get(f"/dataset/{catalog['private'].name}.ttl")
    assert response.status_code == 200 and SECRET_TITLE in response.content.decode()
    assert "no-store" in response["Cache-Control"]


# --- the DataStore ------------------------------------------------------------------------------


def test_datastore_of_a_private_resource(client, catalog, member, member_token, stranger_token):
    resource = Resource.objects.create(dataset=catalog["private"], name="ตารางลูกหนี้")
    datastore_services.datastore_create(
        resource=resource,
        actor=member,
        fields=[{"id": "name", "type": "text"}, {"id": "amount", "type": "numeric"}],
        records=[{"name": SECRET_VALUE, "amount": "1200"}],
    )
    for token in (None, stranger_token):
        for action in ("datastore_search", "datastore_info"):
            status, body = get(client, action, {"resource_id": resource.id}, token)
            # CKAN's datastore answers a resource the caller may not read with 403.
            assert status == 403, (action, body)
            assert body["error"]["__type"] == "Authorization Error"
            assert SECRET_VALUE not in str(body) and "amount" not in str(body)
        status, _body = get(client, "datastore_search", {"resource_id": resource.id, "q": "ค้าง"})
        assert status == 403
        assert client.get(f"/datastore/dump/{resource.id}").status_code == 404
    status, body = get(client, "datastore_search", {"resource_id": resource.id}, member_token)
    assert status == 200 and body["result"]["records"][0]["name"] == SECRET_VALUE
    client.force_login(member)
    dump = client.get(f"/datastore/dump/{resource.id}")
    assert dump.status_code == 200 and SECRET_VALUE in b"".join(dump.streaming_content).decode()


# --- a hidden resource of a public dataset (GD Catalog resource_private) -----------------------


def test_a_hidden_resource_shows_only_to_those_who_may_update_the_dataset(
    client, catalog, member, member_token, stranger_token
):
    from thongthin.opendata import search

    public = catalog["public"]
    hidden = Resource.objects.create(
        dataset=public,
        name="ทะเบียนผู้รับเบี้ยยังชีพ",
        format="CSV",
        position=1,
        extras={"resource_private": "True"},
    )
    datastore_services.datastore_create(
        resource=hidden,
        actor=member,
        fields=[{"id": "name", "type": "text"}],
        records=[{"name": SECRET_VALUE}],
    )
    search.index_dataset(public.id)
    for token in (None, stranger_token):
        status, body = get(client, "package_show", {"id": public.name}, token)
        assert status == 200
        assert [r["name"] for r in body["result"]["resources"]] == ["เปิด"]
        assert body["result"]["num_resources"] == 1
        assert get(client, "resource_show", {"id": hidden.id}, token)[0] == 404
        assert get(client, "datastore_search", {"resource_id": hidden.id}, token)[0] == 403
        found = get(client, "package_search", {"q": "เบี้ยยังชีพ"}, token)[1]["result"]
        assert found["count"] == 0  # its words do not find the dataset
    assert client.get(f"/datastore/dump/{hidden.id}").status_code == 404
    page = client.get(reverse("opendata:dataset", args=[public.name])).content.decode()
    assert "ทะเบียนผู้รับเบี้ยยังชีพ" not in page
    assert (
        client.get(reverse("opendata:resource", args=[public.name, hidden.id])).status_code == 404
    )
    assert "ทะเบียนผู้รับเบี้ยยังชีพ" not in client.get(f"/dataset/{public.name}.ttl").content.decode()
    # The organization's editor sees and reads it
    status, body = get(client, "package_show", {"id": public.name}, member_token)
    assert [r["name"] for r in body["result"]["resources"]] == ["เปิด", "ทะเบียนผู้รับเบี้ยยังชีพ"]
    assert get(client, "resource_show", {"id": hidden.id}, member_token)[0] == 200
    status, body = get(client, "datastore_search", {"resource_id": hidden.id}, member_token)
    assert status == 200 and body["result"]["records"][0]["name"] == SECRET_VALUE
    client.force_login(member)
    page = client.get(reverse("opendata:dataset", args=[public.name])).content.decode()
    assert "ทะเบียนผู้รับเบี้ยยังชีพ" in page
