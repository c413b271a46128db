"""An LAO registers its central e-mail; the registry administrator approves it; it is published."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .support import Mailbox, assert_accessible, make_pdf, sign_in

pytestmark = pytest.mark.e2e

REGISTRY_ADMIN = "registry@dga.example"
# LAOs without an approved e-mail in the demo data, one per device so the runs do not collide.
LAOS = {
    "phone": ("5501503", "บ้านแหวน", "เทศบาลตำบลบ้านแหวน", "saraban@banwaen.go.th"),
    "desktop": ("5500501", "ดอยสะเก็ด", "เทศบาลตำบลดอยสะเก็ด", "saraban@doisaket.go.th"),
}


def test_register_verify_approve_publish(page: Page, mailbox: Mailbox, device: str) -> None:
    dla_code, query, name, address = LAOS[device]

    # Given the LAO, found on the registration page
    page.goto("/registry/register")
    assert_accessible(page, "register: pick an LAO")
    page.get_by_role("searchbox", name="ชื่อ อปท.").fill(query)
    page.get_by_role("main").get_by_role("button", name="ค้นหา").click()
    pick = page.get_by_role("link", name=f"เลือก {name}")
    expect(pick).to_be_visible()
    assert_accessible(page, "register: search results")
    pick.click()
    expect(page).to_have_url(re.compile(rf"/registry/register/{dla_code}$"))
    assert_accessible(page, "register form")

    # When the form is filled with a real PDF letter and submitted
    page.locator("#id_email").fill(address)
    page.locator("#id_submitter_name").fill("นางสาวทดสอบ ระบบอัตโนมัติ")
    page.locator("#id_submitter_position").fill("นักจัดการงานทั่วไป")
    page.locator("#id_submitter_phone").fill("053-111-222")
    letter = make_pdf(f"Letter from LAO {dla_code}: central e-mail {address}")
    page.locator("#id_letter").set_input_files(
        files=[{"name": "letter.pdf", "mimeType": "application/pdf", "buffer": letter}]
    )
    before = mailbox.count(address)
    page.get_by_role("button", name="ยื่นลงทะเบียน").click()
    expect(page).to_have_url(re.compile(r"/registry/register-submitted$"))
    expect(page.get_by_role("main")).to_contain_text(address)
    assert_accessible(page, "registration submitted")

    # And the link e-mailed to the address is opened and confirmed
    page.goto(mailbox.verify_link(address, after=before))
    assert_accessible(page, "verify mailbox")
    page.get_by_role("button", name="ยืนยันอีเมล").click()
    expect(page.get_by_role("status")).to_contain_text(address)
    assert_accessible(page, "verify mailbox: done")

    # And the registry administrator approves it from the review queue
    sign_in(page, mailbox, REGISTRY_ADMIN)
    assert_accessible(page, "account page (registry administrator)")
    page.get_by_role("link", name="ตรวจสอบคำขอลงทะเบียนอีเมล").click()
    expect(page).to_have_url(re.compile(r"/registry/review$"))
    assert_accessible(page, "review queue")
    row = page.get_by_role("row").filter(has_text=address)
    row.get_by_role("link", name=name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(address)
    assert_accessible(page, "review detail")
    page.get_by_role("button", name="อนุมัติและเผยแพร่").click()
    expect(page.get_by_role("status").first).to_contain_text(f"อนุมัติและเผยแพร่ {address} แล้ว")
    assert_accessible(page, "review detail: approved")

    # Then the address is published on the LAO page
    page.goto(f"/laos/{dla_code}/")
    email = page.get_by_role("region", name="อีเมลกลาง (ทางการ)")
    expect(email.get_by_role("link", name=address)).to_be_visible()
    expect(email).to_contain_text("ยืนยันแล้ว")

    # And "is this e-mail official?" says so
    page.goto("/registry/check")
    assert_accessible(page, "e-mail check")
    page.locator("#id_address").fill(address)
    page.get_by_role("main").get_by_role("button", name="ตรวจสอบ").click()
    result = page.locator("#check-result")
    expect(result).to_contain_text("เป็นอีเมลกลางที่ได้รับการยืนยัน")
    expect(result.get_by_role("link", name=name)).to_be_visible()
    assert_accessible(page, "e-mail check: result")

    # And in the public list of verified e-mails (province เชียงใหม่) and the progress page
    page.goto("/registry/?province=50")
    expect(page.get_by_role("row").filter(has_text=address)).to_contain_text(name)
    assert_accessible(page, "registry list")
    page.goto("/registry/progress")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page, "registry progress")
