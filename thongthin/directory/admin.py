from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext_lazy as _

from thongthin.core.errors import ApplicationError

from .models import LAO, District, Province, SubDistrict
from .services import lao_import, parse_dla_file


class _ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Province)
class ProvinceAdmin(_ReadOnly):
    list_display = ["code", "name_th", "name_en", "region"]
    search_fields = ["name_th", "name_en", "code"]


@admin.register(District)
class DistrictAdmin(_ReadOnly):
    list_display = ["code", "name_th", "name_en", "province"]
    list_filter = ["province"]
    search_fields = ["name_th", "name_en", "code"]


@admin.register(SubDistrict)
class SubDistrictAdmin(_ReadOnly):
    list_display = ["code", "name_th", "zip_code", "district"]
    search_fields = ["name_th", "code", "zip_code"]


class ImportForm(forms.Form):
    file = forms.FileField(label=_("ไฟล์ CSV ของ สถ. (UTF-8)"))


@admin.register(LAO)
class LAOAdmin(_ReadOnly):
    """LAOs change through the DLA import (here) and the LAO's own contact form, both audited."""

    list_display = [
        "dla_code",
        "display_name_th",
        "lao_type",
        "province",
        "district_name_th",
        "status",
    ]
    list_filter = ["lao_type", "status", "province"]
    search_fields = ["dla_code", "name_th", "display_name_th"]
    list_select_related = ["province"]
    change_list_template = "admin/directory/lao/change_list.html"

    def get_urls(self) -> list:
        return [
            path(
                "import/", self.admin_site.admin_view(self.import_view), name="directory_lao_import"
            ),
            *super().get_urls(),
        ]

    def import_view(self, request: HttpRequest) -> HttpResponse:
        if not request.user.is_superuser:
            return redirect("admin:index")
        form = ImportForm(request.POST or None, request.FILES or None)
        report = None
        if request.method == "POST" and form.is_valid():
            try:
                rows = parse_dla_file(form.cleaned_data["file"].read())
                report = lao_import(
                    rows=rows, actor=request.user, source=form.cleaned_data["file"].name
                )
            except ApplicationError as exc:
                messages.error(request, exc.render())
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "report": report,
            "title": _("นำเข้าไฟล์ อปท. ของ สถ."),
        }
        return render(request, "admin/directory/lao/import.html", context)
