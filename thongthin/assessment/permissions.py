"""Who may do what with an assessment. LAO staff see their LAO's; auditors read their provinces';
the public sees nothing unless the LAO shares a report."""

from __future__ import annotations

from typing import Any

from thongthin.accounts import permissions
from thongthin.accounts.models import LAORole

PREPARERS = {LAORole.OFFICER, LAORole.ADMIN}
SIGNERS = {LAORole.EXECUTIVE}


def can_view(user: Any, assessment: Any) -> bool:
    return permissions.is_lao_staff(user, assessment.lao_id) or permissions.can_audit_lao(
        user, assessment.lao
    )


def can_prepare(user: Any, lao: Any) -> bool:
    return permissions.role_at(user, lao) in PREPARERS


def can_sign(user: Any, lao: Any) -> bool:
    return permissions.role_at(user, lao) in SIGNERS


def can_share(user: Any, lao: Any) -> bool:
    return permissions.role_at(user, lao) in PREPARERS | SIGNERS


def can_edit_framework(user: Any) -> bool:
    return permissions.is_content_editor(user)
