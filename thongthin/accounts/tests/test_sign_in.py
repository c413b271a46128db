"""Passwordless sign-in: 6-digit codes by e-mail, 10 minutes, single use, rate limits, lockout."""

from __future__ import annotations

import hashlib
import hmac
import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from thongthin.accounts.models import (
    LAORole,
    Membership,
    MembershipStatus,
    SignInCode,
    SignInFailure,
    User,
)
from thongthin.accounts.services import sign_in
from thongthin.accounts.services.memberships import membership_invite
from thongthin.accounts.services.sign_in import sign_in_code_request, sign_in_code_verify
from thongthin.accounts.tests.factories import UserFactory, lao, member
from thongthin.core.errors import RateLimited, ValidationFailed
from thongthin.core.models import AuditEvent
from thongthin.registry.models import EmailRegistration, RegistrationStatus
from thongthin.registry.tests.factories import approved

pytestmark = pytest.mark.django_db

IP = "203.0.113.7"


@pytest.fixture
def request_code(django_capture_on_commit_callbacks, mailoutbox_codes):
    """Ask for a code (e-mails sent as on commit) and return the newest code e-mailed, if any."""

    def ask(email: str, ip: str | None = IP) -> str | None:
        before = len(mailoutbox_codes())
        with django_capture_on_commit_callbacks(execute=True):
            sign_in_code_request(email=email, ip=ip)
        codes = mailoutbox_codes()
        return codes[-1] if len(codes) > before else None

    return ask


@pytest.fixture
def clock(monkeypatch):
    """Time travel: `clock.advance(seconds)` moves django.utils.timezone.now forward."""

    class Clock:
        offset = timedelta(0)
        real_now = staticmethod(timezone.now)

        def advance(self, seconds: float) -> None:
            self.offset += timedelta(seconds=seconds)

        def now(self):  # type: ignore[no-untyped-def]
            return self.real_now() + self.offset

    clock = Clock()
    monkeypatch.setattr(timezone, "now", clock.now)
    return clock


def _conf(name: str) -> int:
    return int(settings.THONGTHIN[name])


def _wrong(code: str) -> str:
    return f"{(int(code) + 1) % 10**6:06d}"


def _imported_registration(dla_code: str, email: str) -> EmailRegistration:
    """An approved registration written without the service, as data imported from DGA's list:
    no account or membership exists for it yet."""
    the_lao = lao(dla_code)
    return EmailRegistration.objects.create(
        lao=the_lao,
        email=email,
        domain=email.rsplit("@", 1)[1],
        submitter_name="สพร.",
        submitter_position="นำเข้าข้อมูล",
        letter="registry/letters/imported.pdf",
        letter_sha256="0" * 64,
        letter_content_type="application/pdf",
        status=RegistrationStatus.APPROVED,
        reviewed_at=timezone.now(),
    )


# --- The code itself -----------------------------------------------------------------------


def test_code_is_six_digits_sent_by_mail_and_stored_only_as_hmac(request_code, mailoutbox):
    user = UserFactory(email="somchai@example.com")
    code = request_code("Somchai@Example.com ")
    assert code is not None and re.fullmatch(r"\d{6}", code)
    assert mailoutbox[-1].to == [user.email]
    row = SignInCode.objects.get(email=user.email)
    expected = hmac.new(
        settings.SECRET_KEY.encode(), f"{user.email}:{code}".encode(), hashlib.sha256
    ).hexdigest()
    assert row.code_hash == expected
    # The plain code is nowhere in the row.
    for field in SignInCode._meta.concrete_fields:
        assert code not in str(getattr(row, field.attname))
    assert row.ip == IP


def test_code_expires_after_ten_minutes(request_code, clock):
    UserFactory(email="late@example.com")
    code = request_code("late@example.com")
    row = SignInCode.objects.get(email="late@example.com")
    assert row.expires_at - row.created_at == timedelta(minutes=10)
    clock.advance(10 * 60 + 1)
    with pytest.raises(ValidationFailed) as exc:
        sign_in_code_verify(email="late@example.com", code=code, ip=IP)
    assert exc.value.code == "sign_in_code_invalid"
    assert exc.value.status == 422


def test_code_works_just_before_expiry(request_code, clock):
    UserFactory(email="ontime@example.com")
    code = request_code("ontime@example.com")
    clock.advance(10 * 60 - 5)
    user = sign_in_code_verify(email="ontime@example.com", code=code, ip=IP)
    assert user.email == "ontime@example.com"
    assert user.last_login is not None


