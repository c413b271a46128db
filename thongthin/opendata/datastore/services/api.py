"""Tables made through the API (CKAN's datastore_create and datastore_delete): create a table
or add columns, append records, delete rows or the whole table."""

from __future__ import annotations

from typing import Any

from django.db import DataError, IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thongthin.core.audit import audit_record
from thongthin.core.errors import Conflict, NotFound
from thongthin.opendata.models import Resource

from .. import columns, selectors, tables, values
from ..models import DatastoreSource, DatastoreStatus, DatastoreTable
from .common import clean_info, invalid, lao_of, lock_table, require_editor, summary

MAX_RECORDS = 100_000
INSERT_BATCH = 5000


def _clean_fields(fields: Any) -> list[dict[str, Any]]:
    if not isinstance(fields, list):
        raise invalid("fields", _("fields ต้องเป็นรายการ"))
    out = []
    seen: set[str] = set()
    for item in fields:
        if not isinstance(item, dict) or "id" not in item:
            raise invalid("fields", _("แต่ละรายการใน fields ต้องมี id"))
        name = item["id"]
        if not columns.valid_id(name):
            raise invalid(
                "fields",
                _('ชื่อคอลัมน์ “%(column)s” ใช้ไม่ได้ (ห้ามขึ้นต้นด้วย _ หรือมีเครื่องหมาย ")')
                % {"column": str(name)[:100]},
            )
        if name.casefold() in seen:
            raise invalid("fields", _("ชื่อคอลัมน์ “%(column)s” ซ้ำกัน") % {"column": str(name)[:100]})
        seen.add(name.casefold())
        kind = item.get("type")
        canonical = values.TYPE_ALIASES.get(str(kind).lower()) if kind else None
        if kind and canonical is None:
            raise invalid(
                "fields",
                _("ไม่รู้จักชนิดข้อมูล “%(type)s” ของคอลัมน์ “%(column)s”")
                % {"type": str(kind)[:50], "column": name},
            )
        info = item.get("info") or {}
        if not isinstance(info, dict):
            raise invalid("fields", _("info ของคอลัมน์ต้องเป็นออบเจกต์"))
        out.append({"id": name, "type": canonical, "info": clean_info(info)})
    return out


def _guess_types(fields: list[dict[str, Any]], records: list[dict[str, Any]]) -> None:
    """Types of fields a client left out, from its records (text when nothing says more)."""
    unknown = [i for i, f in enumerate(fields) if not f["type"]]
    if not unknown:
        return
    guesser = values.TypeGuesser(len(fields))
    for record in records:
        guesser.feed([record.get(f["id"]) for f in fields])
    guessed = guesser.result()
    for i in unknown:
        fields[i]["type"] = guessed[i]


