"""Writes for data requests. Each runs in one transaction with its audit row; state changes go
through `datarequest_transition`, which checks the current state and who may move it; followers
are e-mailed after the change commits. Counters (votes, comments, followers) change by
conditional UPDATEs beside the row that justifies them."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thongthin.core.audit import audit_record, snapshot
from thongthin.core.errors import (
    Conflict,
    NotAuthenticated,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)
from thongthin.core.mail import send_templated
from thongthin.core.text import normalize

from ..models import Dataset, Organization, State
from . import permissions
from .models import (
    ACTIVE_STATES,
    CLOSED_STATES,
    COMMENT_MAX,
    DESCRIPTION_MAX,
    REASON_MAX,
    TITLE_MAX,
    DataRequest,
    DataRequestComment,
    DataRequestFollower,
    DataRequestVote,
    RequestState,
)

TRANSITIONS: dict[str, set[str]] = {
    RequestState.OPEN: {
        RequestState.IN_PROGRESS, RequestState.FULFILLED, RequestState.DECLINED,
        RequestState.WITHDRAWN,
    },
    RequestState.IN_PROGRESS: {
        RequestState.FULFILLED, RequestState.DECLINED, RequestState.WITHDRAWN,
    },
}  # fmt: skip
_FIELDS = [
    "title", "description", "organization", "requester", "state", "accepted_dataset",
    "close_reason", "approx_publishing_date", "close_time",
]  # fmt: skip
_BLANK_LINES = re.compile(r"\n{3,}")


# --- input ---------------------------------------------------------------------------------


def _multiline(value: Any) -> str:
    """Normalized text that keeps its line breaks (descriptions, comments)."""
    lines = [normalize(line) for line in str(value or "").replace("\r\n", "\n").split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def _text(
    value: Any, *, field: str, max_length: int, errors: dict[str, Any], required: bool = False,
    multiline: bool = False,
) -> str:  # fmt: skip
    text = _multiline(value) if multiline else normalize(str(value or ""))
    if required and not text:
        errors[field] = _("กรุณากรอกข้อมูลช่องนี้")
    elif len(text) > max_length:
        errors[field] = _("ยาวเกิน %(max)s ตัวอักษร") % {"max": f"{max_length:,}"}
    return text


def _raise_if(errors: dict[str, Any]) -> None:
    if errors:
        raise ValidationFailed(fields=errors)


def _active_org(organization: Organization | None, errors: dict[str, Any]) -> None:
    if organization is not None and organization.state == State.DELETED:
        errors["organization"] = _("ไม่พบหน่วยงานนี้")


def _require_participant(actor: Any) -> None:
    if not permissions.can_participate(actor):
        raise NotAuthenticated()


def _duplicate_title() -> ValidationFailed:
    return ValidationFailed(
        fields={"title": str(_("มีคำขอชื่อนี้ที่ยังเปิดอยู่แล้ว กรุณาโหวตหรือแสดงความคิดเห็นในคำขอเดิม"))},
        code="datarequest_duplicate_title",
    )


def _title_taken(title: str, *, exclude: str | None = None) -> bool:
    same = DataRequest.objects.annotate(lower=Lower("title")).filter(
        lower=title.lower(), state__in=ACTIVE_STATES
    )
    if exclude:
        same = same.exclude(pk=exclude)
    return same.exists()


def _save(request: DataRequest, **kwargs: Any) -> None:
    """Save; the title's uniqueness is finally decided by the database (two people may file the
    same title at the same moment)."""
    try:
        with transaction.atomic():
            request.save(**kwargs)
    except IntegrityError:
        raise _duplicate_title() from None


def _locked(request: DataRequest) -> DataRequest:
    locked = (
        # of=self: PostgreSQL cannot lock the nullable side of the outer join to organization.
        DataRequest.objects.select_for_update(of=("self",))
        .select_related("organization", "organization__lao", "requester")
        .filter(pk=request.pk)
        .first()
    )
    if locked is None:
        raise NotFound(code="datarequest_not_found")
    return locked


def _lao(request: DataRequest) -> Any:
    return request.organization.lao if request.organization is not None else None


def detail_url(request: DataRequest) -> str:
    return reverse("datarequests:detail", args=[request.pk])


# --- requests ------------------------------------------------------------------------------


@transaction.atomic
def datarequest_create(
    *, actor: Any, title: str, description: str = "", organization: Organization | None = None
) -> DataRequest:
    """File a request; its requester follows it."""
    _require_participant(actor)
    errors: dict[str, Any] = {}
    title = _text(title, field="title", max_length=TITLE_MAX, errors=errors, required=True)
    description = _text(description, field="description", max_length=DESCRIPTION_MAX,
                        errors=errors, multiline=True)  # fmt: skip
    _active_org(organization, errors)
    _raise_if(errors)
    if _title_taken(title):
        raise _duplicate_title()
    request = DataRequest(
        title=title, description=description, organization=organization, requester=actor,
        follower_count=1,
    )  # fmt: skip
    _save(request, force_insert=True)
    DataRequestFollower.objects.create(request=request, user=actor)
    audit_record(actor=actor, action="opendata.datarequest.created", target=request,
                 after=snapshot(request, _FIELDS), lao=_lao(request))  # fmt: skip
    return request


@transaction.atomic
def datarequest_update(
    *, actor: Any, datarequest: DataRequest, title: str, description: str,
    organization: Organization | None,
) -> DataRequest:  # fmt: skip
    """Change the title, description or asked organization (the requester while the request is
    open, or a platform administrator)."""
    _require_participant(actor)
    request = _locked(datarequest)
    if not permissions.can_edit(actor, request):
        raise PermissionDenied(_("แก้ไขได้เฉพาะผู้ขอ และเฉพาะเมื่อคำขอยังเปิดรับอยู่"))
    errors: dict[str, Any] = {}
    title = _text(title, field="title", max_length=TITLE_MAX, errors=errors, required=True)
    description = _text(description, field="description", max_length=DESCRIPTION_MAX,
                        errors=errors, multiline=True)  # fmt: skip
    _active_org(organization, errors)
    _raise_if(errors)
    if request.state in ACTIVE_STATES and _title_taken(title, exclude=request.pk):
        raise _duplicate_title()
    before = snapshot(request, _FIELDS)
    request.title, request.description, request.organization = title, description, organization
    request.modified = timezone.now()
    _save(request, update_fields=["title", "description", "organization", "modified"])
    audit_record(actor=actor, action="opendata.datarequest.updated", target=request,
                 before=before, after=snapshot(request, _FIELDS), lao=_lao(request))  # fmt: skip
    return request


@transaction.atomic
def datarequest_delete(*, actor: Any, datarequest: DataRequest) -> None:
    """Delete the request with its votes, comments and followers (the requester or a platform
    administrator). The audit log keeps what it said."""
    _require_participant(actor)
    request = _locked(datarequest)
    if not permissions.can_delete(actor, request):
        raise PermissionDenied(_("ลบได้เฉพาะผู้ขอหรือผู้ดูแลแพลตฟอร์ม"))
    before = {
        **snapshot(request, _FIELDS),
        "votes": request.vote_count,
        "comments": list(request.comments.values("author_id", "text", "created")),
    }
    audit_record(actor=actor, action="opendata.datarequest.deleted", target=request,
                 before=before, lao=_lao(request))  # fmt: skip
    request.delete()


@transaction.atomic
def datarequest_transition(
    *, actor: Any, datarequest: DataRequest, to_state: str, dataset: Dataset | None = None,
    reason: str = "", approx_publishing_date: dt.date | None = None,
) -> DataRequest:  # fmt: skip
    """Move the request: to in progress (optionally with an expected publishing date), to
    fulfilled (with the public dataset that answers it), to declined (with a reason) — by the
    asked organization's editors or a platform administrator — or to withdrawn, by its
    requester. Closed requests stay closed."""
    _require_participant(actor)
    if to_state not in RequestState.values:
        raise ValidationFailed(fields={"to_state": str(_("สถานะไม่ถูกต้อง"))})
    request = _locked(datarequest)
    if request.state in CLOSED_STATES:
        raise Conflict(
            _("คำขอนี้ปิดแล้ว (%(state)s) เปลี่ยนสถานะอีกไม่ได้"),
            code="datarequest_closed",
            field="to_state",
            params={"state": request.get_state_display()},
        )
    if to_state not in TRANSITIONS.get(request.state, set()):
        raise Conflict(
            _("คำขอที่อยู่ในสถานะ “%(current)s” เปลี่ยนเป็น “%(next)s” ไม่ได้"),
            code="datarequest_bad_transition",
            field="to_state",
            params={"current": request.get_state_display(), "next": RequestState(to_state).label},
        )
    if to_state not in permissions.allowed_transitions(actor, request):
        raise PermissionDenied(
            _("เฉพาะผู้แก้ไขข้อมูลของหน่วยงานที่ถูกขอ หรือผู้ดูแลแพลตฟอร์ม เปลี่ยนสถานะนี้ได้")
            if to_state != RequestState.WITHDRAWN
            else _("เฉพาะผู้ขอถอนคำขอได้")
        )
    errors: dict[str, Any] = {}
    reason = _text(reason, field="reason", max_length=REASON_MAX, errors=errors,
                   required=to_state == RequestState.DECLINED, multiline=True)  # fmt: skip
    if to_state == RequestState.FULFILLED:
        if dataset is None:
            errors["dataset"] = _("กรุณาระบุชุดข้อมูลที่ตอบคำขอนี้")
        elif dataset.state != State.ACTIVE or dataset.private:
            errors["dataset"] = _("ชุดข้อมูลที่ตอบคำขอต้องเผยแพร่เป็นสาธารณะแล้ว")
    _raise_if(errors)
    before = snapshot(request, _FIELDS)
    now = timezone.now()
    request.state = to_state
    request.modified = now
    if to_state in CLOSED_STATES:
        request.close_time = now
        request.close_reason = reason
        request.accepted_dataset = dataset if to_state == RequestState.FULFILLED else None
    else:
        request.approx_publishing_date = approx_publishing_date or request.approx_publishing_date
    request.save(update_fields=["state", "modified", "close_time", "close_reason",
                                "accepted_dataset", "approx_publishing_date"])  # fmt: skip
    audit_record(actor=actor, action="opendata.datarequest.state_changed", target=request,
                 before=before, after=snapshot(request, _FIELDS), lao=_lao(request))  # fmt: skip
    _notify_followers(request, actor=actor)
    return request


def _notify_followers(request: DataRequest, *, actor: Any) -> None:
    followers = (
        DataRequestFollower.objects.filter(request=request, user__is_active=True)
        .exclude(user=actor)
        .select_related("user")
    )
    for follower in followers:
        send_templated(
            to=follower.user.email,
            template="datarequests/email/state_changed",
            context={"datarequest": request, "path": detail_url(request)},
            language=follower.user.last_seen_language or None,
        )


# --- votes and followers -------------------------------------------------------------------


@transaction.atomic
def datarequest_vote(*, actor: Any, datarequest: DataRequest) -> bool:
    """Vote for an open request; False if the user had already voted (one vote each)."""
    _require_participant(actor)
    state = DataRequest.objects.filter(pk=datarequest.pk).values_list("state", flat=True).first()
    if state is None:
        raise NotFound(code="datarequest_not_found")
    if state not in ACTIVE_STATES:
        raise Conflict(_("คำขอนี้ปิดแล้ว โหวตไม่ได้"), code="datarequest_closed")
    return _mark(DataRequestVote, "vote_count", actor=actor, datarequest=datarequest)


@transaction.atomic
def datarequest_unvote(*, actor: Any, datarequest: DataRequest) -> bool:
    """Take one's vote back; False if there was none."""
    _require_participant(actor)
    return _unmark(DataRequestVote, "vote_count", actor=actor, datarequest=datarequest)


