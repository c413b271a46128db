"""Buddhist Era dates: the one place that renders and parses them.

The database stores Gregorian dates and UTC datetimes. People see and type BE years
("15 มี.ค. 2567"); Django's own Thai formats use Gregorian years, so we do not rely on them.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

BE_OFFSET = 543
BANGKOK = zoneinfo.ZoneInfo("Asia/Bangkok")

MONTHS_SHORT_TH = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)  # fmt: skip
MONTHS_LONG_TH = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)  # fmt: skip
MONTHS_SHORT_EN = (
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
)  # fmt: skip
MONTHS_LONG_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


class ThaiDateError(ValueError):
    """The text is not a date we can read; `message` is translatable for the person who typed it."""

    def __init__(self, message: str | Promise) -> None:
        super().__init__(str(message))
        self.message = message


def be_year(year_ce: int) -> int:
    return year_ce + BE_OFFSET


def ce_year(year_be: int) -> int:
    return year_be - BE_OFFSET


def _is_thai() -> bool:
    return (get_language() or "th").startswith("th")


def format_date(value: dt.date | None, *, style: str = "short", thai: bool | None = None) -> str:
    """15 มี.ค. 2567 (short) / 15 มีนาคม 2567 (long); in English 15 Mar 2024 (BE 2567).

    English readers still see the BE year because Thai documents they compare against use it.
    """
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = to_bangkok(value).date()
    thai = _is_thai() if thai is None else thai
    if thai:
        months = MONTHS_LONG_TH if style == "long" else MONTHS_SHORT_TH
        return f"{value.day} {months[value.month - 1]} {be_year(value.year)}"
    months = MONTHS_LONG_EN if style == "long" else MONTHS_SHORT_EN
    return f"{value.day} {months[value.month - 1]} {value.year} (BE {be_year(value.year)})"


def to_bangkok(value: dt.datetime) -> dt.datetime:
    if timezone.is_naive(value):
        value = timezone.make_aware(value, dt.UTC)
    return value.astimezone(BANGKOK)


def format_datetime(value: dt.datetime | None, *, thai: bool | None = None) -> str:
    """15 มี.ค. 2567 14:05 น. in Asia/Bangkok time."""
    if value is None:
        return ""
    local = to_bangkok(value)
    thai = _is_thai() if thai is None else thai
    suffix = " น." if thai else ""
    return f"{format_date(local.date(), thai=thai)} {local:%H:%M}{suffix}"


def format_input(value: dt.date | None) -> str:
    """The form-input form: 15/03/2567."""
    if value is None:
        return ""
    return f"{value.day:02d}/{value.month:02d}/{be_year(value.year)}"


_MONTH_LOOKUP: dict[str, int] = {}
for _i, _names in enumerate(
    zip(MONTHS_SHORT_TH, MONTHS_LONG_TH, MONTHS_SHORT_EN, MONTHS_LONG_EN, strict=True)
):
    for _name in _names:
        _MONTH_LOOKUP[_name.lower()] = _i + 1
        _MONTH_LOOKUP[_name.lower().replace(".", "")] = _i + 1

_NUMERIC = re.compile(r"^(\d{1,2})[/\-. ](\d{1,2})[/\-. ](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_WORDS = re.compile(r"^(\d{1,2})\s*([^\d\s]+)\s*(\d{4})$")


def parse_date(text: str) -> dt.date:
    """Read a date typed by a person.

    Accepted: 15/03/2567, 15-3-2567, 15 มี.ค. 2567, 15 มีนาคม พ.ศ. 2567, Thai digits (๑๕/๐๓/๒๕๖๗),
    and ISO 2024-03-15 (Gregorian, as machines send it). A four-digit year of 2400 or more is BE;
    below that it is CE. Impossible dates (30 ก.พ.) raise ThaiDateError.
    """
    raw = (text or "").strip().translate(THAI_DIGITS)
    raw = re.sub(r"(พ\.ศ\.|ค\.ศ\.|พศ|BE|AD)\s*(?=\d{4}$)", "", raw, flags=re.IGNORECASE)
    raw = re.sub(r"\s+", " ", raw).strip()
    if not raw:
        raise ThaiDateError(_("กรุณากรอกวันที่"))
    if m := _ISO.match(raw):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    elif m := _NUMERIC.match(raw):
        day, month, year = int(m[1]), int(m[2]), int(m[3])
    elif m := _WORDS.match(raw):
        day, year = int(m[1]), int(m[3])
        month_name = m[2].strip().lower()
        month = _MONTH_LOOKUP.get(month_name) or _MONTH_LOOKUP.get(month_name.replace(".", ""), 0)
        if not month:
            raise ThaiDateError(_("ไม่รู้จักชื่อเดือนนี้"))
    else:
        raise ThaiDateError(_("อ่านวันที่ไม่ได้ กรุณากรอกแบบ 15/03/2567"))
    if year >= 2400:
        year = ce_year(year)
    if not 1800 <= year <= 2300:
        raise ThaiDateError(_("ปีไม่ถูกต้อง"))
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ThaiDateError(_("ไม่มีวันที่นี้ในปฏิทิน (เช่น 30 ก.พ.)")) from None
