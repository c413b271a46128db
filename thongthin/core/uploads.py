"""Uploaded documents (a registry letter, evidence for an assessment): a PDF or an image,
checked by its content, not by its name."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from .errors import ValidationFailed

_IMAGE_TYPES = {
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
}


@dataclass(frozen=True)
class CheckedDocument:
    content_type: str
    extension: str
    sha256: str


def document_check(upload: UploadedFile | None, *, field: str, max_bytes: int) -> CheckedDocument:
    """A PDF, JPEG or PNG of at most `max_bytes`; errors carry `field` and the codes
    file_required, file_too_large and file_bad_type."""
    if upload is None or not upload.size:
        raise ValidationFailed(_("กรุณาแนบไฟล์ (PDF หรือรูปภาพ)"), code="file_required", field=field)
    if upload.size > max_bytes:
        raise ValidationFailed(
            _("ไฟล์ใหญ่เกิน %(mb)s MB"),
            code="file_too_large",
            field=field,
            params={"mb": max_bytes // (1024 * 1024)},
        )
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head == b"%PDF-":
        return CheckedDocument("application/pdf", "pdf", digest.hexdigest())
    try:
        with Image.open(upload) as image:
            image.verify()
            kind = image.format or ""
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        kind = ""
    finally:
        upload.seek(0)
    if kind not in _IMAGE_TYPES:
        raise ValidationFailed(_("ไฟล์ต้องเป็น PDF, JPEG หรือ PNG"), code="file_bad_type", field=field)
    content_type, extension = _IMAGE_TYPES[kind]
    return CheckedDocument(content_type, extension, digest.hexdigest())
