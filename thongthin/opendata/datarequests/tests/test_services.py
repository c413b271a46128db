"""Data request services: filing, editing, the state machine, votes, follows, comments, e-mail
to followers after commit, audit rows."""

from __future__ import annotations

import pytest
from django.utils import translation

from thongthin.core.errors import (
    Conflict,
    NotAuthenticated,
    PermissionDenied,
    ValidationFailed,
)
from thongthin.core.models import AuditEvent
from thongthin.opendata.datarequests import services
from thongthin.opendata.datarequests.models import (
    DataRequest,
    DataRequestComment,
    DataRequestFollower,
    DataRequestVote,
    RequestState,
)
from thongthin.opendata.tests import factories as f

pytestmark = pytest.mark.django_db


def audit(action: str, target_id: str) -> AuditEvent | None:
    return AuditEvent.objects.filter(action=action, target_id=target_id).first()


# --- filing and editing ---------------------------------------------------------------------


def test_filing_a_request(datarequest, requester, org):
    assert datarequest.state == RequestState.OPEN
    assert datarequest.organization == org
    assert datarequest.description == "ขอข้อมูลงบประมาณรายโครงการ\nเป็นไฟล์ CSV"
    assert DataRequestFollower.objects.filter(request=datarequest, user=requester).exists()
    assert datarequest.follower_count == 1
    event = audit("opendata.datarequest.created", datarequest.pk)
    assert event is not None and event.actor == requester and event.lao == org.lao


def test_a_request_needs_a_signed_in_person():
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(NotAuthenticated):
        services.datarequest_create(actor=AnonymousUser(), title="x")


@pytest.mark.parametrize(
    ("title", "description", "field"),
    [
        ("", "", "title"),
        ("   ", "", "title"),
        ("ก" * 201, "", "title"),
        ("ok", "ข" * 5001, "description"),
    ],
)
def test_bad_input_is_refused_in_thai_and_nothing_is_saved(requester, title, description, field):
    with translation.override("th"), pytest.raises(ValidationFailed) as caught:
        services.datarequest_create(actor=requester, title=title, description=description)
    assert field in caught.value.fields
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in str(caught.value.fields[field]))
    assert not DataRequest.objects.exists()
    assert not AuditEvent.objects.filter(action="opendata.datarequest.created").exists()


def test_the_same_title_twice_is_refused_while_open(datarequest, stranger):
    with pytest.raises(ValidationFailed) as caught:
        services.datarequest_create(actor=stranger, title="  งบประมาณรายโครงการ   ปี 2567 ")
    assert caught.value.code == "datarequest_duplicate_title"
    assert DataRequest.objects.count() == 1


def test_a_closed_title_may_be_asked_again(datarequest, requester, stranger):
    services.datarequest_transition(actor=requester, datarequest=datarequest, to_state="withdrawn")
    again = services.datarequest_create(actor=stranger, title=datarequest.title)
    assert again.pk != datarequest.pk


def test_a_deleted_organization_cannot_be_asked(requester, other_org):
    other_org.state = "deleted"
    other_org.save(update_fields=["state"])
    with pytest.raises(ValidationFailed) as caught:
        services.datarequest_create(actor=requester, title="x", organization=other_org)
    assert "organization" in caught.value.fields


def test_the_requester_edits_while_open(datarequest, requester, other_org):
    services.datarequest_update(
        actor=requester,
        datarequest=datarequest,
        title="ชื่อใหม่",
        description="",
        organization=other_org,
    )
    datarequest.refresh_from_db()
    assert (datarequest.title, datarequest.organization) == ("ชื่อใหม่", other_org)
    event = audit("opendata.datarequest.updated", datarequest.pk)
    assert event.before["title"] == "งบประมาณรายโครงการ ปี 2567" and event.after["title"] == "ชื่อใหม่"


def test_others_cannot_edit(datarequest, editor, stranger):
    for actor in (editor, stranger):
        with pytest.raises(PermissionDenied):
            services.datarequest_update(
                actor=actor, datarequest=datarequest, title="x", description="", organization=None
            )


