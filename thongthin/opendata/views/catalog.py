"""Public catalog pages: dataset search with facets, the dataset and resource pages,
organizations. Thin: parse the request, call selectors and the search, render."""

from __future__ import annotations

import math
from typing import Any
from urllib.parse import urlencode

from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from thongthin.core.forms import query_int

from .. import permissions, search, selectors
from ..ckan.errors import ActionError
from ..dcat import alternate_links, catalog_alternate_links
from ..dcat.schemaorg import dataset_jsonld, jsonld_script
from ..dictization import package_dict, resource_dict
from ..models import Organization, OrganizationKind, State
from ..presentation import (
    FACETS,
    api_examples,
    facet_filter_query,
    metadata_rows,
    preview_for,
)
from ..quality.selectors import quality_for
from ..usage.selectors import popular_datasets
from ..usage.services import count_view

PAGE_SIZE = 20
SORTS = {
    "": (_("ตรงคำค้นมากที่สุด"), None),
    "new": (_("ปรับปรุงล่าสุด"), "metadata_modified desc"),
    "popular": (_("ยอดนิยม (14 วันล่าสุด)"), "views_recent desc"),
    "title": (_("ชื่อ ก–ฮ"), "title_string asc"),
}


def dataset_search(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:200]
    chosen = {field: request.GET.getlist(field)[:5] for field in FACETS if request.GET.get(field)}
    sort_key = request.GET.get("sort", "") if request.GET.get("sort", "") in SORTS else ""
    page = query_int(request, "page", default=1, low=1, high=500) or 1
    readable = permissions.readable_org_ids(request.user)
    query = search.SearchQuery(
        q=q,
        fq=facet_filter_query(chosen),
        sort=SORTS[sort_key][1],
        rows=PAGE_SIZE,
        start=(page - 1) * PAGE_SIZE,
        facet_fields=tuple(FACETS),
        facet_limit=10,
        include_private=True,
        readable_org_ids=None if readable is None else frozenset(readable),
    )
    try:
        result = search.search_datasets(query)
    except ActionError:
        result = search.SearchResult(count=0, ids=[])
    labels = selectors.facet_display_names(result.facets)
    params = [("q", q)] if q else []
    params += [(field, value) for field, values in chosen.items() for value in values]
    if sort_key:
        params.append(("sort", sort_key))

    def toggle(field: str, value: str, active: bool) -> str:
        """The search with this facet value ticked, or, when it is, without it."""
        if active:
            return urlencode([p for p in params if p != (field, value)])
        return urlencode([*params, (field, value)])

    facets = [
        (
            field,
            title,
            [
                (
                    labels.get(field, {}).get(value, value),
                    count,
                    active,
                    toggle(field, value, active),
                )
                for value, count in result.facets.get(field, {}).items()
                for active in [value in chosen.get(field, [])]
            ],
        )
        for field, title in FACETS.items()
    ]
    context = {
        "q": q,
        "results": [
            package_dict(d, user=request.user) for d in selectors.datasets_by_ids(result.ids)
        ],
        "total": result.count,
        "page": page,
        "pages": min(math.ceil(result.count / PAGE_SIZE), 500),
        "querystring": urlencode(params),
        "facets": facets,
        "chosen": chosen,
        "sorts": [(key, label) for key, (label, _sort) in SORTS.items()],
        "sort": sort_key,
        "can_publish": request.user.is_authenticated,
        "alternates": catalog_alternate_links(),
        "popular": popular_datasets(limit=5) if not (q or chosen) and page == 1 else [],
    }
    return render(request, "opendata/search.html", context)


def dataset_detail(request: HttpRequest, key: str) -> HttpResponse:
    dataset = selectors.dataset_get(user=request.user, key=key)
    if dataset is None:
        raise Http404
    package = package_dict(dataset, user=request.user)
    resources = permissions.visible_resources(request.user, dataset)
    can_edit = permissions.can_edit_org_datasets(request.user, dataset.owner_org)
    count_view(request=request, dataset=dataset)
    context = {
        "dataset": dataset,
        "package": package,
        "metadata": metadata_rows(package),
        "resources": [(r, resource_dict(r)) for r in resources],
        "preview": preview_for(request, resources),
        "can_edit": can_edit,
        "api": api_examples(request, dataset, resources),
        "alternates": alternate_links(dataset),
        "jsonld": jsonld_script(dataset_jsonld(dataset)),
        "quality": quality_for(dataset) if can_edit else None,
    }
    return render(request, "opendata/dataset.html", context)


def resource_detail(request: HttpRequest, key: str, resource_id: str) -> HttpResponse:
    dataset = selectors.dataset_get(user=request.user, key=key)
    if dataset is None:
        raise Http404
    resource = next(
        (r for r in permissions.visible_resources(request.user, dataset) if r.id == resource_id),
        None,
    )
    if resource is None:
        raise Http404
    context = {
        "dataset": dataset,
        "resource": resource,
        "resource_data": resource_dict(resource),
        "preview": preview_for(request, [resource], rows=50),
        "can_edit": permissions.can_edit_org_datasets(request.user, dataset.owner_org),
        "api": api_examples(request, dataset, [resource]),
    }
    return render(request, "opendata/resource.html", context)


def organization_list(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:100]
    kind = request.GET.get("kind", "")
    everything = request.GET.get("all") == "1"
    queryset: Any = Organization.objects.filter(state=State.ACTIVE)
    if q:
        queryset = queryset.filter(Q(title__icontains=q) | Q(name__icontains=q))
    if kind in OrganizationKind.values:
        queryset = queryset.filter(kind=kind)
    queryset = selectors.organizations_with_counts(queryset)
    if not everything and not q:
        queryset = queryset.filter(package_count__gt=0)
    queryset = queryset.order_by("-package_count", "title")
    page = query_int(request, "page", default=1, low=1, high=1000) or 1
    total = queryset.count()
    params = [
        (k, v) for k, v in (("q", q), ("kind", kind), ("all", "1" if everything else "")) if v
    ]
    context = {
        "organizations": queryset[(page - 1) * 50 : page * 50],
        "total": total,
        "page": page,
        "pages": math.ceil(total / 50),
        "querystring": urlencode(params),
        "q": q,
        "kind": kind,
        "everything": everything,
        "kinds": OrganizationKind.choices,
    }
    return render(request, "opendata/organizations.html", context)


def organization_detail(request: HttpRequest, name: str) -> HttpResponse:
    org = (
        Organization.objects.select_related("lao__province")
        .filter(name=name, state=State.ACTIVE)
        .first()
    )
    if org is None:
        raise Http404
    visible = org.datasets.filter(selectors.visible_datasets_filter(request.user))
    page = query_int(request, "page", default=1, low=1, high=1000) or 1
    total = visible.count()
    datasets = selectors.datasets_with_relations(visible.order_by("-metadata_modified"))[
        (page - 1) * PAGE_SIZE : page * PAGE_SIZE
    ]
    context = {
        "org": org,
        "results": [package_dict(d, user=request.user) for d in datasets],
        "total": total,
        "page": page,
        "pages": math.ceil(total / PAGE_SIZE),
        "querystring": "",
        "can_edit": permissions.can_edit_org_datasets(request.user, org),
        "can_admin": permissions.can_admin_org(request.user, org),
    }
    return render(request, "opendata/organization.html", context)
