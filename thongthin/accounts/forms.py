from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from thongthin.core.forms import BootstrapFormMixin

from .models import LAORole, PlatformRole
from .services.memberships import INVITABLE_ROLES


class EmailForm(BootstrapFormMixin, forms.Form):
    email = forms.CharField(
        label=_("อีเมล"),
        max_length=254,
        help_text=_("อีเมลกลางของ อปท. (สำหรับผู้ดูแล) หรืออีเมลที่ได้รับเชิญ"),
        widget=forms.EmailInput(
            attrs={"autocomplete": "email", "inputmode": "email", "autofocus": True}
        ),
    )


class CodeForm(BootstrapFormMixin, forms.Form):
    code = forms.CharField(
        label=_("รหัส 6 หลัก"),
        max_length=12,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "pattern": "[0-9 ]*",
                "class": "form-control otp-input",
                "autofocus": True,
            }
        ),
    )


class InviteForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(
        label=_("คำนำหน้า"), max_length=40, required=False, help_text=_("เช่น นาย นาง นางสาว")
    )
    full_name = forms.CharField(label=_("ชื่อ-นามสกุล"), max_length=200)
    email = forms.CharField(
        label=_("อีเมลส่วนตัว"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "off"})
    )
    role = forms.ChoiceField(
        label=_("บทบาท"), choices=[(r.value, r.label) for r in INVITABLE_ROLES]
    )


class RoleChangeForm(forms.Form):
    role = forms.ChoiceField(choices=[(r.value, r.label) for r in INVITABLE_ROLES])


class GrantForm(BootstrapFormMixin, forms.Form):
    email = forms.CharField(label=_("อีเมล"), max_length=254, widget=forms.EmailInput())
    full_name = forms.CharField(label=_("ชื่อ-นามสกุล"), max_length=200, required=False)
    role = forms.ChoiceField(label=_("บทบาท"), choices=PlatformRole.choices)
    provinces = forms.MultipleChoiceField(
        label=_("จังหวัดที่รับผิดชอบ (สำหรับผู้ตรวจสอบ)"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    def __init__(self, *args, provinces=(), **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        choices = [(p.code, p.name_th) for p in provinces]
        self.fields["provinces"].choices = choices  # type: ignore[attr-defined]


ROLE_LABELS = dict(LAORole.choices)
