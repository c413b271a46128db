"""The content of framework 2568.1 (thongthin/assessment/frameworks/2568.1): every check of every
kind can pass and can fail with a plain Thai message and its sources, checks appear only where
they apply, nothing from the domain notes is forgotten, and the date and amount rules hold at
their edges. Pure: no database."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pytest
from django.utils import translation
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from thongthin.assessment.framework.evaluate import (
    Context,
    CostLine,
    Evaluation,
    Finding,
    ProjectFacts,
    evaluate,
    normalize_answers,
)
from thongthin.assessment.framework.loader import FRAMEWORKS_DIR, read_directory
from thongthin.assessment.framework.rules import RULES
from thongthin.assessment.framework.schema import (
    LAO_TYPE_GROUPS,
    LAO_TYPES,
    Check,
    Framework,
    Rule,
    SourceRef,
    Text,
    parse_framework,
)
from thongthin.core.fiscal_year import FiscalYear
from thongthin.core.money import format_baht

pytestmark: list[Any] = []

VERSION = "2568.1"
FISCAL_YEAR = 2568
THAI = re.compile(r"[\u0E00-\u0E7F]")
HYPOTHESIS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

# The checklists of shared/domain/fiscal-discipline.md §3 (G1–G7, P-27, B-rep, B-97; S1.1–S4.6,
# F1.1–F4.5, K1.1–K4.5), plus the amount checks added with a letter (S3.1a, F3.1a, K3.1a).
CROSS_CUTTING = ["G1", "G2", "G3", "G4", "G5", "G6", "G7", "P-27", "B-rep"]
EXPECTED = {
    "subsidy": [
        *CROSS_CUTTING,
        *["S1.1", "S1.2", "S1.3", "S1.4", "S1.5"],
        *["S2.1", "S2.2", "S2.3"],
        *["S3.1", "S3.1a", "S3.2", "S3.3", "S3.4"],
        *["S4.1", "S4.2", "S4.3", "S4.4", "S4.5", "S4.6"],
    ],
    "festival": [
        *CROSS_CUTTING,
        "B-97",
        *["F1.1", "F1.2", "F1.3", "F1.4", "F2.1", "F3.1", "F3.1a"],
        *["F4.1", "F4.2", "F4.3", "F4.4", "F4.5"],
    ],
    "sports": [
        *CROSS_CUTTING,
        "B-97",
        *["K1.1", "K1.2", "K1.3", "K2.1", "K3.1", "K3.1a"],
        *["K4.1", "K4.2", "K4.3", "K4.4", "K4.5"],
    ],
}
# "Do not spend": no authority, ineligible recipient, the recipient's own duty or a private
# club's benefit, no appropriation, prohibited costs, accumulated funds for operating costs.
EXPECTED_STOP = {
    "G4", "G7", "B-97",
    "S1.1", "S1.2", "S1.3", "S1.4", "S1.5", "S3.1", "S3.1a", "S3.3", "S3.4", "S4.5", "S4.6",
    "F1.1", "F3.1", "F3.1a", "F4.3",
    "K1.1", "K1.2", "K1.3", "K3.1", "K3.1a",
}  # fmt: skip
ALL_CHECKS = [(kind, cid) for kind, ids in EXPECTED.items() for cid in ids]
R2_IN_FORCE = dt.date(2021, 10, 16)
VERIFICATION_RANK = {"unverified": 0, "partly_verified": 1, "verified": 2}


@pytest.fixture(scope="module")
def fw() -> Framework:
    return parse_framework(read_directory(FRAMEWORKS_DIR / VERSION))


# --- building projects ---------------------------------------------------------------------------


def base_facts(**changes: Any) -> ProjectFacts:
    values: dict[str, Any] = {
        "amount": Decimal("100000"),
        "funding_source": "annual_budget",
        "recipient_type": "government_agency",
        "sports_mode": "hosting",
        "event_start": dt.date(2024, 11, 15),
        "event_end": dt.date(2024, 11, 16),
        "budget_announced_on": dt.date(2024, 9, 20),
        "budget_transfer": False,
        "plan_years": "2566-2570",
        "plan_page": "45",
        "plan_sequence": "3",
        "participants": 500,
    }
    values.update(changes)
    return ProjectFacts(**values)


def be(day: dt.date) -> str:
    """A date as an officer types it: 29/02/2567."""
    return f"{day.day:02d}/{day.month:02d}/{day.year + 543}"


def max_days(fw: Any, rule: Any) -> int:
    """A days_between rule's limit: a number, or a framework parameter (param:<id>)."""
    value = rule.params["max_days"]
    if isinstance(value, str):
        return int(fw.parameters[value.partition(":")[2]].value)
    return int(value)