def test_code_expiry_by_editing_expires_at(request_code):
    UserFactory(email="edited@example.com")
    code = request_code("edited@example.com")
    SignInCode.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(ValidationFailed):
        sign_in_code_verify(email="edited@example.com", code=code, ip=IP)


def test_code_is_single_use(request_code):
    UserFactory(email="once@example.com")
    code = request_code("once@example.com")
    sign_in_code_verify(email="once@example.com", code=code, ip=IP)
    assert SignInCode.objects.get(email="once@example.com").used_at is not None
    with pytest.raises(ValidationFailed) as exc:
        sign_in_code_verify(email="once@example.com", code=code, ip=IP)
    assert exc.value.code == "sign_in_code_invalid"


def test_signing_in_uses_up_older_codes_too(request_code):
    UserFactory(email="two@example.com")
    first = request_code("two@example.com")
    second = request_code("two@example.com")
    sign_in_code_verify(email="two@example.com", code=second, ip=IP)
    # The first code must not come back to life once the newer one is used.
    with pytest.raises(ValidationFailed):
        sign_in_code_verify(email="two@example.com", code=first, ip=IP)


def test_spaces_in_the_typed_code_are_ignored(request_code):
    UserFactory(email="spaces@example.com")
    code = request_code("spaces@example.com")
    assert sign_in_code_verify(email="spaces@example.com", code=f" {code[:3]} {code[3:]} ", ip=IP)


@pytest.mark.parametrize("typed", ["", "12345", "1234567", "abcdef", "๑๒๓๔๕๖", "' OR 1=1 --"])
def test_malformed_codes_count_as_failures(request_code, typed):
    UserFactory(email="typo@example.com")
    request_code("typo@example.com")
    with pytest.raises(ValidationFailed) as exc:
        sign_in_code_verify(email="typo@example.com", code=typed, ip=IP)
    assert exc.value.code == "sign_in_code_invalid"
    assert "รหัสไม่ถูกต้อง" in exc.value.render()
    assert SignInFailure.objects.filter(email="typo@example.com").count() == 1


def test_wrong_code_counts_and_kills_the_code_after_max_attempts(request_code):
    UserFactory(email="guess@example.com")
    code = request_code("guess@example.com")
    for _ in range(_conf("SIGN_IN_MAX_ATTEMPTS_PER_CODE")):
        with pytest.raises(ValidationFailed):
            sign_in_code_verify(email="guess@example.com", code=_wrong(code), ip=IP)
    row = SignInCode.objects.get(email="guess@example.com")
    assert row.failed_attempts == _conf("SIGN_IN_MAX_ATTEMPTS_PER_CODE")
    assert SignInFailure.objects.filter(email="guess@example.com").count() == row.failed_attempts
    # Even the right code no longer works.
    with pytest.raises(ValidationFailed):
        sign_in_code_verify(email="guess@example.com", code=code, ip=IP)


def test_comparison_is_constant_time(request_code, monkeypatch):
    UserFactory(email="ct@example.com")
    code = request_code("ct@example.com")
    calls: list[tuple[str, str]] = []
    real = hmac.compare_digest

    def spy(a, b):  # type: ignore[no-untyped-def]
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(sign_in.hmac, "compare_digest", spy)
    with pytest.raises(ValidationFailed):
        sign_in_code_verify(email="ct@example.com", code=_wrong(code), ip=IP)
    sign_in_code_verify(email="ct@example.com", code=code, ip=IP)
    assert len(calls) == 2
    stored = SignInCode.objects.get(email="ct@example.com").code_hash
    assert all(b == stored for _a, b in calls)


# --- Lockout and rate limits --------------------------------------------------------------


def test_lockout_after_repeated_failures(request_code, clock):
    UserFactory(email="locked@example.com")
    limit = _conf("SIGN_IN_LOCKOUT_FAILURES")
    code = request_code("locked@example.com")
    for _ in range(limit):
        with pytest.raises(ValidationFailed):
            sign_in_code_verify(email="locked@example.com", code="000000", ip=IP)
    fresh = request_code  # requesting while locked is refused as well
    with pytest.raises(RateLimited) as exc:
        fresh("locked@example.com")
    assert exc.value.code == "sign_in_locked" and exc.value.status == 429
    assert "ระงับ" in exc.value.render()
    with pytest.raises(RateLimited) as exc:
        sign_in_code_verify(email="locked@example.com", code=code, ip=IP)
    assert exc.value.code == "sign_in_locked"
    # The lock lifts after the lockout period.
    clock.advance(_conf("SIGN_IN_LOCKOUT_SECONDS") + 1)
    new_code = request_code("locked@example.com")
    assert sign_in_code_verify(email="locked@example.com", code=new_code, ip=IP)


