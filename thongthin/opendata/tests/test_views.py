"""Catalog and publishing pages: what each visitor sees, what editors may change, and bad input
answered with a message, never a 500."""

from __future__ import annotations

import pytest
from django.urls import reverse

from thongthin.opendata.models import ApiToken, Dataset, State

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return f.lao_org("4500103")


def test_search_page_finds_thai_words_and_shows_facets(client, org):
    f.dataset(org, name="budget", title="งบประมาณรายจ่ายประจำปี")
    f.dataset(
        org,
        name="water",
        title="คุณภาพน้ำประปาหมู่บ้าน",
        notes="ผลตรวจคุณภาพน้ำ",
        tags=[{"name": "น้ำประปา"}],
    )
    response = client.get(reverse("opendata:search"), {"q": "รายจ่าย"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "งบประมาณรายจ่ายประจำปี" in body and "คุณภาพน้ำประปา" not in body
    assert "เทศบาลเมืองแม่เหียะ" in body  # the organization facet, by its title
    by_tag = client.get(reverse("opendata:search"), {"tags": "น้ำประปา"}).content.decode()
    assert "คุณภาพน้ำประปาหมู่บ้าน" in by_tag and "งบประมาณรายจ่าย" not in by_tag


@pytest.mark.parametrize(
    "params",
    [
        {"page": "x"},
        {"page": "99999"},
        {"sort": "name; drop"},
        {"q": "a" * 5000},
        {"tags": '"'},
        {"q": "title:"},
    ],
)
def test_search_page_survives_bad_input(client, params):
    assert client.get(reverse("opendata:search"), params).status_code == 200


def test_dataset_page_shows_metadata_resources_and_api(client, org):
    ds = f.dataset(
        org, name="budget", resources=[{"url": "https://example.go.th/a.csv", "name": "ไฟล์งบ"}]
    )
    body = client.get(reverse("opendata:dataset", args=[ds.name])).content.decode()
    assert "งบประมาณรายจ่ายประจำปี 2567" in body
    assert "ไฟล์งบ" in body and "https://example.go.th/a.csv" in body
    assert "ประเภทชุดข้อมูล" in body and "ข้อมูลสถิติ" in body  # the Thai metadata, labelled
    assert "package_show?id=budget" in body and "RemoteCKAN" in body
    assert reverse("opendata:dataset_edit", args=[ds.name]) not in body  # not an editor


def test_private_dataset_page_is_404_for_others(client, org):
    ds = f.dataset(org, private=True, name="secret")
    assert client.get(reverse("opendata:dataset", args=[ds.name])).status_code == 404
    editor = f.editor(org)
    client.force_login(editor)
    assert client.get(reverse("opendata:dataset", args=[ds.name])).status_code == 200


def test_publish_a_dataset_from_the_form(client, org):
    editor = f.editor(org)
    client.force_login(editor)
    form = reverse("opendata:dataset_new")
    assert client.get(form).status_code == 200
    data = {**f.package_data(org), "tags": "งบประมาณ, การคลัง", "publish": "1"}
    response = client.post(form, data)
    assert response.status_code == 302
    dataset = Dataset.objects.get()
    assert dataset.state == State.ACTIVE and dataset.thai["objective"] == ["พันธกิจหน่วยงาน"]
    assert sorted(dataset.tags.values_list("name", flat=True)) == ["การคลัง", "งบประมาณ"]
    assert response["Location"] == reverse("opendata:resource_new", args=[dataset.name])


def test_form_marks_fields_by_data_type_and_keeps_only_those_that_apply(client, org):
    client.force_login(f.editor(org))
    form = reverse("opendata:dataset_new")
    body = client.get(form).content.decode()
    assert 'data-types="ข้อมูลสถิติ"' in body  # e.g. unit of measure, hidden for other types
    assert "js/dataset-form.js" in body
    data = {
        **f.package_data(org),
        "tags": "งบประมาณ",
        "publish": "1",
        "unit_of_measure": "บาท",  # statistical only
        "created_date": "2024-01-15",  # record, multiple and other types only
    }
    assert client.post(form, data).status_code == 302
    thai = Dataset.objects.get().thai
    assert thai["unit_of_measure"] == "บาท" and "created_date" not in thai


def test_incomplete_form_shows_errors_or_saves_a_draft(client, org):
    client.force_login(f.editor(org))
    form = reverse("opendata:dataset_new")
    response = client.post(
        form, {"title": "ร่างชุดข้อมูล", "owner_org": org.id, "license_id": "dga-ogl"}
    )
    assert response.status_code == 200
    assert "จำเป็นต้องระบุ" in response.content.decode()
    assert not Dataset.objects.exists()
    response = client.post(
        form,
        {"title": "ร่างชุดข้อมูล", "owner_org": org.id, "license_id": "dga-ogl", "save_draft": "1"},
    )
    assert response.status_code == 302 and Dataset.objects.get().state == State.DRAFT


def test_edit_and_delete_need_edit_rights(client, org):
    ds = f.dataset(org, name="budget")
    stranger = f.editor(f.lao_org("4400115"))
    client.force_login(stranger)
    assert client.get(reverse("opendata:dataset_edit", args=[ds.name])).status_code == 403
    assert client.post(reverse("opendata:dataset_delete", args=[ds.name])).status_code == 403
    client.force_login(f.editor(org))
    edit = reverse("opendata:dataset_edit", args=[ds.name])
    assert client.get(edit).status_code == 200
    data = {**f.package_data(org), "tags": "งบประมาณ", "title": "งบประมาณ (แก้ไข)", "publish": "1"}
    assert client.post(edit, data).status_code == 302
    assert Dataset.objects.get(pk=ds.pk).title == "งบประมาณ (แก้ไข)"
    assert client.post(reverse("opendata:dataset_delete", args=[ds.name])).status_code == 302
    assert Dataset.objects.get(pk=ds.pk).state == State.DELETED


def test_add_a_file_to_a_dataset(client, org):
    ds = f.dataset(org, name="budget")
    client.force_login(f.editor(org))
    url = reverse("opendata:resource_new", args=[ds.name])
    response = client.post(url, {"name": "ข้อมูล 2567", "upload": f.csv_file()})
    assert response.status_code == 302
    resource = ds.resources.get()
    assert resource.format == "CSV" and resource.size == 21
    empty = client.post(url, {"name": "ไม่มีไฟล์"})
    assert empty.status_code == 200 and "ต้องแนบไฟล์หรือระบุที่อยู่เว็บ" in empty.content.decode()


def test_organization_pages(client, org):
    f.dataset(org, name="budget")
    listing = client.get(reverse("opendata:organizations")).content.decode()
    assert "เทศบาลเมืองแม่เหียะ" in listing
    assert (
        client.get(reverse("opendata:organizations"), {"q": "แม่เหียะ", "all": "1"}).status_code
        == 200
    )
    page = client.get(reverse("opendata:organization", args=[org.name])).content.decode()
    assert "งบประมาณรายจ่ายประจำปี 2567" in page
    assert client.get(reverse("opendata:organization", args=["nope"])).status_code == 404


def test_api_tokens_page_shows_a_new_token_once_and_revokes(client, org):
    user = f.editor(org)
    client.force_login(user)
    response = client.post(reverse("opendata:tokens"), {"name": "สคริปต์กองคลัง"})
    token = ApiToken.objects.get(user=user)
    body = response.content.decode()
    assert "สคริปต์กองคลัง" in body
    assert client.get(reverse("opendata:tokens")).content.decode().count("user-select-all") == 0
    client.post(reverse("opendata:token_revoke", args=[token.pk]))
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
    other = f.UserFactory()
    client.force_login(other)
    assert client.post(reverse("opendata:token_revoke", args=[token.pk])).status_code == 404
