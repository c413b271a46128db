"""Resources (files kept here and links): parsing the CKAN resource dict, applying a list of them
to a dataset, and resource_create/update/patch/delete with multipart uploads."""

from __future__ import annotations

import hashlib
import mimetypes
import posixpath
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from thongthin.core.audit import audit_record

from .. import permissions
from ..ckan.errors import NotAuthorized, NotFound, ValidationError
from ..models import Dataset, Resource, State
from . import indexing
from .validation import as_int, clean_text, parse_datetime

CORE_KEYS = {
    "id",
    "package_id",
    "url",
    "description",
    "format",
    "hash",
    "state",
    "position",
    "name",
    "resource_type",
    "url_type",
    "mimetype",
    "mimetype_inner",
    "cache_url",
    "size",
    "created",
    "last_modified",
    "cache_last_updated",
    "datastore_active",
    "metadata_modified",
    "tracking_summary",
    "upload",
    "clear_upload",
}
FORMATS = {
    "csv": "CSV",
    "tsv": "TSV",
    "xlsx": "XLSX",
    "xls": "XLS",
    "ods": "ODS",
    "json": "JSON",
    "geojson": "GeoJSON",
    "xml": "XML",
    "pdf": "PDF",
    "doc": "DOC",
    "docx": "DOCX",
    "txt": "TXT",
    "zip": "ZIP",
    "shp": "SHP",
    "kml": "KML",
    "ttl": "TTL",
    "rdf": "RDF",
    "jsonld": "JSON-LD",
    "png": "PNG",
    "jpg": "JPEG",
    "jpeg": "JPEG",
    "html": "HTML",
    "htm": "HTML",
    "api": "API",
}


def max_upload_bytes() -> int:
    return int(settings.THONGTHIN["OPENDATA_MAX_UPLOAD_BYTES"])


def guess_format(name_or_url: str) -> str:
    path = name_or_url.split("?", 1)[0].split("#", 1)[0]
    ext = posixpath.splitext(path)[1].lower().lstrip(".")
    return FORMATS.get(ext, ext.upper() if ext.isalnum() and len(ext) <= 8 else "")


@dataclass
class ResourceInput:
    id: str | None = None
    values: dict[str, Any] = field(default_factory=dict)  # model attributes to set
    extras: dict[str, Any] | None = None
    upload: UploadedFile | None = None
    clear_upload: bool = False


