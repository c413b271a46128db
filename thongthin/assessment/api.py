"""The assessment API: evaluate without saving, the framework in force, and CRUD for saved
assessments under the same rules as the pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal
from uuid import UUID

from django.http import HttpRequest
from django.utils import translation
from ninja import Field, Query, Router, Schema, Status
from ninja.security import django_auth

from thongthin.core.api import ErrorOut
from thongthin.core.errors import NotFound
from thongthin.directory.models import LAOType
from thongthin.directory.selectors import lao_get

from . import selectors
from .evaluation import evaluate_assessment, evaluation_as_dict, source_list
from .framework.evaluate import CostLine, ProjectFacts, evaluate, normalize_answers
from .framework.schema import FundingSource, ProjectKind, RecipientType, SportsMode
from .models import Assessment
from .services import assessments as svc
from .services.frameworks import framework_current

router = Router(tags=["assessment"])

AnswerValue = str | int | float | bool | None


class FactsIn(Schema):
    amount: Decimal | None = Field(
        None, ge=0, le=Decimal("1e12"), description="Project amount in baht"
    )
    funding_source: FundingSource | None = None
    recipient_type: RecipientType | None = None
    sports_mode: SportsMode | None = None
    event_start: dt.date | None = None
    event_end: dt.date | None = None
    budget_announced_on: dt.date | None = Field(
        None, description="Date the budget ordinance was announced"
    )
    budget_transfer: bool | None = None
    transfer_approved_on: dt.date | None = None
    plan_years: str = Field("", max_length=20)
    plan_page: str = Field("", max_length=10)
    plan_sequence: str = Field("", max_length=10)
    participants: int | None = Field(None, ge=0, le=10_000_000)


class CostLineIn(Schema):
    category: str = Field(..., max_length=40, description="A cost category id of the framework")
    description: str = Field("", max_length=300)
    quantity: Decimal = Field(Decimal(1), ge=0, le=Decimal("1e9"))
    unit_cost: Decimal = Field(..., ge=0, le=Decimal("1e12"))
    persons: int | None = Field(None, ge=0, le=10_000_000)
    days: int | None = Field(None, ge=0, le=3660)


EVALUATE_EXAMPLE = {
    "kind": "festival",
    "lao_type": "town_municipality",
    "fiscal_year": 2568,
    "language": "th",
    "answers": {"F1.1": "yes", "P-27": "2024-10-20"},
    "facts": {
        "amount": "150000",
        "funding_source": "annual_budget",
        "budget_announced_on": "2024-09-25",
    },
    "cost_lines": [
        {
            "category": "food_workers",
            "description": "อาหารกลางวันผู้ปฏิบัติงาน",
            "unit_cost": "200",
            "persons": 40,
            "days": 2,
        },
        {
            "category": "souvenirs",
            "description": "ผ้าขนหนูแจกผู้ร่วมงาน",
            "quantity": "500",
            "unit_cost": "60",
        },
    ],
}


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
        description="By check id: yes / no / na / unknown, or the value for date (ISO or BE, "
        "e.g. 15/03/2567), amount, number and choice checks",
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


def _facts(data: FactsIn) -> ProjectFacts:
    values = data.dict()
    for name in ("funding_source", "recipient_type", "sports_mode"):
        values[name] = values[name] or ""
    return ProjectFacts(**values)


@router.post(
    "/assessments/evaluate",
    response={200: EvaluationOut, 422: ErrorOut},
    summary="Evaluate a project against the framework in force, without saving",
    auth=None,
)
def assessments_evaluate(request: HttpRequest, payload: EvaluateIn) -> dict:
    version = framework_current()
    fw = version.parsed()
    answers = normalize_answers(fw, payload.kind, payload.answers)
    ev = evaluate(
        fw,
        kind=payload.kind,
        lao_type=payload.lao_type,
        fiscal_year=payload.fiscal_year,
        answers=answers,
        facts=_facts(payload.facts),
        cost_lines=[CostLine(**line.dict()) for line in payload.cost_lines],
    )
    return evaluation_as_dict(ev, language=payload.language or translation.get_language())


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


@router.get(
    "/assessment-frameworks/current",
    response={200: FrameworkOut, 404: ErrorOut},
    summary="The assessment framework in force: checks, sources, caps, cost categories",
    auth=None,
)
def framework_current_api(request: HttpRequest) -> dict:
    fw = framework_current().parsed()
    return {
        "version": fw.version,
        "title": str(fw.title),
        "valid_from": fw.valid_from,
        "levels": {"pass_score": fw.levels.pass_score, "improve_score": fw.levels.improve_score},
        "weights": fw.weights,
        "parameters": [
            {
                "id": p.id,
                "label": str(p.label),
                "value": p.value,
                "unit": p.unit,
                "verification": p.verification,
            }
            for p in fw.parameters.values()
        ],
        "cost_categories": [
            {
                "id": c.id,
                "label": str(c.label),
                "kinds": list(c.kinds),
                "prohibited": c.prohibited,
                "capital": c.capital,
                "food": c.food,
            }
            for c in fw.categories.values()
        ],
        "checks": [
            {
                "id": c.id,
                "kinds": list(c.kinds),
                "topic": c.topic,
                "question": str(c.question),
                "help": str(c.help),
                "answer_type": c.answer_type,
                "choices": [
                    {"value": ch.value, "label": str(ch.label), "compliant": ch.compliant}
                    for ch in c.choices
                ],
                "allow_na": c.allow_na,
                "severity": c.severity,
                "verification": c.verification,
                "sources": source_list(fw, c),
                "applies_when": {
                    "lao_types": sorted(c.applies_when.lao_types)
                    if c.applies_when.lao_types is not None
                    else None,
                    "facts": {k: sorted(v) for k, v in c.applies_when.facts.items()},
                    "answers": {k: sorted(v) for k, v in c.applies_when.answers.items()},
                },
                "rule": {"type": c.rule.type, **c.rule.params} if c.rule else None,
                "in_force_from": c.in_force_from,
                "in_force_to": c.in_force_to,
            }
            for c in fw.checks
        ],
    }


# --- Saved assessments (session authentication; LAO staff their LAO's, auditors their provinces').


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


def _out(a: Assessment) -> dict:
    return {
        "uid": a.uid,
        "lao": a.lao.dla_code,
        "lao_name": a.lao.display_name_th,
        "kind": a.kind,
        "fiscal_year": a.fiscal_year,
        "name": a.name,
        "amount": a.amount,
        "funding_source": a.funding_source,
        "status": a.status,
        "revision": a.revision,
        "framework_version": a.framework.version,
        "level": a.level,
        "score": a.score,
        "complete": a.complete,
    }


def _detail(a: Assessment) -> dict:
    """The summary and the live evaluation (the framework version is fixed, so it is stable)."""
    return {**_out(a), "evaluation": evaluation_as_dict(evaluate_assessment(a))}


def _facts_dict(payload: Schema, existing: Assessment | None = None) -> dict[str, Any]:
    data = payload.dict(exclude_unset=True)
    if existing is not None:
        current = {name: getattr(existing, name) for name in svc.FACT_FIELDS}
        return {**current, **data}
    return data


@router.get(
    "/assessments",
    response={200: list[AssessmentSummaryOut], 401: ErrorOut},
    auth=django_auth,
    summary="Assessments you may see",
)
def assessments_list(request: HttpRequest, query: Query[ListQuery]) -> list[dict]:
    qs = selectors.assessments_visible_to(request.user).select_related("lao", "framework")
    if query.fiscal_year:
        qs = qs.filter(fiscal_year=query.fiscal_year)
    if query.kind:
        qs = qs.filter(kind=query.kind)
    if query.lao:
        qs = qs.filter(lao__dla_code=query.lao)
    return [_out(a) for a in qs.order_by("-updated_at")[:500]]


@router.post(
    "/assessments",
    response={201: AssessmentOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    auth=django_auth,
    summary="Start an assessment",
)
def assessments_create(request: HttpRequest, payload: AssessmentCreateIn) -> Status:
    lao = lao_get(payload.lao)
    data = payload.dict(exclude={"lao", "kind", "fiscal_year"})
    a = svc.assessment_create(
        actor=request.user, lao=lao, kind=payload.kind, fiscal_year=payload.fiscal_year, facts=data
    )
    return Status(201, _detail(a))


@router.get(
    "/assessments/{uid}",
    response={200: AssessmentOut, 401: ErrorOut, 404: ErrorOut},
    auth=django_auth,
)
def assessments_get(request: HttpRequest, uid: UUID) -> dict:
    return _detail(selectors.assessment_get(user=request.user, uid=uid))


@router.patch(
    "/assessments/{uid}",
    response={
        200: AssessmentOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
        422: ErrorOut,
    },
    auth=django_auth,
)
def assessments_patch(request: HttpRequest, uid: UUID, payload: AssessmentPatchIn) -> dict:
    a = selectors.assessment_get(user=request.user, uid=uid)
    return _detail(
        svc.assessment_update_facts(actor=request.user, assessment=a, facts=_facts_dict(payload, a))
    )


@router.delete(
    "/assessments/{uid}",
    response={204: None, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    auth=django_auth,
)
def assessments_delete(request: HttpRequest, uid: UUID) -> Status:
    svc.assessment_delete(
        actor=request.user, assessment=selectors.assessment_get(user=request.user, uid=uid)
    )
    return Status(204, None)


@router.put(
    "/assessments/{uid}/answers/{check_id}",
    response={
        200: AssessmentOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
        422: ErrorOut,
    },
    auth=django_auth,
    summary="Save one answer (unknown clears it)",
)
def assessments_answer(request: HttpRequest, uid: UUID, check_id: str, payload: AnswerIn) -> dict:
    a = selectors.assessment_get(user=request.user, uid=uid)
    return _detail(
        svc.answer_save(
            actor=request.user, assessment=a, check_id=check_id[:20], value=payload.value
        )
    )


@router.post(
    "/assessments/{uid}/cost-lines",
    response={
        201: AssessmentOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
        422: ErrorOut,
    },
    auth=django_auth,
)
def assessments_cost_line_add(request: HttpRequest, uid: UUID, payload: CostLineIn) -> Status:
    a = selectors.assessment_get(user=request.user, uid=uid)
    svc.cost_line_add(actor=request.user, assessment=a, data=payload.dict())
    return Status(201, _detail(selectors.assessment_get(user=request.user, uid=uid)))


@router.delete(
    "/assessments/{uid}/cost-lines/{line_id}",
    response={200: AssessmentOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    auth=django_auth,
)
def assessments_cost_line_delete(request: HttpRequest, uid: UUID, line_id: int) -> dict:
    a = selectors.assessment_get(user=request.user, uid=uid)
    line = a.cost_lines.filter(pk=line_id).first()
    if line is None:
        raise NotFound(code="cost_line_not_found")
    svc.cost_line_delete(actor=request.user, line=line)
    return _detail(selectors.assessment_get(user=request.user, uid=uid))


_TRANSITION_RESPONSES = {
    200: AssessmentOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
}


@router.post("/assessments/{uid}/submit", response=_TRANSITION_RESPONSES, auth=django_auth)
def assessments_submit(request: HttpRequest, uid: UUID) -> dict:
    a = selectors.assessment_get(user=request.user, uid=uid)
    return _detail(svc.assessment_submit(actor=request.user, assessment=a))


@router.post("/assessments/{uid}/return", response=_TRANSITION_RESPONSES, auth=django_auth)
def assessments_return(request: HttpRequest, uid: UUID, payload: ReasonIn) -> dict:
    a = selectors.assessment_get(user=request.user, uid=uid)
    return _detail(svc.assessment_return(actor=request.user, assessment=a, reason=payload.reason))


@router.post("/assessments/{uid}/sign-off", response=_TRANSITION_RESPONSES, auth=django_auth)
def assessments_sign_off(request: HttpRequest, uid: UUID) -> dict:
    a = selectors.assessment_get(user=request.user, uid=uid)
    return _detail(svc.assessment_sign_off(actor=request.user, assessment=a))


@router.post(
    "/assessments/{uid}/revise",
    response={201: AssessmentOut, **{k: v for k, v in _TRANSITION_RESPONSES.items() if k != 200}},
    auth=django_auth,
)
def assessments_revise(request: HttpRequest, uid: UUID) -> Status:
    a = selectors.assessment_get(user=request.user, uid=uid)
    return Status(201, _detail(svc.assessment_revise(actor=request.user, assessment=a)))


@router.post("/assessments/{uid}/share", response=_TRANSITION_RESPONSES, auth=django_auth)
def assessments_share(request: HttpRequest, uid: UUID, payload: ShareIn) -> dict:
    a = selectors.assessment_get(user=request.user, uid=uid)
    return _detail(svc.assessment_share(actor=request.user, assessment=a, shared=payload.shared))


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


@router.get(
    "/assessment-aggregates",
    response={200: list[AggregateOut], 422: ErrorOut},
    auth=None,
    summary="Province-level counts of signed-off assessments (open data feed)",
)
def assessment_aggregates(request: HttpRequest, query: Query[AggregateQuery]) -> list[dict]:
    return [
        {
            "fiscal_year": r["fiscal_year"],
            "province_code": r["lao__province__code"],
            "province": r["lao__province__name_th"],
            "kind": r["kind"],
            "level": r["level"],
            "assessments": r["assessments"],
            "laos": r["laos"],
        }
        for r in selectors.province_aggregates(fiscal_year=query.fiscal_year)
    ]
