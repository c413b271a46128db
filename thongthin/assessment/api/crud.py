"""Saved assessments under the same rules as the pages (session authentication; LAO staff their
LAO's, auditors their provinces'), and the public province-level aggregates."""

from __future__ import annotations

import math
from typing import Any
from uuid import UUID

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.security import django_auth

from thongthin.core.api import ErrorOut
from thongthin.core.errors import NotFound
from thongthin.directory.selectors import lao_get

from .. import selectors
from ..evaluation import evaluate_assessment, evaluation_as_dict
from ..models import Assessment
from ..services import assessments as svc
from ..services import content as content_svc
from ..services import facts as facts_svc
from .schemas import (
    AggregateOut,
    AggregateQuery,
    AnswerIn,
    AssessmentCreateIn,
    AssessmentOut,
    AssessmentPage,
    AssessmentPatchIn,
    CostLineIn,
    ListQuery,
    ReasonIn,
    ShareIn,
)

router = Router(tags=["assessment"])

# Operation ids as they were when the API was one module (generated clients use them).
_OP = "thongthin_assessment_api_"


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
        current = {name: getattr(existing, name) for name in facts_svc.FACT_FIELDS}
        return {**current, **data}
    return data


@router.get(
    "/assessments",
    response={200: AssessmentPage, 401: ErrorOut, 422: ErrorOut},
    auth=django_auth,
    summary="Assessments you may see, the most recently changed first, a page at a time",
    operation_id=_OP + "assessments_list",
)
def assessments_list(request: HttpRequest, query: Query[ListQuery]) -> dict:
    items, total = selectors.assessment_list_page(
        user=request.user,
        fiscal_year=query.fiscal_year,
        kind=query.kind or "",
        lao=query.lao,
        page=query.page,
        page_size=query.page_size,
    )
    return {
        "results": [_out(a) for a in items],
        "count": total,
        "page": query.page,
        "page_size": query.page_size,
        "pages": math.ceil(total / query.page_size) if total else 0,
    }


@router.post(
    "/assessments",
    response={201: AssessmentOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    auth=django_auth,
    summary="Start an assessment",
    operation_id=_OP + "assessments_create",
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
    operation_id=_OP + "assessments_get",
)
def assessments_get(request: HttpRequest, uid: UUID) -> dict:
    return _detail(selectors.assessment_get(user=request.user, uid=uid))


_EDIT_RESPONSES = {
    200: AssessmentOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
}


@router.patch(
    "/assessments/{uid}",
    response=_EDIT_RESPONSES,
    auth=django_auth,
    operation_id=_OP + "assessments_patch",
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
    operation_id=_OP + "assessments_delete",
)
def assessments_delete(request: HttpRequest, uid: UUID) -> Status:
    svc.assessment_delete(
        actor=request.user, assessment=selectors.assessment_get(user=request.user, uid=uid)
    )
    return Status(204, None)


@router.put(
    "/assessments/{uid}/answers/{check_id}",
    response=_EDIT_RESPONSES,
    auth=django_auth,
    summary="Save one answer (unknown clears it)",
    operation_id=_OP + "assessments_answer",
)
def assessments_answer(request: HttpRequest, uid: UUID, check_id: str, payload: AnswerIn) -> dict:
    a = selectors.assessment_get(user=request.user, uid=uid)
    return _detail(
        content_svc.answer_save(
            actor=request.user, assessment=a, check_id=check_id[:20], value=payload.value
        )
    )


@router.post(
    "/assessments/{uid}/cost-lines",
    response={201: AssessmentOut, **{k: v for k, v in _EDIT_RESPONSES.items() if k != 200}},
    auth=django_auth,
    operation_id=_OP + "assessments_cost_line_add",
)
def assessments_cost_line_add(request: HttpRequest, uid: UUID, payload: CostLineIn) -> Status:
    a = selectors.assessment_get(user=request.user, uid=uid)
    content_svc.cost_line_add(actor=request.user, assessment=a, data=payload.dict())
    return Status(201, _detail(selectors.assessment_get(user=request.user, uid=uid)))


@router.delete(
    "/assessments/{uid}/cost-lines/{line_id}",
    response={200: AssessmentOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    auth=django_auth,
    operation_id=_OP + "assessments_cost_line_delete",
)
def assessments_cost_line_delete(request: HttpRequest, uid: UUID, line_id: int) -> dict:
    a = selectors.assessment_get(user=request.user, uid=uid)
    line = a.cost_lines.filter(pk=line_id).first()
    if line is None:
        raise NotFound(code="cost_line_not_found")
    content_svc.cost_line_delete(actor=request.user, line=line)
    return _detail(selectors.assessment_get(user=request.user, uid=uid))


@router.post(
    "/assessments/{uid}/submit",
    response=_EDIT_RESPONSES,
    auth=django_auth,
    operation_id=_OP + "assessments_submit",
)
def assessments_submit(request: HttpRequest, uid: UUID) -> dict:
    a = selectors.assessment_get(user=request.user, uid=uid)
    return _detail(svc.assessment_submit(actor=request.user, assessment=a))


@router.post(
    "/assessments/{uid}/return",
    response=_EDIT_RESPONSES,
    auth=django_auth,
    operation_id=_OP + "assessments_return",
)
def assessments_return(request: HttpRequest, uid: UUID, payload: ReasonIn) -> dict:
    a = selectors.assessment_get(user=request.user, uid=uid)
    return _detail(svc.assessment_return(actor=request.user, assessment=a, reason=payload.reason))


@router.post(
    "/assessments/{uid}/sign-off",
    response=_EDIT_RESPONSES,
    auth=django_auth,
    operation_id=_OP + "assessments_sign_off",
)
def assessments_sign_off(request: HttpRequest, uid: UUID) -> dict:
    a = selectors.assessment_get(user=request.user, uid=uid)
    return _detail(svc.assessment_sign_off(actor=request.user, assessment=a))


@router.post(
    "/assessments/{uid}/revise",
    response={201: AssessmentOut, **{k: v for k, v in _EDIT_RESPONSES.items() if k != 200}},
    auth=django_auth,
    operation_id=_OP + "assessments_revise",
)
def assessments_revise(request: HttpRequest, uid: UUID) -> Status:
    a = selectors.assessment_get(user=request.user, uid=uid)
    return Status(201, _detail(svc.assessment_revise(actor=request.user, assessment=a)))


@router.post(
    "/assessments/{uid}/share",
    response=_EDIT_RESPONSES,
    auth=django_auth,
    operation_id=_OP + "assessments_share",
)
def assessments_share(request: HttpRequest, uid: UUID, payload: ShareIn) -> dict:
    a = selectors.assessment_get(user=request.user, uid=uid)
    return _detail(svc.assessment_share(actor=request.user, assessment=a, shared=payload.shared))


@router.get(
    "/assessment-aggregates",
    response={200: list[AggregateOut], 422: ErrorOut},
    auth=None,
    summary="Province-level counts of signed-off assessments (open data feed)",
    operation_id=_OP + "assessment_aggregates",
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
