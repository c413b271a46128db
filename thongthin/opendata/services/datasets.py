"""Datasets (CKAN packages): create, update (whole), patch (given keys), delete. One transaction
each, with an audit row; the search index and the datastore are told after commit."""

from __future__ import annotations

import uuid
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thongthin.core.audit import audit_record

from .. import permissions
from ..ckan.errors import NotAuthorized, NotFound, ValidationError
from ..metadata import FIELDS, clean_thai_fields
from ..models import Dataset, Group, Organization, Resource, State, Tag
from ..slugs import name_from_title
from . import indexing
from .resources import ResourceInput, apply_resources, parse_resource
from .validation import (
    as_bool,
    clean_email,
    clean_name,
    clean_text,
    clean_url,
    parse_datetime,
    parse_extras,
    parse_name_list,
    parse_tags,
)

TAG_NAMESPACE = uuid.UUID("0c7f1c55-52a4-4a38-9d1e-6c2b1f0e7a21")
CORE_TEXT = {  # field: max length
    "title": 500,
    "notes": 20000,
    "author": 300,
    "maintainer": 300,
    "version": 100,
    "license_id": 100,
    "type": 50,
}
# Keys a package dict may carry that are computed here and ignored on input (ckanapi sends back
# what package_show gave it).
COMPUTED = {
    "organization",
    "num_resources",
    "num_tags",
    "isopen",
    "license_title",
    "license_url",
    "relationships_as_object",
    "relationships_as_subject",
    "tracking_summary",
    "creator_user_id",
    "revision_id",
    "metadata_created",
    "metadata_modified",
    "tag_string",
    "quality",
}
RESERVED_EXTRAS = (
    set(CORE_TEXT)
    | COMPUTED
    | {f.name for f in FIELDS}
    | {
        "id",
        "name",
        "owner_org",
        "private",
        "state",
        "url",
        "author_email",
        "maintainer_email",
        "tags",
        "groups",
        "resources",
        "extras",
    }
)


def _org(value: Any, errors: dict[str, list[str]]) -> Organization | None:
    if not value:
        errors["owner_org"] = [_("จำเป็นต้องระบุองค์กรเจ้าของชุดข้อมูล")]
        return None
    key = str(value).strip()
    org = (
        Organization.objects.filter(pk=key).first() or Organization.objects.filter(name=key).first()
    )
    if org is None or org.state == State.DELETED:
        errors["owner_org"] = [_("ไม่พบองค์กรนี้")]
        return None
    return org


def _groups(keys: list[str], errors: dict[str, list[str]]) -> list[Group]:
    found = {g.id: g for g in Group.objects.filter(id__in=keys)}
    found.update({g.name: g for g in Group.objects.filter(name__in=keys)})
    missing = [k for k in keys if k not in found]
    if missing:
        errors["groups"] = [_("ไม่พบกลุ่ม: %(names)s") % {"names": ", ".join(missing[:5])}]
    return [found[k] for k in keys if k in found]


