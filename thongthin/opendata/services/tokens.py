from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone

from thongthin.core.audit import audit_record
from thongthin.core.errors import ValidationFailed
from thongthin.core.text import normalize

from ..models import ApiToken

LAST_USED_EVERY = dt.timedelta(minutes=1)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user: Any, name: str) -> tuple[ApiToken, str]:
    """A new token; the raw value is returned once and never stored."""
    name = normalize(name)[:200]
    if not name:
        from django.utils.translation import gettext_lazy as _

        raise ValidationFailed(_("กรุณาตั้งชื่อโทเค็น"), code="token_name_required", field="name")
    raw = secrets.token_urlsafe(40)
    token = ApiToken.objects.create(user=user, name=name, token_hash=token_hash(raw))
    audit_record(actor=user, action="opendata.token.created", target=token, after={"name": name})
    return token, raw


def user_for_token(raw: str) -> Any:
    if not raw or len(raw) > 500:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=token_hash(raw.strip()), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    if token.expires_at and token.expires_at < timezone.now():
        return None
    # At most one write a minute per token: a `ckanapi dump` makes thousands of calls.
    now = timezone.now()
    if token.last_used is None or token.last_used < now - LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used=now)
    return token.user


@transaction.atomic
def api_token_revoke(*, user: Any, token: ApiToken) -> None:
    if token.user_id != user.pk:
        from thongthin.core.errors import PermissionDenied

        raise PermissionDenied()
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(actor=user, action="opendata.token.revoked", target=token)