def test_delete_by_requester_keeps_an_audit_row(datarequest, requester, stranger):
    services.comment_create(actor=stranger, datarequest=datarequest, text="ต้องการเหมือนกัน")
    with pytest.raises(PermissionDenied):
        services.datarequest_delete(actor=stranger, datarequest=datarequest)
    services.datarequest_delete(actor=requester, datarequest=datarequest)
    assert not DataRequest.objects.exists() and not DataRequestComment.objects.exists()
    event = audit("opendata.datarequest.deleted", datarequest.pk)
    assert event.before["title"] == datarequest.title
    assert event.before["comments"][0]["text"] == "ต้องการเหมือนกัน"


# --- the state machine ---------------------------------------------------------------------


def test_the_organization_answers_open_to_in_progress_to_fulfilled(
    datarequest, editor, public_dataset
):
    import datetime as dt

    services.datarequest_transition(
        actor=editor,
        datarequest=datarequest,
        to_state="in_progress",
        approx_publishing_date=dt.date(2025, 3, 1),
    )
    datarequest.refresh_from_db()
    assert datarequest.state == "in_progress" and datarequest.close_time is None
    services.datarequest_transition(
        actor=editor, datarequest=datarequest, to_state="fulfilled", dataset=public_dataset
    )
    datarequest.refresh_from_db()
    assert datarequest.state == "fulfilled" and datarequest.closed
    assert datarequest.accepted_dataset == public_dataset and datarequest.close_time is not None
    event = audit("opendata.datarequest.state_changed", datarequest.pk)
    assert event is not None and event.actor == editor


def test_fulfilling_needs_a_public_dataset(datarequest, editor, org):
    with pytest.raises(ValidationFailed) as caught:
        services.datarequest_transition(actor=editor, datarequest=datarequest, to_state="fulfilled")
    assert "dataset" in caught.value.fields
    private = f.dataset(org, title="ข้อมูลภายใน", private=True)
    with pytest.raises(ValidationFailed):
        services.datarequest_transition(
            actor=editor, datarequest=datarequest, to_state="fulfilled", dataset=private
        )
    datarequest.refresh_from_db()
    assert datarequest.state == "open"


def test_declining_needs_a_reason(datarequest, editor):
    with pytest.raises(ValidationFailed) as caught:
        services.datarequest_transition(actor=editor, datarequest=datarequest, to_state="declined")
    assert "reason" in caught.value.fields
    services.datarequest_transition(
        actor=editor, datarequest=datarequest, to_state="declined", reason="เป็นข้อมูลส่วนบุคคล"
    )
    datarequest.refresh_from_db()
    assert (datarequest.state, datarequest.close_reason) == ("declined", "เป็นข้อมูลส่วนบุคคล")


def test_closed_requests_stay_closed(datarequest, editor, admin):
    services.datarequest_transition(
        actor=editor, datarequest=datarequest, to_state="declined", reason="ไม่มี"
    )
    for state in ("open", "in_progress", "fulfilled", "withdrawn"):
        with pytest.raises(Conflict):
            services.datarequest_transition(actor=admin, datarequest=datarequest, to_state=state)


def test_an_unknown_state_is_a_validation_error(datarequest, editor):
    with pytest.raises(ValidationFailed):
        services.datarequest_transition(actor=editor, datarequest=datarequest, to_state="archived")


def test_followers_are_emailed_after_commit_but_not_the_actor(
    datarequest, editor, stranger, requester, mailoutbox, django_capture_on_commit_callbacks
):
    services.datarequest_follow(actor=stranger, datarequest=datarequest)
    services.datarequest_follow(actor=editor, datarequest=datarequest)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.datarequest_transition(
            actor=editor, datarequest=datarequest, to_state="declined", reason="ยังไม่ได้จัดเก็บ"
        )
    assert mailoutbox == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert sorted(m.to[0] for m in mailoutbox) == sorted([requester.email, stranger.email])
    mail = mailoutbox[0]
    assert "ไม่สามารถเผยแพร่ได้" in mail.subject
    assert "ยังไม่ได้จัดเก็บ" in mail.body and f"/datarequests/{datarequest.pk}" in mail.body


