"""A citizen searches the LAO directory (htmx live search) and opens an LAO's page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .support import assert_accessible, open_menu_link

pytestmark = pytest.mark.e2e


def test_live_search_finds_laos_and_shows_the_verified_email(page: Page) -> None:
    page.goto("/")
    assert_accessible(page, "home page")

    # Given the directory, reached from the main menu
    open_menu_link(page, "ค้นหา อปท.")
    expect(page).to_have_url(re.compile(r"/laos/$"))
    assert_accessible(page, "directory search")
    results = page.locator("#results")

    # When a name is typed (no submit: htmx searches as one types)
    page.get_by_label("ชื่อ อปท.").fill("แม่เหียะ")
    # Then the LAO appears
    expect(results.get_by_role("link", name="เทศบาลเมืองแม่เหียะ")).to_be_visible()
    # And the count, in a status region that screen readers announce, follows
    expect(page.get_by_role("status")).to_have_text("พบ 1 แห่ง")
    expect(page).to_have_url(re.compile(r"q="))  # the URL follows, so the search can be shared
    assert_accessible(page, "directory search results")

    # When a fuller name is typed, the exact LAO comes first: ศิลา in ขอนแก่น
    page.get_by_label("ชื่อ อปท.").fill("เทศบาลเมืองศิลา")
    first = results.locator(".result-list > li").first
    expect(first.get_by_role("link")).to_have_text("เทศบาลเมืองศิลา")
    expect(first).to_contain_text("ขอนแก่น")
    assert_accessible(page, "directory search results (ศิลา)")

    # When the LAO is opened, its verified central e-mail is shown
    first.get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/laos/4400115/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("เทศบาลเมืองศิลา")
    email = page.get_by_role("region", name="อีเมลกลาง (ทางการ)")
    expect(email).to_contain_text("ยืนยันแล้ว")
    expect(email.get_by_role("link", name="saraban@silacity.go.th")).to_be_visible()
    assert_accessible(page, "LAO page")
