"""API clients get the JSON envelope with our own (translated) messages, whatever goes wrong:
a wrong method, a body that is not JSON, a CSRF failure, a field pydantic refuses."""

from __future__ import annotations

import json

import pytest
from django.http import HttpResponse, HttpResponseNotAllowed
from django.test import Client, RequestFactory
from django.utils import translation

from thongthin.core.api import validation_message
from thongthin.core.middleware import ApiErrorEnvelopeMiddleware

pytestmark = pytest.mark.django_db

ENGLISH_LEAKS = (
    "Input should",
    "Field required",
    "String should",
    "List should",
    "Dictionary should",
    "Value error",
    "Cannot parse",
    "CSRF check Failed",
    "Method not allowed",
)


def _evaluate(client, payload, **extra):
    body = payload if isinstance(payload, str) else json.dumps(payload)
    return client.post(
        "/api/v1/assessments/evaluate", body, content_type="application/json", **extra
    )


# --- 1. No HTML error under /api/.


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("put", "/api/v1/laos/1100000", "GET"),
        ("post", "/api/v1/laos", "GET"),
        ("get", "/api/v1/assessments/evaluate", "POST"),
        ("delete", "/api/v1/assessment-frameworks/current", "GET"),
    ],
)
def test_a_wrong_method_is_a_json_405_with_the_allow_header(client, method, path, allow):
    response = getattr(client, method)(path)
    assert response.status_code == 405
    assert response["Content-Type"] == "application/json"
    assert response["Allow"] == allow
    error = response.json()["error"]
    assert error["code"] == "method_not_allowed"
    assert method.upper() in error["message"] and allow in error["message"]
    assert "รองรับ" in error["message"]


def test_a_wrong_method_in_english(client):
    response = client.put("/api/v1/laos/1100000?lang=en")
    assert response.status_code == 405
    message = response.json()["error"]["message"]
    assert "PUT" in message and "GET" in message
    assert "รองรับ" not in message


def test_pages_keep_their_own_405(client):
    response = client.get("/accounts/sign-out")
    assert response.status_code == 405
    assert not response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize(
    ("status", "code"),
    [(400, "bad_request"), (403, "permission_denied"), (413, "too_large"), (418, "error"),
     (502, "internal_error"), (503, "unavailable")],
)  # fmt: skip
def test_any_non_json_api_error_becomes_the_envelope(status, code):
    def view(request):
        response = HttpResponse("<h1>boom</h1>", status=status, content_type="text/html")
        response["Retry-After"] = "30"
        response.set_cookie("kept", "1")
        return response

    response = ApiErrorEnvelopeMiddleware(view)(RequestFactory().get("/api/v1/anything"))
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content)["error"]["code"] == code
    assert json.loads(response.content)["error"]["message"]
    assert response["Retry-After"] == "30"
    assert response.cookies["kept"].value == "1"


def test_the_envelope_leaves_json_successes_and_pages_alone():
    html_405 = HttpResponseNotAllowed(["GET"], content=b"no")
    page = ApiErrorEnvelopeMiddleware(lambda r: html_405)(RequestFactory().put("/laos/"))
    assert page is html_405
    ok = HttpResponse("fine", status=200, content_type="text/plain")
    assert ApiErrorEnvelopeMiddleware(lambda r: ok)(RequestFactory().get("/api/v1/x")) is ok
    problem = HttpResponse('{"detail": 1}', status=400, content_type="application/problem+json")
    assert ApiErrorEnvelopeMiddleware(lambda r: problem)(RequestFactory().get("/api/v1/x")) is (
        problem
    )


# --- 2. Our messages, never pydantic's or ninja's English.


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"kind": "wedding"}, "kind", "ต้องเป็นค่าใดค่าหนึ่งต่อไปนี้: subsidy, festival, sports"),
        ({"kind": None}, "kind", "กรุณากรอกข้อมูลช่องนี้"),
        ({"fiscal_year": 2024}, "fiscal_year", "ต้องไม่น้อยกว่า 2500"),
        ({"fiscal_year": 2800}, "fiscal_year", "ต้องไม่เกิน 2700"),
        ({"fiscal_year": "abc"}, "fiscal_year", "ต้องเป็นจำนวนเต็ม"),
        ({"language": "fr"}, "language", "ต้องเป็นค่าใดค่าหนึ่งต่อไปนี้: th, en"),
        ({"facts": {"amount": "-1"}}, "facts.amount", "ต้องไม่น้อยกว่า 0"),
        ({"facts": {"amount": "2e12"}}, "facts.amount", "ต้องไม่เกิน 1,000,000,000,000"),
        ({"facts": {"amount": "abc"}}, "facts.amount", "ต้องเป็นตัวเลข"),
        ({"facts": {"participants": 1.5}}, "facts.participants", "ต้องเป็นจำนวนเต็ม"),
        ({"facts": {"plan_years": "x" * 21}}, "facts.plan_years", "ยาวได้ไม่เกิน 20 ตัวอักษร"),
        ({"facts": {"event_start": "15/11/2567"}}, "facts.event_start", "วันที่ไม่ถูกต้อง"),
        ({"facts": {"budget_transfer": "maybe"}}, "facts.budget_transfer", "true หรือ false"),
        ({"facts": "x"}, "facts", "ต้องเป็นออบเจกต์ JSON"),
        ({"facts": []}, "facts", "ต้องเป็นออบเจกต์ JSON"),
        ({"cost_lines": "x"}, "cost_lines", "ต้องเป็นรายการ (JSON array)"),
        ({"cost_lines": [{"unit_cost": "1"}]}, "cost_lines.0.category", "กรุณากรอกข้อมูลช่องนี้"),
        ({"cost_lines": [{"category": "souvenirs", "unit_cost": "1"}] * 501}, "cost_lines",
         "มีได้ไม่เกิน 500 รายการ"),
    ],
)  # fmt: skip
def test_validation_messages_are_ours_and_name_the_field(client, change, field, message):
    payload = {"kind": "festival", "lao_type": "town_municipality", "fiscal_year": 2568, **change}
    payload = {k: v for k, v in payload.items() if v is not None}
    response = _evaluate(client, payload)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_input"
    assert message in error["fields"][field], error["fields"]
    assert not any(leak in response.content.decode() for leak in ENGLISH_LEAKS)


