"""Open data portal in the browser: a citizen searches Thai datasets and sees a preview; an LAO
officer publishes a dataset with the Thai metadata and a CSV from a phone."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from .support import assert_accessible, open_menu_link, sign_in

pytestmark = pytest.mark.e2e

OFFICER = "somsri.officer@example.com"


def test_search_thai_datasets_and_preview_a_table(page: Page) -> None:
    page.goto("/")
    open_menu_link(page, "ข้อมูลเปิด")
    expect(page).to_have_url(re.compile(r"/dataset/$"))
    assert_accessible(page, "open data search")

    # Thai without spaces: ปริมาณขยะ is not a word on its own in any title
    page.get_by_label("คำค้น").fill("ปริมาณขยะ")
    page.get_by_role("main").get_by_role("button", name="ค้นหา").click()
    results = page.locator("#results")
    expect(results.get_by_role("link", name="ปริมาณขยะมูลฝอยรายเดือน")).to_be_visible()
    assert_accessible(page, "open data search results")

    # A facet narrows the results to one organization
    page.get_by_role("complementary").get_by_role("link", name=re.compile("เทศบาลเมืองศิลา")).click()
    expect(results.get_by_role("link", name="ปริมาณขยะรายเดือน เทศบาลเมืองศิลา")).to_be_visible()
    expect(results.get_by_role("link", name="ปริมาณขยะมูลฝอยรายเดือน")).to_have_count(0)

    # The dataset page shows the data itself: a chart and the first rows
    results.get_by_role("link", name="ปริมาณขยะรายเดือน เทศบาลเมืองศิลา").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("ปริมาณขยะรายเดือน")
    table = page.get_by_role("table").filter(has_text="ปริมาณขยะ_ตัน")
    expect(table.get_by_role("row")).to_have_count(11)  # the header and ten rows
    expect(page.locator(".chart-bar").first).to_be_visible()
    expect(page.get_by_text("curl '")).to_be_visible()
    assert_accessible(page, "dataset page")


def test_officer_publishes_a_dataset_with_a_csv(page: Page, site: Any) -> None:
    sign_in(page, site.mailbox, OFFICER)
    page.goto("/dataset/new/")
    assert_accessible(page, "dataset form")
    title = f"จุดติดตั้งไฟฟ้าสาธารณะ {page.viewport_size['width']}"
    page.get_by_label("ชื่อชุดข้อมูล", exact=True).fill(title)
    page.get_by_label("คำอธิบาย", exact=True).fill("ตำแหน่งเสาไฟฟ้าส่องสว่างในเขตเทศบาล")
    page.get_by_label("คำสำคัญ", exact=True).fill("ไฟฟ้าสาธารณะ, โครงสร้างพื้นฐาน")
    page.get_by_label("ชื่อฝ่ายงานหรือผู้ติดต่อ", exact=True).fill("กองช่าง")
    page.get_by_label("อีเมลสำหรับติดต่อ", exact=True).fill("engineer@maehia.go.th")
    # The fields follow the data type (GD Catalog form_data_type)
    statistical = page.locator("details", has_text="เฉพาะข้อมูลสถิติ")
    page.get_by_label("ประเภทชุดข้อมูล", exact=True).select_option("ข้อมูลสถิติ")
    expect(statistical).to_be_visible()
    expect(page.get_by_label("วันที่กำหนดเผยแพร่ข้อมูล", exact=True)).to_be_visible()
    expect(page.get_by_label("วันที่เริ่มต้นสร้าง", exact=True)).to_be_hidden()
    page.get_by_label("ประเภทชุดข้อมูล", exact=True).select_option("ข้อมูลระเบียน")
    expect(statistical).to_be_hidden()
    expect(page.get_by_label("วันที่กำหนดเผยแพร่ข้อมูล", exact=True)).to_be_hidden()
    expect(page.get_by_label("วันที่เริ่มต้นสร้าง", exact=True)).to_be_visible()
    page.get_by_role("group", name="วัตถุประสงค์").get_by_label("เพื่อการให้บริการประชาชน").check()
    page.get_by_label("หน่วยความถี่ของการปรับปรุงข้อมูล", exact=True).select_option("ปี")
    page.get_by_role("combobox", name="ขอบเขตเชิงภูมิศาสตร์หรือเชิงพื้นที่").select_option("เทศบาล/อบต.")
    page.get_by_label("แหล่งที่มา", exact=True).fill("กองช่าง เทศบาลเมืองแม่เหียะ")
    page.get_by_role("group", name="รูปแบบการเก็บข้อมูล").get_by_label("CSV").check()
    page.get_by_label("หมวดหมู่ข้อมูลตามธรรมาภิบาลข้อมูลภาครัฐ", exact=True).select_option("ข้อมูลสาธารณะ")
    page.get_by_role("button", name="บันทึกและเผยแพร่").click()

    # Next: the file
    expect(page.get_by_role("heading", level=1)).to_have_text("เพิ่มไฟล์ข้อมูล")
    page.get_by_label("ชื่อทรัพยากร", exact=True).fill("ตำแหน่งเสาไฟ")
    page.get_by_label("ไฟล์", exact=True).set_input_files(
        files=[{"name": "lights.csv", "mimeType": "text/csv",
                "buffer": "ซอย,จำนวนเสา\nซอย 1,12\nซอย 2,8\n".encode()}]
    )  # fmt: skip
    assert_accessible(page, "resource form")
    page.get_by_role("button", name="บันทึก").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(title)
    expect(page.get_by_role("link", name="ตำแหน่งเสาไฟ", exact=True)).to_be_visible()
    assert_accessible(page, "published dataset")
