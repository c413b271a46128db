"""CKAN's DataStore actions (ckanext/datastore; domain notes §1.7, §2.5 item 8):
`datastore_search`, `datastore_info` (read), `datastore_create`, `datastore_delete` (write).

Reading needs `can_read_dataset` on the resource's dataset, writing `can_edit_org_datasets` on
its organization; the checks run as the actions' auth functions and again inside (a caller that
invokes the function directly gets no more). Parameters arrive as CKAN's do: strings over GET
(`filters` as a JSON string), JSON values in a POST body; unknown parameters are refused.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from typing import Any
from urllib.parse import urlencode

from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from thongthin.opendata import permissions
from thongthin.opendata.ckan.errors import (
    NotAuthorized,
    NotFound,
    ValidationError,
    from_application_errors,
)
from thongthin.opendata.ckan.params import bool_param, id_param, int_param, list_param, str_param
from thongthin.opendata.ckan.registry import ActionContext, action
from thongthin.opendata.models import Dataset, Resource, State

from . import selectors, services
from .models import DatastoreTable

ROWS_DEFAULT = 100
ROWS_MAX = 32_000
RECORDS_FORMATS = ("objects", "lists", "csv", "tsv")
SEARCH_PARAMS = {
    "resource_id", "id", "filters", "q", "full_text", "plain", "language", "distinct", "limit",
    "offset", "fields", "sort", "include_total", "total_estimation_threshold", "records_format",
}  # fmt: skip
CREATE_PARAMS = {
    "resource_id", "resource", "fields", "records", "force", "primary_key", "indexes",
    "aliases", "calculate_record_count",
}  # fmt: skip
DELETE_PARAMS = {"resource_id", "id", "filters", "force", "calculate_record_count"}
INFO_PARAMS = {"resource_id", "id"}
SEARCH_PATH = "/api/action/datastore_search"


# --- Shared -------------------------------------------------------------------------------------


def _reject_unknown(data: dict[str, Any], allowed: set[str]) -> None:
    unknown = sorted(k for k in data if k not in allowed)
    if unknown:
        raise ValidationError({k: [_("ไม่รู้จักพารามิเตอร์ %(name)s") % {"name": k}] for k in unknown})


def _resource(data: dict[str, Any]) -> Resource:
    resource_id = id_param(data, "resource_id", "id")
    resource = selectors.resource_get(resource_id)
    if resource is None:
        raise NotFound(_("ไม่พบทรัพยากร “%(id)s”") % {"id": resource_id[:100]})
    return resource


def _check_read(user: Any, resource: Resource) -> None:
    if not permissions.can_read_resource(user, resource):
        raise NotAuthorized(_("ผู้ใช้ไม่มีสิทธิ์อ่านทรัพยากรนี้"))


def _check_edit(user: Any, dataset: Dataset) -> None:
    if not getattr(user, "is_authenticated", False):
        raise NotAuthorized(_("ต้องส่งโทเค็น API ในส่วนหัว Authorization"))
    if not permissions.can_read_dataset(user, dataset) or not permissions.can_edit_org_datasets(
        user, dataset.owner_org
    ):
        raise NotAuthorized(_("ผู้ใช้ไม่มีสิทธิ์แก้ไขข้อมูลของชุดข้อมูลนี้"))


def _table(resource: Resource) -> DatastoreTable:
    table = selectors.datastore_table_get(resource)
    if table is None:
        raise NotFound(_("ทรัพยากร “%(id)s” ไม่มีข้อมูลใน DataStore") % {"id": resource.pk})
    return table


def _json_param(data: dict[str, Any], key: str, kind: type) -> Any:
    """A parameter that is JSON: a string over GET and form posts, the value itself otherwise."""
    value = data.get(key)
    if isinstance(value, list) and kind is dict and value and isinstance(value[-1], str):
        value = value[-1]
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            raise ValidationError({key: [_("อ่าน JSON ไม่ได้")]}) from None
    if value is not None and not isinstance(value, kind):
        expected = _("ออบเจกต์ JSON") if kind is dict else _("รายการ JSON")
        raise ValidationError({key: [_("ต้องเป็น%(kind)s") % {"kind": expected}]})
    return value


def _ckan_errors() -> Any:
    """The product's errors (from services and selectors) as CKAN's."""
    return from_application_errors(default_field="message", conflict_field="resource_id")


# --- Auth functions -----------------------------------------------------------------------------


def auth_read(context: ActionContext, data: dict[str, Any]) -> None:
    """Whoever may read the resource's dataset (private and draft ones: its organization)."""
    _check_read(context.user, _resource(data))


def auth_write(context: ActionContext, data: dict[str, Any]) -> None:
    """Editors of the resource's organization (for `resource`: of the package's)."""
    if not getattr(context.user, "is_authenticated", False):
        raise NotAuthorized(_("ต้องส่งโทเค็น API ในส่วนหัว Authorization"))
    if isinstance(data.get("resource"), dict) and not data.get("resource_id"):
        _check_edit(context.user, _dataset_for_new_resource(data["resource"]))
        return
    _check_edit(context.user, _resource(data).dataset)


