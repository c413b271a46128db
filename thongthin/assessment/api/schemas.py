"""The assessment API's input and output schemas."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal
from uuid import UUID

from ninja import Field, Schema
from ninja.schema import DjangoGetter
from pydantic import model_validator
from pydantic_core import PydanticCustomError

from thongthin.directory.models import LAOType

from ..framework.schema import FundingSource, ProjectKind, RecipientType, SportsMode
from .examples import EVALUATE_EXAMPLE

AnswerValue = str | int | float | bool | None

# More answers than the framework has checks (52 in 2568.1) can only be a mistake or an abuse.
MAX_ANSWERS = 300


class FactsIn(Schema):
    amount: Decimal | None = Field(
        None, ge=0, le=Decimal("1e12"), description="Project amount in baht"
    )
    funding_source: FundingSource | None = None
    recipient_type: RecipientType | None = None
    sports_mode: SportsMode | None = None
    event_start: dt.date | None = None
    event_end: dt.date | None = Field(None, description="Not before event_start")
    budget_announced_on: dt.date | None = Field(
        None, description="Date the budget ordinance was announced"
    )
    budget_transfer: bool | None = None
    transfer_approved_on: dt.date | None = None
    plan_years: str = Field("", max_length=20)
    plan_page: str = Field("", max_length=10)
    plan_sequence: str = Field("", max_length=10)
    participants: int | None = Field(None, ge=0, le=10_000_000)

    @model_validator(mode="before")
    @classmethod
    def _an_object(cls, data: Any) -> Any:
        # ninja's schemas also read attributes of any object: "facts": "x" would pass as empty.
        raw = data._obj if isinstance(data, DjangoGetter) else data
        if not isinstance(raw, dict):
            raise PydanticCustomError("dict_type", "Input should be a valid dictionary")
        return data


class CostLineIn(Schema):
    category: str = Field(..., max_length=40, description="A cost category id of the framework")
    description: str = Field("", max_length=300)
    quantity: Decimal = Field(Decimal(1), ge=0, le=Decimal("1e9"))
    unit_cost: Decimal = Field(..., ge=0, le=Decimal("1e12"))
    persons: int | None = Field(None, ge=0, le=10_000_000)
    days: int | None = Field(None, ge=0, le=3660)


class EvaluateIn(Schema):
    model_config = {"json_schema_extra": {"examples": [EVALUATE_EXAMPLE]}}  # type: ignore[list-item]

    kind: ProjectKind
    lao_type: LAOType
    fiscal_year: int = Field(..., ge=2500, le=2700, description="Thai fiscal year in BE, e.g. 2568")
    language: Literal["th", "en"] | None = Field(
        None, description="Language of messages (default: Accept-Language)"
    )
    answers: dict[str, AnswerValue] = Field(
        default_factory=dict,
        max_length=MAX_ANSWERS,
        description="By check id: yes / no / na / unknown, or the value for date (ISO or BE, "
        f"e.g. 15/03/2567), amount, number and choice checks; at most {MAX_ANSWERS}",
    )
    facts: FactsIn = Field(default_factory=lambda: FactsIn())  # type: ignore[call-arg]
    cost_lines: list[CostLineIn] = Field(default_factory=list, max_length=500)


class SourceOut(Schema):
    id: str
    instrument: str
    clause: str
    url: str
    verification: str


class FindingOut(Schema):
    check_id: str
    topic: str
    applicable: bool
    result: Literal["pass", "fail", "na", "unanswered"]
    severity: Literal["stop", "major", "minor"]
    question: str
    message: str
    recommendation: str
    verification: str
    sources: list[SourceOut]
    answer: Any = None
    details: dict[str, Any]


class TopicOut(Schema):
    topic: str
    score: str | None
    passed: int
    failed: int
    unanswered: int
    not_applicable: int


class EvaluationOut(Schema):
    framework_version: str
    kind: str
    lao_type: str
    fiscal_year: int
    level: Literal["pass", "improve", "high_risk", "suspend"] | None
    score: str | None = Field(description="0–100, one decimal, as a string")
    complete: bool
    topics: list[TopicOut]
    findings: list[FindingOut]


class ChoiceOut(Schema):
    value: str
    label: str
    compliant: bool


class CheckOut(Schema):
    id: str
    kinds: list[str]
    topic: str
    question: str
    help: str
    answer_type: str
    choices: list[ChoiceOut]
    allow_na: bool
    severity: str
    verification: str
    sources: list[SourceOut]
    applies_when: dict[str, Any]
    rule: dict[str, Any] | None
    fail_message: str = Field(
        description="The message of a failed check; its %(name)s placeholders are filled from "
        "the finding's details"
    )
    recommendation: str = Field(description="What to do when the check fails")
    in_force_from: dt.date | None
    in_force_to: dt.date | None


class ParameterOut(Schema):
    id: str
    label: str
    value: Decimal
    unit: str
    verification: str


class CategoryOut(Schema):
    id: str
    label: str
    kinds: list[str]
    prohibited: bool
    capital: bool
    food: bool


class FrameworkOut(Schema):
    version: str
    title: str
    valid_from: dt.date
    levels: dict[str, Decimal]
    weights: dict[str, int]
    parameters: list[ParameterOut]
    cost_categories: list[CategoryOut]
    checks: list[CheckOut]


# --- Saved assessments


class AssessmentCreateIn(FactsIn):
    lao: str = Field(..., max_length=7, description="DLA code of the LAO")
    kind: ProjectKind
    fiscal_year: int = Field(..., ge=2500, le=2700)
    name: str = Field(..., min_length=1, max_length=300)
    amount: Decimal = Field(..., ge=0, le=Decimal("1e12"))
    funding_source: FundingSource
    recipient_name: str = Field("", max_length=300)
    event_name: str = Field("", max_length=300)


class AssessmentPatchIn(FactsIn):
    name: str | None = Field(None, min_length=1, max_length=300)
    recipient_name: str | None = Field(None, max_length=300)
    event_name: str | None = Field(None, max_length=300)


class AssessmentSummaryOut(Schema):
    uid: UUID
    lao: str
    lao_name: str
    kind: str
    fiscal_year: int
    name: str
    amount: Decimal
    funding_source: str
    status: str
    revision: int
    framework_version: str
    level: str
    score: Decimal | None
    complete: bool


class AssessmentPage(Schema):
    results: list[AssessmentSummaryOut]
    count: int
    page: int
    page_size: int
    pages: int


class AssessmentOut(AssessmentSummaryOut):
    evaluation: EvaluationOut = Field(
        description="The current result, messages in the request's language"
    )


class AnswerIn(Schema):
    value: AnswerValue = Field(..., description="yes / no / na / unknown or the value")


class ReasonIn(Schema):
    reason: str = Field(..., min_length=1, max_length=2000)


class ShareIn(Schema):
    shared: bool


class ListQuery(Schema):
    fiscal_year: int | None = Field(None, ge=2500, le=2700)
    kind: ProjectKind | None = None
    lao: str = Field("", max_length=7)
    page: int = Field(1, ge=1, le=10_000)
    page_size: int = Field(20, ge=1, le=100)


class AggregateOut(Schema):
    fiscal_year: int
    province_code: str
    province: str
    kind: str
    level: str
    assessments: int
    laos: int


class AggregateQuery(Schema):
    fiscal_year: int | None = Field(None, ge=2500, le=2700)
