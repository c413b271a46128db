"""Keeping each dataset's quality score current. Scores are derived data (no person decides them),
so these services take no acting user and write no audit row; the catalog calls
`quality_refresh` after each dataset change commits, and a nightly command refreshes them all
(freshness changes with the calendar even when nobody edits the dataset)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils import timezone

from ..models import Dataset, Resource, State
from .checks import Assessment, assess
from .models import QualityScore


def _values(assessment: Assessment) -> dict[str, Any]:
    return {
        "score": assessment.score,
        "openness_stars": assessment.openness_stars,
        "completeness_percent": assessment.completeness_percent,
        "freshness": assessment.freshness,
        "downloadable": assessment.downloadable,
        "checks": [c.as_json() for c in assessment.checks],
        "computed_at": timezone.now(),
    }


def _store(dataset_id: str, values: dict[str, Any]) -> None:
    """Replace the stored score (UPDATE, else INSERT; a concurrent INSERT turns into an UPDATE)."""
    if QualityScore.objects.filter(dataset_id=dataset_id).update(**values):
        return
    try:
        with transaction.atomic():
            QualityScore.objects.create(dataset_id=dataset_id, **values)
    except IntegrityError:
        QualityScore.objects.filter(dataset_id=dataset_id).update(**values)


def _datasets() -> Any:
    return Dataset.objects.prefetch_related(
        "tags", Prefetch("resources", queryset=Resource.objects.filter(state=State.ACTIVE))
    )


def quality_refresh(*, dataset_id: str, today: dt.date | None = None) -> QualityScore | None:
    """Recompute and store the dataset's score. A deleted or missing dataset has none (an old
    score is removed). Returns the stored score."""
    dataset = _datasets().filter(pk=dataset_id).first()
    if dataset is None or dataset.state == State.DELETED:
        QualityScore.objects.filter(dataset_id=dataset_id).delete()
        return None
    with transaction.atomic():
        _store(dataset.pk, _values(assess(dataset, today=today)))
    return QualityScore.objects.get(dataset_id=dataset.pk)


def quality_refresh_all(*, today: dt.date | None = None, batch_size: int = 500) -> int:
    """Recompute every dataset's score (nightly); returns how many were scored."""
    QualityScore.objects.filter(dataset__state=State.DELETED).delete()
    count = 0
    ids = list(
        Dataset.objects.exclude(state=State.DELETED).order_by("pk").values_list("pk", flat=True)
    )
    for start in range(0, len(ids), batch_size):
        with transaction.atomic():
            for dataset in _datasets().filter(pk__in=ids[start : start + batch_size]):
                _store(dataset.pk, _values(assess(dataset, today=today)))
                count += 1
    return count


def quality_refresh_job(context: Any) -> None:
    """Background-job handler (thongthin.core.jobs): payload {"dataset_id": ...} refreshes one
    dataset, an empty payload all of them."""
    dataset_id = context.payload.get("dataset_id")
    if dataset_id:
        quality_refresh(dataset_id=str(dataset_id))
    else:
        count = quality_refresh_all()
        context.progress(100, f"{count} datasets", force=True)
