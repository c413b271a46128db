"""Data requests and comments as ckanext-datarequests' API shows them (domain notes §4.4), with
our additions (state, votes). People appear by user id and public name, never by e-mail."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from ..dictization import ckan_datetime, organization_dict
from .models import DataRequest, DataRequestComment


def public_name(user: Any) -> str:
    """A person's name as others see it: the name they gave, never their e-mail address."""
    name = f"{getattr(user, 'title', '')}{getattr(user, 'full_name', '')}".strip()
    return name or _("ผู้ใช้ที่ไม่ระบุชื่อ")


def user_dict(user: Any) -> dict[str, Any]:
    return {"id": str(user.pk), "display_name": public_name(user)}


def datarequest_dict(request: DataRequest) -> dict[str, Any]:
    dataset = request.accepted_dataset
    return {
        "id": request.id,
        "user_id": str(request.requester_id),
        "user": user_dict(request.requester),
        "title": request.title,
        "description": request.description,
        "organization_id": request.organization_id,
        "organization": organization_dict(request.organization),
        "open_time": ckan_datetime(request.open_time),
        "accepted_dataset_id": request.accepted_dataset_id,
        "accepted_dataset": (
            {"id": dataset.id, "name": dataset.name, "title": dataset.title} if dataset else None
        ),
        "close_time": ckan_datetime(request.close_time),
        "closed": request.closed,
        "close_circumstance": request.close_reason or None,
        "approx_publishing_date": (
            request.approx_publishing_date.isoformat() if request.approx_publishing_date else None
        ),
        "comments_count": request.comment_count,
        "followers": request.follower_count,
        "state": request.state,
        "votes": request.vote_count,
    }


def comment_dict(comment: DataRequestComment) -> dict[str, Any]:
    return {
        "id": comment.id,
        "user_id": str(comment.author_id),
        "user": user_dict(comment.author),
        "datarequest_id": comment.request_id,
        "time": ckan_datetime(comment.created),
        "comment": comment.text,
    }
