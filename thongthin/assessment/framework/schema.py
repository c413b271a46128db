"""The shape of an assessment framework. Built from plain dicts (YAML files or stored JSON) by
`parse_framework`, which reports every problem with its path; nothing half-valid gets through."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class ProjectKind(models.TextChoices):
    SUBSIDY = "subsidy", _("เงินอุดหนุนหน่วยงานของรัฐ")
    FESTIVAL = "festival", _("โครงการจัดงานประเพณี")
    SPORTS = "sports", _("โครงการส่งเสริมกีฬา/แข่งขันกีฬา")


class Topic(models.TextChoices):
    AUTHORITY = "authority", _("อำนาจหน้าที่")
    PLAN = "plan", _("แผนพัฒนาท้องถิ่น")
    BUDGET = "budget", _("การจัดทำงบประมาณ")
    EXECUTION = "execution", _("กฎหมายและระเบียบในการปฏิบัติตามแผนการดำเนินงาน")


class Severity(models.TextChoices):
    STOP = "stop", _("ห้ามเบิกจ่าย")
    MAJOR = "major", _("สำคัญ")
    MINOR = "minor", _("เล็กน้อย")


class Verification(models.TextChoices):
    VERIFIED = "verified", _("ตรวจสอบกับตัวบทแล้ว")
    PARTLY = "partly_verified", _("ตรวจสอบบางส่วน")
    UNVERIFIED = "unverified", _("รอการตรวจสอบ")


class AnswerType(models.TextChoices):
    YES_NO = "yes_no", _("ใช่ / ไม่ใช่ / ไม่เกี่ยวข้อง")
    DATE = "date", _("วันที่")
    AMOUNT = "amount", _("จำนวนเงิน")
    NUMBER = "number", _("จำนวน")
    CHOICE = "choice", _("ตัวเลือก")
    EVIDENCE = "evidence", _("ไฟล์หลักฐาน")
    COMPUTED = "computed", _("คำนวณจากข้อมูลโครงการ")


class FundingSource(models.TextChoices):
    ANNUAL = "annual_budget", _("งบประมาณรายจ่ายประจำปี")
    SUPPLEMENTARY = "supplementary_budget", _("งบประมาณรายจ่ายเพิ่มเติม")
    ACCUMULATED = "accumulated_funds", _("เงินสะสม")
    OTHER = "other", _("อื่น ๆ")


class RecipientType(models.TextChoices):
    LAO = "lao", _("องค์กรปกครองส่วนท้องถิ่นอื่น")
    GOVERNMENT_AGENCY = "government_agency", _("ส่วนราชการ")
    STATE_ENTERPRISE_UTILITY = "state_enterprise_utility", _("รัฐวิสาหกิจด้านไฟฟ้าหรือประปา")
    OTHER_STATE_ENTERPRISE = "other_state_enterprise", _("รัฐวิสาหกิจอื่น")
    PEOPLES_ORGANISATION = "peoples_organisation", _("องค์กรประชาชนที่จัดตั้งตามกฎหมาย")
    DRUG_PREVENTION_CENTRE = "drug_prevention_centre", _("ศูนย์ปฏิบัติการป้องกันและปราบปรามยาเสพติด")
    SPORTS_ASSOCIATION = "sports_association", _("สมาคมกีฬา")
    PRIVATE = "private", _("เอกชน สโมสร หรือบริษัท")


class SportsMode(models.TextChoices):
    HOSTING = "hosting", _("จัดการแข่งขันกีฬา")
    SENDING = "sending", _("ส่งนักกีฬาเข้าร่วมการแข่งขัน")


TOPIC_ORDER = [Topic.AUTHORITY, Topic.PLAN, Topic.BUDGET, Topic.EXECUTION]
LAO_TYPES = {
    "pao",
    "city_municipality",
    "town_municipality",
    "subdistrict_municipality",
    "sao",
    "special",
}
LAO_TYPE_GROUPS = {
    "municipality": {"city_municipality", "town_municipality", "subdistrict_municipality"},
}
YES_NO_VALUES = {"yes", "no", "na", "unknown"}
# Facts of a project that conditions and rules may read (see evaluate.ProjectFacts).
FACT_NAMES = {
    "amount", "funding_source", "recipient_type", "sports_mode", "event_start", "event_end",
    "budget_announced_on", "budget_transfer", "transfer_approved_on", "plan_years", "plan_page",
    "plan_sequence", "participants",
}  # fmt: skip


@dataclass(frozen=True)
class Text:
    th: str
    en: str

    def __str__(self) -> str:
        return self.en if (get_language() or "th").startswith("en") and self.en else self.th

    def as_dict(self) -> dict[str, str]:
        return {"th": self.th, "en": self.en}


@dataclass(frozen=True)
class LegalSource:
    id: str
    title: Text
    url: str
    verification: str


@dataclass(frozen=True)
class SourceRef:
    source: str
    clause: str
    url: str = ""


@dataclass(frozen=True)
class Choice:
    value: str
    label: Text
    compliant: bool


@dataclass(frozen=True)
class Condition:
    lao_types: frozenset[str] | None = None
    facts: dict[str, frozenset[str]] = field(default_factory=dict)
    answers: dict[str, frozenset[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Rule:
    type: str
    params: dict[str, Any]


@dataclass(frozen=True)
class Check:
    id: str
    kinds: tuple[str, ...]
    topic: str
    question: Text
    help: Text
    answer_type: str
    severity: str
    verification: str
    sources: tuple[SourceRef, ...]
    fail_message: Text
    recommendation: Text
    choices: tuple[Choice, ...] = ()
    allow_na: bool = False
    applies_when: Condition = field(default_factory=Condition)
    rule: Rule | None = None
    in_force_from: dt.date | None = None
    in_force_to: dt.date | None = None


@dataclass(frozen=True)
class CostCategory:
    id: str
    label: Text
    kinds: tuple[str, ...]
    capital: bool = False
    prohibited: bool = False
    food: bool = False
    help: Text = Text("", "")


@dataclass(frozen=True)
class Parameter:
    id: str
    label: Text
    value: Decimal
    unit: str
    verification: str
    sources: tuple[SourceRef, ...] = ()


@dataclass(frozen=True)
class Levels:
    """Score thresholds: at least `pass_score` with no major failure passes; at least
    `improve_score` needs improvement; below is high risk; any failed stop check suspends."""

    pass_score: Decimal
    improve_score: Decimal


@dataclass(frozen=True)
class Framework:
    version: str
    title: Text
    valid_from: dt.date
    valid_to: dt.date | None
    weights: dict[str, int]
    levels: Levels
    sources: dict[str, LegalSource]
    parameters: dict[str, Parameter]
    categories: dict[str, CostCategory]
    checks: tuple[Check, ...]

    def check(self, check_id: str) -> Check | None:
        return self._by_id().get(check_id)

    def _by_id(self) -> dict[str, Check]:
        cache = self.__dict__.get("_index")
        if cache is None:
            cache = {c.id: c for c in self.checks}
            object.__setattr__(self, "_index", cache)
        return cache

    def checks_for(self, kind: str) -> list[Check]:
        return [c for c in self.checks if kind in c.kinds]


class FrameworkProblem(Exception):
    """A framework document that does not hold together; `problems` lists each with its path."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems[:20]))
        self.problems = problems


