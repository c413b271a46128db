"""The data dictionary: labels, notes and type overrides the publisher sets for each column."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thongthin.core.audit import audit_record
from thongthin.core.errors import NotFound
from thongthin.opendata.models import Resource

from ..models import DatastoreTable
from .common import clean_info, invalid, lao_of, lock_table, require_editor


@transaction.atomic
def datastore_dictionary_update(
    *, resource: Resource, actor: Any, fields: list[dict[str, Any]]
) -> DatastoreTable:
    """Set the label, notes and type override of columns: `fields` is
    `[{"id": column, "info": {"label", "notes", "type_override"}}]`. A type override applies at
    the next load of the file."""
    require_editor(actor, resource)
    table = lock_table(resource)
    if table is None or not table.fields:
        raise NotFound(_("ทรัพยากรนี้ยังไม่มีพจนานุกรมข้อมูล"), code="datastore_not_found")
    if not isinstance(fields, list):
        raise invalid("fields", _("fields ต้องเป็นรายการ"))
    current = {f["id"]: f for f in table.fields}
    before = {f["id"]: dict(f.get("info") or {}) for f in table.fields}
    for item in fields:
        name = item.get("id") if isinstance(item, dict) else None
        if name not in current:
            raise invalid(
                "fields", _("ไม่มีคอลัมน์ “%(column)s” ในตารางนี้") % {"column": str(name)[:100]}
            )
        info = item.get("info") or {}
        if not isinstance(info, dict):
            raise invalid("fields", _("info ของคอลัมน์ต้องเป็นออบเจกต์"))
        allowed = {k: info[k] for k in ("label", "notes", "type_override") if k in info}
        merged = {**(current[name].get("info") or {}), **clean_info(allowed)}
        current[name]["info"] = {k: v for k, v in merged.items() if v not in (None, "")}
    table.fields = list(current.values())
    table.updated_at = timezone.now()
    table.save(update_fields=["fields", "updated_at"])
    after = {f["id"]: f.get("info") or {} for f in table.fields}
    audit_record(
        actor=actor,
        action="opendata.datastore.dictionary_updated",
        target=resource,
        before={k: v for k, v in before.items() if v != after.get(k)},
        after={k: v for k, v in after.items() if v != before.get(k)},
        lao=lao_of(resource),
    )
    return table
