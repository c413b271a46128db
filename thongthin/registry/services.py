"""Writes for the official e-mail registry. Every transition checks the current state and is
audit-logged in the same transaction; e-mails go out after commit."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thongthin.accounts import permissions
from thongthin.accounts.services.emails import normalize_address
from thongthin.accounts.services.memberships import central_admin_ensure, central_admin_remove
from thongthin.core import versions
from thongthin.core.audit import audit_record, snapshot
from thongthin.core.errors import (
    Conflict,
    NotFound,
    PermissionDenied,
    RateLimited,
    ValidationFailed,
)
from thongthin.core.mail import send_templated
from thongthin.core.text import normalize
from thongthin.directory.models import LAO, LAOStatus
from thongthin.directory.search import VERSION as DIRECTORY_VERSION

from .dns import domain_policy
from .hints import address_hints
from .letters import letter_check
from .models import EmailRegistration, RegistrationStatus

_SIGNING_SALT = "thongthin.registry.verify-mailbox"
_FIELDS = ["lao", "email", "status", "reviewed_by", "review_reason", "ended_reason", "replaced_by"]
MAX_TEXT = 200
MAX_REASON = 2000


def _text(value: str, *, field: str, required: bool = True, max_length: int = MAX_TEXT) -> str:
    text = normalize(value)
    if required and not text:
        raise ValidationFailed(_("กรุณากรอกข้อมูลช่องนี้"), code="required", field=field)
    if len(text) > max_length:
        raise ValidationFailed(
            _("ยาวเกิน %(max)s ตัวอักษร"), code="too_long", field=field, params={"max": max_length}
        )
    return text


def _check_submission_limits(*, lao: LAO, address: str, ip: str | None) -> None:
    conf = settings.THONGTHIN
    now = timezone.now()
    recent = EmailRegistration.objects.filter(submitted_at__gte=now - timedelta(days=1))
    over = (
        (ip and recent.filter(submitted_ip=ip, submitted_at__gte=now - timedelta(hours=1)).count()
         >= conf["REGISTRY_SUBMISSIONS_PER_IP_PER_HOUR"])
        or recent.filter(lao=lao).count() >= conf["REGISTRY_SUBMISSIONS_PER_LAO_PER_DAY"]
        or recent.filter(email=address).count() >= conf["REGISTRY_SUBMISSIONS_PER_ADDRESS_PER_DAY"]
    )  # fmt: skip
    if over:
        raise RateLimited(
            _("มีการยื่นลงทะเบียนบ่อยเกินไป กรุณาลองใหม่ภายหลัง หรือติดต่อ สพร."),
            code="registry_too_many_submissions",
        )


def _verify_token(registration: EmailRegistration) -> str:
    return signing.dumps(
        {"id": registration.pk, "n": registration.verify_nonce}, salt=_SIGNING_SALT, compress=True
    )


def verify_url(registration: EmailRegistration) -> str:
    path = reverse("registry:verify", kwargs={"token": _verify_token(registration)})
    return f"{settings.THONGTHIN['SITE_URL']}{path}"


def registration_submit(
    *,
    lao: LAO,
    email: str,
    submitter_name: str,
    submitter_position: str,
    submitter_phone: str = "",
    letter: UploadedFile | None,
    actor: Any = None,
    ip: str | None = None,
) -> EmailRegistration:
    """A representative of the LAO submits its central e-mail with an official letter. A link is
    sent to the address to prove that the submitter controls the mailbox.

    Anyone may submit, so submissions are limited per network, per LAO and per address: the form
    must not become a way to make the platform e-mail strangers or store files without end."""
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    checks = {
        "email": lambda: normalize_address(email),
        "submitter_name": lambda: _text(submitter_name, field="submitter_name"),
        "submitter_position": lambda: _text(submitter_position, field="submitter_position"),
        "submitter_phone": lambda: _text(
            submitter_phone, field="submitter_phone", required=False, max_length=50
        ),
        "letter": lambda: letter_check(letter),
    }
    for name, check in checks.items():
        try:
            values[name] = check()
        except ValidationFailed as exc:
            errors[name] = exc.render()
    if errors:
        raise ValidationFailed(fields=errors)
    if lao.status != LAOStatus.ACTIVE:
        raise Conflict(_("อปท. นี้ไม่อยู่ในทะเบียนปัจจุบันแล้ว"), code="lao_not_active")
    address = values["email"]
    _check_submission_limits(lao=lao, address=address, ip=ip)
    taken = EmailRegistration.objects.filter(email=address, status=RegistrationStatus.APPROVED)
    if taken.exclude(lao=lao).exists():
        raise Conflict(
            _("อีเมลนี้เป็นอีเมลกลางของ อปท. อื่นอยู่แล้ว"),
            code="email_official_elsewhere",
            field="email",
        )
    if taken.filter(lao=lao).exists():
        raise Conflict(
            _("อีเมลนี้เป็นอีเมลกลางของ อปท. นี้อยู่แล้ว"), code="email_already_official", field="email"
        )
    domain = address.rsplit("@", 1)[1]
    # Asked before the transaction opens: on SQLite it would hold the write lock meanwhile.
    policy = domain_policy(domain)
    checked: Any = values["letter"]
    registration = EmailRegistration(
        lao=lao,
        email=address,
        submitted_ip=ip,
        domain=domain,
        submitter_name=values["submitter_name"],
        submitter_position=values["submitter_position"],
        submitter_phone=values["submitter_phone"],
        letter_sha256=checked.sha256,
        letter_content_type=checked.content_type,
        hints=[h.as_dict() for h in address_hints(address, policy)],
        dns=policy.as_dict(),
    )
    registration.letter.save(f"letter.{checked.extension}", letter, save=False)  # type: ignore[arg-type]
    with transaction.atomic():
        try:
            registration.save()
            audit_record(
                actor=actor,
                action="registry.registration.submitted",
                target=registration,
                after=snapshot(registration, _FIELDS),
                lao=lao,
            )
        except BaseException:
            # The row will not exist; do not leave its file behind.
            registration.letter.delete(save=False)
            raise
        send_templated(
            to=address,
            template="registry/email/verify_mailbox",
            context={"registration": registration, "lao": lao, "url": verify_url(registration)},
        )
    return registration


@transaction.atomic
def registration_verify_mailbox(*, token: str) -> EmailRegistration:
    """The link in the e-mail was opened: the submitter controls the mailbox. Single use: the
    nonce in the token is rotated, so the same link cannot be used again."""
    try:
        data = signing.loads(
            token,
            salt=_SIGNING_SALT,
            max_age=settings.THONGTHIN["REGISTRY_VERIFY_LINK_MAX_AGE_SECONDS"],
        )
    except signing.SignatureExpired:
        raise ValidationFailed(
            _("ลิงก์ยืนยันหมดอายุแล้ว กรุณายื่นลงทะเบียนใหม่"), code="verify_link_expired"
        ) from None
    except signing.BadSignature:
        raise ValidationFailed(_("ลิงก์ยืนยันไม่ถูกต้อง"), code="verify_link_invalid") from None
    pk = data.get("id") if isinstance(data, dict) else None
    registration = (
        EmailRegistration.objects.select_for_update().filter(pk=pk).first()
        if isinstance(pk, int)
        else None
    )
    if registration is None or registration.verify_nonce != data.get("n"):
        raise ValidationFailed(_("ลิงก์นี้ถูกใช้ไปแล้วหรือไม่ถูกต้อง"), code="verify_link_used")
    if registration.status != RegistrationStatus.AWAITING_MAILBOX:
        raise Conflict(_("การลงทะเบียนนี้ยืนยันไปแล้ว"), code="verify_link_used")
    before = snapshot(registration, _FIELDS)
    registration.status = RegistrationStatus.AWAITING_REVIEW
    registration.mailbox_verified_at = timezone.now()
    registration.verify_nonce = ""
    registration.save(update_fields=["status", "mailbox_verified_at", "verify_nonce"])
    audit_record(
        actor=None,
        action="registry.registration.mailbox_verified",
        target=registration,
        before=before,
        after=snapshot(registration, _FIELDS),
        lao=registration.lao,
    )
    return registration


def _locked(registration: EmailRegistration) -> EmailRegistration:
    locked = (
        EmailRegistration.objects.select_for_update()
        .select_related("lao")
        .filter(pk=registration.pk)
        .first()
    )
    if locked is None:
        raise NotFound(code="registration_not_found")
    return locked


def _require_registry_admin(actor: Any) -> None:
    if not permissions.is_registry_admin(actor):
        raise PermissionDenied()


@transaction.atomic
def registration_approve(*, registration: EmailRegistration, actor: Any) -> EmailRegistration:
    """Publish the address as the LAO's official central e-mail. An earlier approved address
    becomes history (replaced) and its mailbox stops being the LAO's administrator."""
    _require_registry_admin(actor)
    # Lock the LAO first, then registrations: a fixed order so two approvals cannot deadlock.
    LAO.objects.select_for_update().filter(pk=registration.lao_id).first()
    registration = _locked(registration)
    if registration.status != RegistrationStatus.AWAITING_REVIEW:
        raise Conflict(
            _("อนุมัติได้เฉพาะรายการที่ยืนยันกล่องอีเมลแล้วและรอตรวจสอบ"), code="registration_not_reviewable"
        )
    now = timezone.now()
    previous = (
        EmailRegistration.objects.select_for_update()
        .filter(lao=registration.lao, status=RegistrationStatus.APPROVED)
        .first()
    )
    before = snapshot(registration, _FIELDS)
    if previous is not None:
        prev_before = snapshot(previous, _FIELDS)
        previous.status, previous.ended_at = RegistrationStatus.REPLACED, now
        previous.ended_reason = str(_("แทนที่ด้วย %(email)s") % {"email": registration.email})
        previous.replaced_by = registration
        previous.save(update_fields=["status", "ended_at", "ended_reason", "replaced_by"])
        audit_record(
            actor=actor,
            action="registry.registration.replaced",
            target=previous,
            before=prev_before,
            after=snapshot(previous, _FIELDS),
            lao=registration.lao,
        )
        central_admin_remove(lao=registration.lao, email=previous.email, actor=actor)
    registration.status = RegistrationStatus.APPROVED
    registration.reviewed_by, registration.reviewed_at = actor, now
    try:
        with transaction.atomic():
            registration.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    except IntegrityError:
        raise Conflict(
            _("อีเมลนี้เป็นอีเมลกลางของ อปท. อื่นอยู่แล้ว"), code="email_official_elsewhere"
        ) from None
    audit_record(
        actor=actor,
        action="registry.registration.approved",
        target=registration,
        before=before,
        after=snapshot(registration, _FIELDS),
        lao=registration.lao,
    )
    central_admin_ensure(email=registration.email, actor=actor)
    versions.bump(DIRECTORY_VERSION)  # search results show the official e-mail
    send_templated(
        to=registration.email,
        template="registry/email/approved",
        context={"registration": registration, "lao": registration.lao},
    )
    return registration


