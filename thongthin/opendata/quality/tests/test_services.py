"""Storing scores, refreshing them, the publisher's report and its panel."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.template.loader import render_to_string
from django.utils import translation

from thongthin.opendata.models import Resource, State
from thongthin.opendata.quality.models import QualityScore
from thongthin.opendata.quality.selectors import quality_for
from thongthin.opendata.quality.services import quality_refresh, quality_refresh_all
from thongthin.opendata.tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def dataset():
    return f.dataset(f.lao_org("4500103"), title="ทะเบียนร้านค้า", maintainer="", state="draft")


def test_refresh_stores_the_score_and_replaces_it(dataset):
    first = quality_refresh(dataset_id=dataset.pk)
    assert first is not None and not first.downloadable
    Resource.objects.create(dataset=dataset, format="CSV", url="https://x.go.th/shops.csv")
    second = quality_refresh(dataset_id=dataset.pk)
    assert second.score > first.score and second.downloadable and second.openness_stars == 3
    assert QualityScore.objects.filter(dataset=dataset).count() == 1


def test_a_deleted_or_unknown_dataset_has_no_score(dataset):
    quality_refresh(dataset_id=dataset.pk)
    dataset.state = State.DELETED
    dataset.save(update_fields=["state"])
    assert quality_refresh(dataset_id=dataset.pk) is None
    assert not QualityScore.objects.filter(dataset=dataset).exists()
    assert quality_refresh(dataset_id="no-such-id") is None


def test_refresh_all_and_the_command(dataset, capsys):
    other = f.dataset(f.lao_org("4500103"), title="ทะเบียนตลาด")
    assert quality_refresh_all() >= 2
    assert QualityScore.objects.filter(dataset__in=[dataset, other]).count() == 2
    call_command("opendata_quality_refresh", dataset=dataset.pk)
    assert "ทะเบียน" not in capsys.readouterr().out  # prints the id and score only
    call_command("opendata_quality_refresh")
    assert "quality scores recomputed" in capsys.readouterr().out


def test_quality_for_says_what_to_fix_in_thai(dataset):
    with translation.override("th"):
        report = quality_for(dataset)  # not stored yet: computed on the spot
        assert report.computed_at is None
        fixes = " ".join(report.fixes)
    assert "ผู้ติดต่อ" in fixes  # the missing maintainer, by its Thai label
    assert "ยังไม่มีไฟล์หรือลิงก์ข้อมูล" in fixes
    assert "ยังไม่มีข้อมูลที่ดาวน์โหลดได้" in fixes
    quality_refresh(dataset_id=dataset.pk)
    stored = quality_for(dataset)
    assert stored.computed_at is not None and stored.score == report.score


def test_an_overdue_dataset_is_told_when_it_was_last_updated(dataset):
    dataset.thai = {
        **dataset.thai,
        "update_frequency_unit": "เดือน",
        "last_updated_date": "2024-01-15",
    }
    dataset.save(update_fields=["thai"])
    quality_refresh(dataset_id=dataset.pk, today=dt.date(2024, 5, 1))
    with translation.override("th"):
        fixes = quality_for(dataset).fixes
    assert any("15 ม.ค. 2567" in fix and "107 วันก่อน" in fix for fix in fixes)


def test_the_panel_shows_the_score_and_the_fixes(dataset):
    quality_refresh(dataset_id=dataset.pk)
    with translation.override("th"):
        html = render_to_string("opendata/quality/_panel.html", {"quality": quality_for(dataset)})
    assert "คุณภาพชุดข้อมูล" in html and "/100" in html and "สิ่งที่ควรแก้ไข" in html
    assert render_to_string("opendata/quality/_panel.html", {}).strip() == ""


def test_refresh_job_handler(dataset):
    from thongthin.core.jobs import JobContext

    context = JobContext(
        job_id=0, name="opendata.quality.refresh", payload={"dataset_id": dataset.pk}, attempt=1
    )
    from thongthin.opendata.quality.services import quality_refresh_job

    quality_refresh_job(context)
    assert QualityScore.objects.filter(dataset=dataset).exists()


def test_a_dataset_change_refreshes_its_score_in_the_background(
    django_capture_on_commit_callbacks,
):
    from thongthin.core.models import Job
    from thongthin.opendata.quality.models import QualityScore
    from thongthin.opendata.services import datasets as dataset_services
    from thongthin.opendata.tests import factories as tf

    org = tf.lao_org("4500103")
    with django_capture_on_commit_callbacks(execute=True):
        created = dataset_services.package_create(
            actor=tf.platform_admin(), data=tf.package_data(org, name="scored")
        )
    job = Job.objects.get(name="opendata.quality.refresh", payload={"dataset_id": created.id})
    assert job.state == "done"
    first = QualityScore.objects.get(dataset_id=created.id)
    with django_capture_on_commit_callbacks(execute=True):
        dataset_services.package_update(
            actor=tf.platform_admin(),
            data={"id": "scored", "resources": [{"url": "https://example.go.th/a.csv"}]},
            partial=True,
        )
    assert QualityScore.objects.get(dataset_id=created.id).score > first.score  # downloadable now
