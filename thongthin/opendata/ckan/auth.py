"""Permission checks run by the dispatcher before an action (CKAN's auth functions). Checks
that need the object itself (may this user edit this dataset?) run in the service, which loads
it under a lock."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from .. import permissions
from .errors import NotAuthorized
from .registry import ActionContext


def public(context: ActionContext, data: dict[str, Any]) -> None:
    """Anyone, signed in or not (what they see is still filtered by selectors)."""


def signed_in(context: ActionContext, data: dict[str, Any]) -> None:
    """A user identified by an API token (the service then checks the organization)."""
    if not getattr(context.user, "is_authenticated", False):
        raise NotAuthorized(_("ต้องส่งโทเค็น API ในส่วนหัว Authorization"))


def sysadmin(context: ActionContext, data: dict[str, Any]) -> None:
    """Platform administrators only."""
    signed_in(context, data)
    if not permissions.is_sysadmin(context.user):
        raise NotAuthorized(_("เฉพาะผู้ดูแลแพลตฟอร์ม"))
