from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from thongthin.core.forms import BootstrapFormMixin

from .models import LAOType


class LAOSearchForm(BootstrapFormMixin, forms.Form):
    q = forms.CharField(label=_("ชื่อ อปท."), required=False, max_length=200)
    province = forms.ChoiceField(label=_("จังหวัด"), required=False)
    district = forms.CharField(label=_("อำเภอ"), required=False, max_length=4)
    type = forms.ChoiceField(
        label=_("ประเภท"), required=False, choices=[("", _("ทุกประเภท")), *LAOType.choices]
    )

    def __init__(self, *args, provinces=(), **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        choices = [("", _("ทุกจังหวัด"))] + [(p.code, p.name_th) for p in provinces]
        self.fields["province"].choices = choices  # type: ignore[attr-defined]


class LAOContactForm(BootstrapFormMixin, forms.Form):
    address = forms.CharField(
        label=_("ที่อยู่สำนักงาน"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    phone = forms.CharField(label=_("โทรศัพท์"), required=False, max_length=100)
    website = forms.URLField(
        label=_("เว็บไซต์"),
        required=False,
        max_length=300,
        assume_scheme="https",
        help_text=_("เช่น https://www.maehia.go.th"),
    )