def _clean(
    data: dict[str, Any], *, actor: Any, existing: Dataset | None, partial: bool
) -> dict[str, Any]:
    """The cleaned values to apply, keyed by model attribute; raises ValidationError."""
    if not isinstance(data, dict):
        raise ValidationError({"__junk": [_("ข้อมูลต้องเป็นออบเจกต์ JSON")]})
    errors: dict[str, list[str]] = {}
    out: dict[str, Any] = {}
    sysadmin = permissions.is_sysadmin(actor)

    def given(key: str) -> bool:
        return key in data or not partial

    # state first: drafts may be incomplete.
    state = existing.state if existing else State.ACTIVE
    if "state" in data and data["state"] not in (None, ""):
        if data["state"] == State.DELETED and existing is not None:
            state = existing.state  # a deleted dataset's dict sent back: it stays as it is
        elif data["state"] not in (State.ACTIVE, State.DRAFT):
            errors["state"] = [_("สถานะต้องเป็น active หรือ draft")]
        else:
            state = data["state"]
    elif existing is not None and existing.state == State.DELETED and not partial:
        state = State.ACTIVE  # package_update of a deleted dataset restores it (CKAN does too)
    out["state"] = state
    complete = state == State.ACTIVE

    if existing is None and data.get("id"):
        if not sysadmin:
            errors["id"] = [_("เฉพาะผู้ดูแลแพลตฟอร์มกำหนดรหัสชุดข้อมูลเองได้")]
        else:
            try:
                out["id"] = str(uuid.UUID(str(data["id"])))
            except ValueError:
                errors["id"] = [_("รหัสต้องเป็น UUID")]
            else:
                if Dataset.objects.filter(pk=out["id"]).exists():
                    errors["id"] = [_("มีชุดข้อมูลรหัสนี้แล้ว")]

    if given("name"):
        if data.get("name"):
            name = clean_name(data["name"], errors)
            clash = Dataset.objects.filter(name=name)
            if existing is not None:
                clash = clash.exclude(pk=existing.pk)
            if "name" not in errors and clash.exists():
                errors["name"] = [_("ชื่อ URL นี้มีชุดข้อมูลอื่นใช้แล้ว")]
            out["name"] = name
        elif existing is None:
            out["name"] = None  # generated from the title below
    for key, max_length in CORE_TEXT.items():
        if given(key):
            out[key] = clean_text(data.get(key), max_length=max_length, field=key, errors=errors)
    if "type" in out and not out["type"]:
        out["type"] = "dataset"
    for key in ("author_email", "maintainer_email"):
        if given(key):
            out[key] = clean_email(data.get(key), key, errors)
    if given("url"):
        out["url"] = clean_url(data.get("url"), "url", errors)
    if given("private"):
        try:
            out["private"] = as_bool(data.get("private"))
        except ValueError as exc:
            errors["private"] = [str(exc)]
    if given("owner_org") or existing is None:
        out["owner_org"] = _org(data.get("owner_org"), errors)
    elif existing is not None:
        out["owner_org"] = existing.owner_org
    tags = parse_tags(data, errors)
    if tags is not None:
        out["tags"] = tags
    elif not partial:
        out["tags"] = []
    if given("groups"):
        keys = parse_name_list(data.get("groups"), "groups", errors)
        out["groups"] = _groups(keys or [], errors)
    if given("extras"):
        out["extras"] = parse_extras(data.get("extras"), RESERVED_EXTRAS, errors) or []
    if sysadmin:
        for key in ("metadata_created", "metadata_modified"):
            if data.get(key):
                try:
                    out[key] = parse_datetime(data[key])
                except ValueError as exc:
                    errors[key] = [str(exc)]

    # The Thai metadata: validated as a whole (the data type decides which fields apply).
    merged = dict(existing.thai) if (existing is not None and partial) else {}
    if existing is not None and partial:
        merged["data_type"] = existing.data_type
        merged["data_category"] = existing.data_category
    for field in FIELDS:
        for key in (field.name, f"{field.name}_other"):
            if key in data:
                merged[key] = data[key]
    thai, thai_errors = clean_thai_fields(merged, partial=not complete)
    errors.update(thai_errors)
    out["thai"] = {k: v for k, v in thai.items() if k not in ("data_type", "data_category")}
    out["data_type"] = thai.get("data_type", "")
    out["data_category"] = thai.get("data_category", "")

    if given("resources") and data.get("resources") is not None:
        raw_resources = data["resources"]
        if not isinstance(raw_resources, list):
            errors["resources"] = [_("ต้องเป็นรายการทรัพยากร")]
        else:
            parsed: list[ResourceInput] = []
            resource_errors: list[dict[str, list[str]]] = []
            for raw in raw_resources:
                item_errors: dict[str, list[str]] = {}
                parsed.append(parse_resource(raw, item_errors, sysadmin=sysadmin))
                resource_errors.append(item_errors)
            if any(resource_errors):
                errors["resources"] = resource_errors  # type: ignore[assignment]
            out["resources"] = parsed

    # What the Thai standard requires of an active (published) dataset.
    if complete:
        final = {**_current(existing), **out} if existing is not None else out
        for key in ("title", "notes", "maintainer", "maintainer_email", "license_id"):
            if not final.get(key) and key not in errors:
                errors[key] = [_("จำเป็นต้องระบุ")]
        if not final.get("tags") and "tags" not in errors:
            errors["tags"] = [_("ต้องมีคำสำคัญอย่างน้อยหนึ่งคำ")]
    if errors:
        raise ValidationError(errors)
    return out


def _current(dataset: Dataset) -> dict[str, Any]:
    data = {key: getattr(dataset, key) for key in (*CORE_TEXT, "author_email", "maintainer_email")}
    data["tags"] = list(dataset.tags.values_list("name", flat=True))
    return data


def snapshot(dataset: Dataset) -> dict[str, Any]:
    """What the audit log keeps of a dataset (before/after)."""
    return {
        "name": dataset.name,
        "title": dataset.title,
        "owner_org": dataset.owner_org_id,
        "private": dataset.private,
        "state": dataset.state,
        "license_id": dataset.license_id,
        "maintainer": dataset.maintainer,
        "maintainer_email": dataset.maintainer_email,
        "data_type": dataset.data_type,
        "data_category": dataset.data_category,
        "thai": dataset.thai,
        "tags": sorted(dataset.tags.values_list("name", flat=True)),
        "groups": sorted(dataset.groups.values_list("name", flat=True)),
        "resources": sorted(
            dataset.resources.filter(state=State.ACTIVE).values_list("id", flat=True)
        ),
    }


def _apply(
    dataset: Dataset, values: dict[str, Any], *, actor: Any, replace_resources: bool
) -> list[Resource]:
    for key in (
        *CORE_TEXT,
        "author_email",
        "maintainer_email",
        "url",
        "private",
        "state",
        "data_type",
        "data_category",
        "thai",
        "extras",
        "metadata_created",
    ):
        if key in values:
            setattr(dataset, key, values[key])
    if values.get("owner_org") is not None:
        dataset.owner_org = values["owner_org"]
    if not dataset.title:
        dataset.title = dataset.name
    dataset.metadata_modified = values.get("metadata_modified") or timezone.now()
    dataset.save()
    if "tags" in values:
        dataset.tags.set(_tag_objects(values["tags"]))
    if "groups" in values:
        dataset.groups.set(values["groups"])
    changed: list[Resource] = []
    if "resources" in values:
        changed = apply_resources(
            dataset, values["resources"], actor=actor, delete_missing=replace_resources
        )
    return changed