def test_validation_messages_in_english(client):
    payload = {"lao_type": "town_municipality", "fiscal_year": 2024, "facts": {"amount": "-1"}}
    fields = _evaluate(client, payload, HTTP_ACCEPT_LANGUAGE="en").json()["error"]["fields"]
    assert fields == {
        "kind": "Please fill in this field.",
        "fiscal_year": "Must be at least 2500.",
        "facts.amount": "Must be at least 0.",
    }


def test_query_parameter_messages_are_ours(client):
    response = client.get("/api/v1/laos?page=0&page_size=x&province=abc")
    fields = response.json()["error"]["fields"]
    assert fields == {
        "page": "ต้องไม่น้อยกว่า 1",
        "page_size": "ต้องเป็นจำนวนเต็ม",
        "province": "รูปแบบไม่ถูกต้อง",
    }


@pytest.mark.parametrize("body", ["{not json", "kind=festival", '{"kind": "festival"'])
def test_a_body_that_is_not_json_gets_our_message(client, body, settings):
    settings.DEBUG = True  # ninja then appends the parser's English to its own
    response = _evaluate(client, body)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error == {"code": "bad_request", "message": error["message"]}
    assert "JSON" in error["message"] and "อ่านข้อมูล" in error["message"]
    assert not any(leak in response.content.decode() for leak in ENGLISH_LEAKS)


def test_an_api_csrf_failure_gets_our_message(client):
    from thongthin.assessment.tests.factories import team

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(team()["officer"])
    response = strict.post("/api/v1/assessments", "{}", content_type="application/json")
    assert response.status_code == 403
    error = response.json()["error"]
    assert error["code"] == "permission_denied"
    assert "CSRF" in error["message"] and "X-CSRFToken" in error["message"]
    assert "CSRF check Failed" not in error["message"]
    english = strict.post("/api/v1/assessments?lang=en", "{}", content_type="application/json")
    assert "cookie" in english.json()["error"]["message"].lower()


def test_a_page_csrf_failure_is_a_thai_page(client):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/accounts/sign-in", {"email": "a@b.go.th"})
    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert "โหลดหน้าใหม่" in html and "CSRF" in html
    assert "Forbidden" not in html
    english = strict.post("/accounts/sign-in?lang=en", {"email": "a@b.go.th"})
    assert "reload" in english.content.decode().lower()


def test_the_csrf_failure_view_answers_api_paths_in_json():
    from thongthin.core.views import csrf_failure

    response = csrf_failure(RequestFactory().post("/api/v1/whatever"), reason="no token")
    assert response.status_code == 403
    assert json.loads(response.content)["error"]["code"] == "permission_denied"


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        ({"type": "less_than_equal", "ctx": {"le": 10_000_000}}, "ต้องไม่เกิน 10,000,000"),
        ({"type": "greater_than", "ctx": {"gt": 0.5}}, "ต้องมากกว่า 0.5"),
        ({"type": "less_than", "ctx": {"lt": 3}}, "ต้องน้อยกว่า 3"),
        ({"type": "string_too_short", "ctx": {"min_length": 3}}, "ต้องยาวอย่างน้อย 3 ตัวอักษร"),
        ({"type": "string_too_short", "ctx": {"min_length": 1}}, "กรุณากรอกข้อมูลช่องนี้"),
        ({"type": "too_short", "ctx": {"min_length": 2}}, "ต้องมีอย่างน้อย 2 รายการ"),
        ({"type": "json_invalid", "ctx": {"error": "EOF"}}, "ไม่ใช่ JSON ที่ถูกต้อง"),
        ({"type": "uuid_parsing"}, "รหัสอ้างอิง (UUID) ไม่ถูกต้อง"),
        ({"type": "decimal_max_places", "ctx": {"decimal_places": 2}}, "ทศนิยมได้ไม่เกิน 2 ตำแหน่ง"),
        # Unknown types, custom validators and missing context fall back to a generic message.
        ({"type": "value_error", "ctx": {"error": "bad"}}, "ค่าในช่องนี้ไม่ถูกต้อง"),
        ({"type": "something_new"}, "ค่าในช่องนี้ไม่ถูกต้อง"),
        ({"type": "greater_than_equal"}, "ค่าในช่องนี้ไม่ถูกต้อง"),
    ],
)
def test_validation_message_by_type_and_context(error, expected):
    with translation.override("th"):
        assert validation_message(error) == expected
