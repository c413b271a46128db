"""The RDF serializations served (the URL suffixes of ckanext-dcat) and the `<link rel="alternate">`
addresses that advertise them."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from rdflib import Graph

from ..dictization import site_url
from ..models import Dataset
from .vocab import PREFIXES


@dataclass(frozen=True)
class Format:
    suffix: str
    content_type: str
    rdflib_name: str


FORMATS: dict[str, Format] = {
    f.suffix: f
    for f in [
        Format("jsonld", "application/ld+json", "json-ld"),
        Format("ttl", "text/turtle", "turtle"),
        Format("rdf", "application/rdf+xml", "pretty-xml"),
        Format("xml", "application/rdf+xml", "pretty-xml"),
        Format("n3", "text/n3", "n3"),
    ]
}
SUFFIX_PATTERN = "|".join(FORMATS)
# Advertised on pages, one per media type (.xml is the same document as .rdf).
ALTERNATES = ("jsonld", "ttl", "rdf")
JSONLD_CONTEXT = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}


def serialize(graph: Graph, suffix: str) -> bytes:
    fmt = FORMATS[suffix]
    if fmt.rdflib_name == "json-ld":
        return graph.serialize(
            format="json-ld", context=JSONLD_CONTEXT, auto_compact=True, encoding="utf-8"
        )
    return graph.serialize(format=fmt.rdflib_name, encoding="utf-8")


def content_type(suffix: str) -> str:
    return f"{FORMATS[suffix].content_type}; charset=utf-8"


def alternate_links(dataset: Dataset) -> list[tuple[str, str]]:
    """(media type, absolute URL) of the dataset's RDF documents, for
    `<link rel="alternate" type="{{ type }}" href="{{ url }}">` on the dataset page."""
    return [
        (
            FORMATS[suffix].content_type,
            site_url()
            + reverse("opendata:dcat_dataset", kwargs={"key": dataset.name, "fmt": suffix}),
        )
        for suffix in ALTERNATES
    ]


def catalog_alternate_links() -> list[tuple[str, str]]:
    """The same for the catalog, for the home and search pages."""
    return [
        (
            FORMATS[suffix].content_type,
            site_url() + reverse("opendata:dcat_catalog", kwargs={"fmt": suffix}),
        )
        for suffix in ALTERNATES
    ]
