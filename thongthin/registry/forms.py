from __future__ import annotations

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from thongthin.core.forms import BootstrapFormMixin


class RegistrationForm(BootstrapFormMixin, forms.Form):
    email = forms.CharField(
        label=_("อีเมลกลางของ อปท."),
        max_length=254,
        help_text=_("ตามระเบียบงานสารบรรณ ขึ้นต้นด้วย saraban เช่น saraban@maehia.go.th"),
        widget=forms.EmailInput(
            attrs={
                "autocomplete": "email",
                "inputmode": "email",
                # Live hints while typing (see registry/views.py:hints).
                "hx-get": reverse_lazy("registry:hints"),
                "hx-trigger": "input changed delay:400ms, blur",
                "hx-target": "#email-hints",
            }
        ),
    )
    submitter_name = forms.CharField(
        label=_("ชื่อ-นามสกุลผู้ยื่น"), max_length=200, help_text=_("พร้อมคำนำหน้า เช่น นางสาวสมใจ ใจดี")
    )
    submitter_position = forms.CharField(label=_("ตำแหน่ง"), max_length=200)
    submitter_phone = forms.CharField(label=_("โทรศัพท์ติดต่อ"), max_length=50, required=False)
    letter = forms.FileField(
        label=_("หนังสือนำส่งจาก อปท."),
        help_text=_("หนังสือราชการลงนามโดยผู้บริหาร อปท. ไฟล์ PDF หรือรูปภาพ ไม่เกิน 10 MB"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )
    # Django's own length checks are kept loose on purpose: the service gives the Thai message.


class ReasonForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("เหตุผล"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class CheckForm(BootstrapFormMixin, forms.Form):
    address = forms.CharField(
        label=_("อีเมลที่ต้องการตรวจสอบ"),
        max_length=400,
        # Django's own catalogue has no Thai for this message.
        error_messages={"max_length": _("ยาวเกิน %(limit_value)s ตัวอักษร")},
        help_text=_("วางที่อยู่อีเมล หรือทั้งบรรทัดผู้ส่ง เช่น เทศบาลเมืองแม่เหียะ <x@gmail.com>"),
    )
