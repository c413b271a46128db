from __future__ import annotations

import math
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thongthin.core.errors import ApplicationError, NotFound, PermissionDenied, ValidationFailed
from thongthin.core.forms import add_service_error, show_service_error
from thongthin.core.middleware import client_ip
from thongthin.directory.models import LAOType
from thongthin.directory.selectors import LAOFilters, lao_get, lao_search_page

from . import exports, selectors, services
from .dns import DomainPolicy
from .email_check import email_check
from .forms import CheckForm, ReasonForm, RegistrationForm
from .hints import address_hints, hint_message
from .models import RegistrationStatus

PAGE_SIZE = 50


def _forbidden(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/error.html",
        {"status": 403, "message": PermissionDenied().render()},
        status=403,
    )


def _filters(request: HttpRequest) -> tuple[str, str]:
    province = request.GET.get("province", "")[:2]
    lao_type = request.GET.get("type", "")
    return (province if province.isdigit() else ""), (
        lao_type if lao_type in LAOType.values else ""
    )


def registered_list(request: HttpRequest) -> HttpResponse:
    province, lao_type = _filters(request)
    qs = selectors.registered_laos(province=province, lao_type=lao_type)
    total = qs.count()
    try:
        page = max(1, min(int(request.GET.get("page", 1)), 10_000))
    except ValueError:
        page = 1
    query = urlencode({k: v for k, v in {"province": province, "type": lao_type}.items() if v})
    return render(request, "registry/list.html", {
        "rows": qs[(page - 1) * PAGE_SIZE : page * PAGE_SIZE],
        "total": total, "page": page, "pages": math.ceil(total / PAGE_SIZE), "querystring": query,
        "provinces": selectors.provinces(), "types": LAOType.choices,
        "province": province, "lao_type": lao_type,
    })  # fmt: skip


def progress(request: HttpRequest) -> HttpResponse:
    province, lao_type = _filters(request)
    by_province = selectors.progress_by_province(lao_type=lao_type)
    by_type = selectors.progress_by_type(province=province)
    return render(request, "registry/progress.html", {
        "by_province": by_province, "by_type": by_type,
        "total": selectors.progress_total([p for p in by_type if p.key == (lao_type or p.key)]),
        "provinces": selectors.provinces(), "types": LAOType.choices,
        "province": province, "lao_type": lao_type,
    })  # fmt: skip


