import pytest
from django.db import DatabaseError

pytestmark = pytest.mark.django_db


def test_healthz_reports_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"]["status"] == "ok"


def test_healthz_is_503_when_database_fails(client, monkeypatch):
    from django.db.backends.utils import CursorWrapper

    def broken(self, sql, params=None):
        raise DatabaseError("down")

    monkeypatch.setattr(CursorWrapper, "execute", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"]["status"] == "error"


def test_livez_needs_no_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert client.get("/livez").content == b"ok"


def test_home_is_thai_by_default_with_language_switch(client):
    response = client.get("/")
    html = response.content.decode()
    assert '<html lang="th">' in html
    assert "ค้นหา อปท." in html
    assert 'name="language" value="en"' in html


def test_unknown_page_is_html_404_and_unknown_api_is_json_404(client):
    page = client.get("/no-such-page/")
    assert page.status_code == 404 and page["Content-Type"].startswith("text/html")
    api = client.get("/api/v1/no-such-endpoint")
    assert api.status_code == 404
    assert api.json()["error"]["code"] == "not_found"


def test_openapi_document_and_docs(client):
    doc = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/laos" in doc["paths"]
    assert "/api/v1/laos/{dla_code}" in doc["paths"]
    assert "/api/v1/email-check" in doc["paths"]
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    assert b"cdn" not in docs.content.lower()


def test_static_assets_come_from_npm_packages(client):
    from django.contrib.staticfiles import finders

    for path in [
        "vendor/bootstrap/css/bootstrap.min.css",
        "vendor/htmx/htmx.min.js",
        "vendor/sarabun/thai-400.css",
        "css/thongthin.css",
    ]:
        assert finders.find(path), path


def test_client_ip_trusts_a_proxy_header_only_when_configured(rf, settings):
    from thongthin.core.middleware import client_ip

    request = rf.get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_REAL_IP="203.0.113.7")
    assert client_ip(request) == "10.0.0.5"  # a forged header is ignored by default
    settings.THONGTHIN = {**settings.THONGTHIN, "CLIENT_IP_HEADER": "HTTP_X_REAL_IP"}
    assert client_ip(request) == "203.0.113.7"


def test_admin_audit_log_lists_be_dates_and_filters(client):
    from thongthin.accounts.tests.factories import UserFactory, platform_admin
    from thongthin.core.audit import audit_record

    admin = platform_admin()
    audit_record(actor=admin, action="test.thing.changed", target=UserFactory(), after={"x": 1})
    client.force_login(admin)
    html = client.get("/admin/core/auditevent/", {"action": "test.thing.changed"}).content.decode()
    assert "test.thing.changed" in html
    assert " 2569" in html or " 2570" in html  # the BE year of today (2026 CE = 2569 BE)
    assert "2026" not in html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert client.get("/admin/core/auditevent/add/").status_code == 403
