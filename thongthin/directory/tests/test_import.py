"""Re-importing a newer DLA file: types change, LAOs are upgraded under new codes, new LAOs appear,
merged ones retire, and nothing linked to an LAO is lost."""

import csv
import io

import pytest

from thongthin.accounts.models import LAORole, Membership
from thongthin.accounts.tests.factories import lao, member
from thongthin.core.errors import ValidationFailed
from thongthin.core.models import AuditEvent
from thongthin.directory.models import LAO, LAOStatus, LAOType
from thongthin.directory.services import DLA_FILE, lao_import, parse_dla_file
from thongthin.registry.tests.factories import approved

pytestmark = pytest.mark.django_db


def _shipped_rows() -> list[dict[str, str]]:
    with DLA_FILE.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _to_csv(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    fields = list(rows[0].keys() | {"merged_into"})
    writer = csv.DictWriter(out, fieldnames=sorted(fields, key=lambda f: (f == "merged_into", f)))
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return out.getvalue().encode("utf-8")


def _apply(rows):
    return lao_import(rows=parse_dla_file(_to_csv(rows)), source="test")


def test_changed_type_is_applied_and_audited():
    rows = _shipped_rows()
    for row in rows:
        if row["dla_code"] == "6720210":
            row["type_th"] = "เทศบาลตำบล"
    report = _apply(rows)
    assert report.updated == ["6720210"]
    pasakae = LAO.objects.get(dla_code="6720210")
    assert pasakae.lao_type == LAOType.SUBDISTRICT_MUNICIPALITY
    assert pasakae.display_name_th == "เทศบาลตำบลป่าสะแก"
    event = AuditEvent.objects.get(action="directory.lao.updated", target_id=str(pasakae.pk))
    assert (
        event.before["lao_type"] == "sao" and event.after["lao_type"] == "subdistrict_municipality"
    )


def test_upgrade_under_a_new_code_keeps_the_row_and_everything_linked():
    # Given an SAO with staff and a published e-mail
    sao = lao("6720210")
    officer = member(sao, LAORole.OFFICER)
    registration = approved(sao, "saraban@pasakae.go.th")
    # When DLA re-codes it as a sub-district municipality (5720210)
    rows = _shipped_rows()
    for row in rows:
        if row["dla_code"] == "6720210":
            row.update(dla_code="5720210", type_th="เทศบาลตำบล")
    report = _apply(rows)
    # Then it is the same LAO under its new code, remembering the old one
    assert report.recoded == [("6720210", "5720210")]
    upgraded = LAO.objects.get(dla_code="5720210")
    assert upgraded.pk == sao.pk
    assert upgraded.former_codes == ["6720210"]
    assert Membership.objects.filter(user=officer, lao=upgraded).exists()
    registration.refresh_from_db()
    assert registration.lao_id == upgraded.pk
    assert LAO.objects.count() == 7850


def _row(code):
    return next(r for r in _shipped_rows() if r["dla_code"] == code)


def test_new_lao_is_created_and_a_missing_one_retired_not_deleted():
    rows = [r for r in _shipped_rows() if r["dla_code"] != "6720210"]
    rows.append(dict(_row("6720209"), dla_code="6960999", name_th="ทดสอบใหม่", lat="", lon=""))
    report = _apply(rows)
    assert report.created == ["6960999"]
    assert LAO.objects.get(dla_code="6960999").display_name_th == "อบต.ทดสอบใหม่"
    assert report.deactivated == ["6720210"]
    assert LAO.objects.get(dla_code="6720210").status == LAOStatus.INACTIVE
    assert LAO.objects.count() == 7851  # nothing deleted


def test_a_merge_row_links_the_successor_and_keeps_links():
    gone = lao("6720210")
    officer = member(gone, LAORole.OFFICER)
    rows = [r for r in _shipped_rows() if r["dla_code"] != "6720210"]
    rows.append({**_row("6720210"), "merged_into": "4500103"})
    report = _apply(rows)
    assert report.merged == [("6720210", "4500103")]
    gone.refresh_from_db()
    assert gone.status == LAOStatus.MERGED
    assert gone.merged_into.dla_code == "4500103"
    assert Membership.objects.filter(user=officer, lao=gone).exists()
    event = AuditEvent.objects.get(action="directory.lao.retired", target_id=str(gone.pk))
    assert event.after["status"] == "merged"


def test_a_merge_into_an_unknown_code_is_refused():
    rows = [r for r in _shipped_rows() if r["dla_code"] != "6720210"]
    rows.append({**_row("6720210"), "merged_into": "9999999"})
    with pytest.raises(ValidationFailed) as err:
        _apply(rows)
    assert err.value.code == "import_bad_merge"
    assert LAO.objects.get(dla_code="6720210").status == LAOStatus.ACTIVE


def test_retired_lao_is_hidden_from_search_but_its_page_still_answers(client):
    rows = [r for r in _shipped_rows() if r["dla_code"] != "6720210"]
    _apply(rows)
    assert "6720210" not in client.get("/api/v1/laos?q=ป่าสะแก").content.decode()
    page = client.get("/laos/6720210/")
    assert page.status_code == 200
    assert "ไม่อยู่ในทะเบียนล่าสุด" in page.content.decode()


def test_bangkok_is_never_retired_by_a_dla_file():
    report = _apply(_shipped_rows())
    assert "1100000" not in report.deactivated
    assert LAO.objects.get(dla_code="1100000").status == LAOStatus.ACTIVE


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"a,b\n1,2\n", "import_missing_columns"),
        (
            "dla_code,name_th,type_th,province_code,district_name_th\n12,x,อบต.,50,เมือง\n".encode(),
            "import_bad_code",
        ),
        (
            "dla_code,name_th,type_th,province_code,district_name_th\n6500101,x,หมู่บ้าน,50,เมือง\n".encode(),
            "import_bad_type",
        ),
        (
            "dla_code,name_th,type_th,province_code,district_name_th\n6500101,,อบต.,50,เมือง\n".encode(),
            "import_missing_name",
        ),
        (
            "dla_code,name_th,type_th,province_code,district_name_th,lat\n6500101,x,อบต.,50,เมือง,abc\n".encode(),
            "import_bad_number",
        ),
        (
            "dla_code,name_th,type_th,province_code,district_name_th\n6500101,x,อบต.,50,ก\n6500101,y,อบต.,50,ก\n".encode(),
            "import_duplicate_code",
        ),
        ("dla_code,name_th\n".encode("cp874"), "import_missing_columns"),
        (b"\xff\xfe\x00garbage", "import_bad_encoding"),
    ],
)
def test_bad_files_are_refused_whole(content, code):
    with pytest.raises(ValidationFailed) as err:
        lao_import(rows=parse_dla_file(content))
    assert err.value.code == code
    assert err.value.render()  # a Thai message with its placeholders filled
    assert "%(" not in err.value.render()
    assert LAO.objects.count() == 7850


