"""Demo open data: hand-made Thai datasets of LAOs of every type and of the agencies, with
real-looking CSVs (made from seeded random generators, so every run makes the same files), a few
with a second CSV or a link, one private and one draft (for แม่เหียะ's officer). Each goes through
package_create/resource_create, so the GD Catalog metadata is validated as any other. Idempotent:
a dataset whose name exists is skipped."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Count, Q

from thongthin.accounts.models import User
from thongthin.directory.models import LAOStatus, Province, Region
from thongthin.opendata import metadata
from thongthin.opendata.metadata import OTHER
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
    ("safety", "ความปลอดภัยสาธารณะ"),
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


# Further datasets: more LAOs (every type, several provinces) and the agencies.


@dataclass(frozen=True)
class Box:
    """A bounding box (degrees): the geospatial datasets' points lie inside it, and it gives
    their GD Catalog bounding-box fields."""

    west: float
    east: float
    south: float
    north: float

    def point(self, rng: random.Random) -> tuple[float, float]:
        return (
            round(rng.uniform(self.south, self.north), 6),
            round(rng.uniform(self.west, self.east), 6),
        )

    def fields(self) -> dict[str, str]:
        return {
            "west_bound_longitude": str(self.west),
            "east_bound_longitude": str(self.east),
            "north_bound_longitude": str(self.north),  # GD Catalog's name for the north latitude
            "south_bound_longitude": str(self.south),
        }


MAEHIA_BOX = Box(98.930, 98.990, 18.710, 18.770)
KHON_KAEN_BOX = Box(102.800, 102.870, 16.400, 16.465)
HAT_YAI_BOX = Box(100.445, 100.500, 6.985, 7.035)
NAN_BOX = Box(100.760, 100.790, 18.765, 18.800)
CAMERA_SPOTS = ["สี่แยก", "หน้าโรงเรียน", "หน้าตลาด", "ทางเข้าชุมชน", "สวนสาธารณะ", "หน้าวัด", "จุดกลับรถ"]


def cameras(box: Box, streets: list[str], count: int) -> Callable[[random.Random], str]:
    def make(rng: random.Random) -> str:
        rows = []
        for i in range(1, count + 1):
            lat, lon = box.point(rng)
            rows.append(
                [
                    f"CCTV-{i:03d}",
                    f"{rng.choice(CAMERA_SPOTS)} {rng.choice(streets)}",
                    lat,
                    lon,
                    rng.choice(["Bullet", "Bullet", "Dome", "PTZ"]),
                    rng.choice([2562, 2563, 2564, 2565, 2566, 2567]),
                    rng.choice(["ใช้งานได้"] * 8 + ["ชำรุด", "รอซ่อม"]),
                ]
            )
        return _csv(
            ["รหัสกล้อง", "จุดติดตั้ง", "latitude", "longitude", "ชนิดกล้อง", "ปีที่ติดตั้ง", "สถานะ"],
            rows,
        )

    return make


def market_stalls(rng: random.Random) -> str:
    zones = [
        ("A", "ผักและผลไม้"),
        ("B", "เนื้อสัตว์และอาหารทะเล"),
        ("C", "อาหารปรุงสำเร็จ"),
        ("D", "ของแห้งและเครื่องใช้"),
    ]
    rows = []
    for zone, goods in zones:
        for n in range(1, rng.randrange(13, 19)):
            size = rng.choice([2.25, 4.0, 4.0, 6.0])
            let = rng.random() < 0.88
            rows.append(
                [
                    f"{zone}-{n:02d}",
                    f"โซน {zone}",
                    goods,
                    size,
                    int(size * 200),
                    "มีผู้เช่า" if let else "ว่าง",
                    rng.choice(["2568-09-30", "2569-09-30"]) if let else "",
                ]
            )
    return _csv(
        ["เลขแผง", "โซน", "ประเภทสินค้า", "ขนาด_ตรม", "ค่าเช่า_บาทต่อเดือน", "สถานะแผง", "สัญญาสิ้นสุด"],
        rows,
    )


def land_tax(year: int) -> Callable[[random.Random], str]:
    uses = [  # (use, rate %, parcels range, base value range in million baht)
        ("เกษตรกรรม", 0.01, (300, 900), (200, 700)),
        ("อยู่อาศัย (บ้านหลังหลัก)", 0.02, (900, 2500), (2000, 6000)),
        ("อยู่อาศัย (หลังอื่น)", 0.02, (3000, 9000), (4000, 12000)),
        ("พาณิชยกรรม", 0.3, (1500, 4000), (6000, 20000)),
        ("อุตสาหกรรม", 0.3, (40, 160), (500, 2500)),
        ("สถาบันการศึกษาและโรงพยาบาลเอกชน", 0.3, (20, 60), (800, 3000)),
        ("หอพักและอพาร์ตเมนต์", 0.3, (400, 1200), (2500, 8000)),
        ("โรงแรม", 0.3, (60, 140), (1500, 5000)),
        ("ที่ดินรกร้างว่างเปล่า", 0.3, (200, 700), (300, 1500)),
        ("ได้รับยกเว้น (มูลค่าไม่เกินเกณฑ์)", 0.0, (5000, 12000), (3000, 9000)),
    ]

    def make(rng: random.Random) -> str:
        rows = []
        for use, rate, parcels, value in uses:
            base = rng.randrange(*value)
            due = int(base * 1_000_000 * rate / 100)
            rows.append(
                [year, use, rng.randrange(*parcels), base, due, int(due * rng.uniform(0.82, 0.99))]
            )
        return _csv(
            [
                "ปีภาษี",
                "การใช้ประโยชน์",
                "จำนวนแปลง",
                "มูลค่าฐานภาษี_ล้านบาท",
                "ภาษีที่ต้องชำระ_บาท",
                "จัดเก็บได้_บาท",
            ],
            rows,
        )

    return make


def flood_points(rng: random.Random) -> str:
    roads = [
        "ถนนเพชรเกษม",
        "ถนนนิพัทธ์อุทิศ 1",
        "ถนนนิพัทธ์อุทิศ 3",
        "ถนนศรีภูวนารถ",
        "ถนนธรรมนูญวิถี",
        "ถนนราษฎร์อุทิศ",
        "ถนนกาญจนวนิช",
        "ถนนทุ่งเสา",
        "ถนนศุภสารรังสรรค์",
        "ถนนเสน่หานุสรณ์",
    ]
    near = ["หน้าตลาด", "ใกล้คลองอู่ตะเภา", "ใกล้คลองเตย", "ทางลอดใต้สะพาน", "หน้าโรงเรียน", "ซอยชุมชน"]
    pairs = rng.sample([(r, n) for r in roads for n in near], 32)
    rows = []
    for i, (road, place) in enumerate(pairs, 1):
        lat, lon = HAT_YAI_BOX.point(rng)
        level = rng.choices(["สูง", "ปานกลาง", "ต่ำ"], weights=[2, 3, 3])[0]
        depth = {"สูง": (60, 150), "ปานกลาง": (30, 80), "ต่ำ": (10, 40)}[level]
        rows.append(
            [
                f"FR-{i:02d}",
                f"{road} {place}",
                level,
                rng.randrange(*depth),
                rng.choice([0, 1, 1, 2, 3]) if level != "ต่ำ" else 0,
                lat,
                lon,
            ]
        )
    return _csv(
        [
            "รหัสจุด",
            "จุดเสี่ยง",
            "ระดับความเสี่ยง",
            "ระดับน้ำสูงสุด_ซม",
            "เครื่องสูบน้ำ_เครื่อง",
            "latitude",
            "longitude",
        ],
        rows,
    )


def fresh_markets(rng: random.Random) -> str:
    markets = [
        ("ตลาดสดเทศบาล 1", "ตลาดของเทศบาล"),
        ("ตลาดสดเทศบาล 2", "ตลาดของเทศบาล"),
        ("ตลาดสดเทศบาล 3", "ตลาดของเทศบาล"),
        ("ตลาดกิมหยง", "ตลาดเอกชน"),
        ("ตลาดสันติสุข", "ตลาดเอกชน"),
        ("ตลาดพ่อพรหม", "ตลาดเอกชน"),
        ("ตลาดหาดใหญ่ใน", "ตลาดเอกชน"),
        ("ตลาดคลองเรียน", "ตลาดเอกชน"),
        ("ตลาดชุมชนบ้านพรุ", "ตลาดนัดชุมชน"),
        ("ตลาดนัดกรีนเวย์", "ตลาดนัดชุมชน"),
        ("ตลาดน้ำคลองแห", "ตลาดนัดชุมชน"),
        ("ตลาดเกษตรเทศบาล", "ตลาดของเทศบาล"),
    ]
    rows = []
    for name, kind in markets:
        start = rng.choice(["04:00", "05:00", "06:00", "15:00"])
        rows.append(
            [
                name,
                kind,
                rng.randrange(40, 420),
                f"{start}-{'12:00' if start < '12' else '22:00'}",
                rng.choice(["ตลาดสดน่าซื้อ ระดับดีมาก", "ตลาดสดน่าซื้อ ระดับดี", "ผ่านเกณฑ์พื้นฐาน"]),
                rng.choice([2566, 2567]),
            ]
        )
    return _csv(["ตลาด", "ประเภท", "จำนวนแผง", "เวลาทำการ", "ผลการประเมินสุขาภิบาล", "ปีที่ประเมิน"], rows)


def festival_accidents(festival: str) -> Callable[[random.Random], str]:
    def days(year: int) -> list[str]:
        if festival == "สงกรานต์":
            return [f"{year}-04-{d}" for d in range(11, 18)]
        return [f"{year - 1}-12-{d}" for d in (29, 30, 31)] + [
            f"{year}-01-0{d}" for d in range(1, 5)
        ]

    def make(rng: random.Random) -> str:
        rows = []
        for year in (2565, 2566, 2567):
            for day in days(year):
                crashes = rng.randrange(3, 19)
                rows.append(
                    [
                        f"{festival} {year}",
                        day,
                        crashes,
                        crashes + rng.randrange(0, 6),
                        rng.choices([0, 1, 2], weights=[6, 3, 1])[0],
                        rng.choice(["ดื่มแล้วขับ", "ขับรถเร็วเกินกำหนด", "ตัดหน้ากระชั้นชิด", "หลับใน"]),
                        rng.choices(["รถจักรยานยนต์", "รถเก๋ง", "รถกระบะ"], weights=[8, 1, 1])[0],
                    ]
                )
        return _csv(
            [
                "ช่วงเทศกาล",
                "วันที่",
                "อุบัติเหตุ_ครั้ง",
                "ผู้บาดเจ็บ_คน",
                "ผู้เสียชีวิต_คน",
                "สาเหตุหลัก",
                "ยานพาหนะที่เกิดเหตุมากที่สุด",
            ],
            rows,
        )

    return make


def nan_places(rng: random.Random) -> str:
    places = [
        ("วัดภูมินทร์", "วัด"),
        ("วัดพระธาตุช้างค้ำวรวิหาร", "วัด"),
        ("วัดมิ่งเมือง", "วัด"),
        ("วัดหัวข่วง", "วัด"),
        ("วัดพญาวัด", "วัด"),
        ("วัดสวนตาล", "วัด"),
        ("วัดศรีพันต้น", "วัด"),
        ("พิพิธภัณฑสถานแห่งชาติ น่าน", "พิพิธภัณฑ์"),
        ("หอคำ (คุ้มเจ้าผู้ครองนครน่าน)", "โบราณสถาน"),
        ("ข่วงเมืองน่าน", "ลานวัฒนธรรม"),
        ("ถนนคนเดินกาดข่วงเมือง", "ตลาด"),
        ("กำแพงเมืองเก่าน่าน", "โบราณสถาน"),
        ("สวนสาธารณะริมน้ำน่าน", "สวนสาธารณะ"),
        ("ศูนย์ข้อมูลการท่องเที่ยวเทศบาลเมืองน่าน", "จุดบริการนักท่องเที่ยว"),
        ("ตลาดต้นน้ำ", "ตลาด"),
        ("ท่าน้ำแข่งเรือยาวประเพณี", "ลานวัฒนธรรม"),
    ]
    rows = []
    for name, kind in places:
        lat, lon = NAN_BOX.point(rng)
        fee = {"พิพิธภัณฑ์": 30, "โบราณสถาน": rng.choice([0, 20])}.get(kind, 0)
        hours = "ศุกร์-อาทิตย์ 17:00-22:00" if name.startswith("ถนนคนเดิน") else "08:00-17:00"
        rows.append([name, kind, hours, fee, rng.choice(["มี", "มี", "ไม่มี"]), lat, lon])
    return _csv(
        ["สถานที่", "ประเภท", "เวลาเปิด", "ค่าเข้าชม_บาท", "ที่จอดรถ", "latitude", "longitude"], rows
    )


def waste_fees(rng: random.Random) -> str:
    rows = []
    for month in MONTHS:
        payers = rng.randrange(14_200, 14_900)
        billed = payers * 40 + rng.randrange(180, 260) * 1_000
        paid = int(billed * rng.uniform(0.78, 0.95))
        rows.append([month, payers, billed, paid, billed - paid])
    return _csv(
        ["เดือน", "ผู้ชำระ_ราย", "เรียกเก็บ_บาท", "จัดเก็บได้_บาท", "ค้างชำระ_บาท"],
        rows,
    )


def waste_fee_rates(rng: random.Random) -> str:
    bands = [
        ("ไม่เกิน 20 ลิตรต่อวัน", 20, 20),
        ("เกิน 20 ลิตร แต่ไม่เกิน 100 ลิตรต่อวัน", 60, 50),
        ("เกิน 100 ลิตร แต่ไม่เกิน 500 ลิตรต่อวัน", 250, 200),
        ("เกิน 500 ลิตร แต่ไม่เกิน 1 ลูกบาศก์เมตรต่อวัน", 1_000, 800),
        ("เกิน 1 ลูกบาศก์เมตรต่อวัน (ทุก 1 ลูกบาศก์เมตร)", 1_000, 800),
    ]
    return _csv(
        ["บริการ", "ขนาดการทิ้งต่อวัน", "อัตรา_บาทต่อเดือน"],
        [["ค่าเก็บและขน", band, collect] for band, collect, _dispose in bands]
        + [["ค่ากำจัด", band, dispose] for band, _collect, dispose in bands],
    )


SAWATHI_VILLAGES = [
    "บ้านสาวะถี",
    "บ้านหนองแวง",
    "บ้านโคกล่าม",
    "บ้านโนนทัน",
    "บ้านดอนหัน",
    "บ้านหนองโข่ย",
    "บ้านโนนสะอาด",
    "บ้านหัวบึง",
]


def village_water(rng: random.Random) -> str:
    users = {v: rng.randrange(90, 420) for v in SAWATHI_VILLAGES}
    rows = []
    for i, month in enumerate(MONTHS):
        hot = 1.25 if 5 <= i <= 7 else 1.0  # มี.ค.-พ.ค.
        for moo, village in enumerate(SAWATHI_VILLAGES, 1):
            used = int(users[village] * rng.uniform(11, 16) * hot)
            rows.append([month, moo, village, users[village], used, used * 8])
    return _csv(["เดือน", "หมู่ที่", "หมู่บ้าน", "ผู้ใช้น้ำ_ราย", "น้ำที่ใช้_ลบม", "ค่าน้ำ_บาท"], rows)


def child_centres(rng: random.Random) -> str:
    centres = ["ศพด.บ้านหนองระเวียง", "ศพด.บ้านโนนรัง", "ศพด.บ้านหนองตะลุมปุ๊ก", "ศพด.วัดบ้านโคกไผ่"]
    rows = []
    for year, lunch in ((2565, 20), (2566, 21), (2567, 21)):
        for centre in centres:
            boys, girls = rng.randrange(12, 45), rng.randrange(12, 45)
            rows.append(
                [
                    year,
                    centre,
                    boys,
                    girls,
                    max(1, (boys + girls) // 20),
                    rng.randrange(1, 4),
                    lunch,
                    rng.choice(["ผ่าน", "ผ่าน", "อยู่ระหว่างประเมิน"]),
                ]
            )
    return _csv(
        [
            "ปีการศึกษา",
            "ศูนย์พัฒนาเด็กเล็ก",
            "เด็กชาย",
            "เด็กหญิง",
            "ครูผู้ดูแลเด็ก",
            "ผู้ดูแลเด็ก",
            "ค่าอาหารกลางวัน_บาทต่อคนต่อวัน",
            "มาตรฐานศูนย์ฯ แห่งชาติ",
        ],
        rows,
    )


KORAT_VILLAGES = [
    "บ้านหนองระเวียง",
    "บ้านโนนรัง",
    "บ้านหนองตะลุมปุ๊ก",
    "บ้านโคกไผ่",
    "บ้านหนองปลิง",
    "บ้านดอนขวาง",
    "บ้านมะค่า",
    "บ้านหนองบัว",
    "บ้านโนนตาเถร",
    "บ้านสระประทีป",
    "บ้านพลกรัง",
    "บ้านโคกพลวง",
]


def elderly_by_village(rng: random.Random) -> str:
    rows = []
    for moo, village in enumerate(KORAT_VILLAGES[:10], 1):
        elders = rng.randrange(90, 380)
        allowance = int(elders * rng.uniform(0.88, 0.97))
        rows.append([moo, village, elders, allowance, allowance * rng.choice([650, 680, 700])])
    return _csv(["หมู่ที่", "หมู่บ้าน", "ผู้สูงอายุ_คน", "ได้รับเบี้ยยังชีพ_คน", "ยอดจ่ายต่อเดือน_บาท"], rows)


def disability(rng: random.Random) -> str:
    kinds = [
        "ทางการเห็น",
        "ทางการได้ยินหรือสื่อความหมาย",
        "ทางการเคลื่อนไหวหรือทางร่างกาย",
        "ทางจิตใจหรือพฤติกรรม",
        "ทางสติปัญญา",
        "ทางการเรียนรู้",
        "ทางออทิสติก",
    ]
    return _csv(
        ["ประเภทความพิการ", "เพศ", "ผู้รับเบี้ยความพิการ_คน", "อัตรา_บาทต่อเดือน"],
        [[k, sex, rng.randrange(2, 90), 800] for k in kinds for sex in ("ชาย", "หญิง")],
    )


def local_roads(rng: random.Random) -> str:
    surfaces = ["คอนกรีตเสริมเหล็ก", "คอนกรีตเสริมเหล็ก", "แอสฟัลต์ติกคอนกรีต", "ลูกรัง", "หินคลุก"]
    rows = []
    for i in range(1, 31):
        a, b = rng.sample(KORAT_VILLAGES, 2)
        surface = rng.choice(surfaces)
        paved = surface not in ("ลูกรัง", "หินคลุก")
        length = rng.randrange(150, 3200, 10)
        rows.append(
            [
                f"นม.ถ.119-{i:03d}",
                f"สาย{a} - {b}",
                rng.randrange(1, 13),
                surface,
                rng.choice([4, 5, 6]),
                length,
                int(length * rng.uniform(0.2, 0.9)) if paved else 0,
                rng.choice(["ดี", "ดี", "พอใช้", "ชำรุด"]),
            ]
        )
    return _csv(
        [
            "รหัสสายทาง",
            "ชื่อสายทาง",
            "หมู่ที่",
            "ผิวจราจร",
            "กว้าง_ม",
            "ยาว_ม",
            "ท่อระบายน้ำ_ม",
            "สภาพ",
        ],
        rows,
    )


KHON_KAEN_DISTRICTS = [
    "เมืองขอนแก่น",
    "บ้านฝาง",
    "พระยืน",
    "หนองเรือ",
    "ชุมแพ",
    "สีชมพู",
    "น้ำพอง",
    "อุบลรัตน์",
    "กระนวน",
    "บ้านไผ่",
    "เปือยน้อย",
    "พล",
    "แวงใหญ่",
    "แวงน้อย",
    "หนองสองห้อง",
    "ภูเวียง",
    "มัญจาคีรี",
    "ชนบท",
    "เขาสวนกวาง",
    "ภูผาม่าน",
    "ซำสูง",
    "โคกโพธิ์ไชย",
    "หนองนาคำ",
    "บ้านแฮด",
    "โนนศิลา",
    "เวียงเก่า",
]
KHON_KAEN_TAMBONS = [
    "ศิลา",
    "บ้านเป็ด",
    "พระลับ",
    "บ้านทุ่ม",
    "แดงใหญ่",
    "ดอนหัน",
    "บ้านหว้า",
    "สำราญ",
    "หนองตูม",
    "เมืองเก่า",
    "บ้านค้อ",
    "โนนท่อน",
    "บ้านเหล่า",
    "หนองแปน",
    "ป่าหวายนั่ง",
    "โนนฆ้อง",
    "ขามป้อม",
    "บ้านแท่น",
    "ห้วยแก",
    "หนองโก",
    "เมืองเพีย",
    "บ้านลาน",
    "นาหนองทุ่ม",
    "กุดเค้า",
    "หนองกุงใหญ่",
]
ISAN_VILLAGES = [
    "โนนสวรรค์",
    "หนองไผ่",
    "ดอนช้าง",
    "โคกสี",
    "หนองกุง",
    "บึงเนียม",
    "ท่าพระ",
    "โนนทอง",
    "หนองบัวดีหมี",
    "ป่าหวาย",
    "นาเพียง",
    "ดงเค็ง",
    "หัวหนอง",
    "โนนเขวา",
    "กุดกว้าง",
]


def health_stations(rng: random.Random) -> str:
    names = [f"รพ.สต.บ้าน{v}" for v in ISAN_VILLAGES] + [f"รพ.สต.{t}" for t in KHON_KAEN_TAMBONS]
    rows = []
    for name in names:
        people = rng.randrange(2_500, 11_000)
        rows.append(
            [
                name,
                rng.choice(KHON_KAEN_DISTRICTS),
                people,
                rng.randrange(4, 12),
                int(people * rng.uniform(1.8, 3.2)),
                rng.choice(["2565-10-01", "2565-10-01", "2566-10-01"]),
            ]
        )
    return _csv(
        [
            "รพ.สต.",
            "อำเภอ",
            "ประชากรในเขตรับผิดชอบ_คน",
            "บุคลากร_คน",
            "ผู้รับบริการ_ครั้งต่อปี",
            "วันที่ถ่ายโอน",
        ],
        rows,
    )


def hotel_fees(rng: random.Random) -> str:
    rows = []
    for year in (2566, 2567):
        for i, month in enumerate(MONTHS):
            high = 1.6 if 1 <= i <= 6 else 1.0  # พ.ย.-เม.ย.
            guests = int(rng.uniform(520_000, 760_000) * high)
            rows.append(
                [
                    year,
                    month,
                    guests,
                    int(guests * rng.uniform(28, 40)),
                    rng.randrange(1_180, 1_260),
                ]
            )
    return _csv(
        ["ปีงบประมาณ", "เดือน", "ผู้เข้าพัก_คน", "ค่าธรรมเนียมจัดเก็บได้_บาท", "โรงแรมที่นำส่ง_แห่ง"],
        rows,
    )


HEALTH_FUND_KINDS = [
    "ข้อ 10(1) สนับสนุนหน่วยบริการหรือสถานบริการ",
    "ข้อ 10(2) สนับสนุนองค์กรหรือกลุ่มประชาชน",
    "ข้อ 10(3) ศูนย์พัฒนาเด็กเล็ก ผู้สูงอายุ และคนพิการ",
    "ข้อ 10(4) การบริหารหรือพัฒนากองทุน",
    "ข้อ 10(5) กรณีเกิดโรคระบาดหรือภัยพิบัติ",
]


def health_fund(rng: random.Random) -> str:
    rows = []
    for year in (2565, 2566, 2567):
        for kind in HEALTH_FUND_KINDS:
            budget = rng.randrange(2, 40) * 25_000
            rows.append(
                [year, kind, rng.randrange(1, 14), budget, int(budget * rng.uniform(0.7, 1))]
            )
    return _csv(["ปีงบประมาณ", "ประเภทกิจกรรม", "จำนวนโครงการ", "งบที่อนุมัติ_บาท", "เบิกจ่าย_บาท"], rows)


def health_fund_projects(rng: random.Random) -> str:
    projects = [
        ("คัดกรองเบาหวานและความดันโลหิตสูง", "หน่วยบริการ"),
        ("ฉีดวัคซีนไข้หวัดใหญ่กลุ่มเสี่ยง", "หน่วยบริการ"),
        ("ป้องกันและควบคุมโรคไข้เลือดออก", "ชุมชน"),
        ("ออกกำลังกายเพื่อสุขภาพผู้สูงอายุ", "ชมรมผู้สูงอายุ"),
        ("อาหารปลอดภัยในตลาดสด", "ชุมชน"),
        ("ส่งเสริมพัฒนาการเด็กปฐมวัย", "ศูนย์พัฒนาเด็กเล็ก"),
        ("ฟื้นฟูสมรรถภาพคนพิการในชุมชน", "ชมรมคนพิการ"),
        ("ลดเค็มลดโรค", "อสม."),
        ("คัดกรองมะเร็งปากมดลูก", "หน่วยบริการ"),
        ("ป้องกันการจมน้ำในเด็ก", "โรงเรียน"),
        ("บ้านสะอาด ชุมชนปลอดขยะ", "ชุมชน"),
        ("อบรมผู้ดูแลผู้สูงอายุ (Care Giver)", "กองทุน"),
        ("พัฒนาศักยภาพคณะกรรมการกองทุน", "กองทุน"),
        ("เตรียมความพร้อมรับมือโรคระบาด", "กองทุน"),
        ("สุขภาพช่องปากเด็กวัยเรียน", "โรงเรียน"),
        ("ส่งเสริมการเลิกบุหรี่", "หน่วยบริการ"),
        ("ตรวจสุขภาพแรงงานนอกระบบ", "ชุมชน"),
        ("นวดแผนไทยเพื่อสุขภาพ", "ชมรมผู้สูงอายุ"),
        ("โภชนาการสมวัยในศูนย์พัฒนาเด็กเล็ก", "ศูนย์พัฒนาเด็กเล็ก"),
        ("สุขภาพจิตวัยทำงาน", "ชุมชน"),
    ]
    kind_of = {
        "หน่วยบริการ": 0,
        "ชุมชน": 1,
        "ชมรมผู้สูงอายุ": 1,
        "อสม.": 1,
        "โรงเรียน": 1,
        "ชมรมคนพิการ": 2,
        "ศูนย์พัฒนาเด็กเล็ก": 2,
        "กองทุน": 3,
    }
    rows = [
        [
            f"2567-{i:03d}",
            f"โครงการ{name}",
            HEALTH_FUND_KINDS[4 if "โรคระบาด" in name else kind_of[owner]],
            owner,
            rng.randrange(8, 120) * 1_000,
        ]
        for i, (name, owner) in enumerate(projects, 1)
    ]
    return _csv(["เลขที่โครงการ", "โครงการ", "ประเภทกิจกรรม", "ผู้รับผิดชอบ", "งบประมาณ_บาท"], rows)


def nuisance(rng: random.Random) -> str:
    kinds = [
        ("เสียงดัง", ["สถานบันเทิง", "การก่อสร้าง", "ครัวเรือน"]),
        ("กลิ่นเหม็น", ["ร้านอาหาร", "ครัวเรือน", "การเลี้ยงสัตว์"]),
        ("ฝุ่นละออง", ["การก่อสร้าง", "สถานประกอบการ"]),
        ("ควันจากการเผา", ["ครัวเรือน", "ที่ดินว่างเปล่า"]),
        ("น้ำเสีย", ["ร้านอาหาร", "สถานประกอบการ"]),
        ("การเลี้ยงสัตว์", ["ครัวเรือน"]),
    ]
    days = sorted(rng.sample(range(1, 366), 120))
    rows = []
    for i, day in enumerate(days, 1):
        kind, sources = rng.choice(kinds)
        date = dt.date(2023, 10, 1) + dt.timedelta(days=day - 1)
        done = rng.random() < 0.85
        rows.append(
            [
                f"ร.{i:04d}/2567",
                f"{date.year + 543}-{date:%m-%d}",
                rng.choice(["นครพิงค์", "กาวิละ", "เม็งราย", "ศรีวิชัย"]),
                kind,
                rng.choice(sources),
                rng.choice(["Traffy Fondue", "Traffy Fondue", "โทรศัพท์", "LINE OA", "ยื่นด้วยตนเอง"]),
                "ยุติเรื่อง" if done else "อยู่ระหว่างดำเนินการ",
                rng.randrange(1, 21) if done else "",
            ]
        )
    return _csv(
        [
            "เลขที่รับเรื่อง",
            "วันที่รับเรื่อง",
            "แขวง",
            "ประเภทเหตุ",
            "แหล่งกำเนิด",
            "ช่องทาง",
            "สถานะ",
            "ระยะเวลาดำเนินการ_วัน",
        ],
        rows,
    )


def pets(rng: random.Random) -> str:
    villages = [
        "บ้านขามใหญ่",
        "บ้านปากห้วยวังนอง",
        "บ้านหนองเป็ด",
        "บ้านดอนกลาง",
        "บ้านนาควาย",
        "บ้านหนองไผ่",
        "บ้านคูเดื่อ",
        "บ้านท่าบ่อ",
        "บ้านโนนผึ้ง",
        "บ้านทุ่งบอน",
        "บ้านหนองช้างใหญ่",
        "บ้านสร้างหว้า",
        "บ้านแสนสุข",
        "บ้านกุดลาด",
    ]
    rows = []
    for moo, village in enumerate(villages, 1):
        dogs, cats = rng.randrange(60, 380), rng.randrange(30, 260)
        rows.append(
            [
                moo,
                village,
                dogs,
                cats,
                int((dogs + cats) * rng.uniform(0.7, 0.95)),
                int((dogs + cats) * rng.uniform(0.05, 0.2)),
            ]
        )
    return _csv(["หมู่ที่", "หมู่บ้าน", "สุนัข_ตัว", "แมว_ตัว", "ฉีดวัคซีนพิษสุนัขบ้า_ตัว", "ทำหมัน_ตัว"], rows)


def open_data_by_province(rng: random.Random) -> str:
    """From the reference data: every province with its number of LAOs (so the numbers add up
    to the directory's), and made-up publishing figures."""
    active = Q(laos__status=LAOStatus.ACTIVE)
    regions = dict(Region.choices)
    rows = []
    for province in Province.objects.annotate(lao_count=Count("laos", filter=active)).order_by(
        "code"
    ):
        publishing = int(province.lao_count * rng.uniform(0.1, 0.45))
        rows.append(
            [
                province.code,
                province.name_th,
                str(regions.get(province.region, "")),
                province.lao_count,
                publishing,
                publishing * rng.randrange(2, 9),
            ]
        )
    return _csv(
        ["รหัสจังหวัด", "จังหวัด", "ภาค", "อปท.ทั้งหมด", "อปท.ที่เผยแพร่ข้อมูลเปิด", "ชุดข้อมูล"],
        rows,
    )


def audit_opinions(rng: random.Random) -> str:
    totals = {"อบจ.": 76, "เทศบาลนคร": 30, "เทศบาลเมือง": 195, "เทศบาลตำบล": 2247, "อบต.": 5300}
    rows = []
    for year in (2564, 2565, 2566):
        for kind, total in totals.items():
            audited = int(total * rng.uniform(0.2, 0.35)) if total > 200 else total
            qualified = int(audited * rng.uniform(0.05, 0.2))
            disclaimer = int(audited * rng.uniform(0, 0.03))
            adverse = int(audited * rng.uniform(0, 0.01))
            clean = audited - qualified - disclaimer - adverse
            rows.append([year, kind, audited, clean, qualified, disclaimer, adverse])
    return _csv(
        [
            "ปีงบประมาณ",
            "ประเภท อปท.",
            "ตรวจสอบ_แห่ง",
            "ไม่มีเงื่อนไข",
            "มีเงื่อนไข",
            "ไม่แสดงความเห็น",
            "ไม่ถูกต้อง",
        ],
        rows,
    )


def subsidies(rng: random.Random) -> str:
    items = [
        ("เบี้ยยังชีพผู้สูงอายุ", 85_000),
        ("เบี้ยความพิการ", 19_000),
        ("เบี้ยยังชีพผู้ป่วยเอดส์", 250),
        ("อาหารกลางวันนักเรียน", 13_000),
        ("อาหารเสริม (นม)", 9_500),
        ("ค่าใช้จ่ายในการจัดการศึกษาศูนย์พัฒนาเด็กเล็ก", 6_500),
        ("เงินเดือนครูและผู้ดูแลเด็ก", 8_000),
        ("ค่าใช้จ่ายโรงเรียนในสังกัด อปท.", 4_200),
        ("ค่าตอบแทน อสม.", 1_700),
        ("รพ.สต. ที่ถ่ายโอนให้ อบจ.", 3_600),
        ("เงินอุดหนุนทั่วไปตามอำนาจหน้าที่", 22_000),
        ("ป้องกันและแก้ไขปัญหายาเสพติด", 300),
    ]
    rows = []
    for item, base in items:
        y2566 = int(base * rng.uniform(0.9, 1.0))
        rows.append([item, y2566, int(y2566 * rng.uniform(1.0, 1.12))])
    return _csv(["รายการ", "ปี 2566_ล้านบาท", "ปี 2567_ล้านบาท"], rows)


def satisfaction(rng: random.Random) -> str:
    regions = ["ภาคเหนือ", "ภาคกลาง", "ภาคตะวันออกเฉียงเหนือ", "ภาคตะวันออก", "ภาคตะวันตก", "ภาคใต้"]
    services = ["สาธารณูปโภค (ถนน ไฟฟ้า ประปา)", "สวัสดิการสังคม", "การศึกษาและศูนย์พัฒนาเด็กเล็ก"]
    rows = []
    for region in regions:
        for service in services:
            very, unhappy = round(rng.uniform(25, 45), 1), round(rng.uniform(3, 15), 1)
            rows.append([region, service, very, round(100 - very - unhappy, 1), unhappy])
    return _csv(["ภาค", "ด้านบริการ", "พอใจมาก_ร้อยละ", "พอใจ_ร้อยละ", "ไม่พอใจ_ร้อยละ"], rows)


@dataclass(frozen=True)
class More:
    """A further resource of a dataset: a CSV made like the first one, or a link (no file)."""

    name: str
    description: str
    make: Callable[[random.Random], str] | None = None
    file: str = ""  # the CSV's file name, without .csv
    url: str = ""
    format: str = ""


@dataclass
class Demo:
    org: str  # "lao:<dla code>" or "agency:<name>"
    name: str
    title: str
    notes: str
    tags: list[str]
    groups: list[str]
    make: Callable[[random.Random], str] | None  # the first resource's CSV; None: links only
    data_type: str = metadata.STATISTICAL
    frequency: str = "ปี"
    geo: str = "เทศบาล/อบต."
    license: str = "dga-ogl"
    more: list[More] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)  # further package fields; they win


