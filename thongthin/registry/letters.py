"""The official letter that backs a registration: a PDF or an image, checked by its content,
not by its name."""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from thongthin.core.errors import ValidationFailed
from thongthin.core.uploads import CheckedDocument, document_check

CheckedLetter = CheckedDocument

# The letter's own wording for the document check's errors.
_LETTER_ERRORS = {
    "file_required": ("letter_required", _("กรุณาแนบหนังสือนำส่งจาก อปท. (PDF หรือรูปภาพ)")),
    "file_too_large": ("letter_too_large", _("ไฟล์หนังสือใหญ่เกิน 10 MB")),
    "file_bad_type": ("letter_bad_type", _("หนังสือต้องเป็นไฟล์ PDF, JPEG หรือ PNG")),
}


def letter_check(upload: UploadedFile | None) -> CheckedLetter:
    try:
        return document_check(
            upload, field="letter", max_bytes=settings.THONGTHIN["REGISTRY_LETTER_MAX_BYTES"]
        )
    except ValidationFailed as exc:
        code, message = _LETTER_ERRORS[exc.code]
        raise ValidationFailed(message, code=code, field="letter") from None
