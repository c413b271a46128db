"""RDF endpoints: `/catalog.<fmt>` and `/dataset/<id or name>.<fmt>` (ckanext-dcat's URLs)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe
from rdflib import Graph

from .. import selectors
from ..models import State
from .catalog import CatalogQueryInvalid, catalog_page, parse_catalog_query
from .formats import content_type, serialize
from .graph import catalog_graph, dataset_graph


def _rdf(graph: Graph, fmt: str) -> HttpResponse:
    return HttpResponse(serialize(graph, fmt), content_type=content_type(fmt))


@require_safe
def catalog(request: HttpRequest, fmt: str) -> HttpResponse:
    try:
        page = catalog_page(parse_catalog_query(request.GET), fmt=fmt)
    except CatalogQueryInvalid as exc:
        return HttpResponseBadRequest(exc.render(), content_type="text/plain; charset=utf-8")
    return _rdf(catalog_graph(page.datasets, paging=page.paging, modified=page.modified), fmt)


@require_safe
def dataset(request: HttpRequest, key: str, fmt: str) -> HttpResponse:
    found = selectors.dataset_get(user=request.user, key=key)
    if found is None:
        raise Http404
    response = _rdf(dataset_graph(found), fmt)
    if found.private or found.state != State.ACTIVE:
        patch_cache_control(response, private=True, no_store=True)
    return response
