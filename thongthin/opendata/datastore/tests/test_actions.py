"""The DataStore's CKAN actions: each one's success and errors, permissions (a private dataset
never leaks), and SQL in sort or filters refused. Called directly (auth, then the function, as
the dispatcher does) and over HTTP."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection

from thongthin.core.models import AuditEvent
from thongthin.opendata.ckan.errors import NotAuthorized, NotFound, ValidationError
from thongthin.opendata.ckan.registry import ActionContext, actions, get_action
from thongthin.opendata.datastore import services
from thongthin.opendata.datastore.models import DatastoreTable
from thongthin.opendata.models import Resource, State
from thongthin.opendata.services.tokens import api_token_create

pytestmark = pytest.mark.django_db

ROWS = [
    {"year": 2566, "district": "เมืองเชียงใหม่", "amount": "1500.50", "note": "งบกลาง"},
    {"year": 2567, "district": "สารภี", "amount": "990", "note": None},
    {"year": 2567, "district": "เมืองเชียงใหม่", "amount": "2000", "note": "ค่าจ้าง"},
    {"year": 2568, "district": "หางดง", "amount": "12.25", "note": "งบกลาง เพิ่มเติม"},
]
FIELDS = [
    {"id": "year", "type": "int8"},
    {"id": "district", "type": "text", "info": {"label": "อำเภอ", "notes": "ชื่ออำเภอ"}},
    {"id": "amount", "type": "numeric"},
    {"id": "note", "type": "text"},
]


def call(name: str, user: Any = None, request: Any = None, **data: Any) -> Any:
    found = get_action(name)
    assert found is not None
    context = ActionContext(user=user or AnonymousUser(), request=request)
    found.auth(context, data)
    return found.func(context, data)


@pytest.fixture
def table_resource(make_resource, publisher) -> Resource:
    resource = Resource.objects.create(
        dataset=make_resource(b"x").dataset, name="api table", url="https://example.com/x"
    )
    services.datastore_create(resource=resource, actor=publisher, fields=FIELDS, records=ROWS)
    return resource


@pytest.fixture
def private_resource(private_dataset, publisher) -> Resource:
    resource = Resource.objects.create(dataset=private_dataset, name="secret table")
    services.datastore_create(resource=resource, actor=publisher, fields=FIELDS, records=ROWS[:1])
    return resource


# --- The published set --------------------------------------------------------------------------


def test_datastore_actions_are_published_with_their_checks():
    published = {n: a for n, a in actions().items() if n.startswith("datastore_")}
    assert set(published) == {
        "datastore_search", "datastore_info", "datastore_create", "datastore_delete",
    }  # fmt: skip
    assert published["datastore_search"].side_effect_free
    assert published["datastore_info"].side_effect_free
    assert not published["datastore_create"].side_effect_free
    assert not published["datastore_delete"].side_effect_free
    assert all(a.auth.__module__.endswith("datastore.actions") for a in published.values())


# --- datastore_search ---------------------------------------------------------------------------


def test_search_returns_records_fields_total_and_links(table_resource):
    result = call("datastore_search", resource_id=table_resource.pk)
    assert result["records"][0] == {
        "_id": 1, "year": 2566, "district": "เมืองเชียงใหม่", "amount": 1500.5, "note": "งบกลาง",
    }  # fmt: skip
    assert result["fields"] == [
        {"id": "_id", "type": "int"},
        {"id": "year", "type": "int8"},
        {"id": "district", "type": "text", "info": {"label": "อำเภอ", "notes": "ชื่ออำเภอ"}},
        {"id": "amount", "type": "numeric"},
        {"id": "note", "type": "text"},
    ]
    assert result["total"] == 4
    assert result["total_was_estimated"] is False
    assert result["limit"] == 100
    assert result["resource_id"] == table_resource.pk
    assert result["include_total"] is True and result["records_format"] == "objects"
    assert result["_links"] == {
        "start": f"/api/action/datastore_search?resource_id={table_resource.pk}",
        "next": f"/api/action/datastore_search?offset=100&resource_id={table_resource.pk}",
    }


def test_id_is_an_alias_of_resource_id(table_resource):
    assert call("datastore_search", id=table_resource.pk)["total"] == 4


def test_filters_equality_lists_and_json_strings(table_resource):
    by_dict = call("datastore_search", resource_id=table_resource.pk, filters={"year": 2567})
    assert [r["_id"] for r in by_dict["records"]] == [2, 3]
    assert by_dict["total"] == 2
    as_string = call(
        "datastore_search",
        resource_id=table_resource.pk,
        filters=json.dumps({"year": "2567", "district": "สารภี"}, ensure_ascii=False),
    )
    assert [r["_id"] for r in as_string["records"]] == [2]
    listed = call(
        "datastore_search",
        resource_id=table_resource.pk,
        filters={"district": ["สารภี", "หางดง"]},
    )
    assert [r["_id"] for r in listed["records"]] == [2, 4]
    nulls = call("datastore_search", resource_id=table_resource.pk, filters={"note": None})
    assert [r["_id"] for r in nulls["records"]] == [2]


@pytest.mark.parametrize(
    "filters",
    [
        "{not json",
        "[1, 2]",
        {"nope": 1},
        {"year": "สองพัน"},
        {"year": {"gt": 2000}},
        {'year" = 1 OR "1"="1': 1},
        {"year": "1 OR 1=1"},
        {"year; DROP TABLE x": 1},
    ],
)
def test_bad_or_hostile_filters_are_validation_errors(table_resource, filters):
    with pytest.raises(ValidationError) as caught:
        call("datastore_search", resource_id=table_resource.pk, filters=filters)
    assert "filters" in caught.value.errors


def test_sql_in_a_text_filter_is_only_a_value(table_resource):
    result = call(
        "datastore_search", resource_id=table_resource.pk, filters={"district": "' OR 1=1 --"}
    )
    assert result["records"] == [] and result["total"] == 0


def test_q_finds_text_anywhere_or_in_one_column(table_resource):
    anywhere = call("datastore_search", resource_id=table_resource.pk, q="งบกลาง")
    assert [r["_id"] for r in anywhere["records"]] == [1, 4]
    two_words = call("datastore_search", resource_id=table_resource.pk, q="งบกลาง เพิ่ม")
    assert [r["_id"] for r in two_words["records"]] == [4]
    per_column = call("datastore_search", resource_id=table_resource.pk, q={"district": "เมือง"})
    assert [r["_id"] for r in per_column["records"]] == [1, 3]
    over_get = call(
        "datastore_search",
        resource_id=table_resource.pk,
        q=json.dumps({"note": "ค่าจ้าง"}, ensure_ascii=False),
    )
    assert [r["_id"] for r in over_get["records"]] == [3]
    wildcard = call("datastore_search", resource_id=table_resource.pk, q="%")
    assert wildcard["records"] == []


def test_totals_of_text_search_and_filters_across_pages(table_resource):
    rid = table_resource.pk
    assert call("datastore_search", resource_id=rid, q="งบกลาง", limit=1)["total"] == 2
    beyond = call("datastore_search", resource_id=rid, q="งบกลาง", offset=5)
    assert beyond["records"] == [] and beyond["total"] == 2
    last_page = call("datastore_search", resource_id=rid, filters={"year": 2567}, offset=1)
    assert len(last_page["records"]) == 1 and last_page["total"] == 2
    assert call("datastore_search", resource_id=rid, limit=0)["total"] == 4


def test_fields_as_list_or_comma_string(table_resource):
    listed = call(
        "datastore_search", resource_id=table_resource.pk, fields=["district", "year"], limit=1
    )
    assert listed["records"] == [{"district": "เมืองเชียงใหม่", "year": 2566}]
    assert [f["id"] for f in listed["fields"]] == ["district", "year"]
    comma = call("datastore_search", resource_id=table_resource.pk, fields="_id,amount", limit=1)
    assert comma["records"] == [{"_id": 1, "amount": 1500.5}]
    with pytest.raises(ValidationError) as caught:
        call("datastore_search", resource_id=table_resource.pk, fields="year,password")
    assert "fields" in caught.value.errors


def test_sort_by_columns(table_resource):
    result = call("datastore_search", resource_id=table_resource.pk, sort="year desc, district")
    assert [r["_id"] for r in result["records"]] == [4, 2, 3, 1]
    quoted = call(
        "datastore_search", resource_id=table_resource.pk, sort='"amount" DESC NULLS LAST'
    )
    assert [r["_id"] for r in quoted["records"]] == [3, 1, 2, 4]


@pytest.mark.parametrize(
    "sort",
    [
        "year; DROP TABLE opendata_resource",
        "year desc--",
        "(SELECT 1)",
        "year, 1=1",
        "1",
        "year sideways",
        "password",
        'year" desc, "x',
        "year desc nulls",
        "random()",
    ],
)
def test_sql_in_sort_is_refused(table_resource, sort):
    with pytest.raises(ValidationError) as caught:
        call("datastore_search", resource_id=table_resource.pk, sort=sort)
    assert "sort" in caught.value.errors
    assert "opendata_resource" in connection.introspection.table_names()


def test_limit_offset_and_links(table_resource):
    page = call("datastore_search", resource_id=table_resource.pk, limit=2, offset=2)
    assert [r["_id"] for r in page["records"]] == [3, 4]
    assert page["total"] == 4
    assert page["_links"]["prev"].startswith("/api/action/datastore_search?offset=0&")
    assert page["_links"]["next"].startswith("/api/action/datastore_search?offset=4&")
    assert "offset" not in page["_links"]["start"]
    capped = call("datastore_search", resource_id=table_resource.pk, limit=99_999)
    assert capped["limit"] == 32_000
    for bad in ({"limit": "many"}, {"limit": -1}, {"offset": "x"}):
        with pytest.raises(ValidationError):
            call("datastore_search", resource_id=table_resource.pk, **bad)


def test_records_formats_and_include_total(table_resource):
    lists = call("datastore_search", resource_id=table_resource.pk, records_format="lists", limit=1)
    assert lists["records"] == [[1, 2566, "เมืองเชียงใหม่", 1500.5, "งบกลาง"]]
    as_csv = call("datastore_search", resource_id=table_resource.pk, records_format="csv", limit=2)
    assert as_csv["records"] == "1,2566,เมืองเชียงใหม่,1500.5,งบกลาง\n2,2567,สารภี,990,\n"
    tsv = call("datastore_search", resource_id=table_resource.pk, records_format="tsv", limit=1)
    assert tsv["records"] == "1\t2566\tเมืองเชียงใหม่\t1500.5\tงบกลาง\n"
    no_total = call("datastore_search", resource_id=table_resource.pk, include_total="false")
    assert "total" not in no_total
    with pytest.raises(ValidationError):
        call("datastore_search", resource_id=table_resource.pk, records_format="xml")


def test_distinct(table_resource):
    result = call(
        "datastore_search", resource_id=table_resource.pk, fields="year", distinct=True,
        sort="year",
    )  # fmt: skip
    assert result["records"] == [{"year": 2566}, {"year": 2567}, {"year": 2568}]
    assert result["total"] == 3
    # Without a sort: ordered by the chosen columns (PostgreSQL refuses DISTINCT ordered by _id)
    unsorted = call("datastore_search", resource_id=table_resource.pk, fields="year", distinct=True)
    assert unsorted["records"] == result["records"] and unsorted["total"] == 3
    # A sort on a column that is not returned is refused, not a database error
    with pytest.raises(ValidationError) as caught:
        call(
            "datastore_search", resource_id=table_resource.pk, fields="year", distinct=True,
            sort="amount",
        )  # fmt: skip
    assert "sort" in caught.value.errors


def test_unknown_parameters_and_missing_resource_id(table_resource):
    with pytest.raises(ValidationError) as caught:
        call("datastore_search", resource_id=table_resource.pk, where="1=1")
    assert "where" in caught.value.errors
    with pytest.raises(ValidationError) as caught:
        call("datastore_search")
    assert "resource_id" in caught.value.errors


def test_unknown_resource_and_resource_without_table(make_resource):
    with pytest.raises(NotFound):
        call("datastore_search", resource_id="no-such-resource")
    plain = make_resource(b"a\n1\n")
    with pytest.raises(NotFound):
        call("datastore_search", resource_id=plain.pk)


def test_private_dataset_never_leaks(private_resource, publisher, outsider):
    for user in (None, outsider):
        for name in ("datastore_search", "datastore_info"):
            with pytest.raises(NotAuthorized) as caught:
                call(name, user, resource_id=private_resource.pk)
            assert "เมือง" not in caught.value.message
            # Called without the auth check (as a page might), the function refuses too.
            context = ActionContext(user=user or AnonymousUser())
            with pytest.raises(NotAuthorized):
                get_action(name).func(context, {"resource_id": private_resource.pk})
    assert call("datastore_search", publisher, resource_id=private_resource.pk)["total"] == 1


def test_deleted_dataset_is_not_found(table_resource, publisher):
    table_resource.dataset.state = State.DELETED
    table_resource.dataset.save()
    with pytest.raises(NotFound):
        call("datastore_search", publisher, resource_id=table_resource.pk)


# --- datastore_info -----------------------------------------------------------------------------


def test_info(table_resource):
    info = call("datastore_info", id=table_resource.pk)
    assert info["meta"]["count"] == 4
    assert [f["id"] for f in info["fields"]] == ["year", "district", "amount", "note"]
    assert info["fields"][1]["info"]["label"] == "อำเภอ"


# --- datastore_create ---------------------------------------------------------------------------


def test_create_a_table_then_append_and_add_a_column(make_resource, publisher):
    resource = Resource.objects.create(dataset=make_resource(b"x").dataset, name="new")
    result = call(
        "datastore_create", publisher, resource_id=resource.pk, fields=FIELDS[:2],
        records=ROWS[:2] and [{"year": 1, "district": "ก"}],
    )  # fmt: skip
    assert result["resource_id"] == resource.pk and result["method"] == "insert"
    assert [f["id"] for f in result["fields"]] == ["year", "district"]
    resource.refresh_from_db()
    assert resource.datastore_active
    # Append records and a new column whose type is guessed from them.
    call(
        "datastore_create", publisher, resource_id=resource.pk,
        fields=[{"id": "score"}], records=[{"year": 2, "district": "ข", "score": "1.5"}],
    )  # fmt: skip
    found = call("datastore_search", resource_id=resource.pk)
    assert found["total"] == 2
    assert found["records"][1] == {"_id": 2, "year": 2, "district": "ข", "score": 1.5}
    assert {f["id"]: f["type"] for f in found["fields"]}["score"] == "numeric"
    audited = AuditEvent.objects.filter(target_id=resource.pk).values_list("action", flat=True)
    assert {"opendata.datastore.created", "opendata.datastore.updated"} <= set(audited)


def test_create_guesses_types_from_records_when_no_fields(make_resource, publisher):
    resource = Resource.objects.create(dataset=make_resource(b"x").dataset)
    call(
        "datastore_create", publisher, resource_id=resource.pk,
        records=[{"n": 1, "when": "2024-01-02", "ok": "yes"}, {"n": 2, "when": None, "ok": "no"}],
    )  # fmt: skip
    table = DatastoreTable.objects.get(resource=resource)
    assert {f["id"]: f["type"] for f in table.fields} == {"n": "int8", "when": "date", "ok": "text"}


@pytest.mark.parametrize(
    ("data", "key"),
    [
        ({"fields": [{"id": "_secret", "type": "text"}]}, "fields"),
        ({"fields": [{"id": 'a"b', "type": "text"}]}, "fields"),
        ({"fields": [{"id": "a", "type": "geometry"}]}, "fields"),
        ({"fields": [{"id": "a"}, {"id": "A"}]}, "fields"),
        ({"fields": "not json"}, "fields"),
        ({"fields": [{"id": "a", "type": "int"}], "records": [{"a": "หนึ่ง"}]}, "records"),
        ({"fields": [{"id": "a", "type": "int"}], "records": [{"b": 1}]}, "records"),
        ({"fields": [{"id": "a", "type": "int"}], "records": "[1, 2]"}, "records"),
        ({"fields": [{"id": "a", "type": "int"}], "primary_key": "b"}, "primary_key"),
        ({"fields": [{"id": "a", "type": "int"}], "aliases": "x"}, "aliases"),
        ({"fields": [{"id": "a", "type": "int"}], "method": "upsert"}, "method"),
        ({}, "fields"),
    ],
)
def test_create_validation_errors(make_resource, publisher, data, key):
    resource = Resource.objects.create(dataset=make_resource(b"x").dataset)
    with pytest.raises(ValidationError) as caught:
        call("datastore_create", publisher, resource_id=resource.pk, **data)
    assert key in caught.value.errors
    assert not DatastoreTable.objects.filter(resource=resource, table_name__gt="").exists()


def test_create_refuses_to_change_a_column_type(table_resource, publisher):
    with pytest.raises(ValidationError) as caught:
        call(
            "datastore_create", publisher, resource_id=table_resource.pk,
            fields=[{"id": "year", "type": "text"}],
        )  # fmt: skip
    assert "fields" in caught.value.errors


def test_primary_key_refuses_duplicates(make_resource, publisher):
    resource = Resource.objects.create(dataset=make_resource(b"x").dataset)
    call(
        "datastore_create", publisher, resource_id=resource.pk,
        fields=[{"id": "code", "type": "text"}], primary_key="code", records=[{"code": "A"}],
    )  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        call("datastore_create", publisher, resource_id=resource.pk, records=[{"code": "A"}])
    assert "records" in caught.value.errors
    assert call("datastore_search", resource_id=resource.pk)["total"] == 1


def test_uploaded_tables_are_read_only_without_force(make_resource, load, publisher):
    resource = make_resource(b"a\n1\n")
    load(resource)
    with pytest.raises(ValidationError) as caught:
        call("datastore_create", publisher, resource_id=resource.pk, records=[{"a": 2}])
    assert "read-only" in caught.value.errors
    call("datastore_create", publisher, resource_id=resource.pk, records=[{"a": 2}], force=True)
    assert call("datastore_search", resource_id=resource.pk)["total"] == 2


def test_create_with_a_new_resource(dataset, publisher):
    result = call(
        "datastore_create", publisher,
        resource={"package_id": dataset.name, "name": "ตารางใหม่", "format": "CSV"},
        fields=[{"id": "a", "type": "int"}], records=[{"a": 1}],
    )  # fmt: skip
    resource = Resource.objects.get(pk=result["resource_id"])
    assert resource.dataset_id == dataset.pk and resource.datastore_active
    assert resource.url.endswith(f"/datastore/dump/{resource.pk}")
    assert call("datastore_search", resource_id=resource.pk)["records"] == [{"_id": 1, "a": 1}]


def test_writing_needs_an_editor(table_resource, outsider, private_resource):
    for user in (None, outsider):
        for name, data in (
            ("datastore_create", {"records": [{"year": 1}]}),
            ("datastore_delete", {}),
        ):
            with pytest.raises(NotAuthorized):
                call(name, user, resource_id=table_resource.pk, **data)
            with pytest.raises(NotAuthorized):
                call(name, user, resource_id=private_resource.pk, **data)
    with pytest.raises(NotAuthorized):
        call("datastore_create", outsider, resource={"package_id": table_resource.dataset_id})
    assert call("datastore_search", resource_id=table_resource.pk)["total"] == 4


# --- datastore_delete ---------------------------------------------------------------------------


def test_delete_rows_by_filters_then_the_table(table_resource, publisher):
    result = call(
        "datastore_delete", publisher, resource_id=table_resource.pk, filters={"year": 2567}
    )
    assert result == {"resource_id": table_resource.pk, "filters": {"year": 2567}}
    after = call("datastore_search", resource_id=table_resource.pk)
    assert after["total"] == 2 and [r["year"] for r in after["records"]] == [2566, 2568]
    with pytest.raises(ValidationError):
        call("datastore_delete", publisher, resource_id=table_resource.pk, filters={"x": 1})
    name = DatastoreTable.objects.get(resource=table_resource).table_name
    assert call("datastore_delete", publisher, id=table_resource.pk) == {
        "resource_id": table_resource.pk
    }
    assert name not in connection.introspection.table_names()
    table_resource.refresh_from_db()
    assert table_resource.datastore_active is False
    with pytest.raises(NotFound):
        call("datastore_search", resource_id=table_resource.pk)
    with pytest.raises(NotFound):
        call("datastore_delete", publisher, resource_id=table_resource.pk)
    audited = set(
        AuditEvent.objects.filter(target_id=table_resource.pk).values_list("action", flat=True)
    )
    assert {"opendata.datastore.rows_deleted", "opendata.datastore.deleted"} <= audited


def test_delete_of_an_uploaded_table_needs_force(make_resource, load, publisher):
    resource = make_resource(b"a\n1\n")
    load(resource)
    with pytest.raises(ValidationError):
        call("datastore_delete", publisher, resource_id=resource.pk)
    call("datastore_delete", publisher, resource_id=resource.pk, force="true")
    assert not DatastoreTable.objects.filter(resource=resource).exists()


# --- Over HTTP ----------------------------------------------------------------------------------


def _http_ready(client) -> bool:
    return client.get("/api/3/action/status_show").status_code == 200


def test_search_over_http_get(client, table_resource):
    if not _http_ready(client):
        pytest.skip("the CKAN dispatch view is not there yet")
    filters = json.dumps({"year": "2567"})
    response = client.get(
        "/api/3/action/datastore_search",
        {"resource_id": table_resource.pk, "filters": filters, "limit": "1"},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["success"] is True
    result = body["result"]
    assert result["total"] == 2 and len(result["records"]) == 1
    assert result["filters"] == {"year": "2567"}
    assert result["_links"]["next"].startswith("/api/3/action/datastore_search?offset=1&")
    assert "resource_id=" in result["_links"]["next"]
    unversioned = client.get("/api/action/datastore_search", {"id": table_resource.pk})
    assert unversioned.json()["result"]["total"] == 4


def test_errors_over_http(client, table_resource, private_resource):
    if not _http_ready(client):
        pytest.skip("the CKAN dispatch view is not there yet")
    hostile = client.get(
        "/api/3/action/datastore_search",
        {"resource_id": table_resource.pk, "sort": "year; DROP TABLE x"},
    )
    assert hostile.status_code == 409
    assert hostile.json()["error"]["__type"] == "Validation Error"
    assert "sort" in hostile.json()["error"]
    private = client.get("/api/3/action/datastore_search", {"resource_id": private_resource.pk})
    assert private.status_code == 403
    assert private.json()["error"]["__type"] == "Authorization Error"
    assert "result" not in private.json()
    missing = client.get("/api/3/action/datastore_search", {"resource_id": "nope"})
    assert missing.status_code == 404
    assert missing.json()["error"]["message"].startswith("Not found")
    post_only = client.get("/api/3/action/datastore_create", {"resource_id": table_resource.pk})
    assert post_only.status_code == 400


def test_create_and_delete_over_http_with_a_token(client, dataset, publisher):
    if not _http_ready(client):
        pytest.skip("the CKAN dispatch view is not there yet")
    token = api_token_create(user=publisher, name="test")[1]
    resource = Resource.objects.create(dataset=dataset, name="http")
    body = {"resource_id": resource.pk, "fields": FIELDS, "records": ROWS}
    response = client.post(
        "/api/action/datastore_create",
        json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=token,
    )
    assert response.status_code == 200, response.content
    assert response.json()["result"]["resource_id"] == resource.pk
    anonymous = client.post(
        "/api/action/datastore_delete",
        json.dumps({"resource_id": resource.pk}),
        content_type="application/json",
    )
    assert anonymous.status_code == 403
    # ckanr-style: a POST without a body, everything in the query string.
    found = client.post(f"/api/action/datastore_search?resource_id={resource.pk}&q=งบกลาง")
    assert found.json()["result"]["total"] == 2
    deleted = client.post(
        "/api/3/action/datastore_delete",
        json.dumps({"resource_id": resource.pk}),
        content_type="application/json",
        HTTP_X_CKAN_API_KEY=token,
    )
    assert deleted.status_code == 200 and deleted.json()["success"] is True


def test_a_search_racing_a_reload_reads_the_new_table(table_resource, monkeypatch):
    """A reload builds a new table and swaps it in; a search that read the old name just before
    gets a database error, reads the name again and answers from the new table."""
    from thongthin.opendata.datastore import selectors, tables

    real_table_get = selectors.datastore_table_get
    swapped: list[str] = []

    def name_read_just_before_a_swap(resource: Any) -> Any:
        """The action reads the table's name; a reload commits its swap right after."""
        table = real_table_get(resource)
        if not swapped:
            new_name = tables.new_table_name()
            with connection.cursor() as cursor:
                old, new = tables.qtable(table.table_name), tables.qtable(new_name)
                cursor.execute(f"ALTER TABLE {old} RENAME TO {new}")
            DatastoreTable.objects.filter(pk=table.pk).update(table_name=new_name)
            swapped.append(new_name)
        return table  # the old name

    monkeypatch.setattr(selectors, "datastore_table_get", name_read_just_before_a_swap)
    result = call("datastore_search", resource_id=table_resource.pk, filters={"year": 2567})
    assert swapped and result["total"] == 2
