from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from thongthin.core.fiscal_year import FiscalYear
from thongthin.core.forms import BootstrapFormMixin, ThaiDateField

from .framework.schema import FundingSource, ProjectKind, RecipientType, SportsMode


def fiscal_year_choices() -> list[tuple[int, str]]:
    current = FiscalYear.current().be_year
    return [(y, str(y)) for y in range(current + 1, current - 4, -1)]


class FactsForm(BootstrapFormMixin, forms.Form):
    """Project facts. Validation that matters lives in the service (clean_facts); this form
    renders the fields and reads BE dates."""

    name = forms.CharField(label=_("ชื่อโครงการ"), max_length=300)
    fiscal_year = forms.TypedChoiceField(
        label=_("ปีงบประมาณ (พ.ศ.)"), coerce=int, choices=fiscal_year_choices
    )
    amount = forms.CharField(
        label=_("วงเงินโครงการ (บาท)"),
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    funding_source = forms.ChoiceField(
        label=_("แหล่งเงิน"), choices=[("", "—"), *FundingSource.choices]
    )
    plan_years = forms.CharField(
        label=_("แผนพัฒนาท้องถิ่น (พ.ศ.)"), max_length=20, required=False, help_text=_("เช่น 2566-2570")
    )
    plan_page = forms.CharField(label=_("หน้า"), max_length=10, required=False)
    plan_sequence = forms.CharField(label=_("ลำดับที่"), max_length=10, required=False)
    budget_announced_on = ThaiDateField(label=_("วันประกาศใช้ข้อบัญญัติ/เทศบัญญัติงบประมาณ"), required=False)
    budget_transfer = forms.TypedChoiceField(
        label=_("มีการโอนงบประมาณมาใช้กับโครงการนี้หรือไม่"),
        required=False,
        choices=[("", "—"), ("false", _("ไม่มี")), ("true", _("มี"))],
    )
    transfer_approved_on = ThaiDateField(label=_("วันที่อนุมัติการโอนงบประมาณ"), required=False)
    recipient_name = forms.CharField(label=_("หน่วยงานผู้รับเงินอุดหนุน"), max_length=300, required=False)
    recipient_type = forms.ChoiceField(
        label=_("ประเภทผู้รับ"), required=False, choices=[("", "—"), *RecipientType.choices]
    )
    event_name = forms.CharField(label=_("ชื่องาน"), max_length=300, required=False)
    event_start = ThaiDateField(label=_("วันเริ่มงาน"), required=False)
    event_end = ThaiDateField(label=_("วันสิ้นสุดงาน"), required=False)
    sports_mode = forms.ChoiceField(
        label=_("ลักษณะโครงการกีฬา"), required=False, choices=[("", "—"), *SportsMode.choices]
    )
    participants = forms.CharField(
        label=_("จำนวนผู้เข้าร่วม (คน)"),
        max_length=10,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )

    KIND_FIELDS = {
        ProjectKind.SUBSIDY: {"recipient_name", "recipient_type"},
        ProjectKind.FESTIVAL: {"event_name", "event_start", "event_end", "participants"},
        ProjectKind.SPORTS: {
            "event_name",
            "event_start",
            "event_end",
            "sports_mode",
            "participants",
        },
    }

    def __init__(self, *args, kind: str, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        optional = set().union(*self.KIND_FIELDS.values())
        for name in optional - self.KIND_FIELDS[ProjectKind(kind)]:
            del self.fields[name]


class CostLineForm(BootstrapFormMixin, forms.Form):
    category = forms.ChoiceField(label=_("ประเภทค่าใช้จ่าย"))
    description = forms.CharField(label=_("รายละเอียด"), max_length=300, required=False)
    quantity = forms.CharField(
        label=_("จำนวน"),
        max_length=20,
        initial="1",
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    unit_cost = forms.CharField(
        label=_("ราคาต่อหน่วย (บาท)"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    persons = forms.CharField(
        label=_("จำนวนคน"),
        max_length=10,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    days = forms.CharField(
        label=_("จำนวนวัน"),
        max_length=10,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(self, *args, categories=(), **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", "—"), *categories]  # type: ignore[attr-defined]


class ReasonForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("เหตุผลที่ส่งกลับ"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
