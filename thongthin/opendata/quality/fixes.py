"""What to fix, in plain words, in the reader's language. Stored scores keep a message code and
its parameters; the words are chosen here when the page is shown."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from thongthin.core.thai_dates import format_date

from ..metadata import BY_NAME

CHECK_LABELS: dict[str, Promise] = {
    "openness": _("ความเปิดของรูปแบบไฟล์"),
    "completeness": _("ความครบถ้วนของคำอธิบายข้อมูล"),
    "freshness": _("ความเป็นปัจจุบัน"),
    "downloadable": _("ดาวน์โหลดได้"),
}

MESSAGES: dict[str, Promise] = {
    "no_resources": _("ยังไม่มีไฟล์หรือลิงก์ข้อมูลเลย เพิ่มไฟล์ข้อมูลอย่างน้อยหนึ่งรายการ (แนะนำ CSV หรือ JSON)"),
    "openness_low": _(
        "ข้อมูลอยู่ในรูปแบบที่โปรแกรมนำไปใช้ต่อได้ยาก (%(formats)s ได้ %(stars)s ดาว)"
        " เพิ่มไฟล์ CSV หรือ JSON ของข้อมูลชุดเดียวกันเพื่อให้ได้อย่างน้อย 3 ดาว"
    ),
    "missing_fields": _("กรอกคำอธิบายข้อมูลที่ยังขาด: %(fields)s"),
    "frequency_unknown": _(
        "ระบุความถี่ในการปรับปรุงข้อมูลให้ชัดเจน (เช่น ทุกปี หรือทุกเดือน) เพื่อให้ผู้ใช้รู้ว่าข้อมูลยังเป็นปัจจุบันหรือไม่"
    ),
    "freshness_due": _(
        "ถึงรอบปรับปรุงข้อมูลแล้ว: ปรับปรุงล่าสุดเมื่อ %(date)s (%(days)s วันก่อน)"
        " ขณะที่แจ้งไว้ว่าปรับปรุงทุก %(period)s วัน กรุณาปรับปรุงข้อมูลและวันที่ปรับปรุงล่าสุด"
    ),
    "freshness_overdue": _(
        "เลยรอบปรับปรุงข้อมูลแล้ว: ปรับปรุงล่าสุดเมื่อ %(date)s (%(days)s วันก่อน)"
        " ขณะที่แจ้งไว้ว่าปรับปรุงทุก %(period)s วัน กรุณาปรับปรุงข้อมูลโดยเร็ว"
    ),
    "freshness_delinquent": _(
        "ข้อมูลไม่ได้ปรับปรุงนานเกินกำหนดมาก: ปรับปรุงล่าสุดเมื่อ %(date)s (%(days)s วันก่อน)"
        " ขณะที่แจ้งไว้ว่าปรับปรุงทุก %(period)s วัน ปรับปรุงข้อมูล หรือแก้ความถี่ให้ตรงกับความจริง"
    ),
    "not_downloadable": _("ยังไม่มีข้อมูลที่ดาวน์โหลดได้ อัปโหลดไฟล์ หรือใส่ลิงก์ที่ขึ้นต้นด้วย http:// หรือ https://"),
}

CORE_LABELS: dict[str, Promise] = {
    "title": _("ชื่อชุดข้อมูล"),
    "notes": _("รายละเอียด"),
    "maintainer": _("ผู้ติดต่อ"),
    "maintainer_email": _("อีเมลผู้ติดต่อ"),
    "license_id": _("สัญญาอนุญาต"),
    "tags": _("คำสำคัญ"),
}


def field_label(name: str) -> str:
    if name in CORE_LABELS:
        return str(CORE_LABELS[name])
    field = BY_NAME.get(name)
    if field is None:
        return name
    thai = (get_language() or "th").startswith("th")
    return field.label_th if thai else field.label_en


def render_fix(code: str, params: dict[str, Any] | None = None) -> str:
    """The fix message for a code, in the current language; unknown codes give ""."""
    template = MESSAGES.get(code)
    if template is None:
        return ""
    values: dict[str, Any] = dict(params or {})
    if "fields" in values:
        values["fields"] = ", ".join(field_label(n) for n in values["fields"])
    if "date" in values:
        try:
            values["date"] = format_date(dt.date.fromisoformat(str(values["date"])))
        except ValueError:
            values["date"] = ""
    for key in ("days", "period", "stars"):
        if key in values:
            values[key] = f"{int(values[key]):,}"
    return str(template) % values
