"""Validating what an officer types about a project and its cost lines: every problem is
collected with its field and a Thai message before anything is saved."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext_lazy as _

from thongthin.core.errors import ValidationFailed
from thongthin.core.fiscal_year import FiscalYear
from thongthin.core.text import normalize

from ..framework.schema import FundingSource, RecipientType, SportsMode

FACT_FIELDS = [
    "name", "amount", "funding_source", "plan_years", "plan_page", "plan_sequence",
    "recipient_name", "recipient_type", "event_name", "event_start", "event_end", "sports_mode",
    "participants", "budget_announced_on", "budget_transfer", "transfer_approved_on",
]  # fmt: skip
MAX_AMOUNT = Decimal("1e12")


def _amount(value: Any, field: str, *, required: bool = True) -> Decimal | None:
    if value in (None, ""):
        if required:
            raise ValidationFailed(_("กรุณากรอกจำนวนเงิน"), code="required", field=field)
        return None
    try:
        amount = Decimal(str(value).replace(",", "").strip())
    except (InvalidOperation, ValueError):
        raise ValidationFailed(_("ต้องเป็นตัวเลข"), code="not_a_number", field=field) from None
    if not amount.is_finite() or amount >= MAX_AMOUNT:
        raise ValidationFailed(_("จำนวนเงินไม่ถูกต้อง"), code="not_a_number", field=field)
    if amount < 0:
        raise ValidationFailed(_("จำนวนเงินต้องไม่ติดลบ"), code="negative_amount", field=field)
    return amount.quantize(Decimal("0.01"))


def _count(value: Any, field: str) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ValidationFailed(_("ต้องเป็นจำนวนเต็ม"), code="not_a_number", field=field) from None
    if number < 0 or number > 10_000_000:
        raise ValidationFailed(_("จำนวนต้องไม่ติดลบ"), code="negative_amount", field=field)
    return number


def _text(value: Any, field: str, *, max_length: int, required: bool = False) -> str:
    text = normalize(value)
    if required and not text:
        raise ValidationFailed(_("กรุณากรอกข้อมูลช่องนี้"), code="required", field=field)
    if len(text) > max_length:
        raise ValidationFailed(
            _("ยาวเกิน %(max)s ตัวอักษร"), code="too_long", field=field, params={"max": max_length}
        )
    return text


def _choice(value: Any, choices: Any, field: str, *, required: bool = False) -> str:
    value = (value or "").strip() if isinstance(value, str) else value
    if not value:
        if required:
            raise ValidationFailed(_("กรุณาเลือก"), code="required", field=field)
        return ""
    if value not in choices.values:
        raise ValidationFailed(_("ตัวเลือกไม่ถูกต้อง"), code="invalid_choice", field=field)
    return str(value)


def _date(value: Any, field: str) -> dt.date | None:
    from thongthin.core.thai_dates import ThaiDateError, parse_date

    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return parse_date(str(value)[:40])
    except ThaiDateError as exc:
        raise ValidationFailed(exc.message, code="invalid_date", field=field) from None


def clean_facts(data: dict[str, Any]) -> dict[str, Any]:
    """Validate the project facts; collect every problem before raising."""
    checks = {
        "name": lambda v: _text(v, "name", max_length=300, required=True),
        "amount": lambda v: _amount(v, "amount"),
        "funding_source": lambda v: _choice(v, FundingSource, "funding_source", required=True),
        "plan_years": lambda v: _text(v, "plan_years", max_length=20),
        "plan_page": lambda v: _text(v, "plan_page", max_length=10),
        "plan_sequence": lambda v: _text(v, "plan_sequence", max_length=10),
        "recipient_name": lambda v: _text(v, "recipient_name", max_length=300),
        "recipient_type": lambda v: _choice(v, RecipientType, "recipient_type"),
        "event_name": lambda v: _text(v, "event_name", max_length=300),
        "event_start": lambda v: _date(v, "event_start"),
        "event_end": lambda v: _date(v, "event_end"),
        "sports_mode": lambda v: _choice(v, SportsMode, "sports_mode"),
        "participants": lambda v: _count(v, "participants"),
        "budget_announced_on": lambda v: _date(v, "budget_announced_on"),
        "budget_transfer": lambda v: (
            None if v in (None, "") else v in (True, "true", "yes", "on", "1")
        ),
        "transfer_approved_on": lambda v: _date(v, "transfer_approved_on"),
    }
    clean: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for name, check in checks.items():
        try:
            clean[name] = check(data.get(name))
        except ValidationFailed as exc:
            errors[name] = exc.render()
    if (
        not errors
        and clean["event_start"]
        and clean["event_end"]
        and clean["event_end"] < clean["event_start"]
    ):
        errors["event_end"] = str(_("วันสิ้นสุดงานต้องไม่ก่อนวันเริ่มงาน"))
    if errors:
        raise ValidationFailed(fields=errors)
    return clean


def _fiscal_year(value: Any) -> int:
    try:
        year = int(value)
        FiscalYear(year)
    except (TypeError, ValueError):
        raise ValidationFailed(
            _("ปีงบประมาณต้องเป็นปี พ.ศ. เช่น 2568"), code="invalid_fiscal_year", field="fiscal_year"
        ) from None
    current = FiscalYear.current().be_year
    if not current - 5 <= year <= current + 2:
        raise ValidationFailed(
            _("ปีงบประมาณต้องอยู่ระหว่าง %(low)s ถึง %(high)s"),
            code="invalid_fiscal_year",
            field="fiscal_year",
            params={"low": current - 5, "high": current + 2},
        )
    return year


def clean_cost_line(framework: Any, kind: str, data: dict[str, Any]) -> dict[str, Any]:
    fw = framework.parsed()
    errors: dict[str, str] = {}
    clean: dict[str, Any] = {}
    category = str(data.get("category") or "")
    if category not in fw.categories:
        errors["category"] = str(_("กรุณาเลือกประเภทค่าใช้จ่าย"))
    clean["category"] = category
    for name, fn in {
        "description": lambda v: _text(v, "description", max_length=300),
        "quantity": lambda v: _amount(v if v not in (None, "") else "1", "quantity"),
        "unit_cost": lambda v: _amount(v, "unit_cost"),
        "persons": lambda v: _count(v, "persons"),
        "days": lambda v: _count(v, "days"),
    }.items():
        try:
            clean[name] = fn(data.get(name))
        except ValidationFailed as exc:
            errors[name] = exc.render()
    if errors:
        raise ValidationFailed(fields=errors)
    return clean
