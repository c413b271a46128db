"""The platform publishes its own data (directory, verified e-mails, assessment aggregates) as
datasets, refreshed by a job; a refresh changes a file only when its content changed."""

from __future__ import annotations

import csv
import io

import pytest

from thongthin.core import jobs
from thongthin.core.models import Job, JobState
from thongthin.directory.models import LAO
from thongthin.opendata.models import Dataset, Resource, State
from thongthin.opendata.services import platform_data
from thongthin.registry.tests.factories import approved

pytestmark = pytest.mark.django_db


def rows(name: str) -> list[dict[str, str]]:
    resource = Resource.objects.get(dataset__name=name, state=State.ACTIVE)
    with resource.upload.open("rb") as handle:
        text = handle.read().decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_refresh_publishes_three_datasets_then_changes_only_what_changed():
    first = platform_data.platform_data_refresh()
    assert set(first.values()) == {"created"}
    directory = rows("thongthin-lao-directory")
    assert len(directory) == LAO.objects.filter(status="active").count()
    assert {"dla_code": "4500103", "name": "เทศบาลเมืองแม่เหียะ"}.items() <= directory[
        [r["dla_code"] for r in directory].index("4500103")
    ].items()
    dataset = Dataset.objects.get(name="thongthin-lao-directory")
    assert dataset.owner_org.name == "thongthin" and dataset.state == State.ACTIVE
    assert set(platform_data.platform_data_refresh().values()) == {"unchanged"}

    approved(LAO.objects.get(dla_code="4500103"), "saraban@maehia.go.th")
    again = platform_data.platform_data_refresh()
    assert again["thongthin-lao-official-emails"] == "updated"
    assert again["thongthin-lao-directory"] == "unchanged"
    emails = rows("thongthin-lao-official-emails")
    assert [r["email"] for r in emails] == ["saraban@maehia.go.th"]


def test_small_groups_of_assessments_are_not_published_as_exact_counts():
    from thongthin.assessment.models import Assessment, AssessmentStatus
    from thongthin.demo.assessments import generate_assessments

    chiang_mai = list(LAO.objects.filter(province__code="50", status="active")[:6])
    khon_kaen = list(LAO.objects.filter(province__code="40", status="active")[:1])
    generate_assessments(count=300, seed=3, laos=chiang_mai + khon_kaen, years=(2567,))
    Assessment.objects.update(status=AssessmentStatus.SIGNED_OFF)
    platform_data.platform_data_refresh()
    published = rows("thongthin-fiscal-discipline-aggregates")
    assert {r["province_code"] for r in published} == {"50", "40"}
    assert any(r["laos"].startswith("<") for r in published)  # Khon Kaen: one LAO
    assert any(not r["laos"].startswith("<") for r in published)
    for row in published:
        if row["laos"].startswith("<"):
            assert row["laos"] == f"<{platform_data.SMALL_CELL}"
            withheld = ("assessments", "pass", "improve", "high_risk", "suspend")
            assert all(row[k] == "" for k in withheld)
        else:
            assert int(row["laos"]) >= platform_data.SMALL_CELL
            levels = sum(int(row[k]) for k in ("pass", "improve", "high_risk", "suspend"))
            assert 0 < levels <= int(row["assessments"])


def test_the_refresh_runs_as_a_background_job(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.enqueue("opendata.platform_data.refresh")
    job = Job.objects.get(pk=job.pk)
    assert job.state == JobState.DONE, job.error
    assert Dataset.objects.filter(name__startswith="thongthin-").count() == 3
