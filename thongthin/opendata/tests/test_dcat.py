"""Linked data (DCAT): every serialization parses back to the ckanext-dcat euro_dcat_ap_3 mapping,
DCAT-AP 3's mandatory properties hold, the catalog pages with Hydra, private/draft/deleted
datasets stay hidden, a page of 100 datasets takes a fixed number of queries, and the schema.org
JSON-LD for Google Dataset Search (domain notes §2.4)."""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, cast

import pytest
from django.conf import settings
from django.utils import timezone
from rdflib import Graph, Literal, URIRef

from thongthin.opendata import search
from thongthin.opendata.dcat import alternate_links, catalog_alternate_links
from thongthin.opendata.dcat import catalog as dcat_catalog
from thongthin.opendata.dcat import vocab as ns
from thongthin.opendata.dcat.formats import FORMATS
from thongthin.opendata.dcat.graph import dataset_graph
from thongthin.opendata.dcat.schemaorg import dataset_jsonld, jsonld_script
from thongthin.opendata.dcat.vocab import GDC, HYDRA, SPDX, VCARD, frequency
from thongthin.opendata.metadata import FIELDS
from thongthin.opendata.models import Dataset, Group, Resource, State
from thongthin.opendata.selectors import dataset_get
from thongthin.opendata.services import datasets as dataset_services
from thongthin.opendata.services.resources import resource_create

from . import factories as f

pytestmark = pytest.mark.django_db

RDFLIB_PARSER = {"jsonld": "json-ld", "ttl": "turtle", "rdf": "xml", "xml": "xml", "n3": "n3"}
CONTENT_TYPES = {
    "jsonld": "application/ld+json",
    "ttl": "text/turtle",
    "rdf": "application/rdf+xml",
    "xml": "application/rdf+xml",
    "n3": "text/n3",
}
EU = "http://publications.europa.eu/resource/authority/"
SITE = "http://testserver"


def fetch(client: Any, url: str, fmt: str) -> Graph:
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == f"{CONTENT_TYPES[fmt]}; charset=utf-8"
    return Graph().parse(data=response.content, format=RDFLIB_PARSER[fmt])


def load(user: Any, key: str) -> Dataset:
    """The dataset as views get it (relations loaded), for building graphs directly."""
    found = dataset_get(user=user, key=key)
    assert found is not None
    return found


def one(graph: Graph, subject: Any, predicate: Any) -> Any:
    values = list(graph.objects(subject, predicate))
    assert len(values) == 1, (subject, predicate, values)
    return values[0]


@pytest.fixture
def org():
    return f.lao_org("4500103")


@pytest.fixture
def admin():
    return f.platform_admin()


@pytest.fixture
def rich(org, admin):
    """A published dataset with everything the mapping reads: tags, a group, version, a linked
    resource and an uploaded file (sha256, size, media type)."""
    group = Group.objects.create(name="finance", title="การเงินการคลัง")
    dataset = f.dataset(
        org,
        admin,
        name="budget-2567",
        version="1.2",
        url="https://www.maehia.go.th/budget",
        groups=[{"name": "finance"}],
        data_language=["ไทย", "อังกฤษ"],
        first_year_of_data="2563",
        last_year_of_data="2567",
        resources=[
            {"url": "https://example.org/budget 2567.xlsx", "name": "งบประมาณ (Excel)",
             "format": "XLSX", "description": "ตารางงบประมาณ"},
        ],
    )  # fmt: skip
    resource_create(
        actor=admin,
        data={"package_id": dataset.id, "name": "budget.csv", "upload": f.csv_file()},
    )
    found = load(admin, dataset.id)
    assert found is not None and group in found.groups.all()
    return found


