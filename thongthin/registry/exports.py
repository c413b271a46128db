"""Downloads of the published central e-mails: CSV, XLSX and JSON with the same columns."""

from __future__ import annotations

import json
from collections.abc import Iterable

from django.utils.translation import gettext as _

from thongthin.core.exports import csv_bytes, xlsx_bytes
from thongthin.core.thai_dates import to_bangkok

from .models import EmailRegistration

COLUMNS = [
    "dla_code", "lao_name", "lao_type", "province_code", "province", "district", "email",
    "approved_at",
]  # fmt: skip


def _rows(registrations: Iterable[EmailRegistration]) -> Iterable[list[str]]:
    for r in registrations:
        yield [
            r.lao.dla_code,
            r.lao.display_name_th,
            r.lao.lao_type,
            r.lao.province.code,
            r.lao.province.name_th,
            r.lao.district_name_th,
            r.email,
            to_bangkok(r.reviewed_at).isoformat() if r.reviewed_at else "",
        ]


def _headers() -> list[str]:
    return [
        _("รหัส อปท."), _("ชื่อ อปท."), _("ประเภท"), _("รหัสจังหวัด"), _("จังหวัด"), _("อำเภอ"),
        _("อีเมลกลาง"), _("อนุมัติเมื่อ"),
    ]  # fmt: skip


def to_csv(registrations: Iterable[EmailRegistration]) -> bytes:
    return csv_bytes(COLUMNS, _rows(registrations))


def to_xlsx(registrations: Iterable[EmailRegistration]) -> bytes:
    return xlsx_bytes(_("อีเมลกลาง อปท."), _headers(), _rows(registrations))


def to_json(registrations: Iterable[EmailRegistration]) -> bytes:
    records = [dict(zip(COLUMNS, row, strict=True)) for row in _rows(registrations)]
    return json.dumps({"count": len(records), "results": records}, ensure_ascii=False).encode()
