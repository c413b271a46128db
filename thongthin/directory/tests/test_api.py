import pytest

from thongthin.accounts.tests.factories import lao
from thongthin.directory.search import index as search_index
from thongthin.registry.tests.factories import approved

pytestmark = pytest.mark.django_db


def test_search_returns_results_total_and_pages(client):
    body = client.get("/api/v1/laos", {"q": "ศิลา", "page_size": 5}).json()
    assert body["count"] >= 20
    assert body["pages"] == -(-body["count"] // 5)
    assert len(body["results"]) == 5
    first = body["results"][0]
    assert set(first) >= {"dla_code", "type", "display_name", "province", "official_email", "url"}


def test_search_filters_by_province_and_type(client):
    body = client.get("/api/v1/laos", {"province": "50", "type": "pao"}).json()
    assert body["count"] == 1
    assert body["results"][0]["display_name"] == "อบจ.เชียงใหม่"


def test_official_email_appears_in_results_and_detail(client, django_assert_max_num_queries):
    approved(lao("4500103"), "saraban@maehia.go.th")
    search_index()  # built once per directory version (its own test counts its queries)
    with django_assert_max_num_queries(1):  # the version check; the search runs in memory
        body = client.get("/api/v1/laos", {"q": "แม่เหียะ"}).json()
    assert body["results"][0]["official_email"] == "saraban@maehia.go.th"
    detail = client.get("/api/v1/laos/4500103").json()
    assert detail["official_email"] == "saraban@maehia.go.th"
    assert detail["district"]["code"] == "5001"


def test_all_laos_page_has_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    search_index()
    with django_assert_max_num_queries(1):
        body = client.get("/api/v1/laos", {"page_size": 100}).json()
    assert body["count"] == 7850 and len(body["results"]) == 100


def test_building_the_index_takes_a_fixed_number_of_queries(django_assert_num_queries):
    from thongthin.core import versions

    versions.forget()
    with django_assert_num_queries(5):  # version, e-mails, provinces, districts, LAOs
        assert len(search_index().entries) == 7850


def test_a_change_reaches_the_search_at_once_in_this_process(
    client, django_capture_on_commit_callbacks
):
    search_index()
    first = client.get("/api/v1/laos", {"q": "แม่เหียะ"}).json()["results"][0]
    assert first["official_email"] is None
    with django_capture_on_commit_callbacks(execute=True):  # as when the approval commits
        approved(lao("4500103"), "saraban@maehia.go.th")  # bumps the directory version
    body = client.get("/api/v1/laos", {"q": "แม่เหียะ"}).json()
    assert body["results"][0]["official_email"] == "saraban@maehia.go.th"


def test_search_response_matches_the_documented_schema(client):
    from thongthin.directory.api import LAOPage

    approved(lao("4500103"), "saraban@maehia.go.th")
    body = client.get("/api/v1/laos", {"q": "เชียงใหม่", "page_size": 50}).json()
    LAOPage.model_validate(body)  # raises if a field is missing or of the wrong type
    assert body["results"][0]["type_label"]


def test_bangkok_has_its_documented_code(client):
    body = client.get("/api/v1/laos/1100000").json()
    assert body["display_name"] == "กรุงเทพมหานคร"
    assert body["type"] == "special"
    assert "1100000" in client.get("/api/v1/openapi.json").content.decode()


def test_page_past_the_end_is_empty_not_an_error(client):
    body = client.get("/api/v1/laos", {"q": "แม่เหียะ", "page": 50}).json()
    assert body["count"] == 1 and body["results"] == []


@pytest.mark.parametrize(
    "params",
    [
        {"page": 0},
        {"page": "abc"},
        {"page_size": 1000},
        {"page_size": 0},
        {"type": "village"},
        {"province": "chiangmai"},
        {"q": "ก" * 201},
    ],
)
def test_bad_parameters_are_422_json_with_a_code(client, params):
    response = client.get("/api/v1/laos", params)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_input"
    assert "ไม่ถูกต้อง" in error["message"]
    assert error["fields"]


def test_error_messages_follow_the_requested_language(client):
    th = client.get("/api/v1/laos/0000000").json()["error"]
    en = client.get("/api/v1/laos/0000000?lang=en").json()["error"]
    en_header = client.get("/api/v1/laos/0000000", HTTP_ACCEPT_LANGUAGE="en").json()["error"]
    assert th["code"] == en["code"] == "lao_not_found"
    assert th["message"] != en["message"] == en_header["message"]


def test_unknown_code_is_404_json(client):
    response = client.get("/api/v1/laos/<script>")
    assert response.status_code == 404
    assert response.json()["error"]["code"] in {"lao_not_found", "not_found"}
