"""Computing, explaining and publishing the annual awards; who may do it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone, translation

from thongthin.core.errors import Conflict, PermissionDenied, ValidationFailed
from thongthin.core.models import AuditEvent
from thongthin.opendata.awards import services
from thongthin.opendata.awards.explanations import explain
from thongthin.opendata.awards.models import AwardCategory, AwardList
from thongthin.opendata.awards.selectors import categories
from thongthin.opendata.datarequests import services as requests
from thongthin.opendata.models import Resource
from thongthin.opendata.quality.services import quality_refresh
from thongthin.opendata.tests import factories as f

from .conftest import YEAR_BE

pytestmark = pytest.mark.django_db


def entries(award_list: AwardList, category: str) -> list:
    return list(award_list.entries.filter(category=category).order_by("rank"))


def test_most_downloaded_counts_downloads_in_the_year_of_public_datasets(admin, downloaded):
    a, b, _hidden = downloaded
    award_list = services.award_list_compute(actor=admin, year_be=YEAR_BE)
    got = entries(award_list, AwardCategory.MOST_DOWNLOADED)
    assert [(e.dataset, e.facts["downloads"]) for e in got] == [(a, 42), (b, 20)]
    with translation.override("th"):
        text = explain(got[0])
    assert text == (
        "ดาวน์โหลด 42 ครั้งในปี พ.ศ. 2567 มากเป็นอันดับ 1 จากชุดข้อมูลสาธารณะ 2 ชุดที่มีผู้ดาวน์โหลดในปีนั้น"
    )


def test_demand_fulfilled_ranks_by_the_votes_of_requests_closed_in_the_year(
    admin, org, monkeypatch
):
    editor = f.editor(org)
    popular = f.dataset(org, title="ข้อมูลที่คนขอมาก")
    modest = f.dataset(org, title="ข้อมูลที่คนขอน้อย")
    asked = []
    for title, dataset, votes in [
        ("ขอข้อมูล ก", popular, 3),
        ("ขอข้อมูล ข", modest, 1),
        ("ขอข้อมูล ค", popular, 2),
    ]:
        request = requests.datarequest_create(actor=f.UserFactory(), title=title, organization=org)
        for _ in range(votes):
            requests.datarequest_vote(actor=f.UserFactory(), datarequest=request)
        asked.append((request, dataset))
    closed_at = dt.datetime(2024, 8, 1, 10, tzinfo=dt.UTC)
    monkeypatch.setattr(timezone, "now", lambda: closed_at)
    for request, dataset in asked:
        requests.datarequest_transition(
            actor=editor, datarequest=request, to_state="fulfilled", dataset=dataset
        )
    monkeypatch.undo()
    outside = requests.datarequest_create(actor=f.UserFactory(), title="ขอปีหน้า", organization=org)
    requests.datarequest_transition(
        actor=editor, datarequest=outside, to_state="fulfilled", dataset=modest
    )  # closed now, not in 2567
    award_list = services.award_list_compute(actor=admin, year_be=YEAR_BE)
    got = entries(award_list, AwardCategory.DEMAND_FULFILLED)
    assert [(e.dataset, e.facts["votes"], e.facts["requests"]) for e in got] == [
        (popular, 5, 2),
        (modest, 1, 1),
    ]
    with translation.override("th"):
        assert "“ขอข้อมูล ก” (3 โหวต)" in explain(got[0]) and "2 คำขอ รวม 5 โหวต" in explain(got[0])
        assert "“ขอข้อมูล ข” ซึ่งมีผู้โหวตว่าต้องการ 1 คน" in explain(got[1])


def test_most_valuable_puts_high_value_datasets_first(admin, org):
    plain = f.dataset(org, title="ชุดคุณภาพดี", data_type="ข้อมูลระเบียน", high_value_dataset="False")
    high = f.dataset(org, title="ชุดคุณค่าสูง", data_type="ข้อมูลระเบียน", high_value_dataset="True")
    poor = f.dataset(org, title="ชุดที่ยังไม่พร้อม")  # no resources: scores below the bar
    for dataset, fmt in ((plain, "RDF"), (high, "CSV")):
        Resource.objects.create(dataset=dataset, format=fmt, url=f"https://x.go.th/d.{fmt.lower()}")
        quality_refresh(dataset_id=dataset.pk)
    award_list = services.award_list_compute(actor=admin, year_be=YEAR_BE)
    got = entries(award_list, AwardCategory.MOST_VALUABLE)
    assert [e.dataset for e in got] == [high, plain]
    assert poor not in [e.dataset for e in got]
    assert got[0].facts["high_value"] is True and got[1].facts["score"] > got[0].facts["score"]
    with translation.override("th"):
        text = explain(got[0])
    assert text.startswith("หน่วยงานระบุว่าเป็นชุดข้อมูลที่มีคุณค่าสูง และได้คะแนนคุณภาพ 88 จาก 100")
    assert "รูปแบบเปิด 3 ดาว" in text and "ครบ 100%" in text


def test_compute_and_publish_are_for_platform_admins_only(org, downloaded):
    for actor in (f.editor(org), f.editor(org, capacity="admin"), f.UserFactory()):
        with pytest.raises(PermissionDenied):
            services.award_list_compute(actor=actor, year_be=YEAR_BE)
    award_list = services.award_list_compute(actor=f.platform_admin(), year_be=YEAR_BE)
    with pytest.raises(PermissionDenied):
        services.award_list_publish(actor=f.editor(org), award_list=award_list)


@pytest.mark.parametrize("year", [2559, 3000, "abc", None, 2024])
def test_the_year_must_be_a_be_year_that_has_begun(admin, year):
    with pytest.raises(ValidationFailed) as caught:
        services.award_list_compute(actor=admin, year_be=year)
    assert "year_be" in caught.value.fields
    assert not AwardList.objects.exists()


def test_draft_to_published_and_final(admin, downloaded):
    draft = services.award_list_compute(actor=admin, year_be=YEAR_BE)
    again = services.award_list_compute(actor=admin, year_be=YEAR_BE)  # drafts may be recomputed
    assert again.pk == draft.pk and again.entries.count() == draft.entries.count()
    published = services.award_list_publish(actor=admin, award_list=draft)
    assert published.state == "published" and published.published_by == admin
    with pytest.raises(Conflict) as caught:
        services.award_list_compute(actor=admin, year_be=YEAR_BE)
    assert caught.value.code == "awards_already_published"
    with pytest.raises(Conflict):
        services.award_list_publish(actor=admin, award_list=draft)
    actions = list(
        AuditEvent.objects.filter(
            target_type="opendata_awards.awardlist", target_id=str(draft.pk)
        ).values_list("action", flat=True)
    )
    assert sorted(actions) == [
        "opendata.awards.computed",
        "opendata.awards.computed",
        "opendata.awards.published",
    ]


def test_an_empty_list_is_not_published(admin):
    award_list = services.award_list_compute(actor=admin, year_be=2561)
    assert not award_list.entries.exists()
    with pytest.raises(Conflict) as caught:
        services.award_list_publish(actor=admin, award_list=award_list)
    assert caught.value.code == "awards_empty"


def test_entries_keep_their_numbers_after_the_catalog_changes(admin, downloaded):
    a, _b, _hidden = downloaded
    award_list = services.award_list_compute(actor=admin, year_be=YEAR_BE)
    a.title = "ชื่อใหม่"
    a.save(update_fields=["title"])
    first = categories(award_list)[0].entries[0]
    assert first.entry.dataset_title == "ชุดดาวน์โหลดมาก" and "42" in first.explanation
