"""Demo open data: hand-made Thai datasets of LAOs and agencies, each with a real-looking CSV
(made from a seeded random generator, so every run makes the same files). Idempotent."""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from thongthin.accounts.models import User
from thongthin.opendata.models import Dataset, Group
from thongthin.opendata.services.datasets import package_create
from thongthin.opendata.services.groups import group_create
from thongthin.opendata.services.organizations import agency_org_id, lao_org_id
from thongthin.opendata.services.resources import resource_create

from .data import OFFICER, PLATFORM_ADMIN

GROUPS = [
    ("finance", "การเงินการคลัง"),
    ("environment", "สิ่งแวดล้อม"),
    ("health", "สาธารณสุข"),
    ("education", "การศึกษา"),
    ("infrastructure", "โครงสร้างพื้นฐาน"),
    ("society", "ประชากรและสังคม"),
    ("tourism", "การท่องเที่ยวและวัฒนธรรม"),
]
MONTHS = [
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
]
VILLAGES = [
    "บ้านแม่เหียะ",
    "บ้านป่าจี้",
    "บ้านสันป่าสัก",
    "บ้านใหม่",
    "บ้านต้นขาม",
    "บ้านพระนอน",
    "บ้านดอนจั่น",
    "บ้านหนองไคร้",
]
PLANS = [
    "แผนงานบริหารงานทั่วไป",
    "แผนงานการรักษาความสงบภายใน",
    "แผนงานการศึกษา",
    "แผนงานสาธารณสุข",
    "แผนงานสังคมสงเคราะห์",
    "แผนงานเคหะและชุมชน",
    "แผนงานสร้างความเข้มแข็งของชุมชน",
    "แผนงานการศาสนาวัฒนธรรมและนันทนาการ",
    "แผนงานการเกษตร",
    "แผนงานงบกลาง",
]


