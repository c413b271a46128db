"""Sending e-mail after the transaction that caused it has committed."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation


def send_templated(
    *, to: str, template: str, context: dict[str, Any], language: str | None = None
) -> None:
    """Render `<template>_subject.txt` and `<template>_body.txt` and send once the current
    transaction commits (immediately when there is none)."""

    def _send() -> None:
        with translation.override(language or settings.LANGUAGE_CODE):
            full = {"site_url": settings.THONGTHIN["SITE_URL"], **context}
            subject = " ".join(render_to_string(f"{template}_subject.txt", full).split())
            body = render_to_string(f"{template}_body.txt", full)
        EmailMultiAlternatives(subject=subject, body=body, to=[to]).send()

    # robust: the data is already saved; a mail server that is down must not turn the page into
    # an error. The failure is logged by Django ("Error calling ... in on_commit()").
    transaction.on_commit(_send, robust=True)
