"""The awards pages: published awards for everyone; computing, reviewing and publishing for
platform administrators."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thongthin.core.errors import ApplicationError, PermissionDenied
from thongthin.core.forms import add_service_error

from .. import permissions
from . import selectors, services
from .forms import ComputeForm


def _forbidden(request: HttpRequest) -> HttpResponse:
    error = PermissionDenied()
    return render(
        request, "core/error.html", {"status": 403, "message": error.render()}, status=403
    )


def index(request: HttpRequest) -> HttpResponse:
    lists = list(selectors.published_lists())
    latest = lists[0] if lists else None
    return render(request, "awards/index.html", {
        "lists": lists, "award_list": latest,
        "categories": selectors.categories(latest) if latest else [],
    })  # fmt: skip


def year(request: HttpRequest, year_be: int) -> HttpResponse:
    award_list = selectors.published_list(year_be)
    if award_list is None:
        raise Http404
    return render(request, "awards/year.html", {
        "award_list": award_list, "categories": selectors.categories(award_list),
        "lists": selectors.published_lists(),
    })  # fmt: skip


def _review_page(request: HttpRequest, form: ComputeForm, status: int = 200) -> HttpResponse:
    context = {"lists": selectors.all_lists(), "form": form}
    return render(request, "awards/review.html", context, status=status)


@login_required
def review(request: HttpRequest) -> HttpResponse:
    if not permissions.is_sysadmin(request.user):
        return _forbidden(request)
    return _review_page(request, ComputeForm())


@login_required
@require_POST
def compute(request: HttpRequest) -> HttpResponse:
    if not permissions.is_sysadmin(request.user):
        return _forbidden(request)
    form = ComputeForm(request.POST)
    if form.is_valid():
        try:
            award_list = services.award_list_compute(
                actor=request.user, year_be=form.cleaned_data["year_be"]
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("คำนวณรางวัลแล้ว กรุณาตรวจสอบก่อนประกาศ"))
            return redirect("awards:review_year", year_be=award_list.year_be)
    return _review_page(request, form, status=422)


@login_required
def review_year(request: HttpRequest, year_be: int) -> HttpResponse:
    if not permissions.is_sysadmin(request.user):
        return _forbidden(request)
    award_list = selectors.award_list_get(year_be)
    if award_list is None:
        raise Http404
    return render(request, "awards/review_year.html", {
        "award_list": award_list, "categories": selectors.categories(award_list),
    })  # fmt: skip


@login_required
@require_POST
def publish(request: HttpRequest, year_be: int) -> HttpResponse:
    if not permissions.is_sysadmin(request.user):
        return _forbidden(request)
    award_list = selectors.award_list_get(year_be)
    if award_list is None:
        raise Http404
    try:
        services.award_list_publish(actor=request.user, award_list=award_list)
    except ApplicationError as exc:
        messages.error(request, exc.render())
        return redirect("awards:review_year", year_be=year_be)
    messages.success(request, _("ประกาศรางวัลแล้ว"))
    return redirect("awards:year", year_be=year_be)
