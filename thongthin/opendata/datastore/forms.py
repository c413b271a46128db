from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thongthin.core.forms import BootstrapFormMixin

from . import services, values
from .messages import TYPE_LABELS

TYPE_OVERRIDE_CHOICES = [
    ("", _("ตามที่ระบบตรวจพบ")),
    *[(kind, TYPE_LABELS[kind]) for kind in values.TYPES],
]


class DictionaryForm(BootstrapFormMixin, forms.Form):
    """The data dictionary: a label, notes and a type override for each column. Field names are
    by position (`label_0`, `notes_0`...): column names can hold any letter."""

    def __init__(self, *args: Any, columns: list[dict[str, Any]], **kwargs: Any) -> None:
        self.columns = columns
        initial = {}
        for i, column in enumerate(columns):
            info = column.get("info") or {}
            initial[f"label_{i}"] = info.get("label", "")
            initial[f"notes_{i}"] = info.get("notes", "")
            initial[f"type_{i}"] = info.get("type_override", "")
        super().__init__(*args, initial=initial, **kwargs)
        for i in range(len(columns)):
            self.fields[f"label_{i}"] = forms.CharField(
                label=_("ชื่อที่แสดง"), required=False, max_length=services.MAX_LABEL
            )
            self.fields[f"notes_{i}"] = forms.CharField(
                label=_("คำอธิบาย"),
                required=False,
                max_length=services.MAX_NOTES,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"type_{i}"] = forms.ChoiceField(
                label=_("ชนิดข้อมูลเมื่อนำเข้าครั้งต่อไป"),
                required=False,
                choices=TYPE_OVERRIDE_CHOICES,
            )
        # The mixin styled the fields that existed when it ran; these were added after.
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)

    def rows(self) -> list[dict[str, Any]]:
        """Each column with its bound fields, for the template."""
        return [
            {
                "column": column,
                "label": self[f"label_{i}"],
                "notes": self[f"notes_{i}"],
                "type": self[f"type_{i}"],
            }
            for i, column in enumerate(self.columns)
        ]

    def dictionary(self) -> list[dict[str, Any]]:
        return [
            {
                "id": column["id"],
                "info": {
                    "label": self.cleaned_data.get(f"label_{i}", ""),
                    "notes": self.cleaned_data.get(f"notes_{i}", ""),
                    "type_override": self.cleaned_data.get(f"type_{i}", ""),
                },
            }
            for i, column in enumerate(self.columns)
        ]