# --- one dataset: the core mapping, in every serialization ------------------------------------


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_dataset_rdf_parses_back_with_the_euro_dcat_ap_3_core_mapping(client, rich, fmt):
    g = fetch(client, f"/dataset/{rich.name}.{fmt}", fmt)
    ds = URIRef(f"{SITE}/dataset/{rich.id}")
    assert (ds, ns.RDF.type, ns.DCAT.Dataset) in g
    assert one(g, ds, ns.DCTERMS.title) == Literal("งบประมาณรายจ่ายประจำปี 2567", lang="th")
    assert one(g, ds, ns.DCTERMS.description).language == "th"
    assert set(g.objects(ds, ns.DCAT.keyword)) == {
        Literal("งบประมาณ", lang="th"),
        Literal("การคลัง", lang="th"),
    }
    assert one(g, ds, ns.DCTERMS.identifier) == Literal(rich.id)
    for prop in (ns.DCTERMS.issued, ns.DCTERMS.modified):
        assert one(g, ds, prop).datatype == ns.XSD.dateTime
    assert one(g, ds, ns.OWL.versionInfo) == Literal("1.2")
    assert one(g, ds, ns.DCAT.landingPage) == URIRef(f"{SITE}/dataset/budget-2567/")
    assert one(g, ds, ns.FOAF.page) == URIRef("https://www.maehia.go.th/budget")
    publisher = one(g, ds, ns.DCTERMS.publisher)
    assert publisher == URIRef(f"{SITE}/organization/{rich.owner_org_id}")
    assert {ns.FOAF.Agent, ns.FOAF.Organization} <= set(g.objects(publisher, ns.RDF.type))
    assert one(g, publisher, ns.FOAF.name) == Literal("เทศบาลเมืองแม่เหียะ", lang="th")
    contact = one(g, ds, ns.DCAT.contactPoint)
    assert (contact, ns.RDF.type, VCARD.Kind) in g
    assert one(g, contact, VCARD.fn) == Literal("กองคลัง", lang="th")
    assert one(g, contact, VCARD.hasEmail) == URIRef("mailto:finance@example.go.th")
    assert one(g, ds, ns.DCTERMS.accrualPeriodicity) == URIRef(EU + "frequency/ANNUAL")
    assert Literal("เทศบาล/อบต.", lang="th") in set(g.objects(ds, ns.DCTERMS.spatial))
    assert set(g.objects(ds, ns.DCTERMS.language)) == {
        URIRef(EU + "language/THA"),
        URIRef(EU + "language/ENG"),
    }
    assert one(g, ds, ns.DCTERMS.accessRights) == URIRef(EU + "access-right/PUBLIC")
    assert one(g, ds, ns.DCTERMS.license) == URIRef(
        "https://data.go.th/pages/dga-open-government-license"
    )
    assert (one(g, ds, ns.DCTERMS.rights), ns.RDF.type, ns.DCTERMS.RightsStatement) in g
    theme = one(g, ds, ns.DCAT.theme)
    assert one(g, theme, ns.SKOS.prefLabel) == Literal("การเงินการคลัง", lang="th")
    period = one(g, ds, ns.DCTERMS.temporal)
    assert one(g, period, ns.DCAT.startDate) == Literal("2020", datatype=ns.XSD.gYear)  # พ.ศ. 2563
    assert one(g, period, ns.DCAT.endDate) == Literal("2024", datatype=ns.XSD.gYear)
    assert len(list(g.objects(ds, ns.DCAT.distribution))) == 2


@pytest.mark.parametrize("fmt", ["ttl", "jsonld", "rdf"])
def test_distributions_carry_urls_media_type_size_and_checksum(client, rich, fmt):
    g = fetch(client, f"/dataset/{rich.id}.{fmt}", fmt)
    by_name = {r.name: r for r in rich.resources.all()}
    linked, uploaded = by_name["งบประมาณ (Excel)"], by_name["budget.csv"]

    link = URIRef(f"{SITE}/dataset/{rich.id}/resource/{linked.id}")
    assert one(g, link, ns.DCTERMS.title) == Literal("งบประมาณ (Excel)", lang="th")
    assert one(g, link, ns.DCTERMS.description) == Literal("ตารางงบประมาณ", lang="th")
    assert one(g, link, ns.DCAT.accessURL) == URIRef("https://example.org/budget%202567.xlsx")
    assert not list(g.objects(link, ns.DCAT.downloadURL))
    assert one(g, link, ns.DCTERMS["format"]) == URIRef(EU + "file-type/XLSX")
    assert one(g, link, ns.DCTERMS.license) == one(
        g, URIRef(f"{SITE}/dataset/{rich.id}"), ns.DCTERMS.license
    )

    file = URIRef(f"{SITE}/dataset/{rich.id}/resource/{uploaded.id}")
    download = URIRef(f"{SITE}/dataset/{rich.id}/resource/{uploaded.id}/download/budget.csv")
    assert one(g, file, ns.DCAT.downloadURL) == download
    assert one(g, file, ns.DCAT.accessURL) == download
    assert one(g, file, ns.DCAT.mediaType) == URIRef(
        "https://www.iana.org/assignments/media-types/text/csv"
    )
    size = one(g, file, ns.DCAT.byteSize)
    assert size.datatype == ns.XSD.nonNegativeInteger and int(size) == uploaded.size > 0
    for prop in (ns.DCTERMS.issued, ns.DCTERMS.modified):
        assert one(g, file, prop).datatype == ns.XSD.dateTime
    checksum = one(g, file, SPDX.checksum)
    assert one(g, checksum, SPDX.algorithm) == SPDX.checksumAlgorithm_sha256
    assert "sha256:" + str(one(g, checksum, SPDX.checksumValue)) == uploaded.hash


