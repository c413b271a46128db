"""What the loader tells a publisher, by code: stored as a code and parameters and rendered in the
reader's language when shown, so a failure recorded in Thai reads in English for English readers.
"""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

TYPE_LABELS: dict[str, Promise] = {
    "int8": _("จำนวนเต็ม"),
    "numeric": _("ตัวเลข"),
    "date": _("วันที่"),
    "timestamp": _("วันที่และเวลา"),
    "text": _("ข้อความ"),
    "bool": _("จริง/เท็จ"),
    "int": _("จำนวนเต็ม"),
}

MESSAGES: dict[str, Promise] = {
    # Why a load failed.
    "file_missing": _(
        "ทรัพยากรนี้ไม่มีไฟล์ที่อัปโหลดไว้ในระบบ จึงนำเข้าตารางข้อมูลไม่ได้ กรุณาอัปโหลดไฟล์ CSV หรือ Excel (XLSX) ก่อน"
    ),
    "unsupported_format": _(
        "ระบบนำเข้าตารางข้อมูลได้เฉพาะไฟล์ CSV และ Excel (XLSX) แต่ไฟล์นี้เป็น %(format)s"
    ),
    "encoding": _(
        "อ่านตัวอักษรในไฟล์ไม่ได้ ระบบรองรับไฟล์ที่บันทึกแบบ UTF-8 หรือ TIS-620 (Windows-874) "
        "กรุณาบันทึกไฟล์ใหม่เป็น “CSV UTF-8” แล้วอัปโหลดอีกครั้ง"
    ),
    "empty_file": _("ไฟล์ไม่มีข้อมูล: ไม่พบแถวหัวตาราง (ชื่อคอลัมน์) ในไฟล์"),
    "too_many_columns": _(
        "ไฟล์มี %(count)s คอลัมน์ เกินกว่าที่ระบบรับได้ (%(max)s คอลัมน์) กรุณาแบ่งข้อมูลเป็นหลายไฟล์"
    ),
    "bad_xlsx": _(
        "เปิดไฟล์ Excel ไม่ได้ ไฟล์อาจเสียหรือไม่ใช่ไฟล์ XLSX "
        "(ไฟล์ .xls รุ่นเก่าให้เปิดใน Excel แล้วบันทึกเป็น .xlsx ก่อน)"
    ),
    "bad_csv": _(
        "โครงสร้างไฟล์ CSV ผิดรูปแบบที่แถวที่ %(row)s ของไฟล์ "
        "(เช่น เครื่องหมายคำพูดเปิดแล้วไม่ปิด) กรุณาตรวจสอบไฟล์แล้วอัปโหลดใหม่"
    ),
    "type_override_mismatch": _(
        "แถวที่ %(row)s ของไฟล์ คอลัมน์ “%(column)s” มีค่า “%(value)s” ซึ่งไม่ใช่%(type)s "
        "ตามที่กำหนดไว้ในพจนานุกรมข้อมูล กรุณาแก้ค่าในไฟล์ หรือเปลี่ยนชนิดข้อมูลที่กำหนดไว้"
    ),
    "internal": _(
        "เกิดข้อผิดพลาดในระบบระหว่างนำเข้า ข้อมูลเดิม (ถ้ามี) ยังใช้งานได้ตามปกติ "
        "กรุณาลองนำเข้าใหม่อีกครั้ง หากยังไม่สำเร็จโปรดแจ้งผู้ดูแลระบบ"
    ),
    # Notes about a load that succeeded.
    "encoding_cp874": _("ไฟล์บันทึกแบบ TIS-620 (Windows-874) ระบบแปลงตัวอักษรให้แล้ว"),
    "rows_padded": _(
        "มี %(count)s แถวที่มีค่าน้อยกว่าจำนวนคอลัมน์ (เริ่มที่แถวที่ %(first)s ของไฟล์) ระบบเติมช่องที่ขาดเป็นค่าว่าง"
    ),
    "rows_truncated": _(
        "มี %(count)s แถวที่มีค่ามากกว่าจำนวนคอลัมน์ (เริ่มที่แถวที่ %(first)s ของไฟล์) ระบบตัดค่าที่เกินมาทิ้ง"
    ),
    "empty_lines": _("ข้ามแถวว่าง %(count)s แถว"),
    "columns_renamed": _("ปรับชื่อคอลัมน์ให้ใช้ใน API ได้: %(names)s"),
    "column_widened": _(
        "คอลัมน์ “%(column)s” มีค่าที่ไม่ใช่ตัวเลขหรือวันที่ปนอยู่ (เช่น แถวที่ %(row)s: “%(value)s”) "
        "จึงเก็บทั้งคอลัมน์เป็นข้อความ"
    ),
}


def _display(key: str, value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    if key == "type" and value in TYPE_LABELS:
        return str(TYPE_LABELS[value])
    return value


def render_message(code: str, params: dict[str, Any] | None = None) -> str:
    template = MESSAGES.get(code, MESSAGES["internal"])
    values = {k: _display(k, v) for k, v in (params or {}).items()}
    try:
        return str(template) % values if values else str(template)
    except (KeyError, TypeError, ValueError):
        return str(template)
