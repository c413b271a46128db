"""GET /api/v1/email-check and /api/v1/registry/progress."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from thongthin.accounts.tests.factories import lao, registry_admin
from thongthin.directory.models import LAO, LAOStatus
from thongthin.registry.services import registration_reject
from thongthin.registry.tests.factories import approved, verified

pytestmark = pytest.mark.django_db

CHECK = "/api/v1/email-check"
PROGRESS = "/api/v1/registry/progress"


@pytest.fixture
def published():
    reviewer = registry_admin()
    approved(lao("4500103"), "saraban@maehia.go.th", reviewer)
    approved(lao("4400115"), "saraban@sila.go.th", reviewer)
    approved(lao("6720210"), "saraban@pasakae.go.th", reviewer)


def _error(response) -> dict:  # type: ignore[no-untyped-def]
    assert response["Content-Type"].startswith("application/json")
    assert b"<html" not in response.content.lower()
    return response.json()["error"]


def test_email_check_official(client, published, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        response = client.get(CHECK, {"address": "Saraban@MaeHia.go.th"})
    assert response.status_code == 200
    data = response.json()
    assert data["official"] is True and data["verdict"] == "official"
    assert data["address"] == "saraban@maehia.go.th"
    assert data["lao"] == {"dla_code": "4500103", "name": "เทศบาลเมืองแม่เหียะ",
                           "province": "เชียงใหม่"}  # fmt: skip
    assert data["registered_email"] == "saraban@maehia.go.th"
    assert data["signals"] == [] and data["explanation"]


def test_email_check_impostor_with_display_name(client, published):
    address = "เทศบาลเมืองแม่เหียะ <maehia.office@gmail.com>"
    response = client.get(f"{CHECK}?address={quote(address)}")
    assert response.status_code == 200
    data = response.json()
    assert data["verdict"] == "suspicious" and data["official"] is False
    assert data["display_name"] == "เทศบาลเมืองแม่เหียะ"
    codes = {s["code"] for s in data["signals"]}
    assert {"display_name_claims_lao", "free_mail"} <= codes
    claim = next(s for s in data["signals"] if s["code"] == "display_name_claims_lao")
    assert claim["registered_email"] == "saraban@maehia.go.th"
    assert claim["lao"]["dla_code"] == "4500103"


def test_email_check_idn(client):
    response = client.get(CHECK, {"address": "saraban@เทศบาล.ไทย"})
    assert response.status_code == 200
    assert response.json()["address"] == "saraban@xn--o3cg7ak5c9d.xn--o3cw4h"


def test_email_check_missing_address_is_422_json(client):
    response = client.get(CHECK)
    assert response.status_code == 422
    error = _error(response)
    assert error["code"] == "invalid_input" and "address" in error["fields"]
    assert "ไม่ถูกต้อง" in error["message"]


@pytest.mark.parametrize("address", ["", "x" * 401, "x" * 10_000])
def test_email_check_empty_or_over_long_is_422_json(client, address):
    response = client.get(CHECK, {"address": address})
    assert response.status_code == 422
    assert _error(response)["code"] in {"invalid_input", "invalid_email"}


@pytest.mark.parametrize(
    "address",
    [
        "not-an-email",
        "' OR 1=1 --",
        "saraban@maehia.go.th' OR '1'='1",
        "<script>alert(1)</script>",
        "\u200b\u200b",
        "สารบรรณ\u0e49\u0e49@แม่เหียะ",
        "saraban@@maehia.go.th",
    ],
)
def test_email_check_malformed_is_422_invalid_email(client, address):
    response = client.get(CHECK, {"address": address})
    assert response.status_code == 422
    error = _error(response)
    assert error["code"] == "invalid_email" and error["field"] == "address"
    assert error["message"] == "รูปแบบอีเมลไม่ถูกต้อง กรุณาตรวจสอบอีกครั้ง"


def test_email_check_reads_through_invisible_and_control_characters_and_flags_them(client):
    response = client.get(CHECK, {"address": "sara\u200bban@maehia.go.th\x07"})
    assert response.status_code == 200
    body = response.json()
    assert body["address"] == "saraban@maehia.go.th"
    assert body["verdict"] == "suspicious"
    assert body["signals"][0]["code"] == "invisible_characters"


def test_email_check_query_count_does_not_grow(client, django_assert_max_num_queries):
    reviewer = registry_admin()
    for n, the_lao in enumerate(LAO.objects.filter(province__code="40")[:10]):
        approved(the_lao, f"saraban@kk{n}.go.th", reviewer)
    with django_assert_max_num_queries(2):
        assert client.get(CHECK, {"address": "saraban@kk1.go.th"}).json()["official"]
    with django_assert_max_num_queries(2):
        assert client.get(CHECK, {"address": "saraban@kk.co.th"}).json()["verdict"] == "suspicious"


def test_progress_counts_approved_registrations(client, published, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        response = client.get(PROGRESS)
    assert response.status_code == 200
    data = response.json()
    active = LAO.objects.filter(status=LAOStatus.ACTIVE).count()
    assert data["total"]["total"] == active
    assert data["total"]["registered"] == 3
    assert data["total"]["percent"] == round(100 * 3 / active, 1)
    by_province = {p["key"]: p for p in data["by_province"]}
    assert len(by_province) == 77
    assert by_province["50"]["registered"] == 1 and by_province["40"]["registered"] == 1
    assert by_province["10"]["registered"] == 0
    assert sum(p["total"] for p in data["by_province"]) == active
    by_type = {p["key"]: p for p in data["by_type"]}
    assert by_type["town_municipality"]["registered"] == 2
    assert by_type["sao"]["registered"] == 1
    assert sum(p["registered"] for p in data["by_type"]) == 3


def test_progress_counts_an_lao_once_however_many_registrations(client, published):
    # แม่เหียะ replaces its address and has a pending and a rejected one too.
    approved(lao("4500103"), "saraban.new@maehia.go.th")
    verified(lao("4500103"), "saraban.next@maehia.go.th")
    rejected = verified(lao("4500103"), "saraban.bad@maehia.go.th")
    registration_reject(registration=rejected, actor=registry_admin(), reason="ไม่ครบ")
    data = client.get(PROGRESS).json()
    assert data["total"]["registered"] == 3


def test_progress_filters(client, published):
    data = client.get(PROGRESS, {"province": "50"}).json()
    assert (
        data["total"]["total"]
        == LAO.objects.filter(status=LAOStatus.ACTIVE, province__code="50").count()
    )
    assert data["total"]["registered"] == 1
    data = client.get(PROGRESS, {"type": "sao"}).json()
    assert sum(p["registered"] for p in data["by_province"]) == 1
    assert (
        sum(p["total"] for p in data["by_province"])
        == LAO.objects.filter(status=LAOStatus.ACTIVE, lao_type="sao").count()
    )


def test_progress_total_follows_both_filters(client, published):
    data = client.get(PROGRESS, {"province": "50", "type": "sao"}).json()
    sao_in_chiang_mai = LAO.objects.filter(
        status=LAOStatus.ACTIVE, province__code="50", lao_type="sao"
    ).count()
    assert data["total"]["total"] == sao_in_chiang_mai
    assert data["total"]["registered"] == 0
    data = client.get(PROGRESS, {"type": "sao"}).json()
    assert data["total"]["registered"] == 1
    assert (
        data["total"]["total"]
        == LAO.objects.filter(status=LAOStatus.ACTIVE, lao_type="sao").count()
    )


@pytest.mark.parametrize(
    "query",
    [{"province": "5"}, {"province": "abc"}, {"province": "' OR 1=1 --"}, {"type": "castle"},
     {"province": "5" * 10_000}],
)  # fmt: skip
def test_progress_bad_filters_are_422_json(client, query):
    response = client.get(PROGRESS, query)
    assert response.status_code == 422
    assert _error(response)["code"] == "invalid_input"
