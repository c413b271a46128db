"""Publishing organizations: one per LAO (kept in step with the directory) and the agencies;
their members. Ids are deterministic (UUID 5 of the DLA code or the agency's name), so two
instances loaded from the same reference data agree, and `ckanapi load` between them keeps
every dataset's `owner_org`."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thongthin.core.audit import audit_record
from thongthin.directory.models import LAO

from .. import permissions
from ..ckan.errors import NotAuthorized, NotFound, ValidationError
from ..models import (
    Capacity,
    Dataset,
    Organization,
    OrganizationKind,
    OrganizationMember,
    State,
)

NAMESPACE = uuid.UUID("5b0c1c3e-7a1d-4f3e-9a57-2f0d6c1e8b11")
NAME_RE = re.compile(r"^[a-z0-9_\-]{2,100}$")


@dataclass(frozen=True)
class Agency:
    name: str
    title: str
    description: str


# The agencies that publish alongside the LAOs (names as data.go.th spells them where it has one).
AGENCIES = [
    Agency(
        "dga",
        "สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน)",
        "ผู้ดูแลศูนย์กลางข้อมูลเปิดภาครัฐและทะเบียนอีเมลกลางของ อปท.",
    ),
    Agency(
        "oag",
        "สำนักงานการตรวจเงินแผ่นดิน",
        "หน่วยงานตรวจสอบการใช้จ่ายเงินแผ่นดิน ผู้กำหนดแบบประเมินวินัยการเงินการคลัง",
    ),
    Agency(
        "dla", "กรมส่งเสริมการปกครองท้องถิ่น", "หน่วยงานกำกับดูแลองค์กรปกครองส่วนท้องถิ่น ผู้ดูแลทะเบียนรหัส อปท."
    ),
    Agency("nso", "สำนักงานสถิติแห่งชาติ", "หน่วยงานสถิติทางการของประเทศ"),
    Agency(
        "thongthin",
        "แพลตฟอร์มท้องถิ่น",
        "ข้อมูลที่แพลตฟอร์มท้องถิ่นเผยแพร่เอง: ทำเนียบ อปท. ทะเบียนอีเมลกลาง และสรุปผลการประเมินตนเอง",
    ),
]


def lao_org_id(dla_code: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"lao:{dla_code}"))


def agency_org_id(name: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"agency:{name}"))


def lao_org_name(dla_code: str) -> str:
    return f"lao-{dla_code}"


def organization_sync_reference() -> dict[str, int]:
    """Create the agencies and an organization for every LAO that has none; keep LAO titles in
    step with the directory. Idempotent; one query per batch, not per LAO."""
    created = updated = 0
    with transaction.atomic():
        existing_agencies = set(
            Organization.objects.filter(kind=OrganizationKind.AGENCY).values_list("name", flat=True)
        )
        for agency in AGENCIES:
            if agency.name not in existing_agencies:
                Organization.objects.create(
                    id=agency_org_id(agency.name),
                    name=agency.name,
                    title=agency.title,
                    description=agency.description,
                    kind=OrganizationKind.AGENCY,
                )
                created += 1
        by_lao = {
            lao_id: (org_id, title, description)
            for org_id, lao_id, title, description in Organization.objects.filter(
                lao__isnull=False
            ).values_list("id", "lao_id", "title", "description")
        }
        new, changed = [], []
        for lao in LAO.objects.only("id", "dla_code", "display_name_th", "full_name_th"):
            if lao.pk not in by_lao:
                new.append(_lao_org(lao))
            elif by_lao[lao.pk][1:] != (lao.display_name_th, lao.full_name_th):
                changed.append(
                    Organization(
                        id=by_lao[lao.pk][0],
                        title=lao.display_name_th,
                        description=lao.full_name_th,
                    )
                )
        Organization.objects.bulk_create(new, batch_size=1000)
        Organization.objects.bulk_update(changed, ["title", "description"], batch_size=1000)
        created += len(new)
        updated += len(changed)
        if changed:
            # The organization's title is in its datasets' search documents.
            renamed = list(
                Dataset.objects.filter(owner_org__in=[o.id for o in changed]).values_list(
                    "id", flat=True
                )
            )
            transaction.on_commit(partial(_reindex, renamed))
    return {"created": created, "updated": updated}


def _reindex(dataset_ids: list[str]) -> None:
    from .. import search

    search.index_datasets(dataset_ids)


def organization_sync_job(context: Any) -> None:
    """Background-job handler (thongthin.core.jobs), queued after a DLA import commits."""
    outcome = organization_sync_reference()
    context.progress(100, f"created {outcome['created']}, updated {outcome['updated']}", force=True)


def _lao_org(lao: LAO) -> Organization:
    return Organization(
        id=lao_org_id(lao.dla_code),
        name=lao_org_name(lao.dla_code),
        title=lao.display_name_th,
        description=lao.full_name_th,
        kind=OrganizationKind.LAO,
        lao=lao,
    )


def organization_for_lao(lao: LAO) -> Organization:
    """The LAO's organization, made now if the sync after its DLA import has not run yet."""
    org = Organization.objects.filter(lao=lao).first()
    if org is None:
        org, _created = Organization.objects.get_or_create(
            id=lao_org_id(lao.dla_code),
            defaults={
                "name": lao_org_name(lao.dla_code),
                "title": lao.display_name_th,
                "description": lao.full_name_th,
                "kind": OrganizationKind.LAO,
                "lao": lao,
            },
        )
    return org


