"""The data request actions of the CKAN API, compatible with ckanext-datarequests
(conwetlab; qld-gov-au's close_circumstance and approx_publishing_date), plus our votes.
Each action parses its parameters and calls one service or selector; the services' errors
become CKAN's (ValidationError 409, NotAuthorized 403, NotFound 404)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from ..ckan.auth import public, signed_in
from ..ckan.errors import NotFound, ValidationError, from_application_errors
from ..ckan.params import bool_param, id_param, int_param, str_param
from ..ckan.registry import ActionContext, action
from ..models import Organization
from . import selectors, services
from .dictization import comment_dict, datarequest_dict
from .models import DataRequest, DataRequestComment, RequestState

LIMIT_DEFAULT = 10  # ckanext-datarequests' page size
LIMIT_MAX = 1000
# Our services name fields as our forms do; the API uses ckanext-datarequests' names.
API_FIELDS = {
    "organization": "organization_id",
    "dataset": "accepted_dataset_id",
    "reason": "close_circumstance",
    "text": "comment",
    "to_state": "state",
}


def ckan_errors() -> Any:
    return from_application_errors(
        fields=API_FIELDS, conflict_field="state", not_found=_("คำขอข้อมูล")
    )


def _request(data: dict[str, Any], key: str = "id") -> DataRequest:
    found = selectors.datarequest_get(key=id_param(data, key))
    if found is None:
        raise NotFound(_("คำขอข้อมูล"))
    return found


def _comment(data: dict[str, Any]) -> DataRequestComment:
    found = selectors.comment_get(key=id_param(data, "id"))
    if found is None:
        raise NotFound(_("ความคิดเห็น"))
    return found


def _organization(data: dict[str, Any]) -> Organization | None:
    key = str_param(data, "organization_id").strip()
    if not key:
        return None
    org = selectors.organization_by_key(key)
    if org is None:
        raise ValidationError({"organization_id": [_("ไม่พบหน่วยงานนี้")]})
    return org


def _fresh(request: DataRequest) -> dict[str, Any]:
    reloaded = selectors.datarequest_get(key=request.pk)
    if reloaded is None:
        raise NotFound(_("คำขอข้อมูล"))
    return datarequest_dict(reloaded)


@action(auth=signed_in)
def create_datarequest(context: ActionContext, data: dict[str, Any]) -> dict[str, Any]:
    """Ask for data: title, description, organization_id (optional; id or name)."""
    organization = _organization(data)
    with ckan_errors():
        request = services.datarequest_create(
            actor=context.user,
            title=str_param(data, "title"),
            description=str_param(data, "description"),
            organization=organization,
        )
    return _fresh(request)


@action(auth=public, side_effect_free=True)
def show_datarequest(context: ActionContext, data: dict[str, Any]) -> dict[str, Any]:
    """A data request by id."""
    return datarequest_dict(_request(data))


@action(auth=signed_in)
def update_datarequest(context: ActionContext, data: dict[str, Any]) -> dict[str, Any]:
    """Change a request's title, description or organization_id (its requester while it is
    open, or a platform administrator). Keys not sent keep their value."""
    request = _request(data)
    organization = _organization(data) if "organization_id" in data else request.organization
    with ckan_errors():
        services.datarequest_update(
            actor=context.user,
            datarequest=request,
            title=str_param(data, "title", request.title),
            description=str_param(data, "description", request.description),
            organization=organization,
        )
    return _fresh(request)


@action(auth=public, side_effect_free=True)
def list_datarequests(context: ActionContext, data: dict[str, Any]) -> dict[str, Any]:
    """Requests: organization_id, user_id, closed (true/false), state, q (words in the title or
    description), sort (asc or desc by open_time, as ckanext-datarequests; or votes), offset,
    limit (10). Returns {"count", "result", "facets"}."""
    organization = None
    if str_param(data, "organization_id"):
        organization = selectors.organization_by_key(str_param(data, "organization_id"))
        if organization is None:
            raise NotFound(_("องค์กร"))
    user_id = _user_id(str_param(data, "user_id").strip())
    state = str_param(data, "state")
    if state and state not in RequestState.values:
        raise ValidationError({"state": [_("สถานะไม่ถูกต้อง")]})
    sort = str_param(data, "sort", "asc")
    if sort not in ("asc", "desc", "votes"):
        raise ValidationError({"sort": [_("ต้องเป็น asc, desc หรือ votes")]})
    offset = int_param(data, "offset", 0) or 0
    limit = min(int_param(data, "limit", LIMIT_DEFAULT) or 0, LIMIT_MAX)
    closed = bool_param(data, "closed", False) if str_param(data, "closed") else None
    qs = selectors.datarequest_list(
        state=state, closed=closed, organization=organization, requester_id=user_id,
        q=str_param(data, "q")[:200], sort={"asc": "oldest", "desc": "newest"}.get(sort, sort),
    )  # fmt: skip
    return {
        "count": qs.count(),
        "result": [datarequest_dict(r) for r in qs[offset : offset + limit]],
        "facets": _facets(qs),
    }


def _user_id(key: str) -> int | None:
    if not key:
        return None
    users = get_user_model().objects.filter(is_active=True)
    user = users.filter(pk=int(key)).first() if key.isdigit() and len(key) < 19 else None
    if user is None:
        user = users.filter(email__iexact=key).first()
    # An unknown user has made no requests: the same empty answer as a known one without any, so
    # that nobody learns from it whether an address has an account.
    return int(user.pk) if user is not None else -1


def _facets(qs: Any) -> dict[str, Any]:
    counted = selectors.facets(qs)
    facets: dict[str, Any] = {}
    if counted["organization"]:
        facets["organization"] = {"items": [
            {"name": o["name"], "display_name": o["display_name"], "count": o["count"]}
            for o in counted["organization"]
        ]}  # fmt: skip
    if counted["state"]:
        facets["state"] = {"items": [
            {"name": s["name"], "display_name": str(RequestState(s["name"]).label),
             "count": s["count"]}
            for s in counted["state"]
        ]}  # fmt: skip
    return facets


@action(auth=signed_in)
def delete_datarequest(context: ActionContext, data: dict[str, Any]) -> dict[str, Any]:
    """Delete a request (its requester or a platform administrator); returns it as it was."""
    request = _request(data)
    result = datarequest_dict(request)
    with ckan_errors():
        services.datarequest_delete(actor=context.user, datarequest=request)
    return result


@action(auth=signed_in)
def close_datarequest(context: ActionContext, data: dict[str, Any]) -> dict[str, Any]:
    """Close a request: with accepted_dataset_id it is fulfilled; otherwise the asked
    organization declines it (close_circumstance or reason required) or its requester withdraws
    it. `state` (fulfilled, declined, withdrawn) chooses explicitly."""
    request = _request(data)
    dataset_key = str_param(data, "accepted_dataset_id").strip()
    dataset = selectors.dataset_by_key(dataset_key) if dataset_key else None
    if dataset_key and dataset is None:
        raise ValidationError({"accepted_dataset_id": [_("ไม่พบชุดข้อมูลนี้")]})
    reason = str_param(data, "close_circumstance") or str_param(data, "reason")
    state = str_param(data, "state") or _closing_state(context.user, request, dataset)
    if state not in (RequestState.FULFILLED, RequestState.DECLINED, RequestState.WITHDRAWN):
        raise ValidationError({"state": [_("ต้องเป็น fulfilled, declined หรือ withdrawn")]})
    with ckan_errors():
        services.datarequest_transition(
            actor=context.user, datarequest=request, to_state=state, dataset=dataset, reason=reason
        )
    return _fresh(request)


def _closing_state(user: Any, request: DataRequest, dataset: Any) -> str:
    from .permissions import can_answer, is_requester

    if dataset is not None:
        return RequestState.FULFILLED
    if is_requester(user, request) and not can_answer(user, request):
        return RequestState.WITHDRAWN
    return RequestState.DECLINED


@action(auth=signed_in)
def comment_datarequest(context: ActionContext, data: dict[str, Any]) -> dict[str, Any]:
    """Comment on a request: datarequest_id, comment."""
    request = _request(data, "datarequest_id")
    with ckan_errors():
        comment = services.comment_create(
            actor=context.user, datarequest=request, text=str_param(data, "comment")
        )
    return comment_dict(comment)


@action(auth=public, side_effect_free=True)
def show_datarequest_comment(context: ActionContext, data: dict[str, Any]) -> dict[str, Any]:
    """One comment on a data request, by its id (parameter: id)."""
    return comment_dict(_comment(data))


@action(auth=public, side_effect_free=True)
def list_datarequest_comments(context: ActionContext, data: dict[str, Any]) -> list[dict[str, Any]]:
    """A request's comments: datarequest_id, sort (asc, the default, or desc)."""
    request = _request(data, "datarequest_id")
    sort = str_param(data, "sort", "asc")
    if sort not in ("asc", "desc"):
        raise ValidationError({"sort": [_("ต้องเป็น asc หรือ desc")]})
    return [comment_dict(c) for c in selectors.comments_for(request, newest_first=sort == "desc")]