def allowed_category(fw: Framework, kind: str, *, capital: bool | None = None) -> str:
    for c in fw.categories.values():
        usable = kind in c.kinds and not c.prohibited and not c.food
        if usable and (capital is None or c.capital == capital):
            return c.id
    raise AssertionError(f"no allowed category for {kind}")


def food_category(fw: Framework, check: Check, kind: str) -> str:
    ids = check.rule.params.get("categories") if check.rule else None
    food = ids or [c.id for c in fw.categories.values() if c.food]
    return next(c for c in food if kind in fw.categories[c].kinds)


def run(
    fw: Framework,
    kind: str,
    *,
    lao_type: str = "town_municipality",
    answers: dict[str, Any] | None = None,
    facts: ProjectFacts | None = None,
    lines: list[CostLine] | None = None,
    fiscal_year: int = FISCAL_YEAR,
) -> Evaluation:
    clean = normalize_answers(fw, kind, answers or {})
    return evaluate(
        fw,
        kind=kind,
        lao_type=lao_type,
        fiscal_year=fiscal_year,
        answers=clean,
        facts=facts or base_facts(),
        cost_lines=lines if lines is not None else [],
    )


def finding(ev: Evaluation, check_id: str) -> Finding:
    return next(f for f in ev.findings if f.check.id == check_id)


def _condition_value(value: str) -> Any:
    return {"true": True, "false": False}.get(value, value)


def scenario(fw: Framework, kind: str, check: Check, passing: bool) -> dict[str, Any]:
    """Answers, facts and cost lines under which `check` applies and passes (or fails)."""
    cond = check.applies_when
    lao_type = sorted(cond.lao_types)[0] if cond.lao_types else "town_municipality"
    facts = {name: _condition_value(sorted(v)[0]) for name, v in cond.facts.items()}
    answers: dict[str, Any] = {other: sorted(v)[0] for other, v in cond.answers.items()}
    lines = [CostLine(allowed_category(fw, kind), "รายการปกติ", unit_cost=Decimal(10000))]
    rule = check.rule
    t = check.answer_type
    if t in {"yes_no", "evidence"}:
        answers[check.id] = "yes" if passing else "no"
    elif t == "choice":
        answers[check.id] = next(c.value for c in check.choices if c.compliant == passing)
    elif rule is not None and rule.type == "days_between":
        start = dt.date(2024, 11, 1)
        facts[rule.params["from"].split(":", 1)[1]] = start
        days = max_days(fw, rule) + (0 if passing else 1)
        answers[check.id] = be(start + dt.timedelta(days=days))
    elif rule is not None and rule.type == "amount_at_least":
        facts["amount"] = Decimal("100000")
        answers[check.id] = "100,000" if passing else "99,999.99"
    elif rule is not None and rule.type == "cost_lines_allowed_for_kind":
        if not passing:
            lines.append(CostLine("other", "ค่าใช้จ่ายอื่น", unit_cost=Decimal(2500)))
    elif rule is not None and rule.type == "no_prohibited_cost_lines":
        if not passing:
            lines.append(CostLine("souvenirs", "เสื้อที่ระลึก", unit_cost=Decimal(2500)))
    elif rule is not None and rule.type == "per_person_day_cap":
        cap = fw.parameters[rule.params["cap"].split(":", 1)[1]].value
        unit = cap if passing else cap + 1
        lines.append(
            CostLine(food_category(fw, check, kind), "ค่าอาหาร", unit_cost=unit, persons=50, days=2)
        )
    elif rule is not None and rule.type == "capital_only_from_accumulated_funds":
        facts["funding_source"] = "accumulated_funds"
        category = allowed_category(fw, kind, capital=passing)
        lines = [CostLine(category, "รายการ", unit_cost=Decimal(50000))]
    else:  # pragma: no cover - a new rule type needs a scenario here
        raise AssertionError(f"no scenario for {check.id} ({t}, {rule})")
    return {"lao_type": lao_type, "facts": base_facts(**facts), "answers": answers, "lines": lines}


