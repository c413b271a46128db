"""The Thai government fiscal year (ปีงบประมาณ): 1 October to 30 September, named by the BE year
in which it ends. FY 2567 runs from 1 Oct 2023 to 30 Sep 2024."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import total_ordering

from django.utils.translation import gettext as _

from .thai_dates import BE_OFFSET, to_bangkok


@total_ordering
@dataclass(frozen=True, slots=True)
class FiscalYear:
    be_year: int

    def __post_init__(self) -> None:
        if not 2400 <= self.be_year <= 2900:
            raise ValueError(f"fiscal year must be a BE year, got {self.be_year}")

    @classmethod
    def for_date(cls, value: dt.date | dt.datetime) -> FiscalYear:
        if isinstance(value, dt.datetime):
            value = to_bangkok(value).date()
        ce = value.year + 1 if value.month >= 10 else value.year
        return cls(ce + BE_OFFSET)

    @classmethod
    def current(cls) -> FiscalYear:
        from django.utils import timezone

        return cls.for_date(timezone.now())

    @property
    def start(self) -> dt.date:
        return dt.date(self.be_year - BE_OFFSET - 1, 10, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.be_year - BE_OFFSET, 9, 30)

    def __contains__(self, value: dt.date) -> bool:
        return self.start <= value <= self.end

    def next(self) -> FiscalYear:
        return FiscalYear(self.be_year + 1)

    def previous(self) -> FiscalYear:
        return FiscalYear(self.be_year - 1)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, FiscalYear):
            return NotImplemented
        return self.be_year < other.be_year

    def __str__(self) -> str:
        return _("ปีงบประมาณ พ.ศ. %(year)s") % {"year": self.be_year}