def test_every_thai_field_is_kept_under_the_gdc_namespace(rich):
    g = dataset_graph(rich)
    ds = URIRef(f"{SITE}/dataset/{rich.id}")
    assert one(g, ds, GDC.data_type) == Literal("ข้อมูลสถิติ", lang="th")
    assert one(g, ds, GDC.update_frequency_unit) == Literal("ปี", lang="th")
    assert one(g, ds, GDC.update_frequency_interval) == Literal(1)
    assert one(g, ds, GDC.first_year_of_data) == Literal(2563)
    assert set(g.objects(ds, GDC.data_language)) == {
        Literal("ไทย", lang="th"),
        Literal("อังกฤษ", lang="th"),
    }
    assert one(g, ds, GDC.data_format) == Literal("CSV")  # no Thai script: no @th
    kept = {str(p)[len(str(GDC)) :] for p in g.predicates(ds) if str(p).startswith(str(GDC))}
    thai = rich.thai | {"data_type": rich.data_type, "data_category": rich.data_category}
    assert kept == {k for k, v in thai.items() if v not in (None, "", [])}


def test_geospatial_bounds_become_a_dcat_bbox(org, admin):
    dataset = f.dataset(
        org, admin, data_type="ข้อมูลภูมิสารสนเทศเชิงพื้นที่", geographic_data_set="ชั้นข้อมูลแหล่งน้ำ",
        west_bound_longitude="98.9", east_bound_longitude="99.0",
        north_bound_longitude="18.8", south_bound_longitude="18.7",
    )  # fmt: skip
    g = dataset_graph(load(admin, dataset.id))
    ds = URIRef(f"{SITE}/dataset/{dataset.id}")
    boxes = [o for s in g.objects(ds, ns.DCTERMS.spatial) for o in g.objects(s, ns.DCAT.bbox)]
    assert [str(b) for b in boxes] == [
        "POLYGON((98.9 18.7, 99.0 18.7, 99.0 18.8, 98.9 18.8, 98.9 18.7))"
    ]


@pytest.mark.parametrize(
    ("unit", "interval", "code"),
    [
        ("ปี", "1", "ANNUAL"),
        ("ปี", "", "ANNUAL"),
        ("ปี", "2", "ANNUAL_2"),
        ("ปี", "4", "QUARTERLY"),
        ("ปี", "5", "ANNUAL"),  # no EU code: the least frequency stays true
        ("ครึ่งปี", "1", "ANNUAL_2"),
        ("ไตรมาส", "1", "QUARTERLY"),
        ("เดือน", "1", "MONTHLY"),
        ("เดือน", "2", "MONTHLY_2"),
        ("สัปดาห์", "1", "WEEKLY"),
        ("วัน", "1", "DAILY"),
        ("วัน", "2", "DAILY_2"),
        ("วันทำการ", "1", "DAILY"),
        ("ชั่วโมง", "1", "HOURLY"),
        ("นาที", "1", "1MIN"),
        ("ตามเวลาจริง", None, "UPDATE_CONT"),
        ("ไม่มีการปรับปรุงหลังจากการจัดเก็บข้อมูล", "x", "NEVER"),
        ("ไม่ทราบ", "1", None),
        ("อื่นๆ", "1", None),
        ("fortnightly", "1", None),
        (None, None, None),
    ],
)
def test_update_frequency_maps_to_the_eu_frequency_table(unit, interval, code):
    expected = URIRef(EU + "frequency/" + code) if code else None
    assert frequency(unit, interval) == expected