def _csv(header: list[str], rows: list[list[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def budget(rng: random.Random) -> str:
    return _csv(
        ["แผนงาน", "งบประมาณ_บาท", "เบิกจ่าย_บาท"],
        [[p, b := rng.randrange(2, 60) * 250_000, int(b * rng.uniform(0.55, 0.98))] for p in PLANS],
    )


def population(rng: random.Random) -> str:
    rows = []
    for village in VILLAGES:
        male = rng.randrange(400, 2200)
        female = int(male * rng.uniform(0.95, 1.12))
        rows.append([village, male, female, male + female, rng.randrange(150, 900)])
    return _csv(["หมู่บ้าน", "ชาย", "หญิง", "รวม", "ครัวเรือน"], rows)


def waste(rng: random.Random) -> str:
    return _csv(
        ["เดือน", "ปริมาณขยะ_ตัน", "ขยะรีไซเคิล_ตัน"],
        [
            [m, t := round(rng.uniform(380, 520), 1), round(t * rng.uniform(0.08, 0.2), 1)]
            for m in MONTHS
        ],
    )


def pm25(rng: random.Random) -> str:
    rows = []
    for day in range(1, 32):
        value = round(rng.uniform(18, 45) + (60 if 8 <= day <= 20 else 0) * rng.random(), 1)
        rows.append([f"2567-03-{day:02d}", value, "เกินมาตรฐาน" if value > 37.5 else "ปกติ"])
    return _csv(["วันที่", "PM2.5_มคก_ลบม", "สถานะ"], rows)


def water_quality(rng: random.Random) -> str:
    return _csv(
        ["จุดตรวจ", "pH", "ความขุ่น_NTU", "คลอรีนอิสระ_มกล", "ผ่านเกณฑ์"],
        [
            [
                f"ประปา{v}",
                round(rng.uniform(6.6, 8.2), 1),
                round(rng.uniform(0.5, 6), 1),
                round(rng.uniform(0.1, 1.0), 2),
                rng.choice(["ผ่าน", "ผ่าน", "ผ่าน", "ไม่ผ่าน"]),
            ]
            for v in VILLAGES
        ],
    )


def elderly(rng: random.Random) -> str:
    return _csv(
        ["ช่วงอายุ", "จำนวนผู้รับเบี้ยยังชีพ", "อัตราต่อเดือน_บาท"],
        [
            ["60-69 ปี", rng.randrange(900, 1500), 600],
            ["70-79 ปี", rng.randrange(500, 900), 700],
            ["80-89 ปี", rng.randrange(200, 400), 800],
            ["90 ปีขึ้นไป", rng.randrange(20, 80), 1000],
        ],
    )


def schools(rng: random.Random) -> str:
    names = ["โรงเรียนเทศบาล 1", "โรงเรียนเทศบาล 2", "ศูนย์พัฒนาเด็กเล็กบ้านใหม่", "ศูนย์พัฒนาเด็กเล็กบ้านป่าจี้"]
    return _csv(
        ["สถานศึกษา", "นักเรียนชาย", "นักเรียนหญิง", "ครู"],
        [[n, rng.randrange(40, 400), rng.randrange(40, 400), rng.randrange(4, 30)] for n in names],
    )


def roads(rng: random.Random) -> str:
    kinds = ["ถนนคอนกรีตเสริมเหล็ก", "ถนนลาดยาง", "ถนนลูกรัง"]
    return _csv(
        ["ถนน", "ประเภท", "ความยาว_เมตร", "ปีที่ซ่อมล่าสุด"],
        [
            [
                f"ซอย {i}",
                rng.choice(kinds),
                rng.randrange(120, 2400),
                rng.choice([2563, 2564, 2565, 2566, 2567]),
            ]
            for i in range(1, 16)
        ],
    )


def complaints(rng: random.Random) -> str:
    topics = ["ไฟฟ้าสาธารณะ", "ขยะ", "ถนนชำรุด", "น้ำท่วมขัง", "เสียงรบกวน", "สัตว์จรจัด"]
    return _csv(
        ["เรื่อง", "รับเรื่อง", "ดำเนินการแล้วเสร็จ", "เวลาเฉลี่ย_วัน"],
        [
            [
                t,
                n := rng.randrange(10, 160),
                int(n * rng.uniform(0.7, 1)),
                round(rng.uniform(1, 12), 1),
            ]
            for t in topics
        ],
    )


def tourism(rng: random.Random) -> str:
    return _csv(
        ["เดือน", "นักท่องเที่ยวไทย", "นักท่องเที่ยวต่างชาติ"],
        [[m, rng.randrange(20_000, 90_000), rng.randrange(5_000, 40_000)] for m in MONTHS],
    )


def revenue(rng: random.Random) -> str:
    kinds = [
        "ภาษีที่ดินและสิ่งปลูกสร้าง",
        "ภาษีป้าย",
        "ค่าธรรมเนียมเก็บขยะ",
        "ค่าใบอนุญาต",
        "เงินอุดหนุนทั่วไป",
        "ภาษีที่รัฐบาลจัดสรร",
    ]
    return _csv(
        ["ประเภทรายได้", "ประมาณการ_บาท", "รับจริง_บาท"],
        [[k, e := rng.randrange(1, 80) * 100_000, int(e * rng.uniform(0.8, 1.15))] for k in kinds],
    )


def lao_counts(rng: random.Random) -> str:
    return _csv(
        ["ประเภท", "จำนวน"],
        [
            ["อบจ.", 76],
            ["เทศบาลนคร", 30],
            ["เทศบาลเมือง", 195],
            ["เทศบาลตำบล", 2247],
            ["อบต.", 5300],
            ["กรุงเทพมหานคร", 1],
            ["เมืองพัทยา", 1],
        ],
    )


@dataclass
class Demo:
    org: str  # "lao:<dla code>" or "agency:<name>"
    name: str
    title: str
    notes: str
    tags: list[str]
    groups: list[str]
    make: Callable[[random.Random], str]
    data_type: str = "ข้อมูลสถิติ"
    frequency: str = "ปี"
    geo: str = "เทศบาล/อบต."
    extra: dict[str, Any] = field(default_factory=dict)


MAEHIA, SILA, CM_CITY, CM_PAO, PASAKAE = (
    "lao:4500103",
    "lao:4400115",
    "lao:3500102",
    "lao:2500101",
    "lao:6720210",
)
DATASETS = [
    Demo(
        MAEHIA,
        "maehia-budget-2567",
        "งบประมาณรายจ่ายประจำปี 2567 จำแนกตามแผนงาน",
        "ข้อบัญญัติงบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. 2567 ของเทศบาลเมืองแม่เหียะ"
        " และผลการเบิกจ่ายถึงสิ้นปีงบประมาณ",
        ["งบประมาณ", "การคลัง", "เบิกจ่าย"],
        ["finance"],
        budget,
        extra={"high_value_dataset": "True"},
    ),
    Demo(
        MAEHIA,
        "maehia-revenue-2567",
        "รายได้ของเทศบาลเมืองแม่เหียะ ปีงบประมาณ 2567",
        "ประมาณการและรายรับจริงจำแนกตามประเภทรายได้ ภาษีที่จัดเก็บเอง และเงินอุดหนุน",
        ["รายได้", "ภาษี", "การคลัง"],
        ["finance"],
        revenue,
    ),
    Demo(
        MAEHIA,
        "maehia-population-by-village",
        "จำนวนประชากรและครัวเรือนรายหมู่บ้าน",
        "ข้อมูลประชากรจากทะเบียนราษฎร จำแนกเพศ และจำนวนครัวเรือน รายหมู่บ้านในเขตเทศบาล",
        ["ประชากร", "ทะเบียนราษฎร", "ครัวเรือน"],
        ["society"],
        population,
        geo="หมู่บ้าน",
    ),
    Demo(
        MAEHIA,
        "maehia-waste-monthly",
        "ปริมาณขยะมูลฝอยรายเดือน",
        "ปริมาณขยะมูลฝอยที่จัดเก็บได้และขยะรีไซเคิลรายเดือน ปีงบประมาณ 2567",
        ["ขยะ", "สิ่งแวดล้อม", "รีไซเคิล"],
        ["environment"],
        waste,
        frequency="เดือน",
    ),
    Demo(
        MAEHIA,
        "maehia-water-quality",
        "ผลตรวจคุณภาพน้ำประปาหมู่บ้าน",
        "ผลการตรวจวัดคุณภาพน้ำประปาหมู่บ้าน ค่า pH ความขุ่น และคลอรีนอิสระคงเหลือ ตามเกณฑ์กรมอนามัย",
        ["น้ำประปา", "คุณภาพน้ำ", "สาธารณสุข"],
        ["health", "environment"],
        water_quality,
        frequency="ไตรมาส",
    ),
    Demo(
        MAEHIA,
        "maehia-elderly-allowance",
        "ผู้รับเบี้ยยังชีพผู้สูงอายุ",
        "จำนวนผู้สูงอายุที่ได้รับเบี้ยยังชีพ จำแนกตามช่วงอายุ และอัตราเบี้ยยังชีพขั้นบันได",
        ["ผู้สูงอายุ", "เบี้ยยังชีพ", "สวัสดิการ"],
        ["society"],
        elderly,
        frequency="เดือน",
    ),
    Demo(
        MAEHIA,
        "maehia-complaints",
        "สถิติเรื่องร้องเรียนร้องทุกข์",
        "เรื่องร้องเรียนที่รับผ่านศูนย์รับเรื่องราวร้องทุกข์ จำแนกตามเรื่อง และระยะเวลาดำเนินการ",
        ["ร้องเรียน", "บริการประชาชน"],
        ["society"],
        complaints,
        frequency="เดือน",
    ),
    Demo(
        MAEHIA,
        "maehia-roads",
        "ทะเบียนถนนในความรับผิดชอบ",
        "ถนนในเขตเทศบาล ประเภทผิวจราจร ความยาว และปีที่ซ่อมบำรุงล่าสุด",
        ["ถนน", "โครงสร้างพื้นฐาน"],
        ["infrastructure"],
        roads,
        data_type="ข้อมูลระเบียน",
    ),
    Demo(
        SILA,
        "sila-budget-2567",
        "งบประมาณรายจ่ายเทศบาลเมืองศิลา ปี 2567",
        "งบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. 2567 จำแนกตามแผนงาน และผลการเบิกจ่าย",
        ["งบประมาณ", "การคลัง"],
        ["finance"],
        budget,
    ),
    Demo(
        SILA,
        "sila-schools",
        "สถานศึกษาในสังกัดเทศบาลเมืองศิลา",
        "จำนวนนักเรียนและครูของโรงเรียนและศูนย์พัฒนาเด็กเล็กในสังกัด ปีการศึกษา 2567",
        ["โรงเรียน", "การศึกษา", "ศูนย์พัฒนาเด็กเล็ก"],
        ["education"],
        schools,
    ),
    Demo(
        SILA,
        "sila-waste-monthly",
        "ปริมาณขยะรายเดือน เทศบาลเมืองศิลา",
        "ปริมาณขยะมูลฝอยที่จัดเก็บรายเดือนในเขตเทศบาลเมืองศิลา",
        ["ขยะ", "สิ่งแวดล้อม"],
        ["environment"],
        waste,
        frequency="เดือน",
    ),
    Demo(
        CM_CITY,
        "cm-city-pm25-march-2567",
        "ค่าฝุ่น PM2.5 รายวัน เดือนมีนาคม 2567 เทศบาลนครเชียงใหม่",
        "ค่าเฉลี่ย 24 ชั่วโมงของฝุ่นละอองขนาดไม่เกิน 2.5 ไมครอน (PM2.5) จากสถานีตรวจวัดของเทศบาล",
        ["PM2.5", "ฝุ่น", "คุณภาพอากาศ"],
        ["environment", "health"],
        pm25,
        frequency="วัน",
        extra={"high_value_dataset": "True"},
    ),
    Demo(
        CM_CITY,
        "cm-city-tourism",
        "จำนวนนักท่องเที่ยวรายเดือน เทศบาลนครเชียงใหม่",
        "นักท่องเที่ยวชาวไทยและต่างชาติรายเดือน ปีงบประมาณ 2567",
        ["ท่องเที่ยว", "นักท่องเที่ยว"],
        ["tourism"],
        tourism,
        frequency="เดือน",
    ),
    Demo(
        CM_CITY,
        "cm-city-complaints",
        "เรื่องร้องเรียน เทศบาลนครเชียงใหม่",
        "สถิติเรื่องร้องเรียนจำแนกตามประเภท",
        ["ร้องเรียน"],
        ["society"],
        complaints,
        frequency="เดือน",
    ),
    Demo(
        CM_PAO,
        "cm-pao-roads",
        "ถนนในความรับผิดชอบของ อบจ.เชียงใหม่",
        "ทะเบียนถนนที่ อบจ.เชียงใหม่ รับผิดชอบซ่อมบำรุง",
        ["ถนน", "โครงสร้างพื้นฐาน"],
        ["infrastructure"],
        roads,
        data_type="ข้อมูลระเบียน",
        geo="จังหวัด",
    ),
    Demo(
        CM_PAO,
        "cm-pao-budget-2567",
        "งบประมาณรายจ่าย อบจ.เชียงใหม่ 2567",
        "ข้อบัญญัติงบประมาณรายจ่ายประจำปี 2567 ขององค์การบริหารส่วนจังหวัดเชียงใหม่",
        ["งบประมาณ", "การคลัง"],
        ["finance"],
        budget,
        geo="จังหวัด",
    ),
    Demo(
        PASAKAE,
        "pasakae-population",
        "ประชากรรายหมู่บ้าน อบต.ป่าสะแก",
        "จำนวนประชากรและครัวเรือนรายหมู่บ้าน",
        ["ประชากร", "ครัวเรือน"],
        ["society"],
        population,
        geo="หมู่บ้าน",
    ),
    Demo(
        PASAKAE,
        "pasakae-elderly-allowance",
        "เบี้ยยังชีพผู้สูงอายุ อบต.ป่าสะแก",
        "จำนวนผู้สูงอายุที่ได้รับเบี้ยยังชีพรายช่วงอายุ",
        ["ผู้สูงอายุ", "เบี้ยยังชีพ"],
        ["society"],
        elderly,
    ),
    Demo(
        "agency:dla",
        "dla-lao-counts",
        "จำนวนองค์กรปกครองส่วนท้องถิ่นจำแนกตามประเภท",
        "จำนวน อปท. ทั่วประเทศ จำแนกตามรูปแบบ จากทะเบียนรหัส อปท. ของกรมส่งเสริมการปกครองท้องถิ่น",
        ["อปท.", "ทะเบียน", "สถิติ"],
        ["society"],
        lao_counts,
        geo="ประเทศ",
        extra={"official_statistics": "True"},
    ),
    Demo(
        "agency:nso",
        "nso-population-chiang-mai",
        "ประชากรจังหวัดเชียงใหม่ รายอำเภอ (ตัวอย่าง)",
        "ข้อมูลตัวอย่างประชากรจำแนกเพศ ใช้สาธิตการค้นหาและตารางตัวอย่าง",
        ["ประชากร", "สถิติ", "เชียงใหม่"],
        ["society"],
        population,
        geo="อำเภอ",
    ),
]


def _org_id(ref: str) -> str:
    kind, key = ref.split(":", 1)
    return lao_org_id(key) if kind == "lao" else agency_org_id(key)


def load_demo_datasets() -> dict[str, int]:
    admin = User.objects.get(email=PLATFORM_ADMIN)
    officer = User.objects.filter(email=OFFICER).first() or admin
    for name, title in GROUPS:
        if not Group.objects.filter(name=name).exists():
            group_create(actor=admin, name=name, title=title)
    created = 0
    for index, demo in enumerate(DATASETS):
        if Dataset.objects.filter(name=demo.name).exists():
            continue
        rng = random.Random(index)
        actor = officer if demo.org == MAEHIA else admin
        dataset = package_create(
            actor=actor,
            data={
                "name": demo.name,
                "title": demo.title,
                "notes": demo.notes,
                "owner_org": _org_id(demo.org),
                "maintainer": "ฝ่ายข้อมูลและสารสนเทศ",
                "maintainer_email": "opendata@example.go.th",
                "license_id": "dga-ogl",
                "tags": [{"name": t} for t in demo.tags],
                "groups": [{"name": g} for g in demo.groups],
                "data_type": demo.data_type,
                "objective": ["เพื่อการให้บริการประชาชน", "พันธกิจหน่วยงาน"],
                "update_frequency_unit": demo.frequency,
                "update_frequency_interval": "1",
                "geo_coverage": demo.geo,
                "data_source": "ข้อมูลจากระบบงานของหน่วยงาน (ข้อมูลสาธิต)",
                "data_format": ["CSV"],
                "data_category": "ข้อมูลสาธารณะ",
                "data_language": ["ไทย"],
                "first_year_of_data": "2565",
                "last_year_of_data": "2567",
                **demo.extra,
            },
        )
        upload = SimpleUploadedFile(
            f"{demo.name}.csv", demo.make(rng).encode("utf-8"), content_type="text/csv"
        )
        resource_create(
            actor=actor,
            data={
                "package_id": dataset.id,
                "name": demo.title,
                "upload": upload,
                "description": "ไฟล์ CSV (UTF-8)",
            },
        )
        created += 1
    return {"datasets": Dataset.objects.count(), "created": created}