def compliant_project(fw: Framework, kind: str, lao_type: str = "town_municipality") -> dict:
    """Every check passes (or is not applicable): facts, answers and cost lines."""
    facts = base_facts(sports_mode="hosting")
    answers: dict[str, Any] = {}
    for check in fw.checks_for(kind):
        t = check.answer_type
        if t in {"yes_no", "evidence"}:
            answers[check.id] = "yes"
        elif t == "choice":
            answers[check.id] = next(c.value for c in check.choices if c.compliant)
        elif t == "date":
            answers[check.id] = be(dt.date(2024, 10, 1))
        elif t == "amount":
            answers[check.id] = "100000"
    answers.pop("S2.2", None)  # asked only after S2.1 = no
    lines = [CostLine(allowed_category(fw, kind), "รายการหลัก", unit_cost=Decimal(60000))]
    if kind != "subsidy":
        food = next(c.id for c in fw.categories.values() if c.food and kind in c.kinds)
        lines.append(CostLine(food, "ค่าอาหาร", unit_cost=Decimal(100), persons=100, days=2))
    answers = {k: v for k, v in answers.items() if fw.check(k) and kind in fw.check(k).kinds}
    return {"lao_type": lao_type, "facts": facts, "answers": answers, "lines": lines}


# --- nothing forgotten, nothing half-written -----------------------------------------------------


def test_the_framework_loads_and_is_the_expected_version(fw):
    assert fw.version == VERSION
    assert len({c.id for c in fw.checks}) == len(fw.checks)


@pytest.mark.parametrize("kind", sorted(EXPECTED))
def test_every_check_of_the_domain_notes_is_there_and_nothing_else(fw, kind):
    ids = [c.id for c in fw.checks_for(kind)]
    assert len(ids) == len(set(ids))
    assert set(ids) == set(EXPECTED[kind])


def test_stop_severity_is_given_exactly_to_the_do_not_spend_checks(fw):
    assert {c.id for c in fw.checks if c.severity == "stop"} == EXPECTED_STOP


def test_accumulated_funds_are_checked_once_per_kind(fw):
    for kind in EXPECTED:
        rules = [c.id for c in fw.checks_for(kind) if c.rule and "accumulated" in c.rule.type]
        assert len(rules) == 1, (kind, rules)
    assert fw.check("S3.4").kinds == ("subsidy",)
    assert set(fw.check("B-97").kinds) == {"festival", "sports"}


@pytest.mark.parametrize(("kind", "check_id"), ALL_CHECKS)
def test_every_check_is_written_in_thai_and_english_with_sources(fw, kind, check_id):
    check = fw.check(check_id)
    assert check is not None and kind in check.kinds
    for text in (check.question, check.help, check.fail_message, check.recommendation):
        assert THAI.search(text.th) and text.en.strip(), check_id
    assert check.sources
    for ref in check.sources:
        assert ref.source in fw.sources, (check_id, ref.source)
        assert ref.clause.strip(), (check_id, ref.source)
    if check.answer_type == "choice":
        assert any(c.compliant for c in check.choices)
        assert any(not c.compliant for c in check.choices)


