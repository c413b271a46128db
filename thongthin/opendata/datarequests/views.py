"""Pages for data requests: the list, one request (vote, follow, comment, answer), the form to
file or edit one. Views parse input, call one service or selector and render."""

from __future__ import annotations

import math
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thongthin.core.errors import ApplicationError, PermissionDenied
from thongthin.core.forms import add_service_error, query_int

from . import permissions, selectors, services
from .dictization import public_name
from .forms import CommentForm, DataRequestForm, TransitionForm
from .models import DataRequest, RequestState

PAGE_SIZE = 20
STATE_FILTERS = {"active", "closed", *RequestState.values}


def _htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _get(pk: str) -> DataRequest:
    found = selectors.datarequest_get(key=pk)
    if found is None:
        raise Http404
    return found


def _error_page(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
    context = {"status": exc.status, "message": exc.render()}
    return render(request, "core/error.html", context, status=exc.status)


def request_list(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("state", "")
    state = state if state in STATE_FILTERS else ""
    org_key = request.GET.get("organization", "")[:100]
    organization = selectors.organization_by_key(org_key) if org_key else None
    sort = request.GET.get("sort", "votes")
    sort = sort if sort in ("votes", "newest") else "votes"
    q = request.GET.get("q", "")[:200]
    page = query_int(request, "page", default=1, low=1, high=10_000) or 1
    closed = {"active": False, "closed": True}.get(state)
    qs = selectors.datarequest_list(
        state=state if closed is None else "", closed=closed, organization=organization, q=q,
        sort=sort,
    )  # fmt: skip
    total = qs.count()
    query = urlencode({k: v for k, v in {"state": state, "organization": organization.name
                       if organization else "", "sort": sort, "q": q}.items() if v})  # fmt: skip
    return render(request, "datarequests/list.html", {
        "rows": qs[(page - 1) * PAGE_SIZE : page * PAGE_SIZE], "total": total, "page": page,
        "pages": math.ceil(total / PAGE_SIZE), "querystring": query, "state": state,
        "organization": organization, "sort": sort, "q": q,
        "states": RequestState.choices, "organizations": selectors.organizations_with_requests(),
    })  # fmt: skip


def _detail_context(request: HttpRequest, r: DataRequest, **extra: Any) -> dict[str, Any]:
    allowed = permissions.allowed_transitions(request.user, r)
    context = {
        "r": r,
        "requester_name": public_name(r.requester),
        "comments": selectors.comments_for(r),
        "me": selectors.involvement(request.user, r),
        "allowed": allowed,
        "can_edit": permissions.can_edit(request.user, r),
        "can_delete": permissions.can_delete(request.user, r),
        "comment_form": CommentForm(),
        "transition_form": TransitionForm(allowed=allowed) if allowed else None,
        "answerable": selectors.answerable_datasets(r) if RequestState.FULFILLED in allowed else [],
    }
    context.update(extra)
    return context


def request_detail(request: HttpRequest, pk: str) -> HttpResponse:
    r = _get(pk)
    return render(request, "datarequests/detail.html", _detail_context(request, r))


def organization_search(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("organization_q", request.GET.get("q", ""))[:200]
    matches = selectors.organization_search(q) if q.strip() else []
    return render(request, "datarequests/_organization_choices.html", {"choices": matches})


def _save_request(
    request: HttpRequest, form: DataRequestForm, r: DataRequest | None
) -> DataRequest | None:
    """Run the create or update service; on failure put its message on the form."""
    if not form.is_valid():
        return None
    values = {
        "actor": request.user, "title": form.cleaned_data["title"],
        "description": form.cleaned_data["description"],
        "organization": form.resolved_organization,
    }  # fmt: skip
    try:
        if r is None:
            return services.datarequest_create(**values)
        return services.datarequest_update(datarequest=r, **values)
    except ApplicationError as exc:
        if "organization" in exc.fields:  # the chosen organization is a hidden field
            exc.fields["organization_q"] = exc.fields.pop("organization")
        add_service_error(form, exc)
        return None


@login_required
def request_create(request: HttpRequest) -> HttpResponse:
    form = DataRequestForm(request.POST or None)
    if request.method == "POST":
        created = _save_request(request, form, None)
        if created is not None:
            messages.success(request, _("ส่งคำขอข้อมูลแล้ว ท่านจะได้รับอีเมลเมื่อสถานะเปลี่ยน"))
            return redirect("datarequests:detail", pk=created.pk)
    status = 422 if form.errors else 200
    return render(request, "datarequests/form.html", {"form": form, "r": None}, status=status)


@login_required
def request_edit(request: HttpRequest, pk: str) -> HttpResponse:
    r = _get(pk)
    if not permissions.can_edit(request.user, r):
        return _error_page(request, PermissionDenied())
    initial = {"title": r.title, "description": r.description,
               "organization": r.organization_id or "",
               "organization_q": r.organization.title if r.organization else ""}  # fmt: skip
    form = DataRequestForm(request.POST or None, initial=initial,
                           initial_organization=r.organization)  # fmt: skip
    if request.method == "POST" and _save_request(request, form, r) is not None:
        messages.success(request, _("บันทึกการแก้ไขแล้ว"))
        return redirect("datarequests:detail", pk=r.pk)
    status = 422 if form.errors else 200
    return render(request, "datarequests/form.html", {"form": form, "r": r}, status=status)


@login_required
@require_POST
def request_delete(request: HttpRequest, pk: str) -> HttpResponse:
    r = _get(pk)
    try:
        services.datarequest_delete(actor=request.user, datarequest=r)
    except ApplicationError as exc:
        return _error_page(request, exc)
    messages.success(request, _("ลบคำขอแล้ว"))
    return redirect("datarequests:list")


def _toggle(request: HttpRequest, pk: str, on: Any, off: Any, partial: str) -> HttpResponse:
    r = _get(pk)
    service = off if request.POST.get("action") == "off" else on
    error = ""
    try:
        service(actor=request.user, datarequest=r)
    except ApplicationError as exc:
        error = exc.render()
    if not _htmx(request):
        if error:
            messages.error(request, error)
        return redirect("datarequests:detail", pk=r.pk)
    r = _get(pk)
    context = {"r": r, "me": selectors.involvement(request.user, r), "error": error}
    return render(request, partial, context)


@login_required
@require_POST
def request_vote(request: HttpRequest, pk: str) -> HttpResponse:
    return _toggle(request, pk, services.datarequest_vote, services.datarequest_unvote,
                   "datarequests/_vote.html")  # fmt: skip


@login_required
@require_POST
def request_follow(request: HttpRequest, pk: str) -> HttpResponse:
    return _toggle(request, pk, services.datarequest_follow, services.datarequest_unfollow,
                   "datarequests/_follow.html")  # fmt: skip


@login_required
@require_POST
def comment_create(request: HttpRequest, pk: str) -> HttpResponse:
    r = _get(pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment_create(
                actor=request.user, datarequest=r, text=form.cleaned_data["text"]
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            return redirect(reverse("datarequests:detail", args=[r.pk]) + "#comments")
    context = _detail_context(request, r, comment_form=form)
    return render(request, "datarequests/detail.html", context, status=422)


def _comment(r: DataRequest, comment_id: str) -> Any:
    comment = selectors.comment_get(key=comment_id)
    if comment is None or comment.request_id != r.pk:
        raise Http404
    return comment


@login_required
def comment_edit(request: HttpRequest, pk: str, comment_id: str) -> HttpResponse:
    r = _get(pk)
    comment = _comment(r, comment_id)
    if not permissions.can_edit_comment(request.user, comment):
        return _error_page(request, PermissionDenied())
    form = CommentForm(request.POST or None, initial={"text": comment.text})
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_update(
                actor=request.user, comment=comment, text=form.cleaned_data["text"]
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            return redirect("datarequests:detail", pk=r.pk)
    status = 422 if form.errors else 200
    context = {"r": r, "comment": comment, "form": form}
    return render(request, "datarequests/comment_edit.html", context, status=status)


@login_required
@require_POST
def comment_delete(request: HttpRequest, pk: str, comment_id: str) -> HttpResponse:
    r = _get(pk)
    comment = _comment(r, comment_id)
    try:
        services.comment_delete(actor=request.user, comment=comment)
    except ApplicationError as exc:
        return _error_page(request, exc)
    messages.success(request, _("ลบความคิดเห็นแล้ว"))
    return redirect("datarequests:detail", pk=r.pk)


@login_required
@require_POST
def request_transition(request: HttpRequest, pk: str) -> HttpResponse:
    r = _get(pk)
    allowed = permissions.allowed_transitions(request.user, r)
    if not allowed:
        return _error_page(request, PermissionDenied())
    form = TransitionForm(request.POST, allowed=allowed)
    if form.is_valid() and _transition(request, r, form):
        messages.success(request, _("เปลี่ยนสถานะคำขอแล้ว"))
        return redirect("datarequests:detail", pk=r.pk)
    context = _detail_context(request, r, transition_form=form)
    return render(request, "datarequests/detail.html", context, status=422)


def _transition(request: HttpRequest, r: DataRequest, form: TransitionForm) -> bool:
    data = form.cleaned_data
    dataset = selectors.dataset_by_key(data["dataset"]) if data["dataset"] else None
    if data["dataset"] and dataset is None:
        form.add_error("dataset", _("ไม่พบชุดข้อมูลนี้"))
        return False
    try:
        services.datarequest_transition(
            actor=request.user, datarequest=r, to_state=data["to_state"], dataset=dataset,
            reason=data["reason"], approx_publishing_date=data["approx_publishing_date"],
        )  # fmt: skip
    except ApplicationError as exc:
        add_service_error(form, exc)
        return False
    return True
