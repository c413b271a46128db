from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from thongthin.core.errors import NotFound

from .. import selectors
from ..evaluation import evaluate_assessment, source_list
from ..framework.schema import TOPIC_ORDER, Topic
from ..report_pdf import render_report
from .common import get_assessment


def _pdf_response(assessment: Any) -> HttpResponse:
    response = HttpResponse(
        render_report(assessment, language=get_language() or "th"), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="assessment-{assessment.uid}.pdf"'
    return response


@login_required
def report_pdf(request: HttpRequest, uid: Any) -> HttpResponse:
    return _pdf_response(get_assessment(request, uid))


def _shared(token: str) -> Any:
    try:
        return selectors.assessment_get_shared(token)
    except NotFound:
        raise Http404 from None


def shared(request: HttpRequest, token: str) -> HttpResponse:
    """The public, read-only report page an LAO chose to share."""
    assessment = _shared(token)
    ev = evaluate_assessment(assessment)
    topics = [
        {
            "label": Topic(topic).label,
            "score": next(t for t in ev.topics if t.topic == topic),
            "items": [
                {"f": f, "sources": source_list(ev.framework, f.check)}
                for f in ev.findings
                if f.check.topic == topic and f.applicable
            ],
        }
        for topic in TOPIC_ORDER
    ]
    return render(
        request,
        "assessment/shared.html",
        {"a": assessment, "ev": ev, "topics": topics, "token": token},
    )


def shared_pdf(request: HttpRequest, token: str) -> HttpResponse:
    return _pdf_response(_shared(token))
