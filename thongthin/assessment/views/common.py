from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from thongthin.core.errors import ApplicationError, NotFound

from .. import selectors
from ..models import Assessment


def error_page(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
    return render(
        request,
        "core/error.html",
        {"status": exc.status, "message": exc.render()},
        status=exc.status,
    )


def get_assessment(request: HttpRequest, uid: Any) -> Assessment:
    try:
        return selectors.assessment_get(user=request.user, uid=uid)
    except NotFound:
        raise Http404 from None
