"""DCAT-AP 3 graphs of the catalog, built with rdflib (domain notes §2.4): the core mapping of
ckanext-dcat's `euro_dcat_ap_3` profile, the Thai GD Catalog fields under our `gdc:` namespace so
that nothing is lost, and Hydra paging on the catalog as ckanext-dcat writes it.

Datasets must come with their relations loaded (`selectors.datasets_with_relations`): building a
graph never queries the database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.urls import reverse
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from .. import permissions
from ..dictization import resource_download_url, site_url
from ..licenses import license_for
from ..metadata import FIELDS
from ..models import Dataset, Group, Organization, Resource
from ..services.organizations import AGENCIES, agency_org_id
from . import vocab
from .vocab import DCAT, DCTERMS, FOAF, GDC, GEO, HYDRA, OWL, RDF, RDFS, SKOS, SPDX, VCARD, XSD

CATALOG_TITLE = {"th": "ข้อมูลเปิดท้องถิ่น", "en": "Thongthin open data"}
CATALOG_DESCRIPTION = {
    "th": "ชุดข้อมูลเปิดขององค์กรปกครองส่วนท้องถิ่นและหน่วยงานที่เกี่ยวข้อง เผยแพร่บนแพลตฟอร์มท้องถิ่น",
    "en": "Open datasets of Thailand's local administrative organizations and of the agencies "
    "that work with them, published on the Thongthin platform.",
}
CATALOG_PUBLISHER = "thongthin"  # the agency that runs the platform (services/organizations.py)
CATALOG_PUBLISHER_EN = "Thongthin platform"


# --- URIs ----------------------------------------------------------------------------------------


def catalog_uri() -> URIRef:
    return URIRef(site_url())


def dataset_uri(dataset: Dataset) -> URIRef:
    return URIRef(f"{site_url()}/dataset/{dataset.id}")


def distribution_uri(resource: Resource) -> URIRef:
    return URIRef(f"{site_url()}/dataset/{resource.dataset_id}/resource/{resource.id}")


def organization_uri(org_id: str) -> URIRef:
    return URIRef(f"{site_url()}/organization/{org_id}")


def group_uri(group: Group) -> URIRef:
    return URIRef(f"{site_url()}/group/{group.id}")


def landing_page(dataset: Dataset) -> str:
    """The dataset's page (ckanext-dcat takes the package's `url`; ours goes to foaf:page)."""
    return site_url() + reverse("opendata:dataset", kwargs={"key": dataset.name})


def organization_page(org: Organization) -> str:
    return site_url() + reverse("opendata:organization", kwargs={"name": org.name})


def new_graph() -> Graph:
    graph = Graph(bind_namespaces="core")
    for prefix, namespace in vocab.PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    return graph


# --- the catalog ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Paging:
    """One page of the catalog: `page_url(n)` gives the address of page n."""

    page: int
    per_page: int
    total: int
    page_url: Callable[[int], str]

    @property
    def last(self) -> int:
        return max(1, -(-self.total // self.per_page))


def catalog_graph(
    datasets: Iterable[Dataset], *, paging: Paging, modified: dt.datetime | None
) -> Graph:
    graph = new_graph()
    catalog = catalog_uri()
    graph.add((catalog, RDF.type, DCAT.Catalog))
    for lang, value in CATALOG_TITLE.items():
        graph.add((catalog, DCTERMS.title, Literal(value, lang=lang)))
    for lang, value in CATALOG_DESCRIPTION.items():
        graph.add((catalog, DCTERMS.description, Literal(value, lang=lang)))
    graph.add((catalog, FOAF.homepage, URIRef(site_url() + "/")))
    graph.add((catalog, DCTERMS.language, vocab.THAI_LANGUAGE))
    graph.add((catalog, DCTERMS.language, vocab.ENGLISH_LANGUAGE))
    if modified is not None:
        graph.add((catalog, DCTERMS.modified, _datetime(modified)))
    publisher = organization_uri(agency_org_id(CATALOG_PUBLISHER))
    graph.add((catalog, DCTERMS.publisher, publisher))
    graph.add((publisher, RDF.type, FOAF.Agent))
    graph.add((publisher, RDF.type, FOAF.Organization))
    title = next(a.title for a in AGENCIES if a.name == CATALOG_PUBLISHER)
    graph.add((publisher, FOAF.name, Literal(title, lang="th")))
    graph.add((publisher, FOAF.name, Literal(CATALOG_PUBLISHER_EN, lang="en")))
    page = reverse("opendata:organization", kwargs={"name": CATALOG_PUBLISHER})
    graph.add((publisher, FOAF.homepage, URIRef(site_url() + page)))
    for dataset in datasets:
        graph.add((catalog, DCAT.dataset, add_dataset(graph, dataset)))
    add_paging(graph, paging)
    return graph


def add_paging(graph: Graph, paging: Paging) -> URIRef:
    """hydra:PagedCollection as ckanext-dcat writes it: the current page's URL as subject, page
    addresses as literals, under both Hydra's current names (first, next...) and the older ones
    (firstPage, nextPage...) that deployed harvesters still read."""
    node = URIRef(paging.page_url(paging.page))
    graph.add((node, RDF.type, HYDRA.PagedCollection))
    graph.add((node, HYDRA.totalItems, Literal(paging.total)))
    graph.add((node, HYDRA.itemsPerPage, Literal(paging.per_page)))
    links = {"first": 1, "last": paging.last}
    if paging.page > 1:
        links["previous"] = min(paging.page - 1, paging.last)
    if paging.page < paging.last:
        links["next"] = paging.page + 1
    for name, number in links.items():
        url = Literal(paging.page_url(number))
        graph.add((node, HYDRA[name], url))
        graph.add((node, HYDRA[f"{name}Page"], url))
    return node


# --- a dataset -----------------------------------------------------------------------------------


def dataset_graph(dataset: Dataset) -> Graph:
    graph = new_graph()
    add_dataset(graph, dataset)
    return graph


def add_dataset(graph: Graph, dataset: Dataset) -> URIRef:
    ref = dataset_uri(dataset)
    add = graph.add
    thai = thai_fields(dataset)
    add((ref, RDF.type, DCAT.Dataset))
    add((ref, DCTERMS.title, vocab.text(dataset.title)))
    # dct:description is mandatory in DCAT-AP 3; a dataset without notes falls back to its title.
    add((ref, DCTERMS.description, vocab.text(dataset.notes or dataset.title)))
    add((ref, DCTERMS.identifier, Literal(dataset.id)))
    add((ref, DCTERMS.issued, _datetime(dataset.metadata_created)))
    add((ref, DCTERMS.modified, _datetime(dataset.metadata_modified)))
    if dataset.version:
        add((ref, OWL.versionInfo, Literal(dataset.version)))
    page = URIRef(landing_page(dataset))
    add((ref, DCAT.landingPage, page))
    add((page, RDF.type, FOAF.Document))
    homepage = vocab.web_uri(dataset.url)
    if homepage is not None:
        add((ref, FOAF.page, homepage))
        add((homepage, RDF.type, FOAF.Document))
    for tag in sorted(dataset.tags.all(), key=lambda t: t.name):
        add((ref, DCAT.keyword, vocab.text(tag.name)))
    for group in sorted(dataset.groups.all(), key=lambda g: g.name):
        add((ref, DCAT.theme, _theme(graph, group)))
    add((ref, DCTERMS.publisher, _publisher(graph, dataset.owner_org)))
    contact = _contact_point(graph, dataset)
    if contact is not None:
        add((ref, DCAT.contactPoint, contact))
    periodicity = vocab.frequency(
        thai.get("update_frequency_unit"), thai.get("update_frequency_interval")
    )
    if periodicity is not None:
        add((ref, DCTERMS.accrualPeriodicity, periodicity))
        add((periodicity, RDF.type, DCTERMS.Frequency))
    _add_spatial(graph, ref, thai)
    _add_temporal(graph, ref, thai)
    for language in _list(thai.get("data_language")):
        if language in vocab.LANGUAGES:
            add((ref, DCTERMS.language, vocab.eu("language", vocab.LANGUAGES[language][0])))
    access = vocab.ACCESS_RIGHTS.get(dataset.data_category or thai.get("data_category") or "")
    if access:
        add((ref, DCTERMS.accessRights, vocab.eu("access-right", access)))
    license_node, rights_node = _license(graph, dataset)
    if license_node is not None:
        add((ref, DCTERMS.license, license_node))
    if rights_node is not None:
        add((ref, DCTERMS.rights, rights_node))
    _add_gdc(graph, ref, thai)
    for resource in published_resources(dataset):
        distribution = _add_distribution(graph, dataset, resource)
        add((ref, DCAT.distribution, distribution))
        if license_node is not None:
            # ckanext-dcat: a distribution without its own licence inherits the dataset's.
            add((distribution, DCTERMS.license, license_node))
    return ref


def thai_fields(dataset: Dataset) -> dict[str, Any]:
    """The GD Catalog values as package_dict returns them (columns win over the JSON copy)."""
    thai = dict(dataset.thai or {})
    if dataset.data_type:
        thai["data_type"] = dataset.data_type
    if dataset.data_category:
        thai["data_category"] = dataset.data_category
    return thai


def published_resources(dataset: Dataset) -> list[Resource]:
    """What the public sees: hidden resources (`resource_private`) are never published."""
    return permissions.visible_resources(None, dataset)


def _datetime(value: dt.datetime) -> Literal:
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return Literal(value.astimezone(dt.UTC).isoformat(), datatype=XSD.dateTime)


def _list(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value if v not in (None, "")]
    return [str(value)] if value not in (None, "") else []


def _publisher(graph: Graph, org: Organization) -> URIRef:
    ref = organization_uri(org.id)
    graph.add((ref, RDF.type, FOAF.Agent))
    graph.add((ref, RDF.type, FOAF.Organization))
    graph.add((ref, FOAF.name, vocab.text(org.title or org.name)))
    graph.add((ref, FOAF.homepage, URIRef(organization_page(org))))
    return ref


def _theme(graph: Graph, group: Group) -> URIRef:
    ref = group_uri(group)
    graph.add((ref, RDF.type, SKOS.Concept))
    graph.add((ref, SKOS.prefLabel, vocab.text(group.title or group.name)))
    return ref


def _contact_point(graph: Graph, dataset: Dataset) -> BNode | None:
    name = dataset.maintainer or dataset.author
    email = vocab.mailto(dataset.maintainer_email or dataset.author_email)
    if not name and email is None:
        return None
    node = BNode()
    graph.add((node, RDF.type, VCARD.Kind))
    graph.add((node, VCARD.fn, vocab.text(name or dataset.owner_org.title)))
    if email is not None:
        graph.add((node, VCARD.hasEmail, email))
    return node


def _license(graph: Graph, dataset: Dataset) -> tuple[Node | None, Node | None]:
    if not dataset.license_id:
        return None, None
    license = license_for(dataset.license_id)
    title = license.title if license else dataset.license_id
    url = vocab.web_uri(license.url) if license else None
    license_node: Node = url if url is not None else BNode()
    graph.add((license_node, RDF.type, DCTERMS.LicenseDocument))
    graph.add((license_node, RDFS.label, vocab.text(title)))
    graph.add((license_node, DCTERMS.identifier, Literal(dataset.license_id)))
    rights = BNode()
    graph.add((rights, RDF.type, DCTERMS.RightsStatement))
    graph.add((rights, RDFS.label, vocab.text(title)))
    return license_node, rights


def _add_spatial(graph: Graph, ref: URIRef, thai: dict[str, Any]) -> None:
    coverage = thai.get("geo_coverage")
    if isinstance(coverage, str) and coverage:
        graph.add((ref, DCTERMS.spatial, vocab.text(coverage)))
    bounds = bbox(thai)
    if bounds is None:
        return
    west, east, north, south = (format(n, "f") for n in bounds)
    location = BNode()
    polygon = (
        f"POLYGON(({west} {south}, {east} {south}, {east} {north}, {west} {north}, {west} {south}))"
    )
    graph.add((ref, DCTERMS.spatial, location))
    graph.add((location, RDF.type, DCTERMS.Location))
    graph.add((location, DCAT.bbox, Literal(polygon, datatype=GEO.wktLiteral)))


def bbox(thai: dict[str, Any]) -> tuple[Decimal, Decimal, Decimal, Decimal] | None:
    sides = ("west", "east", "north", "south")  # GD Catalog names north/south "_longitude" too
    numbers = [vocab.decimal(thai.get(f"{side}_bound_longitude")) for side in sides]
    if any(n is None for n in numbers):
        return None
    west, east, north, south = (n for n in numbers if n is not None)
    if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
        return None
    return west, east, north, south


def ce_year(value: Any) -> int | None:
    """GD Catalog years are Buddhist Era (2563); dcat:startDate wants the Gregorian year."""
    number = vocab.decimal(value)
    if number is None or number != int(number):
        return None
    year = int(number)
    year = year - 543 if year > 2400 else year
    return year if 1 <= year <= 9999 else None


def _add_temporal(graph: Graph, ref: URIRef, thai: dict[str, Any]) -> None:
    start, end = ce_year(thai.get("first_year_of_data")), ce_year(thai.get("last_year_of_data"))
    if start is None and end is None:
        return
    period = BNode()
    graph.add((ref, DCTERMS.temporal, period))
    graph.add((period, RDF.type, DCTERMS.PeriodOfTime))
    if start is not None:
        graph.add((period, DCAT.startDate, Literal(f"{start:04d}", datatype=XSD.gYear)))
    if end is not None:
        graph.add((period, DCAT.endDate, Literal(f"{end:04d}", datatype=XSD.gYear)))


def _add_gdc(graph: Graph, ref: URIRef, thai: dict[str, Any]) -> None:
    """Every GD Catalog field under gdc:<field name>, mapped or not, so a GD Catalog harvester
    can rebuild the package exactly; `<field>_other` texts as gdc:<field>_other."""
    for field in FIELDS:
        for value in _list(thai.get(field.name)):
            graph.add((ref, GDC[field.name], _gdc_value(field.kind, value)))
        other = thai.get(f"{field.name}_other")
        if isinstance(other, str) and other:
            graph.add((ref, GDC[f"{field.name}_other"], vocab.text(other)))


def _gdc_value(kind: str, value: str) -> Node:
    if kind == "bool" and value in ("True", "False"):
        return Literal(value == "True")
    if kind == "date":
        try:
            return Literal(dt.date.fromisoformat(value[:10]).isoformat(), datatype=XSD.date)
        except ValueError:
            return Literal(value)
    if kind == "number":
        number = vocab.decimal(value)
        if number is None:
            return Literal(value)
        return Literal(int(number)) if number == number.to_integral_value() else Literal(number)
    if kind == "url":
        return vocab.web_uri(value) or Literal(value)
    return vocab.text(value)


# --- a distribution ------------------------------------------------------------------------------


def _add_distribution(graph: Graph, dataset: Dataset, resource: Resource) -> URIRef:
    ref = distribution_uri(resource)
    add = graph.add
    add((ref, RDF.type, DCAT.Distribution))
    add((ref, DCTERMS.title, vocab.text(resource.name or resource.format or resource.id)))
    if resource.description:
        add((ref, DCTERMS.description, vocab.text(resource.description)))
    if resource.upload:
        download = URIRef(resource_download_url(resource))
        add((ref, DCAT.accessURL, download))
        add((ref, DCAT.downloadURL, download))
    else:
        # dcat:accessURL is mandatory: a resource without a usable link points at the dataset page.
        add((ref, DCAT.accessURL, vocab.web_uri(resource.url) or URIRef(landing_page(dataset))))
    media = vocab.media_type(resource.mimetype)
    if media is not None:
        add((ref, DCAT.mediaType, media))
        add((media, RDF.type, DCTERMS.MediaType))
    if resource.format:
        fmt: Node = vocab.file_type(resource.format) or BNode()
        add((ref, DCTERMS["format"], fmt))
        add((fmt, RDF.type, DCTERMS.MediaTypeOrExtent))
        if isinstance(fmt, BNode):
            add((fmt, RDFS.label, Literal(resource.format)))
    if resource.size is not None and resource.size >= 0:
        add((ref, DCAT.byteSize, Literal(str(resource.size), datatype=XSD.nonNegativeInteger)))
    add((ref, DCTERMS.issued, _datetime(resource.created)))
    add((ref, DCTERMS.modified, _datetime(resource.last_modified or resource.metadata_modified)))
    digest = vocab.checksum(resource.hash)
    if digest is not None:
        algorithm, value = digest
        node = BNode()
        add((ref, SPDX.checksum, node))
        add((node, RDF.type, SPDX.Checksum))
        add((node, SPDX.algorithm, algorithm))
        add((node, SPDX.checksumValue, Literal(value, datatype=XSD.hexBinary)))
    return ref