def test_a_stranger_cannot_lock_the_owner_out_from_another_network(request_code):
    # Ten wrong codes from one network lock the address there only: the LAO's own office, on
    # another network, still signs in with the code it received.
    UserFactory(email="saraban.test@example.go.th")
    limit = _conf("SIGN_IN_LOCKOUT_FAILURES")
    for _ in range(limit):
        with pytest.raises(ValidationFailed):
            sign_in_code_verify(
                email="saraban.test@example.go.th", code="000000", ip="203.0.113.66"
            )
    code = request_code("saraban.test@example.go.th", ip="198.51.100.7")
    assert sign_in_code_verify(email="saraban.test@example.go.th", code=code, ip="198.51.100.7")


def test_many_networks_failing_on_one_address_lock_it_everywhere(settings, request_code):
    settings.THONGTHIN = {**settings.THONGTHIN, "SIGN_IN_LOCKOUT_FAILURES": 2}
    UserFactory(email="target@example.com")
    for n in range(10):  # 5 × the limit, from ten networks
        with pytest.raises(ValidationFailed):
            sign_in_code_verify(email="target@example.com", code="000000", ip=f"203.0.113.{n + 1}")
    with pytest.raises(RateLimited):
        sign_in_code_verify(email="target@example.com", code="000000", ip="198.51.100.200")


def test_an_ip_trying_many_addresses_is_locked(settings, request_code):
    settings.THONGTHIN = {**settings.THONGTHIN, "SIGN_IN_LOCKOUT_FAILURES": 2}
    for n in range(6):  # 3 × the per-address limit, spread over addresses
        with pytest.raises(ValidationFailed):
            sign_in_code_verify(email=f"spray{n}@example.com", code="000000", ip=IP)
    UserFactory(email="victim@example.com")
    with pytest.raises(RateLimited) as exc:
        sign_in_code_verify(email="victim@example.com", code="000000", ip=IP)
    assert exc.value.code == "sign_in_locked"
    # Another network is not affected.
    code = request_code("victim@example.com", ip="198.51.100.9")
    assert sign_in_code_verify(email="victim@example.com", code=code, ip="198.51.100.9")


def test_codes_per_address_are_rate_limited(request_code, clock):
    UserFactory(email="many@example.com")
    limit = _conf("SIGN_IN_CODES_PER_ADDRESS")
    for n in range(limit):
        request_code("many@example.com", ip=f"198.51.100.{n + 1}")
    with pytest.raises(RateLimited) as exc:
        request_code("many@example.com", ip="198.51.100.200")
    assert exc.value.code == "sign_in_too_many_codes" and exc.value.status == 429
    assert SignInCode.objects.filter(email="many@example.com").count() == limit
    clock.advance(_conf("SIGN_IN_RATE_WINDOW_SECONDS") + 1)
    assert request_code("many@example.com")


def test_codes_per_ip_are_rate_limited(settings, request_code):
    settings.THONGTHIN = {**settings.THONGTHIN, "SIGN_IN_CODES_PER_IP": 3}
    for n in range(3):
        request_code(f"someone{n}@example.com")
    with pytest.raises(RateLimited) as exc:
        request_code("someone-else@example.com")
    assert exc.value.code == "sign_in_too_many_codes_ip"
    # Another IP may still ask.
    UserFactory(email="someone-else@example.com")
    assert request_code("someone-else@example.com", ip="198.51.100.3")


def test_unknown_address_gets_the_same_answer_but_no_mail(request_code, mailoutbox):
    UserFactory(email="known@example.com")
    known = sign_in_code_request(email="Known@Example.com", ip=IP)
    unknown = request_code("Stranger@Example.com")
    assert known == "known@example.com"
    assert unknown is None
    assert sign_in_code_request(email="Stranger@Example.com", ip=IP) == "stranger@example.com"
    assert mailoutbox == []
    # The request still counts (against the address and the IP).
    assert SignInCode.objects.filter(email="stranger@example.com").count() == 2
    assert not User.objects.filter(email="stranger@example.com").exists()


