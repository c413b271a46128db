"""Loading uploaded files into the DataStore: encodings, delimiters, spreadsheets, type inference
over the whole file, ragged and blank rows, failures that keep the old data, and a 100 MB file
streamed in bounded memory."""

from __future__ import annotations

import datetime as dt
import io
import time
import tracemalloc
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from openpyxl import Workbook

from thongthin.core.models import AuditEvent, JobState
from thongthin.opendata.datastore import services, values
from thongthin.opendata.datastore.columns import column_ids
from thongthin.opendata.datastore.models import DatastoreStatus
from thongthin.opendata.datastore.selectors import Query, datastore_search

pytestmark = pytest.mark.django_db


def rows_of(table, **query):
    result = datastore_search(query=Query(table=table, **query), limit=1000, offset=0)
    names = [f["id"] for f in result.fields]
    return [dict(zip(names, row, strict=True)) for row in result.rows]


def types_of(table):
    return {f["id"]: f["type"] for f in table.fields}


def datastore_tables():
    return {t for t in connection.introspection.table_names() if t.startswith("ds_")}


def xlsx(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.create_sheet("อื่น").append(["ไม่ใช่ชีตแรก"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_utf8_csv_with_bom_and_thai_header(make_resource, load):
    content = "\ufeffอำเภอ,ปี,งบประมาณ\nเมือง,2567,1500000.50\nสารภี,2566,990000\n"
    resource = make_resource(content.encode("utf-8"))
    table = load(resource)
    assert table.status == DatastoreStatus.ACTIVE, table.error_detail
    assert types_of(table) == {"อำเภอ": "text", "ปี": "int8", "งบประมาณ": "numeric"}
    assert rows_of(table) == [
        {"_id": 1, "อำเภอ": "เมือง", "ปี": 2567, "งบประมาณ": 1500000.5},
        {"_id": 2, "อำเภอ": "สารภี", "ปี": 2566, "งบประมาณ": 990000},
    ]
    assert table.row_count == 2
    resource.refresh_from_db()
    assert resource.datastore_active is True
    assert table.job.state == JobState.DONE


def test_utf8_without_bom_and_semicolons(make_resource, load):
    content = 'name;score;note\nก;1;ดี มาก\nข;2;"มี ; อยู่ข้างใน"\n'
    table = load(make_resource(content.encode("utf-8")))
    assert [f["id"] for f in table.fields] == ["name", "score", "note"]
    assert rows_of(table)[1]["note"] == "มี ; อยู่ข้างใน"


def test_tab_separated(make_resource, load):
    content = "a\tb\n1\tx\n2\ty\n"
    table = load(make_resource(content.encode(), name="data.tsv", fmt="TSV"))
    assert types_of(table) == {"a": "int8", "b": "text"}


def test_tis620_csv_is_detected_and_noted(make_resource, load):
    content = "ชื่อ,ตำบล,จำนวน\nสมชาย ใจดี,ป่าแดด,๑๒\nสมหญิง,ท่าศาลา,7\n"
    table = load(make_resource(content.encode("cp874")))
    assert table.status == DatastoreStatus.ACTIVE
    assert rows_of(table)[0] == {"_id": 1, "ชื่อ": "สมชาย ใจดี", "ตำบล": "ป่าแดด", "จำนวน": 12}
    assert any(note["code"] == "encoding_cp874" for note in table.notes)
    assert "TIS-620" in " ".join(table.note_messages)


def test_tis620_detected_even_when_the_first_thai_byte_is_late(make_resource, load):
    # The first 70,000 bytes are ASCII: only a whole-file pass can tell the encoding.
    lines = ["code,name"] + [f"{i},row{i}" for i in range(7000)] + ["7000,ท้ายไฟล์"]
    table = load(make_resource(("\n".join(lines) + "\n").encode("cp874")))
    assert table.status == DatastoreStatus.ACTIVE, table.error_detail
    assert rows_of(table, filters={"code": 7000})[0]["name"] == "ท้ายไฟล์"


def test_utf16_unicode_text_from_excel(make_resource, load):
    content = "ชื่อ\tจำนวน\r\nสมชาย\t3\r\n".encode("utf-16")
    table = load(make_resource(content, name="export.txt", fmt="TXT"))
    assert table.status == DatastoreStatus.ACTIVE, table.error_detail
    assert rows_of(table) == [{"_id": 1, "ชื่อ": "สมชาย", "จำนวน": 3}]


def test_xlsx_first_sheet_with_typed_cells(make_resource, load):
    content = xlsx(
        [
            ["วันที่", "จำนวน", "ราคา", "หมายเหตุ", None],
            [dt.datetime(2024, 10, 1), 3, 12.5, "ปกติ", None],
            [dt.datetime(2024, 10, 2), 4, 10, None, None],
            [None, None, None, None, None],
            [dt.datetime(2024, 10, 3, 14, 30), 5, 7.25, "บ่าย", None],
        ]
    )
    table = load(make_resource(content, name="sheet.xlsx", fmt="XLSX"))
    assert table.status == DatastoreStatus.ACTIVE, table.error_detail
    assert types_of(table) == {
        "วันที่": "timestamp",
        "จำนวน": "int8",
        "ราคา": "numeric",
        "หมายเหตุ": "text",
    }
    rows = rows_of(table)
    assert len(rows) == 3
    assert rows[0]["วันที่"].startswith("2024-10-01T00:00")
    assert rows[2]["วันที่"].startswith("2024-10-03T14:30")
    assert rows[1]["หมายเหตุ"] is None


def test_late_odd_row_widens_the_type_instead_of_failing(make_resource, load):
    lines = ["id,amount,when,code"]
    lines += [f"{i},{i * 10},2024-01-{1 + i % 28:02d},{i}" for i in range(1, 5001)]
    lines.append("5001,12.75,2024-02-01 08:00,ไม่ระบุ")  # numeric, timestamp, text
    lines.append("5002,n/a,2024-02-02,5002")
    table = load(make_resource(("\n".join(lines) + "\n").encode()))
    assert table.status == DatastoreStatus.ACTIVE, table.error_detail
    assert types_of(table) == {
        "id": "int8",
        "amount": "text",
        "when": "timestamp",
        "code": "text",
    }
    assert table.row_count == 5002
    widened = {
        n["params"]["column"]: n["params"] for n in table.notes if n["code"] == "column_widened"
    }
    assert widened["amount"]["value"] == "n/a" and widened["amount"]["row"] == 5003
    assert widened["code"]["value"] == "ไม่ระบุ"
    assert rows_of(table, filters={"id": 5001})[0]["when"] == "2024-02-01T08:00:00"


def test_integers_widen_to_numeric(make_resource, load):
    table = load(make_resource(b"x\n1\n2\n2.5\n"))
    assert types_of(table) == {"x": "numeric"}
    assert [r["x"] for r in rows_of(table)] == [1, 2, 2.5]


def test_thai_digits_thousands_separators_codes_and_buddhist_dates(make_resource, load):
    content = (
        "รหัส,ยอด,โทร,วันที่,ไทย\n"
        '06130101,"1,234,567",0812345678,15/10/2567,๒๕๖๗\n'
        '06130102,"12,000.50",021234567,1/1/2024,๑๐\n'
    )
    table = load(make_resource(content.encode()))
    assert types_of(table) == {
        "รหัส": "text",
        "ยอด": "numeric",
        "โทร": "text",
        "วันที่": "date",
        "ไทย": "int8",
    }
    first, second = rows_of(table)
    assert first["รหัส"] == "06130101" and first["โทร"] == "0812345678"
    assert first["ยอด"] == 1234567 and second["ยอด"] == 12000.5
    assert first["วันที่"] == "2024-10-15" and second["วันที่"] == "2024-01-01"
    assert first["ไทย"] == 2567


def test_empty_lines_are_skipped_and_empty_cells_are_null(make_resource, load):
    content = "\n\na,b\n\n1,\n,,\n\n2,x\n\n"
    table = load(make_resource(content.encode()))
    assert rows_of(table) == [{"_id": 1, "a": 1, "b": None}, {"_id": 2, "a": 2, "b": "x"}]
    assert any(n["code"] == "empty_lines" for n in table.notes)


def test_ragged_rows_are_padded_or_truncated_with_a_note(make_resource, load):
    content = "a,b,c\n1,2,3\n4,5\n6,7,8,9,10\n11,12,13,,\n"
    table = load(make_resource(content.encode()))
    rows = rows_of(table)
    assert rows[1] == {"_id": 2, "a": 4, "b": 5, "c": None}
    assert rows[2] == {"_id": 3, "a": 6, "b": 7, "c": 8}
    notes = {n["code"]: n["params"] for n in table.notes}
    assert notes["rows_padded"] == {"count": 1, "first": 3}
    assert notes["rows_truncated"] == {"count": 1, "first": 4}  # the trailing commas are not noted
    assert any("ตัดค่าที่เกินมาทิ้ง" in m for m in table.note_messages)


def test_headers_are_sanitised_and_deduplicated():
    assert column_ids(["ชื่อ ตำบล", "ชื่อ ตำบล", "", "_id", "Amount (บาท)", "amount_บาท", 'a"b']) == [
        "ชื่อ_ตำบล",
        "ชื่อ_ตำบล_2",
        "column_3",
        "id",
        "Amount_บาท",
        "amount_บาท_2",
        "a_b",
    ]
    long = column_ids(["ก" * 40, "ก" * 40])
    assert all(len(name.encode()) <= 63 for name in long) and long[0] != long[1]


def test_very_long_text_is_indexed_and_found(make_resource, load):
    # PostgreSQL cannot put a value this long in a B-tree: the column gets a hash index.
    long_text = "ข้อความยาว " * 1000
    content = f"id,body\n1,{long_text}\n2,สั้น\n".encode()
    table = load(make_resource(content))
    assert table.status == DatastoreStatus.ACTIVE, table.error_detail
    assert rows_of(table, filters={"body": "สั้น"})[0]["id"] == 2
    assert rows_of(table, filters={"body": long_text})[0]["id"] == 1


def test_renamed_headers_keep_their_text_as_label(make_resource, load):
    table = load(make_resource("จำนวน (คน),ปี\n1,2567\n".encode()))
    assert table.fields[0]["id"] == "จำนวน_คน"
    assert table.fields[0]["info"]["label"] == "จำนวน (คน)"


def test_failed_reload_keeps_the_old_table(make_resource, load, publisher):
    resource = make_resource(b"a\n1\n2\n")
    first = load(resource)
    old_name = first.table_name
    before = datastore_tables()
    # When the new file is broken (not UTF-8 nor TIS-620 text),
    resource.refresh_from_db()
    resource.upload.save("broken.csv", io.BytesIO(b"a\n\xff\xfe\xfd\xfc\n"), save=True)
    table = load(resource)
    # then the load fails, explained, and the old data is still served.
    assert table.status == DatastoreStatus.FAILED
    assert table.error_code == "encoding"
    assert "UTF-8" in table.error_message
    assert table.table_name == old_name
    assert [r["a"] for r in rows_of(table)] == [1, 2]
    assert datastore_tables() == before
    resource.refresh_from_db()
    assert resource.datastore_active is True
    assert table.job.state == JobState.FAILED


def test_successful_reload_swaps_and_drops_the_old_table(make_resource, load):
    resource = make_resource(b"a\n1\n")
    old_name = load(resource).table_name
    resource.refresh_from_db()
    resource.upload.save("new.csv", io.BytesIO(b"a,b\n5,x\n6,y\n"), save=True)
    table = load(resource)
    assert table.table_name != old_name
    assert old_name not in datastore_tables()
    assert table.row_count == 2 and [f["id"] for f in table.fields] == ["a", "b"]


@pytest.mark.parametrize(
    ("content", "name", "fmt", "code"),
    [
        (b"", "empty.csv", "CSV", "empty_file"),
        (b"\n\n,,\n", "blank.csv", "CSV", "empty_file"),
        (b"%PDF-1.4 ...", "report.pdf", "PDF", "unsupported_format"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old", "old.xls", "XLS", "unsupported_format"),
        (b"PK\x03\x04 not really a workbook", "bad.xlsx", "XLSX", "bad_xlsx"),
    ],
)
def test_files_that_are_not_tables_fail_with_an_explanation(
    make_resource, load, content, name, fmt, code
):
    table = load(make_resource(content, name=name, fmt=fmt))
    assert table.status == DatastoreStatus.FAILED
    assert table.error_code == code
    assert table.error_message and "%(" not in table.error_message
    assert not table.table_name


def test_type_override_is_applied_on_reload(make_resource, load, publisher):
    resource = make_resource(b"code,n\n101,1\n102,2\n")
    table = load(resource)
    assert types_of(table)["code"] == "int8"
    services.datastore_dictionary_update(
        resource=resource,
        actor=publisher,
        fields=[{"id": "code", "info": {"type_override": "text", "label": "รหัส"}}],
    )
    table = load(resource)
    assert types_of(table)["code"] == "text"
    assert table.fields[0]["info"] == {"type_override": "text", "label": "รหัส"}
    assert rows_of(table)[0]["code"] == "101"


def test_type_override_that_does_not_fit_fails_and_explains_the_row(make_resource, load, publisher):
    resource = make_resource(b"n\n1\n2\n")
    table = load(resource)
    services.datastore_dictionary_update(
        resource=resource, actor=publisher, fields=[{"id": "n", "info": {"type_override": "int8"}}]
    )
    resource.refresh_from_db()
    resource.upload.save("v2.csv", io.BytesIO("n\n1\nสอง\n".encode()), save=True)
    before = datastore_tables()
    table = load(resource)
    assert table.status == DatastoreStatus.FAILED
    assert table.error_code == "type_override_mismatch"
    assert table.error_params["row"] == 3
    assert "สอง" in table.error_message
    assert datastore_tables() == before


def test_purging_the_resource_drops_its_table(
    make_resource, load, django_capture_on_commit_callbacks
):
    resource = make_resource(b"a\n1\n")
    name = load(resource).table_name
    with django_capture_on_commit_callbacks(execute=True):
        resource.delete()
    assert name not in datastore_tables()


def test_a_retry_drops_the_table_of_the_attempt_that_died(
    make_resource, load, publisher, django_capture_on_commit_callbacks
):
    from thongthin.core import jobs
    from thongthin.opendata.datastore import tables
    from thongthin.opendata.datastore.models import DatastoreTable

    resource = make_resource(b"a\n1\n")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.datastore_schedule_load(resource=resource, actor=publisher)
    # Given a worker died while writing `orphan`,
    orphan = tables.new_table_name()
    tables.create_table(orphan, [{"id": "a", "type": "text"}])
    DatastoreTable.objects.filter(resource=resource).update(
        status=DatastoreStatus.LOADING, loading_table=orphan
    )
    # when the job runs again,
    for callback in callbacks:
        callback()
    # then the new load succeeds and the orphan is gone.
    table = DatastoreTable.objects.get(resource=resource)
    assert table.status == DatastoreStatus.ACTIVE and not table.loading_table
    assert orphan not in datastore_tables()
    assert jobs.recover_stale() == 0


def test_loads_are_audited(make_resource, load, publisher):
    resource = make_resource(b"a\n1\n")
    load(resource)
    actions = list(
        AuditEvent.objects.filter(target_id=resource.pk).values_list("action", "actor_id")
    )
    assert ("opendata.datastore.load_scheduled", publisher.pk) in actions
    assert ("opendata.datastore.loaded", publisher.pk) in actions


def test_schedule_needs_an_editor_and_a_file(make_resource, outsider, publisher, dataset):
    from thongthin.core.errors import PermissionDenied, ValidationFailed
    from thongthin.opendata.models import Resource

    with pytest.raises(PermissionDenied):
        services.datastore_schedule_load(resource=make_resource(b"a\n1\n"), actor=outsider)
    link = Resource.objects.create(dataset=dataset, url="https://example.com/x.csv")
    with pytest.raises(ValidationFailed):
        services.datastore_schedule_load(resource=link, actor=publisher)


def test_value_parsing_edge_cases():
    assert values.classify("-0") == "int8"
    assert values.classify("9223372036854775807") == "int8"
    assert values.classify("9223372036854775808") == "numeric"
    assert values.classify("1e5") == "numeric"
    assert values.classify("007") == "text"
    assert values.classify("1,23") == "text"
    assert values.classify("31/02/2567") == "text"
    assert values.classify("2024-10-15T10:30:00+07:00") == "timestamp"
    assert values.to_timestamp("2024-10-15T10:30:00+07:00") == "2024-10-15T03:30:00"
    assert values.classify("NaN") == "text"
    assert values.to_int8("๑,๐๐๐") == 1000
    assert values.to_bool("ใช่") is True


def _write_big_csv(path: Path, target_bytes: int) -> int:
    """A CSV of about `target_bytes`, streamed to disk; returns its row count."""
    note = "หมายเหตุรายการเบิกจ่ายงบประมาณประจำปี " * 3
    rows = 0
    written = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("id,amount,district,note\n")
        while written < target_bytes:
            chunk = "".join(
                f"{i},{i % 997}.25,อำเภอที่ {i % 77},{note}{i}\n" for i in range(rows, rows + 5000)
            )
            out.write(chunk)
            written += len(chunk.encode("utf-8"))
            rows += 5000
    return rows


def test_a_100_mb_file_streams_in_bounded_memory(make_resource, load, dataset):
    from thongthin.opendata.models import Resource

    # Given a 100 MB CSV already stored (written straight to the media folder),
    relative = "opendata/resources/big.csv"
    path = Path(settings.MEDIA_ROOT) / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    expected = _write_big_csv(path, 100 * 1024 * 1024)
    resource = Resource.objects.create(
        dataset=dataset, name="big", format="CSV", url_type="upload", upload=relative
    )
    # when it is loaded,
    started = time.monotonic()
    tracemalloc.start()
    try:
        table = load(resource)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    seconds = time.monotonic() - started
    # then every row is there, and memory stayed far below the file's size.
    assert table.status == DatastoreStatus.ACTIVE, table.error_detail
    assert table.row_count == expected
    assert types_of(table) == {
        "id": "int8",
        "amount": "numeric",
        "district": "text",
        "note": "text",
    }
    assert peak < 100 * 1024 * 1024, f"peak {peak / 1e6:.0f} MB"
    assert table.bytes_total == path.stat().st_size
    assert (
        rows_of(table, filters={"id": expected - 1})[0]["district"]
        == f"อำเภอที่ {(expected - 1) % 77}"
    )
    print(f"100 MB: {expected:,} rows in {seconds:.1f} s, peak {peak / 1e6:.1f} MB")
