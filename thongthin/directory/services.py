"""Writes to the directory: loading the geography and (re-)importing DLA's LAO file, and the
LAO's own contact details."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from thongthin.core import versions
from thongthin.core.audit import audit_record, snapshot
from thongthin.core.errors import PermissionDenied, ValidationFailed, django_validation_as_failure
from thongthin.core.text import normalize, search_key

from .models import (
    BANGKOK_DLA_CODE,
    LAO,
    District,
    LAOStatus,
    LAOType,
    Province,
    Region,
    SubDistrict,
)
from .naming import DLA_TYPE_VALUES, display_name, full_name
from .search import VERSION as DIRECTORY_VERSION
from .signals import laos_imported

DATA_DIR = Path(__file__).resolve().parent / "data"
GEOGRAPHY_DIR = DATA_DIR / "geography"
DLA_FILE = DATA_DIR / "laos.csv"

_REGIONS = {
    "1": Region.NORTH,
    "2": Region.CENTRAL,
    "3": Region.NORTHEAST,
    "4": Region.WEST,
    "5": Region.EAST,
    "6": Region.SOUTH,
}
_DLA_COLUMNS = {"dla_code", "name_th", "type_th", "province_code", "district_name_th"}
# Fields that DLA's file owns; the LAO's own contact details are never overwritten by an import.
_IMPORTED_FIELDS = [
    "dla_code",
    "lao_type",
    "name_th",
    "display_name_th",
    "full_name_th",
    "province_id",
    "district_id",
    "district_name_th",
    "lat",
    "lon",
    "area_km2",
    "status",
]


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@transaction.atomic
def geography_load() -> dict[str, int]:
    """Provinces, districts and sub-districts from the shipped files. Idempotent."""
    provinces = _read_csv(GEOGRAPHY_DIR / "provinces.csv")
    districts = _read_csv(GEOGRAPHY_DIR / "districts.csv")
    subs = _read_csv(GEOGRAPHY_DIR / "sub_districts.csv")
    # The file's province ids are its own running numbers; the geocode is a district's prefix.
    province_code = {d["province_id"]: d["id"][:2] for d in districts}
    existing_p = set(Province.objects.values_list("code", flat=True))
    Province.objects.bulk_create(
        [
            Province(
                code=province_code[p["id"]],
                name_th=p["name_th"],
                name_en=p["name_en"],
                region=_REGIONS[p["geography_id"]],
            )
            for p in provinces
            if province_code[p["id"]] not in existing_p
        ]
    )
    province_by_code = {p.code: p for p in Province.objects.all()}
    existing_d = set(District.objects.values_list("code", flat=True))
    District.objects.bulk_create(
        [
            District(
                code=d["id"],
                province=province_by_code[d["id"][:2]],
                name_th=d["name_th"],
                name_en=d["name_en"],
            )
            for d in districts
            if d["id"] not in existing_d
        ],
        batch_size=1000,
    )
    district_by_code = {d.code: d for d in District.objects.all()}
    existing_s = set(SubDistrict.objects.values_list("code", flat=True))
    SubDistrict.objects.bulk_create(
        [
            SubDistrict(
                code=s["id"],
                district=district_by_code[s["district_id"]],
                name_th=s["name_th"],
                name_en=s["name_en"],
                zip_code=s["zip_code"] or "",
            )
            for s in subs
            if s["id"] not in existing_s
        ],
        batch_size=1000,
    )
    return {
        "provinces": Province.objects.count(),
        "districts": District.objects.count(),
        "sub_districts": SubDistrict.objects.count(),
    }


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    recoded: list[tuple[str, str]] = field(default_factory=list)  # (old code, new code)
    merged: list[tuple[str, str]] = field(default_factory=list)  # (code, merged into)
    deactivated: list[str] = field(default_factory=list)
    unchanged: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "created": len(self.created),
            "updated": len(self.updated),
            "recoded": len(self.recoded),
            "merged": len(self.merged),
            "deactivated": len(self.deactivated),
            "unchanged": self.unchanged,
        }


@dataclass(frozen=True)
class _Row:
    dla_code: str
    name_th: str
    lao_type: str
    province_code: str
    district_name_th: str
    lat: Decimal | None
    lon: Decimal | None
    area_km2: Decimal | None
    merged_into: str


_PLACES = {"lat": Decimal("0.0000001"), "lon": Decimal("0.0000001"), "area_km2": Decimal("0.01")}


def _decimal(value: str, line: int, column: str) -> Decimal | None:
    """A number as the database will store it (so that a re-import sees no false change)."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        number = Decimal(value)
        limit = Decimal("1e8") if column == "area_km2" else Decimal("1000")
        if not number.is_finite() or abs(number) >= limit:
            raise InvalidOperation
        return number.quantize(_PLACES[column])
    except InvalidOperation:
        raise ValidationFailed(
            _("แถวที่ %(line)s: ค่า %(column)s ไม่ใช่ตัวเลข"),
            code="import_bad_number",
            params={"line": line, "column": column},
        ) from None