@transaction.atomic
def datarequest_follow(*, actor: Any, datarequest: DataRequest) -> bool:
    """Be e-mailed when the request's state changes; False if already following."""
    _require_participant(actor)
    return _mark(DataRequestFollower, "follower_count", actor=actor, datarequest=datarequest)


@transaction.atomic
def datarequest_unfollow(*, actor: Any, datarequest: DataRequest) -> bool:
    _require_participant(actor)
    return _unmark(DataRequestFollower, "follower_count", actor=actor, datarequest=datarequest)


def _mark(model: Any, counter: str, *, actor: Any, datarequest: DataRequest) -> bool:
    """One row per user (a unique constraint) and the request's counter kept beside it."""
    try:
        with transaction.atomic():
            model.objects.create(request=datarequest, user=actor)
    except IntegrityError:
        return False
    DataRequest.objects.filter(pk=datarequest.pk).update(**{counter: F(counter) + 1})
    return True


def _unmark(model: Any, counter: str, *, actor: Any, datarequest: DataRequest) -> bool:
    deleted, _rows = model.objects.filter(request=datarequest, user=actor).delete()
    if not deleted:
        return False
    DataRequest.objects.filter(pk=datarequest.pk, **{f"{counter}__gt": 0}).update(
        **{counter: F(counter) - 1}
    )
    return True