@pytest.mark.parametrize(("kind", "check_id"), ALL_CHECKS)
def test_a_check_is_never_more_certain_than_the_parameter_it_uses(fw, kind, check_id):
    check = fw.check(check_id)
    refs = [v for v in (check.rule.params.values() if check.rule else []) if isinstance(v, str)]
    for ref in refs:
        if ref.startswith("param:"):
            param = fw.parameters[ref.split(":", 1)[1]]
            assert VERIFICATION_RANK[check.verification] <= VERIFICATION_RANK[param.verification]


def test_caps_not_confirmed_in_the_gazette_are_parameters_marked_as_such(fw):
    assert fw.parameters["food_per_person_day"].verification == "unverified"
    assert fw.parameters["event_cost_cap"].verification == "unverified"
    for cid in ("F4.2", "K4.3"):
        assert fw.check(cid).rule.params["cap"] == "param:food_per_person_day"


def test_checks_based_on_the_2564_event_regulation_start_when_it_came_into_force(fw):
    for cid in ("F4.1", "F4.2", "F4.5", "K4.1", "K4.2", "K4.3", "K4.4"):
        assert fw.check(cid).in_force_from == R2_IN_FORCE, cid


def test_unconfirmed_clauses_are_admitted_in_the_help_text(fw):
    for cid in ("S2.1", "S4.1", "F4.1", "F4.5", "K4.1", "K4.4", "B-rep"):
        assert "ยังไม่ยืนยัน" in fw.check(cid).help.th, cid


# --- every check passes and fails ----------------------------------------------------------------


@pytest.mark.parametrize(("kind", "check_id"), ALL_CHECKS)
def test_every_check_can_pass(fw, kind, check_id):
    check = fw.check(check_id)
    f = finding(run(fw, kind, **scenario(fw, kind, check, passing=True)), check_id)
    assert f.applicable
    assert f.result == "pass", (check_id, f.params)
    assert f.message == ""


@pytest.mark.parametrize(("kind", "check_id"), ALL_CHECKS)
def test_every_check_can_fail_with_a_thai_message_and_its_sources(fw, kind, check_id):
    check = fw.check(check_id)
    ev = run(fw, kind, **scenario(fw, kind, check, passing=False))
    f = finding(ev, check_id)
    assert f.applicable
    assert f.result == "fail"
    with translation.override("th"):
        message = f.message
    assert message.strip() and THAI.search(message), message
    assert "%(" not in message, message
    assert f.check.sources and str(f.check.recommendation)
    with translation.override("en"):
        assert f.message.strip() and "%(" not in f.message
    rule = check.rule.type if check.rule else None
    if rule == "days_between":
        days = max_days(fw, check.rule)
        assert f"{days + 1} " in message and f" {days} " in message, message
    elif rule == "amount_at_least":
        assert "99,999.99" in message and "100,000.00" in message, message
    elif rule == "per_person_day_cap":
        cap = fw.parameters["food_per_person_day"].value
        assert format_baht(cap, unit=False) in message
        assert format_baht(cap + 1, unit=False) in message
    elif rule in {"no_prohibited_cost_lines", "cost_lines_allowed_for_kind"}:
        assert "2,500.00" in message, message
    elif check.answer_type == "choice":
        chosen = next(c for c in check.choices if not c.compliant)
        assert chosen.label.th in message
    if check.severity == "stop":
        assert ev.level == "suspend"


# --- applicability -------------------------------------------------------------------------------


@pytest.mark.parametrize("lao_type", sorted(LAO_TYPES))
def test_s1_5_applies_only_to_provincial_administrative_organisations(fw, lao_type):
    ev = run(fw, "subsidy", lao_type=lao_type)
    assert finding(ev, "S1.5").applicable == (lao_type == "pao")


