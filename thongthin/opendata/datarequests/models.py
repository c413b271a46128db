"""Public requests for data (domain notes §4.4): anyone signed in asks an organization (or the
platform) for a dataset; others vote, comment and follow; the organization answers by moving the
request through its states. Shaped after ckanext-datarequests so its API clients work."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TITLE_MAX = 200
DESCRIPTION_MAX = 5000
COMMENT_MAX = 2000
REASON_MAX = 1000


def _uuid() -> str:
    return str(uuid.uuid4())


class RequestState(models.TextChoices):
    OPEN = "open", _("เปิดรับ")
    IN_PROGRESS = "in_progress", _("กำลังดำเนินการ")
    FULFILLED = "fulfilled", _("เผยแพร่ข้อมูลแล้ว")
    DECLINED = "declined", _("ไม่สามารถเผยแพร่ได้")
    WITHDRAWN = "withdrawn", _("ผู้ขอถอนคำขอ")


ACTIVE_STATES = (RequestState.OPEN, RequestState.IN_PROGRESS)
CLOSED_STATES = (RequestState.FULFILLED, RequestState.DECLINED, RequestState.WITHDRAWN)


class DataRequest(models.Model):
    id = models.CharField(primary_key=True, max_length=36, default=_uuid, editable=False)
    title = models.CharField(_("ชื่อข้อมูลที่ต้องการ"), max_length=TITLE_MAX)
    description = models.TextField(_("รายละเอียด"), max_length=DESCRIPTION_MAX, blank=True)
    organization = models.ForeignKey(
        "opendata.Organization",
        verbose_name=_("หน่วยงานที่ขอ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="data_requests",
    )
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="data_requests"
    )
    state = models.CharField(
        _("สถานะ"), max_length=12, choices=RequestState.choices, default=RequestState.OPEN
    )
    accepted_dataset = models.ForeignKey(
        "opendata.Dataset",
        verbose_name=_("ชุดข้อมูลที่ตอบคำขอ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="fulfilled_requests",
    )
    close_reason = models.CharField(_("เหตุผล"), max_length=REASON_MAX, blank=True)
    approx_publishing_date = models.DateField(_("คาดว่าจะเผยแพร่"), null=True, blank=True)
    open_time = models.DateTimeField(default=timezone.now, db_index=True)
    close_time = models.DateTimeField(null=True, blank=True)
    modified = models.DateTimeField(default=timezone.now)
    # Counters kept beside the request (changed by conditional UPDATEs) so lists sort by them.
    vote_count = models.PositiveIntegerField(default=0)
    comment_count = models.PositiveIntegerField(default=0)
    follower_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-open_time"]
        verbose_name = _("คำขอข้อมูล")
        verbose_name_plural = _("คำขอข้อมูล")
        indexes = [
            models.Index(fields=["state", "open_time"], name="datareq_state_open"),
            models.Index(fields=["vote_count"], name="datareq_votes"),
        ]
        constraints = [
            # ckanext-datarequests keeps titles unique: a second request for the same data
            # should become a vote. Closed requests free their title.
            models.UniqueConstraint(
                Lower("title"),
                condition=Q(state__in=["open", "in_progress"]),
                name="datareq_active_title_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def closed(self) -> bool:
        return self.state in CLOSED_STATES


class DataRequestVote(models.Model):
    request = models.ForeignKey(DataRequest, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_request_votes"
    )
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["request", "user"], name="datareq_one_vote_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.request_id}"


class DataRequestFollower(models.Model):
    request = models.ForeignKey(DataRequest, on_delete=models.CASCADE, related_name="followers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_requests_followed"
    )
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["request", "user"], name="datareq_follow_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} follows {self.request_id}"


class DataRequestComment(models.Model):
    id = models.CharField(primary_key=True, max_length=36, default=_uuid, editable=False)
    request = models.ForeignKey(DataRequest, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="data_request_comments"
    )
    text = models.TextField(_("ความคิดเห็น"), max_length=COMMENT_MAX)
    created = models.DateTimeField(default=timezone.now, db_index=True)
    modified = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created"]
        verbose_name = _("ความคิดเห็น")
        verbose_name_plural = _("ความคิดเห็น")

    def __str__(self) -> str:
        return self.text[:50]

    @property
    def edited(self) -> bool:
        return (self.modified - self.created).total_seconds() > 1