def parse_dla_file(content: str | bytes) -> list[_Row]:
    """Read a DLA LAO file in the shipped format; any bad row rejects the whole file."""
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationFailed(
                _("ไฟล์ต้องเป็น CSV แบบ UTF-8"), code="import_bad_encoding"
            ) from None
    reader = csv.DictReader(io.StringIO(content))
    missing = _DLA_COLUMNS - set(reader.fieldnames or [])
    if missing:
        raise ValidationFailed(
            _("ไฟล์ขาดคอลัมน์: %(columns)s"),
            code="import_missing_columns",
            params={"columns": ", ".join(sorted(missing))},
        )
    rows: list[_Row] = []
    seen: set[str] = set()
    for line, raw in enumerate(reader, start=2):
        code = (raw["dla_code"] or "").strip()
        if not (len(code) == 7 and code.isdigit()):
            raise ValidationFailed(
                _("แถวที่ %(line)s: รหัส อปท. ต้องเป็นตัวเลข 7 หลัก"),
                code="import_bad_code",
                params={"line": line},
            )
        if code in seen:
            raise ValidationFailed(
                _("แถวที่ %(line)s: รหัส อปท. %(code)s ซ้ำ"),
                code="import_duplicate_code",
                params={"line": line, "code": code},
            )
        seen.add(code)
        type_th = (raw["type_th"] or "").strip()
        if type_th not in DLA_TYPE_VALUES:
            raise ValidationFailed(
                _('แถวที่ %(line)s: ไม่รู้จักประเภท อปท. "%(value)s"'),
                code="import_bad_type",
                params={"line": line, "value": type_th[:40]},
            )
        name = normalize(raw["name_th"])
        if not name:
            raise ValidationFailed(
                _("แถวที่ %(line)s: ไม่มีชื่อ อปท."), code="import_missing_name", params={"line": line}
            )
        rows.append(
            _Row(
                dla_code=code,
                name_th=name,
                lao_type=DLA_TYPE_VALUES[type_th],
                province_code=(raw["province_code"] or "").strip().zfill(2),
                district_name_th=normalize(raw["district_name_th"]),
                lat=_decimal(raw.get("lat", ""), line, "lat"),
                lon=_decimal(raw.get("lon", ""), line, "lon"),
                area_km2=_decimal(raw.get("area_km2", ""), line, "area_km2"),
                merged_into=(raw.get("merged_into") or "").strip(),
            )
        )
    return rows


def _search_key_for(lao: LAO, province: Province) -> str:
    with translation.override("th"):  # the Thai type name, whatever language the importer uses
        type_label = str(lao.get_lao_type_display())
    parts = [
        lao.display_name_th,
        lao.full_name_th,
        type_label,
        lao.district_name_th,
        f"อำเภอ{lao.district_name_th}" if lao.district_name_th else "",
        province.name_th,
        province.name_en,
        lao.dla_code,
    ]
    return search_key(" ".join(p for p in parts if p))