# --- votes and follows ---------------------------------------------------------------------


def test_one_vote_per_person(datarequest, stranger, editor):
    assert services.datarequest_vote(actor=stranger, datarequest=datarequest) is True
    assert services.datarequest_vote(actor=stranger, datarequest=datarequest) is False
    assert services.datarequest_vote(actor=editor, datarequest=datarequest) is True
    datarequest.refresh_from_db()
    assert datarequest.vote_count == 2 == DataRequestVote.objects.count()
    assert services.datarequest_unvote(actor=stranger, datarequest=datarequest) is True
    assert services.datarequest_unvote(actor=stranger, datarequest=datarequest) is False
    datarequest.refresh_from_db()
    assert datarequest.vote_count == 1


def test_closed_requests_take_no_votes(datarequest, requester, stranger):
    services.datarequest_transition(actor=requester, datarequest=datarequest, to_state="withdrawn")
    with pytest.raises(Conflict):
        services.datarequest_vote(actor=stranger, datarequest=datarequest)


def test_follow_and_unfollow(datarequest, stranger):
    assert services.datarequest_follow(actor=stranger, datarequest=datarequest)
    assert not services.datarequest_follow(actor=stranger, datarequest=datarequest)
    datarequest.refresh_from_db()
    assert datarequest.follower_count == 2
    assert services.datarequest_unfollow(actor=stranger, datarequest=datarequest)
    assert not services.datarequest_unfollow(actor=stranger, datarequest=datarequest)
    datarequest.refresh_from_db()
    assert datarequest.follower_count == 1


# --- comments ------------------------------------------------------------------------------


def test_comments_are_audited_and_only_the_author_edits(datarequest, stranger, editor, admin):
    comment = services.comment_create(actor=stranger, datarequest=datarequest, text="  ขอด้วยครับ ")
    assert comment.text == "ขอด้วยครับ"
    assert audit("opendata.datarequest.comment_created", comment.pk).after["text"] == "ขอด้วยครับ"
    with pytest.raises(PermissionDenied):
        services.comment_update(actor=editor, comment=comment, text="แก้")
    with pytest.raises(PermissionDenied):
        services.comment_update(actor=admin, comment=comment, text="แก้")
    services.comment_update(actor=stranger, comment=comment, text="ขอด้วยครับ ปี 2566 ด้วย")
    event = audit("opendata.datarequest.comment_updated", comment.pk)
    assert (event.before["text"], event.after["text"]) == ("ขอด้วยครับ", "ขอด้วยครับ ปี 2566 ด้วย")
    datarequest.refresh_from_db()
    assert datarequest.comment_count == 1


def test_comments_are_deleted_by_their_author_or_a_platform_admin(
    datarequest, stranger, editor, admin
):
    mine = services.comment_create(actor=stranger, datarequest=datarequest, text="หนึ่ง")
    moderated = services.comment_create(actor=stranger, datarequest=datarequest, text="สอง")
    with pytest.raises(PermissionDenied):
        services.comment_delete(actor=editor, comment=mine)
    services.comment_delete(actor=stranger, comment=mine)
    services.comment_delete(actor=admin, comment=moderated)
    assert not DataRequestComment.objects.exists()
    assert audit("opendata.datarequest.comment_deleted", moderated.pk).actor == admin
    datarequest.refresh_from_db()
    assert datarequest.comment_count == 0


def test_an_empty_comment_is_refused(datarequest, stranger):
    with pytest.raises(ValidationFailed) as caught:
        services.comment_create(actor=stranger, datarequest=datarequest, text=" \n ")
    assert "text" in caught.value.fields
    assert not DataRequestComment.objects.exists()
