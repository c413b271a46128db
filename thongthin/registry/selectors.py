"""Reads for the registry: the published addresses, review queues, progress and exports."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from thongthin.accounts import permissions
from thongthin.core.errors import NotFound, PermissionDenied
from thongthin.directory.models import LAO, TYPE_ORDER, LAOStatus, LAOType, Province

from .models import EmailRegistration, RegistrationStatus


def approved_registrations() -> QuerySet[EmailRegistration]:
    return EmailRegistration.objects.filter(status=RegistrationStatus.APPROVED)


def approved_registration_for_email(email: str) -> EmailRegistration | None:
    return approved_registrations().select_related("lao").filter(email=email.lower()).first()


def official_registration(lao: LAO) -> EmailRegistration | None:
    """The LAO's current official e-mail (prefetched as `lao.official` by directory selectors)."""
    prefetched = getattr(lao, "official", None)
    if prefetched is not None:
        return prefetched[0] if prefetched else None
    return approved_registrations().filter(lao=lao).first()


def registration_history(lao: LAO) -> QuerySet[EmailRegistration]:
    """Published addresses past and present, for the LAO page (never pending or rejected ones)."""
    return EmailRegistration.objects.filter(
        lao=lao,
        status__in=[
            RegistrationStatus.APPROVED,
            RegistrationStatus.REPLACED,
            RegistrationStatus.REVOKED,
        ],
    ).order_by("-reviewed_at")


def review_queue(*, actor: Any, status: str = RegistrationStatus.AWAITING_REVIEW) -> QuerySet:
    if not permissions.is_registry_admin(actor):
        raise PermissionDenied()
    qs = EmailRegistration.objects.select_related("lao", "lao__province", "reviewed_by")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by(
        "submitted_at" if status == RegistrationStatus.AWAITING_REVIEW else "-submitted_at"
    )


def registration_for_reviewer(*, actor: Any, pk: int) -> EmailRegistration:
    if not permissions.is_registry_admin(actor):
        raise PermissionDenied()
    registration = (
        EmailRegistration.objects.select_related("lao", "lao__province").filter(pk=pk).first()
    )
    if registration is None:
        raise NotFound(code="registration_not_found")
    return registration


def registration_letter_for(*, actor: Any, pk: int) -> EmailRegistration:
    """The letter is not public: the registry administrators and the LAO's administrator."""
    registration = EmailRegistration.objects.select_related("lao").filter(pk=pk).first()
    if registration is None:
        raise NotFound(code="registration_not_found")
    if not (
        permissions.is_registry_admin(actor) or permissions.can_manage_lao(actor, registration.lao)
    ):
        raise PermissionDenied()
    return registration


def registered_laos(*, province: str = "", lao_type: str = "") -> QuerySet[EmailRegistration]:
    """Published central e-mails with their LAOs, for the public list and the downloads."""
    qs = approved_registrations().select_related("lao", "lao__province")
    if province:
        qs = qs.filter(lao__province__code=province)
    if lao_type:
        qs = qs.filter(lao__lao_type=lao_type)
    return qs.order_by("lao__province__name_th", "lao__display_name_th")


@dataclass(frozen=True)
class Progress:
    key: str
    label: str
    total: int
    registered: int

    @property
    def percent(self) -> float:
        return round(100 * self.registered / self.total, 1) if self.total else 0.0


def _registered_q() -> Q:
    return Q(email_registrations__status=RegistrationStatus.APPROVED)


def progress_by_province(*, lao_type: str = "") -> list[Progress]:
    """How far along each province is: active LAOs and those with a published e-mail."""
    laos = LAO.objects.filter(status=LAOStatus.ACTIVE)
    if lao_type:
        laos = laos.filter(lao_type=lao_type)
    rows = (
        laos.values("province__code", "province__name_th")
        .annotate(
            total=Count("id", distinct=True),
            registered=Count("id", filter=_registered_q(), distinct=True),
        )
        .order_by("province__name_th")
    )
    return [
        Progress(r["province__code"], r["province__name_th"], r["total"], r["registered"])
        for r in rows
    ]


def progress_by_type(*, province: str = "") -> list[Progress]:
    laos = LAO.objects.filter(status=LAOStatus.ACTIVE)
    if province:
        laos = laos.filter(province__code=province)
    rows = {
        r["lao_type"]: r
        for r in laos.values("lao_type").annotate(
            total=Count("id", distinct=True),
            registered=Count("id", filter=_registered_q(), distinct=True),
        )
    }
    return [
        Progress(t.value, str(LAOType(t).label), rows[t]["total"], rows[t]["registered"])
        for t in TYPE_ORDER
        if t in rows
    ]


def progress_total(rows: list[Progress]) -> Progress:
    return Progress("all", "", sum(r.total for r in rows), sum(r.registered for r in rows))


def provinces() -> QuerySet[Province]:
    return Province.objects.order_by("name_th")
