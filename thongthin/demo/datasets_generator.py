"""Generated open-data datasets with realistic Thai titles, descriptions, tags and resources, for
the search benchmark (11,000 datasets) and for trying the catalog. Built with bulk inserts, then
indexed for search in bulk.

Organizations: the existing ones are reused; when there are none, about sixty agencies and
LAO-like organizations are created. Licences, data types and data categories come from the
catalog's own lists (thongthin/opendata/licenses.py, metadata.py).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction

from thongthin.opendata import metadata
from thongthin.opendata.models import (
    Dataset,
    DatasetStats,
    Group,
    Organization,
    OrganizationKind,
    Resource,
    State,
    Tag,
)


@dataclass(frozen=True)
class Topic:
    slug: str
    titles: tuple[str, ...]  # "{year}" is a Buddhist Era year
    tags: tuple[str, ...]
    group: str
    sentences: tuple[str, ...]
    data_type: str = metadata.STATISTICAL
    english: str = ""


S, R, G, M = metadata.STATISTICAL, metadata.RECORD, metadata.GEOSPATIAL, metadata.MULTIPLE
TOPICS = [
    Topic("budget", ("งบประมาณรายจ่ายประจำปี {year}", "รายงานผลการเบิกจ่ายงบประมาณ ปีงบประมาณ {year}",
                     "ข้อบัญญัติงบประมาณรายจ่าย พ.ศ. {year}"),
          ("งบประมาณ", "การคลัง", "รายจ่าย", "budget"), "finance",
          ("จำแนกตามแผนงานและหมวดรายจ่าย", "แสดงงบประมาณที่ได้รับอนุมัติและผลการเบิกจ่ายรายไตรมาส"),
          english="Annual budget expenditure"),
    Topic("revenue", ("รายได้ขององค์กรปกครองส่วนท้องถิ่น ปี {year}", "การจัดเก็บภาษีที่ดินและสิ่งปลูกสร้าง {year}"),
          ("รายได้", "ภาษี", "การคลัง"), "finance",
          ("แยกตามประเภทรายได้ ภาษีอากร ค่าธรรมเนียม และเงินอุดหนุน", "เปรียบเทียบกับประมาณการรายรับ")),
    Topic("population", ("จำนวนประชากรแยกตามเพศและอายุ {year}", "ข้อมูลสถิติประชากรรายหมู่บ้าน {year}",
                         "สถิติประชากรและบ้าน ณ สิ้นปี {year}"),
          ("ประชากร", "สถิติ", "ทะเบียนราษฎร", "population"), "society",
          ("จากฐานข้อมูลทะเบียนราษฎร จำแนกตามเพศ ช่วงอายุ และหมู่บ้าน", "จำนวนบ้านและครัวเรือนในพื้นที่"),
          english="Population by sex and age"),
    Topic("elderly", ("ผู้สูงอายุที่ได้รับเบี้ยยังชีพ ปีงบประมาณ {year}", "ทะเบียนผู้สูงอายุ {year}"),
          ("ผู้สูงอายุ", "สวัสดิการ", "เบี้ยยังชีพ"), "society",
          ("จำนวนผู้มีสิทธิและเงินเบี้ยยังชีพที่จ่ายรายเดือน", "แยกตามช่วงอายุและหมู่บ้าน")),
    Topic("disability", ("คนพิการที่ได้รับเบี้ยความพิการ {year}",), ("คนพิการ", "สวัสดิการ"), "society",
          ("จำนวนคนพิการจำแนกตามประเภทความพิการ",)),
    Topic("schools", ("รายชื่อโรงเรียนและจำนวนนักเรียน ปีการศึกษา {year}",
                      "ผลการทดสอบทางการศึกษาระดับชาติ O-NET {year}", "ครูและบุคลากรทางการศึกษา {year}"),
          ("โรงเรียน", "การศึกษา", "นักเรียน", "school"), "education",
          ("จำนวนนักเรียนแยกตามระดับชั้นและเพศ", "ข้อมูลสถานศึกษาในสังกัดพร้อมที่ตั้ง"),
          english="Schools and students"),
    Topic("childcare", ("ศูนย์พัฒนาเด็กเล็กและจำนวนเด็ก {year}",), ("ศูนย์พัฒนาเด็กเล็ก", "การศึกษา", "เด็ก"),
          "education", ("จำนวนเด็กเล็กและครูผู้ดูแลเด็กในแต่ละศูนย์",)),
    Topic("tapwater", ("คุณภาพน้ำประปาหมู่บ้าน {year}", "ปริมาณการใช้น้ำประปารายเดือน {year}"),
          ("น้ำประปา", "น้ำ", "คุณภาพน้ำ", "water"), "environment",
          ("ผลการตรวจวิเคราะห์คุณภาพน้ำประปาตามเกณฑ์มาตรฐาน", "จำนวนผู้ใช้น้ำและหน่วยน้ำที่จำหน่าย"),
          english="Village tap water quality"),
    Topic("waterres", ("แหล่งน้ำและอ่างเก็บน้ำ", "ปริมาณน้ำฝนรายเดือน {year}",
                       "ปริมาณน้ำในอ่างเก็บน้ำรายวัน {year}"),
          ("แหล่งน้ำ", "น้ำฝน", "ชลประทาน", "น้ำ"), "environment",
          ("ตำแหน่งและความจุของแหล่งน้ำสาธารณะ", "ข้อมูลจากสถานีตรวจวัดปริมาณน้ำฝน"), G),
    Topic("roads", ("ถนนและสะพานในความรับผิดชอบ", "โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก ปี {year}",
                    "ทะเบียนทางหลวงท้องถิ่น {year}"),
          ("ถนน", "คมนาคม", "โครงสร้างพื้นฐาน", "road"), "transport",
          ("ระยะทาง ผิวจราจร และสภาพถนนแต่ละสาย", "งบประมาณและผู้รับจ้างของแต่ละโครงการ"), G,
          english="Local roads and bridges"),
    Topic("dengue", ("สถิติผู้ป่วยโรคไข้เลือดออก {year}", "ผู้ป่วยโรคเบาหวานและความดันโลหิตสูง {year}"),
          ("สาธารณสุข", "โรคติดต่อ", "ไข้เลือดออก", "health"), "health",
          ("จำนวนผู้ป่วยรายสัปดาห์แยกตามกลุ่มอายุและตำบล", "ข้อมูลจากโรงพยาบาลส่งเสริมสุขภาพตำบล"),
          english="Dengue fever cases"),
    Topic("covid", ("ผู้ติดเชื้อ COVID-19 รายวัน {year}", "การฉีดวัคซีนโควิด-19 {year}"),
          ("โควิด-19", "covid-19", "โรคติดต่อ", "วัคซีน"), "health",
          ("จำนวนผู้ติดเชื้อ ผู้รักษาหาย และผู้เสียชีวิต",), english="COVID-19 daily cases"),
    Topic("tourism", ("จำนวนนักท่องเที่ยวและรายได้จากการท่องเที่ยว {year}", "แหล่งท่องเที่ยวในจังหวัด",
                      "ที่พักแรมและโรงแรม {year}"),
          ("ท่องเที่ยว", "นักท่องเที่ยว", "tourism"), "tourism",
          ("จำนวนนักท่องเที่ยวชาวไทยและชาวต่างชาติ รายได้ และระยะเวลาพำนัก", "รายชื่อแหล่งท่องเที่ยวพร้อมพิกัด"),
          english="Tourist arrivals and tourism revenue"),
    Topic("pm25", ("ค่าฝุ่นละอองขนาดเล็ก PM2.5 รายวัน {year}", "คุณภาพอากาศและค่า PM2.5 รายชั่วโมง {year}",
                   "จุดความร้อนและการเผาในที่โล่ง {year}"),
          ("PM2.5", "ฝุ่น", "คุณภาพอากาศ", "มลพิษ"), "environment",
          ("ค่าเฉลี่ย 24 ชั่วโมงของฝุ่นละอองขนาดไม่เกิน 2.5 ไมครอน", "ข้อมูลจากสถานีตรวจวัดคุณภาพอากาศ"),
          english="PM2.5 air quality"),
    Topic("waste", ("ปริมาณขยะมูลฝอย {year}", "การคัดแยกขยะในชุมชน {year}"),
          ("ขยะ", "สิ่งแวดล้อม", "ขยะมูลฝอย"), "environment",
          ("ปริมาณขยะที่เก็บขนได้ต่อวันและการกำจัด",)),
    Topic("rice", ("พื้นที่เพาะปลูกข้าวและผลผลิต ปี {year}", "ราคาสินค้าเกษตร {year}"),
          ("เกษตร", "ข้าว", "ผลผลิต"), "agriculture",
          ("พื้นที่เพาะปลูก ผลผลิตต่อไร่ และจำนวนเกษตรกร",)),
    Topic("fishery", ("ผลผลิตสัตว์น้ำและการประมง {year}", "ฟาร์มเลี้ยงปลาและกุ้ง"),
          ("ประมง", "ปลา", "สัตว์น้ำ"), "agriculture",
          ("ปริมาณการจับสัตว์น้ำและการเพาะเลี้ยงปลาน้ำจืด", "ชาวบ้านกินข้าวกับปลาจากแหล่งน้ำในชุมชน")),
    Topic("procurement", ("ประกาศจัดซื้อจัดจ้าง ปีงบประมาณ {year}", "ผลการจัดซื้อจัดจ้างรายเดือน {year}"),
          ("จัดซื้อจัดจ้าง", "e-GP", "การคลัง"), "finance",
          ("รายการโครงการ วงเงิน วิธีจัดหา และผู้ได้รับคัดเลือก",), R),
    Topic("complaints", ("เรื่องร้องเรียนร้องทุกข์ {year}",), ("ร้องเรียน", "บริการประชาชน"), "governance",
          ("เรื่องที่ได้รับ สถานะการดำเนินการ และระยะเวลาแก้ไข",), R),
    Topic("disaster", ("ผู้ประสบภัยน้ำท่วมและภัยแล้ง {year}", "พื้นที่เสี่ยงภัยดินโคลนถล่ม"),
          ("ภัยพิบัติ", "น้ำท่วม", "ภัยแล้ง"), "safety",
          ("จำนวนครัวเรือนที่ได้รับผลกระทบและความช่วยเหลือ",), M),
    Topic("rescue", ("สถิติการออกเหตุดับเพลิงและกู้ภัย {year}",), ("ดับเพลิง", "กู้ภัย", "สาธารณภัย"), "safety",
          ("จำนวนครั้ง ประเภทเหตุ และเวลาเข้าถึงที่เกิดเหตุ",)),
    Topic("markets", ("ตลาดสดและผู้ประกอบการ", "ราคาสินค้าอุปโภคบริโภค {year}"),
          ("ตลาด", "เศรษฐกิจ", "ราคา"), "economy", ("รายชื่อตลาด จำนวนแผง และค่าธรรมเนียม",), R),
    Topic("labour", ("ภาวะการทำงานของประชากร {year}", "ผู้ว่างงานและการจ้างงาน {year}"),
          ("แรงงาน", "การจ้างงาน", "employment"), "economy",
          ("ผู้มีงานทำจำแนกตามอุตสาหกรรมและอาชีพ",), english="Labour force survey"),
    Topic("landuse", ("การใช้ประโยชน์ที่ดิน {year}", "ผังเมืองรวม"), ("ที่ดิน", "ผังเมือง", "GIS"),
          "environment", ("ขอบเขตพื้นที่และประเภทการใช้ที่ดิน",), G),
    Topic("lights", ("ไฟฟ้าส่องสว่างสาธารณะ", "การใช้ไฟฟ้าของหน่วยงาน {year}"), ("ไฟฟ้า", "พลังงาน"),
          "transport", ("ตำแหน่งเสาไฟและสถานะการซ่อมบำรุง",), G),
    Topic("accidents", ("อุบัติเหตุทางถนน {year}", "สถิติอุบัติเหตุช่วงเทศกาลสงกรานต์ {year}"),
          ("อุบัติเหตุ", "ถนน", "ความปลอดภัย"), "safety",
          ("จำนวนครั้ง ผู้บาดเจ็บ และผู้เสียชีวิต จำแนกตามสาเหตุ",), english="Road accidents"),
    Topic("otop", ("วิสาหกิจชุมชนและผลิตภัณฑ์ OTOP", "กลุ่มอาชีพในชุมชน {year}"), ("OTOP", "วิสาหกิจชุมชน"),
          "economy", ("รายชื่อกลุ่ม ผลิตภัณฑ์ และยอดจำหน่าย",), R),
    Topic("staff", ("อัตรากำลังบุคลากร {year}", "แผนอัตรากำลัง 3 ปี {year}"), ("บุคลากร", "อัตรากำลัง"),
          "governance", ("จำนวนพนักงานจำแนกตามตำแหน่งและสายงาน",), R),
    Topic("forest", ("พื้นที่ป่าไม้ {year}", "ไฟป่าและการเผาในพื้นที่ป่า {year}"), ("ป่าไม้", "สิ่งแวดล้อม", "ไฟป่า"),
          "environment", ("พื้นที่ป่าคงเหลือจากภาพถ่ายดาวเทียม",), G),
]  # fmt: skip

GROUPS = {
    "finance": "การเงินการคลัง", "society": "สังคมและสวัสดิการ", "education": "การศึกษา",
    "environment": "ทรัพยากรธรรมชาติและสิ่งแวดล้อม", "transport": "คมนาคมและโครงสร้างพื้นฐาน",
    "health": "สาธารณสุข", "tourism": "การท่องเที่ยว", "agriculture": "เกษตรกรรม",
    "governance": "การบริหารราชการ", "safety": "ความปลอดภัยสาธารณะ", "economy": "เศรษฐกิจ",
}  # fmt: skip

AGENCIES = [
    ("nso", "สำนักงานสถิติแห่งชาติ"), ("pcd", "กรมควบคุมมลพิษ"), ("dopa", "กรมการปกครอง"),
    ("dla", "กรมส่งเสริมการปกครองท้องถิ่น"), ("moph", "กระทรวงสาธารณสุข"), ("ddc", "กรมควบคุมโรค"),
    ("obec", "สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน"), ("pwa", "การประปาส่วนภูมิภาค"),
    ("doh", "กรมทางหลวง"), ("drr", "กรมทางหลวงชนบท"), ("tat", "การท่องเที่ยวแห่งประเทศไทย"),
    ("mots", "กระทรวงการท่องเที่ยวและกีฬา"), ("rid", "กรมชลประทาน"), ("tmd", "กรมอุตุนิยมวิทยา"),
    ("ddpm", "กรมป้องกันและบรรเทาสาธารณภัย"), ("doae", "กรมส่งเสริมการเกษตร"), ("fisheries", "กรมประมง"),
    ("cgd", "กรมบัญชีกลาง"), ("bb", "สำนักงบประมาณ"), ("dep", "กรมส่งเสริมอุตสาหกรรม"),
]  # fmt: skip
PLACES = [
    ("chiangmai", "เชียงใหม่"), ("khonkaen", "ขอนแก่น"), ("hatyai", "หาดใหญ่"), ("phuket", "ภูเก็ต"),
    ("nakhonratchasima", "นครราชสีมา"), ("udonthani", "อุดรธานี"), ("chonburi", "ชลบุรี"),
    ("maehia", "แม่เหียะ"), ("sila", "ศิลา"), ("pasakae", "ป่าสะแก"), ("lampang", "ลำปาง"),
    ("phitsanulok", "พิษณุโลก"), ("suratthani", "สุราษฎร์ธานี"), ("ubon", "อุบลราชธานี"),
]  # fmt: skip
LAO_TYPES = [
    ("city", "เทศบาลนคร"), ("town", "เทศบาลเมือง"), ("tambon", "เทศบาลตำบล"),
    ("sao", "องค์การบริหารส่วนตำบล"),
]  # fmt: skip
LICENSES = [("dga-ogl", 40), ("Open Data Common", 30), ("cc-by", 20), ("odc-by", 4),
            ("cc-by-sa", 3), ("notspecified", 3)]  # fmt: skip
FORMATS = [("CSV", 40), ("XLSX", 30), ("PDF", 20), ("JSON", 10)]
CATEGORIES = [("ข้อมูลสาธารณะ", 85), ("ข้อมูลใช้ภายใน", 10), ("ข้อมูลส่วนบุคคล", 5)]
FREQUENCIES = ["ปี", "ไตรมาส", "เดือน", "วัน", "ไม่ทราบ"]
CLOSING = [
    "เผยแพร่เพื่อให้ประชาชนและหน่วยงานนำไปใช้ประโยชน์ตามนโยบายข้อมูลเปิดภาครัฐ",
    "ปรับปรุงข้อมูลตามรอบการรายงานของหน่วยงาน",
    "หากพบข้อผิดพลาดโปรดแจ้งผู้ดูแลชุดข้อมูล",
    "ข้อมูลอยู่ในรูปแบบที่เครื่องอ่านได้",
]
START = dt.datetime(2019, 1, 1, tzinfo=dt.UTC)


def generate_datasets(*, count: int, seed: int = 1) -> int:
    """Create `count` datasets (with tags, groups, 1–4 resources each, usage counters) and index
    them for search. Returns how many were created."""
    from thongthin.opendata import search

    rng = random.Random(seed)
    with transaction.atomic():
        orgs = _organizations()
        groups = _groups()
        prefix = f"gen{seed}-"
        offset = Dataset.objects.filter(name__startswith=prefix).count()
        datasets, tag_links, group_links, resources, stats = [], [], [], [], []
        tag_names: set[str] = set()
        for i in range(offset, offset + count):
            d, tags, topic = _dataset(rng, orgs, f"{prefix}{i:06d}")
            datasets.append(d)
            tag_names.update(tags)
            tag_links.append((d.id, tags))
            group_links.append((d.id, groups[topic.group]))
            resources += _resources(rng, d, topic)
            total = int(rng.paretovariate(1.2) * 20)
            stats.append(DatasetStats(dataset_id=d.id, views_total=total,
                                      views_recent=rng.randint(0, min(total, 200)),
                                      downloads_total=total // 3))  # fmt: skip
        Dataset.objects.bulk_create(datasets, batch_size=500)
        existing = set(Tag.objects.filter(name__in=tag_names).values_list("name", flat=True))
        Tag.objects.bulk_create([Tag(name=n) for n in sorted(tag_names - existing)], batch_size=500)
        tag_ids = dict(Tag.objects.filter(name__in=tag_names).values_list("name", "id"))
        through = Dataset.tags.through
        through.objects.bulk_create(
            [through(dataset_id=d, tag_id=tag_ids[t]) for d, ts in tag_links for t in ts],
            batch_size=1000,
        )
        Dataset.groups.through.objects.bulk_create(
            [Dataset.groups.through(dataset_id=d, group_id=g.id) for d, g in group_links],
            batch_size=1000,
        )
        Resource.objects.bulk_create(resources, batch_size=1000)
        DatasetStats.objects.bulk_create(stats, batch_size=1000)
        search.index_datasets([d.id for d in datasets])
    return len(datasets)


def _weighted(rng: random.Random, choices: list[tuple[str, int]]) -> str:
    return rng.choices([c for c, _ in choices], weights=[w for _, w in choices])[0]


def _organizations() -> list[Organization]:
    orgs = list(Organization.objects.filter(state=State.ACTIVE).order_by("name"))
    if orgs:
        return orgs
    made = [
        Organization(name=slug, title=title, kind=OrganizationKind.AGENCY)
        for slug, title in AGENCIES
    ]
    rng = random.Random(60)
    pairs = [(t, p) for t in LAO_TYPES for p in PLACES]
    for (type_slug, type_title), (place_slug, place_title) in rng.sample(pairs, 40):
        name, title = f"{type_slug}-{place_slug}", f"{type_title}{place_title}"
        made.append(Organization(name=name, title=title, kind=OrganizationKind.LAO))
    return Organization.objects.bulk_create(made)


def _groups() -> dict[str, Group]:
    found = {g.name: g for g in Group.objects.filter(name__in=GROUPS)}
    missing = [Group(name=n, title=t) for n, t in GROUPS.items() if n not in found]
    for g in Group.objects.bulk_create(missing):
        found[g.name] = g
    return found


def _dataset(
    rng: random.Random, orgs: list[Organization], name: str
) -> tuple[Dataset, list[str], Topic]:
    topic = rng.choice(TOPICS)
    org = rng.choice(orgs)
    year = rng.randint(2560, 2568)
    title = rng.choice(topic.titles).format(year=year)
    if rng.random() < 0.5:
        title = f"{title} {org.title}"
    if topic.english and rng.random() < 0.08:
        title = f"{topic.english} {year - 543}"
    sentences = [
        f"{title}",
        *rng.sample(topic.sentences, k=min(len(topic.sentences), rng.randint(1, 2))),
    ]
    sentences.append(f"จัดทำโดย{org.title}")
    sentences += rng.sample(CLOSING, k=rng.randint(1, 2))
    if topic.english and rng.random() < 0.3:
        sentences.append(f"{topic.english} ({year - 543}), published as open data.")
    created = START + dt.timedelta(seconds=rng.randint(0, 6 * 365 * 86400))
    modified = created + dt.timedelta(seconds=rng.randint(0, 400 * 86400))
    roll = rng.random()
    state = State.DELETED if roll < 0.02 else State.DRAFT if roll < 0.05 else State.ACTIVE
    tags = list(
        dict.fromkeys([*rng.sample(topic.tags, k=rng.randint(2, len(topic.tags))), str(year)])
    )
    data_category = _weighted(rng, CATEGORIES)
    thai = {
        "data_type": topic.data_type,
        "objective": ["พันธกิจหน่วยงาน"] if rng.random() < 0.7 else ["เพื่อการให้บริการประชาชน"],
        "update_frequency_unit": rng.choice(FREQUENCIES),
        "update_frequency_interval": "1",
        "geo_coverage": "เทศบาล/อบต." if org.kind == OrganizationKind.LAO else "ประเทศ",
        "data_source": org.title,
        "data_format": ["CSV"],
        "data_category": data_category,
        "data_language": ["ไทย"],
    }
    if topic.data_type == metadata.STATISTICAL:
        thai.update(first_year_of_data=str(year - rng.randint(0, 5)), last_year_of_data=str(year),
                    unit_of_measure=rng.choice(["คน", "ราย", "บาท", "ครั้ง"]),
                    official_statistics="False")  # fmt: skip
    dataset = Dataset(
        name=name, title=title, notes=" ".join(sentences), owner_org=org,
        license_id=_weighted(rng, LICENSES), maintainer=f"งานข้อมูล {org.title}",
        maintainer_email="opendata@example.go.th", private=rng.random() < 0.08, state=state,
        data_type=topic.data_type, data_category=data_category, thai=thai,
        metadata_created=created, metadata_modified=modified,
    )  # fmt: skip
    return dataset, tags, topic


def _resources(rng: random.Random, dataset: Dataset, topic: Topic) -> list[Resource]:
    made = []
    for position in range(rng.randint(1, 4)):
        fmt = _weighted(rng, FORMATS)
        label = rng.choice(
            ["ข้อมูลทั้งหมด", "ข้อมูลรายเดือน", "ข้อมูลรายไตรมาส", "คำอธิบายชุดข้อมูล", "แผนภูมิสรุป"]
        )
        made.append(Resource(
            dataset=dataset, name=f"{label} ({fmt})", format=fmt, position=position,
            description=f"{label} {rng.choice(topic.tags)} ในรูปแบบ {fmt}",
            url=f"https://data.example.go.th/{dataset.name}/{position + 1}.{fmt.lower()}",
            state=State.ACTIVE if rng.random() < 0.97 else State.DELETED,
            created=dataset.metadata_created, metadata_modified=dataset.metadata_modified,
        ))  # fmt: skip
    return made
