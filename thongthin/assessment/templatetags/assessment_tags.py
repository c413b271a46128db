from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext as _

from ..framework.schema import Result, Severity, Topic, Verification

register = template.Library()


@register.filter
def topic_label(value: str) -> str:
    return str(Topic(value).label)


@register.filter
def result_label(value: str) -> str:
    return str(Result(value).label)


@register.filter
def severity_label(value: str) -> str:
    return str(Severity(value).label)


@register.filter
def verification_label(value: str) -> str:
    return str(Verification(value).label)


@register.filter
def answer_label(value: Any, check: Any) -> str:
    if check.answer_type == "choice":
        choice = next((c for c in check.choices if c.value == value), None)
        return str(choice.label) if choice else str(value)
    labels = {"yes": _("ใช่"), "no": _("ไม่ใช่"), "na": _("ไม่เกี่ยวข้อง")}
    return str(labels.get(value, value))


@register.filter
def category_label(value: str, framework: Any) -> str:
    category = framework.categories.get(value)
    return str(category.label) if category else value


@register.filter
def editable_texts(check: Any) -> list[tuple[str, str, Any]]:
    return [
        ("question", _("คำถาม"), check.question),
        ("help", _("คำอธิบาย"), check.help),
        ("fail_message", _("ข้อความเมื่อไม่ผ่าน"), check.fail_message),
        ("recommendation", _("ข้อแนะนำ"), check.recommendation),
    ]
