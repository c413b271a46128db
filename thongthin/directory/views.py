from __future__ import annotations

import math
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from thongthin.accounts import permissions
from thongthin.core.errors import ApplicationError, NotFound
from thongthin.core.forms import add_service_error

from .forms import LAOContactForm, LAOSearchForm
from .selectors import (
    LAOFilters,
    district_list,
    lao_get,
    lao_search_page,
    lao_type_counts,
    province_list,
)
from .services import lao_update_contact

PAGE_SIZE = 20


def search(request: HttpRequest) -> HttpResponse:
    form = LAOSearchForm(request.GET or None, provinces=province_list())
    data = form.cleaned_data if form.is_valid() else {}
    filters = LAOFilters(
        q=data.get("q", ""),
        province=data.get("province", ""),
        district=data.get("district", ""),
        lao_type=data.get("type", ""),
    )
    try:
        page = max(1, min(int(request.GET.get("page", 1)), 10_000))
    except ValueError:
        page = 1
    items, total = lao_search_page(filters, page=page, page_size=PAGE_SIZE)
    query = {k: v for k, v in data.items() if v}
    context = {
        "form": form,
        "results": items,
        "total": total,
        "page": page,
        "pages": math.ceil(total / PAGE_SIZE),
        "querystring": urlencode(query),
        "type_counts": lao_type_counts(filters),
        "districts": district_list(filters.province) if filters.province else [],
        "filters": filters,
    }
    template = (
        "directory/_results.html" if request.headers.get("HX-Request") else "directory/search.html"
    )
    return render(request, template, context)


def districts(request: HttpRequest) -> HttpResponse:
    province = request.GET.get("province", "")[:2]
    return render(
        request,
        "directory/_district_options.html",
        {"districts": district_list(province) if province.isdigit() else []},
    )


def detail(request: HttpRequest, dla_code: str) -> HttpResponse:
    from thongthin.registry.selectors import official_registration, registration_history

    try:
        lao = lao_get(dla_code)
    except NotFound:
        raise Http404 from None
    if lao.dla_code != dla_code:
        return redirect("directory:detail", dla_code=lao.dla_code, permanent=True)
    return render(
        request,
        "directory/detail.html",
        {
            "lao": lao,
            "official": official_registration(lao),
            "history": registration_history(lao)[:10],
            "can_manage": permissions.can_manage_lao(request.user, lao),
        },
    )


@login_required
def edit_contact(request: HttpRequest, dla_code: str) -> HttpResponse:
    try:
        lao = lao_get(dla_code)
    except NotFound:
        raise Http404 from None
    if not permissions.can_manage_lao(request.user, lao):
        return render(
            request,
            "core/error.html",
            {"status": 403, "message": _("คุณไม่มีสิทธิ์แก้ไขข้อมูล อปท. นี้")},
            status=403,
        )
    initial = {"address": lao.address, "phone": lao.phone, "website": lao.website}
    form = LAOContactForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            lao_update_contact(lao=lao, actor=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("บันทึกข้อมูลติดต่อแล้ว"))
            return redirect("directory:detail", dla_code=lao.dla_code)
    status = 422 if form.errors else 200
    return render(request, "directory/edit_contact.html", {"lao": lao, "form": form}, status=status)