def test_inactive_user_gets_no_code(request_code, mailoutbox):
    UserFactory(email="gone@example.com", is_active=False)
    assert request_code("gone@example.com") is None
    assert mailoutbox == []


def test_deactivated_central_mailbox_gets_no_code(request_code, mailoutbox):
    # A platform administrator deactivated the account (say the mailbox was compromised):
    # being the LAO's approved central e-mail must not bring it back.
    approved(lao("4500103"), "saraban@maehia.go.th")
    User.objects.filter(email="saraban@maehia.go.th").update(is_active=False)
    assert request_code("saraban@maehia.go.th") is None
    assert mailoutbox == []


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "not-an-email",
        "a" * 10_000 + "@example.com",
        "' OR 1=1 --",
        "<script>alert(1)</script>@example.com",
        "สารบรรณ@example.com",
    ],
)
def test_bad_addresses_are_refused_with_a_thai_message(bad):
    with pytest.raises(ValidationFailed) as exc:
        sign_in_code_request(email=bad, ip=IP)
    assert exc.value.code in {"invalid_email", "email_required"}
    assert re.search("[\u0e00-\u0e7f]", exc.value.render())
    assert not SignInCode.objects.exists()


def test_zero_width_characters_are_ignored_in_the_address(request_code):
    UserFactory(email="zw@example.com")
    assert request_code("z\u200bw@example.com")


# --- What signing in grants ---------------------------------------------------------------


def test_central_email_sign_in_creates_the_lao_admin(request_code):
    registration = _imported_registration("4500103", "saraban@maehia.go.th")
    code = request_code("saraban@maehia.go.th")
    assert code, "an approved central e-mail may sign in before it has an account"
    user = sign_in_code_verify(email="saraban@maehia.go.th", code=code, ip=IP)
    membership = Membership.objects.get(user=user)
    assert membership.lao == registration.lao
    assert (membership.role, membership.status) == (LAORole.ADMIN, MembershipStatus.ACTIVE)
    assert membership.via_central_email
    assert AuditEvent.objects.filter(
        action="accounts.membership.central_admin_granted", target_id=str(membership.pk)
    ).exists()
    assert AuditEvent.objects.filter(action="accounts.user.created", target_id=str(user.pk))


def test_approved_central_email_signs_in_as_admin(request_code):
    approved(lao("4400115"), "saraban@sila.go.th")
    code = request_code("saraban@sila.go.th")
    user = sign_in_code_verify(email="saraban@sila.go.th", code=code, ip=IP)
    assert Membership.objects.get(user=user).role == LAORole.ADMIN
    assert Membership.objects.filter(user=user).count() == 1


def test_invited_staff_become_active_on_first_sign_in(request_code):
    the_lao = lao("4500103")
    admin = member(the_lao, LAORole.ADMIN)
    invited = membership_invite(
        lao=the_lao,
        actor=admin,
        email="officer@example.com",
        full_name="นายสมชาย ใจดี",
        role="officer",
    )
    assert invited.status == MembershipStatus.INVITED
    code = request_code("officer@example.com")
    user = sign_in_code_verify(email="officer@example.com", code=code, ip=IP)
    invited.refresh_from_db()
    assert invited.user == user
    assert invited.status == MembershipStatus.ACTIVE and invited.activated_at is not None
    event = AuditEvent.objects.get(action="accounts.membership.activated")
    assert (event.before, event.after) == ({"status": "invited"}, {"status": "active"})


def test_removed_membership_is_not_reactivated_by_sign_in(request_code):
    the_lao = lao("4500103")
    user = member(the_lao, LAORole.OFFICER, email="former@example.com")
    Membership.objects.filter(user=user).update(status=MembershipStatus.REMOVED)
    code = request_code("former@example.com")
    sign_in_code_verify(email="former@example.com", code=code, ip=IP)
    assert Membership.objects.get(user=user).status == MembershipStatus.REMOVED


# --- Through the pages --------------------------------------------------------------------


