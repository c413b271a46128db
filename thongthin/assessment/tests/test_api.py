import json

import pytest

from thongthin.accounts.models import LAORole
from thongthin.accounts.tests.factories import UserFactory, auditor, lao, member
from thongthin.assessment.models import Assessment

from .factories import festival, team

pytestmark = pytest.mark.django_db


def _evaluate(client, payload, **headers):
    return client.post(
        "/api/v1/assessments/evaluate",
        json.dumps(payload),
        content_type="application/json",
        **headers,
    )


BASE = {"kind": "festival", "lao_type": "town_municipality", "fiscal_year": 2568}


def test_evaluate_returns_level_topics_and_findings_without_saving(client):
    payload = {
        **BASE,
        "answers": {"P-27": "15/11/2567"},
        "facts": {
            "amount": "150000",
            "funding_source": "annual_budget",
            "budget_announced_on": "2024-09-20",
        },
        "cost_lines": [
            {"category": "souvenirs", "description": "ผ้าขนหนู", "quantity": "500", "unit_cost": "60"}
        ],
    }
    response = _evaluate(client, payload)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["framework_version"] == "2568.1"
    assert [t["topic"] for t in body["topics"]] == ["authority", "plan", "budget", "execution"]
    by_id = {f["check_id"]: f for f in body["findings"]}
    assert by_id["P-27"]["result"] == "fail"
    assert "56" in by_id["P-27"]["message"]
    assert by_id["P-27"]["sources"][0]["clause"]
    assert by_id["G1"]["result"] == "fail"
    assert by_id["G1"]["verification"] in {"verified", "partly_verified", "unverified"}
    assert not Assessment.objects.exists()


def test_evaluate_messages_in_the_requested_language(client):
    payload = {
        **BASE,
        "answers": {"P-27": "2024-12-31"},
        "facts": {"budget_announced_on": "2024-09-20"},
    }
    th = {f["check_id"]: f for f in _evaluate(client, payload).json()["findings"]}["P-27"][
        "message"
    ]
    en = {
        f["check_id"]: f
        for f in _evaluate(client, {**payload, "language": "en"}).json()["findings"]
    }["P-27"]["message"]
    assert "วัน" in th
    assert "days" in en and "วัน" not in en


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"kind": "wedding"}, "kind"),
        ({"lao_type": "village"}, "lao_type"),
        ({"fiscal_year": 2024}, "fiscal_year"),
        ({"facts": {"amount": "-1"}}, "facts.amount"),
        ({"facts": {"budget_announced_on": "30 ก.พ. 2567"}}, "facts.budget_announced_on"),
        ({"cost_lines": [{"category": "publicity", "unit_cost": "-5"}]}, "cost_lines.0.unit_cost"),
        ({"cost_lines": [{"category": "publicity", "unit_cost": "1"}] * 501}, "cost_lines"),
    ],
)
def test_evaluate_schema_errors_are_422_with_the_field(client, change, field):
    response = _evaluate(client, {**BASE, **change})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_input"
    assert field in error["fields"]


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        ({"Z9.9": "yes"}, "Z9.9"),
        ({"S1.2": "lao"}, "S1.2"),  # a subsidy check on a festival
        ({"P-27": "30/02/2567"}, "P-27"),
        ({"P-27": "maybe"}, "P-27"),
        ({"G1": "yes"}, "G1"),
    ],
)
def test_evaluate_answer_errors_name_the_check(client, answers, field):
    response = _evaluate(client, {**BASE, "answers": answers})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_answers"
    assert field in error["fields"]


def test_evaluate_refuses_non_json(client):
    response = client.post(
        "/api/v1/assessments/evaluate", "kind=festival", content_type="text/plain"
    )
    assert response.status_code in {400, 422}
    assert "error" in response.json()


def test_current_framework_lists_checks_with_sources(client):
    body = client.get("/api/v1/assessment-frameworks/current").json()
    assert body["version"] == "2568.1"
    ids = {c["id"] for c in body["checks"]}
    assert {"G1", "P-27", "S1.2"} <= ids
    p27 = next(c for c in body["checks"] if c["id"] == "P-27")
    assert p27["rule"]["max_days"] == 30
    assert p27["sources"][0]["instrument"].startswith("ระเบียบกระทรวงมหาดไทย")
    food = next(p for p in body["parameters"] if p["id"] == "food_per_person_day")
    assert food["verification"] != "verified"


def test_openapi_documents_both_with_enumerations_and_examples(client):
    doc = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/assessments/evaluate" in doc["paths"]
    assert "/api/v1/assessment-frameworks/current" in doc["paths"]
    schemas = doc["components"]["schemas"]
    evaluate_in = schemas["EvaluateIn"]
    assert evaluate_in.get("examples")
    text = json.dumps(doc)
    assert '"festival"' in text and '"town_municipality"' in text


def test_crud_follows_the_roles(client):
    t = team()
    a = festival(t["officer"], t["lao"])
    url = f"/api/v1/assessments/{a.uid}"
    # anonymous: 401
    assert client.get(url).status_code == 401
    # staff of another LAO: 404 (existence not revealed)
    client.force_login(member(lao("4400115"), LAORole.OFFICER))
    assert client.get(url).status_code == 404
    assert a.uid not in [x["uid"] for x in client.get("/api/v1/assessments").json()]
    # an auditor of another province: 404; of this province: read only
    client.force_login(auditor(("40",)))
    assert client.get(url).status_code == 404
    reader = auditor(("50",))
    client.force_login(reader)
    assert client.get(url).status_code == 200
    put = client.put(
        f"{url}/answers/P-27", json.dumps({"value": "2024-10-01"}), content_type="application/json"
    )
    assert put.status_code == 403
    # the officer answers through the API
    client.force_login(t["officer"])
    put = client.put(
        f"{url}/answers/P-27", json.dumps({"value": "2024-10-01"}), content_type="application/json"
    )
    assert put.status_code == 200, put.content
    assert put.json()["evaluation"]["findings"]
    assert "result" not in put.json()


def test_create_patch_and_delete_through_the_api(client):
    t = team()
    client.force_login(t["officer"])
    payload = {
        "lao": "4500103",
        "kind": "subsidy",
        "fiscal_year": 2568,
        "name": "อุดหนุนที่ว่าการอำเภอ",
        "amount": "50000",
        "funding_source": "annual_budget",
        "recipient_type": "government_agency",
    }
    created = client.post(
        "/api/v1/assessments", json.dumps(payload), content_type="application/json"
    )
    assert created.status_code == 201, created.content
    uid = created.json()["uid"]
    patched = client.patch(
        f"/api/v1/assessments/{uid}",
        json.dumps({"amount": "60000"}),
        content_type="application/json",
    )
    assert patched.status_code == 200 and patched.json()["amount"] == "60000.00"
    bad = client.patch(
        f"/api/v1/assessments/{uid}", json.dumps({"amount": "-1"}), content_type="application/json"
    )
    assert bad.status_code == 422
    assert client.delete(f"/api/v1/assessments/{uid}").status_code == 204
    assert not Assessment.objects.exists()


def test_public_sees_nothing_but_province_aggregates(client):
    t = team()
    festival(t["officer"], t["lao"])
    assert client.get("/api/v1/assessments").status_code == 401
    rows = client.get("/api/v1/assessment-aggregates").json()
    assert rows == []  # only signed-off assessments are counted
    client.force_login(UserFactory())
    assert client.get("/api/v1/assessments").json() == []
