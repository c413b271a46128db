from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from thongthin.accounts.tests.factories import registry_admin
from thongthin.directory.models import LAO
from thongthin.registry.models import EmailRegistration
from thongthin.registry.services import (
    _verify_token,
    registration_approve,
    registration_submit,
    registration_verify_mailbox,
)

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def pdf_letter(name: str = "letter.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def submitted(lao: LAO, email: str, **kwargs) -> EmailRegistration:  # type: ignore[no-untyped-def]
    return registration_submit(
        lao=lao,
        email=email,
        submitter_name=kwargs.pop("submitter_name", "นางสาวสมศรี ใจดี"),
        submitter_position=kwargs.pop("submitter_position", "นักจัดการงานทั่วไป"),
        letter=kwargs.pop("letter", pdf_letter()),
        **kwargs,
    )


def verified(lao: LAO, email: str) -> EmailRegistration:
    registration = submitted(lao, email)
    return registration_verify_mailbox(token=_verify_token(registration))


def approved(lao: LAO, email: str, reviewer=None) -> EmailRegistration:  # type: ignore[no-untyped-def]
    registration = verified(lao, email)
    return registration_approve(registration=registration, actor=reviewer or registry_admin())
