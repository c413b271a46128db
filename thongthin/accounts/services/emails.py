"""E-mail addresses as people type them: validated, IDN domains turned to ASCII, lower-cased."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from email_validator import EmailNotValidError, validate_email

from thongthin.core.errors import ValidationFailed
from thongthin.core.text import normalize

MAX_EMAIL_LENGTH = 254


def normalize_address(value: str, *, field: str = "email") -> str:
    """Return the canonical form of an address or raise ValidationFailed (code invalid_email).

    The domain is kept in its ASCII (punycode) form so that look-alike Unicode domains compare
    as what they really are. The whole address is lower-cased: no LAO mail server we know of
    treats the local part case-sensitively, and officials type it either way.
    """
    text = normalize(value)
    if not text:
        raise ValidationFailed(_("กรุณากรอกอีเมล"), code="email_required", field=field)
    if len(text) > MAX_EMAIL_LENGTH:
        raise ValidationFailed(_("อีเมลยาวเกินไป"), code="invalid_email", field=field)
    try:
        result = validate_email(text, check_deliverability=False, allow_smtputf8=False)
    except EmailNotValidError:
        raise ValidationFailed(
            _("รูปแบบอีเมลไม่ถูกต้อง เช่น saraban@maehia.go.th"), code="invalid_email", field=field
        ) from None
    domain = result.ascii_domain or result.domain
    local = result.ascii_email.rsplit("@", 1)[0] if result.ascii_email else result.local_part
    return f"{local}@{domain}".lower()
