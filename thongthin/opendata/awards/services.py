"""Computing and publishing the annual Open Data Awards (platform administrators only). A list
is computed as a draft (again as often as needed), reviewed, then published; a published list
is final: recomputing it is refused. Every step is audit-logged."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thongthin.core.audit import audit_record
from thongthin.core.errors import Conflict, PermissionDenied, ValidationFailed
from thongthin.core.thai_dates import BANGKOK, be_year, ce_year

from .. import permissions
from ..datarequests.models import DataRequest, RequestState
from ..models import Dataset, State
from ..quality.models import QualityScore
from ..usage.selectors import downloads_between
from .models import AwardCategory, AwardEntry, AwardList, AwardListState

AWARDS_PER_CATEGORY = 10
MIN_VALUABLE_SCORE = 60  # a dataset scoring less is not held up as an example
FIRST_YEAR_BE = 2560


def year_bounds(year_be: int) -> tuple[dt.date, dt.date]:
    year = ce_year(year_be)
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _require_admin(actor: Any) -> None:
    if not permissions.is_sysadmin(actor):
        raise PermissionDenied(_("เฉพาะผู้ดูแลแพลตฟอร์ม"))


def _check_year(year_be: Any) -> int:
    current = be_year(timezone.localdate().year)
    try:
        year = int(year_be)
    except (TypeError, ValueError):
        year = 0
    if not FIRST_YEAR_BE <= year <= current:
        raise ValidationFailed(
            fields={"year_be": _("ปีต้องเป็น พ.ศ. %(first)s ถึง %(last)s")
                    % {"first": FIRST_YEAR_BE, "last": current}}
        )  # fmt: skip
    return year


def _public(ids: list[str]) -> dict[str, Dataset]:
    qs = Dataset.objects.filter(pk__in=ids, state=State.ACTIVE, private=False)
    return {d.pk: d for d in qs.select_related("owner_org")}


def _entry(category: str, rank: int, dataset: Dataset, facts: dict[str, Any]) -> AwardEntry:
    return AwardEntry(
        category=category, rank=rank, dataset=dataset, dataset_title=dataset.title,
        organization_title=dataset.owner_org.title, facts=facts,
    )  # fmt: skip


def most_downloaded(year_be: int) -> list[AwardEntry]:
    start, end = year_bounds(year_be)
    rows = list(downloads_between(start=start, end=end))
    datasets = _public([r["dataset_id"] for r in rows[:AWARDS_PER_CATEGORY]])
    entries: list[AwardEntry] = []
    for row in rows[:AWARDS_PER_CATEGORY]:
        dataset = datasets.get(row["dataset_id"])
        if dataset is None:
            continue
        facts = {
            "year_be": year_be,
            "downloads": row["downloads"],
            "datasets_downloaded": len(rows),
        }
        entries.append(_entry(AwardCategory.MOST_DOWNLOADED, len(entries) + 1, dataset, facts))
    return entries


def demand_fulfilled(year_be: int) -> list[AwardEntry]:
    """Datasets that fulfilled requests closed in the year, by the votes of those requests."""
    start, end = year_bounds(year_be)
    closed_from = dt.datetime.combine(start, dt.time.min, tzinfo=BANGKOK)
    closed_to = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=BANGKOK)
    requests = DataRequest.objects.filter(
        state=RequestState.FULFILLED, close_time__gte=closed_from, close_time__lt=closed_to,
        accepted_dataset__state=State.ACTIVE, accepted_dataset__private=False,
    ).order_by("-vote_count", "close_time", "pk")  # fmt: skip
    by_dataset: dict[str, list[DataRequest]] = defaultdict(list)
    for request in requests:
        by_dataset[str(request.accepted_dataset_id)].append(request)
    ranked = sorted(
        by_dataset.items(),
        key=lambda item: (
            -sum(r.vote_count for r in item[1]),
            -len(item[1]),
            item[1][0].close_time,
        ),
    )[:AWARDS_PER_CATEGORY]
    datasets = _public([dataset_id for dataset_id, _ in ranked])
    entries: list[AwardEntry] = []
    for dataset_id, fulfilled in ranked:
        dataset = datasets.get(dataset_id)
        if dataset is None:  # made private or deleted since the first query
            continue
        top = fulfilled[0]  # most voted first
        facts = {
            "year_be": year_be, "votes": sum(r.vote_count for r in fulfilled),
            "requests": len(fulfilled), "top_request": top.title, "top_request_id": top.pk,
            "top_request_votes": top.vote_count,
        }  # fmt: skip
        entries.append(_entry(AwardCategory.DEMAND_FULFILLED, len(entries) + 1, dataset, facts))
    return entries


def most_valuable(year_be: int) -> list[AwardEntry]:
    """Public datasets flagged high-value first, then by quality score and the year's downloads;
    datasets below MIN_VALUABLE_SCORE are not awarded. Reads the stored scores (refreshed after
    every change and daily by the worker), never recomputes them here."""
    public = Dataset.objects.filter(state=State.ACTIVE, private=False)
    scores = QualityScore.objects.filter(
        dataset__in=public, score__gte=MIN_VALUABLE_SCORE
    ).select_related("dataset", "dataset__owner_org")
    start, end = year_bounds(year_be)
    downloads = {
        r["dataset_id"]: r["downloads"]
        for r in downloads_between(start=start, end=end).filter(
            dataset_id__in=[s.dataset_id for s in scores]
        )
    }

    def key(q: QualityScore) -> tuple[int, int, int, str]:
        high = (q.dataset.thai or {}).get("high_value_dataset") == "True"
        return (-int(high), -q.score, -downloads.get(q.dataset_id, 0), q.dataset.title)

    entries: list[AwardEntry] = []
    for q in sorted(scores, key=key)[:AWARDS_PER_CATEGORY]:
        facts = {
            "year_be": year_be, "score": q.score, "stars": q.openness_stars,
            "completeness": q.completeness_percent, "freshness": q.freshness,
            "high_value": (q.dataset.thai or {}).get("high_value_dataset") == "True",
            "downloads": downloads.get(q.dataset_id, 0),
        }  # fmt: skip
        entries.append(_entry(AwardCategory.MOST_VALUABLE, len(entries) + 1, q.dataset, facts))
    return entries


def _locked_list(year_be: int) -> AwardList | None:
    return AwardList.objects.select_for_update().filter(year_be=year_be).first()


@transaction.atomic
def award_list_compute(*, actor: Any, year_be: Any) -> AwardList:
    """Compute (or recompute) the draft award list of a BE year from the platform's numbers."""
    _require_admin(actor)
    year = _check_year(year_be)
    award_list = _locked_list(year)
    if award_list is None:
        try:
            with transaction.atomic():
                award_list = AwardList.objects.create(year_be=year, computed_by=actor)
        except IntegrityError:  # another administrator created it at the same moment
            award_list = _locked_list(year)
    assert award_list is not None
    if award_list.state == AwardListState.PUBLISHED:
        raise Conflict(
            _("รางวัลปี พ.ศ. %(year)s ประกาศแล้ว คำนวณใหม่ไม่ได้"),
            code="awards_already_published",
            params={"year": year},
        )
    before = _summary(award_list)
    award_list.entries.all().delete()
    entries = most_downloaded(year) + demand_fulfilled(year) + most_valuable(year)
    for entry in entries:
        entry.award_list = award_list
    AwardEntry.objects.bulk_create(entries)
    award_list.computed_at, award_list.computed_by = timezone.now(), actor
    award_list.save(update_fields=["computed_at", "computed_by"])
    audit_record(actor=actor, action="opendata.awards.computed", target=award_list,
                 before=before, after=_summary(award_list))  # fmt: skip
    return award_list


