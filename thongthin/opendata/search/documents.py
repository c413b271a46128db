"""A dataset as the index holds it: filter and sort values, words per ranked field, facet values.
Built the same way for every backend; only active resources count."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch

from .. import permissions
from ..metadata import FIELDS
from ..models import Dataset, Resource, State
from .words import index_words

# Ranked fields, highest first. The database backend stores each as a column of words; an
# OpenSearch backend would boost them in this order.
RANKED_FIELDS = ("title", "tags", "notes", "other")
WORD_LIMITS = {"title": 300, "tags": 500, "notes": 3000, "other": 3000}
_TEXT_KINDS = {"text", "markdown", "select", "multiple"}
CHUNK = 500


@dataclass
class IndexDocument:
    dataset_id: str
    name: str
    title: str
    state: str
    private: bool
    type: str
    owner_org_id: str
    organization: str
    license_id: str
    data_type: str
    data_category: str
    metadata_created: dt.datetime
    metadata_modified: dt.datetime
    words: dict[str, list[str]]  # RANKED_FIELDS -> distinct words
    facets: list[tuple[str, str]] = field(default_factory=list)  # (field, value)


def datasets_for_index(ids: Iterable[str] | None = None) -> Iterator[Dataset]:
    """The datasets (all when `ids` is None) with everything the index needs, in chunks."""
    queryset = (
        Dataset.objects.select_related("owner_org")
        .prefetch_related(
            "tags",
            "groups",
            Prefetch(
                "resources",
                queryset=Resource.objects.filter(state=State.ACTIVE).only(
                    "id",
                    "dataset_id",
                    "name",
                    "description",
                    "format",
                    "position",
                    "created",
                    "state",
                    "extras",
                ),
            ),
        )
        .order_by("id")
    )
    if ids is None:
        last = ""
        while True:
            chunk = list(queryset.filter(id__gt=last)[:CHUNK])
            yield from chunk
            if len(chunk) < CHUNK:
                return
            last = chunk[-1].id
    wanted = list(dict.fromkeys(ids))
    for start in range(0, len(wanted), CHUNK):
        yield from queryset.filter(id__in=wanted[start : start + CHUNK])


def build(dataset: Dataset) -> IndexDocument:
    org = dataset.owner_org
    tags = [t.name for t in dataset.tags.all()]
    groups = list(dataset.groups.all())
    # What the public sees: a hidden resource's words must not find the dataset.
    resources = permissions.visible_resources(None, dataset)
    facets: list[tuple[str, str]] = []
    for name, values in (
        ("organization", [org.name]),
        ("license_id", [dataset.license_id]),
        ("data_type", [dataset.data_type]),
        ("data_category", [dataset.data_category]),
        ("tags", tags),
        ("groups", [g.name for g in groups]),
        ("res_format", [r.format for r in resources]),
    ):
        facets += [(name, v) for v in dict.fromkeys(v.strip() for v in values) if v]
    texts: dict[str, list[str | None]] = {
        "title": [dataset.title, dataset.name],
        "tags": [*tags, *(g.title for g in groups), *(g.name for g in groups)],
        "notes": [dataset.notes],
        "other": [
            *(text for r in resources for text in (r.name, r.description, r.format)),
            org.title,
            org.name,
            dataset.author,
            dataset.maintainer,
            dataset.version,
            *_thai_texts(dataset.thai),
            *(str(e.get("value", "")) for e in dataset.extras or [] if isinstance(e, dict)),
        ],
    }
    return IndexDocument(
        dataset_id=dataset.id,
        name=dataset.name,
        title=dataset.title.strip(),
        state=dataset.state,
        private=dataset.private,
        type=dataset.type,
        owner_org_id=dataset.owner_org_id,
        organization=org.name,
        license_id=dataset.license_id,
        data_type=dataset.data_type,
        data_category=dataset.data_category,
        metadata_created=dataset.metadata_created,
        metadata_modified=dataset.metadata_modified,
        words={f: index_words(texts[f], limit=WORD_LIMITS[f]) for f in RANKED_FIELDS},
        facets=facets,
    )


def _thai_texts(thai: dict[str, Any] | None) -> Iterator[str]:
    """Words worth finding in the Thai metadata: free text and chosen labels, not dates,
    numbers or yes/no."""
    if not isinstance(thai, dict):
        return
    for f in FIELDS:
        if f.kind not in _TEXT_KINDS:
            continue
        value = thai.get(f.name)
        if isinstance(value, str):
            yield value
        elif isinstance(value, list):
            yield from (v for v in value if isinstance(v, str))
        other = thai.get(f"{f.name}_other")
        if isinstance(other, str):
            yield other
