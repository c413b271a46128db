"""The fiscal-discipline self-assessment on a phone: an officer completes a festival assessment
with a cost line no regulation allows, the executive signs it off, and the auditor finds it on
the dashboard; a compliant subsidy and a compliant sports project pass and are signed off (all
three kinds end to end)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from .support import Mailbox, assert_accessible, make_pdf, open_menu_link, sign_in

pytestmark = pytest.mark.e2e

OFFICER = "somsri.officer@example.com"
EXECUTIVE = "prasert.mayor@example.com"
AUDITOR = "auditor@oag.example"
PROJECT = "งานประเพณียี่เป็ง (ทดสอบ e2e)"


def _answer_every_question(page: Page, tmp_pdf: str) -> None:
    """Answer each unanswered question the way a careful officer would, one at a time (new
    questions may appear after an answer)."""
    framework = page.request.get("/api/v1/assessment-frameworks/current").json()
    checks = {c["id"]: c for c in framework["checks"]}
    for _ in range(80):
        card = page.locator("article.check-unanswered:not(.answer-computed)").first
        if card.count() == 0:
            return
        check_id = (card.get_attribute("id") or "").removeprefix("check-")
        check = checks[check_id]
        kind = check["answer_type"]
        if kind == "yes_no":
            card.get_by_text("ใช่", exact=True).click()
        elif kind == "choice":
            compliant = next(c["value"] for c in check["choices"] if c["compliant"])
            card.get_by_role("combobox").select_option(compliant)
        elif kind == "date":
            card.get_by_role("textbox").fill("01/10/2569")  # 11 days after the budget
            card.get_by_role("textbox").press("Tab")
        elif kind in {"amount", "number"}:
            card.get_by_role("textbox").fill("200000")
            card.get_by_role("textbox").press("Tab")
        elif kind == "evidence":
            card.locator("input[type=file]").set_input_files(tmp_pdf)
            card.get_by_role("button", name="แนบไฟล์").click()
            expect(page.get_by_role("status").first).to_contain_text("แนบไฟล์แล้ว")
        expect(page.locator(f'[id="check-{check_id}"]')).not_to_have_class(
            re.compile(r"check-unanswered")
        )
    raise AssertionError("questions kept appearing")


@pytest.mark.parametrize("device", ["phone"], indirect=True)
def test_festival_assessment_from_officer_to_auditor(
    page: Page, new_page: Callable[[], Page], mailbox: Mailbox, tmp_path
) -> None:
    pdf = tmp_path / "mou.pdf"
    pdf.write_bytes(make_pdf("MOU"))

    # The officer starts a festival assessment
    sign_in(page, mailbox, OFFICER)
    open_menu_link(page, "ประเมินวินัยการเงินการคลัง")
    assert_accessible(page, "assessment list")
    page.get_by_role("link", name="เริ่มประเมินโครงการใหม่").click()
    assert_accessible(page, "choose the kind of project")
    page.get_by_role("link", name=re.compile("โครงการจัดงานประเพณี")).click()
    assert_accessible(page, "project facts form")
    page.get_by_label("ชื่อโครงการ").fill(PROJECT)
    page.get_by_label("วงเงินโครงการ (บาท)").fill("150,000")
    page.get_by_label("แหล่งเงิน").select_option("annual_budget")
    page.get_by_label("วันประกาศใช้ข้อบัญญัติ/เทศบัญญัติงบประมาณ").fill("20/09/2569")
    page.get_by_label("ชื่องาน").fill("ยี่เป็ง")
    page.get_by_label("วันเริ่มงาน").fill("24/11/2569")
    page.get_by_role("button", name="เริ่มตอบคำถาม").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PROJECT)
    expect(page.locator("#facts-h").locator("..").locator("..")).to_contain_text("20 ก.ย. 2569")

    # Cost lines: food within the cap, and towels to give away (no regulation allows that)
    for category, description, quantity, unit_cost, persons in [
        ("food_workers", "อาหารกลางวันผู้ปฏิบัติงาน", "1", "120", "40"),
        ("souvenirs", "ผ้าขนหนูแจกผู้ร่วมงาน", "500", "60", ""),
    ]:
        page.locator("#cost-lines summary").click()
        page.get_by_label("ประเภทค่าใช้จ่าย").select_option(category)
        page.get_by_label("รายละเอียด").fill(description)
        page.locator("#id_quantity").fill(quantity)
        page.get_by_label("ราคาต่อหน่วย (บาท)").fill(unit_cost)
        page.get_by_label("จำนวนคน").fill(persons)
        page.get_by_role("button", name="เพิ่ม", exact=True).click()
        expect(page.locator("#cost-lines")).to_contain_text(description)

    # Questions topic by topic, saved as they are answered
    _answer_every_question(page, str(pdf))
    result = page.locator("#result-summary")
    expect(result).to_contain_text("ระงับการเบิกจ่าย")
    expect(result).to_contain_text("ผ้าขนหนูแจกผู้ร่วมงาน")
    expect(page.locator('[id="check-F4.3"]')).to_contain_text("ผ้าขนหนูแจกผู้ร่วมงาน")
    assert_accessible(page, "assessment workspace with a failing cost line")
    page.get_by_role("button", name="ส่งผู้บริหารพิจารณา").click()
    expect(page.get_by_role("status").first).to_contain_text("ส่งให้ผู้บริหารพิจารณาแล้ว")
    assessment_url = page.url

    # The executive signs it off
    executive = new_page()
    sign_in(executive, mailbox, EXECUTIVE)
    executive.goto(assessment_url)
    expect(executive.get_by_role("heading", level=1)).to_have_text(PROJECT)
    assert_accessible(executive, "assessment waiting for sign-off")
    executive.get_by_role("button", name="ลงนามรับรองผลการประเมิน").click()
    expect(executive.get_by_role("status").first).to_contain_text("ลงนามแล้ว")
    pdf_response = executive.request.get(assessment_url + "report.pdf")
    assert pdf_response.headers["content-type"] == "application/pdf"

    # The auditor of Chiang Mai finds it on the dashboard and drills down
    auditor = new_page()
    sign_in(auditor, mailbox, AUDITOR)
    open_menu_link(auditor, "แดชบอร์ดผู้ตรวจสอบ")
    assert_accessible(auditor, "auditor dashboard")
    auditor.get_by_label("ประเภทโครงการ", exact=True).select_option("festival")
    auditor.get_by_label("ชื่อโครงการหรือ อปท.").fill("ทดสอบ e2e")
    auditor.get_by_role("button", name="แสดง").click()
    stop_laos = auditor.get_by_role("region", name="อปท. ที่มีข้อห้ามเบิกจ่าย")
    expect(stop_laos).to_contain_text("เทศบาลเมืองแม่เหียะ")
    auditor.get_by_role("link", name=PROJECT).first.click()
    expect(auditor.get_by_role("heading", level=1)).to_have_text(PROJECT)
    expect(auditor.locator("#result-summary")).to_contain_text("ระงับการเบิกจ่าย")
    expect(auditor.get_by_role("main")).to_contain_text("ผู้บริหารลงนามแล้ว")
    assert_accessible(auditor, "assessment seen by the auditor")


# --- Issue 3: every kind end to end on a phone -----------------------------------------------

SUBSIDY_PROJECT = "อุดหนุนที่ว่าการอำเภอเมืองเชียงใหม่ งานรัฐพิธี (e2e อุดหนุน)"
SPORTS_PROJECT = "แข่งขันฟุตบอลเยาวชนแม่เหียะคัพ (e2e กีฬา)"
CostLineRow = tuple[str, str, str, str, str, str]  # category, description, qty, unit, persons, days


def _add_cost_lines(page: Page, lines: list[CostLineRow]) -> None:
    section = page.locator("#cost-lines")  # question texts may contain the same words
    for category, description, quantity, unit_cost, persons, days in lines:
        section.locator("summary").click()
        section.get_by_label("ประเภทค่าใช้จ่าย").select_option(category)
        section.get_by_label("รายละเอียด").fill(description)
        section.locator("#id_quantity").fill(quantity)
        section.get_by_label("ราคาต่อหน่วย (บาท)").fill(unit_cost)
        section.get_by_label("จำนวนคน").fill(persons)
        section.get_by_label("จำนวนวัน").fill(days)
        section.get_by_role("button", name="เพิ่ม", exact=True).click()
        expect(section).to_contain_text(description)


def _start(page: Page, mailbox: Mailbox, kind_label: str, project: str, amount: str) -> None:
    """The officer signs in and fills the facts every kind shares; ends on the facts form with
    the kind's own fields still to fill."""
    sign_in(page, mailbox, OFFICER)
    open_menu_link(page, "ประเมินวินัยการเงินการคลัง")
    page.get_by_role("link", name="เริ่มประเมินโครงการใหม่").click()
    page.get_by_role("link", name=kind_label).click()
    page.get_by_label("ชื่อโครงการ").fill(project)
    page.get_by_label("วงเงินโครงการ (บาท)").fill(amount)
    page.get_by_label("แหล่งเงิน").select_option("annual_budget")
    page.get_by_label("วันประกาศใช้ข้อบัญญัติ/เทศบัญญัติงบประมาณ").fill("20/09/2569")


