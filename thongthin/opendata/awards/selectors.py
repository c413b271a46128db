"""Reads of the awards: published lists for everyone, every list for platform administrators."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, QuerySet

from .explanations import explain
from .models import AwardCategory, AwardEntry, AwardList, AwardListState


@dataclass(frozen=True)
class EntryView:
    entry: AwardEntry
    explanation: str


@dataclass(frozen=True)
class CategoryView:
    key: str
    label: str
    entries: list[EntryView]


def published_lists() -> QuerySet[AwardList]:
    return AwardList.objects.filter(state=AwardListState.PUBLISHED).order_by("-year_be")


def published_list(year_be: int) -> AwardList | None:
    return published_lists().filter(year_be=year_be).first()


def all_lists() -> QuerySet[AwardList]:
    return AwardList.objects.annotate(entry_count=Count("entries")).order_by("-year_be")


def award_list_get(year_be: int) -> AwardList | None:
    return AwardList.objects.filter(year_be=year_be).first()


def categories(award_list: AwardList) -> list[CategoryView]:
    """The list's entries by category, each with its explanation (one query)."""
    entries = list(award_list.entries.select_related("award_list", "dataset").order_by("rank"))
    return [
        CategoryView(
            key=value,
            label=str(label),
            entries=[EntryView(e, explain(e)) for e in entries if e.category == value],
        )
        for value, label in AwardCategory.choices
    ]
