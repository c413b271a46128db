"""Bridges stored assessments and the pure engine: build the engine's inputs from the database,
and turn an Evaluation into the JSON kept on the assessment and sent by the API."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import translation

from thongthin.core.audit import jsonable

from .framework.evaluate import CostLine as EngineLine
from .framework.evaluate import Evaluation, ProjectFacts, evaluate
from .framework.schema import Framework
from .models import Assessment


def facts_of(assessment: Assessment) -> ProjectFacts:
    return ProjectFacts(
        amount=assessment.amount,
        funding_source=assessment.funding_source,
        recipient_type=assessment.recipient_type,
        sports_mode=assessment.sports_mode,
        event_start=assessment.event_start,
        event_end=assessment.event_end,
        budget_announced_on=assessment.budget_announced_on,
        budget_transfer=assessment.budget_transfer,
        transfer_approved_on=assessment.transfer_approved_on,
        plan_years=assessment.plan_years,
        plan_page=assessment.plan_page,
        plan_sequence=assessment.plan_sequence,
        participants=assessment.participants,
    )


def answers_of(assessment: Assessment, fw: Framework) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for check_id, value in assessment.answers.values_list("check_id", "value"):
        check = fw.check(check_id)
        if check is None:
            continue
        # Stored as JSON: dates as ISO strings, numbers as strings.
        if check.answer_type in {"amount", "number"}:
            answers[check_id] = Decimal(str(value))
        elif check.answer_type == "date":
            answers[check_id] = dt.date.fromisoformat(value)
        else:
            answers[check_id] = value
    return answers


def lines_of(assessment: Assessment) -> list[EngineLine]:
    return [
        EngineLine(
            line.category, line.description, line.quantity, line.unit_cost, line.persons, line.days
        )
        for line in assessment.cost_lines.all()
    ]


def evaluate_assessment(assessment: Assessment) -> Evaluation:
    fw = assessment.framework.parsed()
    return evaluate(
        fw,
        kind=assessment.kind,
        lao_type=assessment.lao.lao_type,
        fiscal_year=assessment.fiscal_year,
        answers=answers_of(assessment, fw),
        facts=facts_of(assessment),
        cost_lines=lines_of(assessment),
    )


def source_list(fw: Framework, check: Any) -> list[dict[str, Any]]:
    out = []
    for ref in check.sources:
        source = fw.sources[ref.source]
        out.append(
            {
                "id": ref.source,
                "instrument": str(source.title),
                "clause": ref.clause,
                "url": ref.url or source.url,
                "verification": source.verification,
            }
        )
    return out


def evaluation_as_dict(
    ev: Evaluation, *, language: str | None = None, only_applicable: bool = True
) -> dict:
    """The API/JSON form of an evaluation, messages in `language` (default: active)."""
    with translation.override(language or translation.get_language() or "th"):
        findings = []
        for f in ev.findings:
            if only_applicable and not f.applicable:
                continue
            findings.append(
                {
                    "check_id": f.check.id,
                    "topic": f.check.topic,
                    "applicable": f.applicable,
                    "result": f.result,
                    "severity": f.check.severity,
                    "question": str(f.check.question),
                    "message": f.message,
                    "recommendation": str(f.check.recommendation) if f.result == "fail" else "",
                    "verification": f.check.verification,
                    "sources": source_list(ev.framework, f.check),
                    "answer": jsonable(f.answer),
                    "details": {k: jsonable(v) for k, v in f.params.items()},
                }
            )
        return {
            "framework_version": ev.framework.version,
            "kind": ev.kind,
            "lao_type": ev.lao_type,
            "fiscal_year": ev.fiscal_year.be_year,
            "level": ev.level,
            "score": str(ev.score) if ev.score is not None else None,
            "complete": ev.complete,
            "topics": [
                {
                    "topic": t.topic,
                    "score": str(t.score) if t.score is not None else None,
                    "passed": t.passed,
                    "failed": t.failed,
                    "unanswered": t.unanswered,
                    "not_applicable": t.not_applicable,
                }
                for t in ev.topics
            ],
            "findings": findings,
        }


def compact_result(ev: Evaluation) -> dict[str, Any]:
    """What is kept on the assessment row: the level, scores and each applicable check's result
    with the numbers that decided it. Messages are rendered from the (immutable) framework version
    when shown, so the row stays small (about 2 KB rather than 50)."""
    return {
        "framework_version": ev.framework.version,
        "level": ev.level,
        "score": str(ev.score) if ev.score is not None else None,
        "complete": ev.complete,
        "topics": [
            {"topic": t.topic, "score": str(t.score) if t.score is not None else None,
             "passed": t.passed, "failed": t.failed, "unanswered": t.unanswered}
            for t in ev.topics
        ],
        "findings": [
            {"check_id": f.check.id, "result": f.result,
             **({"details": {k: jsonable(v) for k, v in f.params.items()}} if f.params else {})}
            for f in ev.findings
            if f.applicable
        ],
    }  # fmt: skip
