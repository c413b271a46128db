"""Reads of data requests. Requests, votes and comments are public; who may act on them is
decided in permissions.py."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from ..models import Dataset, Organization, State
from .models import (
    ACTIVE_STATES,
    CLOSED_STATES,
    DataRequest,
    DataRequestComment,
    DataRequestFollower,
    DataRequestVote,
)

SORTS = {
    "newest": ("-open_time", "-pk"),
    "oldest": ("open_time", "pk"),
    "votes": ("-vote_count", "-open_time", "-pk"),
}


def datarequest_list(
    *,
    state: str = "",
    closed: bool | None = None,
    organization: Organization | None = None,
    requester_id: Any = None,
    q: str = "",
    sort: str = "newest",
) -> QuerySet[DataRequest]:
    """Requests filtered and sorted (newest, oldest or votes)."""
    qs = DataRequest.objects.select_related("organization", "requester", "accepted_dataset")
    if state:
        qs = qs.filter(state=state)
    if closed is not None:
        qs = qs.filter(state__in=CLOSED_STATES if closed else ACTIVE_STATES)
    if organization is not None:
        qs = qs.filter(organization=organization)
    if requester_id is not None:
        qs = qs.filter(requester_id=requester_id)
    for word in q.split()[:10]:
        qs = qs.filter(Q(title__icontains=word) | Q(description__icontains=word))
    return qs.order_by(*SORTS.get(sort, SORTS["newest"]))


def datarequest_get(*, key: Any) -> DataRequest | None:
    if not isinstance(key, str) or not key or len(key) > 36:
        return None
    return (
        DataRequest.objects.select_related(
            "organization", "organization__lao", "requester", "accepted_dataset"
        )
        .filter(pk=key)
        .first()
    )


def comment_get(*, key: Any) -> DataRequestComment | None:
    if not isinstance(key, str) or not key or len(key) > 36:
        return None
    return DataRequestComment.objects.select_related("author", "request").filter(pk=key).first()


def comments_for(
    request: DataRequest, *, newest_first: bool = False
) -> QuerySet[DataRequestComment]:
    order = ("-created", "-pk") if newest_first else ("created", "pk")
    return request.comments.select_related("author").order_by(*order)


@dataclass(frozen=True)
class Involvement:
    voted: bool
    following: bool


def involvement(user: Any, request: DataRequest) -> Involvement:
    if not getattr(user, "is_authenticated", False):
        return Involvement(voted=False, following=False)
    return Involvement(
        voted=DataRequestVote.objects.filter(request=request, user=user).exists(),
        following=DataRequestFollower.objects.filter(request=request, user=user).exists(),
    )


def facets(queryset: QuerySet[DataRequest]) -> dict[str, list[dict[str, Any]]]:
    """Counts by organization and by state over a filtered list (two grouped queries)."""
    base = queryset.order_by()
    orgs = (
        base.filter(organization__isnull=False)
        .values("organization_id", "organization__name", "organization__title")
        .annotate(count=Count("pk"))
        .order_by("-count", "organization__title")
    )
    states = base.values("state").annotate(count=Count("pk")).order_by("state")
    return {
        "organization": [
            {"id": o["organization_id"], "name": o["organization__name"],
             "display_name": o["organization__title"], "count": o["count"]}
            for o in orgs
        ],
        "state": [{"name": s["state"], "count": s["count"]} for s in states],
    }  # fmt: skip


def organizations_with_requests() -> QuerySet[Organization]:
    """Organizations that have been asked at least once (the list page's filter)."""
    return Organization.objects.filter(data_requests__isnull=False).distinct().order_by("title")


def organization_search(q: str, *, limit: int = 20) -> list[Organization]:
    """Organizations whose title or URL name contains every word of `q` (for choosing whom to
    ask)."""
    words = q.split()[:5]
    if not words:
        return []
    base = Organization.objects.exclude(state=State.DELETED)
    exact = list(base.filter(Q(title=q.strip()) | Q(name=q.strip()))[:limit])
    qs = base.exclude(pk__in=[o.pk for o in exact])
    for word in words:
        qs = qs.filter(Q(title__icontains=word) | Q(name__icontains=word))
    return exact + list(qs.order_by("title")[: limit - len(exact)])


def organization_by_key(key: Any) -> Organization | None:
    if not isinstance(key, str) or not key.strip():
        return None
    key = key.strip()
    qs = Organization.objects.exclude(state=State.DELETED)
    return qs.filter(pk=key).first() or qs.filter(name=key).first()


def dataset_by_key(key: Any) -> Dataset | None:
    """A dataset by id or URL name (any state: the service decides whether it may answer)."""
    if not isinstance(key, str) or not key.strip():
        return None
    key = key.strip()
    return Dataset.objects.filter(pk=key).first() or Dataset.objects.filter(name=key).first()


def answerable_datasets(request: DataRequest, *, limit: int = 200) -> QuerySet[Dataset]:
    """Public datasets of the asked organization, newest first (suggestions when fulfilling)."""
    if request.organization_id is None:
        return Dataset.objects.none()
    return Dataset.objects.filter(
        owner_org_id=request.organization_id, state=State.ACTIVE, private=False
    ).order_by("-metadata_modified")[:limit]
