from __future__ import annotations

from typing import Any

from thongthin.accounts.models import LAORole
from thongthin.accounts.tests.factories import lao, member
from thongthin.assessment.models import Assessment
from thongthin.assessment.services.assessments import assessment_create

FESTIVAL_FACTS = {
    "name": "งานประเพณียี่เป็ง",
    "amount": "150000",
    "funding_source": "annual_budget",
    "budget_announced_on": "2024-09-20",
    "event_name": "ยี่เป็ง",
    "event_start": "2024-11-15",
    "event_end": "2024-11-16",
    "participants": "500",
}


def team(code: str = "4500103") -> dict[str, Any]:
    """An LAO with an officer and an executive."""
    target = lao(code)
    return {
        "lao": target,
        "officer": member(target, LAORole.OFFICER),
        "executive": member(target, LAORole.EXECUTIVE),
    }


def festival(officer: Any, lao_obj: Any, **facts: Any) -> Assessment:
    return assessment_create(
        actor=officer,
        lao=lao_obj,
        kind="festival",
        fiscal_year=2568,
        facts={**FESTIVAL_FACTS, **facts},
    )


def passing_value(check: Any, assessment: Assessment) -> Any:
    """A value that makes `check` pass for this assessment (for tests that need completeness)."""
    import datetime as dt

    if check.answer_type == "yes_no":
        return "yes"
    if check.answer_type == "choice":
        return next(c.value for c in check.choices if c.compliant)
    rule = check.rule
    if check.answer_type == "date":
        start = rule.params.get("from", "")
        base = (
            getattr(assessment, start.split(":", 1)[1], None) if start.startswith("fact:") else None
        )
        return ((base or dt.date(2024, 10, 1)) + dt.timedelta(days=1)).isoformat()
    if check.answer_type in {"amount", "number"}:
        if rule.type == "amount_at_least":
            return str(assessment.amount * 2 if assessment.amount else 1_000_000)
        return "0"
    return None


def answer_everything(
    actor: Any, assessment: Assessment, overrides: dict[str, Any] | None = None
) -> Assessment:
    """Answer every applicable check so that it passes (evidence gets a small PDF), looping
    because some checks appear only after others are answered."""
    from thongthin.assessment.evaluation import evaluate_assessment
    from thongthin.assessment.services.content import answer_save, evidence_attach
    from thongthin.registry.tests.factories import pdf_letter

    overrides = overrides or {}
    for _round in range(5):
        ev = evaluate_assessment(assessment)
        todo = [
            f
            for f in ev.applicable
            if f.result == "unanswered" and f.check.answer_type != "computed"
        ]
        if not todo:
            break
        for f in todo:
            if f.check.answer_type == "evidence":
                evidence_attach(
                    actor=actor, assessment=assessment, check_id=f.check.id, upload=pdf_letter()
                )
                continue
            value = overrides.get(f.check.id, passing_value(f.check, assessment))
            assessment = answer_save(
                actor=actor, assessment=assessment, check_id=f.check.id, value=value
            )
    assessment.refresh_from_db()
    return assessment
