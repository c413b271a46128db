"""A NUL character (U+0000) anywhere in a request is answered 400 before any view or query runs.

PostgreSQL refuses NUL in text, so one that reached a query used to be a 500. On SQLite these
requests got a 404 or 200 instead: either way, the status and the code below fail without the
guard, and the query count shows nothing reaches the database. Run this file with DATABASE_URL
pointing at PostgreSQL to see the original 500s gone.
"""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory

from thongthin.accounts.tests.factories import platform_admin
from thongthin.core.middleware import NulFound, find_nul

pytestmark = pytest.mark.django_db

REFUSED_GETS = [
    "/laos/%00/",
    "/laos/1100000%00/",
    "/api/v1/laos/%00",
    "/registry/register/%00",
    "/assessments/shared/abc%00",
    "/assessments/shared/abcdefghijklmnopqrstuvwxyz%00",
    "/api/v1/assessments?lao=%00",
    "/api/v1/laos?q=%E0%B8%81%00",
    "/laos/?q=%00",
    "/registry/?q=a%00b",
    "/api/v1/email-check?email=a%00@b.go.th",
]


@pytest.mark.parametrize("url", REFUSED_GETS)
def test_nul_in_the_path_or_query_is_refused_without_a_query(
    client, url, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.get(url)
    assert response.status_code == 400
    if url.startswith("/api/"):
        error = response.json()["error"]
        assert error["code"] == "invalid_characters"
        assert "NUL" in error["message"]
    else:
        assert response["Content-Type"].startswith("text/html")
        assert "อักขระที่ใช้ไม่ได้" in response.content.decode()


def test_the_query_parameter_is_named(client):
    error = client.get("/api/v1/assessments?fiscal_year=2568&lao=%00").json()["error"]
    assert error["field"] == "lao"


def test_english_on_request(client):
    page = client.get("/laos/%00/?lang=en")
    assert "character" in page.content.decode().lower()
    assert "อักขระที่ใช้ไม่ได้" not in page.content.decode()
    api = client.get("/api/v1/laos/%00", HTTP_ACCEPT_LANGUAGE="en")
    assert "character" in api.json()["error"]["message"].lower()


def test_nul_in_a_form_field_is_refused_and_nothing_is_saved(client):
    from thongthin.accounts.models import RoleGrant

    client.force_login(platform_admin())
    before = RoleGrant.objects.count()
    response = client.post(
        "/accounts/roles",
        {"email": "auditor@oag.go.th", "full_name": "ผู้ตรวจ", "role": "auditor",
         "provinces": ["\x00"]},
    )  # fmt: skip
    assert response.status_code == 400
    assert "อักขระที่ใช้ไม่ได้" in response.content.decode()
    assert RoleGrant.objects.count() == before


def test_nul_in_a_form_field_name_is_refused(client):
    assert client.post("/accounts/sign-in", {"email\x00": "a@b.go.th"}).status_code == 400


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"answers": {"P-27": "2024-10-01\x00"}}, "answers.P-27"),
        ({"answers": {"P-27\x00": "yes"}}, "answers.P-27"),
        ({"cost_lines": [{"category": "souvenirs", "unit_cost": "1", "description": "\x00"}]},
         "cost_lines.0.description"),
        ({"facts": {"plan_years": "\x00"}}, "facts.plan_years"),
    ],
)  # fmt: skip
def test_nul_in_a_json_body_is_refused_with_its_path(client, payload, field):
    body = {"kind": "festival", "lao_type": "town_municipality", "fiscal_year": 2568, **payload}
    encoded = json.dumps(body)
    assert "\\u0000" in encoded
    response = client.post("/api/v1/assessments/evaluate", encoded, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"] == {
        "code": "invalid_characters",
        "message": response.json()["error"]["message"],
        "field": field,
    }


def test_nul_in_a_json_body_of_a_saving_endpoint_saves_nothing(client):
    from thongthin.assessment.models import Assessment
    from thongthin.assessment.tests.factories import team

    client.force_login(team()["officer"])
    payload = {"lao": "4500103", "kind": "festival", "fiscal_year": 2568, "name": "งาน\x00",
               "amount": "1", "funding_source": "annual_budget"}  # fmt: skip
    response = client.post(
        "/api/v1/assessments", json.dumps(payload), content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "name"
    assert not Assessment.objects.exists()


def test_an_escaped_backslash_before_u0000_is_not_a_nul(client):
    # The JSON text "\\u0000" is a backslash and five characters, not a NUL.
    body = '{"kind": "festival", "lao_type": "town_municipality", "fiscal_year": 2568, '
    body += '"facts": {"plan_years": "\\\\u0000"}}'
    assert json.loads(body)["facts"]["plan_years"] == "\\u0000"
    response = client.post("/api/v1/assessments/evaluate", body, content_type="application/json")
    assert response.status_code == 200


def test_a_utf16_json_body_is_not_mistaken_for_nul(client):
    body = json.dumps({"kind": "festival", "lao_type": "town_municipality", "fiscal_year": 2568})
    request = RequestFactory().post(
        "/api/v1/assessments/evaluate", body.encode("utf-16"), content_type="application/json"
    )
    assert b"\x00" in request.body
    assert find_nul(request) is None


def test_nul_in_a_header_or_cookie_is_refused(client):
    assert client.get("/", HTTP_USER_AGENT="bot\x00").status_code == 400
    # A session cookie with a NUL would make the session lookup fail on PostgreSQL.
    client.cookies["thongthin_session"] = "abcdefgh\x00ijkl"
    response = client.get("/accounts/")
    assert response.status_code == 400
    assert "อักขระที่ใช้ไม่ได้" in response.content.decode()


def test_uploaded_files_may_hold_nul_bytes():
    upload = SimpleUploadedFile("letter.pdf", b"%PDF-1.4\x00\x01\x02", "application/pdf")
    clean = RequestFactory().post("/registry/register", {"file": upload, "name": "ok"})
    assert find_nul(clean) is None
    upload.seek(0)
    dirty = RequestFactory().post("/registry/register", {"file": upload, "name": "o\x00k"})
    assert find_nul(dirty) == NulFound("name")


def test_ordinary_requests_pass(client):
    assert client.get("/laos/?q=%E0%B8%A8%E0%B8%B4%E0%B8%A5%E0%B8%B2").status_code == 200
    assert client.get("/api/v1/laos?q=a").status_code == 200
    assert find_nul(RequestFactory().get("/laos/", {"q": "ศิลา"})) is None
