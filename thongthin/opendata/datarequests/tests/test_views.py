"""The data request pages: they render, bad input gives Thai form errors (never a 500, never a
half-saved request), unknown ids are 404, and only the right people see the buttons."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from thongthin.opendata.datarequests import services
from thongthin.opendata.datarequests.models import DataRequest, DataRequestComment, DataRequestVote

pytestmark = pytest.mark.django_db


def url(name: str, *args: object) -> str:
    return reverse(f"datarequests:{name}", args=args)


def test_list_renders_with_filters(client, datarequest, org):
    response = client.get(url("list"))
    assert response.status_code == 200 and datarequest.title in response.content.decode()
    for query in (
        "?state=open&sort=newest",
        f"?organization={org.name}",
        "?q=งบประมาณ",
        "?state=active",
    ):
        response = client.get(url("list") + query)
        assert response.status_code == 200 and datarequest.title in response.content.decode(), query
    closed = client.get(url("list") + "?state=closed").content.decode()
    assert datarequest.title not in closed


@pytest.mark.parametrize(
    "query",
    [
        "?page=abc",
        "?page=99999999999",
        "?state=bogus",
        "?organization=nope",
        "?sort=sideways",
        "?q=" + "ก" * 500,
    ],
)
def test_list_ignores_bad_parameters(client, datarequest, query):
    assert client.get(url("list") + query).status_code == 200


def test_list_queries_do_not_grow_with_rows(client, requester, django_assert_max_num_queries):
    for n in range(15):
        services.datarequest_create(actor=requester, title=f"คำขอหมายเลข {n}")
    with django_assert_max_num_queries(12):
        assert client.get(url("list")).status_code == 200


def test_detail_renders_for_everyone(client, datarequest):
    response = client.get(url("detail", datarequest.pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert datarequest.title in html and "นายผู้ขอ ข้อมูล" in html
    assert "ตอบคำขอ" not in html  # no answer form for visitors
    assert "@" not in html.split("<main", 1)[1].split("</main>")[0]  # no e-mail addresses


def test_unknown_ids_are_404(client, datarequest, stranger):
    assert client.get(url("detail", "no-such-id")).status_code == 404
    assert client.get(url("detail", "x" * 80)).status_code == 404
    client.force_login(stranger)
    assert client.post(url("vote", "no-such-id")).status_code == 404
    assert client.get(url("comment_edit", datarequest.pk, "nope")).status_code == 404


def test_the_organizations_editor_sees_the_answer_form(client, datarequest, editor):
    client.force_login(editor)
    html = client.get(url("detail", datarequest.pk)).content.decode()
    assert "ตอบคำขอ" in html and 'value="fulfilled"' in html and 'value="withdrawn"' not in html


def test_filing_needs_sign_in(client):
    response = client.get(url("create"))
    assert response.status_code == 302 and "sign-in" in response["Location"]


def test_filing_a_request(client, stranger, org):
    client.force_login(stranger)
    assert client.get(url("create")).status_code == 200
    response = client.post(
        url("create"), {"title": "ข้อมูลจุดทิ้งขยะ", "description": "พิกัด", "organization": org.pk}
    )
    created = DataRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == url("detail", created.pk)
    assert created.organization == org and created.requester == stranger


def test_an_organization_typed_without_javascript_is_found(client, stranger, org):
    client.force_login(stranger)
    client.post(url("create"), {"title": "ข้อมูลถนน", "organization_q": org.title})
    assert DataRequest.objects.get().organization == org


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": ""}, "กรุณากรอกข้อมูลช่องนี้"),
        ({"title": "ก" * 300}, "ยาวเกิน"),
        ({"title": "ok", "organization": "nope"}, "ไม่พบหน่วยงานนี้"),
        ({"title": "ok", "organization_q": "ไม่มีหน่วยงานชื่อนี้แน่นอน"}, "ไม่พบหน่วยงาน"),
        ({"title": "ok", "organization_q": "เทศบาล"}, "เลือกหน่วยงานจากรายการ"),
    ],
)
def test_bad_form_input_shows_thai_errors_and_saves_nothing(client, stranger, data, message):
    client.force_login(stranger)
    response = client.post(url("create"), data)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not DataRequest.objects.exists()


def test_a_duplicate_title_is_shown_beside_the_title(client, stranger, datarequest):
    client.force_login(stranger)
    response = client.post(url("create"), {"title": datarequest.title})
    assert response.status_code == 422 and "กรุณาโหวต" in response.content.decode()
    assert DataRequest.objects.count() == 1


def test_organization_search_fragment(client, org):
    response = client.get(url("organization_search"), {"organization_q": org.title})
    assert response.status_code == 200
    values = re.findall(r'<option value="([^"]+)"', response.content.decode())
    assert values[0] == org.pk  # the exact name first
    assert client.get(url("organization_search")).content.decode().strip() == ""


def test_edit_by_requester_only(client, datarequest, requester, stranger):
    client.force_login(stranger)
    assert client.get(url("edit", datarequest.pk)).status_code == 403
    client.force_login(requester)
    assert client.get(url("edit", datarequest.pk)).status_code == 200
    response = client.post(
        url("edit", datarequest.pk),
        {"title": "ชื่อที่แก้แล้ว", "organization": datarequest.organization_id},
    )
    assert response.status_code == 302
    datarequest.refresh_from_db()
    assert datarequest.title == "ชื่อที่แก้แล้ว"
    response = client.post(url("edit", datarequest.pk), {"title": ""})
    assert response.status_code == 422
    datarequest.refresh_from_db()
    assert datarequest.title == "ชื่อที่แก้แล้ว"


def test_vote_with_and_without_htmx(client, datarequest, stranger):
    client.force_login(stranger)
    response = client.post(url("vote", datarequest.pk), {"action": "on"})
    assert response.status_code == 302
    response = client.post(url("vote", datarequest.pk), {"action": "off"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "vote-box" in response.content.decode()
    assert not DataRequestVote.objects.exists()
    assert client.get(url("vote", datarequest.pk)).status_code == 405


def test_anonymous_votes_go_to_sign_in(client, datarequest):
    response = client.post(url("vote", datarequest.pk), {"action": "on"})
    assert response.status_code == 302 and "sign-in" in response["Location"]
    assert not DataRequestVote.objects.exists()


def test_follow_with_htmx(client, datarequest, stranger):
    client.force_login(stranger)
    response = client.post(url("follow", datarequest.pk), {"action": "on"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "เลิกติดตาม" in response.content.decode()


def test_comment_create_edit_delete(client, datarequest, stranger, editor):
    client.force_login(stranger)
    response = client.post(url("comment_create", datarequest.pk), {"text": "ต้องการด้วย"})
    assert response.status_code == 302 and response["Location"].endswith("#comments")
    comment = DataRequestComment.objects.get()
    response = client.post(url("comment_create", datarequest.pk), {"text": ""})
    assert response.status_code == 422 and "กรุณากรอกข้อมูลช่องนี้" in response.content.decode()
    assert client.get(url("comment_edit", datarequest.pk, comment.pk)).status_code == 200
    client.post(url("comment_edit", datarequest.pk, comment.pk), {"text": "ต้องการด้วยครับ"})
    comment.refresh_from_db()
    assert comment.text == "ต้องการด้วยครับ"
    client.force_login(editor)
    assert client.get(url("comment_edit", datarequest.pk, comment.pk)).status_code == 403
    assert client.post(url("comment_delete", datarequest.pk, comment.pk)).status_code == 403
    client.force_login(stranger)
    assert client.post(url("comment_delete", datarequest.pk, comment.pk)).status_code == 302
    assert not DataRequestComment.objects.exists()


def test_the_editor_moves_the_state_from_the_page(client, datarequest, editor, public_dataset):
    client.force_login(editor)
    response = client.post(url("transition", datarequest.pk), {"to_state": "fulfilled"})
    assert response.status_code == 422 and "กรุณาระบุชุดข้อมูลที่ตอบคำขอนี้" in response.content.decode()
    response = client.post(
        url("transition", datarequest.pk), {"to_state": "fulfilled", "dataset": "nope"}
    )
    assert response.status_code == 422 and "ไม่พบชุดข้อมูลนี้" in response.content.decode()
    response = client.post(
        url("transition", datarequest.pk),
        {"to_state": "in_progress", "approx_publishing_date": "31/02/2568"},
    )
    assert response.status_code == 422
    datarequest.refresh_from_db()
    assert datarequest.state == "open"
    response = client.post(
        url("transition", datarequest.pk), {"to_state": "fulfilled", "dataset": public_dataset.name}
    )
    assert response.status_code == 302
    datarequest.refresh_from_db()
    assert datarequest.state == "fulfilled" and datarequest.accepted_dataset == public_dataset


def test_strangers_cannot_move_the_state(client, datarequest, stranger):
    client.force_login(stranger)
    assert (
        client.post(
            url("transition", datarequest.pk), {"to_state": "declined", "reason": "x"}
        ).status_code
        == 403
    )
    datarequest.refresh_from_db()
    assert datarequest.state == "open"


def test_the_requester_withdraws_and_deletes(client, datarequest, requester):
    client.force_login(requester)
    response = client.post(url("transition", datarequest.pk), {"to_state": "fulfilled"})
    assert response.status_code == 422  # not a choice the requester has
    assert (
        client.post(url("transition", datarequest.pk), {"to_state": "withdrawn"}).status_code == 302
    )
    assert client.post(url("delete", datarequest.pk)).status_code == 302
    assert not DataRequest.objects.exists()