def geospatial(box: Box, **fields: str) -> dict[str, str]:
    """The GD Catalog fields of a geospatial dataset whose points lie in `box`."""
    return {
        **box.fields(),
        "positional_accuracy": "±5 เมตร (สำรวจด้วย GPS)",
        "reference_period": "ปีงบประมาณ 2567",
        "data_release_date": "2024-10-15",
        "data_release_calendar": "2025-10-15",
        **fields,
    }


MAEHIA, SILA, CM_CITY, CM_PAO, PASAKAE = (
    "lao:4500103",
    "lao:4400115",
    "lao:3500102",
    "lao:2500101",
    "lao:6720210",
)
KHON_KAEN, HAT_YAI, KORAT, NAN, SAENSUK, SAWATHI = (
    "lao:3400102",  # เทศบาลนครขอนแก่น
    "lao:3901101",  # เทศบาลนครหาดใหญ่
    "lao:3300102",  # เทศบาลนครนครราชสีมา
    "lao:4550102",  # เทศบาลเมืองน่าน
    "lao:4200103",  # เทศบาลเมืองแสนสุข
    "lao:5400111",  # เทศบาลตำบลสาวะถี
)
KHAM_YAI, NONG_RAWIANG, PHON_KRANG, KHON_KAEN_PAO, PHUKET_PAO, PHUKET_CITY = (
    "lao:5340105",  # เทศบาลตำบลขามใหญ่
    "lao:6300125",  # อบต.หนองระเวียง
    "lao:6300119",  # อบต.พลกรัง
    "lao:2400101",  # อบจ.ขอนแก่น
    "lao:2830101",  # อบจ.ภูเก็ต
    "lao:3830102",  # เทศบาลนครภูเก็ต
)
# Add datasets at the end: the first CSV of each is seeded with its position in the list.
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
        data_type=metadata.RECORD,
        extra={"high_value_dataset": "True", "data_collect": "เส้นทางการเดินทาง เช่น ถนน ทางรถไฟ"},
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
        data_type=metadata.RECORD,
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
    # LAOs of every type in several provinces, and the agencies.
    Demo(
        MAEHIA,
        "maehia-market-stalls",
        "ทะเบียนแผงค้าและสัญญาเช่าตลาดสดเทศบาลเมืองแม่เหียะ",
        "แผงค้าในตลาดสดของเทศบาล ขนาดแผง ค่าเช่ารายเดือน และวันสิ้นสุดสัญญาเช่า"
        " ใช้ภายในกองคลังและกองสาธารณสุขฯ เพื่อติดตามการจัดเก็บค่าเช่า",
        ["ตลาดสด", "แผงค้า", "ค่าเช่า"],
        ["finance"],
        market_stalls,
        data_type=metadata.RECORD,
        frequency="เดือน",
        license="other-closed",
        extra={
            "private": True,
            "data_category": "ข้อมูลใช้ภายใน",
            "data_classification": "ชั้นเผยแพร่ภายในองค์กร",
            "accessible_condition": "ใช้ภายในเทศบาล ขอใช้ข้อมูลผ่านกองคลัง",
            "data_collect": "บริษัท/ห้างร้าน/สถานประกอบการ",
            "created_date": "2023-10-01",
            "maintainer": "กองคลัง งานพัฒนารายได้",
        },
    ),
    Demo(
        MAEHIA,
        "maehia-cctv",
        "จุดติดตั้งกล้องวงจรปิด (CCTV) ในเขตเทศบาลเมืองแม่เหียะ",
        "ตำแหน่งกล้องวงจรปิดของเทศบาล ชนิดกล้อง ปีที่ติดตั้ง และสถานะการใช้งาน (ฉบับร่าง รอตรวจสอบพิกัดก่อนเผยแพร่)",
        ["กล้องวงจรปิด", "CCTV", "ความปลอดภัย"],
        ["safety", "infrastructure"],
        cameras(
            MAEHIA_BOX,
            ["ถนนคลองชลประทาน", "ถนนเชียงใหม่-หางดง", "ถนนวงแหวนรอบกลาง", "ซอยบ้านป่าจี้"],
            40,
        ),
        data_type=metadata.GEOSPATIAL,
        frequency="ไตรมาส",
        geo="พิกัด",
        extra={
            "state": "draft",
            **geospatial(MAEHIA_BOX, equivalent_scale="1:4,000"),
            "maintainer": "งานป้องกันและบรรเทาสาธารณภัย",
        },
    ),
    Demo(
        KHON_KAEN,
        "khonkaen-city-cctv",
        "ตำแหน่งกล้องวงจรปิด CCTV เทศบาลนครขอนแก่น",
        "พิกัดกล้องวงจรปิดที่เทศบาลนครขอนแก่นติดตั้งตามถนนสายหลัก ทางแยก โรงเรียน และตลาด"
        " เชื่อมต่อศูนย์ควบคุมของเทศบาล",
        ["กล้องวงจรปิด", "CCTV", "เมืองอัจฉริยะ"],
        ["safety", "infrastructure"],
        cameras(
            KHON_KAEN_BOX,
            [
                "ถนนมิตรภาพ",
                "ถนนศรีจันทร์",
                "ถนนหน้าเมือง",
                "ถนนกลางเมือง",
                "ถนนประชาสโมสร",
                "ถนนรื่นรมย์",
                "ถนนมะลิวัลย์",
            ],
            150,
        ),
        data_type=metadata.GEOSPATIAL,
        frequency="เดือน",
        geo="พิกัด",
        license="odc-by",
        extra={
            **geospatial(
                KHON_KAEN_BOX,
                geographic_data_set="ชั้นข้อมูลเส้นทางคมนาคม",
                equivalent_scale="1:4,000",
            ),
            "objective": ["เพื่อการให้บริการประชาชน", "แผนแม่บทภายใต้ยุทธศาสตร์ชาติ"],
        },
    ),
    Demo(
        KHON_KAEN,
        "khonkaen-city-land-tax",
        "ภาษีที่ดินและสิ่งปลูกสร้าง เทศบาลนครขอนแก่น ปี 2567",
        "จำนวนแปลง มูลค่าฐานภาษี ภาษีที่ต้องชำระ และที่จัดเก็บได้ จำแนกตามการใช้ประโยชน์"
        " ตามพระราชบัญญัติภาษีที่ดินและสิ่งปลูกสร้าง พ.ศ. 2562 พร้อมข้อมูลปี 2566 เพื่อเปรียบเทียบ",
        ["ภาษีที่ดินและสิ่งปลูกสร้าง", "ภาษี", "รายได้ท้องถิ่น"],
        ["finance"],
        land_tax(2567),
        more=[
            More(
                "ภาษีที่ดินและสิ่งปลูกสร้าง ปี 2566",
                "ไฟล์ CSV (UTF-8) ของปีภาษี 2566",
                land_tax(2566),
                file="khonkaen-city-land-tax-2566",
            )
        ],
        extra={
            "disaggregate": [OTHER],
            "disaggregate_other": "การใช้ประโยชน์ที่ดินและสิ่งปลูกสร้าง",
            "unit_of_measure": "บาท",
            "unit_of_multiplier": "หน่วย",
            "calculation_method": "ภาษีที่ต้องชำระ = มูลค่าฐานภาษี × อัตราภาษีตามการใช้ประโยชน์",
            "first_year_of_data": "2566",
            "objective": ["กฎหมายที่เกี่ยวข้อง", "พันธกิจหน่วยงาน"],
            "maintainer": "สำนักการคลัง ฝ่ายพัฒนารายได้",
        },
    ),
    Demo(
        HAT_YAI,
        "hatyai-flood-risk-points",
        "จุดเสี่ยงน้ำท่วมขังและเครื่องสูบน้ำ เทศบาลนครหาดใหญ่",
        "จุดเสี่ยงน้ำท่วมขังในเขตเทศบาล ระดับความเสี่ยง ระดับน้ำสูงสุดที่บันทึกได้ในฤดูฝน"
        " และเครื่องสูบน้ำที่ประจำจุด ใช้วางแผนรับมืออุทกภัย",
        ["น้ำท่วม", "จุดเสี่ยง", "อุทกภัย", "สาธารณภัย"],
        ["safety", "environment"],
        flood_points,
        data_type=metadata.GEOSPATIAL,
        frequency="ครึ่งปี",
        geo="พิกัด",
        license="Open Data Common",
        extra={
            **geospatial(
                HAT_YAI_BOX, geographic_data_set="ชั้นข้อมูลอุทกศาสตร์", equivalent_scale="1:10,000"
            ),
            "objective": ["ยุทธศาสตร์ชาติ", "เพื่อการให้บริการประชาชน"],
            "maintainer": "ศูนย์ป้องกันและบรรเทาสาธารณภัย",
        },
    ),
    Demo(
        HAT_YAI,
        "hatyai-fresh-markets",
        "ตลาดสดในเขตเทศบาลนครหาดใหญ่",
        "ตลาดสดของเทศบาล ตลาดเอกชน และตลาดนัดชุมชน จำนวนแผง เวลาทำการ"
        " และผลการประเมินตลาดสดน่าซื้อด้านสุขาภิบาล",
        ["ตลาดสด", "สุขาภิบาลอาหาร", "ตลาดสดน่าซื้อ"],
        ["health"],
        fresh_markets,
        data_type=metadata.RECORD,
        extra={
            "data_collect": "บริษัท/ห้างร้าน/สถานประกอบการ",
            "created_date": "2022-06-01",
            "high_value_dataset": "False",
        },
    ),
    Demo(
        KORAT,
        "korat-city-festival-accidents",
        "สถิติอุบัติเหตุทางถนนช่วง 7 วันอันตราย เทศบาลนครนครราชสีมา",
        "จำนวนอุบัติเหตุ ผู้บาดเจ็บ และผู้เสียชีวิต รายวัน ช่วงเทศกาลสงกรานต์และปีใหม่ พ.ศ. 2565–2567"
        " จากศูนย์ปฏิบัติการป้องกันและลดอุบัติเหตุทางถนนของเทศบาล",
        ["อุบัติเหตุ", "7 วันอันตราย", "สงกรานต์", "ปีใหม่"],
        ["safety", "health"],
        festival_accidents("สงกรานต์"),
        frequency="ครึ่งปี",
        more=[
            More(
                "สถิติอุบัติเหตุช่วงเทศกาลปีใหม่",
                "ไฟล์ CSV (UTF-8) ช่วง 29 ธ.ค. – 4 ม.ค.",
                festival_accidents("ปีใหม่"),
                file="korat-city-newyear-accidents",
            )
        ],
        extra={
            "disaggregate": ["ไม่มี"],
            "unit_of_measure": "ครั้ง, คน",
            "unit_of_multiplier": "หน่วย",
            "data_release_calendar": "2025-04-25",
            "objective": ["นโยบายรัฐบาล/ข้อสั่งการนายกรัฐมนตรี", "เพื่อการให้บริการประชาชน"],
        },
    ),
    Demo(
        NAN,
        "nan-town-attractions",
        "สถานที่ท่องเที่ยวในเขตเทศบาลเมืองน่าน",
        "วัด พิพิธภัณฑ์ โบราณสถาน ตลาด และลานวัฒนธรรมในเขตเทศบาลเมืองน่าน พร้อมพิกัด"
        " เวลาเปิด ค่าเข้าชม และที่จอดรถ สำหรับแผนที่ท่องเที่ยวเมืองเก่า",
        ["ท่องเที่ยว", "วัด", "เมืองเก่าน่าน", "แผนที่"],
        ["tourism"],
        nan_places,
        data_type=metadata.GEOSPATIAL,
        frequency="ไม่มีการปรับปรุงหลังจากการจัดเก็บข้อมูล",
        geo="พิกัด",
        license="cc-by",
        extra={
            **geospatial(
                NAN_BOX, geographic_data_set="ชั้นข้อมูลชุมนุม/อาคาร", equivalent_scale="1:4,000"
            ),
            "reference_period": "มกราคม 2567",
            "data_language": ["ไทย", "อังกฤษ"],
            "maintainer": "งานการท่องเที่ยว กองวิชาการและแผนงาน",
        },
    ),
    Demo(
        SAENSUK,
        "saensuk-waste-fees-2567",
        "ค่าธรรมเนียมเก็บขนและกำจัดขยะมูลฝอย เทศบาลเมืองแสนสุข ปีงบประมาณ 2567",
        "ผลการจัดเก็บค่าธรรมเนียมเก็บขนและกำจัดขยะมูลฝอยรายเดือน ยอดค้างชำระ และอัตราค่าธรรมเนียมตามเทศบัญญัติ",
        ["ค่าธรรมเนียมเก็บขยะ", "ขยะมูลฝอย", "รายได้ท้องถิ่น"],
        ["finance", "environment"],
        waste_fees,
        frequency="เดือน",
        more=[
            More(
                "อัตราค่าธรรมเนียมเก็บขนและกำจัดขยะมูลฝอย",
                "อัตราตามเทศบัญญัติ จำแนกตามขนาดการทิ้งต่อวัน",
                waste_fee_rates,
                file="saensuk-waste-fee-rates",
            )
        ],
        extra={
            "unit_of_measure": "บาท, ราย",
            "unit_of_multiplier": "หน่วย",
            "first_year_of_data": "2567",
            "objective": ["กฎหมายที่เกี่ยวข้อง", "เพื่อการให้บริการประชาชน"],
        },
    ),
    Demo(
        SAWATHI,
        "sawathi-village-water-use",
        "การใช้น้ำประปาหมู่บ้านรายเดือน เทศบาลตำบลสาวะถี",
        "จำนวนผู้ใช้น้ำ ปริมาตรน้ำที่ใช้ และค่าน้ำประปาหมู่บ้านรายเดือน จำแนกตามหมู่บ้าน"
        " ปีงบประมาณ 2567 (อัตราค่าน้ำ 8 บาทต่อลูกบาศก์เมตร)",
        ["น้ำประปาหมู่บ้าน", "ค่าน้ำ", "สาธารณูปโภค"],
        ["infrastructure"],
        village_water,
        frequency="เดือน",
        geo="หมู่บ้าน",
        extra={
            "disaggregate": ["ขอบเขตเชิงภูมิศาสตร์หรือเชิงพื้นที่"],
            "unit_of_measure": "ลูกบาศก์เมตร",
            "unit_of_multiplier": "หน่วย",
            "data_collect": "ครัวเรือน/ครอบครัว",
            "maintainer": "งานประปา กองช่าง",
        },
    ),
    Demo(
        NONG_RAWIANG,
        "nongrawiang-child-centres",
        "ศูนย์พัฒนาเด็กเล็กในสังกัด อบต.หนองระเวียง",
        "จำนวนเด็ก ครูผู้ดูแลเด็ก และผู้ดูแลเด็กของศูนย์พัฒนาเด็กเล็กในสังกัด ปีการศึกษา 2565–2567"
        " อัตราค่าอาหารกลางวัน และผลการประเมินมาตรฐานศูนย์พัฒนาเด็กเล็กแห่งชาติ",
        ["ศูนย์พัฒนาเด็กเล็ก", "เด็กปฐมวัย", "การศึกษา"],
        ["education"],
        child_centres,
        extra={
            "disaggregate": ["เพศ"],
            "unit_of_measure": "คน",
            "unit_of_multiplier": "หน่วย",
            "maintainer": "กองการศึกษา ศาสนาและวัฒนธรรม",
        },
    ),
    Demo(
        NONG_RAWIANG,
        "nongrawiang-allowances-2567",
        "ผู้รับเบี้ยยังชีพผู้สูงอายุและเบี้ยความพิการ อบต.หนองระเวียง ปี 2567",
        "ผู้สูงอายุที่ได้รับเบี้ยยังชีพรายหมู่บ้าน และคนพิการที่ได้รับเบี้ยความพิการ"
        " จำแนกตามประเภทความพิการและเพศ ปีงบประมาณ 2567",
        ["เบี้ยยังชีพผู้สูงอายุ", "เบี้ยความพิการ", "สวัสดิการสังคม"],
        ["society"],
        elderly_by_village,
        data_type=metadata.MULTIPLE,
        frequency="เดือน",
        more=[
            More(
                "ผู้รับเบี้ยความพิการ จำแนกตามประเภทความพิการ",
                "ไฟล์ CSV (UTF-8) จากทะเบียนคนพิการ",
                disability,
                file="nongrawiang-disability-allowance",
            )
        ],
        extra={
            "created_date": "2023-10-01",
            "data_collect": "บุคคล",
            "high_value_dataset": "True",
            "objective": ["พันธกิจหน่วยงาน", OTHER],
            "objective_other": "ประกอบการจัดทำแผนพัฒนาท้องถิ่น",
        },
    ),
    Demo(
        PHON_KRANG,
        "phonkrang-roads-drainage",
        "ทะเบียนถนนและท่อระบายน้ำ อบต.พลกรัง",
        "ทะเบียนทางหลวงท้องถิ่นในความรับผิดชอบของ อบต.พลกรัง ผิวจราจร ขนาด"
        " ความยาวท่อระบายน้ำ และสภาพล่าสุดจากการสำรวจประจำปี",
        ["ถนน", "ท่อระบายน้ำ", "ทางหลวงท้องถิ่น"],
        ["infrastructure"],
        local_roads,
        data_type=metadata.RECORD,
        extra={
            "data_collect": "เส้นทางการเดินทาง เช่น ถนน ทางรถไฟ",
            "created_date": "2021-03-15",
            "high_value_dataset": "False",
            "maintainer": "กองช่าง",
        },
    ),
    Demo(
        KHON_KAEN_PAO,
        "khonkaen-pao-health-stations",
        "โรงพยาบาลส่งเสริมสุขภาพตำบลที่ถ่ายโอนให้ อบจ.ขอนแก่น",
        "รายชื่อ รพ.สต. ที่ถ่ายโอนภารกิจจากกระทรวงสาธารณสุขมาสังกัด อบจ.ขอนแก่น"
        " ประชากรในเขตรับผิดชอบ บุคลากร และจำนวนครั้งที่ให้บริการ",
        ["รพ.สต.", "ถ่ายโอนภารกิจ", "สาธารณสุข"],
        ["health"],
        health_stations,
        data_type=metadata.RECORD,
        geo="จังหวัด",
        license="cc-by-sa",
        extra={
            "data_collect": "อาคาร/สิ่งปลูกสร้าง",
            "created_date": "2022-10-01",
            "high_value_dataset": "True",
            "maintainer": "กองสาธารณสุข อบจ.ขอนแก่น",
        },
    ),
    Demo(
        PHUKET_PAO,
        "phuket-pao-hotel-fees",
        "ค่าธรรมเนียมบำรุง อบจ. จากผู้เข้าพักโรงแรม จังหวัดภูเก็ต",
        "จำนวนผู้เข้าพักโรงแรมและค่าธรรมเนียมบำรุงองค์การบริหารส่วนจังหวัดที่จัดเก็บได้รายเดือน ปีงบประมาณ 2566–2567",
        ["ท่องเที่ยว", "โรงแรม", "ค่าธรรมเนียม", "รายได้ท้องถิ่น"],
        ["tourism", "finance"],
        hotel_fees,
        frequency="เดือน",
        geo="จังหวัด",
        extra={
            "unit_of_measure": "คน, บาท",
            "unit_of_multiplier": "หน่วย",
            "first_year_of_data": "2566",
            "data_support": "หน่วยงานเอกชน",
        },
    ),
    Demo(
        PHUKET_CITY,
        "phuket-city-health-fund",
        "กองทุนหลักประกันสุขภาพเทศบาลนครภูเก็ต",
        "งบประมาณที่กองทุนหลักประกันสุขภาพระดับท้องถิ่นอนุมัติและเบิกจ่าย จำแนกตามประเภทกิจกรรม"
        " ตามประกาศคณะกรรมการหลักประกันสุขภาพแห่งชาติ พร้อมรายชื่อโครงการปี 2567",
        ["กองทุนหลักประกันสุขภาพ", "สปสช.", "สุขภาพชุมชน"],
        ["health", "finance"],
        health_fund,
        data_type=metadata.MULTIPLE,
        more=[
            More(
                "โครงการที่ได้รับการสนับสนุน ปี 2567",
                "ไฟล์ CSV (UTF-8) รายโครงการ",
                health_fund_projects,
                file="phuket-city-health-fund-projects-2567",
            )
        ],
        extra={
            "created_date": "2022-10-01",
            "data_support": "หน่วยงานของรัฐ",
            "maintainer": "กองสาธารณสุขและสิ่งแวดล้อม",
        },
    ),
    Demo(
        CM_CITY,
        "cm-city-nuisance-complaints",
        "เรื่องร้องเรียนเหตุเดือดร้อนรำคาญ เทศบาลนครเชียงใหม่ ปีงบประมาณ 2567",
        "เรื่องร้องเรียนเหตุเดือดร้อนรำคาญตามพระราชบัญญัติการสาธารณสุข พ.ศ. 2535"
        " จำแนกตามแขวง ประเภทเหตุ แหล่งกำเนิด ช่องทางรับเรื่อง และสถานะ",
        ["เหตุเดือดร้อนรำคาญ", "ร้องเรียน", "เสียงดัง", "กลิ่นเหม็น"],
        ["environment", "society"],
        nuisance,
        data_type=metadata.RECORD,
        frequency="สัปดาห์",
        extra={
            "data_collect": OTHER,
            "data_collect_other": "เรื่องร้องเรียนแต่ละเรื่อง",
            "created_date": "2023-10-01",
            "high_value_dataset": "True",
            "last_updated_date": "2024-09-30",
            "objective": ["กฎหมายที่เกี่ยวข้อง", "เพื่อการให้บริการประชาชน"],
        },
    ),
    Demo(
        KHAM_YAI,
        "khamyai-dogs-cats",
        "การขึ้นทะเบียนสุนัขและแมว และการฉีดวัคซีนป้องกันโรคพิษสุนัขบ้า เทศบาลตำบลขามใหญ่",
        "จำนวนสุนัขและแมวที่ขึ้นทะเบียน ได้รับวัคซีนป้องกันโรคพิษสุนัขบ้า และทำหมัน รายหมู่บ้าน"
        " ตามโครงการสัตว์ปลอดโรค คนปลอดภัยจากโรคพิษสุนัขบ้า ปี 2567",
        ["พิษสุนัขบ้า", "วัคซีน", "สุนัขและแมว"],
        ["health"],
        pets,
        geo="หมู่บ้าน",
        license="cc-zero",
        extra={
            "disaggregate": ["ขอบเขตเชิงภูมิศาสตร์หรือเชิงพื้นที่"],
            "unit_of_measure": "ตัว",
            "unit_of_multiplier": "หน่วย",
            "data_collect": "สัตว์และพันธุ์พืช",
            "first_year_of_data": "2567",
        },
    ),
    Demo(
        "agency:dga",
        "dga-lao-open-data-by-province",
        "การเผยแพร่ข้อมูลเปิดขององค์กรปกครองส่วนท้องถิ่น รายจังหวัด",
        "จำนวน อปท. ทั้งหมด อปท. ที่เผยแพร่ชุดข้อมูลเปิด และจำนวนชุดข้อมูล จำแนกรายจังหวัด"
        " (ข้อมูลสาธิต จำนวน อปท. ตามทะเบียนรหัส อปท.)",
        ["ข้อมูลเปิด", "อปท.", "ธรรมาภิบาลข้อมูล"],
        ["society"],
        open_data_by_province,
        frequency="ไตรมาส",
        geo="จังหวัด",
        license="odc-odbl",
        more=[
            More(
                "ศูนย์กลางข้อมูลเปิดภาครัฐ (data.go.th)",
                "ค้นหาชุดข้อมูลของ อปท. ทั้งหมดที่ศูนย์กลางข้อมูลเปิดภาครัฐ",
                url="https://data.go.th/",
                format="HTML",
            )
        ],
        extra={
            "disaggregate": ["ขอบเขตเชิงภูมิศาสตร์หรือเชิงพื้นที่"],
            "unit_of_measure": "แห่ง, ชุดข้อมูล",
            "unit_of_multiplier": "หน่วย",
            "data_format": ["CSV", "HTML"],
            "objective": ["แผนปฏิรูปประเทศ", "พันธกิจหน่วยงาน"],
            "maintainer": "ฝ่ายธรรมาภิบาลข้อมูลภาครัฐ",
        },
    ),
    Demo(
        "agency:oag",
        "oag-lao-audit-opinions",
        "ผลการตรวจสอบงบการเงินขององค์กรปกครองส่วนท้องถิ่น จำแนกตามประเภทความเห็น",
        "จำนวน อปท. ที่ตรวจสอบงบการเงิน จำแนกตามประเภท อปท. และประเภทความเห็นของผู้สอบบัญชี"
        " ปีงบประมาณ 2564–2566 (ข้อมูลสาธิต)",
        ["ตรวจเงินแผ่นดิน", "งบการเงิน", "อปท."],
        ["finance"],
        audit_opinions,
        geo="ประเทศ",
        extra={
            "disaggregate": [OTHER],
            "disaggregate_other": "ประเภท อปท. และประเภทความเห็นของผู้สอบบัญชี",
            "unit_of_measure": "แห่ง",
            "unit_of_multiplier": "หน่วย",
            "first_year_of_data": "2564",
            "last_year_of_data": "2566",
            "official_statistics": "False",
            "objective": ["กฎหมายที่เกี่ยวข้อง", "พันธกิจหน่วยงาน"],
        },
    ),
    Demo(
        "agency:oag",
        "oag-annual-report",
        "รายงานผลการปฏิบัติงานประจำปีของสำนักงานการตรวจเงินแผ่นดิน",
        "รายงานประจำปีเสนอรัฐสภาและคณะรัฐมนตรี สรุปผลการตรวจสอบหน่วยรับตรวจ รวมถึง"
        " องค์กรปกครองส่วนท้องถิ่น เผยแพร่เป็นไฟล์ PDF ที่เว็บไซต์ของสำนักงาน",
        ["รายงานประจำปี", "ตรวจเงินแผ่นดิน"],
        ["finance"],
        None,
        data_type=metadata.OTHER_TYPE,
        geo="ประเทศ",
        license="other-at",
        more=[
            More(
                "รายงานประจำปี (เว็บไซต์สำนักงานการตรวจเงินแผ่นดิน)",
                "ดาวน์โหลดรายงานฉบับเต็มได้ที่เว็บไซต์ของสำนักงาน",
                url="https://www.audit.go.th/",
                format="HTML",
            )
        ],
        extra={"data_format": ["PDF"], "created_date": "2019-04-20"},
    ),
    Demo(
        "agency:dla",
        "dla-general-subsidies-2567",
        "เงินอุดหนุนทั่วไปที่จัดสรรให้องค์กรปกครองส่วนท้องถิ่น จำแนกตามรายการ",
        "วงเงินเงินอุดหนุนทั่วไปที่กรมส่งเสริมการปกครองท้องถิ่นจัดสรรให้ อปท. ทั่วประเทศ"
        " ปีงบประมาณ 2566 และ 2567 จำแนกตามรายการ เช่น เบี้ยยังชีพผู้สูงอายุ อาหารกลางวัน"
        " และศูนย์พัฒนาเด็กเล็ก (ข้อมูลสาธิต)",
        ["เงินอุดหนุน", "งบประมาณ", "อปท."],
        ["finance"],
        subsidies,
        geo="ประเทศ",
        extra={
            "unit_of_measure": "บาท",
            "unit_of_multiplier": "ล้าน",
            "first_year_of_data": "2566",
            "official_statistics": "True",
            "data_release_calendar": "2024-11-30",
        },
    ),
    Demo(
        "agency:nso",
        "nso-lao-service-satisfaction",
        "ความพึงพอใจของประชาชนต่อการให้บริการขององค์กรปกครองส่วนท้องถิ่น รายภาค (ตัวอย่าง)",
        "ร้อยละของผู้ตอบแบบสำรวจที่พอใจมาก พอใจ และไม่พอใจ ต่อบริการของ อปท."
        " จำแนกตามภาคและด้านบริการ ข้อมูลตัวอย่างเพื่อสาธิต",
        ["ความพึงพอใจ", "สำรวจ", "บริการสาธารณะ"],
        ["society"],
        satisfaction,
        frequency="ปี",
        geo="ภาค",
        license="cc-zero",
        extra={
            "disaggregate": ["ขอบเขตเชิงภูมิศาสตร์หรือเชิงพื้นที่"],
            "unit_of_measure": "ร้อยละ",
            "unit_of_multiplier": "หน่วย",
            "standard": "การจัดทำสถิติทางการตามหลักเกณฑ์ของสำนักงานสถิติแห่งชาติ",
            "calculation_method": "จำนวนผู้ตอบในแต่ละระดับ ÷ จำนวนผู้ตอบทั้งหมด × 100",
            "first_year_of_data": "2567",
        },
    ),
]