def export(request: HttpRequest, fmt: str) -> HttpResponse:
    province, lao_type = _filters(request)
    rows = selectors.registered_laos(province=province, lao_type=lao_type)
    writers = {
        "csv": (exports.to_csv, "text/csv; charset=utf-8"),
        "xlsx": (
            exports.to_xlsx,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        "json": (exports.to_json, "application/json; charset=utf-8"),
    }
    if fmt not in writers:
        raise Http404
    writer, content_type = writers[fmt]
    response = HttpResponse(writer(rows), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="lao-central-emails.{fmt}"'
    return response


def check(request: HttpRequest) -> HttpResponse:
    # Bound only when an address was sent: `?lang=en` alone is not an empty submission.
    form = CheckForm(request.GET if "address" in request.GET else None)
    result = None
    if form.is_bound and form.is_valid():
        try:
            result = email_check(form.cleaned_data["address"])
        except ValidationFailed as exc:
            add_service_error(form, exc)
    status = 422 if form.errors else 200
    return render(request, "registry/check.html", {"form": form, "result": result}, status=status)


def register(request: HttpRequest) -> HttpResponse:
    """Step 1: find the LAO."""
    q = request.GET.get("q", "")[:200]
    results = lao_search_page(LAOFilters(q=q), page=1, page_size=15)[0] if q.strip() else []
    return render(request, "registry/register_pick.html", {"q": q, "results": results})


def register_for(request: HttpRequest, dla_code: str) -> HttpResponse:
    """Step 2: the address, the submitter and the letter."""
    try:
        lao = lao_get(dla_code)
    except NotFound:
        raise Http404 from None
    form = RegistrationForm(request.POST or None)
    status = 200
    if request.method == "POST":
        # The service validates (the same rules serve the API) and gives the messages.
        try:
            registration = services.registration_submit(
                lao=lao,
                email=request.POST.get("email", ""),
                submitter_name=request.POST.get("submitter_name", ""),
                submitter_position=request.POST.get("submitter_position", ""),
                submitter_phone=request.POST.get("submitter_phone", ""),
                letter=request.FILES.get("letter"),
                actor=request.user,
                ip=client_ip(request),
            )
        except ApplicationError as exc:
            show_service_error(form, exc)
            status = exc.status
        else:
            request.session["registry_submitted"] = registration.pk
            return redirect("registry:submitted")
    return render(request, "registry/register_form.html", {"lao": lao, "form": form}, status=status)


def submitted(request: HttpRequest) -> HttpResponse:
    from .models import EmailRegistration

    pk = request.session.get("registry_submitted")
    registration = (
        EmailRegistration.objects.select_related("lao").filter(pk=pk).first() if pk else None
    )
    if registration is None:
        return redirect("registry:register")
    return render(
        request,
        "registry/submitted.html",
        {"registration": registration, "hints": _hints(registration.hints)},
    )


def hints(request: HttpRequest) -> HttpResponse:
    """Live hints while the address is typed (htmx); DNS is checked only on submission."""
    from thongthin.accounts.services.emails import normalize_address

    try:
        address = normalize_address(request.GET.get("email", "")[:254])
    except ValidationFailed:
        return HttpResponse("")
    items = [h.as_dict() for h in address_hints(address, DomainPolicy(checked=False))]
    items = [h for h in items if h["code"] != "dns_not_checked"]
    return render(request, "registry/_hints.html", {"hints": _hints(items)})


def _hints(items: list[dict]) -> list[dict]:
    return [
        {"level": h["level"], "message": hint_message(h["code"], h.get("params", {}))}
        for h in items
    ]


def verify(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button; POST verifies. Mail scanners that open links do not use up the link."""
    if request.method == "POST":
        try:
            registration = services.registration_verify_mailbox(token=token)
        except ApplicationError as exc:
            return render(
                request, "registry/verify.html", {"error": exc.render()}, status=exc.status
            )
        return render(request, "registry/verify.html", {"registration": registration, "done": True})
    return render(request, "registry/verify.html", {"token": token})


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", RegistrationStatus.AWAITING_REVIEW)
    if status not in RegistrationStatus.values:
        status = RegistrationStatus.AWAITING_REVIEW
    try:
        rows = selectors.review_queue(actor=request.user, status=status)
    except PermissionDenied:
        return _forbidden(request)
    return render(request, "registry/review_queue.html", {
        "rows": rows[:200], "status": status, "statuses": RegistrationStatus.choices,
    })  # fmt: skip


@login_required
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        registration = selectors.registration_for_reviewer(actor=request.user, pk=pk)
    except PermissionDenied:
        return _forbidden(request)
    except NotFound:
        raise Http404 from None
    return render(request, "registry/review_detail.html", {
        "r": registration, "hints": _hints(registration.hints), "reason_form": ReasonForm(),
        "current": selectors.official_registration(registration.lao),
    })  # fmt: skip


@login_required
@require_POST
def review_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    try:
        registration = selectors.registration_for_reviewer(actor=request.user, pk=pk)
    except PermissionDenied:
        return _forbidden(request)
    except NotFound:
        raise Http404 from None
    form = ReasonForm(request.POST)
    try:
        if action == "approve":
            services.registration_approve(registration=registration, actor=request.user)
            messages.success(
                request, _("อนุมัติและเผยแพร่ %(email)s แล้ว") % {"email": registration.email}
            )
        elif action in {"reject", "revoke"}:
            fn = (
                services.registration_reject if action == "reject" else services.registration_revoke
            )
            fn(registration=registration, actor=request.user, reason=request.POST.get("reason", ""))
            messages.success(request, _("บันทึกแล้ว"))
        else:
            raise Http404
    except ApplicationError as exc:
        show_service_error(form, exc)
        return render(request, "registry/review_detail.html", {
            "r": registration, "hints": _hints(registration.hints), "reason_form": form,
            "current": selectors.official_registration(registration.lao), "error": exc.render(),
        }, status=exc.status)  # fmt: skip
    return redirect("registry:review_detail", pk=registration.pk)


@login_required
def letter(request: HttpRequest, pk: int) -> HttpResponse | FileResponse:
    try:
        registration = selectors.registration_letter_for(actor=request.user, pk=pk)
    except PermissionDenied:
        return _forbidden(request)
    except NotFound:
        raise Http404 from None
    response = FileResponse(
        registration.letter.open("rb"), content_type=registration.letter_content_type
    )
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    return response
