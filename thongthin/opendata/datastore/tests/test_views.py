"""The dump (CSV, TSV, JSON; streamed) and the publisher's page (status, progress polling,
reload, data dictionary), with who may see what."""

from __future__ import annotations

import csv
import io
import json
from html import unescape
from typing import Any

import pytest
from django.template.defaultfilters import filesizeformat

from thongthin.core.models import AuditEvent
from thongthin.opendata.datastore import loader, services, tables
from thongthin.opendata.datastore.models import DatastoreStatus, DatastoreTable
from thongthin.opendata.datastore.services import loading
from thongthin.opendata.models import Resource

pytestmark = pytest.mark.django_db

CSV = "ปี,อำเภอ,ยอด\n2566,เมือง,10.5\n2567,สารภี,20\n2567,หางดง,\n".encode()


@pytest.fixture
def loaded(make_resource, load) -> Resource:
    resource = make_resource(CSV)
    load(resource)
    return resource


@pytest.fixture
def private_loaded(make_resource, load, private_dataset) -> Resource:
    resource = make_resource(CSV, on=private_dataset)
    load(resource)
    return resource


def body(response) -> bytes:
    assert response.streaming
    return b"".join(response.streaming_content)


# --- Dump ---------------------------------------------------------------------------------------


def test_dump_csv_streams_every_row(client, loaded):
    response = client.get(f"/datastore/dump/{loaded.pk}")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f'filename="{loaded.pk}.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(body(response).decode("utf-8"))))
    assert rows == [
        ["_id", "ปี", "อำเภอ", "ยอด"],
        ["1", "2566", "เมือง", "10.5"],
        ["2", "2567", "สารภี", "20"],
        ["3", "2567", "หางดง", ""],
    ]


def test_dump_csv_with_bom_for_excel(client, loaded):
    data = body(client.get(f"/datastore/dump/{loaded.pk}?bom=true"))
    assert data.startswith("\ufeff_id,".encode())


def test_dump_json_and_tsv(client, loaded):
    data = json.loads(body(client.get(f"/datastore/dump/{loaded.pk}?format=json")))
    assert data["fields"][0] == {"id": "_id", "type": "int"}
    assert [f["type"] for f in data["fields"][1:]] == ["int8", "text", "numeric"]
    assert data["records"] == [
        [1, 2566, "เมือง", 10.5],
        [2, 2567, "สารภี", 20],
        [3, 2567, "หางดง", None],
    ]
    tsv = body(client.get(f"/datastore/dump/{loaded.pk}?format=tsv")).decode()
    assert tsv.splitlines()[1] == "1\t2566\tเมือง\t10.5"


def test_dump_takes_filters_sort_fields_and_paging(client, loaded):
    filters = json.dumps({"ปี": 2567})
    data = body(
        client.get(
            f"/datastore/dump/{loaded.pk}",
            {"filters": filters, "sort": "_id desc", "fields": "อำเภอ", "limit": 1},
        )
    ).decode()
    assert data.splitlines() == ["อำเภอ", "หางดง"]
    rest = body(client.get(f"/datastore/dump/{loaded.pk}", {"offset": 2})).decode()
    assert rest.splitlines()[1:] == ["3,2567,หางดง,"]


def test_dump_refuses_bad_parameters(client, loaded):
    assert client.get(f"/datastore/dump/{loaded.pk}?format=xml").status_code == 400
    assert client.get(f"/datastore/dump/{loaded.pk}?sort=1;drop").status_code == 400
    assert client.get(f"/datastore/dump/{loaded.pk}?filters=nope").status_code == 400
    assert client.get(f"/datastore/dump/{loaded.pk}?limit=-5").status_code == 400


def test_dump_of_private_data_is_not_found_for_others(client, private_loaded, outsider, publisher):
    assert client.get(f"/datastore/dump/{private_loaded.pk}").status_code == 404
    client.force_login(outsider)
    assert client.get(f"/datastore/dump/{private_loaded.pk}").status_code == 404
    client.force_login(publisher)
    assert client.get(f"/datastore/dump/{private_loaded.pk}").status_code == 200


def test_dump_of_a_resource_without_table(client, make_resource):
    assert client.get(f"/datastore/dump/{make_resource(CSV).pk}").status_code == 404
    assert client.get("/datastore/dump/nothing-here").status_code == 404


# --- The publisher's page -----------------------------------------------------------------------


def test_page_needs_an_editor(client, loaded, outsider, private_loaded):
    url = f"/datastore/resource/{loaded.pk}/"
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/accounts/" in anonymous["Location"]
    client.force_login(outsider)
    assert client.get(url).status_code == 403
    assert client.get(f"/datastore/resource/{private_loaded.pk}/").status_code == 404
    assert client.post(f"/datastore/resource/{loaded.pk}/reload").status_code == 403
    assert client.post(f"/datastore/resource/{loaded.pk}/dictionary").status_code == 403