@action(auth=signed_in)
def update_datarequest_comment(context: ActionContext, data: dict[str, Any]) -> dict[str, Any]:
    """Edit your comment: id, comment."""
    comment = _comment(data)
    with ckan_errors():
        comment = services.comment_update(
            actor=context.user, comment=comment, text=str_param(data, "comment")
        )
    return comment_dict(comment)


@action(auth=signed_in)
def delete_datarequest_comment(context: ActionContext, data: dict[str, Any]) -> dict[str, Any]:
    """Delete your comment (platform administrators may delete any): id."""
    comment = _comment(data)
    result = comment_dict(comment)
    with ckan_errors():
        services.comment_delete(actor=context.user, comment=comment)
    return result


@action(auth=signed_in)
def follow_datarequest(context: ActionContext, data: dict[str, Any]) -> bool:
    """Be e-mailed when the request's state changes: id. Following twice is a Validation Error."""
    request = _request(data)
    with ckan_errors():
        followed = services.datarequest_follow(actor=context.user, datarequest=request)
    if not followed:
        raise ValidationError({"id": [_("ติดตามคำขอนี้อยู่แล้ว")]})
    return True


@action(auth=signed_in)
def unfollow_datarequest(context: ActionContext, data: dict[str, Any]) -> bool:
    """Stop following: id. Not following is a Not Found Error (as ckanext-datarequests)."""
    request = _request(data)
    with ckan_errors():
        unfollowed = services.datarequest_unfollow(actor=context.user, datarequest=request)
    if not unfollowed:
        raise NotFound(_("ไม่ได้ติดตามคำขอนี้"))
    return True


@action(auth=signed_in)
def vote_datarequest(context: ActionContext, data: dict[str, Any]) -> dict[str, Any]:
    """Vote for an open request (one vote per person; voting again changes nothing): id."""
    request = _request(data)
    with ckan_errors():
        services.datarequest_vote(actor=context.user, datarequest=request)
    return _fresh(request)


@action(auth=signed_in)
def unvote_datarequest(context: ActionContext, data: dict[str, Any]) -> dict[str, Any]:
    """Take your vote back: id."""
    request = _request(data)
    with ckan_errors():
        services.datarequest_unvote(actor=context.user, datarequest=request)
    return _fresh(request)
