"""Examples shown in the OpenAPI document (/api/v1/docs). Kept valid by the tests, which check
each against its schema."""

from __future__ import annotations

from typing import Any

EVALUATE_EXAMPLE: dict[str, Any] = {
    "kind": "festival",
    "lao_type": "town_municipality",
    "fiscal_year": 2568,
    "language": "th",
    "answers": {"F1.1": "yes", "P-27": "2024-10-20"},
    "facts": {
        "amount": "150000",
        "funding_source": "annual_budget",
        "budget_announced_on": "2024-09-25",
    },
    "cost_lines": [
        {
            "category": "food_workers",
            "description": "อาหารกลางวันผู้ปฏิบัติงาน",
            "unit_cost": "200",
            "persons": 40,
            "days": 2,
        },
        {
            "category": "souvenirs",
            "description": "ผ้าขนหนูแจกผู้ร่วมงาน",
            "quantity": "500",
            "unit_cost": "60",
        },
    ],
}

_R3 = {
    "id": "R3",
    "instrument": "ระเบียบกระทรวงมหาดไทยว่าด้วยการจัดทำแผนพัฒนาขององค์กรปกครองส่วนท้องถิ่น "
    "พ.ศ. 2548 แก้ไขเพิ่มเติมถึง (ฉบับที่ 3) พ.ศ. 2561",
    "clause": "ข้อ 26(2), ข้อ 27",
    "url": "https://ratchakitcha.soc.go.th",
    "verification": "partly_verified",
}

# The answer to EVALUATE_EXAMPLE, two of its findings shown.
EVALUATION_EXAMPLE: dict[str, Any] = {
    "framework_version": "2568.1",
    "kind": "festival",
    "lao_type": "town_municipality",
    "fiscal_year": 2568,
    "level": "suspend",
    "score": "53.3",
    "complete": False,
    "topics": [
        {
            "topic": "authority",
            "score": "100.0",
            "passed": 1,
            "failed": 0,
            "unanswered": 7,
            "not_applicable": 0,
        },
        {
            "topic": "plan",
            "score": "100.0",
            "passed": 1,
            "failed": 0,
            "unanswered": 1,
            "not_applicable": 0,
        },
        {
            "topic": "budget",
            "score": "100.0",
            "passed": 1,
            "failed": 0,
            "unanswered": 2,
            "not_applicable": 1,
        },
        {
            "topic": "execution",
            "score": "0.0",
            "passed": 0,
            "failed": 3,
            "unanswered": 5,
            "not_applicable": 0,
        },
    ],
    "findings": [
        {
            "check_id": "F4.2",
            "topic": "execution",
            "applicable": True,
            "result": "fail",
            "severity": "major",
            "question": "ค่าอาหารต่อคนต่อวันไม่เกินเพดานที่กำหนด",
            "message": "ค่าอาหาร 200.00 บาทต่อคนต่อวัน เกินเพดาน 150.00 บาท "
            "(อาหารกลางวันผู้ปฏิบัติงาน (ค่าอาหารและเครื่องดื่มผู้ปฏิบัติงาน))",
            "recommendation": "ลดอัตราค่าอาหารให้ไม่เกินเพดาน หรือจำกัดผู้มีสิทธิ์ให้ตรงกับที่ระเบียบกำหนด",
            "verification": "partly_verified",
            "sources": [
                {
                    "id": "R2",
                    "instrument": "ระเบียบกระทรวงมหาดไทยว่าด้วยการเบิกค่าใช้จ่ายในการจัดงาน "
                    "การจัดกิจกรรมสาธารณะ การส่งเสริมกีฬา และการแข่งขันกีฬา"
                    "ขององค์กรปกครองส่วนท้องถิ่น พ.ศ. 2564",
                    "clause": "(เลขข้อยังไม่ยืนยัน)",
                    "url": "https://ratchakitcha.soc.go.th",
                    "verification": "partly_verified",
                }
            ],
            "answer": None,
            "details": {
                "lines": "อาหารกลางวันผู้ปฏิบัติงาน (ค่าอาหารและเครื่องดื่มผู้ปฏิบัติงาน)",
                "cap": "150",
                "value": "200",
            },
        },
        {
            "check_id": "P-27",
            "topic": "plan",
            "applicable": True,
            "result": "pass",
            "severity": "major",
            "question": "วันที่ผู้บริหารท้องถิ่นประกาศแผนการดำเนินงานที่มีโครงการนี้",
            "message": "",
            "recommendation": "",
            "verification": "partly_verified",
            "sources": [_R3],
            "answer": "2024-10-20",
            "details": {"days": 25, "max_days": 30, "from": "2024-09-25", "to": "2024-10-20"},
        },
    ],
}

# The framework in force, one of each list shown.
FRAMEWORK_EXAMPLE: dict[str, Any] = {
    "version": "2568.1",
    "title": "เกณฑ์ประเมินตนเองด้านวินัยการเงินการคลังของ อปท. (ฉบับที่ 1 ปีงบประมาณ 2568)",
    "valid_from": "2024-10-01",
    "levels": {"pass_score": "80", "improve_score": "60"},
    "weights": {"stop": 3, "major": 2, "minor": 1},
    "parameters": [
        {
            "id": "food_per_person_day",
            "label": "เพดานค่าอาหารต่อคนต่อวัน",
            "value": "150",
            "unit": "baht",
            "verification": "partly_verified",
        }
    ],
    "cost_categories": [
        {
            "id": "venue_decoration",
            "label": "ค่าตกแต่งสถานที่",
            "kinds": ["festival", "sports"],
            "prohibited": False,
            "capital": False,
            "food": False,
        }
    ],
    "checks": [
        {
            "id": "P-27",
            "kinds": ["subsidy", "festival", "sports"],
            "topic": "plan",
            "question": "วันที่ผู้บริหารท้องถิ่นประกาศแผนการดำเนินงานที่มีโครงการนี้",
            "help": "ต้องจัดทำแผนการดำเนินงานให้แล้วเสร็จภายใน 30 วันนับแต่วันประกาศใช้"
            "งบประมาณรายจ่าย (ระบบคำนวณจากวันประกาศงบประมาณในข้อมูลโครงการ)",
            "answer_type": "date",
            "choices": [],
            "allow_na": False,
            "severity": "major",
            "verification": "partly_verified",
            "sources": [_R3],
            "applies_when": {"lao_types": None, "facts": {}, "answers": {}},
            "rule": {
                "type": "days_between",
                "from": "fact:budget_announced_on",
                "to": "self",
                "max_days": 30,
            },
            "fail_message": "ประกาศแผนการดำเนินงานหลังประกาศงบประมาณ %(days)s วัน "
            "เกินกำหนด %(max_days)s วัน",
            "recommendation": "จัดทำและประกาศแผนการดำเนินงานภายใน 30 วันหลังประกาศงบประมาณ "
            "และบันทึกเหตุผลของความล่าช้า",
            "in_force_from": None,
            "in_force_to": None,
        }
    ],
}
