"""Catalog objects as CKAN's API shows them (domain notes §1.6): the exact key sets that
ckanapi's dump writes and its load sends back."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.urls import reverse

from . import permissions
from .licenses import license_for
from .metadata import FIELDS
from .models import Dataset, DatasetStats, Group, Organization, Resource, Tag


def ckan_datetime(value: dt.datetime | None) -> str | None:
    """ISO 8601 without a zone, in UTC, as CKAN writes dates."""
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value.isoformat(timespec="microseconds")


def site_url() -> str:
    return settings.THONGTHIN["SITE_URL"].rstrip("/")


def organization_dict(
    org: Organization | None, *, package_count: int | None = None
) -> dict[str, Any] | None:
    if org is None:
        return None
    data: dict[str, Any] = {
        "id": org.id,
        "name": org.name,
        "title": org.title,
        "type": "organization",
        "description": org.description,
        "image_url": org.image_url,
        "created": ckan_datetime(org.created),
        "is_organization": True,
        "approval_status": "approved",
        "state": org.state,
    }
    if package_count is not None:
        data.update(
            display_name=org.title or org.name,
            image_display_url=org.image_url,
            package_count=package_count,
        )
    return data


def group_dict(group: Group, *, package_count: int | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": group.id,
        "name": group.name,
        "title": group.title,
        "display_name": group.title or group.name,
        "description": group.description,
        "image_display_url": group.image_url,
    }
    if package_count is not None:
        data.update(
            type="group",
            image_url=group.image_url,
            created=ckan_datetime(group.created),
            is_organization=False,
            approval_status="approved",
            state=group.state,
            package_count=package_count,
        )
    return data


def tag_dict(tag: Tag) -> dict[str, Any]:
    return {
        "id": tag.id,
        "name": tag.name,
        "display_name": tag.name,
        "state": "active",
        "vocabulary_id": None,
    }


def resource_download_url(resource: Resource) -> str:
    filename = (resource.upload.name or "file").rsplit("/", 1)[-1] if resource.upload else "file"
    path = reverse(
        "opendata:resource_download",
        kwargs={
            "dataset_id": resource.dataset_id,
            "resource_id": resource.id,
            "filename": filename,
        },
    )
    return site_url() + path


def resource_dict(resource: Resource, *, tracking: dict[str, int] | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "cache_last_updated": None,
        "cache_url": None,
        "created": ckan_datetime(resource.created),
        "datastore_active": resource.datastore_active,
        "description": resource.description,
        "format": resource.format,
        "hash": resource.hash,
        "id": resource.id,
        "last_modified": ckan_datetime(resource.last_modified),
        "metadata_modified": ckan_datetime(resource.metadata_modified),
        "mimetype": resource.mimetype or None,
        "mimetype_inner": None,
        "name": resource.name,
        "package_id": resource.dataset_id,
        "position": resource.position,
        "resource_type": resource.resource_type or None,
        "size": resource.size,
        "state": resource.state,
        "url": resource_download_url(resource) if resource.upload else resource.url,
        "url_type": resource.url_type or None,
        "tracking_summary": tracking or {"total": 0, "recent": 0},
    }
    for key, value in (resource.extras or {}).items():
        data.setdefault(key, value)
    return data


def package_dict(dataset: Dataset, *, user: Any = None) -> dict[str, Any]:
    """Expects the dataset with owner_org, tags, groups and resources loaded (see
    selectors.datasets_with_relations) to keep a page of results to a fixed number of queries.
    Hidden resources (`resource_private`) are listed only for a `user` who may update it."""
    license = license_for(dataset.license_id)
    resources = permissions.visible_resources(user, dataset)
    tags = sorted(dataset.tags.all(), key=lambda t: t.name)
    try:
        stats = dataset.stats
    except DatasetStats.DoesNotExist:
        stats = None
    data: dict[str, Any] = {
        "author": dataset.author or None,
        "author_email": dataset.author_email or None,
        "creator_user_id": str(dataset.creator_user_id) if dataset.creator_user_id else None,
        "extras": list(dataset.extras or []),
        "groups": [group_dict(g) for g in sorted(dataset.groups.all(), key=lambda g: g.name)],
        "id": dataset.id,
        "isopen": bool(license and license.is_open),
        "license_id": dataset.license_id or None,
        "license_title": license.title if license else (dataset.license_id or None),
        "maintainer": dataset.maintainer or None,
        "maintainer_email": dataset.maintainer_email or None,
        "metadata_created": ckan_datetime(dataset.metadata_created),
        "metadata_modified": ckan_datetime(dataset.metadata_modified),
        "name": dataset.name,
        "notes": dataset.notes,
        "num_resources": len(resources),
        "num_tags": len(tags),
        "organization": organization_dict(dataset.owner_org),
        "owner_org": dataset.owner_org_id,
        "private": dataset.private,
        "relationships_as_object": [],
        "relationships_as_subject": [],
        "resources": [resource_dict(r) for r in resources],
        "state": dataset.state,
        "tags": [tag_dict(t) for t in tags],
        "title": dataset.title,
        "type": dataset.type,
        "url": dataset.url,
        "version": dataset.version or None,
        "tracking_summary": {
            "total": stats.views_total if stats else 0,
            "recent": stats.views_recent if stats else 0,
        },
    }
    if license and license.url:
        data["license_url"] = license.url
    thai = dict(dataset.thai or {})
    thai["data_type"] = dataset.data_type or thai.get("data_type")
    thai["data_category"] = dataset.data_category or thai.get("data_category")
    for field in FIELDS:
        if field.name in thai and thai[field.name] not in (None, ""):
            data[field.name] = thai[field.name]
        other = f"{field.name}_other"
        if other in thai:
            data[other] = thai[other]
    return data
