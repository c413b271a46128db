"""GET /api/v1/email-check and the registry's public progress figures."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from thongthin.core.api import ErrorOut
from thongthin.directory.models import LAOType

from . import selectors
from .email_check import email_check

router = Router(tags=["registry"])


class LAORef(Schema):
    dla_code: str
    name: str
    province: str


class SignalOut(Schema):
    code: str = Field(
        description="lookalike_domain, same_local_part_other_domain, "
        "saraban_on_unregistered_domain, display_name_claims_lao, free_mail, formerly_official"
    )
    message: str
    lao: LAORef | None
    registered_email: str | None


class EmailCheckOut(Schema):
    address: str = Field(description="The address as normalized (lower case, IDN as punycode)")
    display_name: str
    official: bool = Field(description="True when the address is an LAO's verified central e-mail")
    verdict: str = Field(description="official, formerly_official, suspicious or not_registered")
    lao: LAORef | None
    registered_email: str | None
    signals: list[SignalOut]
    explanation: str


class EmailCheckQuery(Schema):
    address: str = Field(
        ...,
        min_length=1,
        max_length=400,
        description="An address, or a whole sender line: เทศบาลเมืองแม่เหียะ <x@gmail.com>",
    )


@router.get(
    "/email-check",
    response={200: EmailCheckOut, 422: ErrorOut},
    summary="Is this e-mail an LAO's official central e-mail?",
)
def email_check_api(request: HttpRequest, query: Query[EmailCheckQuery]) -> dict:
    return email_check(query.address).as_dict()


class ProgressOut(Schema):
    key: str
    label: str
    total: int
    registered: int
    percent: float


class ProgressReport(Schema):
    total: ProgressOut
    by_province: list[ProgressOut]
    by_type: list[ProgressOut]


class ProgressQuery(Schema):
    province: str = Field("", pattern=r"^(\d{2})?$")
    type: LAOType | None = None


def _progress(p: selectors.Progress) -> dict:
    return {
        "key": p.key,
        "label": p.label,
        "total": p.total,
        "registered": p.registered,
        "percent": p.percent,
    }


@router.get(
    "/registry/progress",
    response={200: ProgressReport, 422: ErrorOut},
    summary="How many LAOs have a verified central e-mail, by province and type",
)
def registry_progress(request: HttpRequest, query: Query[ProgressQuery]) -> dict:
    by_type = selectors.progress_by_type(province=query.province)
    in_type = [p for p in by_type if p.key == (query.type or p.key)]
    return {
        "total": _progress(selectors.progress_total(in_type)),
        "by_province": [
            _progress(p) for p in selectors.progress_by_province(lao_type=query.type or "")
        ],
        "by_type": [_progress(p) for p in by_type],
    }