def _dataset_for_new_resource(resource: dict[str, Any]) -> Dataset:
    key = resource.get("package_id")
    if not isinstance(key, str) or not key.strip():
        raise ValidationError({"resource": [_("ต้องระบุ package_id ของทรัพยากรใหม่")]})
    dataset = (
        Dataset.objects.select_related("owner_org")
        .exclude(state=State.DELETED)
        .filter(pk=key.strip())
        .first()
        or Dataset.objects.select_related("owner_org")
        .exclude(state=State.DELETED)
        .filter(name=key.strip())
        .first()
    )
    if dataset is None:
        raise NotFound(_("ไม่พบชุดข้อมูล “%(id)s”") % {"id": key[:100]})
    return dataset


# --- datastore_search ---------------------------------------------------------------------------


def _q_param(data: dict[str, Any], key: str) -> Any:
    value = data.get(key)
    if isinstance(value, list):
        value = value[-1] if value else None
    if isinstance(value, str) and value.strip().startswith("{"):
        try:
            decoded = json.loads(value)
        except ValueError:
            return value
        return decoded if isinstance(decoded, dict) else value
    if value is not None and not isinstance(value, str | dict | int | float):
        raise ValidationError({key: [_("ต้องเป็นข้อความหรือออบเจกต์ JSON")]})
    return value


def _sort_param(data: dict[str, Any]) -> Any:
    value = data.get("sort")
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    raise ValidationError({"sort": [_("ต้องเป็นข้อความ เช่น “year desc, name”")]})


def _fields_param(data: dict[str, Any]) -> list[str]:
    value = data.get("fields")
    if isinstance(value, list) and len(value) == 1 and isinstance(value[0], str):
        value = value[0]
    return list_param({"fields": value}, "fields")


def _links(context: ActionContext, data: dict[str, Any], limit: int, offset: int) -> dict:
    """CKAN 2.9–2.11's `_links`: the same request at the start, the next page, the previous."""
    request = context.request
    path = SEARCH_PATH
    args: list[tuple[str, Any]]
    if request is not None and request.path.endswith("/action/datastore_search"):
        path = request.path
    if request is not None and request.method == "GET" and request.path == path:
        args = [(k, v) for k in request.GET for v in request.GET.getlist(k)]
    else:
        args = [
            (k, v if isinstance(v, str) else json.dumps(v, ensure_ascii=False))
            for k, v in data.items()
        ]
    args = [(k, v) for k, v in args if k not in ("offset", "callback")]

    def url(new_offset: int | None) -> str:
        query = ([("offset", new_offset)] if new_offset is not None else []) + args
        return f"{path}?{urlencode(query)}" if query else path

    links = {"start": url(None), "next": url(offset + limit)}
    if offset > 0:
        links["prev"] = url(max(0, offset - limit))
    return links


def _records(rows: list[list[Any]], fields: list[dict[str, Any]], records_format: str) -> Any:
    if records_format == "objects":
        names = [f["id"] for f in fields]
        return [dict(zip(names, row, strict=True)) for row in rows]
    if records_format == "lists":
        return rows
    out = io.StringIO()
    writer = csv.writer(
        out, delimiter="\t" if records_format == "tsv" else ",", lineterminator="\n"
    )
    for row in rows:
        writer.writerow(_csv_cell(v) for v in row)
    return out.getvalue()


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


@action(auth=auth_read, side_effect_free=True)
def datastore_search(context: ActionContext, data: dict[str, Any]) -> dict[str, Any]:
    """Search a resource's DataStore table: `resource_id` (or `id`), `filters` (a JSON object:
    column = value, a list for any of several values), `q` (text to find anywhere in a row, or an
    object of column: text), `fields`, `sort` ("year desc, name"), `limit` (default 100, at most
    32000), `offset`, `include_total`, `distinct`, `records_format` (objects, lists, csv, tsv)."""
    _reject_unknown(data, SEARCH_PARAMS)
    resource = _resource(data)
    _check_read(context.user, resource)
    table = _table(resource)
    filters = _json_param(data, "filters", dict) or {}
    q = _q_param(data, "q")
    full_text = _q_param(data, "full_text")
    fields = _fields_param(data)
    sort = _sort_param(data)
    limit = min(int_param(data, "limit", ROWS_DEFAULT) or 0, ROWS_MAX)
    offset = int_param(data, "offset", 0) or 0
    include_total = bool_param(data, "include_total", True)
    distinct = bool_param(data, "distinct", False)
    bool_param(data, "plain", True)  # accepted as CKAN does; matching is by substring anyway
    str_param(data, "language")
    int_param(data, "total_estimation_threshold", None)
    records_format = str_param(data, "records_format", "objects")
    if records_format not in RECORDS_FORMATS:
        raise ValidationError(
            {"records_format": [_("ต้องเป็น %(choices)s") % {"choices": ", ".join(RECORDS_FORMATS)}]}
        )
    query = selectors.Query(
        table=table, filters=filters, q=q, full_text=full_text, fields=fields, sort=sort,
        distinct=distinct,
    )  # fmt: skip
    with _ckan_errors():
        try:
            # A savepoint: on PostgreSQL a failed query would otherwise end the transaction.
            with transaction.atomic():
                found = selectors.datastore_search(
                    query=query, limit=limit, offset=offset, include_total=include_total
                )
        except DatabaseError:
            # A reload swapped in a new table between reading its name and the query: read
            # the name again and ask once more (an error that persists is a real one).
            fresh = _table(Resource.objects.get(pk=resource.pk))
            if fresh.table_name == table.table_name:
                raise
            query = dataclasses.replace(query, table=fresh)
            found = selectors.datastore_search(
                query=query, limit=limit, offset=offset, include_total=include_total
            )
    result: dict[str, Any] = {
        "include_total": include_total,
        "limit": limit,
        "records_format": records_format,
        "resource_id": resource.pk,
    }
    for key, value in (("filters", filters), ("q", q), ("full_text", full_text), ("sort", sort)):
        if value not in (None, "", {}):
            result[key] = value
    if offset:
        result["offset"] = offset
    if distinct:
        result["distinct"] = True
    result["fields"] = found.fields
    result["records"] = _records(found.rows, found.fields, records_format)
    result["_links"] = _links(context, data, limit, offset)
    if include_total:
        result["total"] = found.total
        result["total_was_estimated"] = False
    return result