def _records_fields(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    names: list[str] = []
    for record in records:
        for key in record:
            if key not in names:
                names.append(key)
    return _clean_fields([{"id": n} for n in names])


def _check_records(records: Any) -> list[dict[str, Any]]:
    if records is None:
        return []
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise invalid("records", _("records ต้องเป็นรายการของออบเจกต์"))
    if len(records) > MAX_RECORDS:
        raise invalid("records", _("ส่งได้ครั้งละไม่เกิน %(max)s แถว") % {"max": f"{MAX_RECORDS:,}"})
    return records


def _insert_records(table: DatastoreTable, records: list[dict[str, Any]]) -> int:
    if not records:
        return 0
    fields = table.fields
    known = {f["id"] for f in fields}
    names = [f["id"] for f in fields]
    converters = [values.converter(f["type"]) for f in fields]
    sqlite_bool = [tables.vendor() == "sqlite" and f["type"] == values.BOOL for f in fields]
    rows = []
    for number, record in enumerate(records, start=1):
        extra = [k for k in record if k not in known]
        if extra:
            raise invalid(
                "records",
                _("แถวที่ %(row)s มีคอลัมน์ “%(column)s” ซึ่งไม่มีในตาราง")
                % {"row": number, "column": str(extra[0])[:100]},
            )
        row = []
        for name, convert, as_int in zip(names, converters, sqlite_bool, strict=True):
            try:
                value = convert(record.get(name))
            except (values.CellError, ValueError, TypeError):
                raise invalid(
                    "records",
                    _("แถวที่ %(row)s คอลัมน์ “%(column)s”: ค่า “%(value)s” ไม่ใช่ชนิด %(type)s")
                    % {
                        "row": number,
                        "column": name,
                        "value": str(record.get(name))[:100],
                        "type": next(f["type"] for f in fields if f["id"] == name),
                    },
                ) from None
            row.append(int(value) if as_int and value is not None else value)
        rows.append(row)
    written = 0
    try:
        with transaction.atomic():
            for start in range(0, len(rows), INSERT_BATCH):
                written += tables.insert_rows(
                    table.table_name, names, rows[start : start + INSERT_BATCH]
                )
    except IntegrityError as exc:
        raise invalid("records", _("บันทึกไม่ได้: ค่าคีย์หลักซ้ำกับแถวที่มีอยู่แล้ว")) from exc
    except DataError as exc:
        raise invalid("records", _("บันทึกไม่ได้: มีค่าที่เกินขอบเขตของชนิดข้อมูล")) from exc
    return written


def _read_only(table: DatastoreTable, force: bool) -> None:
    """A table loaded from an uploaded file is rewritten by the next load: changing it through
    the API needs `force`, as in CKAN."""
    if table.source == DatastoreSource.UPLOAD and table.table_name and not force:
        raise invalid(
            "read-only",
            _(
                "ตารางนี้นำเข้าจากไฟล์ที่อัปโหลด การแก้ไขผ่าน API จะหายไปเมื่อนำเข้าใหม่ "
                "ถ้าต้องการแก้ไขจริงให้ส่ง force=true"
            ),
            "datastore_read_only",
        )


@transaction.atomic
def datastore_create(
    *,
    resource: Resource,
    actor: Any,
    fields: list[dict[str, Any]] | None = None,
    records: list[dict[str, Any]] | None = None,
    primary_key: list[str] | None = None,
    force: bool = False,
) -> DatastoreTable:
    """Create the resource's table (or add columns to it) and append records (CKAN's
    datastore_create). Types a client leaves out are guessed from its records."""
    require_editor(actor, resource)
    records = _check_records(records)
    given = _clean_fields(fields) if fields is not None else _records_fields(records)
    table = lock_table(resource)
    if table is not None and selectors.load_is_running(table):
        raise Conflict(
            _("กำลังนำเข้าข้อมูลของทรัพยากรนี้อยู่ กรุณารอให้เสร็จก่อน"),
            code="datastore_load_running",
        )
    before = summary(table)
    if table is not None and table.table_name:
        _read_only(table, force)
        current = {f["id"]: f for f in table.fields}
        added = []
        for f in given:
            existing = current.get(f["id"])
            if existing is None:
                added.append(f)
            elif f["type"] and f["type"] != existing["type"]:
                raise invalid(
                    "fields",
                    _("คอลัมน์ “%(column)s” มีชนิด %(type)s อยู่แล้ว เปลี่ยนชนิดไม่ได้")
                    % {"column": f["id"], "type": existing["type"]},
                )
            elif f["info"]:
                existing["info"] = {**(existing.get("info") or {}), **f["info"]}
        if primary_key and list(primary_key) != list(table.primary_key):
            raise invalid("primary_key", _("เปลี่ยนคีย์หลักของตารางที่มีอยู่แล้วไม่ได้"))
        _guess_types(added, records)
        if added:
            tables.add_columns(table.table_name, added)
        table.fields = [*table.fields, *added]
        action = "opendata.datastore.updated"
    else:
        if not given:
            raise invalid("fields", _("กรุณาระบุ fields หรือ records อย่างน้อยหนึ่งอย่าง"))
        _guess_types(given, records)
        keys = list(primary_key or [])
        ids = {f["id"] for f in given}
        if any(k not in ids for k in keys):
            raise invalid("primary_key", _("คีย์หลักต้องเป็นชื่อคอลัมน์ใน fields"))
        name = tables.new_table_name()
        tables.create_table(name, given)
        tables.create_indexes(name, given, unique=keys or None)
        old = table.table_name if table is not None else ""
        if table is None:
            table = DatastoreTable(resource=resource)
        table.table_name = name
        table.fields = given
        table.primary_key = keys
        table.row_count = 0
        if old:
            tables.drop_table(old)
        action = "opendata.datastore.created"
    if action == "opendata.datastore.created":
        table.source = DatastoreSource.API
    table.status = DatastoreStatus.ACTIVE
    table.error_code = table.error_detail = ""
    table.error_params = {}
    table.row_count += _insert_records(table, records)
    table.updated_at = timezone.now()
    table.save()
    Resource.objects.filter(pk=resource.pk).update(datastore_active=True)
    resource.datastore_active = True
    audit_record(
        actor=actor,
        action=action,
        target=resource,
        before=before,
        after={**(summary(table) or {}), "records_added": len(records)},
        lao=lao_of(resource),
    )
    return table


@transaction.atomic
def datastore_create_with_resource(
    *,
    actor: Any,
    resource_data: dict[str, Any],
    fields: list[dict[str, Any]] | None = None,
    records: list[dict[str, Any]] | None = None,
    primary_key: list[str] | None = None,
) -> DatastoreTable:
    """datastore_create's `resource` form: a new resource in `resource_data["package_id"]`
    (made by the catalog's resource_create, whose URL is the table's dump unless one is given)
    and its table, in one transaction."""
    import uuid

    from django.conf import settings

    from thongthin.opendata.services.resources import resource_create

    resource_id = str(uuid.uuid4())
    data = {**resource_data, "id": resource_id}
    if not data.get("url"):
        data["url"] = f"{settings.THONGTHIN['SITE_URL']}/datastore/dump/{resource_id}"
    resource = resource_create(actor=actor, data=data)
    return datastore_create(
        resource=resource, actor=actor, fields=fields, records=records, primary_key=primary_key
    )


@transaction.atomic
def datastore_delete(*, resource: Resource, actor: Any, force: bool = False) -> None:
    """Drop the resource's table and its dictionary; the resource is no longer in the
    DataStore."""
    require_editor(actor, resource)
    table = lock_table(resource)
    if table is None or not table.table_name:
        raise NotFound(_("ทรัพยากรนี้ไม่มีข้อมูลใน DataStore"), code="datastore_not_found")
    _read_only(table, force)
    before = summary(table)
    tables.drop_table(table.table_name)
    table.delete()
    Resource.objects.filter(pk=resource.pk).update(datastore_active=False)
    resource.datastore_active = False
    audit_record(
        actor=actor,
        action="opendata.datastore.deleted",
        target=resource,
        before=before,
        lao=lao_of(resource),
    )


@transaction.atomic
def datastore_records_delete(
    *, resource: Resource, actor: Any, filters: dict[str, Any], force: bool = False
) -> int:
    """Delete the rows that match `filters` (all rows for `{}`); returns how many."""
    require_editor(actor, resource)
    table = lock_table(resource)
    if table is None or not table.table_name:
        raise NotFound(_("ทรัพยากรนี้ไม่มีข้อมูลใน DataStore"), code="datastore_not_found")
    _read_only(table, force)
    where = selectors.Where()
    selectors.add_filters(where, table, filters)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {tables.qtable(table.table_name)}{where.clause()}",  # noqa: S608
            where.params,
        )
        deleted = max(cursor.rowcount, 0)
    before = {"row_count": table.row_count}
    table.row_count = max(0, table.row_count - deleted)
    table.updated_at = timezone.now()
    table.save(update_fields=["row_count", "updated_at"])
    audit_record(
        actor=actor,
        action="opendata.datastore.rows_deleted",
        target=resource,
        before=before,
        after={"row_count": table.row_count, "filters": filters, "deleted": deleted},
        lao=lao_of(resource),
    )
    return deleted