def _complete_and_sign_off(
    page: Page, new_page: Callable[[], Page], mailbox: Mailbox, project: str, pdf: str
) -> None:
    """Answer everything (all compliant), check the level is ผ่าน, submit; the executive signs
    it off and sees the same level."""
    _answer_every_question(page, pdf)
    result = page.locator("#result-summary")
    expect(result.locator(".level-badge")).to_have_text("ผ่าน")
    expect(result).not_to_contain_text("ข้อที่ไม่ผ่าน")
    assert_accessible(page, f"completed workspace: {project}")
    page.get_by_role("button", name="ส่งผู้บริหารพิจารณา").click()
    expect(page.get_by_role("status").first).to_contain_text("ส่งให้ผู้บริหารพิจารณาแล้ว")
    assessment_url = page.url

    executive = new_page()
    sign_in(executive, mailbox, EXECUTIVE)
    executive.goto(assessment_url)
    expect(executive.get_by_role("heading", level=1)).to_have_text(project)
    executive.get_by_role("button", name="ลงนามรับรองผลการประเมิน").click()
    expect(executive.get_by_role("status").first).to_contain_text("ลงนามแล้ว")
    expect(executive.locator("#result-summary .level-badge")).to_have_text("ผ่าน")
    expect(executive.get_by_role("main")).to_contain_text("ผู้บริหารลงนามแล้ว")
    assert_accessible(executive, f"signed-off workspace: {project}")


