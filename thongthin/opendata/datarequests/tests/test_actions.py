"""The ckanext-datarequests actions through the CKAN dispatcher: each success and each error
(403 without a token or without the right, 404 for unknown ids, 409 for bad input)."""

from __future__ import annotations

import pytest

from thongthin.opendata.ckan.registry import actions
from thongthin.opendata.datarequests import services
from thongthin.opendata.datarequests.models import DataRequest, DataRequestComment
from thongthin.opendata.tests import factories as f

from .conftest import call

pytestmark = pytest.mark.django_db

PUBLISHED = {
    "create_datarequest",
    "show_datarequest",
    "update_datarequest",
    "list_datarequests",
    "delete_datarequest",
    "close_datarequest",
    "comment_datarequest",
    "show_datarequest_comment",
    "list_datarequest_comments",
    "update_datarequest_comment",
    "delete_datarequest_comment",
    "follow_datarequest",
    "unfollow_datarequest",
    "vote_datarequest",
    "unvote_datarequest",
}
KEYS = {
    "id",
    "user_id",
    "user",
    "title",
    "description",
    "organization_id",
    "organization",
    "open_time",
    "accepted_dataset_id",
    "accepted_dataset",
    "close_time",
    "closed",
    "close_circumstance",
    "approx_publishing_date",
    "comments_count",
    "followers",
    "state",
    "votes",
}


@pytest.fixture
def requester_token(requester):
    return f.token_for(requester)


@pytest.fixture
def editor_token(editor):
    return f.token_for(editor)


@pytest.fixture
def stranger_token(stranger):
    return f.token_for(stranger)


def test_the_actions_are_published_with_their_checks():
    registered = actions()
    assert set(registered) >= PUBLISHED
    reads = {
        "show_datarequest",
        "list_datarequests",
        "list_datarequest_comments",
        "show_datarequest_comment",
    }
    for name in PUBLISHED:
        assert registered[name].side_effect_free == (name in reads), name


# --- create / show / update / delete ---------------------------------------------------------


def test_create_and_show(client, requester, requester_token, org):
    status, body = call(
        client,
        "create_datarequest",
        {
            "title": "รายชื่อร้านค้าที่ได้รับอนุญาต",
            "description": "เพื่อทำแผนที่",
            "organization_id": org.name,
        },
        token=requester_token,
    )
    assert status == 200, body
    result = body["result"]
    assert set(result) == KEYS
    assert result["organization_id"] == org.id and result["user_id"] == str(requester.pk)
    assert (result["state"], result["closed"], result["followers"], result["votes"]) == (
        "open",
        False,
        1,
        0,
    )
    assert "@" not in str(result["user"])  # never the e-mail address
    status, shown = call(client, "show_datarequest", {"id": result["id"]}, method="get")
    assert status == 200 and shown["result"]["title"] == "รายชื่อร้านค้าที่ได้รับอนุญาต"


def test_create_needs_a_token(client):
    status, body = call(client, "create_datarequest", {"title": "x"})
    assert status == 403 and body["error"]["__type"] == "Authorization Error"


def test_create_with_bad_input_is_a_409_naming_the_fields(client, requester_token):
    status, body = call(
        client,
        "create_datarequest",
        {"title": "", "organization_id": "nope"},
        token=requester_token,
    )
    assert status == 409 and "organization_id" in body["error"]
    status, body = call(client, "create_datarequest", {"title": ""}, token=requester_token)
    assert (
        status == 409 and body["error"]["title"] and body["error"]["__type"] == "Validation Error"
    )
    assert not DataRequest.objects.exists()


def test_show_errors(client):
    assert call(client, "show_datarequest", {"id": "no-such"}, method="get")[0] == 404
    status, body = call(client, "show_datarequest", {}, method="get")
    assert status == 409 and "id" in body["error"]


