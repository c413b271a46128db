import pytest

from thongthin.accounts.models import LAORole
from thongthin.accounts.tests.factories import UserFactory, lao, member
from thongthin.core.models import AuditEvent
from thongthin.registry.tests.factories import approved

pytestmark = pytest.mark.django_db


def test_search_page_lists_results_with_counts_per_type(client):
    html = client.get("/laos/", {"q": "ศิลา"}).content.decode()
    assert "เทศบาลเมืองศิลา" in html
    assert "เทศบาลตำบล" in html  # facet badge
    assert html.index("เทศบาลเมืองศิลา") < html.index("อบต.ศิลา")


def test_htmx_request_gets_only_the_results_fragment(client):
    html = client.get("/laos/", {"q": "แม่เหียะ"}, HTTP_HX_REQUEST="true").content.decode()
    assert "เทศบาลเมืองแม่เหียะ" in html
    assert "<html" not in html


def test_all_laos_page_uses_few_queries(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = client.get("/laos/")
    assert "7,850" in response.content.decode()


def test_district_options_for_a_province(client):
    html = client.get("/laos/districts", {"province": "50"}).content.decode()
    assert "เมืองเชียงใหม่" in html and 'value="5001"' in html
    assert client.get("/laos/districts", {"province": "x'"}).status_code == 200


def test_lao_page_shows_the_verified_email(client):
    approved(lao("4500103"), "saraban@maehia.go.th")
    html = client.get("/laos/4500103/").content.decode()
    assert "saraban@maehia.go.th" in html
    assert "ยืนยันแล้ว" in html


def test_former_code_redirects_to_the_current_page(client):
    target = lao("6720210")
    target.former_codes = ["6720299"]
    target.save(update_fields=["former_codes"])
    response = client.get("/laos/6720299/")
    assert response.status_code == 301 and response["Location"].endswith("/laos/6720210/")


def test_unknown_lao_is_404(client):
    assert client.get("/laos/9999999/").status_code == 404


def test_lao_admin_edits_contact_details_and_it_is_audited(client):
    admin = member(lao("4500103"), LAORole.ADMIN)
    client.force_login(admin)
    response = client.post(
        "/laos/4500103/contact",
        {"address": "99 หมู่ 4 ต.แม่เหียะ", "phone": "053-000-000", "website": "www.maehia.go.th"},
    )
    assert response.status_code == 302
    updated = lao("4500103")
    assert updated.phone == "053-000-000"
    assert updated.website == "https://www.maehia.go.th"
    event = AuditEvent.objects.get(action="directory.lao.contact_updated")
    assert event.actor == admin and event.before["phone"] == ""


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"website": "javascript:alert(1)"}, "website"),
        ({"website": "not a url at all"}, "website"),
        ({"phone": "1" * 101}, "phone"),
        ({"address": "ก" * 10_000}, "address"),
    ],
)
def test_bad_contact_input_is_refused_and_nothing_saved(client, data, field):
    client.force_login(member(lao("4500103"), LAORole.ADMIN))
    response = client.post(
        "/laos/4500103/contact", {"address": "", "phone": "", "website": "", **data}
    )
    assert response.status_code == 422
    assert 'aria-invalid="true"' in response.content.decode()
    assert lao("4500103").website == ""
    assert not AuditEvent.objects.filter(action="directory.lao.contact_updated").exists()


def test_html_in_contact_details_is_escaped(client):
    client.force_login(member(lao("4500103"), LAORole.ADMIN))
    client.post(
        "/laos/4500103/contact",
        {"address": "<script>alert(1)</script>", "phone": "", "website": ""},
    )
    html = client.get("/laos/4500103/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize("role", [LAORole.OFFICER, LAORole.EXECUTIVE, None])
def test_only_the_lao_admin_may_edit_contact(client, role):
    user = member(lao("4500103"), role) if role else UserFactory()
    client.force_login(user)
    response = client.post("/laos/4500103/contact", {"address": "x", "phone": "", "website": ""})
    assert response.status_code == 403
    assert lao("4500103").address == ""


def test_admin_of_another_lao_may_not_edit(client):
    client.force_login(member(lao("4400115"), LAORole.ADMIN))
    assert client.get("/laos/4500103/contact").status_code == 403


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get("/laos/4500103/contact")
    assert response.status_code == 302 and "/accounts/sign-in" in response["Location"]
