"""The awards pages: public pages show only published lists; the review pages are for platform
administrators; bad input gives Thai errors, never a 500."""

from __future__ import annotations

import pytest
from django.urls import reverse

from thongthin.opendata.awards import services
from thongthin.opendata.awards.models import AwardList
from thongthin.opendata.tests import factories as f

from .conftest import YEAR_BE

pytestmark = pytest.mark.django_db


def url(name: str, *args: object) -> str:
    return reverse(f"awards:{name}", args=args)


def test_public_pages_show_only_published_lists(client, admin, downloaded):
    assert client.get(url("index")).status_code == 200
    award_list = services.award_list_compute(actor=admin, year_be=YEAR_BE)
    assert "ชุดดาวน์โหลดมาก" not in client.get(url("index")).content.decode()
    assert client.get(url("year", YEAR_BE)).status_code == 404  # a draft is not public
    services.award_list_publish(actor=admin, award_list=award_list)
    html = client.get(url("index")).content.decode()
    assert "ชุดดาวน์โหลดมาก" in html and "ดาวน์โหลด 42 ครั้ง" in html
    assert client.get(url("year", YEAR_BE)).status_code == 200
    assert client.get(url("year", 2400)).status_code == 404
    assert client.get("/awards/abc").status_code == 404


@pytest.mark.parametrize("who", ["anonymous", "citizen", "org_admin"])
def test_review_pages_refuse_everyone_but_platform_admins(client, org, who):
    if who != "anonymous":
        client.force_login(f.UserFactory() if who == "citizen" else f.editor(org, capacity="admin"))
    for response in (
        client.get(url("review")),
        client.post(url("compute"), {"year_be": YEAR_BE}),
        client.get(url("review_year", YEAR_BE)),
        client.post(url("publish", YEAR_BE)),
    ):
        assert response.status_code in (302, 403)
        if who != "anonymous":
            assert response.status_code == 403
    assert not AwardList.objects.exists()


def test_compute_review_publish_from_the_pages(client, admin, downloaded):
    client.force_login(admin)
    assert client.get(url("review")).status_code == 200
    response = client.post(url("compute"), {"year_be": YEAR_BE})
    assert response.status_code == 302 and response["Location"] == url("review_year", YEAR_BE)
    html = client.get(url("review_year", YEAR_BE)).content.decode()
    assert "ชุดดาวน์โหลดมาก" in html and "ประกาศรางวัล" in html
    response = client.post(url("publish", YEAR_BE))
    assert response.status_code == 302 and response["Location"] == url("year", YEAR_BE)
    response = client.post(url("compute"), {"year_be": YEAR_BE})
    assert response.status_code == 422 and "ประกาศแล้ว คำนวณใหม่ไม่ได้" in response.content.decode()


@pytest.mark.parametrize(
    ("value", "message"),
    [("", "กรุณากรอกปี พ.ศ."), ("สองห้าหก", "ปีต้องเป็นตัวเลข"), ("2024", "ปีต้องเป็น พ.ศ.")],
)
def test_bad_years_give_thai_errors(client, admin, value, message):
    client.force_login(admin)
    response = client.post(url("compute"), {"year_be": value})
    assert response.status_code == 422 and message in response.content.decode()
    assert not AwardList.objects.exists()


def test_unknown_years_on_review_pages_are_404(client, admin):
    client.force_login(admin)
    assert client.get(url("review_year", 2555)).status_code == 404
    assert client.post(url("publish", 2555)).status_code == 404


def test_publishing_an_empty_list_shows_a_message(client, admin):
    client.force_login(admin)
    client.post(url("compute"), {"year_be": 2561})
    response = client.post(url("publish", 2561), follow=True)
    assert "ยังไม่มีชุดข้อมูลที่ได้รับรางวัล" in response.content.decode()
    assert AwardList.objects.get().state == "draft"
