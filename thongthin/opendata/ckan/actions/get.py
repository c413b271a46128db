"""Read actions (CKAN's ckan/logic/action/get.py): side-effect free, callable with GET."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext as _

from ... import permissions, search, selectors
from ...dictization import (
    group_dict,
    organization_dict,
    package_dict,
    resource_dict,
    site_url,
    tag_dict,
)
from ...licenses import LICENSES
from ...models import Group, Organization, OrganizationMember, State, Tag
from ..auth import public
from ..errors import NotFound, SearchError, SearchQueryError, ValidationError
from ..params import bool_param, id_param, int_param, list_param, str_param
from ..registry import ActionContext, action, get_action

CKAN_VERSION = "2.10.0"  # what we answer to (ckanr gates parameters on it)
ROWS_MAX = 1000
LIST_MAX = 1000
LIST_ALL_FIELDS_MAX = 25
FACET_FIELDS = {
    "organization",
    "groups",
    "tags",
    "res_format",
    "license_id",
    "data_type",
    "data_category",
}
SEARCH_PARAMS = {
    "q",
    "fq",
    "fq_list",
    "sort",
    "rows",
    "start",
    "facet",
    "facet.field",
    "facet.limit",
    "facet.mincount",
    "include_private",
    "include_drafts",
    "include_deleted",
    "use_default_schema",
    "fl",
    "qf",
    "wt",
    "bf",
    "boost",
    "tie",
    "defType",
    "mm",
    "df",
    "q.op",
    "callback",
    "_",
}


@action(auth=public, side_effect_free=True)
def package_list(context: ActionContext, data: dict[str, Any]) -> list[str]:
    """Names of all public, active datasets, sorted. Parameters: limit, offset."""
    limit = int_param(data, "limit", None)
    offset = int_param(data, "offset", 0) or 0
    names = selectors.public_datasets().order_by("name").values_list("name", flat=True)
    return list(names[offset : offset + limit] if limit is not None else names[offset:])


@action(auth=public, side_effect_free=True)
def package_show(context: ActionContext, data: dict[str, Any]) -> dict[str, Any]:
    """A dataset with its resources, tags, groups, organization and Thai metadata.
    Parameters: id (id or name)."""
    key = id_param(data, "id", "name_or_id")
    dataset = selectors.dataset_get(user=context.user, key=key)
    if dataset is None:
        raise NotFound(_("ชุดข้อมูล"))
    return package_dict(dataset, user=context.user)


@action(auth=public, side_effect_free=True)
def resource_show(context: ActionContext, data: dict[str, Any]) -> dict[str, Any]:
    """A resource. Parameters: id."""
    resource = selectors.resource_get(user=context.user, key=id_param(data, "id"))
    if resource is None:
        raise NotFound(_("ทรัพยากร"))
    return resource_dict(resource)


def search_query_from(context: ActionContext, data: dict[str, Any]) -> search.SearchQuery:
    unknown = sorted(k for k in data if k not in SEARCH_PARAMS and not k.startswith("ext_"))
    if unknown:
        raise SearchQueryError(f"Invalid search parameters: {unknown}")
    for value in data.values():
        # a repeated key (GET) or a JSON list (fq_list) carries its strings in a list
        if any(
            isinstance(v, str) and "{!" in v
            for v in (value if isinstance(value, list) else [value])
        ):
            raise SearchError("Local parameters are not allowed")
    fq = str_param(data, "fq")
    fq_list = tuple(list_param(data, "fq_list")) if data.get("fq_list") else ()
    facet_fields: list[str] = []
    if bool_param(data, "facet", True):
        raw = data.get("facet.field")
        if isinstance(raw, list) and len(raw) == 1 and str(raw[0]).startswith("["):
            raw = raw[0]
        facet_fields = list_param({"facet.field": raw}, "facet.field")
    bad = [f for f in facet_fields if f not in FACET_FIELDS]
    if bad:
        raise SearchQueryError(f"Invalid facet field: {bad[0]}")
    rows = min(int_param(data, "rows", 10) or 0, ROWS_MAX)
    sort = str_param(data, "sort") or None
    include_private = bool_param(data, "include_private", False)
    include_drafts = bool_param(data, "include_drafts", False)
    include_deleted = bool_param(data, "include_deleted", False) and permissions.is_sysadmin(
        context.user
    )
    readable = permissions.readable_org_ids(context.user)
    return search.SearchQuery(
        q=str_param(data, "q"),
        fq=fq,
        fq_list=fq_list,
        sort=sort,
        rows=rows,
        start=int_param(data, "start", 0) or 0,
        facet_fields=tuple(dict.fromkeys(facet_fields)),
        facet_limit=int_param(data, "facet.limit", 50, minimum=None) or 0,
        facet_mincount=int_param(data, "facet.mincount", 1, minimum=None) or 0,
        include_private=include_private,
        include_drafts=include_drafts,
        include_deleted=include_deleted,
        readable_org_ids=None if readable is None else frozenset(readable),
    )


@action(auth=public, side_effect_free=True)
def package_search(context: ActionContext, data: dict[str, Any]) -> dict[str, Any]:
    """Search datasets: q (Thai with or without spaces), fq (field:value, "quotes", AND/OR/NOT,
    -field:value), sort, rows (at most 1000), start, facet.field, facet.limit, facet.mincount,
    include_private, include_drafts."""
    query = search_query_from(context, data)
    result = search.search_datasets(query)
    datasets = selectors.datasets_by_ids(result.ids)
    fl = list_param(data, "fl") if data.get("fl") else []
    if fl and fl != ["id", "validated_data_dict"]:
        results: list[Any] = [
            {k: v for k, v in package_dict(d, user=context.user).items() if k in fl}
            for d in datasets
        ]
    else:
        results = [package_dict(d, user=context.user) for d in datasets]
    display = selectors.facet_display_names(result.facets)
    search_facets = {}
    for field in query.facet_fields:
        counts = result.facets.get(field, {})
        labels = display.get(field, {})
        items = [
            {"name": value, "display_name": labels.get(value, value), "count": count}
            for value, count in counts.items()
        ]
        items.sort(key=lambda item: str(item["display_name"]), reverse=True)
        search_facets[field] = {"title": field, "items": items}
    return {
        "count": result.count,
        "facets": {field: result.facets.get(field, {}) for field in query.facet_fields},
        "results": results,
        "sort": result.sort,
        "search_facets": search_facets,
    }


@action(auth=public, side_effect_free=True)
def current_package_list_with_resources(context: ActionContext, data: dict[str, Any]) -> list[Any]:
    """Recently changed public datasets with their resources. Parameters: limit, offset, page."""
    limit = int_param(data, "limit", 10) or 0
    offset = int_param(data, "offset", None)
    page = int_param(data, "page", None, minimum=1)
    if offset is None:
        offset = (page - 1) * limit if page else 0
    result = package_search(
        context, {"rows": limit, "start": offset, "sort": "metadata_modified desc"}
    )
    return result["results"]


def _group_list(data: dict[str, Any], *, organizations: bool) -> list[Any]:
    all_fields = bool_param(data, "all_fields", False)
    cap = LIST_ALL_FIELDS_MAX if all_fields else LIST_MAX
    limit = min(int_param(data, "limit", cap) or 0, cap)
    offset = int_param(data, "offset", 0) or 0
    model: Any = Organization if organizations else Group
    queryset: Any = model.objects.filter(state=State.ACTIVE)
    q = str_param(data, "q")
    if q:
        queryset = queryset.filter(
            Q(name__icontains=q) | Q(title__icontains=q) | Q(description__icontains=q)
        )
    names = list_param(data, "organizations" if organizations else "groups")
    if names:
        queryset = queryset.filter(name__in=names)
    sort = (str_param(data, "sort") or str_param(data, "order_by") or "title").strip()
    field, _sep, direction = sort.partition(" ")
    direction = direction.strip().lower() or (
        "desc" if field in ("package_count", "packages") else "asc"
    )
    if field not in ("name", "title", "package_count", "packages") or direction not in (
        "asc",
        "desc",
    ):
        raise ValidationError({"sort": [_("เรียงได้ตาม name, title หรือ package_count เท่านั้น")]})
    with_counts = field in ("package_count", "packages") or (
        all_fields and bool_param(data, "include_dataset_count", True)
    )
    if with_counts:
        queryset = (
            selectors.organizations_with_counts if organizations else selectors.groups_with_counts
        )(queryset)
    order = "package_count" if field in ("package_count", "packages") else field
    queryset = queryset.order_by(f"-{order}" if direction == "desc" else order, "name")
    page = queryset[offset : offset + limit]
    if not all_fields:
        return [obj.name for obj in page]
    if organizations:
        return [
            {**(organization_dict(o, package_count=getattr(o, "package_count", 0)) or {})}
            for o in page
        ]
    return [group_dict(g, package_count=getattr(g, "package_count", 0)) for g in page]


@action(auth=public, side_effect_free=True)
def organization_list(context: ActionContext, data: dict[str, Any]) -> list[Any]:
    """Organizations (every LAO and the agencies). Parameters: sort (title, name, package_count),
    limit (1000; 25 with all_fields), offset, q, organizations, all_fields."""
    return _group_list(data, organizations=True)


@action(auth=public, side_effect_free=True)
def group_list(context: ActionContext, data: dict[str, Any]) -> list[Any]:
    """Groups (themes). Parameters as organization_list."""
    return _group_list(data, organizations=False)


def _visible_packages(context: ActionContext, queryset: Any, limit: int) -> list[dict[str, Any]]:
    visible = queryset.filter(selectors.visible_datasets_filter(context.user)).order_by(
        "-metadata_modified"
    )
    return [
        package_dict(d, user=context.user)
        for d in selectors.datasets_with_relations(visible)[:limit]
    ]


@action(auth=public, side_effect_free=True)
def organization_show(context: ActionContext, data: dict[str, Any]) -> dict[str, Any]:
    """An organization. Parameters: id (id or name), include_datasets (first 10),
    include_dataset_count, include_users (its administrators see them), include_extras."""
    key = id_param(data, "id")
    org = Organization.objects.select_related("lao").filter(Q(pk=key) | Q(name=key)).first()
    if org is None or org.state == State.DELETED:
        raise NotFound(_("องค์กร"))
    count = org.datasets.filter(selectors.visible_datasets_filter(context.user)).count()
    result = organization_dict(org, package_count=count) or {}
    result["num_followers"] = 0
    result["groups"] = []
    result["tags"] = []
    if bool_param(data, "include_extras", True):
        extras = [{"key": k, "value": str(v)} for k, v in sorted((org.extras or {}).items())]
        if org.lao_id:
            extras.append({"key": "dla_code", "value": org.lao.dla_code if org.lao else ""})
        result["extras"] = extras
    if bool_param(data, "include_users", True):
        users = []
        if permissions.can_admin_org(context.user, org):
            for member in OrganizationMember.objects.filter(organization=org).select_related(
                "user"
            ):
                users.append(
                    {
                        "id": str(member.user_id),
                        "name": member.user.email,
                        "display_name": member.user.full_name or member.user.email,
                        "capacity": member.capacity,
                    }
                )
        result["users"] = users
    if bool_param(data, "include_datasets", False):
        result["packages"] = _visible_packages(context, org.datasets.all(), 10)
    return result


@action(auth=public, side_effect_free=True)
def group_show(context: ActionContext, data: dict[str, Any]) -> dict[str, Any]:
    """A group. Parameters: id (id or name), include_datasets (up to 1000)."""
    key = id_param(data, "id")
    group = Group.objects.filter(Q(pk=key) | Q(name=key)).first()
    if group is None or group.state == State.DELETED:
        raise NotFound(_("กลุ่ม"))
    count = group.datasets.filter(selectors.visible_datasets_filter(context.user)).count()
    result = group_dict(group, package_count=count)
    result.update(extras=[], users=[], groups=[], tags=[], num_followers=0)
    if bool_param(data, "include_datasets", False):
        result["packages"] = _visible_packages(context, group.datasets.all(), 1000)
    return result


@action(auth=public, side_effect_free=True)
def tag_list(context: ActionContext, data: dict[str, Any]) -> list[Any]:
    """Tags used by public datasets. Parameters: query (or q): part of the tag; all_fields."""
    query = str_param(data, "query") or str_param(data, "q")
    tags = Tag.objects.filter(datasets__state=State.ACTIVE, datasets__private=False).distinct()
    if query:
        tags = tags.filter(name__icontains=query)
    tags = tags.order_by("name")
    if bool_param(data, "all_fields", False):
        return [tag_dict(t) for t in tags]
    return list(tags.values_list("name", flat=True))


@action(auth=public, side_effect_free=True)
def license_list(context: ActionContext, data: dict[str, Any]) -> list[dict[str, Any]]:
    """The licences a dataset may carry (the DGA Open Government License first)."""
    return [lic.as_ckan() for lic in LICENSES.values()]


@action(auth=public, side_effect_free=True)
def status_show(context: ActionContext, data: dict[str, Any]) -> dict[str, Any]:
    """About this site: its title, address, default language and the CKAN version it answers as."""
    return {
        "site_title": "Thongthin Open Data",
        "site_description": "ศูนย์ข้อมูลเปิดขององค์กรปกครองส่วนท้องถิ่นและหน่วยงานภาครัฐ",
        "site_url": site_url(),
        "error_emails_to": None,
        "locale_default": settings.LANGUAGE_CODE,
        "extensions": [
            "thongthin_thai_search",
            "thongthin_datastore",
            "thongthin_dcat",
            "thongthin_datarequests",
            "thongthin_gdc_metadata",
        ],
        "ckan_version": CKAN_VERSION,
    }


@action(auth=public, side_effect_free=True)
def help_show(context: ActionContext, data: dict[str, Any]) -> str:
    """The documentation of an action. Parameters: name."""
    name = id_param(data, "name")
    found = get_action(name)
    if found is None:
        raise NotFound(_("ไม่มีคำสั่ง %(name)s") % {"name": name[:100]})
    return found.doc


@action(auth=public, side_effect_free=True)
def site_read(context: ActionContext, data: dict[str, Any]) -> bool:
    """Always true (CKAN 2.9–2.10 clients call it to check the site answers)."""
    return True
