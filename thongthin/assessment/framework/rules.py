"""The computations a check may ask for. Which rule and its numbers are data (the framework file);
what a rule computes is code, each rule small and tested.

A reference in rule parameters is "self" (this check's answer), "answer:<check id>",
"fact:<project fact>" or "param:<framework parameter>".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Protocol

from .schema import FACT_NAMES, Check, Framework

if TYPE_CHECKING:
    from .evaluate import Context

PASS, FAIL, NA, UNANSWERED = "pass", "fail", "na", "unanswered"


@dataclass(frozen=True)
class Outcome:
    result: str
    params: dict[str, Any] = field(default_factory=dict)


class RuleType(Protocol):
    def validate(self, check: Check, fw: Framework) -> list[str]: ...

    def evaluate(self, check: Check, ctx: Context) -> Outcome: ...


def _ref_problems(value: Any, check: Check, fw: Framework, name: str) -> list[str]:
    if not isinstance(value, str):
        return []
    if value == "self":
        return (
            []
            if check.answer_type != "computed"
            else [f"{name}: a computed check has no own answer"]
        )
    kind, _, ident = value.partition(":")
    if kind == "fact" and ident in FACT_NAMES:
        return []
    if kind == "answer" and fw.check(ident) is not None:
        return []
    if kind == "param" and ident in fw.parameters:
        return []
    return [f"{name}: unknown reference {value!r}"]


def _categories_problems(ids: Any, fw: Framework, name: str) -> list[str]:
    if not isinstance(ids, list):
        return [f"{name}: a list of cost category ids"]
    return [f"{name}: unknown cost category {c!r}" for c in ids if c not in fw.categories]


class DaysBetween:
    """`to` is no more than `max_days` days after `from` (the operating plan within 30 days of the
    budget announcement; a transfer reported within 15 days)."""

    def validate(self, check: Check, fw: Framework) -> list[str]:
        problems = _ref_problems(check.rule.params.get("from"), check, fw, "from")  # type: ignore[union-attr]
        problems += _ref_problems(check.rule.params.get("to"), check, fw, "to")  # type: ignore[union-attr]
        max_days = check.rule.params.get("max_days")  # type: ignore[union-attr]
        if isinstance(max_days, str):
            problems += _ref_problems(max_days, check, fw, "max_days")
            ident = max_days.partition(":")[2]
            if not problems and fw.parameters[ident].value != int(fw.parameters[ident].value):
                problems.append(f"max_days: parameter {ident!r} is not a whole number of days")
        elif not isinstance(max_days, int):
            problems.append("max_days: a whole number of days or param:<id>")
        return problems

    def evaluate(self, check: Check, ctx: Context) -> Outcome:
        params = check.rule.params  # type: ignore[union-attr]
        start, end = ctx.resolve(params["from"], check), ctx.resolve(params["to"], check)
        if not isinstance(start, dt.date) or not isinstance(end, dt.date):
            return Outcome(UNANSWERED)
        days = (end - start).days
        limit = int(ctx.resolve(params["max_days"], check))
        values = {"days": days, "max_days": limit, "from": start, "to": end}
        return Outcome(PASS if days <= limit else FAIL, values)


class AmountAtLeast:
    """`value` is at least `min` (the appropriation covers the project amount)."""

    def validate(self, check: Check, fw: Framework) -> list[str]:
        p = check.rule.params  # type: ignore[union-attr]
        return _ref_problems(p.get("value"), check, fw, "value") + _ref_problems(
            p.get("min"), check, fw, "min"
        )

    def evaluate(self, check: Check, ctx: Context) -> Outcome:
        p = check.rule.params  # type: ignore[union-attr]
        value, minimum = ctx.resolve(p["value"], check), ctx.resolve(p["min"], check)
        if not isinstance(value, Decimal) or not isinstance(minimum, Decimal):
            return Outcome(UNANSWERED)
        return Outcome(PASS if value >= minimum else FAIL, {"value": value, "min": minimum})


class AmountAtMost:
    """`value` is at most `max` (a number against a cap)."""

    def validate(self, check: Check, fw: Framework) -> list[str]:
        p = check.rule.params  # type: ignore[union-attr]
        return _ref_problems(p.get("value"), check, fw, "value") + _ref_problems(
            p.get("max"), check, fw, "max"
        )

    def evaluate(self, check: Check, ctx: Context) -> Outcome:
        p = check.rule.params  # type: ignore[union-attr]
        value, maximum = ctx.resolve(p["value"], check), ctx.resolve(p["max"], check)
        if not isinstance(value, Decimal) or not isinstance(maximum, Decimal):
            return Outcome(UNANSWERED)
        return Outcome(PASS if value <= maximum else FAIL, {"value": value, "max": maximum})


class NoProhibitedCostLines:
    """No cost line of a category that no regulation allows (souvenirs, banquets for general
    attendees, offerings bought for temples...). With `categories` absent, every category marked
    `prohibited` in the framework counts."""

    def validate(self, check: Check, fw: Framework) -> list[str]:
        ids = check.rule.params.get("categories")  # type: ignore[union-attr]
        return [] if ids is None else _categories_problems(ids, fw, "categories")

    def evaluate(self, check: Check, ctx: Context) -> Outcome:
        if not ctx.cost_lines:
            return Outcome(UNANSWERED)
        ids = check.rule.params.get("categories")  # type: ignore[union-attr]
        banned = (
            set(ids)
            if ids is not None
            else {c.id for c in ctx.framework.categories.values() if c.prohibited}
        )
        bad = [line for line in ctx.cost_lines if line.category in banned]
        if not bad:
            return Outcome(PASS)
        return Outcome(
            FAIL, {"lines": ctx.describe(bad), "amount": sum(line.amount for line in bad)}
        )


class CostLinesAllowedForKind:
    """Every cost line is of a category that the framework lists for this kind of project (no
    legal basis, no payment: G1)."""

    def validate(self, check: Check, fw: Framework) -> list[str]:
        return []

    def evaluate(self, check: Check, ctx: Context) -> Outcome:
        if not ctx.cost_lines:
            return Outcome(UNANSWERED)
        bad = []
        for line in ctx.cost_lines:
            category = ctx.framework.categories.get(line.category)
            if category is None or category.prohibited or ctx.kind not in category.kinds:
                bad.append(line)
        if not bad:
            return Outcome(PASS)
        return Outcome(
            FAIL, {"lines": ctx.describe(bad), "amount": sum(line.amount for line in bad)}
        )


class PerPersonDayCap:
    """Food (or another per-head cost) per person per day within a cap parameter."""

    def validate(self, check: Check, fw: Framework) -> list[str]:
        p = check.rule.params  # type: ignore[union-attr]
        problems = _ref_problems(p.get("cap"), check, fw, "cap")
        if p.get("categories") is not None:
            problems += _categories_problems(p["categories"], fw, "categories")
        return problems

    def evaluate(self, check: Check, ctx: Context) -> Outcome:
        if not ctx.cost_lines:
            # Like every rule over cost lines: unanswered until the project has cost lines
            # ("not applicable" is for a project whose lines include no such category).
            return Outcome(UNANSWERED)
        p = check.rule.params  # type: ignore[union-attr]
        ids = p.get("categories")
        wanted = (
            set(ids)
            if ids is not None
            else {c.id for c in ctx.framework.categories.values() if c.food}
        )
        lines = [line for line in ctx.cost_lines if line.category in wanted]
        cap = ctx.resolve(p["cap"], check)
        if not lines:
            return Outcome(NA)
        if not isinstance(cap, Decimal):
            return Outcome(UNANSWERED)
        over = [line for line in lines if line.per_person_day > cap]
        if not over:
            return Outcome(PASS, {"cap": cap})
        worst = max(line.per_person_day for line in over)
        return Outcome(FAIL, {"lines": ctx.describe(over), "cap": cap, "value": worst})


class CapitalOnlyFromAccumulatedFunds:
    """Accumulated funds (เงินสะสม) pay only for durable goods, land and buildings: a project funded
    from them fails when any cost line (or the project itself, with no lines) is not capital."""

    def validate(self, check: Check, fw: Framework) -> list[str]:
        return []

    def evaluate(self, check: Check, ctx: Context) -> Outcome:
        source = ctx.facts.funding_source
        if not source:
            return Outcome(UNANSWERED)
        if source != "accumulated_funds":
            return Outcome(PASS)
        operating = [
            line
            for line in ctx.cost_lines
            if not getattr(ctx.framework.categories.get(line.category), "capital", False)
        ]
        if ctx.cost_lines and not operating:
            return Outcome(PASS)
        return Outcome(FAIL, {"lines": ctx.describe(operating)})


RULES: dict[str, RuleType] = {
    "days_between": DaysBetween(),
    "amount_at_least": AmountAtLeast(),
    "amount_at_most": AmountAtMost(),
    "no_prohibited_cost_lines": NoProhibitedCostLines(),
    "cost_lines_allowed_for_kind": CostLinesAllowedForKind(),
    "per_person_day_cap": PerPersonDayCap(),
    "capital_only_from_accumulated_funds": CapitalOnlyFromAccumulatedFunds(),
}
