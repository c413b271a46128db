"""The framework in force, readable by anyone; revised and published by content editors."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thongthin.core.errors import ApplicationError, NotFound

from .. import selectors
from ..framework.schema import TOPIC_ORDER, ProjectKind, Severity, Topic, Verification
from ..models import FrameworkStatus
from ..permissions import can_edit_framework
from ..services import frameworks as svc
from .common import error_page


def _version(request: HttpRequest, version: str):  # type: ignore[no-untyped-def]
    try:
        return selectors.framework_get(user=request.user, version=version)
    except NotFound:
        raise Http404 from None


def framework_list(request: HttpRequest) -> HttpResponse:
    return render(request, "assessment/frameworks.html", {
        "versions": selectors.frameworks(user=request.user),
        "can_edit": can_edit_framework(request.user),
    })  # fmt: skip


def framework_detail(request: HttpRequest, version: str) -> HttpResponse:
    framework = _version(request, version)
    fw = framework.parsed()
    kinds = []
    for kind, label in ProjectKind.choices:
        topics = [
            {"label": Topic(t).label, "checks": [c for c in fw.checks_for(kind) if c.topic == t]}
            for t in TOPIC_ORDER
        ]
        kinds.append({"kind": kind, "label": label, "topics": topics})
    return render(request, "assessment/framework_detail.html", {
        "framework": framework, "fw": fw, "kinds": kinds,
        "editable": framework.status == FrameworkStatus.DRAFT and can_edit_framework(request.user),
        "severities": Severity.choices, "verifications": Verification.choices,
    })  # fmt: skip


@login_required
@require_POST
def framework_new(request: HttpRequest) -> HttpResponse:
    try:
        draft = svc.framework_draft_create(
            actor=request.user, version=request.POST.get("version", "")
        )
    except ApplicationError as exc:
        messages.error(request, exc.render())
        return redirect("assessment:frameworks")
    return redirect("assessment:framework", version=draft.version)


@login_required
def framework_check_edit(request: HttpRequest, version: str, check_id: str) -> HttpResponse:
    framework = _version(request, version)
    fw = framework.parsed()
    check = fw.check(check_id)
    if check is None:
        raise Http404
    if request.method == "POST":
        texts = {
            name: {
                "th": request.POST.get(f"{name}_th", ""),
                "en": request.POST.get(f"{name}_en", ""),
            }
            for name in svc.EDITABLE_CHECK_FIELDS
        }
        try:
            svc.framework_draft_update_check(
                actor=request.user,
                draft=framework,
                check_id=check.id,
                texts=texts,
                severity=request.POST.get("severity", ""),
                verification=request.POST.get("verification", ""),
            )
        except ApplicationError as exc:
            return render(request, "assessment/framework_check_edit.html", {
                "framework": framework, "check": check, "error": exc.render(),
                "severities": Severity.choices, "verifications": Verification.choices,
            }, status=exc.status)  # fmt: skip
        messages.success(request, _("บันทึกแล้ว"))
        return redirect("assessment:framework", version=framework.version)
    if not can_edit_framework(request.user) or framework.status != FrameworkStatus.DRAFT:
        return error_page(request, NotFound())
    return render(request, "assessment/framework_check_edit.html", {
        "framework": framework, "check": check,
        "severities": Severity.choices, "verifications": Verification.choices,
    })  # fmt: skip


@login_required
@require_POST
def framework_parameter_edit(request: HttpRequest, version: str, parameter_id: str) -> HttpResponse:
    framework = _version(request, version)
    try:
        svc.framework_draft_update_parameter(
            actor=request.user,
            draft=framework,
            parameter_id=parameter_id,
            value=request.POST.get("value", ""),
            verification=request.POST.get("verification", ""),
        )
    except ApplicationError as exc:
        messages.error(request, exc.render())
    else:
        messages.success(request, _("บันทึกแล้ว"))
    return redirect("assessment:framework", version=framework.version)


@login_required
@require_POST
def framework_publish(request: HttpRequest, version: str) -> HttpResponse:
    framework = _version(request, version)
    try:
        svc.framework_publish(actor=request.user, draft=framework)
    except ApplicationError as exc:
        messages.error(request, exc.render())
    else:
        messages.success(
            request, _("เผยแพร่เกณฑ์รุ่น %(version)s แล้ว") % {"version": framework.version}
        )
    return redirect("assessment:framework", version=framework.version)