@pytest.mark.parametrize("lao_type", sorted(LAO_TYPES))
def test_s3_3_applies_only_to_the_three_municipality_types(fw, lao_type):
    ev = run(fw, "subsidy", lao_type=lao_type)
    municipal = lao_type in {"city_municipality", "town_municipality", "subdistrict_municipality"}
    assert LAO_TYPE_GROUPS["municipality"] == {
        "city_municipality",
        "town_municipality",
        "subdistrict_municipality",
    }
    assert finding(ev, "S3.3").applicable == municipal


@pytest.mark.parametrize("lao_type", sorted(LAO_TYPES))
def test_g7_applies_where_the_law_on_work_outside_the_area_is_known(fw, lao_type):
    for kind in EXPECTED:
        ev = run(fw, kind, lao_type=lao_type)
        expected = lao_type in LAO_TYPE_GROUPS["municipality"] | {"pao"}
        assert finding(ev, "G7").applicable == expected


@pytest.mark.parametrize(
    ("kind", "foreign"), [("festival", "SK"), ("sports", "SF"), ("subsidy", "FK")]
)
@pytest.mark.parametrize("lao_type", ["sao", "pao", "subdistrict_municipality"])
def test_a_project_shows_only_its_own_kind_of_checks(fw, kind, foreign, lao_type):
    ev = run(fw, kind, lao_type=lao_type)
    ids = {f.check.id for f in ev.findings}
    assert not [i for i in ids if i[0] in foreign and i[1].isdigit()]
    assert ids == set(EXPECTED[kind])


def test_s2_2_appears_only_after_s2_1_is_no(fw):
    assert not finding(run(fw, "subsidy"), "S2.2").applicable
    assert not finding(run(fw, "subsidy", answers={"S2.1": "yes"}), "S2.2").applicable
    ev = run(fw, "subsidy", answers={"S2.1": "no"})
    assert finding(ev, "S2.2").applicable
    assert finding(ev, "S2.2").result == "unanswered"
    # an answer to S2.2 given earlier is ignored once S2.1 becomes yes
    ev = run(fw, "subsidy", answers={"S2.1": "yes", "S2.2": "not_added"})
    assert finding(ev, "S2.2").result == "na"
    assert not ev.failed


@pytest.mark.parametrize(("transfer", "applies"), [(True, True), (False, False), (None, False)])
def test_transfer_checks_apply_only_when_the_budget_was_transferred(fw, transfer, applies):
    facts = base_facts(budget_transfer=transfer, transfer_approved_on=dt.date(2024, 12, 1))
    ev = run(fw, "subsidy", facts=facts)
    assert finding(ev, "S3.2").applicable == applies
    assert finding(ev, "B-rep").applicable == applies
    for kind in ("festival", "sports"):
        assert finding(run(fw, kind, facts=facts), "B-rep").applicable == applies


@pytest.mark.parametrize("recipient", ["drug_prevention_centre", "government_agency", "lao", ""])
def test_s4_5_applies_only_to_drug_prevention_centres(fw, recipient):
    ev = run(fw, "subsidy", facts=base_facts(recipient_type=recipient))
    assert finding(ev, "S4.5").applicable == (recipient == "drug_prevention_centre")


@pytest.mark.parametrize(
    ("mode", "hosting", "sending"),
    [("hosting", True, False), ("sending", False, True), ("", False, False)],
)
def test_hosting_and_sending_checks_follow_the_sports_mode(fw, mode, hosting, sending):
    ev = run(fw, "sports", facts=base_facts(sports_mode=mode))
    assert finding(ev, "K4.1").applicable == hosting
    assert finding(ev, "K4.2").applicable == sending
    assert finding(ev, "K4.3").applicable  # the food cap applies either way


def test_checks_of_the_2564_regulation_do_not_apply_before_it_came_into_force(fw):
    before = run(fw, "festival", fiscal_year=2564)  # 1 Oct 2020 – 30 Sep 2021
    after = run(fw, "festival", fiscal_year=2565)  # 1 Oct 2021 – 30 Sep 2022
    for cid in ("F4.1", "F4.2", "F4.5"):
        assert not finding(before, cid).applicable
        assert finding(after, cid).applicable
    assert finding(before, "F4.3").applicable  # the OAG findings predate the 2564 regulation


