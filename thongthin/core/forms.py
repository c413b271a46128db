"""Helpers for pages: show a service's ApplicationError beside the right form field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.utils import ErrorDict
from django.utils.translation import gettext_lazy as _

from .errors import ApplicationError


def add_service_error(form: forms.Form, exc: ApplicationError) -> None:
    if exc.fields:
        for name, message in exc.fields.items():
            form.add_error(name if name in form.fields else None, str(message))
        return
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, exc.render())


def show_service_error(form: forms.Form, exc: ApplicationError) -> None:
    """Show only the service's verdict on a bound form (its own validation is not run)."""
    form._errors = ErrorDict()  # type: ignore[attr-defined]
    form.cleaned_data = {}
    add_service_error(form, exc)
    if isinstance(form, BootstrapFormMixin):
        form._mark_invalid()


class BootstrapFormMixin:
    """Adds Bootstrap classes and aria-describedby/aria-invalid to every widget."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        for name, field in self.fields.items():  # type: ignore[attr-defined]
            widget = field.widget
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            if isinstance(
                widget, forms.CheckboxInput | forms.RadioSelect | forms.CheckboxSelectMultiple
            ):
                css = "form-check-input"
            widget.attrs.setdefault("class", css)
            if field.help_text:
                widget.attrs.setdefault("aria-describedby", f"id_{name}_help")

    def is_valid(self) -> bool:
        valid = super().is_valid()  # type: ignore[misc]
        self._mark_invalid()
        return valid

    def _mark_invalid(self) -> None:
        for name in self.errors:  # type: ignore[attr-defined]
            if name in self.fields:  # type: ignore[attr-defined]
                widget = self.fields[name].widget  # type: ignore[attr-defined]
                widget.attrs["class"] = widget.attrs.get("class", "") + " is-invalid"
                widget.attrs["aria-invalid"] = "true"


class ThaiDateInput(forms.TextInput):
    """A text input showing the date in BE (15/03/2567). Native date pickers show CE years in
    many browsers, which is exactly the confusion this avoids."""

    def __init__(self, attrs: dict | None = None) -> None:
        defaults = {
            "placeholder": _("วว/ดด/ปปปป (พ.ศ.)"),
            "inputmode": "numeric",
            "autocomplete": "off",
        }
        super().__init__({**defaults, **(attrs or {})})

    def format_value(self, value: object) -> str | None:
        import datetime as dt

        from .thai_dates import format_input

        if isinstance(value, dt.date):
            return format_input(value)
        return super().format_value(value)


class ThaiDateField(forms.Field):
    """Reads 15/03/2567, 15 มี.ค. 2567, Thai digits or ISO; refuses 30 ก.พ. with a clear message."""

    widget = ThaiDateInput

    def to_python(self, value: object):  # type: ignore[no-untyped-def]
        import datetime as dt

        from .thai_dates import ThaiDateError, parse_date

        if value in self.empty_values:
            return None
        if isinstance(value, dt.date):
            return value
        try:
            return parse_date(str(value))
        except ThaiDateError as exc:
            raise forms.ValidationError(str(exc.message), code="invalid_date") from None


def query_int(request: Any, name: str, *, default: int | None, low: int, high: int) -> int | None:
    """An integer query parameter, or `default` when it is missing, not ASCII digits (e.g. "²"
    or Thai digits), or outside [low, high]. Never raises: pages answer a bad parameter by
    ignoring it, not with a 500."""
    value = str(request.GET.get(name, ""))
    if not value.isascii() or not value.isdigit() or len(value) > 9:
        return default
    number = int(value)
    return number if low <= number <= high else default