def test_page_shows_status_notes_preview_and_dictionary(client, loaded, publisher):
    client.force_login(publisher)
    response = client.get(f"/datastore/resource/{loaded.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "พร้อมใช้งาน" in page
    assert "มีข้อมูล 3 แถว 3 คอลัมน์" in page
    assert "สารภี" in page  # preview
    assert 'name="label_0"' in page and 'name="type_2"' in page
    assert "hx-trigger" not in page  # nothing to poll


def test_failed_load_is_explained_on_the_page(client, make_resource, load, publisher):
    resource = make_resource(b"%PDF-1.7", name="x.pdf", fmt="PDF")
    load(resource)
    client.force_login(publisher)
    page = client.get(f"/datastore/resource/{resource.pk}/").content.decode()
    assert "นำเข้าไม่สำเร็จ" in page
    assert "ระบบนำเข้าตารางข้อมูลได้เฉพาะไฟล์ CSV และ Excel (XLSX) แต่ไฟล์นี้เป็น PDF" in page


def test_running_load_is_polled_and_the_page_reloads_when_done(
    client, make_resource, publisher, django_capture_on_commit_callbacks
):
    resource = make_resource(CSV)
    client.force_login(publisher)
    # Given a load queued but not started (its transaction's callbacks held back),
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.datastore_schedule_load(resource=resource, actor=publisher)
    page = client.get(f"/datastore/resource/{resource.pk}/").content.decode()
    assert 'hx-trigger="every 2s"' in page
    assert "อยู่ในคิว" in page
    status_url = f"/datastore/resource/{resource.pk}/status?running=1"
    polled = client.get(status_url)
    assert polled.status_code == 200 and "HX-Refresh" not in polled
    # when the job runs,
    for callback in callbacks:
        callback()
    # then the next poll asks htmx to reload the page, which shows the data.
    finished = client.get(status_url)
    assert finished["HX-Refresh"] == "true"
    assert "hx-trigger" not in finished.content.decode()


def status_of(client, resource: Resource, *, running: bool = False):
    query = "?running=1" if running else ""
    response = client.get(f"/datastore/resource/{resource.pk}/status{query}")
    assert response.status_code == 200
    return response


def test_status_while_writing_shows_the_phase_rows_bytes_and_percent(
    client, make_resource, publisher, monkeypatch, django_capture_on_commit_callbacks
):
    rows = 10
    content = ("ปี,อำเภอ,ยอด\n" + "".join(f"25{60 + i},เมือง,{i}\n" for i in range(rows))).encode()
    resource = make_resource(content)
    client.force_login(publisher)
    # Batches of 4 rows, so that the first report of the writing phase comes part of the way.
    monkeypatch.setitem(loader.BATCH_ROWS, tables.vendor(), 4)
    seen: dict[str, Any] = {}
    report = loading._Progress.__call__

    def report_and_look(self: Any, phase: str, done: int, bytes_read: int) -> None:
        report(self, phase, done, bytes_read)
        if phase == "writing" and "html" not in seen:  # what the publisher's poll gets now
            seen["html"] = status_of(client, resource, running=True).content.decode()
            seen["rows"], seen["bytes"] = done, bytes_read

    monkeypatch.setattr(loading._Progress, "__call__", report_and_look)
    with django_capture_on_commit_callbacks(execute=True):
        services.datastore_schedule_load(resource=resource, actor=publisher)
    html = seen["html"]
    assert seen["rows"] == 4 and 0 < seen["bytes"] <= len(content)
    assert "กำลังนำเข้า" in html and "กำลังบันทึกข้อมูลลงตาราง" in html
    assert 'hx-trigger="every 2s"' in html  # still polled
    # Writing is the 40–95 % stretch of the bar, by rows written out of the rows read.
    percent = 40 + 55 * seen["rows"] // rows
    assert f'aria-valuenow="{percent}"' in html and f"{percent}%</div>" in html
    assert "บันทึกแล้ว 4 แถว" in html  # the writing phase counts rows written
    sizes = f"{filesizeformat(seen['bytes'])} จาก {filesizeformat(len(content))}"
    assert unescape(sizes) in unescape(html)
    # Done: the next poll asks for the page to reload, and the block tells what was loaded.
    done = status_of(client, resource, running=True)
    assert done["HX-Refresh"] == "true"
    text = done.content.decode()
    assert "พร้อมใช้งาน" in text and f"มีข้อมูล {rows} แถว 3 คอลัมน์" in text
    assert "hx-trigger" not in text and "progress-bar" not in text


def test_status_of_a_failed_load_explains_why_and_keeps_the_old_data(
    client, make_resource, load, publisher
):
    resource = make_resource(b"n\n1\n2\n")
    load(resource)
    services.datastore_dictionary_update(
        resource=resource, actor=publisher, fields=[{"id": "n", "info": {"type_override": "int8"}}]
    )
    resource.refresh_from_db()
    resource.upload.save("v2.csv", io.BytesIO("n\n1\nสอง\n".encode()), save=True)
    table = load(resource)
    assert table.status == DatastoreStatus.FAILED
    client.force_login(publisher)
    response = status_of(client, resource, running=True)
    assert response["HX-Refresh"] == "true"  # the load is over: the page shows the result
    html = response.content.decode()
    assert "นำเข้าไม่สำเร็จ" in html and "text-bg-danger" in html
    # The reason, in the publisher's words: the row of the file, the column, the value, the type.
    assert table.error_message and table.error_message in unescape(html)
    assert all(part in table.error_message for part in ("แถวที่ 3", "“n”", "“สอง”", "จำนวนเต็ม"))
    # The technical detail is for operators, not shown here.
    assert table.error_detail and table.error_detail.strip() not in unescape(html)
    assert "LoadError" not in html
    # The data of the last good load is still served, and the page says so.
    assert "ข้อมูลที่นำเข้าสำเร็จครั้งก่อน (2 แถว) ยังเปิดให้ใช้งานตามปกติ" in html
    assert "hx-trigger" not in html


def test_status_of_a_load_whose_worker_died(
    client, make_resource, publisher, django_capture_on_commit_callbacks
):
    from thongthin.core.models import Job, JobState

    resource = make_resource(CSV)
    with django_capture_on_commit_callbacks(execute=False):
        services.datastore_schedule_load(resource=resource, actor=publisher)
    table = DatastoreTable.objects.get(resource=resource)
    DatastoreTable.objects.filter(pk=table.pk).update(
        status=DatastoreStatus.LOADING, phase="writing"
    )
    Job.objects.filter(pk=table.job_id).update(state=JobState.FAILED)
    client.force_login(publisher)
    html = status_of(client, resource).content.decode()
    assert "หยุดกลางคัน" in html and "กรุณากดนำเข้าใหม่" in html
    assert "hx-trigger" not in html and "กำลังบันทึกข้อมูลลงตาราง" not in html


def test_reload_button_schedules_a_load(
    client, loaded, publisher, django_capture_on_commit_callbacks
):
    client.force_login(publisher)
    before = DatastoreTable.objects.get(resource=loaded).job_id
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/datastore/resource/{loaded.pk}/reload")
    assert response.status_code == 302
    table = DatastoreTable.objects.get(resource=loaded)
    assert table.job_id != before and table.status == DatastoreStatus.ACTIVE


def test_reload_without_a_file_shows_the_reason(client, dataset, publisher):
    resource = Resource.objects.create(dataset=dataset, url="https://example.com/a.csv")
    client.force_login(publisher)
    response = client.post(f"/datastore/resource/{resource.pk}/reload", follow=True)
    assert "ไม่มีไฟล์ที่อัปโหลดไว้" in response.content.decode()


def test_dictionary_form_saves_labels_and_notes(client, loaded, publisher):
    client.force_login(publisher)
    data = {
        "label_0": "ปีงบประมาณ", "notes_0": "ปี พ.ศ.", "type_0": "",
        "label_1": "", "notes_1": "", "type_1": "",
        "label_2": "ยอดเงิน (บาท)", "notes_2": "", "type_2": "numeric",
    }  # fmt: skip
    response = client.post(f"/datastore/resource/{loaded.pk}/dictionary", data)
    assert response.status_code == 302
    table = DatastoreTable.objects.get(resource=loaded)
    assert table.fields[0]["info"] == {"label": "ปีงบประมาณ", "notes": "ปี พ.ศ."}
    assert table.fields[2]["info"] == {"label": "ยอดเงิน (บาท)", "type_override": "numeric"}
    event = AuditEvent.objects.filter(action="opendata.datastore.dictionary_updated").get()
    assert event.after["ปี"] == {"label": "ปีงบประมาณ", "notes": "ปี พ.ศ."}
    # The API shows the labels.
    page = client.get(f"/datastore/resource/{loaded.pk}/").content.decode()
    assert "ปีงบประมาณ" in page


def test_dictionary_form_errors_are_shown(client, loaded, publisher):
    client.force_login(publisher)
    response = client.post(
        f"/datastore/resource/{loaded.pk}/dictionary", {"label_0": "ก" * 300, "type_1": "blob"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "is-invalid" in page
    table = DatastoreTable.objects.get(resource=loaded)
    assert table.fields[0]["info"] == {}


def test_the_excel_dump_makes_formulas_text_but_the_plain_dump_keeps_them(
    client, make_resource, load
):
    resource = make_resource('รายการ,ยอด\n=HYPERLINK("http://x"),1\n+cmd,2\n'.encode())
    load(resource)
    excel = list(csv.reader(io.StringIO(body(client.get(
        f"/datastore/dump/{resource.pk}?bom=true")).decode("utf-8-sig"))))  # fmt: skip
    assert [row[1] for row in excel[1:]] == ['\'=HYPERLINK("http://x")', "'+cmd"]
    plain = list(csv.reader(io.StringIO(body(client.get(
        f"/datastore/dump/{resource.pk}")).decode("utf-8"))))  # fmt: skip
    assert [row[1] for row in plain[1:]] == ['=HYPERLINK("http://x")', "+cmd"]
