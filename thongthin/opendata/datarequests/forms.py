"""Forms of the data request pages. Length and required checks here only give early messages;
the services decide (the same rules serve the CKAN API)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from thongthin.core.forms import BootstrapFormMixin, ThaiDateField

from ..models import Organization
from . import selectors
from .models import COMMENT_MAX, DESCRIPTION_MAX, REASON_MAX, TITLE_MAX, RequestState

ERRORS = {
    "required": _("กรุณากรอกข้อมูลช่องนี้"),
    "max_length": _("ยาวเกิน %(limit_value)s ตัวอักษร"),
}


class DataRequestForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(
        label=_("ต้องการข้อมูลอะไร"),
        max_length=TITLE_MAX,
        error_messages=ERRORS,
        help_text=_("ชื่อสั้น ๆ เช่น งบประมาณรายจ่ายรายโครงการของเทศบาล ปี 2567"),
    )
    description = forms.CharField(
        label=_("รายละเอียด"),
        required=False,
        max_length=DESCRIPTION_MAX,
        error_messages=ERRORS,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("ข้อมูลที่ต้องการมีอะไรบ้าง จะนำไปใช้ทำอะไร รูปแบบไฟล์ที่สะดวก (เช่น CSV)"),
    )
    organization_q = forms.CharField(
        label=_("ขอจากหน่วยงาน (ไม่บังคับ)"),
        required=False,
        max_length=200,
        help_text=_("พิมพ์ชื่อ อปท. หรือหน่วยงาน แล้วเลือกจากรายการ"),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "hx-get": reverse_lazy("datarequests:organization_search"),
                "hx-trigger": "input changed delay:300ms",
                "hx-target": "#organization-choices",
            }
        ),
    )
    organization = forms.CharField(required=False, max_length=100, widget=forms.HiddenInput)

    def __init__(
        self, *args: Any, initial_organization: Organization | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.organization_choices: list[Organization] = (
            [initial_organization] if initial_organization else []
        )
        self.resolved_organization: Organization | None = initial_organization

    def clean(self) -> dict[str, Any]:
        """Which organization is asked: the one chosen from the list, or the only one whose name
        matches what was typed (without JavaScript there is no list to choose from)."""
        data = super().clean() or {}
        key = (data.get("organization") or "").strip()
        typed = (data.get("organization_q") or "").strip()
        self.resolved_organization = None
        if key:
            self.resolved_organization = selectors.organization_by_key(key)
            if self.resolved_organization is None:
                self.add_error("organization_q", _("ไม่พบหน่วยงานนี้"))
        elif typed:
            matches = selectors.organization_search(typed, limit=20)
            exact = [o for o in matches if o.title == typed or o.name == typed]
            if len(exact) == 1 or len(matches) == 1:
                self.resolved_organization = (exact or matches)[0]
            else:
                self.organization_choices = matches
                self.add_error(
                    "organization_q",
                    _("เลือกหน่วยงานจากรายการด้านล่าง") if matches else _("ไม่พบหน่วยงานที่ชื่อตรงกับคำที่พิมพ์"),
                )
        if self.resolved_organization is not None:
            self.organization_choices = [self.resolved_organization]
        return data


class TransitionForm(BootstrapFormMixin, forms.Form):
    to_state = forms.ChoiceField(label=_("เปลี่ยนสถานะเป็น"), choices=RequestState.choices)
    dataset = forms.CharField(
        label=_("ชุดข้อมูลที่ตอบคำขอ"),
        required=False,
        max_length=100,
        help_text=_("ชื่อใน URL หรือรหัสของชุดข้อมูล (จำเป็นเมื่อเผยแพร่ข้อมูลแล้ว)"),
        widget=forms.TextInput(attrs={"list": "answerable-datasets", "autocomplete": "off"}),
    )
    reason = forms.CharField(
        label=_("เหตุผลหรือคำชี้แจง"),
        required=False,
        max_length=REASON_MAX,
        error_messages=ERRORS,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("จำเป็นเมื่อเผยแพร่ไม่ได้"),
    )
    approx_publishing_date = ThaiDateField(
        label=_("คาดว่าจะเผยแพร่ (เมื่อกำลังดำเนินการ)"), required=False
    )

    def __init__(self, *args: Any, allowed: set[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if allowed is not None:
            self.fields["to_state"].choices = [  # type: ignore[attr-defined]
                (value, label) for value, label in RequestState.choices if value in allowed
            ]
        self.fields["to_state"].error_messages["invalid_choice"] = _("เปลี่ยนเป็นสถานะนี้ไม่ได้")


class CommentForm(BootstrapFormMixin, forms.Form):
    text = forms.CharField(
        label=_("ความคิดเห็น"),
        max_length=COMMENT_MAX,
        error_messages=ERRORS,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