def test_non_public_categories_and_unknown_frequency_and_bad_links(org, admin):
    dataset = f.dataset(
        org, admin, data_category="ข้อมูลส่วนบุคคล", update_frequency_unit="ไม่ทราบ",
        resources=[{"url": "https://example.org/x", "name": "x", "format": "Weird"}],
    )  # fmt: skip
    # Data from before URLs were checked (e.g. loaded with ckanapi from an older portal).
    Resource.objects.filter(dataset=dataset).update(url="example.org/x y")
    found = load(admin, dataset.id)
    g = dataset_graph(found)
    ds = URIRef(f"{SITE}/dataset/{dataset.id}")
    assert one(g, ds, ns.DCTERMS.accessRights) == URIRef(EU + "access-right/NON_PUBLIC")
    assert not list(g.objects(ds, ns.DCTERMS.accrualPeriodicity))
    distribution = one(g, ds, ns.DCAT.distribution)
    # dcat:accessURL is mandatory: an unusable link falls back to the dataset's page.
    assert one(g, distribution, ns.DCAT.accessURL) == URIRef(f"{SITE}/dataset/{dataset.name}/")
    fmt = one(g, distribution, ns.DCTERMS["format"])
    assert (fmt, ns.RDF.type, ns.DCTERMS.MediaTypeOrExtent) in g
    assert str(one(g, fmt, ns.RDFS.label)) == "Weird"


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_a_licence_without_a_url_is_one_node_shared_with_the_distributions(client, org, fmt):
    dataset = f.dataset(org, license_id="other-closed", resources=[
        {"url": "https://example.org/a.csv", "name": "a"},
        {"url": "https://example.org/b.csv", "name": "b"},
    ])  # fmt: skip
    g = fetch(client, f"/dataset/{dataset.name}.{fmt}", fmt)
    licence = one(g, URIRef(f"{SITE}/dataset/{dataset.id}"), ns.DCTERMS.license)
    assert str(one(g, licence, ns.RDFS.label)) == "Other (Not Open)"
    assert {
        one(g, d, ns.DCTERMS.license) for d in g.subjects(ns.RDF.type, ns.DCAT.Distribution)
    } == {licence}


def test_resources_hidden_by_resource_private_are_not_published(org, admin):
    dataset = f.dataset(org, admin, resources=[
        {"url": "https://example.org/open.csv", "name": "open"},
        {"url": "https://example.org/hidden.csv", "name": "hidden", "resource_private": "True"},
    ])  # fmt: skip
    assert Resource.objects.filter(dataset=dataset, state=State.ACTIVE).count() == 2
    found = load(admin, dataset.id)
    titles = {str(o) for o in dataset_graph(found).objects(None, ns.DCTERMS.title)}
    assert "open" in titles and "hidden" not in titles
    assert [d["name"] for d in dataset_jsonld(found)["distribution"]] == ["open"]


# --- DCAT-AP 3 mandatory properties (the SHACL minCount 1 of the spec) --------------------------

MANDATORY = [
    ("dcat:Catalog", "dct:title"),
    ("dcat:Catalog", "dct:description"),
    ("dcat:Catalog", "dct:publisher"),
    ("dcat:Dataset", "dct:title"),
    ("dcat:Dataset", "dct:description"),
    ("dcat:Distribution", "dcat:accessURL"),
    ("foaf:Agent", "foaf:name"),
    ("spdx:Checksum", "spdx:algorithm"),
    ("spdx:Checksum", "spdx:checksumValue"),
]
PREFIXES = """PREFIX dcat: <http://www.w3.org/ns/dcat#> PREFIX dct: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/> PREFIX spdx: <http://spdx.org/rdf/terms#>"""


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_dcat_ap_3_mandatory_properties_hold_in_every_format(client, rich, org, fmt):
    bare = f.dataset(org, name="no-notes", resources=[{"url": "https://example.org/x.csv"}])
    Dataset.objects.filter(pk=bare.pk).update(notes="")  # dct:description falls back to the title
    for url in (f"/catalog.{fmt}", f"/dataset/{rich.name}.{fmt}"):
        g = fetch(client, url, fmt)
        for cls, prop in MANDATORY:
            if url.startswith("/dataset/") and cls == "dcat:Catalog":
                continue
            assert g.query(f"{PREFIXES} ASK {{ ?s a {cls} }}").askAnswer, (url, cls)
            missing = g.query(
                f"{PREFIXES} SELECT ?s WHERE {{ ?s a {cls} FILTER NOT EXISTS {{ ?s {prop} ?v }} }}"
            )
            assert not list(missing), (url, cls, prop, list(missing))


# --- the catalog ---------------------------------------------------------------------------------


def catalog_datasets(g: Graph) -> list[Any]:
    return list(g.objects(URIRef(SITE), ns.DCAT.dataset))


