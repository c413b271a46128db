"""Groups: themes that cut across organizations (การเงินการคลัง, สิ่งแวดล้อม...)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thongthin.core.audit import audit_record

from .. import permissions
from ..ckan.errors import NotAuthorized, ValidationError
from ..models import Group
from .validation import clean_name


@transaction.atomic
def group_create(*, actor: Any, name: str, title: str, description: str = "") -> Group:
    if not permissions.is_sysadmin(actor):
        raise NotAuthorized(_("เฉพาะผู้ดูแลแพลตฟอร์มสร้างกลุ่มได้"))
    errors: dict[str, list[str]] = {}
    name = clean_name(name, errors)
    if not errors and Group.objects.filter(name=name).exists():
        errors["name"] = [_("มีกลุ่มชื่อนี้แล้ว")]
    if errors:
        raise ValidationError(errors)
    group = Group.objects.create(
        name=name, title=title.strip()[:300] or name, description=description
    )
    audit_record(
        actor=actor,
        action="opendata.group.created",
        target=group,
        after={"name": name, "title": group.title},
    )
    return group