def test_answers_for_another_kind_are_refused(fw):
    from thongthin.core.errors import ValidationFailed

    with pytest.raises(ValidationFailed) as err:
        normalize_answers(fw, "festival", {"S1.1": "yes", "K1.1": "yes", "B-97": "yes"})
    assert set(err.value.fields) == {"S1.1", "K1.1", "B-97"}


def test_not_applicable_is_accepted_only_where_the_check_allows_it(fw):
    from thongthin.core.errors import ValidationFailed

    assert normalize_answers(fw, "sports", {"K1.3": "na", "K4.5": "na", "G7": "na"})
    with pytest.raises(ValidationFailed):
        normalize_answers(fw, "sports", {"K1.1": "na"})


# --- levels --------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(EXPECTED))
def test_a_compliant_project_passes_every_applicable_check(fw, kind):
    ev = run(fw, kind, **compliant_project(fw, kind))
    bad = [(f.check.id, f.result) for f in ev.applicable if f.result != "pass"]
    assert bad == []
    assert ev.complete
    assert ev.level == "pass"


def test_a_mostly_passing_festival_passes(fw):
    project = compliant_project(fw, "festival")
    project["answers"].update({"F1.2": "no", "G7": "na"})
    ev = run(fw, "festival", **project)
    assert [f.check.id for f in ev.failed] == ["F1.2"]
    assert ev.complete
    assert ev.score is not None and ev.score >= fw.levels.pass_score
    assert ev.level == "pass"


def test_a_major_failure_keeps_a_festival_from_passing(fw):
    project = compliant_project(fw, "festival")
    project["answers"]["F4.4"] = "no"
    ev = run(fw, "festival", **project)
    assert ev.level not in {"pass", "suspend"}


@pytest.mark.parametrize(
    ("kind", "answers", "extra_line"),
    [
        ("festival", {"F1.1": "no"}, None),
        ("festival", {}, CostLine("temple_offerings", "เทียนพรรษา", unit_cost=Decimal(3000))),
        ("sports", {"K1.2": "no"}, None),
        ("subsidy", {"S1.2": "private"}, None),
        ("subsidy", {"S3.1a": "1"}, None),
    ],
)
def test_a_stop_failure_suspends_spending(fw, kind, answers, extra_line):
    project = compliant_project(fw, kind)
    project["answers"].update(answers)
    if extra_line:
        project["lines"].append(extra_line)
    ev = run(fw, kind, **project)
    assert ev.stop_failures
    assert ev.level == "suspend"


def test_accumulated_funds_for_a_festival_suspend_it(fw):
    project = compliant_project(fw, "festival")
    project["facts"] = base_facts(funding_source="accumulated_funds")
    ev = run(fw, "festival", **project)
    f = finding(ev, "B-97")
    assert f.result == "fail"
    with translation.override("th"):
        assert "เงินสะสม" in f.message
    assert ev.level == "suspend"


# --- date rules at their edges -------------------------------------------------------------------


def _days_result(fw: Framework, check_id: str, kind: str, start: dt.date, end: dt.date) -> str:
    check = fw.check(check_id)
    fact = check.rule.params["from"].split(":", 1)[1]
    facts = base_facts(**{fact: start, "budget_transfer": True})
    ev = run(fw, kind, answers={check_id: be(end)}, facts=facts)
    return finding(ev, check_id).result


