"""Use of the catalog: the counting itself lives in the usage app (thongthin/opendata/usage);
these names stay here for the callers that import them from the catalog's services."""

from __future__ import annotations

from django.http import HttpRequest

from ..models import Dataset, Resource
from ..usage import services as _usage


def count_download(*, request: HttpRequest, resource: Resource) -> bool:
    """One more download of the resource's dataset (every time; crawlers are not counted)."""
    return _usage.count_download(request=request, resource=resource)


def count_view(*, request: HttpRequest, dataset: Dataset) -> bool:
    """One more view of the dataset's page, once per visitor and day (robots are not counted)."""
    return _usage.count_view(request=request, dataset=dataset)