def test_update_keeps_what_is_not_sent(client, datarequest, requester_token, other_org):
    status, body = call(
        client,
        "update_datarequest",
        {"id": datarequest.pk, "organization_id": other_org.id},
        token=requester_token,
    )
    assert status == 200
    assert body["result"]["organization_id"] == other_org.id
    assert body["result"]["title"] == datarequest.title


def test_update_errors(client, datarequest, stranger_token, requester_token):
    assert (
        call(
            client, "update_datarequest", {"id": datarequest.pk, "title": "x"}, token=stranger_token
        )[0]
        == 403
    )
    assert call(client, "update_datarequest", {"id": "nope"}, token=requester_token)[0] == 404
    status, body = call(
        client,
        "update_datarequest",
        {"id": datarequest.pk, "title": "ก" * 300},
        token=requester_token,
    )
    assert status == 409 and "title" in body["error"]


def test_delete(client, datarequest, requester_token, stranger_token):
    assert (
        call(client, "delete_datarequest", {"id": datarequest.pk}, token=stranger_token)[0] == 403
    )
    status, body = call(client, "delete_datarequest", {"id": datarequest.pk}, token=requester_token)
    assert status == 200 and body["result"]["id"] == datarequest.pk
    assert (
        call(client, "delete_datarequest", {"id": datarequest.pk}, token=requester_token)[0] == 404
    )


# --- list ------------------------------------------------------------------------------------


def test_list_filters_sorts_and_counts_facets(
    client, datarequest, requester, editor, org, other_org
):
    second = services.datarequest_create(
        actor=requester, title="ข้อมูลตลาดนัด", organization=other_org
    )
    services.datarequest_vote(actor=editor, datarequest=second)
    services.datarequest_transition(actor=requester, datarequest=second, to_state="withdrawn")
    status, body = call(client, "list_datarequests", {}, method="get")
    assert status == 200
    result = body["result"]
    assert result["count"] == 2
    assert [r["id"] for r in result["result"]] == [datarequest.pk, second.pk]  # asc by open_time
    orgs = {i["name"]: i["count"] for i in result["facets"]["organization"]["items"]}
    assert orgs == {org.name: 1, other_org.name: 1}
    states = {i["name"]: i["count"] for i in result["facets"]["state"]["items"]}
    assert states == {"open": 1, "withdrawn": 1}
    desc = call(client, "list_datarequests", {"sort": "desc"}, method="get")[1]["result"]
    assert desc["result"][0]["id"] == second.pk
    assert (
        call(client, "list_datarequests", {"closed": "true"}, method="get")[1]["result"]["count"]
        == 1
    )
    by_org = call(client, "list_datarequests", {"organization_id": org.id}, method="get")[1][
        "result"
    ]
    assert [r["id"] for r in by_org["result"]] == [datarequest.pk]
    by_user = call(
        client, "list_datarequests", {"user_id": str(requester.pk), "q": "ตลาด"}, method="get"
    )
    assert [r["id"] for r in by_user[1]["result"]["result"]] == [second.pk]
    paged = call(client, "list_datarequests", {"offset": "1", "limit": "1"}, method="get")[1][
        "result"
    ]
    assert paged["count"] == 2 and len(paged["result"]) == 1


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"organization_id": "nope"}, 404),
        ({"sort": "sideways"}, 409),
        ({"limit": "-1"}, 409),
        ({"offset": "x"}, 409),
        ({"state": "lost"}, 409),
        ({"closed": "maybe"}, 409),
    ],
)
def test_list_errors(client, params, status):
    assert call(client, "list_datarequests", params, method="get")[0] == status


def test_list_by_user_does_not_tell_whether_an_address_has_an_account(client, requester):
    services.datarequest_create(actor=requester, title="ขอข้อมูลตลาดนัด")
    answers = [
        call(client, "list_datarequests", {"user_id": key}, method="get")
        for key in ("nobody@example.com", "999999999", requester.email)
    ]
    assert [status for status, _body in answers] == [200, 200, 200]
    assert [body["result"]["count"] for _status, body in answers] == [0, 0, 1]


