"""The platform publishes its own data as open datasets in the organization "thongthin": the LAO
directory, the registry of verified central e-mails, and the fiscal-discipline self-assessment
aggregates. `platform_data_refresh` (the job "opendata.platform_data.refresh", also
`manage.py opendata_publish_platform_data`) rebuilds each file and replaces the resource only
when its content changed, through the same services as any publisher (audited, indexed)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Count, Q

from thongthin.core.exports import csv_bytes

from ..models import Dataset, Organization, State
from .datasets import package_create
from .organizations import agency_org_id
from .resources import resource_create, resource_update

PLATFORM_ORG = "thongthin"
SYSTEM_EMAIL = "opendata-bot@thongthin.invalid"
# Aggregates with fewer assessments than this are published as a range, not a count, so that a
# single LAO's result cannot be read off a small cell.
SMALL_CELL = 3


def _lao_directory() -> bytes:
    from thongthin.directory.models import LAO, LAOStatus

    laos = (
        LAO.objects.filter(status=LAOStatus.ACTIVE)
        .select_related("province")
        .order_by("dla_code")
        .values_list(
            "dla_code",
            "lao_type",
            "display_name_th",
            "province__code",
            "province__name_th",
            "district_name_th",
            "lat",
            "lon",
            "area_km2",
            "website",
        )
    )
    header = [
        "dla_code",
        "lao_type",
        "name",
        "province_code",
        "province",
        "district",
        "lat",
        "lon",
        "area_km2",
        "website",
    ]
    return csv_bytes(header, ([("" if v is None else v) for v in row] for row in laos))


def _email_registry() -> bytes:
    from thongthin.registry.exports import to_csv
    from thongthin.registry.selectors import registered_laos

    return to_csv(registered_laos())


def _assessment_aggregates() -> bytes:
    from thongthin.assessment.models import Assessment, AssessmentStatus

    rows = (
        Assessment.objects.filter(status=AssessmentStatus.SIGNED_OFF)
        .values("fiscal_year", "lao__province__code", "lao__province__name_th", "kind")
        .annotate(
            assessments=Count("id"),
            laos=Count("lao", distinct=True),
            passed=Count("id", filter=Q(level="pass")),
            improve=Count("id", filter=Q(level="improve")),
            high_risk=Count("id", filter=Q(level="high_risk")),
            suspended=Count("id", filter=Q(level="suspend")),
        )
        .order_by("fiscal_year", "lao__province__code", "kind")
    )
    header = [
        "fiscal_year_be",
        "province_code",
        "province",
        "project_kind",
        "assessments",
        "laos",
        "pass",
        "improve",
        "high_risk",
        "suspend",
    ]

    def cells() -> Iterable[list[Any]]:
        for row in rows:
            counts = [
                row["assessments"],
                row["laos"],
                row["passed"],
                row["improve"],
                row["high_risk"],
                row["suspended"],
            ]
            if row["laos"] < SMALL_CELL:
                # Withheld: the number of LAOs shown as a range, everything else blank.
                counts = ["", f"<{SMALL_CELL}"] + ["" for _ in counts[2:]]
            yield [
                row["fiscal_year"],
                row["lao__province__code"],
                row["lao__province__name_th"],
                row["kind"],
                *counts,
            ]

    return csv_bytes(header, cells())


@dataclass(frozen=True)
class PlatformDataset:
    name: str
    title: str
    notes: str
    tags: tuple[str, ...]
    filename: str
    build: Callable[[], bytes]
    data_type: str = "ข้อมูลระเบียน"
    frequency: str = "วัน"
    high_value: bool = False


DATASETS = [
    PlatformDataset(
        "thongthin-lao-directory",
        "ทำเนียบองค์กรปกครองส่วนท้องถิ่นทั่วประเทศ",
        "รายชื่อ อปท. ทุกแห่ง (7,850 แห่ง) พร้อมรหัส อปท. ประเภท จังหวัด อำเภอ พิกัด และพื้นที่ "
        "จากทะเบียนของกรมส่งเสริมการปกครองท้องถิ่น ปรับปรุงอัตโนมัติทุกวันจากแพลตฟอร์มท้องถิ่น",
        ("อปท.", "ทำเนียบ", "รหัส อปท."),
        "lao-directory.csv",
        _lao_directory,
        high_value=True,
    ),
    PlatformDataset(
        "thongthin-lao-official-emails",
        "ทะเบียนอีเมลกลางของ อปท. ที่ยืนยันแล้ว",
        "อีเมลกลาง (สารบรรณ) ของ อปท. ที่ผ่านการยืนยันกล่องจดหมายและการตรวจสอบของ สพร. "
        "ใช้ตรวจว่าอีเมลที่ได้รับมาจาก อปท. จริงหรือไม่ ปรับปรุงอัตโนมัติทุกวัน",
        ("อีเมลกลาง", "สารบรรณ", "อปท."),
        "lao-official-emails.csv",
        _email_registry,
    ),
    PlatformDataset(
        "thongthin-fiscal-discipline-aggregates",
        "สรุปผลการประเมินตนเองด้านวินัยการเงินการคลังของ อปท.",
        "จำนวนแบบประเมินที่ผู้บริหารลงนามแล้ว จำแนกตามปีงบประมาณ จังหวัด และประเภทโครงการ พร้อมจำนวนตามระดับผล "
        "(ผ่าน ควรปรับปรุง ความเสี่ยงสูง ระงับการเบิกจ่าย) "
        f"กลุ่มที่มี อปท. น้อยกว่า {SMALL_CELL} แห่ง แสดงจำนวน อปท. เป็น <{SMALL_CELL} "
        "และเว้นว่างจำนวนแบบประเมินและระดับผล เพื่อไม่ให้ระบุตัว อปท. ได้",
        ("วินัยการเงินการคลัง", "สตง.", "ประเมินตนเอง"),
        "fiscal-discipline-aggregates.csv",
        _assessment_aggregates,
        data_type="ข้อมูลสถิติ",
    ),
]


def system_actor() -> Any:
    """The account the platform publishes as (a platform administrator that cannot sign in)."""
    users = get_user_model().objects
    user = users.filter(email=SYSTEM_EMAIL).first()
    if user is None:
        user = users.create_superuser(email=SYSTEM_EMAIL, full_name="Thongthin open data")
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _package(spec: PlatformDataset, org: Organization) -> dict[str, Any]:
    return {
        "name": spec.name,
        "title": spec.title,
        "notes": spec.notes,
        "owner_org": org.id,
        "maintainer": "แพลตฟอร์มท้องถิ่น",
        "maintainer_email": "opendata@thongthin.go.th",
        "license_id": "dga-ogl",
        "tags": [{"name": t} for t in spec.tags],
        "data_type": spec.data_type,
        "objective": ["เพื่อการให้บริการประชาชน", "พันธกิจหน่วยงาน"],
        "update_frequency_unit": spec.frequency,
        "update_frequency_interval": "1",
        "geo_coverage": "ประเทศ",
        "data_source": "แพลตฟอร์มท้องถิ่น (Thongthin)",
        "data_format": ["CSV"],
        "data_category": "ข้อมูลสาธารณะ",
        "data_language": ["ไทย"],
        **(
            {"high_value_dataset": "True"}
            if spec.high_value and spec.data_type != "ข้อมูลสถิติ"
            else {}
        ),
    }


def platform_data_refresh() -> dict[str, str]:
    """Create or refresh each platform dataset. Returns {name: "created"|"updated"|"unchanged"}."""
    actor = system_actor()
    org = Organization.objects.get(pk=agency_org_id(PLATFORM_ORG))
    outcome: dict[str, str] = {}
    for spec in DATASETS:
        content = spec.build()
        digest = f"sha256:{hashlib.sha256(content).hexdigest()}"
        upload = SimpleUploadedFile(spec.filename, content, content_type="text/csv")
        dataset = Dataset.objects.filter(name=spec.name).first()
        if dataset is None:
            dataset = package_create(actor=actor, data=_package(spec, org))
            resource_create(
                actor=actor,
                data={
                    "package_id": dataset.id,
                    "name": spec.title,
                    "upload": upload,
                    "hash": digest,
                },
            )
            outcome[spec.name] = "created"
            continue
        resource = dataset.resources.filter(state=State.ACTIVE).order_by("position").first()
        if resource is None:
            resource_create(
                actor=actor,
                data={
                    "package_id": dataset.id,
                    "name": spec.title,
                    "upload": upload,
                    "hash": digest,
                },
            )
            outcome[spec.name] = "updated"
        elif resource.hash != digest:
            resource_update(
                actor=actor,
                data={"id": resource.id, "upload": upload, "hash": digest},
                partial=True,
            )
            outcome[spec.name] = "updated"
        else:
            outcome[spec.name] = "unchanged"
    return outcome


def platform_data_refresh_job(context: Any) -> None:
    context.progress(5, "building files")
    outcome = platform_data_refresh()
    context.progress(100, ", ".join(f"{k}: {v}" for k, v in outcome.items()))
