"""The Thai government dataset metadata (GD Catalog / ckanext-thai_gdc schema, domain notes §3.3):
which fields exist, which are required, their choices (stored as the Thai label, as GD Catalog
sites do), and which depend on the data type. Multiple-choice fields are JSON lists; yes/no
fields are the strings "True"/"False"; dates are YYYY-MM-DD."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

OTHER = "อื่นๆ"
RECORD, STATISTICAL, GEOSPATIAL, MULTIPLE, OTHER_TYPE = (
    "ข้อมูลระเบียน",
    "ข้อมูลสถิติ",
    "ข้อมูลภูมิสารสนเทศเชิงพื้นที่",
    "ข้อมูลหลากหลายประเภท",
    "ข้อมูลประเภทอื่นๆ",
)
DATA_TYPES = [RECORD, STATISTICAL, GEOSPATIAL, MULTIPLE, OTHER_TYPE]


@dataclass(frozen=True)
class Field:
    name: str
    label_th: str
    label_en: str
    kind: str = "text"  # text, email, select, multiple, bool, date, number, url, markdown
    required: bool = False
    choices: tuple[str, ...] = ()
    data_types: tuple[str, ...] = ()  # empty: every data type
    has_other: bool = False
    max_length: int = 1000


def _f(name: str, th: str, en: str, kind: str = "text", **kw: Any) -> Field:
    if "choices" in kw:
        kw["choices"] = tuple(kw["choices"])
        kw.setdefault("has_other", OTHER in kw["choices"])
    if "data_types" in kw:
        kw["data_types"] = tuple(kw["data_types"])
    return Field(name, th, en, kind, **kw)


FIELDS: list[Field] = [
    _f("data_type", "ประเภทชุดข้อมูล", "Data type", "select", required=True, choices=DATA_TYPES),
    _f("allow_harvest", "ยินยอมให้นำชื่อชุดข้อมูลไปใช้ที่ GD-Catalog", "Allow GD Catalog harvesting", "bool"),
    _f("reference_url_catalog", "อ้างอิง URL Catalog", "Reference catalog URL", "url"),
    _f(
        "objective",
        "วัตถุประสงค์",
        "Objective",
        "multiple",
        required=True,
        choices=[
            "ยุทธศาสตร์ชาติ",
            "แผนพัฒนาเศรษฐกิจและสังคมแห่งชาติ",
            "แผนความมั่นคงแห่งชาติ",
            "แผนแม่บทภายใต้ยุทธศาสตร์ชาติ",
            "แผนปฏิรูปประเทศ",
            "แผนระดับที่ 3 (มติครม. 4 ธ.ค. 2560)",
            "นโยบายรัฐบาล/ข้อสั่งการนายกรัฐมนตรี",
            "มติคณะรัฐมนตรี",
            "เพื่อการให้บริการประชาชน",
            "กฎหมายที่เกี่ยวข้อง",
            "พันธกิจหน่วยงาน",
            "ดัชนี/ตัวชี้วัดระดับนานาชาติ",
            "ไม่ทราบ",
            OTHER,
        ],
    ),
    _f(
        "update_frequency_unit",
        "หน่วยความถี่ของการปรับปรุงข้อมูล",
        "Update frequency unit",
        "select",
        required=True,
        choices=[
            "ไม่ทราบ",
            "ปี",
            "ครึ่งปี",
            "ไตรมาส",
            "เดือน",
            "สัปดาห์",
            "วัน",
            "วันทำการ",
            "ชั่วโมง",
            "นาที",
            "ตามเวลาจริง",
            "ไม่มีการปรับปรุงหลังจากการจัดเก็บข้อมูล",
            OTHER,
        ],
    ),
    _f(
        "update_frequency_interval",
        "ค่าความถี่ของการปรับปรุงข้อมูล",
        "Update frequency interval",
        "number",
    ),
    _f(
        "geo_coverage",
        "ขอบเขตเชิงภูมิศาสตร์หรือเชิงพื้นที่",
        "Geographic coverage",
        "select",
        required=True,
        choices=[
            "ไม่มี",
            "โลก",
            "ทวีป/กลุ่มประเทศในทวีป",
            "กลุ่มประเทศทางเศรษฐกิจ",
            "ประเทศ",
            "ภาค",
            "จังหวัด",
            "อำเภอ",
            "ตำบล",
            "หมู่บ้าน",
            "เทศบาล/อบต.",
            "พิกัด",
            "ไม่ทราบ",
            OTHER,
        ],
    ),
    _f("data_source", "แหล่งที่มา", "Data source", required=True),
    _f(
        "data_format",
        "รูปแบบการเก็บข้อมูล",
        "Data format",
        "multiple",
        required=True,
        choices=[
            "Database",
            "CSV",
            "XML",
            "Image",
            "Video",
            "Audio",
            "Text",
            "JSON",
            "HTML",
            "DOC/DOCX",
            "XLS",
            "PDF",
            "RDF",
            "NoSQL",
            "Arc/Info Coverage",
            "Shapefile",
            "GeoTiff",
            "GML",
            "ไม่ทราบ",
            OTHER,
        ],
    ),
    _f(
        "data_category",
        "หมวดหมู่ข้อมูลตามธรรมาภิบาลข้อมูลภาครัฐ",
        "Data category (data governance)",
        "select",
        required=True,
        choices=[
            "ข้อมูลสาธารณะ",
            "ข้อมูลใช้ภายใน",
            "ข้อมูลส่วนบุคคล",
            "ข้อมูลความมั่นคง",
            "ข้อมูลความลับทางราชการ",
        ],
    ),
    _f(
        "data_classification",
        "ระดับชั้นข้อมูล",
        "Data classification",
        "select",
        choices=["เปิดเผย", "ชั้นเผยแพร่ภายในองค์กร", "ลับ", "ลับมาก", "ลับที่สุด"],
    ),
    _f("accessible_condition", "เงื่อนไขในการเข้าถึงข้อมูล", "Access conditions", "markdown"),
    _f(
        "data_support",
        "ผู้สนับสนุนหรือผู้ร่วมดำเนินการ",
        "Supported by",
        "select",
        choices=[
            "ไม่มี",
            "หน่วยงานของรัฐ",
            "หน่วยงานเอกชน",
            "หน่วยงาน/องค์กรระหว่างประเทศ",
            "มูลนิธิ/สมาคม",
            "สถาบันการศึกษา",
            OTHER,
        ],
    ),
    _f(
        "data_collect",
        "หน่วยที่ย่อยที่สุดของการจัดเก็บข้อมูล",
        "Smallest unit collected",
        "select",
        choices=[
            "ไม่มี",
            "บุคคล",
            "ครัวเรือน/ครอบครัว",
            "บ้าน/ที่อยู่อาศัย",
            "บริษัท/ห้างร้าน/สถานประกอบการ",
            "อาคาร/สิ่งปลูกสร้าง",
            "พื้นที่การเกษตร ประมง ป่าไม้",
            "สัตว์และพันธุ์พืช",
            "ขอบเขตเชิงภูมิศาสตร์หรือเชิงพื้นที่",
            "แหล่งน้ำ เช่น แม่น้ำ อ่างเก็บน้ำ",
            "เส้นทางการเดินทาง เช่น ถนน ทางรถไฟ",
            "ไม่ทราบ",
            OTHER,
        ],
    ),
    _f(
        "data_language",
        "ภาษาที่ใช้",
        "Language",
        "multiple",
        choices=[
            "ไทย",
            "อังกฤษ",
            "จีน",
            "มลายู",
            "พม่า",
            "ลาว",
            "เขมร",
            "ญี่ปุ่น",
            "เกาหลี",
            "ฝรั่งเศส",
            "เยอรมัน",
            "อารบิก",
            "ไม่ทราบ",
            OTHER,
        ],
    ),
    _f(
        "created_date", "วันที่เริ่มต้นสร้าง", "Created", "date", data_types=[RECORD, MULTIPLE, OTHER_TYPE]
    ),
    _f("last_updated_date", "วันที่ปรับปรุงข้อมูลล่าสุด", "Last updated", "date"),
    _f(
        "data_release_calendar",
        "วันที่กำหนดเผยแพร่ข้อมูล",
        "Release calendar",
        "date",
        data_types=[STATISTICAL, GEOSPATIAL],
    ),
    _f(
        "high_value_dataset",
        "ชุดข้อมูลที่มีคุณค่าสูง",
        "High-value dataset",
        "bool",
        data_types=[RECORD, MULTIPLE, OTHER_TYPE],
    ),
    _f("reference_data", "ข้อมูลอ้างอิง", "Reference data", "bool"),
    # Statistical data only.
    _f(
        "first_year_of_data",
        "ปีข้อมูลที่เริ่มต้นจัดทำ",
        "First year of data (BE)",
        "number",
        data_types=[STATISTICAL],
    ),
    _f(
        "last_year_of_data",
        "ปีข้อมูลล่าสุด",
        "Last year of data (BE)",
        "number",
        data_types=[STATISTICAL],
    ),
    _f(
        "disaggregate",
        "การจำแนกข้อมูล",
        "Disaggregation",
        "multiple",
        data_types=[STATISTICAL],
        choices=[
            "ไม่มี",
            "เพศ",
            "อายุ/กลุ่มอายุ",
            "สถานภาพสมรส",
            "ศาสนา",
            "ระดับการศึกษา",
            "อาชีพ",
            "สถานภาพการทำงาน",
            "อุตสาหกรรม/ประเภทกิจการ",
            "รายได้",
            "ขอบเขตเชิงภูมิศาสตร์หรือเชิงพื้นที่",
            "ผลิตภัณฑ์",
            "ไม่ทราบ",
            OTHER,
        ],
    ),
    _f("unit_of_measure", "หน่วยวัด", "Unit of measure", data_types=[STATISTICAL]),
    _f(
        "unit_of_multiplier",
        "ตัวคูณหน่วย",
        "Unit multiplier",
        "select",
        data_types=[STATISTICAL],
        choices=[
            "หน่วย",
            "สิบ",
            "ร้อย",
            "พัน",
            "หมื่น",
            "แสน",
            "ล้าน",
            "สิบล้าน",
            "ร้อยล้าน",
            "พันล้าน",
            "หมื่นล้าน",
            "แสนล้าน",
            "ล้านล้าน",
            "ไม่ทราบ",
            OTHER,
        ],
    ),
    _f(
        "calculation_method",
        "วิธีการคำนวณ",
        "Calculation method",
        "markdown",
        data_types=[STATISTICAL],
    ),
    _f("standard", "มาตรฐาน", "Standard", data_types=[STATISTICAL]),
    _f("official_statistics", "สถิติทางการ", "Official statistics", "bool", data_types=[STATISTICAL]),
    # Geospatial data only.
    _f(
        "geographic_data_set",
        "ชุดข้อมูลภูมิสารสนเทศพื้นฐาน",
        "Fundamental geographic dataset",
        "select",
        data_types=[GEOSPATIAL],
        choices=[
            "ชั้นข้อมูลแปลงที่ดิน",
            "ชั้นข้อมูลขอบเขตการปกครอง",
            "ชั้นข้อมูลเส้นทางคมนาคม",
            "ชั้นข้อมูลชุมนุม/อาคาร",
            "ชั้นข้อมูลป่าไม้",
            "ชั้นข้อมูลการใช้ประโยชน์ที่ดิน",
            "ชั้นข้อมูลแหล่งน้ำ",
            "ชั้นข้อมูลอุทกศาสตร์",
            "ชั้นข้อมูลหมุดหลักฐานแผนที่",
            "ชั้นข้อมูลความสูงภูมิประเทศเชิงตัวเลข",
            "ชั้นข้อมูลภาพแผนที่ภูมิประเทศ",
            "ชั้นข้อมูลแผนที่ภาพถ่ายทางอากาศ",
            "ชั้นข้อมูลภาพวาดดาวเทียมดัดแก้",
        ],
    ),
    _f(
        "equivalent_scale",
        "มาตราส่วน",
        "Equivalent scale",
        "select",
        data_types=[GEOSPATIAL],
        choices=["1:4,000", "1:10,000", "1:25,000", "1:50,000", "1:250,000", OTHER],
    ),
    _f(
        "west_bound_longitude",
        "ลองจิจูดขอบเขตทิศตะวันตก",
        "West bound longitude",
        "number",
        data_types=[GEOSPATIAL],
    ),
    _f(
        "east_bound_longitude",
        "ลองจิจูดขอบเขตทิศตะวันออก",
        "East bound longitude",
        "number",
        data_types=[GEOSPATIAL],
    ),
    _f(
        "north_bound_longitude",
        "ละติจูดขอบเขตทิศเหนือ",
        "North bound latitude",
        "number",
        data_types=[GEOSPATIAL],
    ),
    _f(
        "south_bound_longitude",
        "ละติจูดขอบเขตทิศใต้",
        "South bound latitude",
        "number",
        data_types=[GEOSPATIAL],
    ),
    _f("positional_accuracy", "ความถูกต้องเชิงตำแหน่ง", "Positional accuracy", data_types=[GEOSPATIAL]),
    _f("reference_period", "ช่วงเวลาอ้างอิง", "Reference period", data_types=[GEOSPATIAL]),
    _f("data_release_date", "วันที่เผยแพร่ข้อมูล", "Release date", "date", data_types=[GEOSPATIAL]),
]
BY_NAME = {f.name: f for f in FIELDS}
# CKAN core fields that the Thai standard also requires.
REQUIRED_CORE = ["title", "maintainer", "maintainer_email", "notes", "license_id", "owner_org"]


def applies(f: Field, data_type: str) -> bool:
    return not f.data_types or data_type in f.data_types


def clean_thai_fields(
    data: dict[str, Any], *, partial: bool = False
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """Validate the Thai fields of a package dict. Returns (clean values, CKAN-style errors:
    {field: [messages]}). With `partial` (package_patch), missing fields are not required.
    Fields that do not apply to the chosen data type (GD Catalog `form_data_type`) are not
    kept: a dataset switched from statistical to record data loses its statistical fields."""
    errors: dict[str, list[str]] = {}
    clean: dict[str, Any] = {}
    data_type = data.get("data_type") or ""
    for f in FIELDS:
        if data_type in DATA_TYPES and not applies(f, data_type):
            continue
        value = data.get(f.name)
        if value in (None, "", []):
            if f.required and not partial and applies(f, data_type):
                errors[f.name] = [str(_("จำเป็นต้องระบุ"))]
            continue
        try:
            clean[f.name] = _clean_value(f, value)
        except ValueError as exc:
            errors[f.name] = [str(exc)]
            continue
        if f.has_other:
            other = data.get(f"{f.name}_other")
            chosen = clean[f.name] if isinstance(clean[f.name], list) else [clean[f.name]]
            if OTHER in chosen:
                if not other:
                    errors[f"{f.name}_other"] = [str(_("กรุณาระบุเมื่อเลือก อื่นๆ"))]
                else:
                    clean[f"{f.name}_other"] = str(other)[:500]
    return clean, errors


def _clean_value(f: Field, value: Any) -> Any:
    if f.kind == "multiple":
        if isinstance(value, str):
            import json

            try:
                parsed = json.loads(value)
                value = parsed if isinstance(parsed, list) else [value]
            except ValueError:
                value = [v.strip() for v in value.split(",") if v.strip()]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError(str(_("ต้องเป็นรายการตัวเลือก")))
        bad = [v for v in value if v not in f.choices]
        if bad:
            raise ValueError(str(_("ไม่มีตัวเลือกนี้: %(values)s")) % {"values": ", ".join(bad[:3])})
        return value
    if f.kind == "select":
        if value not in f.choices:
            raise ValueError(str(_("ไม่มีตัวเลือกนี้: %(values)s")) % {"values": str(value)[:50]})
        return value
    if f.kind == "bool":
        text = str(value).strip().lower()
        if text in {"true", "1", "yes", "on"}:
            return "True"
        if text in {"false", "0", "no", "off"}:
            return "False"
        raise ValueError(str(_("ต้องเป็น True หรือ False")))
    if f.kind == "date":
        try:
            return dt.date.fromisoformat(str(value)[:10]).isoformat()
        except ValueError:
            raise ValueError(str(_("วันที่ต้องอยู่ในรูป YYYY-MM-DD"))) from None
    if f.kind == "number":
        try:
            float(str(value).replace(",", ""))
        except ValueError:
            raise ValueError(str(_("ต้องเป็นตัวเลข"))) from None
        return str(value).strip()
    text = str(value).strip()
    if len(text) > f.max_length:
        raise ValueError(str(_("ยาวเกิน %(max)s ตัวอักษร")) % {"max": f.max_length})
    return text
