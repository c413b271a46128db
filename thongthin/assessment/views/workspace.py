"""The LAO's workspace: start an assessment, answer topic by topic (saved as given, htmx),
cost lines, evidence, and the workflow buttons."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thongthin.accounts import permissions as account_permissions
from thongthin.core.errors import ApplicationError, NotFound
from thongthin.core.forms import show_service_error
from thongthin.directory.models import LAO
from thongthin.directory.selectors import lao_get

from .. import selectors
from ..evaluation import evaluate_assessment, source_list
from ..forms import CostLineForm, FactsForm, ReasonForm
from ..framework.schema import TOPIC_ORDER, ProjectKind, Topic
from ..models import Assessment, AssessmentStatus
from ..permissions import can_prepare, can_share, can_sign
from ..services import assessments as svc
from ..services import content as content_svc
from ..services import facts as facts_svc
from .common import error_page, get_assessment


@login_required
def assessment_list(request: HttpRequest) -> HttpResponse:
    memberships = account_permissions.lao_roles(request.user)
    if not memberships:
        if account_permissions.is_auditor(request.user):
            return redirect("assessment:dashboard")
        return error_page(request, NotFound(_("คุณยังไม่ได้เป็นเจ้าหน้าที่ของ อปท. ใด")))
    laos = []
    by_id = LAO.objects.select_related("province").in_bulk(list(memberships))
    for lao_id in memberships:
        lao = by_id[lao_id]
        laos.append(
            {
                "lao": lao,
                "role": memberships[lao_id],
                "can_prepare": can_prepare(request.user, lao),
                "assessments": selectors.assessment_list_for_lao(user=request.user, lao=lao)[:100],
            }
        )
    return render(request, "assessment/list.html", {"laos": laos})


def _kind_or_none(value: str) -> str | None:
    return value if value in ProjectKind.values else None


@login_required
def assessment_new(request: HttpRequest, dla_code: str) -> HttpResponse:
    try:
        lao = lao_get(dla_code)
    except NotFound:
        raise Http404 from None
    if not can_prepare(request.user, lao):
        return error_page(request, NotFound(_("คุณไม่มีสิทธิ์เริ่มแบบประเมินของ อปท. นี้")))
    kind = _kind_or_none(request.GET.get("kind") or request.POST.get("kind", ""))
    if kind is None:
        return render(
            request, "assessment/new_kind.html", {"lao": lao, "kinds": ProjectKind.choices}
        )
    form = FactsForm(request.POST or None, kind=kind, initial={"fiscal_year": _default_year()})
    status = 200
    if request.method == "POST":
        form.is_valid()
        facts = _form_facts(request, form)
        try:
            assessment = svc.assessment_create(
                actor=request.user,
                lao=lao,
                kind=kind,
                fiscal_year=request.POST.get("fiscal_year"),
                facts=facts,
            )
        except ApplicationError as exc:
            show_service_error(form, exc)
            status = exc.status
        else:
            return redirect("assessment:detail", uid=assessment.uid)
    return render(
        request,
        "assessment/facts_form.html",
        {"lao": lao, "kind": kind, "kind_label": ProjectKind(kind).label, "form": form},
        status=status,
    )


def _default_year() -> int:
    from thongthin.core.fiscal_year import FiscalYear

    return FiscalYear.current().be_year


def _form_facts(request: HttpRequest, form: FactsForm) -> dict[str, Any]:
    """Raw values for the service; BE dates already read by the form when they are valid."""
    facts: dict[str, Any] = {name: request.POST.get(name, "") for name in facts_svc.FACT_FIELDS}
    cleaned = getattr(form, "cleaned_data", {}) or {}
    for name in ("budget_announced_on", "transfer_approved_on", "event_start", "event_end"):
        if cleaned.get(name):
            facts[name] = cleaned[name]
    return facts


@login_required
def assessment_facts(request: HttpRequest, uid: Any) -> HttpResponse:
    assessment = get_assessment(request, uid)
    initial = {name: getattr(assessment, name) for name in facts_svc.FACT_FIELDS}
    initial["fiscal_year"] = assessment.fiscal_year
    initial["budget_transfer"] = {True: "true", False: "false"}.get(assessment.budget_transfer, "")  # type: ignore[arg-type]
    form = FactsForm(request.POST or None, kind=assessment.kind, initial=initial)
    form.fields["fiscal_year"].disabled = True
    status = 200
    if request.method == "POST":
        form.is_valid()
        try:
            svc.assessment_update_facts(
                actor=request.user, assessment=assessment, facts=_form_facts(request, form)
            )
        except ApplicationError as exc:
            show_service_error(form, exc)
            status = exc.status
        else:
            messages.success(request, _("บันทึกข้อมูลโครงการแล้ว"))
            return redirect("assessment:detail", uid=assessment.uid)
    return render(request, "assessment/facts_form.html", {
        "lao": assessment.lao, "kind": assessment.kind, "kind_label": assessment.get_kind_display(),
        "form": form, "assessment": assessment,
    }, status=status)  # fmt: skip


def workspace_context(request: HttpRequest, assessment: Assessment, **extra: Any) -> dict[str, Any]:
    ev = evaluate_assessment(assessment)
    fw = ev.framework
    evidence: dict[str, list] = {}
    for item in assessment.evidence.all():
        evidence.setdefault(item.check_id, []).append(item)
    topics = []
    for topic in TOPIC_ORDER:
        items = []
        for f in ev.findings:
            if f.check.topic != topic or not f.applicable:
                continue
            items.append(
                {
                    "f": f,
                    "sources": source_list(fw, f.check),
                    "evidence": evidence.get(f.check.id, []),
                }
            )
        score = next(t for t in ev.topics if t.topic == topic)
        topics.append({"topic": topic, "label": Topic(topic).label, "items": items, "score": score})
    editable = assessment.editable and can_prepare(request.user, assessment.lao)
    categories = [(c.id, str(c.label)) for c in fw.categories.values()]
    return {
        "a": assessment,
        "ev": ev,
        "topics": topics,
        "editable": editable,
        "can_sign": can_sign(request.user, assessment.lao)
        and assessment.status == AssessmentStatus.SUBMITTED,
        "can_share": can_share(request.user, assessment.lao),
        "newer_revision": assessment.revisions.order_by("-revision").first(),
        "can_revise": can_prepare(request.user, assessment.lao)
        and not assessment.editable
        and not assessment.revisions.exists(),
        "cost_lines": list(assessment.cost_lines.all()),
        "cost_total": sum((line.amount for line in assessment.cost_lines.all()), start=0),
        "cost_form": CostLineForm(categories=categories),
        "reason_form": ReasonForm(),
        "share_url": request.build_absolute_uri(
            reverse("assessment:shared", args=[assessment.share_token])
        )
        if assessment.share_token
        else "",
        **extra,
    }


@login_required
def assessment_detail(request: HttpRequest, uid: Any) -> HttpResponse:
    assessment = get_assessment(request, uid)
    return render(request, "assessment/workspace.html", workspace_context(request, assessment))


@login_required
@require_POST
def answer(request: HttpRequest, uid: Any, check_id: str) -> HttpResponse:
    assessment = get_assessment(request, uid)
    error = None
    try:
        assessment = content_svc.answer_save(
            actor=request.user,
            assessment=assessment,
            check_id=check_id[:20],
            value=request.POST.get("value", ""),
        )
    except ApplicationError as exc:
        error = {"check_id": check_id, "message": exc.render()}
        status = exc.status
    else:
        status = 200
    if request.headers.get("HX-Request"):
        context = workspace_context(request, assessment, answer_error=error, partial=True)
        return render(request, "assessment/_checks_and_result.html", context, status=status)
    if error:
        messages.error(request, error["message"])
    return redirect(
        reverse("assessment:detail", kwargs={"uid": assessment.uid}) + f"#check-{check_id}"
    )


@login_required
@require_POST
def cost_line_add(request: HttpRequest, uid: Any) -> HttpResponse:
    assessment = get_assessment(request, uid)
    try:
        content_svc.cost_line_add(
            actor=request.user, assessment=assessment, data=request.POST.dict()
        )
    except ApplicationError as exc:
        fw = assessment.framework.parsed()
        form = CostLineForm(
            request.POST, categories=[(c.id, str(c.label)) for c in fw.categories.values()]
        )
        show_service_error(form, exc)
        context = workspace_context(request, assessment)
        context["cost_form"] = form
        return render(request, "assessment/workspace.html", context, status=exc.status)
    return redirect(reverse("assessment:detail", kwargs={"uid": assessment.uid}) + "#cost-lines")


@login_required
@require_POST
def cost_line_delete(request: HttpRequest, uid: Any, line_id: int) -> HttpResponse:
    assessment = get_assessment(request, uid)
    line = assessment.cost_lines.filter(pk=line_id).first()
    if line is None:
        raise Http404
    try:
        content_svc.cost_line_delete(actor=request.user, line=line)
    except ApplicationError as exc:
        return error_page(request, exc)
    return redirect(reverse("assessment:detail", kwargs={"uid": assessment.uid}) + "#cost-lines")


@login_required
@require_POST
def evidence_upload(request: HttpRequest, uid: Any, check_id: str) -> HttpResponse:
    assessment = get_assessment(request, uid)
    try:
        content_svc.evidence_attach(
            actor=request.user,
            assessment=assessment,
            check_id=check_id[:20],
            upload=request.FILES.get("file"),
        )
    except ApplicationError as exc:
        messages.error(request, exc.render())
        response = redirect(
            reverse("assessment:detail", kwargs={"uid": assessment.uid}) + f"#check-{check_id}"
        )
        return response
    messages.success(request, _("แนบไฟล์แล้ว"))
    return redirect(
        reverse("assessment:detail", kwargs={"uid": assessment.uid}) + f"#check-{check_id}"
    )


@login_required
def evidence_file(request: HttpRequest, uid: Any, evidence_id: int) -> HttpResponse | FileResponse:
    assessment = get_assessment(request, uid)
    item = assessment.evidence.filter(pk=evidence_id).first()
    if item is None:
        raise Http404
    response = FileResponse(item.file.open("rb"), content_type=item.content_type)
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def transition(request: HttpRequest, uid: Any, action: str) -> HttpResponse:
    assessment = get_assessment(request, uid)
    actions = {
        "submit": lambda: svc.assessment_submit(actor=request.user, assessment=assessment),
        "return": lambda: svc.assessment_return(
            actor=request.user, assessment=assessment, reason=request.POST.get("reason", "")
        ),
        "sign-off": lambda: svc.assessment_sign_off(actor=request.user, assessment=assessment),
        "revise": lambda: svc.assessment_revise(actor=request.user, assessment=assessment),
        "share": lambda: svc.assessment_share(
            actor=request.user, assessment=assessment, shared=True
        ),
        "unshare": lambda: svc.assessment_share(
            actor=request.user, assessment=assessment, shared=False
        ),
        "delete": lambda: svc.assessment_delete(actor=request.user, assessment=assessment),
    }
    if action not in actions:
        raise Http404
    try:
        result = actions[action]()
    except ApplicationError as exc:
        context = workspace_context(request, assessment, action_error=exc.render())
        return render(request, "assessment/workspace.html", context, status=exc.status)
    done = {
        "submit": _("ส่งให้ผู้บริหารพิจารณาแล้ว"), "return": _("ส่งกลับให้แก้ไขแล้ว"),
        "sign-off": _("ลงนามแล้ว"), "revise": _("เริ่มฉบับแก้ไขใหม่แล้ว"), "share": _("เผยแพร่รายงานแล้ว"),
        "unshare": _("ยกเลิกการเผยแพร่แล้ว"), "delete": _("ลบฉบับร่างแล้ว"),
    }  # fmt: skip
    messages.success(request, done[action])
    if action == "delete":
        return redirect("assessment:list")
    target = result if isinstance(result, Assessment) else assessment
    return redirect("assessment:detail", uid=target.uid)