@transaction.atomic
def organization_create(
    *,
    actor: Any,
    name: str,
    title: str = "",
    description: str = "",
    image_url: str = "",
    org_id: str | None = None,
) -> Organization:
    """A new agency organization (platform administrators only; LAOs get theirs automatically)."""
    if not permissions.is_sysadmin(actor):
        raise NotAuthorized(_("เฉพาะผู้ดูแลแพลตฟอร์มสร้างองค์กรได้"))
    errors: dict[str, list[str]] = {}
    name = (name or "").strip()
    if not NAME_RE.match(name):
        errors["name"] = [_("ต้องเป็นอักษรอังกฤษตัวเล็ก ตัวเลข - หรือ _ ยาว 2–100 ตัว")]
    elif Organization.objects.filter(name=name).exists():
        errors["name"] = [_("มีองค์กรชื่อนี้แล้ว")]
    if org_id and Organization.objects.filter(pk=org_id).exists():
        errors["id"] = [_("มีองค์กรรหัสนี้แล้ว")]
    if errors:
        raise ValidationError(errors)
    org = Organization.objects.create(
        id=org_id or str(uuid.uuid4()),
        name=name,
        title=(title or name).strip()[:300],
        description=description or "",
        image_url=image_url or "",
        kind=OrganizationKind.AGENCY,
        state=State.ACTIVE,
    )
    audit_record(
        actor=actor,
        action="opendata.organization.created",
        target=org,
        after={"name": org.name, "title": org.title},
    )
    return org


@transaction.atomic
def organization_member_create(
    *, actor: Any, org: Organization, user: Any, capacity: str
) -> OrganizationMember:
    """Add or change a member (admin, editor or member). Only the organization's admins."""
    if not permissions.can_admin_org(actor, org):
        raise NotAuthorized(_("เฉพาะผู้ดูแลองค์กรเพิ่มสมาชิกได้"))
    if capacity not in Capacity.values:
        raise ValidationError({"role": [_("บทบาทต้องเป็น admin, editor หรือ member")]})
    if user is None:
        raise NotFound(_("ผู้ใช้"))
    member = (
        OrganizationMember.objects.select_for_update().filter(organization=org, user=user).first()
    )
    before = {"capacity": member.capacity} if member else None
    if member is None:
        member = OrganizationMember.objects.create(organization=org, user=user, capacity=capacity)
    else:
        member.capacity = capacity
        member.save(update_fields=["capacity"])
    audit_record(
        actor=actor,
        action="opendata.organization.member_set",
        target=org,
        before=before,
        after={"user": user.email, "capacity": capacity},
    )
    return member
