"""Sign-in codes through a real SMTP server on loopback (aiosmtpd), not the in-memory outbox."""

from __future__ import annotations

import email
import email.policy
import re
import socket

import pytest
from aiosmtpd.controller import Controller

from thongthin.accounts.models import LAORole, Membership
from thongthin.accounts.services.sign_in import sign_in_code_request, sign_in_code_verify
from thongthin.accounts.tests.factories import lao
from thongthin.registry.tests.factories import approved

pytestmark = [pytest.mark.django_db, pytest.mark.smtp]


class Inbox:
    """An aiosmtpd handler that keeps every message it is given."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], email.message.EmailMessage]] = []

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((list(envelope.rcpt_tos), message))  # type: ignore[arg-type]
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def smtp_server(settings):  # type: ignore[no-untyped-def]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = controller.hostname, controller.port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    try:
        yield inbox
    finally:
        controller.stop()


def test_sign_in_code_travels_through_smtp(smtp_server, django_capture_on_commit_callbacks):
    # Given an LAO whose central e-mail DGA has approved
    the_lao = lao("4500103")
    with django_capture_on_commit_callbacks(execute=True):
        approved(the_lao, "saraban@maehia.go.th")
    smtp_server.messages.clear()  # the verification and approval notices went out too

    # When the mailbox asks for a sign-in code
    with django_capture_on_commit_callbacks(execute=True):
        sign_in_code_request(email="saraban@maehia.go.th", ip="127.0.0.1")

    # Then the SMTP server received exactly one message, addressed to it, with the code
    assert len(smtp_server.messages) == 1
    recipients, message = smtp_server.messages[0]
    assert recipients == ["saraban@maehia.go.th"]
    assert message["To"] == "saraban@maehia.go.th"
    body = message.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    assert "รหัสเข้าสู่ระบบ" in body  # Thai survives the trip (UTF-8 encoded)
    code = re.search(r"\b(\d{6})\b", body).group(1)  # type: ignore[union-attr]

    # And the code read from that message signs the mailbox in as the LAO's administrator
    user = sign_in_code_verify(email="saraban@maehia.go.th", code=code, ip="127.0.0.1")
    membership = Membership.objects.get(user=user, lao=the_lao)
    assert membership.role == LAORole.ADMIN and membership.via_central_email


def test_unknown_address_sends_nothing_over_smtp(smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sign_in_code_request(email="nobody@maehia.go.th", ip="127.0.0.1")
    assert smtp_server.messages == []
