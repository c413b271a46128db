"""Who may do what with a data request. The asked organization's editors and administrators
(and platform administrators) answer it; its requester may edit it while it is open, withdraw it
or delete it; anyone signed in may vote, comment and follow."""

from __future__ import annotations

from typing import Any

from .. import permissions as catalog
from .models import ACTIVE_STATES, DataRequest, DataRequestComment, RequestState


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def is_requester(user: Any, request: DataRequest) -> bool:
    return _signed_in(user) and request.requester_id == user.pk


def can_answer(user: Any, request: DataRequest) -> bool:
    """Move the request to in progress, fulfilled or declined."""
    if not _signed_in(user):
        return False
    if catalog.is_sysadmin(user):
        return True
    return request.organization is not None and catalog.can_edit_org_datasets(
        user, request.organization
    )


def can_withdraw(user: Any, request: DataRequest) -> bool:
    return is_requester(user, request) and request.state in ACTIVE_STATES


def allowed_transitions(user: Any, request: DataRequest) -> set[str]:
    """The states this user may move the request to now."""
    from .services import TRANSITIONS

    possible = TRANSITIONS.get(request.state, set())
    allowed: set[str] = set()
    if can_answer(user, request):
        allowed |= possible - {RequestState.WITHDRAWN}
    if can_withdraw(user, request):
        allowed.add(RequestState.WITHDRAWN)
    return allowed & possible


def can_edit(user: Any, request: DataRequest) -> bool:
    """Change the title, description or asked organization."""
    if catalog.is_sysadmin(user):
        return True
    return is_requester(user, request) and request.state == RequestState.OPEN


def can_delete(user: Any, request: DataRequest) -> bool:
    return catalog.is_sysadmin(user) or is_requester(user, request)


def can_participate(user: Any) -> bool:
    """Vote, comment, follow, file a request."""
    return _signed_in(user) and getattr(user, "is_active", True)


def can_edit_comment(user: Any, comment: DataRequestComment) -> bool:
    return _signed_in(user) and comment.author_id == user.pk


def can_delete_comment(user: Any, comment: DataRequestComment) -> bool:
    """The author, or a platform administrator (moderation)."""
    return can_edit_comment(user, comment) or catalog.is_sysadmin(user)
