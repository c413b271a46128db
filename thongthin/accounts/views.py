from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thongthin.core.errors import ApplicationError, NotFound, PermissionDenied
from thongthin.core.forms import show_service_error
from thongthin.core.middleware import client_ip
from thongthin.directory.selectors import lao_get, province_list

from . import permissions, selectors
from .forms import CodeForm, EmailForm, GrantForm, InviteForm, RoleChangeForm
from .services import memberships, roles, sign_in

SESSION_EMAIL = "sign_in_email"
SESSION_NEXT = "sign_in_next"


def _safe_next(request: HttpRequest, value: str) -> str:
    ok = url_has_allowed_host_and_scheme(value, {request.get_host()}, request.is_secure())
    return value if value and ok else ""


def sign_in_start(request: HttpRequest) -> HttpResponse:
    form = EmailForm(request.POST or None)
    status = 200
    if request.method == "POST":
        try:
            email = sign_in.sign_in_code_request(
                email=request.POST.get("email", ""), ip=client_ip(request)
            )
        except ApplicationError as exc:
            show_service_error(form, exc)
            status = exc.status
        else:
            request.session[SESSION_EMAIL] = email
            request.session[SESSION_NEXT] = _safe_next(request, request.POST.get("next", ""))
            return redirect("accounts:sign_in_code")
    next_url = _safe_next(request, request.GET.get("next", ""))
    return render(request, "accounts/sign_in.html", {"form": form, "next": next_url}, status=status)


def sign_in_code(request: HttpRequest) -> HttpResponse:
    email = request.session.get(SESSION_EMAIL)
    if not email:
        return redirect("accounts:sign_in")
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        try:
            user = sign_in.sign_in_code_verify(
                email=email, code=request.POST.get("code", ""), ip=client_ip(request)
            )
        except ApplicationError as exc:
            show_service_error(form, exc)
            status = exc.status
        else:
            next_url = request.session.get(SESSION_NEXT) or ""
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect(next_url or "accounts:home")
    return render(
        request, "accounts/sign_in_code.html", {"form": form, "email": email}, status=status
    )


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("core:home")


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/home.html", {
        "memberships": selectors.memberships_of(request.user),
        "grants": selectors.active_grants_of(request.user),
    })  # fmt: skip


def _lao_for_admin(request: HttpRequest, dla_code: str):  # type: ignore[no-untyped-def]
    try:
        lao = lao_get(dla_code)
    except NotFound:
        raise Http404 from None
    if not permissions.can_manage_lao(request.user, lao):
        raise PermissionDenied()
    return lao


@login_required
def staff(request: HttpRequest, dla_code: str) -> HttpResponse:
    try:
        lao = _lao_for_admin(request, dla_code)
    except PermissionDenied as exc:
        return render(
            request, "core/error.html", {"status": 403, "message": exc.render()}, status=403
        )
    form = InviteForm(request.POST or None)
    status = 200
    if request.method == "POST":
        try:
            memberships.membership_invite(
                lao=lao,
                actor=request.user,
                email=request.POST.get("email", ""),
                full_name=request.POST.get("full_name", ""),
                title=request.POST.get("title", ""),
                role=request.POST.get("role", ""),
            )
        except ApplicationError as exc:
            show_service_error(form, exc)
            status = exc.status
        else:
            messages.success(request, _("ส่งคำเชิญแล้ว"))
            return redirect("accounts:staff", dla_code=lao.dla_code)
    return render(request, "accounts/staff.html", {
        "lao": lao, "form": form, "members": selectors.members_of(lao),
        "role_form": RoleChangeForm(),
    }, status=status)  # fmt: skip


@login_required
@require_POST
def staff_action(request: HttpRequest, dla_code: str, pk: int, action: str) -> HttpResponse:
    try:
        lao = _lao_for_admin(request, dla_code)
        membership = selectors.membership_of_lao(lao=lao, pk=pk)
        if action == "role":
            memberships.membership_change_role(
                membership=membership, actor=request.user, role=request.POST.get("role", "")
            )
        elif action == "remove":
            memberships.membership_remove(membership=membership, actor=request.user)
        else:
            raise Http404
    except ApplicationError as exc:
        messages.error(request, exc.render())
        return (
            redirect("accounts:staff", dla_code=dla_code)
            if exc.status != 403
            else render(
                request, "core/error.html", {"status": 403, "message": exc.render()}, status=403
            )
        )
    messages.success(request, _("บันทึกแล้ว"))
    return redirect("accounts:staff", dla_code=lao.dla_code)


@login_required
def role_list(request: HttpRequest) -> HttpResponse:
    if not permissions.is_platform_admin(request.user):
        return render(
            request,
            "core/error.html",
            {"status": 403, "message": PermissionDenied().render()},
            status=403,
        )
    provinces = province_list()
    form = GrantForm(request.POST or None, provinces=provinces)
    status = 200
    if request.method == "POST":
        try:
            roles.role_grant(
                actor=request.user,
                email=request.POST.get("email", ""),
                full_name=request.POST.get("full_name", ""),
                role=request.POST.get("role", ""),
                province_codes=request.POST.getlist("provinces"),
            )
        except ApplicationError as exc:
            show_service_error(form, exc)
            status = exc.status
        else:
            messages.success(request, _("ให้สิทธิ์แล้ว"))
            return redirect("accounts:roles")
    return render(
        request,
        "accounts/roles.html",
        {"form": form, "grants": selectors.active_grants()},
        status=status,
    )


@login_required
@require_POST
def role_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        grant = selectors.grant_get(actor=request.user, pk=pk)
        roles.role_revoke(actor=request.user, grant=grant)
    except ApplicationError as exc:
        return render(
            request,
            "core/error.html",
            {"status": exc.status, "message": exc.render()},
            status=exc.status,
        )
    messages.success(request, _("ยกเลิกสิทธิ์แล้ว"))
    return redirect("accounts:roles")