# --- datastore_info -----------------------------------------------------------------------------


@action(auth=auth_read, side_effect_free=True)
def datastore_info(context: ActionContext, data: dict[str, Any]) -> dict[str, Any]:
    """A resource's DataStore table: row count and columns with their data dictionary."""
    _reject_unknown(data, INFO_PARAMS)
    resource = _resource(data)
    _check_read(context.user, resource)
    return selectors.datastore_info(_table(resource))


# --- datastore_create ---------------------------------------------------------------------------


def _key_list(data: dict[str, Any], key: str) -> list[str] | None:
    value = data.get(key)
    if value in (None, "", []):
        return None
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",") if v.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValidationError({key: [_("ต้องเป็นรายการชื่อคอลัมน์")]})
    return value


@action(auth=auth_write)
def datastore_create(context: ActionContext, data: dict[str, Any]) -> dict[str, Any]:
    """Create a resource's DataStore table, add columns to it, and append `records`.
    `resource_id` names an existing resource; or `resource` ({"package_id", "name", ...}) makes a
    new one. `fields`: [{"id", "type", "info"}]; types left out are guessed from the records.
    A table loaded from an uploaded file changes only with `force=true`."""
    _reject_unknown(data, CREATE_PARAMS)
    fields = _json_param(data, "fields", list)
    records = _json_param(data, "records", list)
    primary_key = _key_list(data, "primary_key")
    _key_list(data, "indexes")  # every column is indexed anyway
    aliases = _key_list(data, "aliases")
    if aliases:
        raise ValidationError({"aliases": [_("ยังไม่รองรับชื่อแทน (aliases)")]})
    force = bool_param(data, "force", False)
    bool_param(data, "calculate_record_count", False)
    with _ckan_errors():
        if data.get("resource_id") or not isinstance(data.get("resource"), dict):
            resource = _resource(data)
            _check_edit(context.user, resource.dataset)
            table = services.datastore_create(
                resource=resource,
                actor=context.user,
                fields=fields,
                records=records,
                primary_key=primary_key,
                force=force,
            )
        else:
            _check_edit(context.user, _dataset_for_new_resource(data["resource"]))
            table = services.datastore_create_with_resource(
                actor=context.user,
                resource_data=data["resource"],
                fields=fields,
                records=records,
                primary_key=primary_key,
            )
            resource = table.resource
    result: dict[str, Any] = {
        "resource_id": resource.pk,
        "fields": selectors.field_list(table)[1:],
        "method": "insert",
    }
    if table.primary_key:
        result["primary_key"] = table.primary_key
    return result


# --- datastore_delete ---------------------------------------------------------------------------


@action(auth=auth_write)
def datastore_delete(context: ActionContext, data: dict[str, Any]) -> dict[str, Any]:
    """Delete a resource's DataStore table, or with `filters` (a JSON object, as in
    datastore_search) only the matching rows (`{}`: every row, keeping the table)."""
    _reject_unknown(data, DELETE_PARAMS)
    resource = _resource(data)
    _check_edit(context.user, resource.dataset)
    force = bool_param(data, "force", False)
    result: dict[str, Any] = {"resource_id": resource.pk}
    with _ckan_errors():
        if "filters" in data:
            filters = _json_param(data, "filters", dict) or {}
            services.datastore_records_delete(
                resource=resource, actor=context.user, filters=filters, force=force
            )
            result["filters"] = filters
        else:
            services.datastore_delete(resource=resource, actor=context.user, force=force)
    return result
