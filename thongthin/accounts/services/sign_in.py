"""Passwordless sign-in: a 6-digit code sent by e-mail.

Codes live 10 minutes, work once, and are stored only as an HMAC. Requests are limited per
address and per IP; wrong codes count against the address and lock it for a while.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thongthin.core.audit import audit_record
from thongthin.core.errors import RateLimited, ValidationFailed
from thongthin.core.mail import send_templated

from ..models import Membership, MembershipStatus, SignInCode, SignInFailure, User
from .emails import normalize_address


def _conf(name: str) -> int:
    return int(settings.THONGTHIN[name])


def _hash(email: str, code: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"{email}:{code}".encode(), hashlib.sha256).hexdigest()


def _locked(email: str, ip: str | None) -> bool:
    """Locked after repeated wrong codes. The address is locked for the network the failures came
    from, so that a stranger cannot lock an LAO's central mailbox out from everywhere with ten
    wrong guesses; many failures for one address from many networks lock it everywhere, and a
    network trying many addresses is locked too."""
    since = timezone.now() - timedelta(seconds=_conf("SIGN_IN_LOCKOUT_SECONDS"))
    limit = _conf("SIGN_IN_LOCKOUT_FAILURES")
    recent = SignInFailure.objects.filter(at__gte=since)
    if recent.filter(email=email, ip=ip).count() >= limit:
        return True
    if recent.filter(email=email).count() >= 5 * limit:
        return True
    return bool(ip) and recent.filter(ip=ip).count() >= 3 * limit


def _locked_error() -> RateLimited:
    return RateLimited(
        _("ใส่รหัสผิดหลายครั้งเกินไป บัญชีนี้ถูกระงับการเข้าสู่ระบบชั่วคราว %(minutes)s นาที"),
        code="sign_in_locked",
        params={"minutes": _conf("SIGN_IN_LOCKOUT_SECONDS") // 60},
    )


def may_sign_in(email: str) -> bool:
    """An active account, or the approved central e-mail of an LAO that has no account yet."""
    from thongthin.registry.selectors import approved_registration_for_email

    user = User.objects.filter(email=email).first()
    if user is not None:
        return user.is_active  # a deactivated account stays out, central e-mail or not
    return approved_registration_for_email(email) is not None


def sign_in_code_request(*, email: str, ip: str | None) -> str:
    """Send a code to the address if it may sign in. Returns the normalized address.

    Unknown addresses get the same answer and the same work (a row, no e-mail) so that the page
    cannot be used to find out who has an account, and so that they count against the IP.
    """
    email = normalize_address(email)
    if _locked(email, ip):
        raise _locked_error()
    now = timezone.now()
    since = now - timedelta(seconds=_conf("SIGN_IN_RATE_WINDOW_SECONDS"))
    if SignInCode.objects.filter(email=email, created_at__gte=since).count() >= _conf(
        "SIGN_IN_CODES_PER_ADDRESS"
    ):
        raise RateLimited(
            _("ขอรหัสสำหรับอีเมลนี้บ่อยเกินไป กรุณารอ 15 นาทีแล้วลองใหม่"),
            code="sign_in_too_many_codes",
        )
    if ip and SignInCode.objects.filter(ip=ip, created_at__gte=since).count() >= _conf(
        "SIGN_IN_CODES_PER_IP"
    ):
        raise RateLimited(
            _("มีการขอรหัสจากเครือข่ายนี้บ่อยเกินไป กรุณารอสักครู่แล้วลองใหม่"),
            code="sign_in_too_many_codes_ip",
        )
    code = f"{secrets.randbelow(10**6):06d}"
    with transaction.atomic():
        SignInCode.objects.create(
            email=email,
            code_hash=_hash(email, code),
            created_at=now,
            expires_at=now + timedelta(seconds=_conf("SIGN_IN_CODE_TTL_SECONDS")),
            ip=ip,
        )
        if may_sign_in(email):
            send_templated(
                to=email,
                template="accounts/email/sign_in_code",
                context={"code": code, "minutes": _conf("SIGN_IN_CODE_TTL_SECONDS") // 60},
            )
    return email


def _fail(email: str, ip: str | None, code_row: SignInCode | None) -> ValidationFailed:
    with transaction.atomic():
        SignInFailure.objects.create(email=email, ip=ip)
        if code_row is not None:
            SignInCode.objects.filter(pk=code_row.pk).update(
                failed_attempts=F("failed_attempts") + 1
            )
    return ValidationFailed(
        _("รหัสไม่ถูกต้องหรือหมดอายุแล้ว กรุณาตรวจสอบหรือขอรหัสใหม่"),
        code="sign_in_code_invalid",
        field="code",
    )


def sign_in_code_verify(*, email: str, code: str, ip: str | None) -> User:
    """Check a code; on success mark it used and return the user (created for a central e-mail)."""
    email = normalize_address(email)
    code = "".join(ch for ch in (code or "") if not ch.isspace())
    if _locked(email, ip):
        raise _locked_error()
    now = timezone.now()
    row = (
        SignInCode.objects.filter(
            email=email,
            used_at__isnull=True,
            expires_at__gt=now,
            failed_attempts__lt=_conf("SIGN_IN_MAX_ATTEMPTS_PER_CODE"),
        )
        .order_by("-created_at")
        .first()
    )
    if row is None or not (len(code) == 6 and code.isdigit()):
        raise _fail(email, ip, row)
    if not hmac.compare_digest(_hash(email, code), row.code_hash):
        raise _fail(email, ip, row)
    if not may_sign_in(email):
        raise _fail(email, ip, None)
    with transaction.atomic():
        # The conditional update makes the code single-use even under concurrent submissions.
        if not SignInCode.objects.filter(pk=row.pk, used_at__isnull=True).update(used_at=now):
            raise ValidationFailed(
                _("รหัสนี้ถูกใช้ไปแล้ว กรุณาขอรหัสใหม่"), code="sign_in_code_used", field="code"
            )
        # Older codes for the address die too, or they would work again once this one is used.
        SignInCode.objects.filter(email=email, used_at__isnull=True).update(used_at=now)
        user = _user_for(email)
        _activate_invitations(user)
        user.last_login = now
        user.save(update_fields=["last_login"])
    return user


def _user_for(email: str) -> User:
    from .memberships import central_admin_ensure

    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email)
        audit_record(
            actor=user, action="accounts.user.created", target=user, after={"email": email}
        )
    central_admin_ensure(email=email)
    return user


def _activate_invitations(user: User) -> None:
    for membership in Membership.objects.filter(user=user, status=MembershipStatus.INVITED):
        membership.status = MembershipStatus.ACTIVE
        membership.activated_at = timezone.now()
        membership.save(update_fields=["status", "activated_at"])
        audit_record(
            actor=user,
            action="accounts.membership.activated",
            target=membership,
            before={"status": MembershipStatus.INVITED},
            after={"status": MembershipStatus.ACTIVE},
            lao=membership.lao,
        )
