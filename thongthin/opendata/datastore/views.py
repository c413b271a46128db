"""Pages of the DataStore: the dump of a table (CSV, TSV, JSON; streamed), and the publisher's
page of a resource (load status and progress, reload, data dictionary)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from thongthin.core.errors import ApplicationError, ValidationFailed
from thongthin.core.exports import safe_cell
from thongthin.core.forms import add_service_error
from thongthin.opendata import permissions
from thongthin.opendata.models import Resource

from . import selectors, services
from .forms import DictionaryForm
from .models import DatastoreStatus

CHUNK_ROWS = 1000
DUMP_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "json": "application/json; charset=utf-8",
}


def _readable(request: HttpRequest, resource_id: str) -> Resource:
    """The resource, when this visitor may read it; a private one is simply not found."""
    resource = selectors.resource_get(resource_id)
    if resource is None or not permissions.can_read_resource(request.user, resource):
        raise Http404
    return resource


def _editable(request: HttpRequest, resource_id: str) -> Resource:
    resource = _readable(request, resource_id)
    if not permissions.can_edit_org_datasets(request.user, resource.dataset.owner_org):
        raise PermissionDenied
    return resource


# --- Dump ---------------------------------------------------------------------------------------


def _dump_query(request: HttpRequest, table: Any) -> tuple[selectors.Query, int | None, int]:
    get = request.GET
    try:
        filters = json.loads(get["filters"]) if get.get("filters") else {}
        q: Any = get.get("q") or None
        if q and q.strip().startswith("{"):
            q = json.loads(q)
        limit = int(get["limit"]) if get.get("limit") else None
        offset = int(get.get("offset") or 0)
    except ValueError:
        raise ValidationFailed(_("พารามิเตอร์ไม่ถูกต้อง")) from None
    if not isinstance(filters, dict) or (limit is not None and limit < 0) or offset < 0:
        raise ValidationFailed(_("พารามิเตอร์ไม่ถูกต้อง"))
    query = selectors.Query(
        table=table, filters=filters, q=q, full_text=get.get("full_text") or None,
        fields=get.get("fields") or None, sort=get.get("sort") or None,
    )  # fmt: skip
    return query, limit, offset


def _delimited(fields: list[dict], rows: Iterator[list[Any]], *, tab: bool, bom: bool) -> Iterator:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t" if tab else ",", lineterminator="\r\n")
    if bom:
        buffer.write("\ufeff")
    # `bom` is the file for Excel: cells that Excel would run as formulas are made text (as in
    # every export of the platform); the plain dump keeps the data as it is, for programs.
    cell = safe_cell if bom else (lambda value: value)
    writer.writerow(cell(f["id"]) for f in fields)
    for count, row in enumerate(rows, start=1):
        writer.writerow("" if v is None else cell(v) for v in row)
        if count % CHUNK_ROWS == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


def _json_lines(fields: list[dict], rows: Iterator[list[Any]]) -> Iterator[bytes]:
    head = json.dumps([{"id": f["id"], "type": f["type"]} for f in fields], ensure_ascii=False)
    yield f'{{\n  "fields": {head},\n  "records": ['.encode()
    separator = "\n    "
    parts = []
    for row in rows:
        parts.append(separator + json.dumps(row, ensure_ascii=False))
        separator = ",\n    "
        if len(parts) >= CHUNK_ROWS:
            yield "".join(parts).encode("utf-8")
            parts = []
    yield ("".join(parts) + "\n  ]\n}\n").encode("utf-8")


@require_GET
def dump(request: HttpRequest, resource_id: str) -> HttpResponse | StreamingHttpResponse:
    """CKAN's /datastore/dump/<id>: the whole table (or what q, filters, fields, sort, limit and
    offset select), streamed. `format` csv (default), tsv or json; `bom=true` for Excel."""
    resource = _readable(request, resource_id)
    table = selectors.datastore_table_get(resource)
    if table is None:
        raise Http404
    fmt = request.GET.get("format", "csv").lower()
    if fmt not in DUMP_TYPES:
        return HttpResponse(_("รูปแบบไฟล์ไม่รองรับ"), status=400, content_type="text/plain")
    try:
        query, limit, offset = _dump_query(request, table)
        fields, rows = selectors.datastore_rows(query=query, limit=limit, offset=offset)
    except ApplicationError as exc:
        return HttpResponse(exc.render(), status=400, content_type="text/plain; charset=utf-8")
    bom = request.GET.get("bom", "").lower() in ("true", "1", "yes", "on")
    body = (
        _json_lines(fields, rows)
        if fmt == "json"
        else _delimited(fields, rows, tab=fmt == "tsv", bom=bom)
    )
    response = StreamingHttpResponse(body, content_type=DUMP_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{resource.pk}.{fmt}"'
    return response


# --- The publisher's page -----------------------------------------------------------------------


def _status_context(resource: Resource) -> dict[str, Any]:
    table = selectors.datastore_status_for_page(resource)
    running = table is not None and selectors.load_is_running(table)
    # A load whose job ended without the table hearing of it (its worker was killed).
    stalled = (
        table is not None
        and not running
        and table.status in (DatastoreStatus.PENDING, DatastoreStatus.LOADING)
    )
    return {"resource": resource, "table": table, "running": running, "stalled": stalled}


@login_required
@require_GET
def resource_page(request: HttpRequest, resource_id: str) -> HttpResponse:
    resource = _editable(request, resource_id)
    context = _status_context(resource)
    table = context["table"]
    if table is not None and table.fields:
        context["form"] = DictionaryForm(columns=table.fields)
    if table is not None and table.table_name:
        context["preview"] = selectors.preview_rows(table)
    return render(request, "datastore/resource.html", context)


@login_required
@require_GET
def resource_status(request: HttpRequest, resource_id: str) -> HttpResponse:
    """The status block alone, polled by htmx while a load runs; when it ends, the whole page
    reloads to show the new dictionary and preview."""
    resource = _editable(request, resource_id)
    context = _status_context(resource)
    response = render(request, "datastore/_status.html", context)
    if request.GET.get("running") == "1" and not context["running"]:
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_POST
def resource_reload(request: HttpRequest, resource_id: str) -> HttpResponse:
    resource = _editable(request, resource_id)
    try:
        services.datastore_schedule_load(resource=resource, actor=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.render())
    else:
        messages.success(request, _("ส่งไฟล์เข้าคิวนำเข้าแล้ว ระบบจะแสดงความคืบหน้าที่หน้านี้"))
    return redirect("datastore:resource", resource_id=resource.pk)


@login_required
@require_POST
def resource_dictionary(request: HttpRequest, resource_id: str) -> HttpResponse:
    resource = _editable(request, resource_id)
    context = _status_context(resource)
    table = context["table"]
    if table is None or not table.fields:
        raise Http404
    form = DictionaryForm(request.POST, columns=table.fields)
    if form.is_valid():
        try:
            services.datastore_dictionary_update(
                resource=resource, actor=request.user, fields=form.dictionary()
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("บันทึกพจนานุกรมข้อมูลแล้ว"))
            return redirect("datastore:resource", resource_id=resource.pk)
    context["form"] = form
    if table.table_name:
        context["preview"] = selectors.preview_rows(table)
    return render(request, "datastore/resource.html", context, status=400)
