"""Why each dataset got its award, in plain words with its numbers, in the reader's language.
The numbers are the entry's `facts`, stored when the list was computed."""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ..quality.models import Freshness
from .models import AwardCategory, AwardEntry

DOWNLOADED = _(
    "ดาวน์โหลด %(downloads)s ครั้งในปี พ.ศ. %(year)s มากเป็นอันดับ %(rank)s"
    " จากชุดข้อมูลสาธารณะ %(total)s ชุดที่มีผู้ดาวน์โหลดในปีนั้น"
)
FULFILLED_ONE = _(
    "เผยแพร่ตามคำขอของประชาชน “%(request)s” ซึ่งมีผู้โหวตว่าต้องการ %(votes)s คน และปิดคำขอในปี พ.ศ. %(year)s"
)
FULFILLED_MANY = _(
    "เผยแพร่ตามคำขอของประชาชน %(requests)s คำขอ รวม %(votes)s โหวต ในปี พ.ศ. %(year)s"
    " คำขอที่มีผู้โหวตมากที่สุดคือ “%(request)s” (%(top_votes)s โหวต)"
)
VALUABLE_HIGH = _(
    "หน่วยงานระบุว่าเป็นชุดข้อมูลที่มีคุณค่าสูง และได้คะแนนคุณภาพ %(score)s จาก 100"
    " (รูปแบบเปิด %(stars)s ดาว คำอธิบายข้อมูลครบ %(completeness)s%% %(freshness)s)"
    " ดาวน์โหลด %(downloads)s ครั้งในปี พ.ศ. %(year)s"
)
VALUABLE = _(
    "ได้คะแนนคุณภาพ %(score)s จาก 100 (รูปแบบเปิด %(stars)s ดาว คำอธิบายข้อมูลครบ"
    " %(completeness)s%% %(freshness)s) ดาวน์โหลด %(downloads)s ครั้งในปี พ.ศ. %(year)s"
)


def _n(value: Any) -> str:
    try:
        return f"{int(value):,}"
    except (TypeError, ValueError):
        return "0"


def _freshness_label(value: Any) -> str:
    try:
        return str(Freshness(value).label)
    except ValueError:
        return ""


def explain(entry: AwardEntry) -> str:
    facts = entry.facts or {}
    year = str(facts.get("year_be", entry.award_list.year_be if entry.award_list_id else ""))
    template: Promise
    if entry.category == AwardCategory.MOST_DOWNLOADED:
        template = DOWNLOADED
        values = {"downloads": _n(facts.get("downloads")), "rank": _n(entry.rank),
                  "total": _n(facts.get("datasets_downloaded"))}  # fmt: skip
    elif entry.category == AwardCategory.DEMAND_FULFILLED:
        many = int(facts.get("requests", 1) or 1) > 1
        template = FULFILLED_MANY if many else FULFILLED_ONE
        values = {"requests": _n(facts.get("requests")), "votes": _n(facts.get("votes")),
                  "request": str(facts.get("top_request", "")),
                  "top_votes": _n(facts.get("top_request_votes"))}  # fmt: skip
    elif entry.category == AwardCategory.MOST_VALUABLE:
        template = VALUABLE_HIGH if facts.get("high_value") else VALUABLE
        values = {"score": _n(facts.get("score")), "stars": _n(facts.get("stars")),
                  "completeness": _n(facts.get("completeness")),
                  "freshness": _freshness_label(facts.get("freshness")),
                  "downloads": _n(facts.get("downloads"))}  # fmt: skip
    else:
        return ""
    return str(template) % {"year": year, **values}
