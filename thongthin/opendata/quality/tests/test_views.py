"""The quality panel on the dataset page: shown to those who may edit the dataset, with what to
fix; never to the public or to other organizations."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import translation

from thongthin.accounts.tests.factories import lao, member
from thongthin.opendata.quality.selectors import quality_for
from thongthin.opendata.quality.services import quality_refresh
from thongthin.opendata.tests import factories as f

pytestmark = pytest.mark.django_db

PANEL = 'id="quality-heading"'


@pytest.fixture
def org():
    return f.lao_org("4500103")


@pytest.fixture
def dataset(org):
    """Published, with its metadata complete but no file yet: something to fix."""
    return f.dataset(org, name="shops", title="ทะเบียนร้านค้า")


def panel_fixes(html: str) -> list[str]:
    """The items of the panel's "what to fix" list, as text."""
    start = html.index(PANEL)
    section = html[start : html.index("</section>", start)]
    listed = re.search(r"สิ่งที่ควรแก้ไข</h3>\s*<ol[^>]*>(.*?)</ol>", section, re.S)
    assert listed, section
    return [unescape(item).strip() for item in re.findall(r"<li>(.*?)</li>", listed.group(1), re.S)]


def page(client, dataset) -> str:
    response = client.get(reverse("opendata:dataset", args=[dataset.name]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("who", ["org_editor", "org_admin", "lao_officer", "platform_admin"])
def test_editors_see_the_panel_with_what_to_fix(client, org, dataset, who):
    user = {
        "org_editor": lambda: f.editor(org),
        "org_admin": lambda: f.editor(org, capacity="admin"),
        "lao_officer": lambda: member(lao("4500103")),
        "platform_admin": f.platform_admin,
    }[who]()
    client.force_login(user)
    html = page(client, dataset)
    assert PANEL in html and "คุณภาพชุดข้อมูล" in html
    with translation.override("th"):
        report = quality_for(dataset)
        expected = [str(fix) for fix in report.fixes]
    assert f"{report.score}/100" in html
    assert panel_fixes(html) == expected
    assert any("ยังไม่มีไฟล์หรือลิงก์ข้อมูล" in fix for fix in expected)
    assert any("ยังไม่มีข้อมูลที่ดาวน์โหลดได้" in fix for fix in expected)


def test_the_panel_follows_the_stored_score(client, org, dataset):
    # Given a stored score (the nightly refresh) and a missing contact person,
    dataset.maintainer = ""
    dataset.save(update_fields=["maintainer"])
    quality_refresh(dataset_id=dataset.pk)
    client.force_login(f.editor(org))
    before = panel_fixes(page(client, dataset))
    assert any("ยังไม่มีไฟล์หรือลิงก์ข้อมูล" in fix for fix in before)
    assert any("ผู้ติดต่อ" in fix for fix in before)  # by its Thai label
    # when a CSV link is added and the score refreshed,
    dataset.resources.create(name="ร้านค้า", format="CSV", url="https://example.go.th/shops.csv")
    quality_refresh(dataset_id=dataset.pk)
    after = panel_fixes(page(client, dataset))
    # the file is no longer something to fix; the missing contact still is.
    assert not any("ยังไม่มีไฟล์หรือลิงก์ข้อมูล" in fix for fix in after)
    assert any("ผู้ติดต่อ" in fix for fix in after)
    # Once nothing is left to fix, the panel says so.
    dataset.maintainer = "กองคลัง"
    dataset.save(update_fields=["maintainer"])
    quality_refresh(dataset_id=dataset.pk)
    html = page(client, dataset)
    assert PANEL in html and "ผ่านทุกเกณฑ์แล้ว" in html and "สิ่งที่ควรแก้ไข" not in html


@pytest.mark.parametrize("who", ["anonymous", "stranger", "org_member", "other_org_editor"])
def test_the_public_and_other_organizations_do_not_see_the_panel(client, org, dataset, who):
    if who == "stranger":
        client.force_login(f.UserFactory())
    elif who == "org_member":  # may read the organization's private data, not edit it
        client.force_login(f.editor(org, capacity="member"))
    elif who == "other_org_editor":
        client.force_login(f.editor(f.lao_org("4400115")))
    html = page(client, dataset)
    assert "ทะเบียนร้านค้า" in html  # the page itself is shown
    assert PANEL not in html and "สิ่งที่ควรแก้ไข" not in html and "/100" not in html