# --- comments ------------------------------------------------------------------------------


def _comment_text(text: Any) -> str:
    errors: dict[str, Any] = {}
    value = _text(text, field="text", max_length=COMMENT_MAX, errors=errors, required=True,
                  multiline=True)  # fmt: skip
    _raise_if(errors)
    return value


def _comment_snapshot(comment: DataRequestComment) -> dict[str, Any]:
    return {"request": comment.request_id, "author": comment.author_id, "text": comment.text}


@transaction.atomic
def comment_create(*, actor: Any, datarequest: DataRequest, text: str) -> DataRequestComment:
    _require_participant(actor)
    value = _comment_text(text)
    if not DataRequest.objects.filter(pk=datarequest.pk).exists():
        raise NotFound(code="datarequest_not_found")
    comment = DataRequestComment.objects.create(request=datarequest, author=actor, text=value)
    DataRequest.objects.filter(pk=datarequest.pk).update(comment_count=F("comment_count") + 1)
    audit_record(actor=actor, action="opendata.datarequest.comment_created", target=comment,
                 after=_comment_snapshot(comment))  # fmt: skip
    return comment


def _locked_comment(comment: DataRequestComment) -> DataRequestComment:
    locked = DataRequestComment.objects.select_for_update().filter(pk=comment.pk).first()
    if locked is None:
        raise NotFound(code="datarequest_comment_not_found")
    return locked


