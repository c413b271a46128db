"""Registry pages: the public list, progress, check, downloads; registering; DGA's review."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from thongthin.accounts.models import User
from thongthin.accounts.tests.factories import lao, registry_admin
from thongthin.core.models import AuditEvent
from thongthin.directory.models import LAO
from thongthin.registry.models import EmailRegistration, RegistrationStatus
from thongthin.registry.services import _verify_token
from thongthin.registry.tests.factories import PDF, approved, submitted, verified

pytestmark = pytest.mark.django_db

MAEHIA, SILA, PASAKAE = "4500103", "4400115", "6720210"
SCRIPT = "<script>alert(1)</script>"


@pytest.fixture
def published():
    """Three published addresses (two town municipalities, one SAO), one replaced, one pending."""
    reviewer = registry_admin()
    approved(lao(MAEHIA), "saraban.old@maehia.go.th", reviewer)
    approved(lao(MAEHIA), "saraban@maehia.go.th", reviewer)
    approved(lao(SILA), "saraban@sila.go.th", reviewer)
    approved(lao(PASAKAE), "saraban@pasakae.go.th", reviewer)
    verified(lao("1100000"), "saraban@bangkok.go.th")
    return reviewer


@pytest.fixture
def reviewer_client(client):
    client.force_login(registry_admin(email="reviewer@dga.example"))
    return client


def _media_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


# --- Public list, progress, downloads ------------------------------------------------------


def test_list_shows_published_addresses_only(client, published, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        response = client.get("/registry/")
    assert response.status_code == 200
    html = response.content.decode()
    for email in ["saraban@maehia.go.th", "saraban@sila.go.th", "saraban@pasakae.go.th"]:
        assert email in html
    assert "saraban.old@maehia.go.th" not in html and "saraban@bangkok.go.th" not in html
    assert "3 แห่ง" in html


def test_list_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries):
    reviewer = registry_admin()
    for n, the_lao in enumerate(LAO.objects.filter(province__code="40")[:15]):
        approved(the_lao, f"saraban@kk{n}.go.th", reviewer)
    with django_assert_max_num_queries(6):
        response = client.get("/registry/")
    assert response.content.decode().count("@kk") == 15


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("province=50", ["saraban@maehia.go.th"], ["saraban@sila.go.th", "saraban@pasakae.go.th"]),
        ("type=sao", ["saraban@pasakae.go.th"], ["saraban@maehia.go.th", "saraban@sila.go.th"]),
        ("province=40&type=town_municipality", ["saraban@sila.go.th"], ["saraban@maehia.go.th"]),
    ],
)
def test_list_filters(client, published, query, shown, hidden):
    html = client.get(f"/registry/?{query}").content.decode()
    assert all(e in html for e in shown) and not any(e in html for e in hidden)


@pytest.mark.parametrize(
    "query",
    [
        "province=' OR 1=1 --",
        "type=<script>alert(1)</script>",
        "page=abc",
        "page=-5",
        "page=99999",
        "page=99999999999999999999999999",
        "province=๕๐",
        f"province={'5' * 10_000}",
    ],
)
def test_list_survives_bad_query_strings(client, published, query):
    response = client.get(f"/registry/?{query}")
    assert response.status_code == 200
    assert SCRIPT not in response.content.decode()


def test_progress_page(client, published, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        response = client.get("/registry/progress")
    assert response.status_code == 200
    html = response.content.decode()
    assert "เชียงใหม่" in html and "ขอนแก่น" in html
    active = LAO.objects.filter(status="active").count()
    assert f"ลงทะเบียนแล้ว 3 จาก {active:,} แห่ง" in html
    response = client.get("/registry/progress?province=50&type=sao")
    assert response.status_code == 200
    sao_in_chiang_mai = LAO.objects.filter(
        status="active", province__code="50", lao_type="sao"
    ).count()
    assert f"ลงทะเบียนแล้ว 0 จาก {sao_in_chiang_mai:,} แห่ง" in response.content.decode()


def _csv_rows(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM for Excel on Thai Windows
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_csv_export(client, published, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        response = client.get("/registry/export.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="lao-central-emails.csv"' in response["Content-Disposition"]
    header, *rows = _csv_rows(response.content)
    assert header == ["dla_code", "lao_name", "lao_type", "province_code", "province",
                      "district", "email", "approved_at"]  # fmt: skip
    approved_count = EmailRegistration.objects.filter(status=RegistrationStatus.APPROVED).count()
    assert len(rows) == approved_count == 3
    maehia = next(r for r in rows if r[0] == MAEHIA)
    assert maehia[1:6] == ["เทศบาลเมืองแม่เหียะ", "town_municipality", "50", "เชียงใหม่",
                           lao(MAEHIA).district_name_th]  # fmt: skip
    assert maehia[6] == "saraban@maehia.go.th"
    assert maehia[7].endswith("+07:00")


def test_xlsx_export(client, published, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        response = client.get("/registry/export.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].endswith("spreadsheetml.sheet")
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    sheet = book.worksheets[0]
    header, *rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert header[0] == "รหัส อปท." and header[6] == "อีเมลกลาง" and len(header) == 8
    assert len(rows) == 3
    assert sorted(r[6] for r in rows) == [
        "saraban@maehia.go.th", "saraban@pasakae.go.th", "saraban@sila.go.th",
    ]  # fmt: skip


def test_json_export(client, published, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        response = client.get("/registry/export.json")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = json.loads(response.content)
    assert data["count"] == len(data["results"]) == 3
    record = next(r for r in data["results"] if r["dla_code"] == PASAKAE)
    assert record["lao_type"] == "sao" and record["email"] == "saraban@pasakae.go.th"
    assert "ป่าสะแก" in response.content.decode()  # Thai is not \u-escaped


@pytest.mark.parametrize(
    ("query", "expected"),
    [("province=50", {MAEHIA}), ("province=40", {SILA}), ("type=sao", {PASAKAE}),
     ("type=town_municipality", {MAEHIA, SILA}), ("province=10", set()),
     ("province=' OR 1=1 --", {MAEHIA, SILA, PASAKAE})],
)  # fmt: skip
def test_export_filters(client, published, query, expected):
    data = json.loads(client.get(f"/registry/export.json?{query}").content)
    assert {r["dla_code"] for r in data["results"]} == expected
    rows = _csv_rows(client.get(f"/registry/export.csv?{query}").content)[1:]
    assert {r[0] for r in rows} == expected


def test_export_query_count_does_not_grow(client, django_assert_max_num_queries):
    reviewer = registry_admin()
    for n, the_lao in enumerate(LAO.objects.filter(province__code="40")[:15]):
        approved(the_lao, f"saraban@kk{n}.go.th", reviewer)
    for fmt in ["csv", "xlsx", "json"]:
        with django_assert_max_num_queries(2):
            assert client.get(f"/registry/export.{fmt}").status_code == 200


def test_unknown_export_format_is_404(client):
    assert client.get("/registry/export.exe").status_code == 404


# --- Check page ----------------------------------------------------------------------------


def test_check_page_blank(client):
    response = client.get("/registry/check")
    assert response.status_code == 200
    assert 'id="check-result"' not in response.content.decode()


def test_check_page_with_only_a_language_switch_is_blank(client):
    response = client.get("/registry/check?lang=en")
    assert response.status_code == 200
    assert 'aria-invalid="true"' not in response.content.decode()


def test_check_page_official(client, published, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        response = client.get("/registry/check", {"address": "saraban@maehia.go.th"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "เป็นอีเมลกลางที่ได้รับการยืนยัน" in html and f"/laos/{MAEHIA}/" in html


def test_check_page_impostor(client, published):
    response = client.get(
        "/registry/check", {"address": "เทศบาลเมืองแม่เหียะ <maehia.office@gmail.com>"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "ระวัง: อาจเป็นอีเมลแอบอ้าง" in html
    assert "อีเมลกลางจริง" in html and "saraban@maehia.go.th" in html


def test_check_page_escapes_what_was_typed(client, published):
    response = client.get(
        "/registry/check", {"address": f'"เทศบาลเมืองแม่เหียะ{SCRIPT}" <maehia.office@gmail.com>'}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert SCRIPT not in html and "&lt;script&gt;" in html


@pytest.mark.parametrize(
    "address",
    ["not-an-email", "' OR 1=1 --", SCRIPT, "x" * 10_000, "\u200b", "สารบรรณ\u0e49\u0e49@แม่เหียะ"],
)
def test_check_page_bad_input_is_a_thai_422(client, address):
    response = client.get("/registry/check", {"address": address})
    assert response.status_code == 422
    html = response.content.decode()
    assert SCRIPT not in html
    assert re.search("รูปแบบอีเมลไม่ถูกต้อง|ยาวเกิน 400 ตัวอักษร", html)
    assert "Ensure this value" not in html


# --- Registering ---------------------------------------------------------------------------


def test_register_pick_finds_the_lao(client):
    response = client.get("/registry/register", {"q": "แม่เหียะ"})
    assert response.status_code == 200
    assert f"/registry/register/{MAEHIA}" in response.content.decode()


@pytest.mark.parametrize("q", ["' OR 1=1 --", SCRIPT, "ก" * 10_000, "\u200b", "แม่\u0e48\u0e48เหียะ"])
def test_register_pick_survives_bad_queries(client, q):
    response = client.get("/registry/register", {"q": q})
    assert response.status_code == 200
    assert SCRIPT not in response.content.decode()


def test_register_form_get(client):
    response = client.get(f"/registry/register/{MAEHIA}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "เทศบาลเมืองแม่เหียะ" in html and 'enctype="multipart/form-data"' in html


@pytest.mark.parametrize("code", ["9999999", "' OR 1=1 --", "x" * 300])
def test_register_form_unknown_lao_is_404(client, code):
    assert client.get(f"/registry/register/{code}").status_code == 404


def _form(**overrides):  # type: ignore[no-untyped-def]
    return {
        "email": "saraban@maehia.go.th",
        "submitter_name": "นางสาวสมศรี ใจดี",
        "submitter_position": "นักจัดการงานทั่วไป",
        "submitter_phone": "053-123456",
        "letter": SimpleUploadedFile("letter.pdf", PDF, content_type="application/pdf"),
        **overrides,
    }


def test_register_through_the_page(client, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/registry/register/{MAEHIA}", _form(email="saraban.maehia@gmail.com")
        )
    assert response.status_code == 302 and response["Location"] == "/registry/register-submitted"
    registration = EmailRegistration.objects.get()
    assert registration.lao.dla_code == MAEHIA
    assert registration.status == RegistrationStatus.AWAITING_MAILBOX
    assert len(_media_files()) == 1
    assert [m.to for m in mailoutbox] == [["saraban.maehia@gmail.com"]]
    page = client.get("/registry/register-submitted").content.decode()
    assert "saraban.maehia@gmail.com" in page
    # The hints are shown: free mail, not .go.th, a saraban prefix.
    assert "gmail.com เป็นบริการอีเมลฟรีของเอกชน" in page
    assert "ไม่ใช่โดเมน .go.th หรือ mail.go.th" in page
    assert "ขึ้นต้นด้วย saraban" in page


def test_submitted_page_without_a_submission_goes_back(client):
    response = client.get("/registry/register-submitted")
    assert response.status_code == 302 and response["Location"] == "/registry/register"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"email": ""}, "กรุณากรอกอีเมล"),
        ({"email": "' OR 1=1 --"}, "รูปแบบอีเมลไม่ถูกต้อง"),
        ({"email": "x" * 10_000}, "อีเมลยาวเกินไป"),
        ({"submitter_name": ""}, "กรุณากรอกข้อมูลช่องนี้"),
        ({"submitter_name": "\u200b\u200b"}, "กรุณากรอกข้อมูลช่องนี้"),
        ({"submitter_name": "ก" * 10_000}, "ยาวเกิน 200 ตัวอักษร"),
        ({"submitter_position": SCRIPT * 30}, "ยาวเกิน 200 ตัวอักษร"),
        ({"letter": SimpleUploadedFile("letter.pdf", b"I am text, not a PDF")},
         "หนังสือต้องเป็นไฟล์ PDF, JPEG หรือ PNG"),
        ({"letter": ""}, "กรุณาแนบหนังสือนำส่งจาก อปท."),
    ],
)  # fmt: skip
def test_register_errors_are_thai_422_and_nothing_is_saved(client, mailoutbox, overrides, message):
    data = _form(**overrides)
    if data["letter"] == "":
        del data["letter"]
    response = client.post(f"/registry/register/{MAEHIA}", data)
    assert response.status_code == 422
    html = response.content.decode()
    assert message in html
    assert SCRIPT not in html
    assert not EmailRegistration.objects.exists()
    assert _media_files() == []
    assert mailoutbox == []


def test_register_an_address_official_elsewhere(client, published):
    files = len(_media_files())
    response = client.post(f"/registry/register/{MAEHIA}", _form(email="saraban@sila.go.th"))
    assert 400 <= response.status_code < 500
    assert "อีเมลนี้เป็นอีเมลกลางของ อปท. อื่นอยู่แล้ว" in response.content.decode()
    assert len(_media_files()) == files
    assert not EmailRegistration.objects.filter(lao__dla_code=MAEHIA, email="saraban@sila.go.th")


def test_names_are_escaped_for_the_reviewer(client, reviewer_client):
    response = client.post(
        f"/registry/register/{MAEHIA}",
        _form(submitter_name=SCRIPT, submitter_position="<img src=x onerror=alert(1)>"),
    )
    assert response.status_code == 302
    registration = EmailRegistration.objects.get()
    registration.status = RegistrationStatus.AWAITING_REVIEW
    registration.save()
    html = reviewer_client.get(f"/registry/review/{registration.pk}").content.decode()
    assert SCRIPT not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html


def test_live_hints(client):
    html = client.get("/registry/hints", {"email": "admin@hotmail.com"}).content.decode()
    assert "hotmail.com เป็นบริการอีเมลฟรีของเอกชน" in html
    assert "ไม่ได้ขึ้นต้นด้วย saraban" in html
    assert "DNS" not in html  # DNS is checked on submission only
    assert (
        client.get("/registry/hints", {"email": "saraban@mail.go.th"}).content.decode().count("✓")
        == 2
    )
    for bad in ["", "nope", SCRIPT, "x" * 10_000]:
        response = client.get("/registry/hints", {"email": bad})
        assert response.status_code == 200 and response.content == b""


# --- Verification link ---------------------------------------------------------------------


def test_verify_get_shows_a_button_and_post_verifies(client):
    registration = submitted(lao(MAEHIA), "saraban@maehia.go.th")
    url = f"/registry/verify/{_verify_token(registration)}"
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<form method="post">' in html and "ยืนยันอีเมล" in html
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.AWAITING_MAILBOX  # GET changes nothing
    response = client.post(url)
    assert response.status_code == 200
    assert "ยืนยันกล่องอีเมล saraban@maehia.go.th ของ เทศบาลเมืองแม่เหียะ แล้ว" in (
        response.content.decode()
    )
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.AWAITING_REVIEW
    again = client.post(url)
    assert again.status_code == 422
    assert "ลิงก์นี้ถูกใช้ไปแล้วหรือไม่ถูกต้อง" in again.content.decode()


@pytest.mark.parametrize("token", ["nonsense", "' OR 1=1 --", SCRIPT.replace("/", ""), "ก" * 5000])
def test_verify_bad_tokens(client, token):
    response = client.post(f"/registry/verify/{token}")
    assert response.status_code == 422
    html = response.content.decode()
    assert "ลิงก์ยืนยันไม่ถูกต้อง" in html and "<script>" not in html


# --- Review --------------------------------------------------------------------------------


def test_review_queue(reviewer_client, published, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = reviewer_client.get("/registry/review")
    assert response.status_code == 200
    html = response.content.decode()
    assert "saraban@bangkok.go.th" in html and "saraban@sila.go.th" not in html
    html = reviewer_client.get("/registry/review?status=approved").content.decode()
    assert "saraban@sila.go.th" in html and "saraban@bangkok.go.th" not in html
    html = reviewer_client.get("/registry/review?status=' OR 1=1 --").content.decode()
    assert "saraban@bangkok.go.th" in html and "saraban@sila.go.th" not in html


def test_review_detail(reviewer_client, published):
    pending = EmailRegistration.objects.get(email="saraban@bangkok.go.th")
    response = reviewer_client.get(f"/registry/review/{pending.pk}")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"/registry/letters/{pending.pk}" in html
    assert "อนุมัติและเผยแพร่" in html
    assert reviewer_client.get("/registry/review/999999").status_code == 404


def test_review_approve_then_revoke(reviewer_client, published):
    pending = EmailRegistration.objects.get(email="saraban@bangkok.go.th")
    response = reviewer_client.post(f"/registry/review/{pending.pk}/approve")
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == RegistrationStatus.APPROVED
    assert User.objects.filter(email="saraban@bangkok.go.th").exists()
    page = reviewer_client.get(response["Location"]).content.decode()
    assert "อนุมัติและเผยแพร่ saraban@bangkok.go.th แล้ว" in page
    # Approving again is a conflict, shown on the page.
    again = reviewer_client.post(f"/registry/review/{pending.pk}/approve")
    assert again.status_code == 409
    assert "อนุมัติได้เฉพาะรายการที่ยืนยันกล่องอีเมลแล้ว" in again.content.decode()
    response = reviewer_client.post(
        f"/registry/review/{pending.pk}/revoke", {"reason": "ยื่นผิด อปท."}
    )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == RegistrationStatus.REVOKED


@pytest.mark.parametrize(
    ("reason", "message"),
    [("", "กรุณากรอกข้อมูลช่องนี้"), ("\u200b", "กรุณากรอกข้อมูลช่องนี้"),
     ("ก" * 10_000, "ยาวเกิน 2000 ตัวอักษร")],
)  # fmt: skip
def test_reject_needs_a_reason(reviewer_client, published, reason, message):
    pending = EmailRegistration.objects.get(email="saraban@bangkok.go.th")
    response = reviewer_client.post(f"/registry/review/{pending.pk}/reject", {"reason": reason})
    assert response.status_code == 422
    assert message in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == RegistrationStatus.AWAITING_REVIEW
    assert not AuditEvent.objects.filter(action="registry.registration.rejected").exists()


def test_reject_with_a_reason(reviewer_client, published):
    pending = EmailRegistration.objects.get(email="saraban@bangkok.go.th")
    response = reviewer_client.post(
        f"/registry/review/{pending.pk}/reject", {"reason": f"หนังสือไม่ได้ลงนาม {SCRIPT}"}
    )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == RegistrationStatus.REJECTED
    html = reviewer_client.get(f"/registry/review/{pending.pk}").content.decode()
    assert "หนังสือไม่ได้ลงนาม" in html and SCRIPT not in html


def test_unknown_review_action_is_404(reviewer_client, published):
    pending = EmailRegistration.objects.get(email="saraban@bangkok.go.th")
    assert reviewer_client.post(f"/registry/review/{pending.pk}/publish").status_code == 404
    assert reviewer_client.get(f"/registry/review/{pending.pk}/approve").status_code == 405
    pending.refresh_from_db()
    assert pending.status == RegistrationStatus.AWAITING_REVIEW


def test_letter_is_served_inline_with_its_checked_type(reviewer_client, published):
    registration = EmailRegistration.objects.get(email="saraban@bangkok.go.th")
    response = reviewer_client.get(f"/registry/letters/{registration.pk}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == "inline"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF
    assert reviewer_client.get("/registry/letters/999999").status_code == 404