def paging(g: Graph) -> dict[str, Any]:
    node = next(g.subjects(ns.RDF.type, HYDRA.PagedCollection))
    out: dict[str, Any] = {"@id": str(node)}
    for name in ("totalItems", "itemsPerPage", "first", "last", "next", "previous"):
        values = [cast(Literal, v).toPython() for v in g.objects(node, HYDRA[name])]
        if values:
            out[name] = values[0]
            if name not in ("totalItems", "itemsPerPage"):  # the names older harvesters read
                assert [str(v) for v in g.objects(node, HYDRA[name + "Page"])] == [str(values[0])]
    return out


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_catalog_describes_the_site_and_lists_public_datasets(client, rich, fmt):
    g = fetch(client, f"/catalog.{fmt}", fmt)
    catalog = URIRef(SITE)
    assert (catalog, ns.RDF.type, ns.DCAT.Catalog) in g
    assert Literal("ข้อมูลเปิดท้องถิ่น", lang="th") in set(g.objects(catalog, ns.DCTERMS.title))
    assert Literal("Thongthin open data", lang="en") in set(g.objects(catalog, ns.DCTERMS.title))
    assert len(list(g.objects(catalog, ns.DCTERMS.description))) == 2
    publisher = one(g, catalog, ns.DCTERMS.publisher)
    assert (publisher, ns.RDF.type, ns.FOAF.Agent) in g
    assert Literal("แพลตฟอร์มท้องถิ่น", lang="th") in set(g.objects(publisher, ns.FOAF.name))
    assert one(g, catalog, ns.FOAF.homepage) == URIRef(f"{SITE}/")
    assert set(g.objects(catalog, ns.DCTERMS.language)) == {
        URIRef(EU + "language/THA"),
        URIRef(EU + "language/ENG"),
    }
    modified = one(g, catalog, ns.DCTERMS.modified).toPython()
    assert modified == Dataset.objects.get(pk=rich.id).metadata_modified
    assert URIRef(f"{SITE}/dataset/{rich.id}") in catalog_datasets(g)
    assert paging(g) == {
        "@id": f"{SITE}/catalog.{fmt}?page=1",
        "totalItems": 1,
        "itemsPerPage": 100,
        "first": f"{SITE}/catalog.{fmt}?page=1",
        "last": f"{SITE}/catalog.{fmt}?page=1",
    }


def test_catalog_pages_newest_first_with_hydra_links(client, org, monkeypatch):
    monkeypatch.setattr(dcat_catalog, "PER_PAGE", 2)
    made = [f.dataset(org, name=f"d{i}") for i in range(5)]
    now = timezone.now()
    for i, d in enumerate(made):  # d0 is the newest
        Dataset.objects.filter(pk=d.pk).update(metadata_modified=now - dt.timedelta(days=i))
    pages = {}
    for number in (1, 2, 3, 4):
        g = fetch(client, f"/catalog.ttl?page={number}", "ttl")
        pages[number] = (catalog_datasets(g), paging(g))

    def ids(*indexes: int) -> set[URIRef]:
        return {URIRef(f"{SITE}/dataset/{made[i].id}") for i in indexes}

    assert (
        set(pages[1][0]) == ids(0, 1)
        and set(pages[2][0]) == ids(2, 3)
        and set(pages[3][0]) == ids(4)
    )
    assert pages[4][0] == []  # past the end: an empty page, not an error
    url = f"{SITE}/catalog.ttl?page="
    assert pages[1][1] == {"@id": url + "1", "totalItems": 5, "itemsPerPage": 2, "first": url + "1",
                           "last": url + "3", "next": url + "2"}  # fmt: skip
    assert pages[2][1]["previous"] == url + "1" and pages[2][1]["next"] == url + "3"
    assert "next" not in pages[3][1] and pages[3][1]["previous"] == url + "2"
    assert pages[4][1]["previous"] == url + "3"