def parse_resource(
    raw: Any, errors: dict[str, list[str]], *, sysadmin: bool, partial: bool = False
) -> ResourceInput:
    if not isinstance(raw, dict):
        errors["__junk"] = [_("ทรัพยากรต้องเป็นออบเจกต์ JSON")]
        return ResourceInput()
    item = ResourceInput()
    if raw.get("id"):
        try:
            item.id = str(uuid.UUID(str(raw["id"])))
        except ValueError:
            errors["id"] = [_("รหัสต้องเป็น UUID")]
    values = item.values

    def given(key: str) -> bool:
        return key in raw or not partial

    for key, max_length in (
        ("name", 500),
        ("description", 20000),
        ("resource_type", 100),
        ("mimetype", 200),
        ("hash", 200),
        ("url", 2000),
    ):
        if given(key):
            values[key] = clean_text(raw.get(key), max_length=max_length, field=key, errors=errors)
    if given("format"):
        values["format"] = clean_text(
            raw.get("format"), max_length=100, field="format", errors=errors
        )
    if given("url_type"):
        url_type = clean_text(raw.get("url_type"), max_length=20, field="url_type", errors=errors)
        values["url_type"] = url_type if url_type in ("", "upload") else ""
    if raw.get("size") not in (None, ""):
        try:
            values["size"] = as_int(raw["size"])
        except ValueError as exc:
            errors["size"] = [str(exc)]
    elif given("size"):
        values["size"] = None
    for key in (
        ("created", "last_modified", "metadata_modified") if sysadmin else ("last_modified",)
    ):
        if raw.get(key):
            try:
                values[key] = parse_datetime(raw[key])
            except ValueError as exc:
                errors[key] = [str(exc)]
    url = values.get("url", "")
    if url and not url.lower().startswith(("http://", "https://", "ftp://")):
        errors["url"] = [_("ที่อยู่เว็บไม่ถูกต้อง (ต้องขึ้นต้นด้วย http:// หรือ https://)")]
    upload = raw.get("upload")
    if isinstance(upload, UploadedFile):
        if upload.size and upload.size > max_upload_bytes():
            errors["upload"] = [
                _("ไฟล์ใหญ่เกิน %(mb)s MB") % {"mb": max_upload_bytes() // (1024 * 1024)}
            ]
        item.upload = upload
    elif upload not in (None, ""):
        errors["upload"] = [_("ต้องแนบไฟล์แบบ multipart/form-data")]
    item.clear_upload = str(raw.get("clear_upload", "")).lower() in ("true", "1", "on")
    extras = {k: v for k, v in raw.items() if k not in CORE_KEYS and isinstance(k, str)}
    if extras or not partial:
        clean_extras: dict[str, Any] = {}
        for key, value in extras.items():
            if len(key) > 100 or (isinstance(value, dict | list) and len(str(value)) > 10000):
                errors[key[:100]] = [_("ค่าไม่ถูกต้อง")]
                continue
            clean_extras[key] = value
        item.extras = clean_extras
    return item


def _store_upload(resource: Resource, upload: UploadedFile, given: dict[str, Any]) -> None:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    filename = get_valid_filename(posixpath.basename(upload.name or "file")) or "file"
    resource.upload.save(filename, upload, save=False)
    resource.url_type = "upload"
    resource.url = ""
    resource.size = upload.size
    # A new file has its own checksum and media type, computed here whatever the request says
    # (a client that sends back the old resource dict must not keep the old file's hash); the
    # format is the caller's when the request names one, else guessed from the file name.
    resource.hash = f"sha256:{digest.hexdigest()}"
    resource.mimetype = mimetypes.guess_type(filename)[0] or ""
    resource.format = given.get("format") or guess_format(filename)
    if not resource.name:
        resource.name = filename
    resource.last_modified = timezone.now()


def _apply_one(resource: Resource, item: ResourceInput) -> None:
    new_file = item.upload is not None
    for key, value in item.values.items():
        setattr(resource, key, value)
    if item.extras is not None:
        resource.extras = item.extras
    if item.clear_upload and resource.upload:
        resource.upload = None
        resource.url_type = ""
    if new_file:
        assert item.upload is not None
        _store_upload(resource, item.upload, item.values)
    elif resource.upload and resource.url_type == "upload":
        resource.url = ""  # the download address is computed from the file
    elif resource.upload and resource.url:
        resource.upload = None  # switched from a file to a link
    if not resource.format:
        resource.format = guess_format(
            (resource.upload.name or "") if resource.upload else resource.url
        )
    resource.format = resource.format.strip()
    resource.state = State.ACTIVE
    resource.metadata_modified = item.values.get("metadata_modified") or timezone.now()


def apply_resources(
    dataset: Dataset, items: list[ResourceInput], *, actor: Any, delete_missing: bool
) -> list[Resource]:
    """Apply a package's resource list: listed ids are updated, new ones created (keeping a given
    id when it is free: ckanapi load), and, with `delete_missing`, unlisted ones deleted.
    Returns the resources that received a new file (for the datastore to load), not every one
    listed: a metadata edit must not reload every table."""
    current = {r.id: r for r in dataset.resources.filter(state=State.ACTIVE)}
    new_files: list[Resource] = []
    for position, item in enumerate(items):
        resource = current.pop(item.id, None) if item.id else None
        if resource is None:
            rid = item.id if item.id and not Resource.objects.filter(pk=item.id).exists() else None
            resource = Resource(id=rid or str(uuid.uuid4()), dataset=dataset)
        _apply_one(resource, item)
        resource.position = position
        resource.save()
        if item.upload is not None:
            new_files.append(resource)
    if delete_missing:
        for resource in current.values():
            resource.state = State.DELETED
            resource.save(update_fields=["state"])
    else:
        for offset, resource in enumerate(sorted(current.values(), key=lambda r: r.position)):
            resource.position = len(items) + offset
            resource.save(update_fields=["position"])
    return new_files


def _dataset_for_write(actor: Any, key: Any) -> Dataset:
    if not key:
        raise ValidationError({"package_id": [_("จำเป็นต้องระบุ")]})
    dataset = (
        Dataset.objects.select_for_update().filter(pk=str(key)).first()
        or Dataset.objects.select_for_update().filter(name=str(key)).first()
    )
    if dataset is None or not permissions.can_read_dataset(actor, dataset):
        raise NotFound(_("ชุดข้อมูล"))
    if not permissions.can_edit_org_datasets(actor, dataset.owner_org):
        raise NotAuthorized(_("ผู้ใช้ไม่มีสิทธิ์แก้ไขชุดข้อมูลนี้"))
    return dataset


def _resource_for_write(actor: Any, key: Any) -> Resource:
    if not key:
        raise ValidationError({"id": [_("จำเป็นต้องระบุ")]})
    resource = Resource.objects.select_related("dataset").filter(pk=str(key)).first()
    if resource is None or resource.state == State.DELETED:
        raise NotFound(_("ทรัพยากร"))
    _dataset_for_write(actor, resource.dataset_id)
    return (
        Resource.objects.select_for_update()
        .select_related("dataset__owner_org")
        .get(pk=resource.pk)
    )


def _has_datastore(resource: Resource) -> bool:
    from ..datastore.models import DatastoreTable

    return DatastoreTable.objects.filter(resource=resource).exclude(table_name="").exists()


def _touch(dataset: Dataset) -> None:
    Dataset.objects.filter(pk=dataset.pk).update(metadata_modified=timezone.now())


def _snapshot(resource: Resource) -> dict[str, Any]:
    return {
        "name": resource.name,
        "format": resource.format,
        "url": resource.url,
        "file": resource.upload.name if resource.upload else "",
        "size": resource.size,
        "state": resource.state,
    }


@transaction.atomic
def resource_create(*, actor: Any, data: dict[str, Any]) -> Resource:
    if not isinstance(data, dict):
        raise ValidationError({"__junk": [_("ข้อมูลต้องเป็นออบเจกต์ JSON")]})
    dataset = _dataset_for_write(actor, data.get("package_id"))
    errors: dict[str, list[str]] = {}
    item = parse_resource(data, errors, sysadmin=permissions.is_sysadmin(actor))
    if not item.upload and not item.values.get("url"):
        errors.setdefault("url", [_("ต้องแนบไฟล์หรือระบุที่อยู่เว็บของข้อมูล")])
    if errors:
        raise ValidationError(errors)
    existing = list(dataset.resources.filter(state=State.ACTIVE).order_by("position"))
    rid = item.id if item.id and not Resource.objects.filter(pk=item.id).exists() else None
    resource = Resource(id=rid or str(uuid.uuid4()), dataset=dataset)
    _apply_one(resource, item)
    resource.position = len(existing)
    resource.save()
    _touch(dataset)
    audit_record(
        actor=actor,
        action="opendata.resource.created",
        target=resource,
        after=_snapshot(resource),
        lao=dataset.owner_org.lao,
    )
    indexing.after_dataset_change(dataset, changed_resources=[resource], actor=actor)
    return resource


@transaction.atomic
def resource_update(*, actor: Any, data: dict[str, Any], partial: bool = False) -> Resource:
    """resource_update (fields not given are cleared) or, with `partial`, resource_patch."""
    if not isinstance(data, dict):
        raise ValidationError({"__junk": [_("ข้อมูลต้องเป็นออบเจกต์ JSON")]})
    resource = _resource_for_write(actor, data.get("id"))
    before = _snapshot(resource)
    errors: dict[str, list[str]] = {}
    item = parse_resource(data, errors, sysadmin=permissions.is_sysadmin(actor), partial=partial)
    if not partial and not item.upload and not resource.upload and not item.values.get("url"):
        errors.setdefault("url", [_("ต้องแนบไฟล์หรือระบุที่อยู่เว็บของข้อมูล")])
    if errors:
        raise ValidationError(errors)
    _apply_one(resource, item)
    resource.save()
    _touch(resource.dataset)
    audit_record(
        actor=actor,
        action="opendata.resource.updated",
        target=resource,
        before=before,
        after=_snapshot(resource),
        lao=resource.dataset.owner_org.lao,
    )
    changed = [resource] if item.upload is not None else []
    indexing.after_dataset_change(resource.dataset, changed_resources=changed, actor=actor)
    return resource


@transaction.atomic
def resource_delete(*, actor: Any, key: Any) -> Resource:
    resource = _resource_for_write(actor, key)
    before = _snapshot(resource)
    resource.state = State.DELETED
    resource.save(update_fields=["state"])
    _touch(resource.dataset)
    if _has_datastore(resource):
        # As CKAN's datastore does when a resource is deleted: its rows go with it.
        from ..datastore.services import datastore_delete

        datastore_delete(resource=resource, actor=actor, force=True)
    audit_record(
        actor=actor,
        action="opendata.resource.deleted",
        target=resource,
        before=before,
        after={"state": resource.state},
        lao=resource.dataset.owner_org.lao,
    )
    indexing.after_dataset_change(resource.dataset, changed_resources=[], actor=actor)
    return resource
