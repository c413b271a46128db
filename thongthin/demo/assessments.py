"""Generated assessments with realistic answers: a few dozen for `make run` (so the auditor
dashboard has something to show) and 25,000 for the benchmark. Built with bulk inserts and the
same evaluator the product uses, so levels and findings are what the pages would compute."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from django.db import transaction

from thongthin.accounts.models import User
from thongthin.assessment.evaluation import compact_result
from thongthin.assessment.framework.evaluate import CostLine as EngineLine
from thongthin.assessment.framework.evaluate import ProjectFacts, evaluate
from thongthin.assessment.framework.schema import Framework
from thongthin.assessment.models import Answer, Assessment, AssessmentStatus, CostLine, Finding
from thongthin.assessment.services.frameworks import framework_current
from thongthin.core.audit import jsonable
from thongthin.directory.models import LAO, LAOStatus

NAMES = {
    "festival": [
        "งานประเพณีลอยกระทง",
        "งานประเพณีสงกรานต์",
        "งานแห่เทียนพรรษา",
        "งานบุญบั้งไฟ",
        "งานวันผู้สูงอายุ",
        "งานประเพณียี่เป็ง",
        "งานสืบสานวัฒนธรรมท้องถิ่น",
    ],
    "sports": [
        "การแข่งขันกีฬาเยาวชนต้านยาเสพติด",
        "ส่งนักกีฬาเข้าร่วมกีฬาจังหวัด",
        "การแข่งขันฟุตซอลประจำตำบล",
        "กีฬาสานสัมพันธ์ชุมชน",
    ],
    "subsidy": [
        "อุดหนุนที่ทำการปกครองอำเภอ",
        "อุดหนุนศูนย์ปฏิบัติการป้องกันยาเสพติด",
        "อุดหนุนการไฟฟ้าส่วนภูมิภาค",
        "อุดหนุนโรงเรียนในพื้นที่",
    ],
}
COSTS = {
    "festival": [
        "venue_decoration",
        "stage_sound_light",
        "performance",
        "religious_ceremony",
        "publicity",
        "contest_prizes",
        "food_workers",
    ],
    "sports": [
        "sports_equipment",
        "referee_fees",
        "food_athletes",
        "medical",
        "athlete_travel",
        "contest_prizes",
    ],
    "subsidy": ["subsidy_payment"],
}
BAD_COSTS = ["souvenirs", "banquet_general", "temple_offerings", "attendee_transport", "other"]


def _answer_for(
    check: Any, rng: random.Random, budget_day: dt.date, amount: Decimal, careful: float
) -> Any:
    good = rng.random() < careful
    if check.answer_type == "yes_no":
        return "yes" if good else "no"
    if check.answer_type == "choice":
        options = [c.value for c in check.choices if c.compliant == good] or [
            check.choices[0].value
        ]
        return rng.choice(options)
    if check.answer_type == "evidence":
        return "yes" if good else "no"
    if check.answer_type == "date":
        return budget_day + dt.timedelta(days=rng.randint(3, 25) if good else rng.randint(35, 90))
    if check.answer_type in {"amount", "number"}:
        return amount * Decimal("1.2") if good else amount * Decimal("0.5")
    return None


def _project(rng: random.Random, kind: str, fiscal_year: int) -> dict[str, Any]:
    start = dt.date(fiscal_year - 544, 10, 1)
    budget_day = start - dt.timedelta(days=rng.randint(5, 30))
    event = start + dt.timedelta(days=rng.randint(20, 300))
    return {
        "amount": Decimal(rng.choice([20_000, 50_000, 80_000, 120_000, 250_000, 500_000])),
        "funding_source": "accumulated_funds" if rng.random() < 0.05 else "annual_budget",
        "budget_announced_on": budget_day,
        "recipient_type": rng.choice(
            ["government_agency", "lao", "drug_prevention_centre", "private"]
        )
        if kind == "subsidy"
        else "",
        "sports_mode": rng.choice(["hosting", "sending"]) if kind == "sports" else "",
        "event_start": event if kind != "subsidy" else None,
        "event_end": event + dt.timedelta(days=1) if kind != "subsidy" else None,
        "participants": rng.randint(50, 2000) if kind != "subsidy" else None,
        "budget_transfer": rng.random() < 0.1,
        "transfer_approved_on": start + dt.timedelta(days=40),
    }


def _lines(rng: random.Random, kind: str, careful: float) -> list[EngineLine]:
    lines = []
    for _ in range(rng.randint(2, 5)):
        category = rng.choice(COSTS[kind])
        food = category.startswith("food_")
        lines.append(
            EngineLine(
                category=category,
                description="",
                quantity=Decimal(1),
                unit_cost=Decimal(
                    rng.choice([120, 140, 150, 180]) if food else rng.randint(1, 40) * 1000
                ),
                persons=rng.randint(10, 80) if food else None,
                days=rng.randint(1, 3) if food else None,
            )
        )
    if rng.random() > careful:
        lines.append(
            EngineLine(
                rng.choice(BAD_COSTS),
                "",
                Decimal(rng.randint(50, 500)),
                Decimal(rng.randint(30, 300)),
            )
        )
    return lines


@transaction.atomic
def generate_assessments(
    *,
    count: int,
    seed: int = 2568,
    laos: list[LAO] | None = None,
    years: tuple[int, ...] = (2566, 2567, 2568, 2569),
) -> int:
    """Create `count` assessments spread over `laos` (default: every active LAO, about three
    each). Answers follow a per-LAO carefulness so that risk concentrates in some places."""
    rng = random.Random(seed)
    version = framework_current()
    fw: Framework = version.parsed()
    laos = laos or list(LAO.objects.filter(status=LAOStatus.ACTIVE))
    author, _ = User.objects.get_or_create(
        email="generator@thongthin.example", defaults={"full_name": "ข้อมูลจำลอง"}
    )
    careful_by_lao = {lao.pk: rng.choice([0.998, 0.99, 0.97, 0.9]) for lao in laos}
    batch: list[tuple[Assessment, dict[str, Any], list[EngineLine], Any]] = []
    created = 0
    for i in range(count):
        lao = laos[i % len(laos)] if count >= len(laos) else rng.choice(laos)
        kind = rng.choice(["festival", "festival", "sports", "subsidy"])
        year = rng.choice(years)
        careful = careful_by_lao[lao.pk]
        facts = _project(rng, kind, year)
        lines = _lines(rng, kind, careful)
        answers: dict[str, Any] = {}
        for check in fw.checks_for(kind):
            if check.answer_type != "computed":
                value = _answer_for(
                    check, rng, facts["budget_announced_on"], facts["amount"], careful
                )
                if value is not None:
                    answers[check.id] = value
        ev = evaluate(
            fw,
            kind=kind,
            lao_type=lao.lao_type,
            fiscal_year=year,
            answers=answers,
            facts=ProjectFacts(**facts),
            cost_lines=lines,
        )
        status = rng.choices(
            [AssessmentStatus.SIGNED_OFF, AssessmentStatus.SUBMITTED, AssessmentStatus.DRAFT],
            [60, 15, 25],
        )[0]
        a = Assessment(
            lao=lao,
            framework=version,
            kind=kind,
            fiscal_year=year,
            name=rng.choice(NAMES[kind]),
            created_by=author,
            status=status,
            level=ev.level or "",
            score=ev.score,
            complete=ev.complete,
            stop_failures=len(ev.stop_failures),
            result=compact_result(ev),
            **facts,
        )
        batch.append((a, answers, lines, ev))
        if len(batch) >= 500:
            created += _flush(batch, author)
            batch = []
    created += _flush(batch, author)
    return created


def _flush(batch: list, author: User) -> int:
    if not batch:
        return 0
    Assessment.objects.bulk_create([a for a, *_ in batch])
    Answer.objects.bulk_create(
        [
            Answer(assessment=a, check_id=cid, value=jsonable(v), answered_by=author)
            for a, answers, *_ in batch
            for cid, v in answers.items()
        ],
        batch_size=2000,
    )
    CostLine.objects.bulk_create(
        [
            CostLine(
                assessment=a,
                category=line.category,
                description=line.description,
                quantity=line.quantity,
                unit_cost=line.unit_cost,
                persons=line.persons,
                days=line.days,
                position=i,
            )
            for a, _answers, lines, _ev in batch
            for i, line in enumerate(lines)
        ],
        batch_size=2000,
    )
    Finding.objects.bulk_create(
        [
            Finding(
                assessment=a,
                check_id=f.check.id,
                topic=f.check.topic,
                severity=f.check.severity,
                result=f.result,
            )
            for a, _answers, _lines, ev in batch
            for f in ev.findings
            if f.applicable
        ],
        batch_size=5000,
    )
    return len(batch)