def _apply_row(lao: LAO, row: _Row, provinces: dict[str, Province], districts: dict) -> None:
    province = provinces[row.province_code]
    lao.lao_type = row.lao_type
    lao.name_th = row.name_th
    lao.display_name_th = display_name(row.name_th, row.lao_type)
    lao.full_name_th = full_name(row.name_th, row.lao_type)
    lao.province = province
    lao.district = districts.get((row.province_code, row.district_name_th))
    lao.district_name_th = row.district_name_th
    lao.lat, lao.lon, lao.area_km2 = row.lat, row.lon, row.area_km2
    lao.status = LAOStatus.ACTIVE
    lao.merged_into = None
    lao.name_key = search_key(row.name_th)
    lao.search_key = _search_key_for(lao, province)


def _district_index() -> dict[tuple[str, str], District]:
    index: dict[tuple[str, str], District] = {}
    for d in District.objects.select_related("province"):
        index[(d.province.code, d.name_th)] = d
        # Bangkok's districts are "เขต..." in the geography but DLA files may omit the prefix.
        index.setdefault((d.province.code, d.name_th.removeprefix("เขต")), d)
    return index


@transaction.atomic
def lao_import(*, rows: Iterable[_Row], actor: Any = None, source: str = "") -> ImportReport:
    """Apply a DLA file: create new LAOs, update changed ones (type, name, location), follow a
    code change when an LAO is upgraded (same province, district and name under a new code), and
    retire LAOs missing from the file: merged when the file has a row for them whose
    `merged_into` names the successor's code, otherwise inactive.

    Nothing is deleted, so registry entries, memberships and assessments linked to an LAO are
    kept; a re-coded LAO keeps its row and its links and remembers its former code.
    """
    all_rows = list(rows)
    rows = [r for r in all_rows if not r.merged_into]
    merge_targets = {r.dla_code: r.merged_into for r in all_rows if r.merged_into}
    active_codes = {r.dla_code for r in rows}
    bad_merge = sorted(
        c for c, t in merge_targets.items() if t not in active_codes or c in active_codes
    )
    if bad_merge:
        raise ValidationFailed(
            _("รหัสที่ควบรวมไม่ถูกต้อง (merged_into ต้องเป็นรหัส อปท. ที่อยู่ในไฟล์): %(codes)s"),
            code="import_bad_merge",
            params={"codes": ", ".join(bad_merge[:10])},
        )
    provinces = {p.code: p for p in Province.objects.all()}
    unknown = sorted({r.province_code for r in rows} - provinces.keys())
    if unknown:
        raise ValidationFailed(
            _("ไม่รู้จักรหัสจังหวัด: %(codes)s"),
            code="import_unknown_province",
            params={"codes": ", ".join(unknown)},
        )
    districts = _district_index()
    existing = {lao.dla_code: lao for lao in LAO.objects.select_for_update()}
    missing = {
        code: lao
        for code, lao in existing.items()
        if code not in active_codes and code != BANGKOK_DLA_CODE and lao.status == LAOStatus.ACTIVE
    }
    # An upgraded LAO reappears under a new code with the same place and name.
    missing_by_place = {
        (lao.province.code, lao.district_name_th, lao.name_th): lao for lao in missing.values()
    }
    report = ImportReport()
    to_create: list[LAO] = []
    for row in rows:
        lao = existing.get(row.dla_code)
        if lao is None:
            predecessor = missing_by_place.pop(
                (row.province_code, row.district_name_th, row.name_th), None
            )
            if predecessor is not None:
                before = snapshot(predecessor, _IMPORTED_FIELDS)
                old_code = predecessor.dla_code
                missing.pop(old_code, None)
                predecessor.former_codes = [*predecessor.former_codes, old_code]
                predecessor.dla_code = row.dla_code
                _apply_row(predecessor, row, provinces, districts)
                predecessor.save()
                audit_record(
                    actor=actor,
                    action="directory.lao.recoded",
                    target=predecessor,
                    before=before,
                    after=snapshot(predecessor, _IMPORTED_FIELDS),
                    lao=predecessor,
                    note=source,
                )
                report.recoded.append((old_code, row.dla_code))
                continue
            lao = LAO(dla_code=row.dla_code)
            _apply_row(lao, row, provinces, districts)
            to_create.append(lao)
            continue
        before = snapshot(lao, _IMPORTED_FIELDS)
        _apply_row(lao, row, provinces, districts)
        after = snapshot(lao, _IMPORTED_FIELDS)
        if before == after:
            report.unchanged += 1
            continue
        lao.save()
        audit_record(
            actor=actor,
            action="directory.lao.updated",
            target=lao,
            before={k: v for k, v in before.items() if v != after[k]},
            after={k: v for k, v in after.items() if v != before[k]},
            lao=lao,
            note=source,
        )
        report.updated.append(lao.dla_code)
    LAO.objects.bulk_create(to_create, batch_size=1000)
    report.created = [lao.dla_code for lao in to_create]
    by_code = {
        lao.dla_code: lao for lao in LAO.objects.filter(dla_code__in=set(merge_targets.values()))
    }
    for code, lao in missing.items():
        before = snapshot(lao, ["status", "merged_into"])
        target = by_code.get(merge_targets.get(code, ""))
        if target is not None:
            lao.status, lao.merged_into = LAOStatus.MERGED, target
            report.merged.append((code, target.dla_code))
        else:
            lao.status = LAOStatus.INACTIVE
            report.deactivated.append(code)
        lao.save(update_fields=["status", "merged_into", "updated_at"])
        audit_record(
            actor=actor,
            action="directory.lao.retired",
            target=lao,
            before=before,
            after=snapshot(lao, ["status", "merged_into"]),
            lao=lao,
            note=source,
        )
    if report.created or report.updated or report.recoded or report.merged or report.deactivated:
        versions.bump(DIRECTORY_VERSION)
        transaction.on_commit(lambda: laos_imported.send(sender=LAO, report=report))
    return report