def tag_id(name: str) -> str:
    """Tag ids are UUID 5 of the name: two instances (and a dump loaded from one into the
    other) agree on them."""
    return str(uuid.uuid5(TAG_NAMESPACE, name))


def _tag_objects(names: list[str]) -> list[Tag]:
    existing = {t.name: t for t in Tag.objects.filter(name__in=names)}
    for name in names:
        if name not in existing:
            existing[name], _created = Tag.objects.get_or_create(
                name=name, defaults={"id": tag_id(name)}
            )
    return [existing[n] for n in names]


def _check_can_edit(actor: Any, org: Organization | None) -> None:
    if org is not None and not permissions.can_edit_org_datasets(actor, org):
        raise NotAuthorized(_("ผู้ใช้ไม่มีสิทธิ์เพิ่มหรือแก้ไขชุดข้อมูลขององค์กร %(org)s") % {"org": org.name})


@transaction.atomic
def package_create(*, actor: Any, data: dict[str, Any]) -> Dataset:
    if not getattr(actor, "is_authenticated", False):
        raise NotAuthorized(_("ต้องลงชื่อเข้าใช้หรือส่งโทเค็น API"))
    org = None
    if isinstance(data, dict) and data.get("owner_org"):
        key = str(data["owner_org"])
        org = (
            Organization.objects.filter(pk=key).first()
            or Organization.objects.filter(name=key).first()
        )
    _check_can_edit(actor, org)
    values = _clean(data, actor=actor, existing=None, partial=False)
    _check_can_edit(actor, values["owner_org"])
    if not values.get("name"):
        values["name"] = name_from_title(
            values.get("title") or "dataset",
            taken=lambda n: Dataset.objects.filter(name=n).exists(),
        )
    dataset = Dataset(
        id=values.pop("id", None) or str(uuid.uuid4()),
        name=values.pop("name"),
        owner_org=values["owner_org"],
        creator_user=actor,
        metadata_created=values.get("metadata_created") or timezone.now(),
    )
    changed = _apply(dataset, values, actor=actor, replace_resources=True)
    audit_record(
        actor=actor,
        action="opendata.dataset.created",
        target=dataset,
        after=snapshot(dataset),
        lao=dataset.owner_org.lao,
    )
    indexing.after_dataset_change(dataset, changed_resources=changed, actor=actor)
    return dataset


def _load_for_write(actor: Any, key: Any) -> Dataset:
    if not key:
        raise ValidationError({"id": [_("จำเป็นต้องระบุ")]})
    key = str(key)
    dataset = (
        Dataset.objects.select_for_update().filter(pk=key).first()
        or Dataset.objects.select_for_update().filter(name=key).first()
    )
    if dataset is None:
        raise NotFound(_("ชุดข้อมูล"))
    if not permissions.can_read_dataset(actor, dataset):
        raise NotFound(_("ชุดข้อมูล"))
    _check_can_edit(actor, dataset.owner_org)
    return dataset


@transaction.atomic
def package_update(*, actor: Any, data: dict[str, Any], partial: bool = False) -> Dataset:
    """package_update (every field; missing ones are cleared, resources not listed are removed)
    or, with `partial`, package_patch (only the keys given)."""
    if not isinstance(data, dict):
        raise ValidationError({"__junk": [_("ข้อมูลต้องเป็นออบเจกต์ JSON")]})
    dataset = _load_for_write(actor, data.get("id") or data.get("name"))
    before = snapshot(dataset)
    values = _clean(data, actor=actor, existing=dataset, partial=partial)
    new_org = values.get("owner_org")
    if new_org is not None and new_org.pk != dataset.owner_org_id:
        _check_can_edit(actor, new_org)
    changed = _apply(dataset, values, actor=actor, replace_resources=not partial)
    audit_record(
        actor=actor,
        action="opendata.dataset.updated",
        target=dataset,
        before=before,
        after=snapshot(dataset),
        lao=dataset.owner_org.lao,
    )
    indexing.after_dataset_change(dataset, changed_resources=changed, actor=actor)
    return dataset


@transaction.atomic
def package_delete(*, actor: Any, key: Any) -> Dataset:
    """Marks the dataset deleted: kept, hidden from everyone but its organization's editors and
    sysadmins, and restored by a package_update (or a package_patch with state=active)."""
    dataset = _load_for_write(actor, key)
    before = snapshot(dataset)
    dataset.state = State.DELETED
    dataset.metadata_modified = timezone.now()
    dataset.save(update_fields=["state", "metadata_modified"])
    audit_record(
        actor=actor,
        action="opendata.dataset.deleted",
        target=dataset,
        before=before,
        after={"state": dataset.state},
        lao=dataset.owner_org.lao,
    )
    indexing.after_dataset_change(dataset, changed_resources=[], actor=actor)
    return dataset