def _org_id(ref: str) -> str:
    kind, key = ref.split(":", 1)
    return lao_org_id(key) if kind == "lao" else agency_org_id(key)


def package_data(demo: Demo) -> dict[str, Any]:
    """The package_create dict of a demo dataset, with the GD Catalog metadata."""
    data: dict[str, Any] = {
        "name": demo.name,
        "title": demo.title,
        "notes": demo.notes,
        "owner_org": _org_id(demo.org),
        "maintainer": "ฝ่ายข้อมูลและสารสนเทศ",
        "maintainer_email": "opendata@example.go.th",
        "license_id": demo.license,
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
    }
    if demo.data_type == metadata.STATISTICAL:
        data.update(first_year_of_data="2565", last_year_of_data="2567")
    return {**data, **demo.extra}


def resource_data(index: int, demo: Demo) -> list[dict[str, Any]]:
    """The resource_create dicts of a demo dataset (without package_id). The first CSV is seeded
    with the dataset's position in DATASETS, the others with their own name."""
    out: list[dict[str, Any]] = []
    if demo.make is not None:
        out.append(
            _upload(demo.name, demo.title, "ไฟล์ CSV (UTF-8)", demo.make(random.Random(index)))
        )
    for position, more in enumerate(demo.more, 2):
        if more.make is None:
            link = {"url": more.url, "format": more.format}
            out.append({"name": more.name, "description": more.description, **link})
        else:
            file = more.file or f"{demo.name}-{position}"
            text = more.make(random.Random(f"{demo.name}/{file}"))
            out.append(_upload(file, more.name, more.description, text))
    return out


def _upload(file: str, name: str, description: str, text: str) -> dict[str, Any]:
    upload = SimpleUploadedFile(f"{file}.csv", text.encode("utf-8"), content_type="text/csv")
    return {"name": name, "upload": upload, "description": description}


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
        actor = officer if demo.org == MAEHIA else admin
        with transaction.atomic():  # the dataset with all its resources, or nothing
            dataset = package_create(actor=actor, data=package_data(demo))
            for resource in resource_data(index, demo):
                resource_create(actor=actor, data={"package_id": dataset.id, **resource})
        created += 1
    return {"datasets": Dataset.objects.count(), "created": created}