def _reason(reason: str) -> str:
    text = _text(reason, field="reason", max_length=MAX_REASON)
    return text


@transaction.atomic
def registration_reject(
    *, registration: EmailRegistration, actor: Any, reason: str
) -> EmailRegistration:
    _require_registry_admin(actor)
    reason = _reason(reason)
    registration = _locked(registration)
    if registration.status not in {
        RegistrationStatus.AWAITING_REVIEW,
        RegistrationStatus.AWAITING_MAILBOX,
    }:
        raise Conflict(code="registration_not_reviewable")
    before = snapshot(registration, _FIELDS)
    registration.status = RegistrationStatus.REJECTED
    registration.reviewed_by, registration.reviewed_at = actor, timezone.now()
    registration.review_reason = reason
    registration.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_reason"])
    audit_record(
        actor=actor,
        action="registry.registration.rejected",
        target=registration,
        before=before,
        after=snapshot(registration, _FIELDS),
        lao=registration.lao,
    )
    send_templated(
        to=registration.email,
        template="registry/email/rejected",
        context={"registration": registration, "lao": registration.lao},
    )
    return registration


@transaction.atomic
def registration_revoke(
    *, registration: EmailRegistration, actor: Any, reason: str
) -> EmailRegistration:
    """Withdraw a published address (the mailbox was lost, or it was registered in error)."""
    _require_registry_admin(actor)
    reason = _reason(reason)
    registration = _locked(registration)
    if registration.status != RegistrationStatus.APPROVED:
        raise Conflict(_("เพิกถอนได้เฉพาะอีเมลที่เผยแพร่อยู่"), code="registration_not_approved")
    before = snapshot(registration, _FIELDS)
    registration.status = RegistrationStatus.REVOKED
    registration.ended_at, registration.ended_reason = timezone.now(), reason
    registration.save(update_fields=["status", "ended_at", "ended_reason"])
    audit_record(
        actor=actor,
        action="registry.registration.revoked",
        target=registration,
        before=before,
        after=snapshot(registration, _FIELDS),
        lao=registration.lao,
    )
    central_admin_remove(lao=registration.lao, email=registration.email, actor=actor)
    versions.bump(DIRECTORY_VERSION)
    return registration