@pytest.mark.parametrize("device", ["phone"], indirect=True)
def test_subsidy_assessment_passes_and_is_signed_off(
    page: Page, new_page: Callable[[], Page], mailbox: Mailbox, tmp_path
) -> None:
    pdf = tmp_path / "request.pdf"
    pdf.write_bytes(make_pdf("Subsidy request"))

    # The officer starts a subsidy to a government agency
    _start(page, mailbox, "เงินอุดหนุนหน่วยงานของรัฐ", SUBSIDY_PROJECT, "100,000")
    page.get_by_label("หน่วยงานผู้รับเงินอุดหนุน").fill("ที่ว่าการอำเภอเมืองเชียงใหม่")
    page.get_by_label("ประเภทผู้รับ").select_option("government_agency")
    assert_accessible(page, "subsidy facts form")
    page.get_by_role("button", name="เริ่มตอบคำถาม").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(SUBSIDY_PROJECT)
    expect(page.locator("#facts-h").locator("..").locator("..")).to_contain_text(
        "ที่ว่าการอำเภอเมืองเชียงใหม่ (ส่วนราชการ)"
    )

    # The recipient's type decides the questions: the drug-prevention centre's S4.5 is not asked
    expect(page.locator('[id="check-S1.2"]')).to_be_visible()
    expect(page.locator('[id="check-S4.5"]')).to_have_count(0)

    # The subsidy itself is the only cost line
    _add_cost_lines(page, [("subsidy_payment", "เงินอุดหนุนงานรัฐพิธี", "1", "100000", "", "")])

    _complete_and_sign_off(page, new_page, mailbox, SUBSIDY_PROJECT, str(pdf))


@pytest.mark.parametrize("device", ["phone"], indirect=True)
def test_sports_assessment_passes_and_is_signed_off(
    page: Page, new_page: Callable[[], Page], mailbox: Mailbox, tmp_path
) -> None:
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(make_pdf("Sports plan"))

    # The officer starts a sports competition the municipality hosts
    _start(page, mailbox, "โครงการส่งเสริมกีฬา/แข่งขันกีฬา", SPORTS_PROJECT, "80,000")
    page.get_by_label("ชื่องาน").fill("แม่เหียะคัพ")
    page.get_by_label("วันเริ่มงาน").fill("14/11/2569")
    page.get_by_label("วันสิ้นสุดงาน").fill("15/11/2569")
    page.get_by_label("ลักษณะโครงการกีฬา").select_option("hosting")
    page.get_by_label("จำนวนผู้เข้าร่วม (คน)").fill("120")
    assert_accessible(page, "sports facts form")
    page.get_by_role("button", name="เริ่มตอบคำถาม").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(SPORTS_PROJECT)
    expect(page.locator("#facts-h").locator("..").locator("..")).to_contain_text("จัดการแข่งขันกีฬา")

    # Hosting, not sending athletes: K4.1 is asked and K4.2 is not
    expect(page.locator('[id="check-K4.1"]')).to_be_visible()
    expect(page.locator('[id="check-K4.2"]')).to_have_count(0)

    # Equipment, and athletes' food at 120 baht a day (within the 150-baht cap)
    _add_cost_lines(
        page,
        [
            ("sports_equipment", "ลูกฟุตบอลและตาข่ายประตู", "10", "1500", "", ""),
            ("food_athletes", "อาหารนักกีฬาและเจ้าหน้าที่ทีม", "1", "120", "60", "2"),
        ],
    )
    expect(page.locator('[id="check-K4.3"]')).to_have_class(re.compile(r"check-pass"))

    _complete_and_sign_off(page, new_page, mailbox, SPORTS_PROJECT, str(pdf))
