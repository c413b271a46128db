"""The registry's writes: submit, verify the mailbox, approve / reject / revoke."""

from __future__ import annotations

import hashlib
import io
import re
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from PIL import Image

from thongthin.accounts.models import LAORole, Membership, MembershipStatus, User
from thongthin.accounts.tests.factories import auditor, lao, member, platform_admin, registry_admin
from thongthin.core.errors import Conflict, PermissionDenied, ValidationFailed
from thongthin.core.models import AuditEvent
from thongthin.directory.models import LAOStatus
from thongthin.registry import services
from thongthin.registry.dns import DomainPolicy
from thongthin.registry.models import EmailRegistration, RegistrationStatus
from thongthin.registry.services import (
    _verify_token,
    registration_approve,
    registration_reject,
    registration_revoke,
    registration_submit,
    registration_verify_mailbox,
)
from thongthin.registry.tests.factories import PDF, approved, pdf_letter, submitted, verified

pytestmark = pytest.mark.django_db

MAX_AGE = settings.THONGTHIN["REGISTRY_VERIFY_LINK_MAX_AGE_SECONDS"]


@pytest.fixture
def maehia():
    return lao("4500103")


@pytest.fixture
def sila():
    return lao("4400115")


@pytest.fixture
def reviewer():
    return registry_admin(email="reviewer@dga.example")


def _image(fmt: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(out, format=fmt)
    return out.getvalue()


def _media_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def _submit(the_lao, **overrides):  # type: ignore[no-untyped-def]
    values = {
        "email": "saraban@maehia.go.th",
        "submitter_name": "นางสาวสมศรี ใจดี",
        "submitter_position": "นักจัดการงานทั่วไป",
        "submitter_phone": "053-123456",
        "letter": pdf_letter(),
        **overrides,
    }
    return registration_submit(lao=the_lao, **values)


def _audit(registration: EmailRegistration, action: str) -> AuditEvent:
    return AuditEvent.objects.get(
        action=action, target_type="registry.emailregistration", target_id=str(registration.pk)
    )


# --- Submit --------------------------------------------------------------------------------


def test_submit_saves_the_letter_and_mails_a_verification_link(
    maehia, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration = _submit(
            maehia, email=" SARABAN@MaeHia.go.th ", submitter_name="นาง\u200bสาวสมศรี  ใจดี"
        )
    assert registration.status == RegistrationStatus.AWAITING_MAILBOX
    assert (registration.email, registration.domain) == ("saraban@maehia.go.th", "maehia.go.th")
    assert registration.submitter_name == "นางสาวสมศรี ใจดี"
    assert registration.letter_content_type == "application/pdf"
    assert registration.letter_sha256 == hashlib.sha256(PDF).hexdigest()
    [stored] = _media_files()
    assert stored.read_bytes() == PDF
    assert stored.name.endswith(".pdf") and stored.name != "letter.pdf"
    codes = [h["code"] for h in registration.hints]
    assert {"government_domain", "saraban_prefix", "dns_not_checked"} <= set(codes)
    assert registration.dns["checked"] is False
    event = _audit(registration, "registry.registration.submitted")
    assert event.lao == maehia and event.after["status"] == "awaiting_mailbox"
    [mail] = mailoutbox
    assert mail.to == ["saraban@maehia.go.th"]
    assert maehia.display_name_th in mail.subject
    # The link in the mail is the one that verifies this registration.
    link = re.search(r"http://testserver/registry/verify/(\S+)", mail.body)
    assert link is not None
    assert registration_verify_mailbox(token=link.group(1)).pk == registration.pk


def test_verification_mail_waits_for_commit(maehia, mailoutbox):
    _submit(maehia)
    assert mailoutbox == []  # the test's transaction never commits


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "", "กรุณากรอกอีเมล"),
        ("email", "saraban at maehia", "รูปแบบอีเมลไม่ถูกต้อง"),
        ("email", "' OR 1=1 --", "รูปแบบอีเมลไม่ถูกต้อง"),
        ("email", "a" * 10_000 + "@maehia.go.th", "อีเมลยาวเกินไป"),
        ("email", "สารบรรณ@maehia.go.th", "รูปแบบอีเมลไม่ถูกต้อง"),
        ("submitter_name", "", "กรุณากรอกข้อมูลช่องนี้"),
        ("submitter_name", "\u200b\u200b ", "กรุณากรอกข้อมูลช่องนี้"),
        ("submitter_name", "ก" * 201, "ยาวเกิน 200 ตัวอักษร"),
        ("submitter_name", "ก" * 10_000, "ยาวเกิน 200 ตัวอักษร"),
        ("submitter_position", "", "กรุณากรอกข้อมูลช่องนี้"),
        ("submitter_position", "x" * 201, "ยาวเกิน 200 ตัวอักษร"),
        ("submitter_phone", "0" * 51, "ยาวเกิน 50 ตัวอักษร"),
        ("letter", None, "กรุณาแนบหนังสือนำส่งจาก อปท."),
        ("letter", SimpleUploadedFile("l.pdf", b""), "กรุณาแนบหนังสือนำส่งจาก อปท."),
        ("letter", SimpleUploadedFile("l.pdf", b"Hello, not a PDF"), "ต้องเป็นไฟล์ PDF, JPEG หรือ PNG"),
        ("letter", SimpleUploadedFile("l.png", b"\x89PNG\r\n\x1a\nbroken"), "PDF, JPEG หรือ PNG"),
        ("letter", SimpleUploadedFile("l.html", b"<script>x</script>"), "PDF, JPEG หรือ PNG"),
    ],
)
def test_each_field_is_validated_with_a_thai_message(maehia, field, value, message):
    with pytest.raises(ValidationFailed) as exc:
        _submit(maehia, **{field: value})
    assert exc.value.status == 422
    assert list(exc.value.fields) == [field]
    assert message in exc.value.fields[field]
    assert not EmailRegistration.objects.exists()
    assert _media_files() == []
    assert not AuditEvent.objects.filter(action__startswith="registry.").exists()