def test_sign_in_through_the_pages(client, django_capture_on_commit_callbacks, mailoutbox):
    UserFactory(email="page@example.com", full_name="นางสาวหน้าเว็บ ทดสอบ")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/sign-in", {"email": "Page@Example.com", "next": "/laos/"})
    assert response.status_code == 302 and response["Location"] == "/accounts/sign-in/code"
    assert len(mailoutbox) == 1
    code = re.search(r"\b(\d{6})\b", mailoutbox[0].body).group(1)  # type: ignore[union-attr]
    page = client.get("/accounts/sign-in/code")
    assert page.status_code == 200 and "page@example.com" in page.content.decode()
    response = client.post("/accounts/sign-in/code", {"code": code})
    assert response.status_code == 302 and response["Location"] == "/laos/"
    home = client.get("/accounts/")
    assert home.status_code == 200
    assert "นางสาวหน้าเว็บ ทดสอบ" in home.content.decode()


def test_sign_in_page_ignores_an_offsite_next(client, django_capture_on_commit_callbacks):
    UserFactory(email="next@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/sign-in", {"email": "next@example.com", "next": "https://evil.ex/"})
    code = SignInCode.objects.get(email="next@example.com")
    assert code  # the session remembers the address, not the off-site URL
    assert client.session["sign_in_next"] == ""


def test_sign_in_code_page_without_an_address_goes_back(client):
    response = client.get("/accounts/sign-in/code")
    assert response.status_code == 302 and response["Location"] == "/accounts/sign-in"


def test_wrong_code_on_the_page_is_a_thai_422_and_not_signed_in(
    client, django_capture_on_commit_callbacks, mailoutbox_codes
):
    UserFactory(email="wrong@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/sign-in", {"email": "wrong@example.com"})
    code = mailoutbox_codes()[-1]
    response = client.post("/accounts/sign-in/code", {"code": _wrong(code)})
    assert response.status_code == 422
    assert "รหัสไม่ถูกต้องหรือหมดอายุแล้ว" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert SignInFailure.objects.filter(email="wrong@example.com").count() == 1


def test_locked_address_on_the_page_is_429(client, settings):
    settings.THONGTHIN = {**settings.THONGTHIN, "SIGN_IN_LOCKOUT_FAILURES": 2}
    UserFactory(email="lock-page@example.com")
    client.post("/accounts/sign-in", {"email": "lock-page@example.com"})
    for _ in range(2):
        assert client.post("/accounts/sign-in/code", {"code": "000000"}).status_code == 422
    response = client.post("/accounts/sign-in/code", {"code": "000000"})
    assert response.status_code == 429
    assert "ระงับการเข้าสู่ระบบชั่วคราว" in response.content.decode()
    again = client.post("/accounts/sign-in", {"email": "lock-page@example.com"})
    assert again.status_code == 429


def test_unknown_address_on_the_page_looks_the_same(client, mailoutbox):
    response = client.post("/accounts/sign-in", {"email": "nobody@example.com"})
    assert response.status_code == 302 and response["Location"] == "/accounts/sign-in/code"
    assert mailoutbox == []


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "not-an-email",
        "x" * 10_000,
        "' OR 1=1 --",
        '"><script>alert(1)</script>',
        "สารบรรณ\u0e49\u0e49@เทศบาล",
        "\u200b\u200b",
    ],
)
def test_bad_addresses_on_the_page_are_a_thai_4xx(client, bad):
    response = client.post("/accounts/sign-in", {"email": bad})
    assert 400 <= response.status_code < 500
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "กรุณากรอกอีเมล" in html or "รูปแบบอีเมลไม่ถูกต้อง" in html or "อีเมลยาวเกินไป" in html
    assert not SignInCode.objects.exists()


@pytest.mark.parametrize("bad", ["x" * 10_000, "<script>alert(1)</script>", "' OR 1=1 --"])
def test_bad_codes_on_the_page_are_a_4xx(client, bad):
    UserFactory(email="badcode@example.com")
    client.post("/accounts/sign-in", {"email": "badcode@example.com"})
    response = client.post("/accounts/sign-in/code", {"code": bad})
    assert response.status_code == 422
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_sign_out_is_post_only(client):
    user = UserFactory()
    client.force_login(user)
    assert client.get("/accounts/sign-out").status_code == 405
    assert client.post("/accounts/sign-out").status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("next_url", "kept"),
    [
        ("/laos/4500103/", "/laos/4500103/"),
        ("javascript:alert(1)", ""),
        ("//evil.example/", ""),
        ('"><script>alert(1)</script>', None),
    ],
)
def test_next_on_the_sign_in_page_is_safe(client, next_url, kept):
    html = client.get("/accounts/sign-in", {"next": next_url}).content.decode()
    assert "<script>alert(1)</script>" not in html
    if kept is not None:
        assert f'name="next" value="{kept}"' in html
