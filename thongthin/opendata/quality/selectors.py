"""Reading a dataset's quality for its publishers: the stored score, or (before the first
refresh) one computed on the spot, with each check's points and what to fix in plain words."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..models import Dataset
from .checks import assess
from .fixes import CHECK_LABELS, render_fix
from .models import Freshness, QualityScore


@dataclass(frozen=True)
class CheckView:
    key: str
    label: str
    points: int
    max_points: int
    passed: bool
    fix: str


@dataclass(frozen=True)
class QualityReport:
    score: int
    openness_stars: int
    completeness_percent: int
    freshness: str
    freshness_label: str
    downloadable: bool
    checks: list[CheckView]
    computed_at: Any  # datetime, or None when computed on the spot

    @property
    def fixes(self) -> list[str]:
        return [c.fix for c in self.checks if c.fix]

    @property
    def level(self) -> str:
        """good / fair / poor: for the colour of the score."""
        return "good" if self.score >= 80 else "fair" if self.score >= 50 else "poor"


def _check_views(checks: list[dict[str, Any]]) -> list[CheckView]:
    views = []
    for check in checks:
        fix = check.get("fix") or {}
        views.append(
            CheckView(
                key=check["key"],
                label=str(CHECK_LABELS.get(check["key"], check["key"])),
                points=int(check["points"]),
                max_points=int(check["max_points"]),
                passed=bool(check["passed"]),
                fix=render_fix(fix.get("code", ""), fix.get("params")) if fix else "",
            )
        )
    return views


def _report(row: QualityScore, computed_at: Any) -> QualityReport:
    return QualityReport(
        score=row.score,
        openness_stars=row.openness_stars,
        completeness_percent=row.completeness_percent,
        freshness=row.freshness,
        freshness_label=str(Freshness(row.freshness).label),
        downloadable=row.downloadable,
        checks=_check_views(row.checks),
        computed_at=computed_at,
    )


def quality_for(dataset: Dataset) -> QualityReport:
    """The dataset's quality report (for its editors; the numbers are not secret, but the fixes
    are addressed to the publisher)."""
    row = QualityScore.objects.filter(dataset_id=dataset.pk).first()
    if row is not None:
        return _report(row, row.computed_at)
    assessment = assess(dataset)
    unsaved = QualityScore(
        dataset_id=dataset.pk,
        score=assessment.score,
        openness_stars=assessment.openness_stars,
        completeness_percent=assessment.completeness_percent,
        freshness=assessment.freshness,
        downloadable=assessment.downloadable,
        checks=[c.as_json() for c in assessment.checks],
    )
    return _report(unsaved, None)
