"""Validation of CKAN package and resource dicts as they arrive through the API or the forms.
Errors are collected per field, CKAN-style ({field: [messages]}), so a client learns everything
that is wrong at once; nothing is saved unless everything is valid."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext as _

from thongthin.core.text import INVISIBLE

from ..slugs import NAME_PATTERN, RESERVED

TRUE_WORDS = {"true", "1", "yes", "on", "t", "y"}
FALSE_WORDS = {"false", "0", "no", "off", "f", "n", ""}


def as_bool(value: Any, *, default: bool = False) -> bool:
    """CKAN's asbool: true/false/1/0/yes/no/on/off; anything else is an error for the caller."""
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise ValueError(_("ต้องเป็น true หรือ false"))


def as_int(value: Any, *, minimum: int = 0) -> int:
    if isinstance(value, bool):
        raise ValueError(_("ต้องเป็นจำนวนเต็ม"))
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        raise ValueError(_("ต้องเป็นจำนวนเต็ม")) from None
    if number < minimum:
        raise ValueError(_("ต้องไม่น้อยกว่า %(min)s") % {"min": minimum})
    return number


def clean_text(value: Any, *, max_length: int, field: str, errors: dict[str, list[str]]) -> str:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        errors[field] = [_("ต้องเป็นข้อความ")]
        return ""
    text = INVISIBLE.sub("", str(value)).replace("\x00", "").strip()
    if len(text) > max_length:
        errors[field] = [_("ยาวเกิน %(max)s ตัวอักษร") % {"max": max_length}]
    return text[:max_length]


def clean_name(value: Any, errors: dict[str, list[str]], *, field: str = "name") -> str:
    name = str(value or "").strip()
    if not NAME_PATTERN.match(name):
        errors[field] = [_("ต้องเป็นอักษรอังกฤษตัวเล็ก ตัวเลข ขีด (-) หรือขีดล่าง (_) ยาว 2–100 ตัว")]
    elif name in RESERVED:
        errors[field] = [_("ใช้ชื่อนี้ไม่ได้")]
    return name


def clean_email(value: Any, field: str, errors: dict[str, list[str]]) -> str:
    text = clean_text(value, max_length=300, field=field, errors=errors)
    if text:
        try:
            EmailValidator()(text)
        except DjangoValidationError:
            errors[field] = [_("รูปแบบอีเมลไม่ถูกต้อง")]
    return text


def clean_url(
    value: Any, field: str, errors: dict[str, list[str]], *, max_length: int = 1000
) -> str:
    text = clean_text(value, max_length=max_length, field=field, errors=errors)
    if text:
        try:
            URLValidator(schemes=["http", "https", "ftp"])(text)
        except DjangoValidationError:
            errors[field] = [_("ที่อยู่เว็บไม่ถูกต้อง (ต้องขึ้นต้นด้วย http:// หรือ https://)")]
    return text


def clean_tag_name(value: Any) -> str:
    """A tag in any script: letters with their vowel and tone marks (สถิติ, ข้อมูล), digits,
    spaces, - _ . ; 1–100 characters. CKAN's own rule rejects Thai marks; this one does not."""
    if not isinstance(value, str):
        raise ValueError(_("คำสำคัญต้องเป็นข้อความ"))
    name = " ".join(INVISIBLE.sub("", unicodedata.normalize("NFC", value)).split())
    if not name:
        raise ValueError(_("คำสำคัญต้องไม่ว่าง"))
    if len(name) > 100:
        raise ValueError(_("คำสำคัญยาวเกิน 100 ตัวอักษร"))
    for char in name:
        category = unicodedata.category(char)
        if not (category[0] in "LMN" or char in " -_."):
            raise ValueError(
                _('คำสำคัญ "%(tag)s" มีอักขระที่ใช้ไม่ได้: ใช้ได้เฉพาะตัวอักษร ตัวเลข ช่องว่าง - _ .')
                % {"tag": name[:50]}
            )
    return name


def parse_tags(data: dict[str, Any], errors: dict[str, list[str]]) -> list[str] | None:
    """Tags from `tags` (list of {"name"} or of strings) or `tag_string` (comma-separated).
    None when neither is given."""
    raw: list[Any] | None = None
    if "tags" in data and data["tags"] is not None:
        tags = data["tags"]
        if isinstance(tags, str):
            try:
                tags = json.loads(tags)
            except ValueError:
                tags = [t for t in tags.split(",")]
        if not isinstance(tags, list):
            errors["tags"] = [_("ต้องเป็นรายการคำสำคัญ")]
            return []
        raw = [t.get("name") if isinstance(t, dict) else t for t in tags]
    elif data.get("tag_string") is not None:
        raw = [t for t in str(data["tag_string"]).split(",") if t.strip()]
    if raw is None:
        return None
    names: list[str] = []
    messages: list[str] = []
    for item in raw:
        try:
            name = clean_tag_name(item)
        except ValueError as exc:
            messages.append(str(exc))
            continue
        if name not in names:
            names.append(name)
    if messages:
        errors["tags"] = messages
    return names


def parse_name_list(value: Any, field: str, errors: dict[str, list[str]]) -> list[str] | None:
    """Groups given as [{"name": ...}] / [{"id": ...}] / ["name", ...]."""
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            value = [v.strip() for v in value.split(",") if v.strip()]
    if not isinstance(value, list):
        errors[field] = [_("ต้องเป็นรายการ")]
        return []
    keys: list[str] = []
    for item in value:
        key = item.get("id") or item.get("name") if isinstance(item, dict) else item
        if not isinstance(key, str) or not key.strip():
            errors[field] = [_("รายการไม่ถูกต้อง")]
            return []
        keys.append(key.strip())
    return keys


def parse_extras(
    value: Any, reserved: set[str], errors: dict[str, list[str]]
) -> list[dict[str, str]] | None:
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            errors["extras"] = [_('ต้องเป็นรายการ {"key", "value"}')]
            return []
    if not isinstance(value, list):
        errors["extras"] = [_('ต้องเป็นรายการ {"key", "value"}')]
        return []
    extras: list[dict[str, str]] = []
    seen: set[str] = set()
    for item in value:
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("key"), str)
            or not item["key"].strip()
        ):
            errors["extras"] = [_('ต้องเป็นรายการ {"key", "value"}')]
            return []
        key = item["key"].strip()[:200]
        if key in reserved:
            errors["extras"] = [_('ใช้ชื่อ "%(key)s" ใน extras ไม่ได้ (เป็นช่องหลักอยู่แล้ว)') % {"key": key}]
            return []
        if key in seen:
            errors["extras"] = [_('ชื่อ "%(key)s" ซ้ำ') % {"key": key}]
            return []
        seen.add(key)
        raw = item.get("value")
        text = raw if isinstance(raw, str) else json.dumps(raw, ensure_ascii=False)
        extras.append({"key": key, "value": text[:10000]})
    return extras


def parse_datetime(value: Any) -> dt.datetime | None:
    """An ISO 8601 timestamp as CKAN writes it (no zone means UTC)."""
    if value in (None, ""):
        return None
    try:
        parsed = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(_("วันเวลาต้องอยู่ในรูป ISO 8601 เช่น 2024-03-15T10:00:00")) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed
