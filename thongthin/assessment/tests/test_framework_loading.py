"""Framework files: a broken one is refused with a clear message and nothing is saved; versions
are immutable once published; an assessment keeps its version."""

import datetime as dt
import shutil

import pytest

from thongthin.assessment.framework import loader
from thongthin.assessment.framework.schema import FrameworkProblem, parse_framework
from thongthin.assessment.models import FrameworkStatus, FrameworkVersion
from thongthin.assessment.services import assessments as svc
from thongthin.assessment.services import content as content_svc
from thongthin.assessment.services import frameworks as fsvc
from thongthin.core.errors import Conflict, ValidationFailed

from .factories import answer_everything, festival, team

pytestmark = pytest.mark.django_db


@pytest.fixture
def frameworks_dir(tmp_path, monkeypatch):
    """A private copy of the shipped frameworks that a test may edit."""
    target = tmp_path / "frameworks"
    shutil.copytree(loader.FRAMEWORKS_DIR, target)
    monkeypatch.setattr(loader, "FRAMEWORKS_DIR", target)
    return target


def _doc():
    return loader.read_directory(loader.FRAMEWORKS_DIR / "2568.1")


def test_shipped_framework_is_valid_and_loaded():
    fw = parse_framework(_doc())
    assert fw.version == "2568.1"
    assert FrameworkVersion.objects.get(version="2568.1").status == FrameworkStatus.PUBLISHED


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (
            lambda d: d["checks"][0].update(sources=[{"source": "NOPE", "clause": "1"}]),
            "unknown source",
        ),
        (
            lambda d: d["checks"][0].update(applies_when={"answers": {"X9.9": "no"}}),
            "unknown check",
        ),
        (lambda d: d["checks"][0].update(severity="catastrophic"), "severity"),
        (lambda d: d["checks"].append(dict(d["checks"][0])), "duplicate id"),
        (lambda d: d["checks"][0].update(rule={"type": "magic"}), "unknown rule"),
        (lambda d: d["checks"][0].update(question={"th": "", "en": "x"}), "Thai text"),
        (lambda d: d["checks"][0].update(kinds=[]), "at least one project kind"),
        (lambda d: d["framework"].update(version=""), "framework.version"),
        (lambda d: d["parameters"]["food_per_person_day"].update(value="lots"), "not a number"),
        (
            lambda d: next(c for c in d["checks"] if c["id"] == "P-27")["rule"].update(
                to="fact:nothing"
            ),
            "unknown reference",
        ),
    ],
)
def test_broken_documents_are_refused_with_the_path(mutate, expected):
    doc = _doc()
    mutate(doc)
    with pytest.raises(FrameworkProblem) as err:
        parse_framework(doc)
    assert any(expected in problem for problem in err.value.problems), err.value.problems


def test_a_broken_file_in_the_repo_is_refused_and_nothing_saved(frameworks_dir):
    broken = frameworks_dir / "2568.9"
    shutil.copytree(frameworks_dir / "2568.1", broken)
    text = (
        (broken / "framework.yaml")
        .read_text(encoding="utf-8")
        .replace('version: "2568.1"', 'version: "2568.9"')
    )
    (broken / "framework.yaml").write_text(text, encoding="utf-8")
    checks = broken / "checks" / "00_cross_cutting.yaml"
    checks.write_text(
        checks.read_text(encoding="utf-8").replace("source: R3", "source: R99"), encoding="utf-8"
    )
    with pytest.raises(ValidationFailed) as err:
        fsvc.framework_load_from_files()
    assert err.value.code == "framework_invalid"
    assert "R99" in err.value.render()
    assert not FrameworkVersion.objects.filter(version="2568.9").exists()


def test_invalid_yaml_is_reported(frameworks_dir):
    (frameworks_dir / "2568.1" / "checks" / "99_bad.yaml").write_text(
        "- id: [unclosed", encoding="utf-8"
    )
    with pytest.raises(FrameworkProblem) as err:
        loader.read_directory(frameworks_dir / "2568.1")
    assert "99_bad.yaml" in str(err.value)