class _Reader:
    """Reads a dict with a path for messages and collects problems instead of stopping early."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def fail(self, path: str, message: str) -> None:
        self.problems.append(f"{path}: {message}")

    def text(self, data: Any, path: str, *, required: bool = True) -> Text:
        if data is None and not required:
            return Text("", "")
        if isinstance(data, str):
            data = {"th": data, "en": ""}
        if not isinstance(data, dict) or not str(data.get("th", "")).strip():
            self.fail(path, "needs {th: ..., en: ...} with Thai text")
            return Text("", "")
        if required and not str(data.get("en", "")).strip():
            self.fail(path, "needs an English text (en)")
        return Text(str(data["th"]).strip(), str(data.get("en", "")).strip())

    def choice(self, value: Any, allowed: set[str] | list[str], path: str) -> str:
        if value not in allowed:
            self.fail(path, f"{value!r} is not one of {sorted(allowed)}")
            return next(iter(sorted(allowed)))
        return str(value)

    def date(self, value: Any, path: str) -> dt.date | None:
        if value in (None, ""):
            return None
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.fail(path, f"{value!r} is not an ISO date (YYYY-MM-DD)")
            return None

    def decimal(self, value: Any, path: str) -> Decimal:
        try:
            number = Decimal(str(value))
        except (InvalidOperation, ValueError):
            self.fail(path, f"{value!r} is not a number")
            return Decimal(0)
        if not number.is_finite():
            self.fail(path, f"{value!r} is not a number")
            return Decimal(0)
        return number

    def source_refs(self, data: Any, path: str) -> tuple[SourceRef, ...]:
        refs = []
        for i, item in enumerate(data or []):
            if not isinstance(item, dict) or not item.get("source"):
                self.fail(f"{path}[{i}]", "needs source (an id of sources.yaml) and clause")
                continue
            refs.append(
                SourceRef(
                    str(item["source"]), str(item.get("clause", "")), str(item.get("url", ""))
                )
            )
        return tuple(refs)


def _lao_types(reader: _Reader, value: Any, path: str) -> frozenset[str] | None:
    if value is None:
        return None
    result: set[str] = set()
    for item in value if isinstance(value, list) else [value]:
        if item in LAO_TYPE_GROUPS:
            result |= LAO_TYPE_GROUPS[item]
        elif item in LAO_TYPES:
            result.add(item)
        else:
            reader.fail(path, f"unknown LAO type {item!r}")
    return frozenset(result)


def _values(value: Any) -> frozenset[str]:
    items = value if isinstance(value, list) else [value]
    return frozenset("true" if v is True else "false" if v is False else str(v) for v in items)


def _condition(reader: _Reader, data: Any, path: str) -> Condition:
    if not data:
        return Condition()
    if not isinstance(data, dict):
        reader.fail(path, "must be a mapping")
        return Condition()
    unknown = set(data) - {"lao_types", "facts", "answers"}
    if unknown:
        reader.fail(path, f"unknown keys {sorted(unknown)}")
    facts = {}
    for name, value in (data.get("facts") or {}).items():
        if name not in FACT_NAMES:
            reader.fail(f"{path}.facts", f"unknown fact {name!r}")
        facts[name] = _values(value)
    answers = {str(k): _values(v) for k, v in (data.get("answers") or {}).items()}
    return Condition(_lao_types(reader, data.get("lao_types"), f"{path}.lao_types"), facts, answers)


def parse_framework(doc: dict[str, Any]) -> Framework:
    """Validate a whole framework document (the merged YAML files, or stored JSON)."""
    from .rules import RULES

    r = _Reader()
    meta = doc.get("framework") or {}
    version = str(meta.get("version", "")).strip()
    if not re.fullmatch(r"[0-9]{4}(\.[0-9]{1,3}){1,2}", version):
        r.fail(
            "framework.version", "required, as <BE year>.<edition> with ASCII digits, e.g. 2568.1"
        )
    sources = {}
    for i, (sid, s) in enumerate((doc.get("sources") or {}).items()):
        path = f"sources.{sid}"
        if not isinstance(s, dict):
            r.fail(path, "must be a mapping")
            continue
        sources[str(sid)] = LegalSource(
            id=str(sid),
            title=r.text(s.get("title"), f"{path}.title"),
            url=str(s.get("url", "")),
            verification=r.choice(
                s.get("verification"), Verification.values, f"{path}.verification"
            ),
        )
        del i
    parameters = {}
    for pid, p in (doc.get("parameters") or {}).items():
        path = f"parameters.{pid}"
        parameters[str(pid)] = Parameter(
            id=str(pid),
            label=r.text(p.get("label"), f"{path}.label"),
            value=r.decimal(p.get("value"), f"{path}.value"),
            unit=str(p.get("unit", "")),
            verification=r.choice(
                p.get("verification"), Verification.values, f"{path}.verification"
            ),
            sources=r.source_refs(p.get("sources"), f"{path}.sources"),
        )
    categories = {}
    for cid, c in (doc.get("cost_categories") or {}).items():
        path = f"cost_categories.{cid}"
        kinds = tuple(c.get("kinds") or [])
        for k in kinds:
            r.choice(k, ProjectKind.values, f"{path}.kinds")
        categories[str(cid)] = CostCategory(
            id=str(cid),
            label=r.text(c.get("label"), f"{path}.label"),
            kinds=kinds,
            capital=bool(c.get("capital", False)),
            prohibited=bool(c.get("prohibited", False)),
            food=bool(c.get("food", False)),
            help=r.text(c.get("help"), f"{path}.help", required=False),
        )
    checks: list[Check] = []
    seen: set[str] = set()
    for i, c in enumerate(doc.get("checks") or []):
        path = f"checks[{i}]"
        if not isinstance(c, dict):
            r.fail(path, "must be a mapping")
            continue
        cid = str(c.get("id", "")).strip()
        path = f"checks[{cid or i}]"
        if not cid:
            r.fail(path, "id required")
        elif cid in seen:
            r.fail(path, "duplicate id")
        seen.add(cid)
        answer_type = r.choice(c.get("answer_type"), AnswerType.values, f"{path}.answer_type")
        choices = tuple(
            Choice(
                str(ch.get("value")),
                r.text(ch.get("label"), f"{path}.choices[{j}].label"),
                bool(ch.get("compliant", False)),
            )
            for j, ch in enumerate(c.get("choices") or [])
        )
        if answer_type == AnswerType.CHOICE and not any(ch.compliant for ch in choices):
            r.fail(f"{path}.choices", "a choice check needs choices with at least one compliant")
        rule = None
        if c.get("rule"):
            rule_data = dict(c["rule"])
            rule_type = str(rule_data.pop("type", ""))
            if rule_type not in RULES:
                r.fail(f"{path}.rule.type", f"unknown rule {rule_type!r}; known: {sorted(RULES)}")
            rule = Rule(rule_type, rule_data)
        if answer_type == AnswerType.COMPUTED and rule is None:
            r.fail(f"{path}.rule", "a computed check needs a rule")
        if answer_type in {AnswerType.DATE, AnswerType.AMOUNT, AnswerType.NUMBER} and rule is None:
            r.fail(f"{path}.rule", f"a {answer_type} check needs a rule that says when it passes")
        kinds = tuple(c.get("kinds") or [])
        if not kinds:
            r.fail(f"{path}.kinds", "at least one project kind")
        for k in kinds:
            r.choice(k, ProjectKind.values, f"{path}.kinds")
        checks.append(
            Check(
                id=cid,
                kinds=kinds,
                topic=r.choice(c.get("topic"), Topic.values, f"{path}.topic"),
                question=r.text(c.get("question"), f"{path}.question"),
                help=r.text(c.get("help"), f"{path}.help", required=False),
                answer_type=answer_type,
                severity=r.choice(c.get("severity"), Severity.values, f"{path}.severity"),
                verification=r.choice(
                    c.get("verification"), Verification.values, f"{path}.verification"
                ),
                sources=r.source_refs(c.get("sources"), f"{path}.sources"),
                fail_message=r.text(c.get("fail_message"), f"{path}.fail_message"),
                recommendation=r.text(c.get("recommendation"), f"{path}.recommendation"),
                choices=choices,
                allow_na=bool(c.get("allow_na", False)),
                applies_when=_condition(r, c.get("applies_when"), f"{path}.applies_when"),
                rule=rule,
                in_force_from=r.date(c.get("in_force_from"), f"{path}.in_force_from"),
                in_force_to=r.date(c.get("in_force_to"), f"{path}.in_force_to"),
            )
        )
    weights = {
        s: int((meta.get("weights") or {}).get(s, d))
        for s, d in (("stop", 3), ("major", 2), ("minor", 1))
    }
    levels_data = meta.get("levels") or {}
    framework = Framework(
        version=version,
        title=r.text(meta.get("title"), "framework.title"),
        valid_from=r.date(meta.get("valid_from"), "framework.valid_from") or dt.date(2000, 1, 1),
        valid_to=r.date(meta.get("valid_to"), "framework.valid_to"),
        weights=weights,
        levels=Levels(
            pass_score=r.decimal(levels_data.get("pass_score", 80), "framework.levels.pass_score"),
            improve_score=r.decimal(
                levels_data.get("improve_score", 60), "framework.levels.improve_score"
            ),
        ),
        sources=sources,
        parameters=parameters,
        categories=categories,
        checks=tuple(checks),
    )
    _check_references(r, framework)
    if r.problems:
        raise FrameworkProblem(r.problems)
    return framework


def _check_references(r: _Reader, fw: Framework) -> None:
    """Every id a check points at must exist: sources, earlier answers, categories, parameters."""
    from .rules import RULES

    ids = {c.id for c in fw.checks}
    for c in fw.checks:
        path = f"checks[{c.id}]"
        for ref in c.sources:
            if ref.source not in fw.sources:
                r.fail(f"{path}.sources", f"unknown source {ref.source!r}")
        for other in c.applies_when.answers:
            if other not in ids:
                r.fail(f"{path}.applies_when.answers", f"unknown check {other!r}")
            elif other == c.id:
                r.fail(f"{path}.applies_when.answers", "a check cannot depend on itself")
        if c.rule and c.rule.type in RULES:
            for problem in RULES[c.rule.type].validate(c, fw):
                r.fail(f"{path}.rule", problem)
    for p in fw.parameters.values():
        for ref in p.sources:
            if ref.source not in fw.sources:
                r.fail(f"parameters.{p.id}.sources", f"unknown source {ref.source!r}")


class Level(models.TextChoices):
    PASS = "pass", _("ผ่าน")
    IMPROVE = "improve", _("ควรปรับปรุง")
    HIGH_RISK = "high_risk", _("ความเสี่ยงสูง")
    SUSPEND = "suspend", _("ระงับการเบิกจ่าย")


class Result(models.TextChoices):
    PASS = "pass", _("ผ่าน")
    FAIL = "fail", _("ไม่ผ่าน")
    NA = "na", _("ไม่เกี่ยวข้อง")
    UNANSWERED = "unanswered", _("ยังไม่ได้ตอบ")
