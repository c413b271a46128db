"""schema.org `Dataset` JSON-LD for Google Dataset Search (ckanext-dcat's `structured_data`
plugin and `schemaorg` profile), embedded in the dataset page:

    {{ dataset_jsonld_script }}   <- jsonld_script(dataset_jsonld(dataset)) from the view
"""

from __future__ import annotations

import json
from typing import Any

from django.utils.html import format_html
from django.utils.safestring import SafeString

from ..dictization import resource_download_url
from ..licenses import license_for
from ..models import Dataset, OrganizationKind
from . import vocab
from .graph import (
    bbox,
    ce_year,
    dataset_uri,
    landing_page,
    organization_page,
    published_resources,
    thai_fields,
)

LAO_COVERAGE = "เทศบาล/อบต."


def dataset_jsonld(dataset: Dataset) -> dict[str, Any]:
    """Expects the dataset with its relations loaded (selectors.datasets_with_relations)."""
    thai = thai_fields(dataset)
    org = dataset.owner_org
    organization = {
        "@type": "Organization",
        "name": org.title or org.name,
        "url": organization_page(org),
    }
    data: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "Dataset",
        "@id": str(dataset_uri(dataset)),
        "name": dataset.title,
        "description": dataset.notes or dataset.title,
        "url": landing_page(dataset),
        "identifier": dataset.id,
        "keywords": sorted(t.name for t in dataset.tags.all()),
        "creator": organization,
        "publisher": organization,
        "dateCreated": _iso(dataset.metadata_created),
        "dateModified": _iso(dataset.metadata_modified),
        "isAccessibleForFree": True,
    }
    license = license_for(dataset.license_id)
    if license and license.url:
        data["license"] = license.url
    elif dataset.license_id:
        data["license"] = license.title if license else dataset.license_id
    if dataset.version:
        data["version"] = dataset.version
    languages = [
        vocab.LANGUAGES[x][1] for x in _as_list(thai.get("data_language")) if x in vocab.LANGUAGES
    ]
    if languages:
        data["inLanguage"] = languages if len(languages) > 1 else languages[0]
    spatial = _spatial(dataset, thai)
    if spatial:
        data["spatialCoverage"] = spatial
    temporal = _temporal(thai)
    if temporal:
        data["temporalCoverage"] = temporal
    distribution = []
    for resource in published_resources(dataset):
        url = resource_download_url(resource) if resource.upload else vocab.web_uri(resource.url)
        if not url:
            continue
        item: dict[str, Any] = {"@type": "DataDownload", "contentUrl": str(url)}
        if resource.name:
            item["name"] = resource.name
        if resource.description:
            item["description"] = resource.description
        encoding = resource.mimetype or resource.format
        if encoding:
            item["encodingFormat"] = encoding
        if resource.size:
            item["contentSize"] = f"{resource.size} B"
        distribution.append(item)
    if distribution:
        data["distribution"] = distribution
    return data


def jsonld_script(data: dict[str, Any]) -> SafeString:
    """`<script type="application/ld+json">` with the characters that could end the element
    escaped (as Django's json_script does), safe to place in a template."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    return format_html('<script type="application/ld+json">{}</script>', SafeString(text))


def _iso(value: Any) -> str:
    return value.isoformat() if value else ""


def _as_list(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)] if value not in (None, "") else []


def _spatial(dataset: Dataset, thai: dict[str, Any]) -> dict[str, Any] | None:
    coverage = thai.get("geo_coverage")
    org = dataset.owner_org
    place: dict[str, Any] = {"@type": "Place"}
    if coverage == LAO_COVERAGE and org.kind == OrganizationKind.LAO:
        place["name"] = org.title  # the LAO's own area
    elif isinstance(coverage, str) and coverage and coverage not in ("ไม่มี", "ไม่ทราบ"):
        place["name"] = coverage
    bounds = bbox(thai)
    if bounds is not None:
        west, east, north, south = (format(n, "f") for n in bounds)
        place["geo"] = {"@type": "GeoShape", "box": f"{south} {west} {north} {east}"}
    return place if len(place) > 1 else None


def _temporal(thai: dict[str, Any]) -> str | None:
    start, end = ce_year(thai.get("first_year_of_data")), ce_year(thai.get("last_year_of_data"))
    if start is None and end is None:
        return None
    return f"{start or '..'}/{end or '..'}"
