"""What the DataStore's services share: the editor check, audit summaries, row locks, and the
cleaning of a column's dictionary entry."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from thongthin.core.errors import PermissionDenied, ValidationFailed
from thongthin.opendata.models import Resource
from thongthin.opendata.permissions import can_edit_org_datasets

from .. import values
from ..models import DatastoreTable

MAX_LABEL = 200
MAX_NOTES = 2000


def require_editor(actor: Any, resource: Resource) -> None:
    if not can_edit_org_datasets(actor, resource.dataset.owner_org):
        raise PermissionDenied()


def lao_of(resource: Resource) -> Any:
    org = resource.dataset.owner_org
    return org.lao if org.lao_id else None


def summary(table: DatastoreTable | None) -> dict[str, Any] | None:
    if table is None:
        return None
    return {
        "table_name": table.table_name,
        "status": table.status,
        "row_count": table.row_count,
        "fields": [{"id": f["id"], "type": f["type"]} for f in table.fields],
    }


def invalid(field: str, message: Any, code: str = "datastore_invalid") -> ValidationFailed:
    text = str(message)
    return ValidationFailed(text, code=code, field=field, fields={field: text})


def lock_table(resource: Resource) -> DatastoreTable | None:
    return DatastoreTable.objects.select_for_update().filter(resource=resource).first()


def clean_info(info: dict[str, Any]) -> dict[str, Any]:
    clean = {k: v for k, v in info.items() if isinstance(k, str) and len(k) <= 50}
    for key, limit in (("label", MAX_LABEL), ("notes", MAX_NOTES)):
        if key in clean:
            text = "" if clean[key] is None else str(clean[key]).strip()
            if len(text) > limit:
                raise invalid(
                    "fields",
                    _("%(name)s ยาวเกิน %(max)s ตัวอักษร") % {"name": key, "max": limit},
                )
            clean[key] = text
    override = clean.get("type_override")
    if override not in (None, ""):
        canonical = values.TYPE_ALIASES.get(str(override).lower())
        if canonical is None:
            raise invalid("fields", _("ไม่รู้จักชนิดข้อมูล “%(type)s”") % {"type": str(override)[:50]})
        clean["type_override"] = canonical
    return clean
