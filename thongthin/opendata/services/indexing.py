"""What happens after a catalog change commits: the search index is brought up to date and new
tabular files are queued for the datastore. Never inside the transaction (a rollback must not
leave an index entry or a job behind)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from ..models import Dataset, Resource

TABULAR_FORMATS = {"CSV", "TSV", "XLSX", "TXT"}


def after_dataset_change(
    dataset: Dataset, *, changed_resources: list[Resource], actor: Any
) -> None:
    from thongthin.core import jobs

    dataset_id = dataset.pk

    def reindex() -> None:
        from .. import search

        search.index_dataset(dataset_id)

    # robust: the change is saved; an index failure is logged (`opendata_search_reindex`
    # repairs it), not answered as an error.
    transaction.on_commit(reindex, robust=True)
    jobs.enqueue("opendata.quality.refresh", {"dataset_id": dataset_id})
    for resource in changed_resources:
        if resource.upload and resource.format.upper() in TABULAR_FORMATS:
            _schedule_datastore(resource, actor)


def _schedule_datastore(resource: Resource, actor: Any) -> None:
    from ..datastore.services import datastore_schedule_load

    datastore_schedule_load(resource=resource, actor=actor)