def _summary(award_list: AwardList) -> dict[str, Any]:
    return {
        "year_be": award_list.year_be,
        "state": award_list.state,
        "entries": [
            {"category": e.category, "rank": e.rank, "dataset": e.dataset_id, "facts": e.facts}
            for e in award_list.entries.order_by("category", "rank")
        ],
    }


@transaction.atomic
def award_list_publish(*, actor: Any, award_list: AwardList) -> AwardList:
    """Publish a reviewed draft. Final: a published list is neither recomputed nor changed."""
    _require_admin(actor)
    locked = _locked_list(award_list.year_be)
    if locked is None:
        raise Conflict(code="awards_not_found")
    if locked.state != AwardListState.DRAFT:
        raise Conflict(_("รางวัลปีนี้ประกาศไปแล้ว"), code="awards_already_published")
    if not locked.entries.exists():
        raise Conflict(_("ยังไม่มีชุดข้อมูลที่ได้รับรางวัล ประกาศไม่ได้"), code="awards_empty")
    locked.state = AwardListState.PUBLISHED
    locked.published_at, locked.published_by = timezone.now(), actor
    locked.save(update_fields=["state", "published_at", "published_by"])
    audit_record(actor=actor, action="opendata.awards.published", target=locked,
                 before={"state": AwardListState.DRAFT}, after=_summary(locked))  # fmt: skip
    return locked