@transaction.atomic
def comment_update(*, actor: Any, comment: DataRequestComment, text: str) -> DataRequestComment:
    """The author edits their comment."""
    _require_participant(actor)
    comment = _locked_comment(comment)
    if not permissions.can_edit_comment(actor, comment):
        raise PermissionDenied(_("แก้ไขได้เฉพาะผู้เขียนความคิดเห็น"))
    value = _comment_text(text)
    before = _comment_snapshot(comment)
    comment.text, comment.modified = value, timezone.now()
    comment.save(update_fields=["text", "modified"])
    audit_record(actor=actor, action="opendata.datarequest.comment_updated", target=comment,
                 before=before, after=_comment_snapshot(comment))  # fmt: skip
    return comment


@transaction.atomic
def comment_delete(*, actor: Any, comment: DataRequestComment) -> None:
    """The author deletes their comment (or a platform administrator, as moderation)."""
    _require_participant(actor)
    comment = _locked_comment(comment)
    if not permissions.can_delete_comment(actor, comment):
        raise PermissionDenied(_("ลบได้เฉพาะผู้เขียนความคิดเห็นหรือผู้ดูแลแพลตฟอร์ม"))
    audit_record(actor=actor, action="opendata.datarequest.comment_deleted", target=comment,
                 before=_comment_snapshot(comment))  # fmt: skip
    request_id = comment.request_id
    comment.delete()
    DataRequest.objects.filter(pk=request_id, comment_count__gt=0).update(
        comment_count=F("comment_count") - 1
    )
