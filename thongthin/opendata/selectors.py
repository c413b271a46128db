"""Reads of the catalog, always through who-may-see-what (permissions.py)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from . import permissions
from .licenses import license_for
from .models import Dataset, Group, Organization, Resource, State


def datasets_with_relations(queryset: QuerySet[Dataset]) -> QuerySet[Dataset]:
    """Everything package_dict reads, in a fixed number of queries for any page size."""
    return queryset.select_related("owner_org", "stats").prefetch_related(
        "tags",
        "groups",
        Prefetch("resources", queryset=Resource.objects.filter(state=State.ACTIVE)),
    )


def datasets_by_ids(ids: list[str]) -> list[Dataset]:
    """The datasets in the given order (search results)."""
    found = {d.id: d for d in datasets_with_relations(Dataset.objects.filter(id__in=ids))}
    return [found[i] for i in ids if i in found]


def dataset_get(*, user: Any, key: Any) -> Dataset | None:
    """A dataset by id or name, if the user may read it (private and draft ones only for their
    organization's members; deleted ones for its editors and sysadmins)."""
    if not key or not isinstance(key, str):
        return None
    base = datasets_with_relations(Dataset.objects.all())
    dataset = base.filter(pk=key).first() or base.filter(name=key).first()
    if dataset is None:
        return None
    return dataset if permissions.can_read_dataset(user, dataset) else None


def public_datasets() -> QuerySet[Dataset]:
    return Dataset.objects.filter(state=State.ACTIVE, private=False)


def visible_datasets_filter(user: Any) -> Q:
    """Active datasets the user may see: public ones, plus private ones of their organizations."""
    readable = permissions.readable_org_ids(user)
    visible = Q(state=State.ACTIVE, private=False)
    if readable is None:
        return Q(state=State.ACTIVE)
    if readable:
        visible |= Q(state=State.ACTIVE, owner_org_id__in=readable)
    return visible


def organizations_with_counts(
    queryset: QuerySet[Organization] | None = None,
) -> QuerySet[Organization]:
    queryset = queryset if queryset is not None else Organization.objects.filter(state=State.ACTIVE)
    return queryset.annotate(
        package_count=Count(
            "datasets", filter=Q(datasets__state=State.ACTIVE, datasets__private=False)
        )
    )


def groups_with_counts(queryset: QuerySet[Group] | None = None) -> QuerySet[Group]:
    queryset = queryset if queryset is not None else Group.objects.filter(state=State.ACTIVE)
    return queryset.annotate(
        package_count=Count(
            "datasets", filter=Q(datasets__state=State.ACTIVE, datasets__private=False)
        )
    )


def resource_get(*, user: Any, key: Any) -> Resource | None:
    if not key or not isinstance(key, str):
        return None
    resource = Resource.objects.select_related("dataset__owner_org").filter(pk=key).first()
    if resource is None or resource.state == State.DELETED:
        return None
    return resource if permissions.can_read_resource(user, resource) else None


def facet_display_names(facets: dict[str, dict[str, int]]) -> dict[str, dict[str, str]]:
    names: dict[str, dict[str, str]] = {}
    if facets.get("organization"):
        names["organization"] = dict(
            Organization.objects.filter(name__in=list(facets["organization"])).values_list(
                "name", "title"
            )
        )
    if facets.get("groups"):
        names["groups"] = dict(
            Group.objects.filter(name__in=list(facets["groups"])).values_list("name", "title")
        )
    if facets.get("license_id"):
        names["license_id"] = {
            key: lic.title for key in facets["license_id"] if (lic := license_for(key))
        }
    return names