def test_all_field_errors_are_reported_together(maehia):
    with pytest.raises(ValidationFailed) as exc:
        registration_submit(
            lao=maehia, email="x", submitter_name="", submitter_position="", letter=None
        )
    assert set(exc.value.fields) == {"email", "submitter_name", "submitter_position", "letter"}


@pytest.mark.parametrize(
    ("name", "content", "content_type", "extension"),
    [
        ("scan.jpg", _image("JPEG"), "image/jpeg", "jpg"),
        ("scan.png", _image("PNG"), "image/png", "png"),
        # The content decides, not the name.
        ("scan.pdf", _image("PNG"), "image/png", "png"),
        ("letter.txt", PDF, "application/pdf", "pdf"),
    ],
)
def test_letter_type_comes_from_the_content(maehia, name, content, content_type, extension):
    registration = _submit(maehia, letter=SimpleUploadedFile(name, content, "application/pdf"))
    assert registration.letter_content_type == content_type
    assert registration.letter.name.endswith(f".{extension}")


@pytest.mark.parametrize("fmt", ["GIF", "BMP", "WEBP", "TIFF"])
def test_other_image_types_are_refused(maehia, fmt):
    with pytest.raises(ValidationFailed) as exc:
        _submit(maehia, letter=SimpleUploadedFile(f"l.{fmt.lower()}", _image(fmt)))
    assert "PDF, JPEG หรือ PNG" in exc.value.fields["letter"]
    assert _media_files() == []


def test_letter_over_10_mb_is_refused(maehia):
    limit = 10 * 1024 * 1024
    assert settings.THONGTHIN["REGISTRY_LETTER_MAX_BYTES"] == limit
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * (limit + 1 - len(PDF)))
    with pytest.raises(ValidationFailed) as exc:
        _submit(maehia, letter=big)
    assert exc.value.fields["letter"] == "ไฟล์หนังสือใหญ่เกิน 10 MB"
    assert _media_files() == [] and not EmailRegistration.objects.exists()
    exactly = SimpleUploadedFile("ok.pdf", PDF + b"0" * (limit - len(PDF)))
    assert _submit(maehia, letter=exactly).letter.size == limit