def test_list_reads_in_a_fixed_number_of_queries(client, requester, django_assert_max_num_queries):
    for n in range(12):
        services.datarequest_create(actor=requester, title=f"คำขอที่ {n}")
    with django_assert_max_num_queries(8):
        status, body = call(client, "list_datarequests", {"limit": "20"}, method="get")
    assert status == 200 and len(body["result"]["result"]) == 12


# --- close -----------------------------------------------------------------------------------


def test_close_with_a_dataset_fulfils(client, datarequest, editor_token, public_dataset):
    status, body = call(
        client,
        "close_datarequest",
        {
            "id": datarequest.pk,
            "accepted_dataset_id": public_dataset.name,
        },
        token=editor_token,
    )
    assert status == 200
    result = body["result"]
    assert (result["state"], result["closed"], result["accepted_dataset_id"]) == (
        "fulfilled",
        True,
        public_dataset.id,
    )
    assert result["close_time"]


def test_close_without_a_dataset_declines_with_a_circumstance(client, datarequest, editor_token):
    status, body = call(client, "close_datarequest", {"id": datarequest.pk}, token=editor_token)
    assert status == 409 and "close_circumstance" in body["error"]
    status, body = call(
        client,
        "close_datarequest",
        {
            "id": datarequest.pk,
            "close_circumstance": "ไม่ได้จัดเก็บข้อมูลนี้",
        },
        token=editor_token,
    )
    assert status == 200 and body["result"]["state"] == "declined"
    assert body["result"]["close_circumstance"] == "ไม่ได้จัดเก็บข้อมูลนี้"
    status, body = call(
        client, "close_datarequest", {"id": datarequest.pk, "reason": "อีกครั้ง"}, token=editor_token
    )
    assert status == 409 and "state" in body["error"]  # already closed


def test_the_requester_closes_by_withdrawing(client, datarequest, requester_token):
    status, body = call(client, "close_datarequest", {"id": datarequest.pk}, token=requester_token)
    assert status == 200 and body["result"]["state"] == "withdrawn"


def test_close_errors(client, datarequest, stranger_token, editor_token):
    assert (
        call(
            client, "close_datarequest", {"id": datarequest.pk, "reason": "x"}, token=stranger_token
        )[0]
        == 403
    )
    assert call(client, "close_datarequest", {"id": "nope"}, token=editor_token)[0] == 404
    status, body = call(
        client,
        "close_datarequest",
        {"id": datarequest.pk, "accepted_dataset_id": "nope"},
        token=editor_token,
    )
    assert status == 409 and "accepted_dataset_id" in body["error"]
    status, body = call(
        client, "close_datarequest", {"id": datarequest.pk, "state": "open"}, token=editor_token
    )
    assert status == 409 and "state" in body["error"]


# --- comments --------------------------------------------------------------------------------


def test_comment_lifecycle(client, datarequest, stranger, stranger_token, editor_token):
    status, body = call(
        client,
        "comment_datarequest",
        {"datarequest_id": datarequest.pk, "comment": "ขอด้วย"},
        token=stranger_token,
    )
    assert status == 200
    comment = body["result"]
    assert set(comment) == {"id", "user_id", "user", "datarequest_id", "time", "comment"}
    assert call(client, "show_datarequest_comment", {"id": comment["id"]}, method="get")[0] == 200
    listed = call(
        client, "list_datarequest_comments", {"datarequest_id": datarequest.pk}, method="get"
    )
    assert [c["comment"] for c in listed[1]["result"]] == ["ขอด้วย"]
    assert (
        call(
            client,
            "update_datarequest_comment",
            {"id": comment["id"], "comment": "แก้"},
            token=editor_token,
        )[0]
        == 403
    )
    status, body = call(
        client,
        "update_datarequest_comment",
        {"id": comment["id"], "comment": "ขอด้วยครับ"},
        token=stranger_token,
    )
    assert status == 200 and body["result"]["comment"] == "ขอด้วยครับ"
    assert (
        call(client, "delete_datarequest_comment", {"id": comment["id"]}, token=editor_token)[0]
        == 403
    )
    assert (
        call(client, "delete_datarequest_comment", {"id": comment["id"]}, token=stranger_token)[0]
        == 200
    )
    assert not DataRequestComment.objects.exists()


