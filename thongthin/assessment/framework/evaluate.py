"""Evaluate a project against a framework: which checks apply, each check's result, topic scores,
the overall score and level. Pure: no database, no request."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext_lazy as _

from thongthin.core.errors import ValidationFailed
from thongthin.core.fiscal_year import FiscalYear
from thongthin.core.money import format_baht
from thongthin.core.thai_dates import ThaiDateError, format_date, parse_date

from .rules import FAIL, NA, PASS, RULES, UNANSWERED
from .schema import TOPIC_ORDER, YES_NO_VALUES, AnswerType, Check, Framework, Level, Text

MAX_COST_LINES = 500


@dataclass(frozen=True)
class CostLine:
    category: str
    description: str = ""
    quantity: Decimal = Decimal(1)
    unit_cost: Decimal = Decimal(0)
    persons: int | None = None
    days: int | None = None

    @property
    def amount(self) -> Decimal:
        return (self.quantity * self.unit_cost * (self.persons or 1) * (self.days or 1)).quantize(
            Decimal("0.01")
        )

    @property
    def per_person_day(self) -> Decimal:
        """Cost per person per day: quantity × unit cost (persons and days multiply the total)."""
        return self.quantity * self.unit_cost


@dataclass(frozen=True)
class ProjectFacts:
    amount: Decimal | None = None
    funding_source: str = ""
    recipient_type: str = ""
    sports_mode: str = ""
    event_start: dt.date | None = None
    event_end: dt.date | None = None
    budget_announced_on: dt.date | None = None
    budget_transfer: bool | None = None
    transfer_approved_on: dt.date | None = None
    plan_years: str = ""
    plan_page: str = ""
    plan_sequence: str = ""
    participants: int | None = None

    def get(self, name: str) -> Any:
        value = getattr(self, name, None)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return Decimal(value)
        return value

    def as_condition_value(self, name: str) -> str | None:
        value = getattr(self, name, None)
        if value is None or value == "":
            return None
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(value)


@dataclass
class Context:
    framework: Framework
    kind: str
    lao_type: str
    fiscal_year: FiscalYear
    answers: dict[str, Any]
    facts: ProjectFacts
    cost_lines: list[CostLine]

    def resolve(self, ref: Any, check: Check) -> Any:
        if not isinstance(ref, str):
            return Decimal(str(ref))
        if ref == "self":
            return self.answers.get(check.id)
        kind, _, ident = ref.partition(":")
        if kind == "fact":
            return self.facts.get(ident)
        if kind == "answer":
            return self.answers.get(ident)
        if kind == "param":
            return self.framework.parameters[ident].value
        return None

    def describe(self, lines: list[CostLine]) -> str:
        names = []
        for line in lines[:5]:
            category = self.framework.categories.get(line.category)
            label = str(category.label) if category else line.category
            names.append(f"{line.description} ({label})" if line.description else label)
        more = len(lines) - len(names)
        return ", ".join(names) + (f" +{more}" if more > 0 else "")


@dataclass
class Finding:
    check: Check
    applicable: bool
    result: str
    params: dict[str, Any] = field(default_factory=dict)
    answer: Any = None

    @property
    def message(self) -> str:
        """What is wrong, in plain language, with the numbers that made it fail."""
        if self.result != FAIL:
            return ""
        return _render(self.check.fail_message, self.params)


@dataclass
class TopicScore:
    topic: str
    score: Decimal | None
    passed: int
    failed: int
    unanswered: int
    not_applicable: int


@dataclass
class Evaluation:
    framework: Framework
    kind: str
    lao_type: str
    fiscal_year: FiscalYear
    findings: list[Finding]
    topics: list[TopicScore]
    score: Decimal | None
    level: str | None
    complete: bool

    @property
    def failed(self) -> list[Finding]:
        return [f for f in self.findings if f.result == FAIL]

    @property
    def stop_failures(self) -> list[Finding]:
        return [f for f in self.failed if f.check.severity == "stop"]

    @property
    def applicable(self) -> list[Finding]:
        return [f for f in self.findings if f.applicable]

    @property
    def answered_count(self) -> int:
        return sum(1 for f in self.applicable if f.result != UNANSWERED)


def _format(value: Any) -> str:
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, Decimal):
        return format_baht(value, unit=False)
    return str(value)


def _render(text: Text, params: dict[str, Any]) -> str:
    template = str(text)
    try:
        return template % {k: _format(v) for k, v in params.items()}
    except (KeyError, TypeError, ValueError):
        return template


def normalize_answers(fw: Framework, kind: str, raw: dict[str, Any]) -> dict[str, Any]:
    """Validate answers keyed by check id; raise ValidationFailed listing every bad one."""
    errors: dict[str, str] = {}
    clean: dict[str, Any] = {}
    for check_id, value in raw.items():
        check = fw.check(str(check_id))
        if check is None or kind not in check.kinds:
            errors[str(check_id)[:40]] = str(_("ไม่มีข้อตรวจนี้ในเกณฑ์สำหรับโครงการประเภทนี้"))
            continue
        try:
            parsed = parse_answer(check, value)
        except ValueError as exc:
            errors[check.id] = str(exc)
            continue
        if parsed is not None:
            clean[check.id] = parsed
    if errors:
        raise ValidationFailed(_("คำตอบบางข้อไม่ถูกต้อง"), code="invalid_answers", fields=errors)
    return clean


def parse_answer(check: Check, value: Any) -> Any:
    """One answer in its proper type; None means unanswered. ValueError carries the message."""
    if value is None or value == "" or value == "unknown":
        return None
    kind = check.answer_type
    if kind == AnswerType.COMPUTED:
        raise ValueError(_("ข้อนี้คำนวณจากข้อมูลโครงการ ไม่ต้องตอบ"))
    if kind in {AnswerType.YES_NO, AnswerType.EVIDENCE}:
        text = {True: "yes", False: "no"}.get(value, value) if isinstance(value, bool) else value
        if text not in YES_NO_VALUES - {"unknown"}:
            raise ValueError(_("ตอบได้เฉพาะ yes, no, na หรือ unknown"))
        if text == "na" and not check.allow_na:
            raise ValueError(_("ข้อนี้ต้องตอบ ใช่ หรือ ไม่ใช่"))
        return text
    if kind == AnswerType.CHOICE:
        if str(value) not in {c.value for c in check.choices}:
            raise ValueError(_("ตัวเลือกนี้ไม่มีในรายการ"))
        return str(value)
    if kind == AnswerType.DATE:
        if isinstance(value, dt.date):
            return value
        try:
            return parse_date(str(value)[:40])
        except ThaiDateError as exc:
            raise ValueError(exc.message) from None
    # amount or number
    try:
        number = Decimal(str(value).replace(",", "").strip())
    except (InvalidOperation, ValueError):
        raise ValueError(_("ต้องเป็นตัวเลข")) from None
    if not number.is_finite() or abs(number) >= Decimal("1e13"):
        raise ValueError(_("ต้องเป็นตัวเลข"))
    if number < 0:
        raise ValueError(_("จำนวนต้องไม่ติดลบ"))
    return number.quantize(Decimal("0.01")) if kind == AnswerType.AMOUNT else number


def _applies(check: Check, ctx: Context) -> bool:
    if ctx.kind not in check.kinds:
        return False
    cond = check.applies_when
    if cond.lao_types is not None and ctx.lao_type not in cond.lao_types:
        return False
    fy = ctx.fiscal_year
    if check.in_force_from and check.in_force_from > fy.end:
        return False
    if check.in_force_to and check.in_force_to < fy.start:
        return False
    for name, allowed in cond.facts.items():
        if ctx.facts.as_condition_value(name) not in allowed:
            return False
    return all(str(ctx.answers.get(other)) in allowed for other, allowed in cond.answers.items())


def _result(check: Check, ctx: Context) -> tuple[str, dict[str, Any]]:
    answer = ctx.answers.get(check.id)
    if check.rule is not None:
        if check.answer_type != AnswerType.COMPUTED and answer is None:
            return UNANSWERED, {}
        outcome = RULES[check.rule.type].evaluate(check, ctx)
        return outcome.result, outcome.params
    if answer is None:
        return UNANSWERED, {}
    if check.answer_type == AnswerType.CHOICE:
        choice = next(c for c in check.choices if c.value == answer)
        return (PASS if choice.compliant else FAIL), {"answer": str(choice.label)}
    return {"yes": PASS, "no": FAIL, "na": NA}[answer], {}


def _score(findings: list[Finding], weights: dict[str, int]) -> Decimal | None:
    """Weighted share of passed checks among those answered (pass or fail); None until one is.
    Unanswered checks do not count here: completeness is reported separately and an assessment
    can only be submitted when complete."""
    won = total = 0
    for f in findings:
        if not f.applicable or f.result not in (PASS, FAIL):
            continue
        weight = weights.get(f.check.severity, 1)
        total += weight
        won += weight if f.result == PASS else 0
    if not total:
        return None
    return (Decimal(100 * won) / Decimal(total)).quantize(Decimal("0.1"))


def evaluate(
    fw: Framework,
    *,
    kind: str,
    lao_type: str,
    fiscal_year: int,
    answers: dict[str, Any],
    facts: ProjectFacts,
    cost_lines: list[CostLine],
) -> Evaluation:
    """`answers` must already be normalized (see normalize_answers)."""
    if len(cost_lines) > MAX_COST_LINES:
        raise ValidationFailed(_("รายการค่าใช้จ่ายมากเกินไป"), code="too_many_cost_lines")
    ctx = Context(fw, kind, lao_type, FiscalYear(fiscal_year), answers, facts, cost_lines)
    findings: list[Finding] = []
    # Checks are evaluated in file order, so a condition on an earlier answer sees whether that
    # earlier check applied at all (an answer to a check that does not apply is ignored).
    for check in fw.checks_for(kind):
        if not _applies(check, ctx):
            findings.append(Finding(check, False, NA))
            ctx.answers = {k: v for k, v in ctx.answers.items() if k != check.id}
            continue
        result, params = _result(check, ctx)
        findings.append(Finding(check, True, result, params, answers.get(check.id)))
    topics = []
    for topic in TOPIC_ORDER:
        in_topic = [f for f in findings if f.check.topic == topic]
        applicable = [f for f in in_topic if f.applicable]
        topics.append(
            TopicScore(
                topic=topic,
                score=_score(in_topic, fw.weights),
                passed=sum(1 for f in applicable if f.result == PASS),
                failed=sum(1 for f in applicable if f.result == FAIL),
                unanswered=sum(1 for f in applicable if f.result == UNANSWERED),
                not_applicable=sum(1 for f in in_topic if f.result == NA),
            )
        )
    score = _score(findings, fw.weights)
    failed = [f for f in findings if f.result == FAIL]
    if any(f.check.severity == "stop" for f in failed):
        level: str | None = Level.SUSPEND
    elif score is None:
        level = None
    elif score >= fw.levels.pass_score and not any(f.check.severity == "major" for f in failed):
        level = Level.PASS
    elif score >= fw.levels.improve_score:
        level = Level.IMPROVE
    else:
        level = Level.HIGH_RISK
    complete = all(f.result != UNANSWERED for f in findings if f.applicable)
    if not complete and level != Level.SUSPEND:
        # A failed stop check suspends at once; otherwise no level until every applicable
        # check is answered (the score so far is still reported).
        level = None
    return Evaluation(fw, kind, lao_type, ctx.fiscal_year, findings, topics, score, level, complete)
