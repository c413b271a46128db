"""Shaping catalog data for pages: facet titles and filters, the Thai metadata as label/value
rows, a preview (table and chart) of tabular resources from the datastore, and how to call the
API for a dataset."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from decimal import Decimal, InvalidOperation
from typing import Any

from django.http import HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from thongthin.core.thai_dates import format_date

from .metadata import FIELDS
from .models import Dataset, Resource

FACETS = {
    "organization": _("องค์กร"),
    "groups": _("กลุ่ม"),
    "tags": _("คำสำคัญ"),
    "res_format": _("รูปแบบไฟล์"),
    "license_id": _("สัญญาอนุญาต"),
    "data_type": _("ประเภทชุดข้อมูล"),
    "data_category": _("หมวดหมู่ข้อมูล"),
}
NUMERIC_TYPES = {"int4", "int8", "numeric", "float8", "integer", "float"}


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def facet_filter_query(chosen: dict[str, list[str]]) -> str:
    """The fq for the facet values a visitor ticked (all of them must hold)."""
    return " AND ".join(
        f"{field}:{_quote(value)}" for field, values in chosen.items() for value in values
    )


def metadata_rows(package: dict[str, Any]) -> list[tuple[str, str]]:
    english = (get_language() or "th").startswith("en")
    rows = []
    for f in FIELDS:
        value = package.get(f.name)
        if value in (None, "", []):
            continue
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        if value == "True":
            value = str(_("ใช่"))
        elif value == "False":
            value = str(_("ไม่ใช่"))
        elif f.kind == "date":
            with contextlib.suppress(ValueError):
                value = format_date(dt.date.fromisoformat(str(value)))
        other = package.get(f"{f.name}_other")
        if other:
            value = f"{value} ({other})"
        rows.append((f.label_en if english else f.label_th, str(value)))
    return rows


def preview_for(
    request: HttpRequest, resources: list[Resource], *, rows: int = 10
) -> dict[str, Any] | None:
    """The first rows of the first resource loaded into the datastore, and a bar chart of its
    first numeric column against its first text column when it has both."""
    resource = next((r for r in resources if r.datastore_active), None)
    if resource is None:
        return None
    from .ckan.errors import ActionError
    from .ckan.registry import ActionContext, get_action

    found = get_action("datastore_search")
    if found is None:
        return None
    try:
        result = found.func(
            ActionContext(user=request.user, request=request),
            {"resource_id": resource.id, "limit": rows},
        )
    except ActionError:
        return None
    fields = [f for f in result["fields"] if f["id"] != "_id"]
    records = result["records"]
    return {
        "resource": resource,
        "fields": fields,
        "rows": [[record.get(f["id"]) for f in fields] for record in records],
        "total": result.get("total"),
        "chart": _chart(fields, records),
    }


def _chart(fields: list[dict[str, Any]], records: list[dict[str, Any]]) -> dict[str, Any] | None:
    label = next((f for f in fields if f["type"] not in NUMERIC_TYPES), None)
    value = next((f for f in fields if f["type"] in NUMERIC_TYPES), None)
    if label is None or value is None or not records:
        return None
    points = []
    for record in records[:20]:
        try:
            number = Decimal(str(record.get(value["id"])))
        except (InvalidOperation, ValueError):
            continue
        points.append((str(record.get(label["id"]) or "—"), number))
    peak = max((abs(n) for _l, n in points), default=Decimal(0))
    if not points or peak == 0:
        return None
    return {
        "label": (label.get("info") or {}).get("label") or label["id"],
        "value": (value.get("info") or {}).get("label") or value["id"],
        "bars": [(name, number, int(abs(number) * 100 / peak)) for name, number in points],
    }


def api_examples(
    request: HttpRequest, dataset: Dataset, resources: list[Resource]
) -> dict[str, str]:
    base = request.build_absolute_uri("/").rstrip("/")
    examples = {
        "curl_show": f"curl '{base}/api/3/action/package_show?id={dataset.name}'",
        "python_show": (
            "from ckanapi import RemoteCKAN\n\n"
            f"site = RemoteCKAN({json.dumps(base)})\n"
            f"dataset = site.action.package_show(id={json.dumps(dataset.name)})\n"
            "print(dataset['title'])"
        ),
    }
    tabular = next((r for r in resources if r.datastore_active), None)
    if tabular is not None:
        examples["curl_datastore"] = (
            f"curl '{base}/api/3/action/datastore_search?resource_id={tabular.id}&limit=5'"
        )
        examples["python_datastore"] = (
            "records = site.action.datastore_search("
            f"resource_id={json.dumps(tabular.id)}, limit=5)['records']"
        )
    return examples