def test_unknown_province_refuses_the_whole_file():
    rows = _shipped_rows()
    rows[0]["province_code"] = "99"
    with pytest.raises(ValidationFailed) as err:
        _apply(rows)
    assert err.value.code == "import_unknown_province"
    assert not LAO.objects.filter(status=LAOStatus.INACTIVE).exists()


def test_search_keys_are_thai_whatever_the_active_language():
    from django.utils import translation

    with translation.override("en"):
        rows = _shipped_rows()
        for row in rows:
            if row["dla_code"] == "6720210":
                row["type_th"] = "เทศบาลตำบล"
        _apply(rows)
    key = LAO.objects.get(dla_code="6720210").search_key
    assert "เทศบาลตำบล" in key and "municipality" not in key


def test_a_platform_administrator_reimports_from_the_admin(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from thongthin.accounts.tests.factories import platform_admin

    rows = _shipped_rows()
    for row in rows:
        if row["dla_code"] == "6720210":
            row["type_th"] = "เทศบาลตำบล"
    client.force_login(platform_admin())
    upload = SimpleUploadedFile("dla-2569.csv", _to_csv(rows), content_type="text/csv")
    response = client.post("/admin/directory/lao/import/", {"file": upload})
    assert response.status_code == 200
    assert "ปรับปรุง" in response.content.decode()
    assert LAO.objects.get(dla_code="6720210").lao_type == LAOType.SUBDISTRICT_MUNICIPALITY
    event = AuditEvent.objects.get(action="directory.lao.updated")
    assert event.note == "dla-2569.csv" and event.actor is not None


def test_the_admin_import_refuses_a_bad_file_with_its_message(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from thongthin.accounts.tests.factories import platform_admin

    client.force_login(platform_admin())
    upload = SimpleUploadedFile("bad.csv", b"a,b\n1,2\n", content_type="text/csv")
    response = client.post("/admin/directory/lao/import/", {"file": upload}, follow=True)
    assert "ไฟล์ขาดคอลัมน์" in response.content.decode()
    assert not AuditEvent.objects.filter(action="directory.lao.updated").exists()