@pytest.mark.parametrize(
    ("start", "end", "result"),
    [
        (dt.date(2024, 11, 1), dt.date(2024, 12, 1), "pass"),  # exactly 30 days
        (dt.date(2024, 11, 1), dt.date(2024, 12, 2), "fail"),  # 31 days
        (dt.date(2024, 1, 31), dt.date(2024, 3, 1), "pass"),  # across 29 Feb 2567: 30 days
        (dt.date(2024, 1, 31), dt.date(2024, 3, 2), "fail"),
        (dt.date(2023, 1, 31), dt.date(2023, 3, 2), "pass"),  # 28-day February: 30 days
        (dt.date(2023, 1, 31), dt.date(2023, 3, 3), "fail"),
        (dt.date(2024, 2, 29), dt.date(2024, 3, 30), "pass"),  # from the leap day
        (dt.date(2024, 2, 29), dt.date(2024, 3, 31), "fail"),
        (dt.date(2024, 9, 30), dt.date(2024, 10, 30), "pass"),  # across the fiscal-year edge
        (dt.date(2024, 9, 30), dt.date(2024, 10, 31), "fail"),
        (dt.date(2024, 10, 1), dt.date(2024, 10, 1), "pass"),  # same day
        (dt.date(2024, 12, 31), dt.date(2025, 1, 30), "pass"),  # across the calendar year
    ],
)
def test_operating_plan_within_30_days_at_the_edges(fw, start, end, result):
    assert _days_result(fw, "P-27", "festival", start, end) == result


@pytest.mark.parametrize(
    ("start", "end", "result"),
    [
        (dt.date(2024, 2, 14), dt.date(2024, 2, 29), "pass"),  # 15 days, to the leap day
        (dt.date(2024, 2, 14), dt.date(2024, 3, 1), "fail"),  # 16 days
        (dt.date(2023, 2, 14), dt.date(2023, 3, 1), "pass"),  # 15 days in a common year
        (dt.date(2023, 2, 14), dt.date(2023, 3, 2), "fail"),
        (dt.date(2024, 9, 20), dt.date(2024, 10, 5), "pass"),  # across the fiscal-year edge
        (dt.date(2024, 9, 20), dt.date(2024, 10, 6), "fail"),
    ],
)
def test_transfer_report_within_15_days_at_the_edges(fw, start, end, result):
    assert _days_result(fw, "B-rep", "subsidy", start, end) == result


def test_a_late_transfer_report_names_the_days(fw):
    check_start, end = dt.date(2024, 2, 14), dt.date(2024, 3, 1)
    facts = base_facts(budget_transfer=True, transfer_approved_on=check_start)
    ev = run(fw, "sports", answers={"B-rep": "1 มี.ค. 2567"}, facts=facts)
    f = finding(ev, "B-rep")
    assert f.result == "fail" and f.params["days"] == (end - check_start).days == 16
    with translation.override("th"):
        assert "16" in f.message and "15" in f.message


@HYPOTHESIS
@given(
    start=st.dates(min_value=dt.date(2019, 1, 1), max_value=dt.date(2031, 12, 31)),
    offset=st.integers(min_value=-10, max_value=70),
)
@example(start=dt.date(2024, 1, 30), offset=30)  # to 29 Feb 2567
@example(start=dt.date(2024, 2, 29), offset=31)
@example(start=dt.date(2023, 9, 30), offset=30)  # last day of FY 2566
@example(start=dt.date(2024, 10, 1), offset=31)  # first day of FY 2568
def test_days_between_passes_exactly_up_to_the_limit(fw, start, offset):
    end = start + dt.timedelta(days=offset)
    expected = "pass" if offset <= 30 else "fail"
    assert _days_result(fw, "P-27", "sports", start, end) == expected
    expected = "pass" if offset <= 15 else "fail"
    assert _days_result(fw, "B-rep", "festival", start, end) == expected


# --- amount rules --------------------------------------------------------------------------------

money = st.decimals(min_value=0, max_value=Decimal("999999999999.99"), places=2)


@HYPOTHESIS
@given(amount=money, appropriated=money, check_id=st.sampled_from(["S3.1a", "F3.1a", "K3.1a"]))
@example(amount=Decimal("0.00"), appropriated=Decimal("0.00"), check_id="S3.1a")
@example(amount=Decimal("100000.01"), appropriated=Decimal("100000.00"), check_id="F3.1a")
def test_the_appropriation_must_cover_the_project_amount(fw, amount, appropriated, check_id):
    kind = fw.check(check_id).kinds[0]
    ev = run(fw, kind, answers={check_id: f"{appropriated:,}"}, facts=base_facts(amount=amount))
    f = finding(ev, check_id)
    assert f.result == ("pass" if appropriated >= amount else "fail")
    if f.result == "fail":
        with translation.override("th"):
            assert format_baht(appropriated, unit=False) in f.message
            assert format_baht(amount, unit=False) in f.message


