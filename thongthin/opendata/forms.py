"""Publisher forms: the dataset form is built from the Thai metadata definitions (metadata.py),
so the form, the API and the validation share one list of fields. Validation itself happens in
the service; its CKAN-style errors are shown beside the fields."""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from thongthin.core.forms import BootstrapFormMixin, ThaiDateField

from .licenses import LICENSES
from .metadata import FIELDS, GEOSPATIAL, STATISTICAL, Field
from .models import Organization

CORE_FIELDS = [
    "title",
    "name",
    "notes",
    "owner_org",
    "tags",
    "license_id",
    "maintainer",
    "maintainer_email",
    "url",
    "version",
    "private",
]


def field_label(f: Field) -> str:
    return f.label_en if (get_language() or "th").startswith("en") else f.label_th


class DatasetForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label=_("ชื่อชุดข้อมูล"), max_length=500)
    name = forms.CharField(
        label=_("ชื่อใน URL (ภาษาอังกฤษ)"),
        max_length=100,
        required=False,
        help_text=_("เว้นว่างได้ ระบบจะสร้างจากชื่อชุดข้อมูลให้ เช่น ngabapraman-raichai-2567"),
    )
    notes = forms.CharField(
        label=_("คำอธิบาย"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    owner_org = forms.ChoiceField(label=_("องค์กรเจ้าของข้อมูล"))
    tags = forms.CharField(
        label=_("คำสำคัญ"),
        required=False,
        max_length=2000,
        help_text=_("คั่นด้วยจุลภาค เช่น งบประมาณ, การคลัง, สถิติ"),
    )
    license_id = forms.ChoiceField(label=_("สัญญาอนุญาต"))
    maintainer = forms.CharField(label=_("ชื่อฝ่ายงานหรือผู้ติดต่อ"), max_length=300, required=False)
    maintainer_email = forms.CharField(label=_("อีเมลสำหรับติดต่อ"), max_length=300, required=False)
    url = forms.CharField(label=_("เว็บไซต์อ้างอิง"), max_length=1000, required=False)
    version = forms.CharField(label=_("รุ่น"), max_length=100, required=False)
    private = forms.BooleanField(label=_("ชุดข้อมูลส่วนตัว (เห็นเฉพาะสมาชิกองค์กร)"), required=False)

    def __init__(self, *args: Any, organizations: list[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner_field = self.fields["owner_org"]
        license_field = self.fields["license_id"]
        assert isinstance(owner_field, forms.ChoiceField)
        assert isinstance(license_field, forms.ChoiceField)
        owner_field.choices = [(o.id, o.title) for o in organizations]
        license_field.choices = [(lic.id, lic.title) for lic in LICENSES.values()]
        for f in FIELDS:
            self.fields[f.name] = _thai_field(f)
            if f.has_other:
                self.fields[f"{f.name}_other"] = forms.CharField(
                    label=_("ระบุ (เมื่อเลือก อื่นๆ)"), max_length=500, required=False
                )
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple):
                widget.attrs["class"] = "form-check-input"
            elif "class" not in widget.attrs:
                widget.attrs["class"] = (
                    "form-select" if isinstance(widget, forms.Select) else "form-control"
                )
            if field.help_text:
                widget.attrs.setdefault("aria-describedby", f"id_{name}_help")

    def groups(self) -> list[tuple[str, list[tuple[Any, str]]]]:
        """Fieldsets: the fields every dataset has, then those of statistical and of geospatial
        data. Each field carries the data types it applies to ("" for every type), joined by
        "|": the page shows only the fields of the chosen data type (GD Catalog
        `form_data_type`); without JavaScript every field shows and the service drops the
        values that do not apply."""
        common = [(self[n], "") for n in CORE_FIELDS]
        shared: list[tuple[Any, str]] = []
        statistical: list[tuple[Any, str]] = []
        geospatial: list[tuple[Any, str]] = []
        for f in FIELDS:
            types = "|".join(f.data_types)
            bound = [(self[f.name], types)]
            if f.has_other:
                bound.append((self[f"{f.name}_other"], types))
            if f.data_types == (STATISTICAL,):
                statistical += bound
            elif f.data_types == (GEOSPATIAL,):
                geospatial += bound
            else:
                shared += bound
        return [
            (str(_("ข้อมูลหลัก")), common),
            (str(_("ข้อมูลตามมาตรฐานบัญชีข้อมูลภาครัฐ")), shared),
            (str(_("เฉพาะข้อมูลสถิติ")), statistical),
            (str(_("เฉพาะข้อมูลภูมิสารสนเทศเชิงพื้นที่")), geospatial),
        ]

    def to_package(self) -> dict[str, Any]:
        """The package dict the service validates."""
        data = dict(self.cleaned_data)
        data["tags"] = [
            {"name": t.strip()} for t in (data.get("tags") or "").split(",") if t.strip()
        ]
        # The service keeps only the fields of the data type, and `_other` only with อื่นๆ.
        for f in FIELDS:
            if isinstance(data.get(f.name), dt.date):
                data[f.name] = data[f.name].isoformat()
        if not data.get("name"):
            data.pop("name", None)
        return data

    @staticmethod
    def initial_from(package: dict[str, Any]) -> dict[str, Any]:
        initial = {k: package.get(k) for k in CORE_FIELDS if k != "tags"}
        initial["tags"] = ", ".join(t["name"] for t in package.get("tags", []))
        for f in FIELDS:
            for key in (f.name, f"{f.name}_other"):
                if key in package:
                    value = package[key]
                    if f.kind == "date" and key == f.name and value:
                        with contextlib.suppress(ValueError):
                            value = dt.date.fromisoformat(value)
                    initial[key] = value
        return initial


def _thai_field(f: Field) -> forms.Field:
    label = field_label(f)
    required = False  # the service decides (drafts may be incomplete)
    if f.kind == "select":
        return forms.ChoiceField(
            label=label, required=required, choices=[("", "—")] + [(c, c) for c in f.choices]
        )
    if f.kind == "multiple":
        return forms.MultipleChoiceField(
            label=label,
            required=required,
            choices=[(c, c) for c in f.choices],
            widget=forms.CheckboxSelectMultiple,
        )
    if f.kind == "bool":
        return forms.ChoiceField(
            label=label,
            required=required,
            choices=[("", "—"), ("True", _("ใช่")), ("False", _("ไม่ใช่"))],
        )
    if f.kind == "date":
        return ThaiDateField(label=label, required=required)
    if f.kind == "markdown":
        return forms.CharField(
            label=label, required=required, widget=forms.Textarea(attrs={"rows": 3})
        )
    return forms.CharField(label=label, required=required, max_length=f.max_length)


class ResourceForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=_("ชื่อทรัพยากร"), max_length=500)
    description = forms.CharField(
        label=_("คำอธิบาย"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    upload = forms.FileField(
        label=_("ไฟล์"),
        required=False,
        help_text=_("CSV หรือ XLSX จะถูกนำเข้าคลังข้อมูลให้ค้นและเรียกผ่าน API ได้"),
    )
    url = forms.CharField(label=_("หรือที่อยู่เว็บของข้อมูล"), max_length=2000, required=False)
    format = forms.CharField(
        label=_("รูปแบบไฟล์"),
        max_length=100,
        required=False,
        help_text=_("เว้นว่างได้ ระบบจะดูจากนามสกุลไฟล์"),
    )


class TokenForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(
        label=_("ชื่อโทเค็น"), max_length=200, help_text=_("เช่น สคริปต์นำเข้าข้อมูลของกองคลัง")
    )