def test_nothing_is_left_behind_when_saving_fails(maehia, monkeypatch):
    def broken(**kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr(services, "audit_record", broken)
    with pytest.raises(RuntimeError):
        _submit(maehia)
    assert not EmailRegistration.objects.exists()
    assert _media_files() == []


def test_dns_is_asked_outside_the_transaction(maehia, monkeypatch):
    # On SQLite (BEGIN IMMEDIATE) an open transaction holds the write lock: a slow resolver must
    # not block every other writer.
    depth = len(connection.atomic_blocks)
    seen: list[int] = []

    def spy(domain: str) -> DomainPolicy:
        seen.append(len(connection.atomic_blocks))
        return DomainPolicy(checked=False)

    monkeypatch.setattr(services, "domain_policy", spy)
    _submit(maehia)
    assert seen == [depth]


def test_inactive_lao_cannot_register(maehia):
    maehia.status = LAOStatus.MERGED
    maehia.save(update_fields=["status"])
    with pytest.raises(Conflict) as exc:
        _submit(maehia)
    assert exc.value.code == "lao_not_active"
    assert _media_files() == [] and not EmailRegistration.objects.exists()


def test_the_same_address_cannot_be_official_for_two_laos(maehia, sila):
    approved(maehia, "saraban@maehia.go.th")
    files = len(_media_files())
    with pytest.raises(Conflict) as exc:
        _submit(sila, email="Saraban@maehia.go.th")
    assert exc.value.code == "email_official_elsewhere" and exc.value.field == "email"
    assert "อปท. อื่น" in exc.value.render()
    with pytest.raises(Conflict) as exc:
        _submit(maehia, email="saraban@maehia.go.th")
    assert exc.value.code == "email_already_official"
    assert len(_media_files()) == files
    assert EmailRegistration.objects.count() == 1


def test_pending_duplicates_cannot_both_be_approved(maehia, sila, reviewer):
    # B already publishes an address; A and B both submit the same new one.
    old_b = approved(sila, "saraban@sila.go.th")
    pending_a = verified(maehia, "saraban@shared.go.th")
    pending_b = verified(sila, "saraban@shared.go.th")
    registration_approve(registration=pending_a, actor=reviewer)
    with pytest.raises(Conflict) as exc:
        registration_approve(registration=pending_b, actor=reviewer)
    assert exc.value.code == "email_official_elsewhere"
    # Nothing of the failed approval sticks: B keeps its old address and administrator.
    for registration, status in [
        (pending_b, RegistrationStatus.AWAITING_REVIEW),
        (old_b, RegistrationStatus.APPROVED),
        (pending_a, RegistrationStatus.APPROVED),
    ]:
        registration.refresh_from_db()
        assert registration.status == status
    assert old_b.replaced_by is None
    assert Membership.objects.get(user__email="saraban@sila.go.th").status == "active"
    assert not AuditEvent.objects.filter(
        action="registry.registration.replaced", target_id=str(old_b.pk)
    ).exists()


# --- Verification link ---------------------------------------------------------------------


def test_verification_link_moves_to_review(maehia):
    registration = submitted(maehia, "saraban@maehia.go.th")
    verified_ = registration_verify_mailbox(token=_verify_token(registration))
    assert verified_.pk == registration.pk
    assert verified_.status == RegistrationStatus.AWAITING_REVIEW
    assert verified_.mailbox_verified_at is not None
    event = _audit(registration, "registry.registration.mailbox_verified")
    assert (event.before["status"], event.after["status"]) == (
        "awaiting_mailbox",
        "awaiting_review",
    )
    assert event.actor is None and event.actor_label == "system"


def test_verification_link_is_single_use(maehia):
    registration = submitted(maehia, "saraban@maehia.go.th")
    token = _verify_token(registration)
    registration_verify_mailbox(token=token)
    with pytest.raises(ValidationFailed) as exc:
        registration_verify_mailbox(token=token)
    assert exc.value.code == "verify_link_used"


def _token_made_at(registration: EmailRegistration, seconds_ago: float, monkeypatch) -> str:  # type: ignore[no-untyped-def]
    real = time.time
    with monkeypatch.context() as m:
        m.setattr(signing.time, "time", lambda: real() - seconds_ago)
        return _verify_token(registration)


def test_verification_link_expires(maehia, monkeypatch):
    registration = submitted(maehia, "saraban@maehia.go.th")
    token = _token_made_at(registration, MAX_AGE + 5, monkeypatch)
    with pytest.raises(ValidationFailed) as exc:
        registration_verify_mailbox(token=token)
    assert exc.value.code == "verify_link_expired"
    assert "หมดอายุ" in exc.value.render()
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.AWAITING_MAILBOX


def test_verification_link_works_until_it_expires(maehia, monkeypatch):
    registration = submitted(maehia, "saraban@maehia.go.th")
    token = _token_made_at(registration, MAX_AGE - 60, monkeypatch)
    assert registration_verify_mailbox(token=token).status == RegistrationStatus.AWAITING_REVIEW


def test_verification_link_max_age_is_a_setting(maehia, settings):
    registration = submitted(maehia, "saraban@maehia.go.th")
    token = _verify_token(registration)
    settings.THONGTHIN = {**settings.THONGTHIN, "REGISTRY_VERIFY_LINK_MAX_AGE_SECONDS": -1}
    with pytest.raises(ValidationFailed) as exc:
        registration_verify_mailbox(token=token)
    assert exc.value.code == "verify_link_expired"


@pytest.mark.parametrize(
    "tamper",
    [
        lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB"),
        lambda t: "x" + t,
        lambda t: "",
        lambda t: "' OR 1=1 --",
        lambda t: "ก" * 10_000,
        lambda t: signing.dumps({"id": 1, "n": "x"}),  # right shape, wrong salt
    ],
)
def test_tampered_links_are_refused(maehia, tamper):
    registration = submitted(maehia, "saraban@maehia.go.th")
    with pytest.raises(ValidationFailed) as exc:
        registration_verify_mailbox(token=tamper(_verify_token(registration)))
    assert exc.value.code == "verify_link_invalid"
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.AWAITING_MAILBOX


def test_signed_links_for_the_wrong_registration_are_refused(maehia):
    registration = submitted(maehia, "saraban@maehia.go.th")
    salt = "thongthin.registry.verify-mailbox"
    for payload in [
        {"id": registration.pk, "n": "guessed"},
        {"id": 999_999, "n": registration.verify_nonce},
        {"id": str(registration.pk), "n": registration.verify_nonce},
        ["not", "a", "dict"],
    ]:
        with pytest.raises(ValidationFailed) as exc:
            registration_verify_mailbox(token=signing.dumps(payload, salt=salt))
        assert exc.value.code == "verify_link_used"


def test_rejected_registration_link_no_longer_verifies(maehia, reviewer):
    registration = submitted(maehia, "saraban@maehia.go.th")
    token = _verify_token(registration)
    registration_reject(registration=registration, actor=reviewer, reason="ไม่ใช่ อปท. นี้")
    with pytest.raises(Conflict):
        registration_verify_mailbox(token=token)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.REJECTED


# --- Review: approve, reject, revoke ------------------------------------------------------


def test_approve_publishes_and_makes_the_mailbox_admin(
    maehia, reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    registration = verified(maehia, "saraban@maehia.go.th")
    with django_capture_on_commit_callbacks(execute=True):
        result = registration_approve(registration=registration, actor=reviewer)
    assert result.status == RegistrationStatus.APPROVED
    assert (result.reviewed_by, result.reviewed_at is not None) == (reviewer, True)
    membership = Membership.objects.get(user__email="saraban@maehia.go.th", lao=maehia)
    assert (membership.role, membership.status, membership.via_central_email) == (
        LAORole.ADMIN,
        MembershipStatus.ACTIVE,
        True,
    )
    event = _audit(registration, "registry.registration.approved")
    assert event.actor == reviewer
    assert (event.before["status"], event.after["status"]) == ("awaiting_review", "approved")
    assert event.after["reviewed_by"] == reviewer.pk
    [mail] = mailoutbox
    assert mail.to == ["saraban@maehia.go.th"] and "อนุมัติ" in mail.subject


def test_approval_replaces_the_previous_address_keeping_history(maehia, reviewer):
    old = approved(maehia, "saraban@maehia.go.th")
    new = verified(maehia, "saraban@maehia.mail.go.th")
    registration_approve(registration=new, actor=reviewer)
    old.refresh_from_db()
    new.refresh_from_db()
    assert new.status == RegistrationStatus.APPROVED
    assert old.status == RegistrationStatus.REPLACED
    assert old.replaced_by == new and old.ended_at is not None
    assert "saraban@maehia.mail.go.th" in old.ended_reason
    # The old mailbox is no longer the administrator; the new one is.
    old_membership = Membership.objects.get(user__email="saraban@maehia.go.th")
    assert old_membership.status == MembershipStatus.REMOVED
    new_membership = Membership.objects.get(user__email="saraban@maehia.mail.go.th")
    assert (new_membership.role, new_membership.status) == (LAORole.ADMIN, "active")
    replaced = _audit(old, "registry.registration.replaced")
    assert (replaced.before["status"], replaced.after["status"]) == ("approved", "replaced")
    assert (replaced.before["replaced_by"], replaced.after["replaced_by"]) == (None, new.pk)
    removed = AuditEvent.objects.get(
        action="accounts.membership.central_admin_removed", target_id=str(old_membership.pk)
    )
    assert (removed.before["status"], removed.after["status"]) == ("active", "removed")
    assert AuditEvent.objects.filter(
        action="accounts.membership.central_admin_granted", target_id=str(new_membership.pk)
    ).exists()
    # History: one approved, one replaced.
    assert sorted(
        EmailRegistration.objects.filter(lao=maehia).values_list("status", flat=True)
    ) == ["approved", "replaced"]


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda the_lao: submitted(the_lao, "saraban@maehia.go.th"), "registration_not_reviewable"),
        (lambda the_lao: approved(the_lao, "saraban@maehia.go.th"), "registration_not_reviewable"),
    ],
)
def test_approve_only_from_awaiting_review(maehia, reviewer, make, code):
    registration = make(maehia)
    status = registration.status
    with pytest.raises(Conflict) as exc:
        registration_approve(registration=registration, actor=reviewer)
    assert exc.value.code == code and exc.value.status == 409
    registration.refresh_from_db()
    assert registration.status == status


