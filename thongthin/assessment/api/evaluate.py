"""Evaluate a project without saving, and the framework in force: public, no sign-in."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from ninja import Router

from thongthin.core.api import ErrorOut
from thongthin.core.errors import ValidationFailed

from ..evaluation import evaluation_as_dict, source_list
from ..framework.evaluate import CostLine, ProjectFacts, evaluate, normalize_answers
from ..framework.schema import Check, Framework
from ..models import FrameworkVersion
from ..services import facts as facts_svc
from ..services.frameworks import framework_current
from .examples import EVALUATION_EXAMPLE, FRAMEWORK_EXAMPLE
from .schemas import EvaluateIn, EvaluationOut, FactsIn, FrameworkOut

router = Router(tags=["assessment"])

# Operation ids as they were when the API was one module (generated clients use them).
_OP = "thongthin_assessment_api_"


def _example(example: dict[str, Any]) -> dict[str, Any]:
    return {"responses": {200: {"content": {"application/json": {"example": example}}}}}


def _facts(data: FactsIn) -> ProjectFacts:
    values = data.dict()
    for name in ("funding_source", "recipient_type", "sports_mode"):
        values[name] = values[name] or ""
    return ProjectFacts(**values)


def _engine_inputs(version: FrameworkVersion, payload: EvaluateIn) -> dict[str, Any]:
    """The engine's inputs, checked by the same rules as a saved assessment's (cost categories of
    the framework, the event's dates in order): every problem at once, fields named as in the
    request (cost_lines.0.category)."""
    errors: dict[str, str] = {}
    lines: list[CostLine] = []
    for i, line in enumerate(payload.cost_lines):
        try:
            lines.append(CostLine(**facts_svc.clean_cost_line(version, payload.kind, line.dict())))
        except ValidationFailed as exc:
            errors.update({f"cost_lines.{i}.{name}": text for name, text in exc.fields.items()})
    facts = payload.facts
    if facts.event_start and facts.event_end and facts.event_end < facts.event_start:
        errors["facts.event_end"] = str(_("วันสิ้นสุดงานต้องไม่ก่อนวันเริ่มงาน"))
    if errors:
        raise ValidationFailed(_("ข้อมูลที่ส่งมาไม่ถูกต้อง กรุณาตรวจสอบช่องที่ระบุ"), fields=errors)
    fw = version.parsed()
    return {
        "kind": payload.kind,
        "lao_type": payload.lao_type,
        "fiscal_year": payload.fiscal_year,
        "answers": normalize_answers(fw, payload.kind, payload.answers),
        "facts": _facts(facts),
        "cost_lines": lines,
    }


@router.post(
    "/assessments/evaluate",
    response={200: EvaluationOut, 422: ErrorOut},
    summary="Evaluate a project against the framework in force, without saving",
    auth=None,
    operation_id=_OP + "assessments_evaluate",
    openapi_extra=_example(EVALUATION_EXAMPLE),
)
def assessments_evaluate(request: HttpRequest, payload: EvaluateIn) -> dict:
    version = framework_current()
    ev = evaluate(version.parsed(), **_engine_inputs(version, payload))
    return evaluation_as_dict(ev, language=payload.language or translation.get_language())


def _check_out(fw: Framework, c: Check) -> dict[str, Any]:
    return {
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
        "fail_message": str(c.fail_message),
        "recommendation": str(c.recommendation),
        "in_force_from": c.in_force_from,
        "in_force_to": c.in_force_to,
    }


def _framework_out(fw: Framework) -> dict[str, Any]:
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
        "checks": [_check_out(fw, c) for c in fw.checks],
    }


@router.get(
    "/assessment-frameworks/current",
    response={200: FrameworkOut, 404: ErrorOut},
    summary="The assessment framework in force: checks, sources, caps, cost categories",
    auth=None,
    operation_id=_OP + "framework_current_api",
    openapi_extra=_example(FRAMEWORK_EXAMPLE),
)
def framework_current_api(request: HttpRequest) -> dict:
    return _framework_out(framework_current().parsed())
