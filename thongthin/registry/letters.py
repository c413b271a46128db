"""The official letter that backs a registration: a PDF or an image, checked by its content,
not by its name."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from thongthin.core.errors import ValidationFailed

_IMAGE_TYPES = {
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
}


@dataclass(frozen=True)
class CheckedLetter:
    content_type: str
    extension: str
    sha256: str


def letter_check(upload: UploadedFile | None) -> CheckedLetter:
    if upload is None or not upload.size:
        raise ValidationFailed(
            _("กรุณาแนบหนังสือนำส่งจาก อปท. (PDF หรือรูปภาพ)"), code="letter_required", field="letter"
        )
    if upload.size > settings.THONGTHIN["REGISTRY_LETTER_MAX_BYTES"]:
        raise ValidationFailed(_("ไฟล์หนังสือใหญ่เกิน 10 MB"), code="letter_too_large", field="letter")
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head == b"%PDF-":
        return CheckedLetter("application/pdf", "pdf", digest.hexdigest())
    try:
        with Image.open(upload) as image:
            image.verify()
            kind = image.format or ""
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        kind = ""
    finally:
        upload.seek(0)
    if kind not in _IMAGE_TYPES:
        raise ValidationFailed(
            _("หนังสือต้องเป็นไฟล์ PDF, JPEG หรือ PNG"), code="letter_bad_type", field="letter"
        )
    content_type, ext = _IMAGE_TYPES[kind]
    return CheckedLetter(content_type, ext, digest.hexdigest())