def test_a_published_version_cannot_change_in_place(frameworks_dir):
    framework_yaml = frameworks_dir / "2568.1" / "framework.yaml"
    framework_yaml.write_text(
        framework_yaml.read_text(encoding="utf-8").replace("pass_score: 80", "pass_score: 70"),
        encoding="utf-8",
    )
    with pytest.raises(Conflict) as err:
        fsvc.framework_load_from_files()
    assert err.value.code == "framework_version_changed"


def test_loading_twice_changes_nothing():
    assert fsvc.framework_load_from_files() == []


def test_a_new_version_does_not_change_a_submitted_result(frameworks_dir):
    # Given a signed-off assessment made with 2568.1
    t = team()
    a = festival(t["officer"], t["lao"])
    content_svc.cost_line_add(
        actor=t["officer"],
        assessment=a,
        data={
            "category": "food_workers",
            "quantity": "1",
            "unit_cost": "140",
            "persons": "10",
            "days": "1",
        },
    )
    a = answer_everything(t["officer"], a)
    a = svc.assessment_sign_off(
        actor=t["executive"], assessment=svc.assessment_submit(actor=t["officer"], assessment=a)
    )
    before = (a.level, a.score, a.result)
    # When version 2569.1 lowers the food cap to 100 baht and is loaded
    new = frameworks_dir / "2569.1"
    shutil.copytree(frameworks_dir / "2568.1", new)
    head = (new / "framework.yaml").read_text(encoding="utf-8")
    (new / "framework.yaml").write_text(
        head.replace('version: "2568.1"', 'version: "2569.1"').replace("value: 150", "value: 100"),
        encoding="utf-8",
    )
    assert fsvc.framework_load_from_files() == ["2569.1"]
    assert FrameworkVersion.objects.get(version="2568.1").status == FrameworkStatus.RETIRED
    # Then the signed-off assessment still shows its own version's result
    a.refresh_from_db()
    assert (a.level, a.score, a.result) == before
    assert a.framework.version == "2568.1"
    # and a revision uses the new version
    revision = svc.assessment_revise(actor=t["officer"], assessment=a)
    assert revision.framework.version == "2569.1"


def test_content_editor_revises_and_publishes_a_new_version():
    from thongthin.accounts.models import PlatformRole
    from thongthin.accounts.tests.factories import platform_user

    editor = platform_user(PlatformRole.CONTENT_EDITOR)
    draft = fsvc.framework_draft_create(actor=editor, version="2568.2")
    assert draft.status == FrameworkStatus.DRAFT
    draft = fsvc.framework_draft_update_check(
        actor=editor,
        draft=draft,
        check_id="P-27",
        texts={
            "question": {"th": "วันประกาศแผนการดำเนินงาน (แก้ไข)", "en": "Operating plan announced on"}
        },
        severity="minor",
        verification="verified",
    )
    draft = fsvc.framework_draft_update_parameter(
        actor=editor,
        draft=draft,
        parameter_id="food_per_person_day",
        value="120",
        verification="verified",
    )
    with pytest.raises(ValidationFailed):
        fsvc.framework_draft_update_parameter(
            actor=editor,
            draft=draft,
            parameter_id="food_per_person_day",
            value="-1",
            verification="verified",
        )
    # Mistakes are told in Thai, beside the field (not the schema's English for files)
    with pytest.raises(ValidationFailed) as err:
        fsvc.framework_draft_update_parameter(
            actor=editor,
            draft=draft,
            parameter_id="food_per_person_day",
            value="abc",
            verification="verified",
        )
    assert err.value.field == "value" and str(err.value.message) == "ต้องเป็นตัวเลข"
    with pytest.raises(ValidationFailed) as err:
        fsvc.framework_draft_update_check(
            actor=editor,
            draft=draft,
            check_id="P-27",
            texts={"question": {"th": " ", "en": "Operating plan announced on"}},
            severity="minor",
            verification="verified",
        )
    assert err.value.field == "question_th" and "ภาษาไทย" in str(err.value.message)
    published = fsvc.framework_publish(actor=editor, draft=draft)
    assert published.status == FrameworkStatus.PUBLISHED
    fw = fsvc.framework_current().parsed()
    assert fw.version == "2568.2"
    assert fw.check("P-27").severity == "minor"
    assert fw.parameters["food_per_person_day"].value == 120
    with pytest.raises(Conflict):
        fsvc.framework_draft_update_check(
            actor=editor,
            draft=published,
            check_id="P-27",
            texts={},
            severity="minor",
            verification="verified",
        )