def test_the_appropriation_is_unanswered_until_the_project_amount_is_known(fw):
    ev = run(fw, "subsidy", answers={"S3.1a": "5000"}, facts=base_facts(amount=None))
    assert finding(ev, "S3.1a").result == "unanswered"


@HYPOTHESIS
@given(value=money, maximum=money)
def test_amount_at_most_compares_any_non_negative_amounts(fw, value, maximum):
    check = Check(
        id="X",
        kinds=("festival",),
        topic="execution",
        question=Text("ก", "q"),
        help=Text("", ""),
        answer_type="amount",
        severity="minor",
        verification="unverified",
        sources=(SourceRef("R2", "-"),),
        fail_message=Text("%(value)s > %(max)s", "x"),
        recommendation=Text("ก", "r"),
        rule=Rule("amount_at_most", {"value": "self", "max": maximum}),  # a literal number
    )
    ctx = Context(fw, "festival", "sao", FiscalYear(2568), {"X": value}, base_facts(), [])
    outcome = RULES["amount_at_most"].evaluate(check, ctx)
    assert outcome.result == ("pass" if value <= maximum else "fail")


@HYPOTHESIS
@given(
    unit_cost=st.decimals(min_value=0, max_value=1000, places=2),
    quantity=st.integers(min_value=1, max_value=3),
    persons=st.integers(min_value=1, max_value=500),
    days=st.integers(min_value=1, max_value=5),
    check_id=st.sampled_from(["F4.2", "K4.3"]),
)
def test_the_food_cap_is_per_person_per_day(fw, unit_cost, quantity, persons, days, check_id):
    kind = fw.check(check_id).kinds[0]
    cap = fw.parameters["food_per_person_day"].value
    line = CostLine(
        food_category(fw, fw.check(check_id), kind),
        "ค่าอาหาร",
        quantity=Decimal(quantity),
        unit_cost=unit_cost,
        persons=persons,
        days=days,
    )
    f = finding(run(fw, kind, lines=[line]), check_id)
    assert f.result == ("pass" if quantity * unit_cost <= cap else "fail")


def test_the_sports_food_cap_covers_athletes_and_workers(fw):
    cap = fw.parameters["food_per_person_day"].value
    for category in ("food_athletes", "food_workers"):
        line = CostLine(category, "ค่าอาหาร", unit_cost=cap + 1, persons=20, days=3)
        assert finding(run(fw, "sports", lines=[line]), "K4.3").result == "fail"


def test_the_food_cap_waits_for_cost_lines_and_skips_projects_without_food(fw):
    assert finding(run(fw, "festival", lines=[]), "F4.2").result == "unanswered"
    stage = CostLine("stage_sound_light", "เวที", unit_cost=Decimal(20000))
    assert finding(run(fw, "festival", lines=[stage]), "F4.2").result == "na"


def test_prohibited_items_are_named_with_their_total(fw):
    lines = [
        CostLine("stage_sound_light", "เวที", unit_cost=Decimal(20000)),
        CostLine("souvenirs", "พัดลมแจกผู้สูงอายุ", quantity=Decimal(100), unit_cost=Decimal(350)),
        CostLine("attendee_transport", "รถบัสรับส่ง", unit_cost=Decimal(12000)),
    ]
    f = finding(run(fw, "festival", lines=lines), "F4.3")
    assert f.result == "fail"
    with translation.override("th"):
        assert "พัดลมแจกผู้สูงอายุ" in f.message and "รถบัสรับส่ง" in f.message
        assert "47,000.00" in f.message