def test_catalog_modified_since_filters_and_is_kept_in_the_page_links(client, org, monkeypatch):
    monkeypatch.setattr(dcat_catalog, "PER_PAGE", 1)
    old, new, newer = (f.dataset(org, name=n) for n in ("old-one", "new-one", "newer-one"))
    Dataset.objects.filter(pk=old.pk).update(
        metadata_modified=dt.datetime(2023, 12, 31, 23, tzinfo=dt.UTC)
    )
    Dataset.objects.filter(pk=new.pk).update(
        metadata_modified=dt.datetime(2024, 1, 1, 1, tzinfo=dt.UTC)
    )
    Dataset.objects.filter(pk=newer.pk).update(
        metadata_modified=dt.datetime(2024, 6, 1, tzinfo=dt.UTC)
    )
    # A date, a UTC time, an offset encoded or sent as a bare "+" (which arrives as a space).
    for since in ("2024-01-01", "2024-01-01T00:00:00Z", "2024-01-01T07:00:00%2B07:00",
                  "2024-01-01T07:00:00+07:00", "2024-01-01T00:00"):  # fmt: skip
        g = fetch(client, f"/catalog.jsonld?modified_since={since}", "jsonld")
        info = paging(g)
        assert info["totalItems"] == 2, since
        assert catalog_datasets(g) == [URIRef(f"{SITE}/dataset/{newer.id}")]
        assert "modified_since=" in info["next"] and info["next"].endswith("&page=2")
    g = fetch(client, "/catalog.ttl?modified_since=2024-01-01T00:30:00Z&page=2", "ttl")
    assert catalog_datasets(g) == [URIRef(f"{SITE}/dataset/{new.id}")]
    # The catalog's dct:modified is the newest change of the whole catalog, filter or not.
    assert one(g, URIRef(SITE), ns.DCTERMS.modified).toPython() == dt.datetime(
        2024, 6, 1, tzinfo=dt.UTC
    )


