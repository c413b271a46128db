from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from thongthin.core.forms import BootstrapFormMixin


class ComputeForm(BootstrapFormMixin, forms.Form):
    year_be = forms.IntegerField(
        label=_("ปี (พ.ศ.)"),
        error_messages={"required": _("กรุณากรอกปี พ.ศ."), "invalid": _("ปีต้องเป็นตัวเลข เช่น 2568")},
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
