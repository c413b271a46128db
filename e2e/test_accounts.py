"""Sign-in by a code sent by e-mail, and an LAO administrator inviting staff."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from .support import Mailbox, assert_accessible, enter_code, request_code, sign_in

pytestmark = pytest.mark.e2e

SIGN_IN_LINK = re.compile(r"https?://\S+/accounts/sign-in\b")

# The approved central e-mails of two demo LAOs (their administrators) and whom each invites.
STAFF = {
    "phone": ("3200408", "เมืองพัทยา", "saraban@pattaya.go.th", "e2e.phone.officer@example.com"),
    "desktop": (
        "3400102",
        "เทศบาลนครขอนแก่น",
        "saraban@kkmuni.go.th",
        "e2e.desktop.officer@example.com",
    ),
}


def test_central_email_signs_in_as_lao_admin(page: Page, mailbox: Mailbox) -> None:
    code = request_code(page, mailbox, "saraban@maehia.go.th")

    # A wrong code is refused beside the field
    enter_code(page, f"{(int(code) + 1) % 10**6:06d}")
    expect(page.locator("#id_code")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_role("alert")).to_contain_text("รหัสไม่ถูกต้องหรือหมดอายุแล้ว")
    assert_accessible(page, "sign-in code page with an error")

    # The right one lands on the account page, which shows the LAO the mailbox administers
    enter_code(page, code)
    expect(page).to_have_url(re.compile(r"/accounts/$"))

    laos = page.get_by_role("region", name="อปท. ของฉัน")
    expect(laos.get_by_role("link", name="เทศบาลเมืองแม่เหียะ")).to_be_visible()
    expect(laos).to_contain_text("ผู้ดูแล อปท.")
    assert_accessible(page, "account page (LAO administrator)")


def test_admin_invites_staff_who_then_signs_in(
    page: Page, new_page: Callable[[], Page], mailbox: Mailbox, device: str
) -> None:
    dla_code, lao_name, admin, invitee = STAFF[device]

    # Given the LAO's administrator on the staff page
    sign_in(page, mailbox, admin)
    page.get_by_role("region", name="อปท. ของฉัน").get_by_role("link", name="จัดการเจ้าหน้าที่").click()
    expect(page).to_have_url(re.compile(rf"/accounts/lao/{dla_code}/staff$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(lao_name)
    assert_accessible(page, "staff page")

    # When a staff member is invited
    invitation = page.get_by_role("region", name="เชิญเจ้าหน้าที่")
    invitation.get_by_label("คำนำหน้า").fill("นางสาว")
    invitation.get_by_label("ชื่อ-นามสกุล").fill("ทดสอบ เชิญเข้าทีม")
    invitation.get_by_label("อีเมลส่วนตัว").fill(invitee)
    invitation.get_by_label("บทบาท").select_option("officer")
    before = mailbox.count(invitee)
    invitation.get_by_role("button", name="ส่งคำเชิญ").click()
    expect(page.get_by_role("status").first).to_contain_text("ส่งคำเชิญแล้ว")
    row = page.get_by_role("row").filter(has_text=invitee)
    expect(row).to_contain_text("เชิญแล้ว รอเข้าสู่ระบบครั้งแรก")
    assert_accessible(page, "staff page with an invitation")
    mailbox.newest(invitee, after=before, pattern=SIGN_IN_LINK)

    # Then the invitee signs in (another browser, another person) and is a member
    invitee_page = new_page()
    sign_in(invitee_page, mailbox, invitee)
    laos = invitee_page.get_by_role("region", name="อปท. ของฉัน")
    expect(laos.get_by_role("listitem")).to_have_text(f"{lao_name} — เจ้าหน้าที่")
    assert_accessible(invitee_page, "account page (invited officer)")

    # And the administrator sees the membership active
    page.reload()
    expect(page.get_by_role("row").filter(has_text=invitee)).to_contain_text("ใช้งาน")
    expect(page.get_by_role("row").filter(has_text=invitee)).not_to_contain_text("เชิญแล้ว")