def bangkok_ensure() -> LAO:
    """Bangkok is governed by its own act and absent from DLA's registry; we add it ourselves."""
    province = Province.objects.get(code="10")
    lao = LAO.objects.filter(dla_code=BANGKOK_DLA_CODE).first()
    if lao is not None:
        return lao
    lao = LAO(
        dla_code=BANGKOK_DLA_CODE,
        lao_type=LAOType.SPECIAL,
        name_th="กรุงเทพมหานคร",
        display_name_th="กรุงเทพมหานคร",
        full_name_th="กรุงเทพมหานคร",
        province=province,
        district=District.objects.filter(code="1001").first(),
        district_name_th="เขตพระนคร",
        address="173 ถนนดินสอ แขวงเสาชิงช้า เขตพระนคร กรุงเทพมหานคร 10200",
        name_key=search_key("กรุงเทพมหานคร"),
    )
    lao.search_key = _search_key_for(lao, province) + " bangkok bma กทม."
    lao.save()
    versions.bump(DIRECTORY_VERSION)
    return lao


def directory_load_reference(*, actor: Any = None) -> dict[str, Any]:
    """Geography + the shipped DLA file + Bangkok. Idempotent: a second run changes nothing."""
    counts = geography_load()
    report = lao_import(rows=parse_dla_file(DLA_FILE.read_bytes()), actor=actor, source="shipped")
    bangkok_ensure()
    return {**counts, "laos": LAO.objects.count(), "import": report.as_dict()}


LAO_CONTACT_FIELDS = ["address", "phone", "website"]


@transaction.atomic
def lao_update_contact(*, lao: LAO, actor: Any, address: str, phone: str, website: str) -> LAO:
    """The LAO's administrator keeps its address, phone and website current."""
    from thongthin.accounts.permissions import can_manage_lao

    if not can_manage_lao(actor, lao):
        raise PermissionDenied()
    lao = LAO.objects.select_for_update().get(pk=lao.pk)
    before = snapshot(lao, LAO_CONTACT_FIELDS)
    lao.address, lao.phone, lao.website = normalize(address), normalize(phone), website.strip()
    with django_validation_as_failure():
        lao.full_clean(exclude=["name_key", "search_key"])
    lao.save(update_fields=[*LAO_CONTACT_FIELDS, "updated_at"])
    versions.bump(DIRECTORY_VERSION)
    audit_record(
        actor=actor,
        action="directory.lao.contact_updated",
        target=lao,
        before=before,
        after=snapshot(lao, LAO_CONTACT_FIELDS),
        lao=lao,
    )
    return lao
