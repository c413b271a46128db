"""Template filters for Thai display: {{ d|thai_date }}, {{ t|thai_datetime }}, {{ x|baht }}."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import template

from thongthin.core import thai_dates
from thongthin.core.fiscal_year import FiscalYear
from thongthin.core.money import format_baht

register = template.Library()


@register.filter
def thai_date(value: dt.date | None, style: str = "short") -> str:
    return thai_dates.format_date(value, style=style)


@register.filter
def thai_datetime(value: dt.datetime | None) -> str:
    return thai_dates.format_datetime(value)


@register.filter
def be_date_input(value: dt.date | None) -> str:
    return thai_dates.format_input(value)


@register.filter
def baht(value: Decimal | int | float | None) -> str:
    return format_baht(value)


@register.filter
def fiscal_year(value: dt.date | None) -> str:
    return str(FiscalYear.for_date(value)) if value else ""


@register.filter
def number(value: int | float | None) -> str:
    return f"{value:,}" if value is not None else ""


@register.filter
def get_item(mapping: dict | None, key: object) -> object:
    return mapping.get(key) if mapping else None