def test_catalog_q_and_fq_go_through_the_search_backend(client, org, admin):
    water = f.dataset(org, admin, name="water-quality", title="คุณภาพน้ำประปา", tags=[{"name": "น้ำ"}])
    f.dataset(org, admin, name="budget-one")
    f.dataset(org, admin, name="secret-water", title="คุณภาพน้ำ ลับ", private=True)
    f.dataset(org, admin, name="water-harvest", title="แหล่งเก็บเกี่ยวน้ำประปา", type="harvest")
    search.rebuild_index()
    for query in ("q=น้ำประปา", "fq=tags:น้ำ", "q=น้ำ&modified_since=2000-01-01"):
        g = fetch(client, f"/catalog.ttl?{query}", "ttl")
        assert catalog_datasets(g) == [URIRef(f"{SITE}/dataset/{water.id}")], query
        assert paging(g)["totalItems"] == 1
    assert "q=" in paging(fetch(client, "/catalog.ttl?q=น้ำ", "ttl"))["first"]
    assert (
        catalog_datasets(fetch(client, "/catalog.ttl?q=น้ำ&modified_since=2999-01-01", "ttl")) == []
    )
    response = client.get("/catalog.ttl?fq=nosuchfield:x")
    assert response.status_code == 400 and "nosuchfield" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("page=0", "page"),
        ("page=-1", "page"),
        ("page=abc", "page"),
        ("page=1.5", "page"),
        ("page=%EF%BC%92", "page"),  # a full-width digit
        ("page=99999999999999999999999", "page"),
        ("modified_since=yesterday", "modified_since"),
        ("modified_since=2024-13-01", "modified_since"),
        ("modified_since=2024-01-01T25:00", "modified_since"),
        ("modified_since=2024-01-01T00:00:00+25:00", "modified_since"),
        ("modified_since=0000-01-01", "modified_since"),
    ],
)
def test_bad_catalog_parameters_answer_400_with_a_message(client, query, field):
    response = client.get(f"/catalog.ttl?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert field in response.content.decode()


def test_an_empty_catalog_still_has_one_page(client):
    Dataset.objects.all().delete()
    g = fetch(client, "/catalog.rdf", "rdf")
    assert catalog_datasets(g) == []
    assert paging(g)["totalItems"] == 0 and paging(g)["last"].endswith("page=1")


# --- who sees what -------------------------------------------------------------------------------


@pytest.fixture
def hidden(org, admin):
    private = f.dataset(org, admin, name="private-one", private=True)
    draft = f.dataset(org, admin, name="draft-one", state="draft")
    deleted = f.dataset(org, admin, name="deleted-one")
    dataset_services.package_delete(actor=admin, key=deleted.id)
    return {"private": private, "draft": draft, "deleted": deleted}


@pytest.mark.parametrize("who", ["anonymous", "stranger", "other_org_editor"])
def test_private_draft_and_deleted_datasets_are_hidden(client, hidden, who):
    if who == "stranger":
        client.force_login(f.UserFactory())
    elif who == "other_org_editor":
        client.force_login(f.editor(f.agency("nso")))
    for dataset in hidden.values():
        for key in (dataset.id, dataset.name):
            for fmt in FORMATS:
                assert client.get(f"/dataset/{key}.{fmt}").status_code == 404, (dataset.name, fmt)
    for fmt in FORMATS:
        text = client.get(f"/catalog.{fmt}").content.decode()
        for dataset in hidden.values():
            assert dataset.id not in text


def test_members_read_their_private_dataset_but_the_catalog_never_lists_it(client, org, hidden):
    client.force_login(f.editor(org, capacity="member"))
    response = client.get(f"/dataset/{hidden['private'].name}.ttl")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert hidden["private"].id not in client.get("/catalog.ttl").content.decode()


def test_sysadmins_see_no_private_datasets_in_the_catalog_either(client, admin, hidden):
    client.force_login(admin)
    g = fetch(client, "/catalog.ttl", "ttl")
    assert all(str(d.id) not in {str(x) for x in catalog_datasets(g)} for d in hidden.values())
    assert client.get(f"/dataset/{hidden['deleted'].id}.ttl").status_code == 200


def test_unknown_dataset_and_format_and_method(client, rich):
    assert client.get("/dataset/no-such-dataset.ttl").status_code == 404
    assert client.get(f"/dataset/{rich.name}.pdf", follow=True).status_code == 404
    assert client.post("/catalog.ttl").status_code == 405
    assert client.head(f"/dataset/{rich.name}.jsonld").status_code == 200


# --- queries and links ---------------------------------------------------------------------------


def clone(template: Dataset, count: int) -> None:
    """`count` copies of a complete dataset (tags, group, resources) written in bulk: a full page
    without going through the service 100 times."""
    now = timezone.now()
    resources = list(Resource.objects.filter(dataset=template))
    tags, groups = list(template.tags.all()), list(template.groups.all())
    copies = []
    for i in range(count):
        copy = Dataset.objects.get(pk=template.pk)
        copy.pk, copy.id, copy.name = None, str(uuid.uuid4()), f"{template.name}-{i}"
        copy.metadata_modified = now - dt.timedelta(minutes=i + 1)
        copies.append(copy)
    Dataset.objects.bulk_create(copies)
    Resource.objects.bulk_create(
        Resource(
            **{k: getattr(r, k) for k in ("name", "format", "url", "mimetype", "size", "hash")},
            id=str(uuid.uuid4()),
            dataset_id=c.id,
            position=r.position,
        )
        for c in copies
        for r in resources
    )
    Dataset.tags.through.objects.bulk_create(
        Dataset.tags.through(dataset_id=c.id, tag_id=t.id) for c in copies for t in tags
    )
    Dataset.groups.through.objects.bulk_create(
        Dataset.groups.through(dataset_id=c.id, group_id=g.id) for c in copies for g in groups
    )


def test_a_page_of_100_datasets_takes_a_fixed_number_of_queries(
    client, rich, django_assert_max_num_queries
):
    clone(rich, 104)
    # The total and dct:modified, the page, then its tags, groups and resources: 5, whatever the
    # page size.
    with django_assert_max_num_queries(5):
        response = client.get("/catalog.ttl")
    g = Graph().parse(data=response.content, format="turtle")
    assert len(catalog_datasets(g)) == 100
    assert len(list(g.subjects(ns.RDF.type, ns.DCAT.Distribution))) == 200
    assert paging(g)["totalItems"] == 105 and paging(g)["next"].endswith("page=2")
    with django_assert_max_num_queries(5):
        response = client.get("/catalog.ttl?page=2")
    assert len(catalog_datasets(Graph().parse(data=response.content, format="turtle"))) == 5
    # Through the search backend: its own queries, then the same prefetching.
    search.rebuild_index()
    with django_assert_max_num_queries(8):
        response = client.get("/catalog.ttl?q=งบประมาณ")
    assert len(catalog_datasets(Graph().parse(data=response.content, format="turtle"))) == 100


def test_alternate_links_point_at_working_documents(client, rich):
    links = alternate_links(rich)
    assert [t for t, _ in links] == ["application/ld+json", "text/turtle", "application/rdf+xml"]
    assert links[1][1] == f"{SITE}/dataset/budget-2567.ttl"
    for content_type, url in links + catalog_alternate_links():
        response = client.get(url.removeprefix(SITE))
        assert response.status_code == 200 and response["Content-Type"].startswith(content_type)


# --- schema.org ----------------------------------------------------------------------------------


def test_schemaorg_dataset_for_google_dataset_search(rich):
    data = dataset_jsonld(rich)
    assert data["@context"] == "https://schema.org/" and data["@type"] == "Dataset"
    assert data["name"] == rich.title and data["description"] == rich.notes
    assert data["url"] == f"{SITE}/dataset/budget-2567/"
    assert data["identifier"] == rich.id
    assert data["keywords"] == ["การคลัง", "งบประมาณ"]
    assert data["license"] == "https://data.go.th/pages/dga-open-government-license"
    assert (
        data["creator"]
        == data["publisher"]
        == {
            "@type": "Organization",
            "name": "เทศบาลเมืองแม่เหียะ",
            "url": f"{SITE}/organization/lao-4500103/",
        }
    )
    assert dt.datetime.fromisoformat(data["dateModified"]) == rich.metadata_modified
    assert dt.datetime.fromisoformat(data["dateCreated"]) == rich.metadata_created
    assert data["inLanguage"] == ["th", "en"]
    assert data["spatialCoverage"] == {"@type": "Place", "name": "เทศบาลเมืองแม่เหียะ"}
    assert data["temporalCoverage"] == "2020/2024"
    downloads = {d["name"]: d for d in data["distribution"]}
    assert downloads["budget.csv"]["@type"] == "DataDownload"
    assert downloads["budget.csv"]["encodingFormat"] == "text/csv"
    assert downloads["budget.csv"]["contentUrl"].endswith("/download/budget.csv")
    assert downloads["งบประมาณ (Excel)"]["contentUrl"] == "https://example.org/budget%202567.xlsx"
    assert json.loads(json.dumps(data)) == data


class _JsonLdScripts(HTMLParser):
    """The bodies of the page's <script type="application/ld+json"> elements."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script" and dict(attrs).get("type") == "application/ld+json":
            self._inside = True
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._inside = False

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.scripts[-1] += data


def page_jsonld(client: Any, key: str) -> list[dict[str, Any]]:
    response = client.get(f"/dataset/{key}/")
    assert response.status_code == 200
    parser = _JsonLdScripts()
    parser.feed(response.content.decode())
    return [json.loads(script) for script in parser.scripts]


def test_the_dataset_page_embeds_its_schemaorg_dataset(client, rich):
    [data] = page_jsonld(client, rich.name)  # one, in the page itself
    assert data["@context"] == "https://schema.org/" and data["@type"] == "Dataset"
    assert data["name"] == rich.title and data["identifier"] == rich.id
    assert data["url"] == f"{SITE}/dataset/{rich.name}/"
    downloads = {d["name"]: d for d in data["distribution"]}
    assert set(downloads) == {r.name for r in rich.resources.all()}
    uploaded = downloads["budget.csv"]
    assert uploaded["@type"] == "DataDownload" and uploaded["encodingFormat"] == "text/csv"
    # The contentUrl is the file itself, which the crawler can fetch.
    fetched = client.get(uploaded["contentUrl"].removeprefix(SITE))
    assert fetched.status_code == 200
    assert b"".join(fetched.streaming_content) == f.csv_file().read()
    # The page and the builder say the same (the page is not a stale copy).
    assert data == json.loads(json.dumps(dataset_jsonld(load(None, rich.id))))


def test_private_dataset_pages_and_their_json_ld_are_not_served_to_others(client, org, hidden):
    private = hidden["private"]
    for who in (None, f.UserFactory(), f.editor(f.agency("nso"))):
        if who is not None:
            client.force_login(who)
        response = client.get(f"/dataset/{private.name}/")
        assert response.status_code == 404
        assert private.title not in response.content.decode()
        assert client.get(f"/dataset/{hidden['draft'].name}/").status_code == 404
    client.force_login(f.editor(org, capacity="member"))
    [data] = page_jsonld(client, private.name)  # members read their own page
    assert data["identifier"] == private.id


def test_schemaorg_script_cannot_be_closed_by_a_title(org, admin):
    dataset = f.dataset(org, admin, title="</script><script>alert(1)</script> & งบ")
    html = str(jsonld_script(dataset_jsonld(load(admin, dataset.id))))
    assert html.startswith('<script type="application/ld+json">') and html.count("</script>") == 1
    body = html.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert json.loads(body)["name"] == "</script><script>alert(1)</script> & งบ"


# --- the documented namespace --------------------------------------------------------------------


def test_every_gdc_term_is_documented():
    doc = (Path(settings.BASE_DIR) / "docs" / "opendata-dcat.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`gdc:(\w+)`", doc))
    assert {field.name for field in FIELDS} <= documented