def test_only_content_editors_edit_frameworks():
    from thongthin.accounts.tests.factories import UserFactory
    from thongthin.core.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        fsvc.framework_draft_create(actor=UserFactory(), version="2568.3")


def test_a_revised_day_limit_parameter_changes_the_rule():
    from thongthin.accounts.models import PlatformRole
    from thongthin.accounts.tests.factories import platform_user
    from thongthin.assessment.framework.evaluate import ProjectFacts, evaluate, normalize_answers

    editor = platform_user(PlatformRole.CONTENT_EDITOR)
    draft = fsvc.framework_draft_create(actor=editor, version="2568.3")
    draft = fsvc.framework_draft_update_parameter(
        actor=editor,
        draft=draft,
        parameter_id="operating_plan_days",
        value="5",
        verification="verified",
    )
    fw = draft.parsed()
    answers = normalize_answers(fw, "festival", {"P-27": "2024-10-01"})
    ev = evaluate(
        fw,
        kind="festival",
        lao_type="sao",
        fiscal_year=2568,
        answers=answers,
        facts=ProjectFacts(budget_announced_on=dt.date(2024, 9, 20)),
        cost_lines=[],
    )
    p27 = next(f for f in ev.findings if f.check.id == "P-27")
    assert p27.result == "fail" and "5" in p27.message and "11" in p27.message


def test_an_editor_version_exports_to_files_that_load_to_the_same_content(tmp_path, frameworks_dir):
    from django.core.management import call_command

    from thongthin.accounts.models import PlatformRole
    from thongthin.accounts.tests.factories import platform_user

    editor = platform_user(PlatformRole.CONTENT_EDITOR)
    draft = fsvc.framework_draft_create(actor=editor, version="2568.4")
    draft = fsvc.framework_draft_update_parameter(
        actor=editor,
        draft=draft,
        parameter_id="food_per_person_day",
        value="120",
        verification="verified",
    )
    published = fsvc.framework_publish(actor=editor, draft=draft)
    call_command("export_framework", "2568.4", to=frameworks_dir / "2568.4")
    doc = loader.read_directory(frameworks_dir / "2568.4")
    assert loader.document_sha256(doc) == published.sha256
    # Loading the files again leaves the editor's version as it is (no conflict, nothing new).
    assert fsvc.framework_load_from_files() == []


@pytest.mark.parametrize("version", ["25/68", "<b>x</b>", "2568.²", "2568", "x" * 30, "2568.1.2.3"])
def test_draft_versions_must_look_like_versions(version):
    from thongthin.accounts.models import PlatformRole
    from thongthin.accounts.tests.factories import platform_user

    with pytest.raises(ValidationFailed) as err:
        fsvc.framework_draft_create(
            actor=platform_user(PlatformRole.CONTENT_EDITOR), version=version
        )
    assert err.value.code == "invalid_framework_version"
    assert not FrameworkVersion.objects.exclude(version="2568.1").exists()


@pytest.mark.parametrize("value", ["1e999", "1000000000000", "12.345", "-1", "abc"])
def test_parameter_values_are_bounded(value):
    from thongthin.accounts.models import PlatformRole
    from thongthin.accounts.tests.factories import platform_user

    editor = platform_user(PlatformRole.CONTENT_EDITOR)
    draft = fsvc.framework_draft_create(actor=editor, version="2568.6")
    with pytest.raises(ValidationFailed):
        fsvc.framework_draft_update_parameter(
            actor=editor,
            draft=draft,
            parameter_id="food_per_person_day",
            value=value,
            verification="verified",
        )
    draft.refresh_from_db()
    assert draft.parsed().parameters["food_per_person_day"].value == 150
