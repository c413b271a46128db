"""Baht amounts: Decimal in, Thai-formatted text out (1,234,567.50 บาท)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

SATANG = Decimal("0.01")


def to_baht(value: object) -> Decimal:
    """Parse an amount typed by a person ("1,234.5", "๑,๐๐๐") into Decimal with two places."""
    from .thai_dates import THAI_DIGITS

    text = str(value).strip().translate(THAI_DIGITS).replace(",", "").replace("บาท", "").strip()
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"not an amount: {value!r}") from None
    if not amount.is_finite():
        raise ValueError(f"not an amount: {value!r}")
    return amount.quantize(SATANG, rounding=ROUND_HALF_UP)


def format_baht(value: Decimal | int | float | None, *, unit: bool = True) -> str:
    if value is None:
        return ""
    amount = Decimal(str(value)).quantize(SATANG, rounding=ROUND_HALF_UP)
    text = f"{amount:,.2f}"
    return _("%(amount)s บาท") % {"amount": text} if unit else text