def test_rejected_and_revoked_cannot_be_approved(maehia, reviewer):
    rejected = verified(maehia, "saraban@maehia.go.th")
    registration_reject(registration=rejected, actor=reviewer, reason="ไม่ครบ")
    revoked = approved(maehia, "saraban.x@maehia.go.th")
    registration_revoke(registration=revoked, actor=reviewer, reason="ผิด")
    for registration in (rejected, revoked):
        with pytest.raises(Conflict):
            registration_approve(registration=registration, actor=reviewer)


def test_reject_records_the_reason_and_mails_it(
    maehia, reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    registration = verified(maehia, "saraban@maehia.go.th")
    with django_capture_on_commit_callbacks(execute=True):
        registration_reject(
            registration=registration, actor=reviewer, reason="  หนังสือไม่ได้ลงนาม\u200b "
        )
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.REJECTED
    assert registration.review_reason == "หนังสือไม่ได้ลงนาม"
    event = _audit(registration, "registry.registration.rejected")
    assert event.after["review_reason"] == "หนังสือไม่ได้ลงนาม" and event.before["review_reason"] == ""
    [mail] = mailoutbox
    assert "หนังสือไม่ได้ลงนาม" in mail.body
    assert not User.objects.filter(email="saraban@maehia.go.th").exists()


def test_reject_is_allowed_before_the_mailbox_is_verified(maehia, reviewer):
    registration = submitted(maehia, "saraban@maehia.go.th")
    registration_reject(registration=registration, actor=reviewer, reason="ซ้ำ")
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.REJECTED


@pytest.mark.parametrize(
    ("reason", "code"), [("", "required"), ("\u200b", "required"), ("ก" * 2001, "too_long")]
)
def test_reject_and_revoke_need_a_reason(maehia, reviewer, reason, code):
    pending = verified(maehia, "saraban@maehia.go.th")
    official = approved(lao("4400115"), "saraban@sila.go.th")
    for fn, registration in [(registration_reject, pending), (registration_revoke, official)]:
        with pytest.raises(ValidationFailed) as exc:
            fn(registration=registration, actor=reviewer, reason=reason)
        assert exc.value.code == code and exc.value.field == "reason"
    pending.refresh_from_db()
    official.refresh_from_db()
    assert (pending.status, official.status) == ("awaiting_review", "approved")


def test_reject_only_while_pending(maehia, reviewer):
    registration = approved(maehia, "saraban@maehia.go.th")
    with pytest.raises(Conflict) as exc:
        registration_reject(registration=registration, actor=reviewer, reason="x")
    assert exc.value.code == "registration_not_reviewable"
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.APPROVED


def test_revoke_withdraws_the_address_and_its_admin(maehia, reviewer):
    registration = approved(maehia, "saraban@maehia.go.th")
    registration_revoke(registration=registration, actor=reviewer, reason="กล่องอีเมลสูญหาย")
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.REVOKED
    assert registration.ended_reason == "กล่องอีเมลสูญหาย" and registration.ended_at
    membership = Membership.objects.get(user__email="saraban@maehia.go.th")
    assert membership.status == MembershipStatus.REMOVED
    event = _audit(registration, "registry.registration.revoked")
    assert (event.before["status"], event.after["status"]) == ("approved", "revoked")
    assert event.after["ended_reason"] == "กล่องอีเมลสูญหาย"
    # Revoked once is revoked: a second revoke is a conflict.
    with pytest.raises(Conflict) as exc:
        registration_revoke(registration=registration, actor=reviewer, reason="อีกครั้ง")
    assert exc.value.code == "registration_not_approved"


def test_revoke_only_a_published_address(maehia, reviewer):
    registration = verified(maehia, "saraban@maehia.go.th")
    with pytest.raises(Conflict) as exc:
        registration_revoke(registration=registration, actor=reviewer, reason="x")
    assert exc.value.code == "registration_not_approved"


@pytest.mark.parametrize(
    "make_actor",
    [
        lambda: None,
        platform_admin,
        auditor,
        lambda: member(lao("4500103"), LAORole.ADMIN),
        lambda: member(lao("4500103"), LAORole.EXECUTIVE),
    ],
)
def test_only_registry_admins_review(maehia, make_actor):
    actor = make_actor()
    pending = verified(maehia, "saraban@maehia.go.th")
    official = approved(lao("4400115"), "saraban@sila.go.th")
    with pytest.raises(PermissionDenied):
        registration_approve(registration=pending, actor=actor)
    with pytest.raises(PermissionDenied):
        registration_reject(registration=pending, actor=actor, reason="x")
    with pytest.raises(PermissionDenied):
        registration_revoke(registration=official, actor=actor, reason="x")
    pending.refresh_from_db()
    official.refresh_from_db()
    assert (pending.status, official.status) == ("awaiting_review", "approved")


def test_every_transition_is_audited(maehia, reviewer):
    first = approved(maehia, "saraban@maehia.go.th", reviewer)
    second = approved(maehia, "saraban@maehia.mail.go.th", reviewer)
    registration_revoke(registration=second, actor=reviewer, reason="ผิดพลาด")
    third = verified(maehia, "saraban.x@maehia.go.th")
    registration_reject(registration=third, actor=reviewer, reason="ไม่ครบ")
    actions = lambda r: set(  # noqa: E731
        AuditEvent.objects.filter(
            target_type="registry.emailregistration", target_id=str(r.pk)
        ).values_list("action", flat=True)
    )
    prefix = "registry.registration."
    assert actions(first) == {prefix + a for a in ["submitted", "mailbox_verified", "approved",
                                                   "replaced"]}  # fmt: skip
    assert actions(second) == {prefix + a for a in ["submitted", "mailbox_verified", "approved",
                                                    "revoked"]}  # fmt: skip
    assert actions(third) == {prefix + a for a in ["submitted", "mailbox_verified", "rejected"]}
    for event in AuditEvent.objects.filter(action__startswith=prefix).exclude(
        action=prefix + "submitted"
    ):
        assert event.before is not None and event.after is not None
        assert event.before["status"] != event.after["status"]
        assert event.lao == maehia


def test_submissions_are_limited_per_network_lao_and_address(settings):
    from thongthin.accounts.tests.factories import lao
    from thongthin.core.errors import RateLimited
    from thongthin.directory.models import LAO
    from thongthin.registry.models import EmailRegistration
    from thongthin.registry.services import registration_submit
    from thongthin.registry.tests.factories import pdf_letter

    settings.THONGTHIN = {**settings.THONGTHIN, "REGISTRY_SUBMISSIONS_PER_IP_PER_HOUR": 2}
    codes = list(LAO.objects.filter(province__code="72").values_list("dla_code", flat=True)[:6])

    def submit(n: str, email: str, ip: str) -> None:
        registration_submit(
            lao=lao(codes[int(n)]),
            email=email,
            submitter_name="นายทดสอบ ระบบ",
            submitter_position="ปลัด",
            letter=pdf_letter(),
            ip=ip,
        )

    submit("0", "saraban@a.go.th", "203.0.113.1")
    submit("1", "saraban@b.go.th", "203.0.113.1")
    with pytest.raises(RateLimited) as err:  # a third from the same network within the hour
        submit("2", "saraban@c.go.th", "203.0.113.1")
    assert err.value.code == "registry_too_many_submissions" and err.value.status == 429
    submit("2", "saraban@c.go.th", "203.0.113.2")  # another network is fine
    for n in range(2):  # the same address at most three times a day
        submit("3", "saraban@c.go.th", f"198.51.100.{n}")
    with pytest.raises(RateLimited):
        submit("4", "saraban@c.go.th", "198.51.100.9")
    assert EmailRegistration.objects.count() == 5
