"""Reading action parameters as CKAN's validators do: numbers and booleans arrive as strings over
GET; a bad value is a Validation Error naming the field."""

from __future__ import annotations

import json
from typing import Any

from django.utils.translation import gettext as _

from ..services.validation import as_bool
from .errors import ValidationError


def int_param(
    data: dict[str, Any], key: str, default: int | None, *, minimum: int | None = 0
) -> int | None:
    value = data.get(key)
    if value in (None, ""):
        return default
    if isinstance(value, list):
        value = value[-1]
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ValidationError({key: [_("ต้องเป็นจำนวนเต็ม")]}) from None
    if minimum is not None and number < minimum:
        raise ValidationError({key: [_("ต้องเป็นจำนวนเต็มที่ไม่ติดลบ")]})
    return number


def bool_param(data: dict[str, Any], key: str, default: bool) -> bool:
    value = data.get(key)
    if isinstance(value, list):
        value = value[-1]
    try:
        return as_bool(value, default=default)
    except ValueError:
        raise ValidationError({key: [_("ต้องเป็น true หรือ false")]}) from None


def str_param(data: dict[str, Any], key: str, default: str = "") -> str:
    value = data.get(key)
    if value is None:
        return default
    if isinstance(value, list):
        value = value[-1] if value else default
    if isinstance(value, dict):
        raise ValidationError({key: [_("ต้องเป็นข้อความ")]})
    return str(value)


def list_param(data: dict[str, Any], key: str) -> list[str]:
    """A list given as a JSON string, a comma-separated string, a repeated parameter or a list."""
    value = data.get(key)
    if value in (None, ""):
        return []
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            try:
                value = json.loads(text)
            except ValueError:
                raise ValidationError({key: [_("อ่าน JSON ไม่ได้")]}) from None
        else:
            value = [v.strip() for v in text.split(",") if v.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValidationError({key: [_("ต้องเป็นรายการข้อความ")]})
    return value


def id_param(data: dict[str, Any], *keys: str) -> str:
    for key in keys:
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    raise ValidationError({keys[0]: [_("จำเป็นต้องระบุ")]})
