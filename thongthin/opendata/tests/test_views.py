"""Catalog and publishing pages: what each visitor sees, what editors may change, and bad input
answered with a message, never a 500."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from django.urls import reverse

from thongthin.opendata.licenses import license_for
from thongthin.opendata.metadata import MULTIPLE, RECORD, STATISTICAL
from thongthin.opendata.models import ApiToken, Dataset, Group, Organization, State
from thongthin.opendata.presentation import FACETS
from thongthin.opendata.services.tokens import token_hash

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


class _SearchPage(HTMLParser):
    """The facet links of the search page's filter column (title -> [(href, text)]) and the names
    of the datasets in its results."""

    def __init__(self) -> None:
        super().__init__()
        self.facets: dict[str, list[tuple[str, str]]] = {}
        self.results: list[str] = []
        self._in_aside = self._in_results = self._in_h2 = False
        self._title = ""
        self._link: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        if tag == "aside":
            self._in_aside = True
        elif attr.get("id") == "results":
            self._in_results = True
        elif self._in_aside and tag == "h2":
            self._in_h2, self._title = True, ""
        elif tag == "a" and self._in_aside and self._title:
            self._link = [attr.get("href") or "", ""]
        elif tag == "a" and self._in_results and (attr.get("href") or "").startswith("/dataset/"):
            self.results.append((attr.get("href") or "").split("/")[2])

    def handle_endtag(self, tag: str) -> None:
        if tag == "aside":
            self._in_aside = False
        elif tag == "h2" and self._in_h2:
            self._in_h2 = False
            self.facets.setdefault(self._title.strip(), [])
        elif tag == "section":
            self._title = ""
        elif tag == "a" and self._link is not None:
            self.facets[self._title.strip()].append(
                (self._link[0], " ".join(self._link[1].split()))
            )
            self._link = None

    def handle_data(self, data: str) -> None:
        if self._in_h2:
            self._title += data
        elif self._link is not None:
            self._link[1] += data


def search_page(client: Any, params: str | dict[str, Any] = "") -> _SearchPage:
    url = reverse("opendata:search")
    response = client.get(url + params) if isinstance(params, str) else client.get(url, params)
    assert response.status_code == 200
    parser = _SearchPage()
    parser.feed(response.content.decode())
    return parser


def facet_counts(items: list[tuple[str, str]]) -> dict[str, tuple[int, str]]:
    """label -> (count, href) from links reading "label (count)"."""
    counts = {}
    for href, text in items:
        label, _sep, count = text.removeprefix("✓ ").rpartition(" (")
        counts[label] = (int(count.rstrip(")")), href)
    return counts


def test_search_page_facets_count_and_filter_by_every_field(client, org):
    Group.objects.create(name="finance", title="การเงินการคลัง")
    Group.objects.create(name="health", title="สาธารณสุข")
    other_org = f.agency("nso")
    # name: (organization, groups, formats, licence, data type, data category)
    spec = {
        "budget": (org, ["finance"], ["CSV", "XLSX"], "dga-ogl", STATISTICAL, "ข้อมูลสาธารณะ"),
        "clinics": (org, ["health"], ["CSV"], "odc-by", RECORD, "ข้อมูลสาธารณะ"),
        "staff": (org, ["finance", "health"], ["PDF"], "dga-ogl", RECORD, "ข้อมูลใช้ภายใน"),
        "census": (other_org, [], ["XLSX"], "cc-by", MULTIPLE, "ข้อมูลสาธารณะ"),
    }
    for name, (owner, groups, formats, licence, data_type, category) in spec.items():
        f.dataset(
            owner,
            name=name,
            title=f"ชุดข้อมูล {name}",
            groups=[{"name": g} for g in groups],
            resources=[{"url": f"https://example.go.th/{name}.{x.lower()}", "format": x}
                       for x in formats],
            license_id=licence,
            data_type=data_type,
            data_category=category,
        )  # fmt: skip

    def label(field: str, value: str) -> str:
        if field == "organization":
            return str(Organization.objects.get(name=value).title)
        if field == "groups":
            return str(Group.objects.get(name=value).title)
        if field == "license_id":
            found = license_for(value)
            assert found is not None
            return str(found.title)
        return value

    values_of = {
        "organization": lambda row: [row[0].name],
        "groups": lambda row: row[1],
        "res_format": lambda row: row[2],
        "license_id": lambda row: [row[3]],
        "data_type": lambda row: [row[4]],
        "data_category": lambda row: [row[5]],
    }
    page = search_page(client)
    assert sorted(page.results) == sorted(spec)
    for field, values in values_of.items():
        # Counted by hand from what was published:
        expected: dict[str, set[str]] = {}
        for name, row in spec.items():
            for value in values(row):
                expected.setdefault(value, set()).add(name)
        shown = facet_counts(page.facets[str(FACETS[field])])
        assert {k: c for k, (c, _h) in shown.items()} == {
            label(field, v): len(names) for v, names in expected.items()
        }, field
        # Clicking a value shows exactly the datasets that have it, and marks it as chosen.
        for value, names in expected.items():
            href = shown[label(field, value)][1]
            assert href.startswith("?") and f"{field}=" in href
            filtered = search_page(client, href)
            assert sorted(filtered.results) == sorted(names), (field, value)
            chosen = facet_counts(filtered.facets[str(FACETS[field])])
            assert any(text.startswith("✓ ") for _h, text in filtered.facets[str(FACETS[field])])
            assert chosen[label(field, value)][0] == len(names)
            # Clicking the ticked value again takes it off
            unticked = search_page(client, chosen[label(field, value)][1])
            assert sorted(unticked.results) == sorted(spec), (field, value)
    # Two facets together: both must hold.
    both = search_page(client, {"res_format": "CSV", "data_type": RECORD})
    assert both.results == ["clinics"]
    assert search_page(client, {"res_format": "PDF", "license_id": "odc-by"}).results == []


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
        org,
        name="budget",
        resources=[{"url": "https://example.go.th/a.csv", "name": "ไฟล์งบ"}],
        last_updated_date="2024-03-15",
    )
    body = client.get(reverse("opendata:dataset", args=[ds.name])).content.decode()
    assert "งบประมาณรายจ่ายประจำปี 2567" in body
    assert "ไฟล์งบ" in body and "https://example.go.th/a.csv" in body
    assert "ประเภทชุดข้อมูล" in body and "ข้อมูลสถิติ" in body  # the Thai metadata, labelled
    assert "15 มี.ค. 2567" in body and "2024-03-15" not in body  # dates in the Buddhist Era
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
    found = client.get(reverse("opendata:organizations"), {"q": "แม่เหียะ", "all": "1"})
    assert found.status_code == 200
    assert "เทศบาลเมืองแม่เหียะ" in found.content.decode()
    assert "เทศบาลนครขอนแก่น" not in found.content.decode()
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
    shown = re.findall(r'<code class="[^"]*user-select-all[^"]*"[^>]*>([^<]+)</code>', body)
    assert len(shown) == 1 and token_hash(shown[0]) == token.token_hash  # the raw token, once
    assert client.get(reverse("opendata:tokens")).content.decode().count("user-select-all") == 0
    client.post(reverse("opendata:token_revoke", args=[token.pk]))
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
    other = f.UserFactory()
    client.force_login(other)
    assert client.post(reverse("opendata:token_revoke", args=[token.pk])).status_code == 404