def test_comment_errors(client, datarequest, stranger_token):
    assert (
        call(client, "comment_datarequest", {"datarequest_id": datarequest.pk, "comment": "x"})[0]
        == 403
    )
    status, body = call(
        client,
        "comment_datarequest",
        {"datarequest_id": datarequest.pk, "comment": ""},
        token=stranger_token,
    )
    assert status == 409 and "comment" in body["error"]
    assert (
        call(
            client,
            "comment_datarequest",
            {"datarequest_id": "nope", "comment": "x"},
            token=stranger_token,
        )[0]
        == 404
    )
    assert call(client, "show_datarequest_comment", {"id": "nope"}, method="get")[0] == 404
    assert (
        call(client, "list_datarequest_comments", {"datarequest_id": "nope"}, method="get")[0]
        == 404
    )
    assert (
        call(
            client,
            "list_datarequest_comments",
            {"datarequest_id": datarequest.pk, "sort": "x"},
            method="get",
        )[0]
        == 409
    )
    assert (
        call(
            client,
            "update_datarequest_comment",
            {"id": "nope", "comment": "x"},
            token=stranger_token,
        )[0]
        == 404
    )


# --- follow and vote -------------------------------------------------------------------------


def test_follow_and_unfollow(client, datarequest, stranger_token):
    status, body = call(client, "follow_datarequest", {"id": datarequest.pk}, token=stranger_token)
    assert (status, body["result"]) == (200, True)
    status, body = call(client, "follow_datarequest", {"id": datarequest.pk}, token=stranger_token)
    assert status == 409  # already following (as ckanext-datarequests)
    shown = call(client, "show_datarequest", {"id": datarequest.pk}, method="get")[1]["result"]
    assert shown["followers"] == 2
    assert (
        call(client, "unfollow_datarequest", {"id": datarequest.pk}, token=stranger_token)[0] == 200
    )
    status, body = call(
        client, "unfollow_datarequest", {"id": datarequest.pk}, token=stranger_token
    )
    assert status == 404 and body["error"]["__type"] == "Not Found Error"


def test_follow_errors(client, datarequest, stranger_token):
    assert call(client, "follow_datarequest", {"id": datarequest.pk})[0] == 403
    assert call(client, "follow_datarequest", {"id": "nope"}, token=stranger_token)[0] == 404
    assert call(client, "follow_datarequest", {}, token=stranger_token)[0] == 409


def test_vote_and_unvote(client, datarequest, stranger_token):
    status, body = call(client, "vote_datarequest", {"id": datarequest.pk}, token=stranger_token)
    assert status == 200 and body["result"]["votes"] == 1
    status, body = call(client, "vote_datarequest", {"id": datarequest.pk}, token=stranger_token)
    assert status == 200 and body["result"]["votes"] == 1  # one vote per person
    status, body = call(client, "unvote_datarequest", {"id": datarequest.pk}, token=stranger_token)
    assert status == 200 and body["result"]["votes"] == 0


def test_vote_errors(client, datarequest, requester, stranger_token):
    assert call(client, "vote_datarequest", {"id": datarequest.pk})[0] == 403
    assert call(client, "vote_datarequest", {"id": "nope"}, token=stranger_token)[0] == 404
    services.datarequest_transition(actor=requester, datarequest=datarequest, to_state="withdrawn")
    status, body = call(client, "vote_datarequest", {"id": datarequest.pk}, token=stranger_token)
    assert status == 409 and body["error"]["state"]
