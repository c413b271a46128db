"""The CKAN Action API over HTTP (`/api/3/action/<name>`, `/api/action/<name>`): request data
parsed as CKAN's `_get_request_data` does, API-token identity, the `{help, success, result|error}`
envelope with CKAN's `__type`s and status codes, JSONP (domain notes §1.2–§1.4, §2.5)."""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.utils.html import escape

from ..services.tokens import user_for_token
from .errors import ActionError, BadRequest
from .registry import ActionContext, get_action

log = logging.getLogger(__name__)
JSON_TYPE = "application/json;charset=utf-8"
CALLBACK = re.compile(r"^[A-Za-z_$][\w$.]{0,99}$")
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "POST, PUT, GET, DELETE, OPTIONS",
    "Access-Control-Allow-Headers": "Authorization, X-CKAN-API-Key, Content-Type",
}


def help_url(request: HttpRequest, name: str) -> str:
    return request.build_absolute_uri(f"/api/3/action/help_show?name={name}")


def _json(body: Any, status: int = 200) -> HttpResponse:
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False, separators=(", ", ": ")),
        status=status,
        content_type=JSON_TYPE,
    )
    for key, value in CORS_HEADERS.items():
        response[key] = value
    return response


def _multi(querydict: Any) -> dict[str, Any]:
    """A QueryDict as CKAN reads it: a repeated key becomes a list, a single one a string."""
    data: dict[str, Any] = {}
    for key in querydict:
        values = querydict.getlist(key)
        data[key] = values if len(values) > 1 else values[0]
    return data


def request_data(
    request: HttpRequest, *, side_effect_free: bool
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(data_dict, files). Raises BadRequest for data CKAN could not read."""
    content_type = (request.content_type or "").lower()
    files: dict[str, Any] = {}
    data: Any
    if request.method in ("POST", "PUT") and content_type in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        form = request.POST
        files = {key: request.FILES[key] for key in request.FILES}
        keys = list(form.keys())
        if len(keys) == 1 and not files and form[keys[0]] in ("", "1"):
            data = _decode(keys[0])
        elif keys or files:
            data = _multi(form)
        elif side_effect_free and request.GET:
            data = _multi(request.GET)
        else:
            data = {}
    elif side_effect_free and request.GET:
        data = _multi(request.GET)
    else:
        body = request.body
        data = _decode(body) if body.strip() else {}
    if not isinstance(data, dict):
        raise BadRequest(
            f"Bad request: JSON Error: Request data JSON decoded to {json.dumps(data)[:100]} "
            "but it needs to be a dictionary."
        )
    return data, files


def _decode(raw: bytes | str) -> Any:
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        return json.loads(text)
    except (UnicodeDecodeError, ValueError) as exc:
        raise BadRequest(
            f"Bad request: JSON Error: Error decoding JSON data. Error: {exc!r}"
        ) from None


def identify(request: HttpRequest) -> Any:
    """The user of an API token (`Authorization`, raw, or `X-CKAN-API-Key`). Without a token, a
    read may use the browser's session (to see one's own private datasets); a write never does,
    so a page on another site cannot make a signed-in visitor's browser change anything."""
    for header in ("HTTP_AUTHORIZATION", "HTTP_X_CKAN_API_KEY"):
        raw = request.META.get(header, "").strip()
        if raw.lower().startswith("bearer "):
            raw = raw[7:].strip()
        if raw:
            return user_for_token(raw) or AnonymousUser()
    if request.method == "GET":
        return getattr(request, "user", AnonymousUser())
    return AnonymousUser()


def action_view(request: HttpRequest, logic_function: str, ver: int = 3) -> HttpResponse:
    if request.method == "OPTIONS":
        return _json(None, 200)
    found = get_action(logic_function)
    if found is None:
        return _json(f"Bad request: Action name not known: {logic_function[:100]}", 400)
    if request.method == "GET" and not found.side_effect_free:
        return _json(
            "Bad request: JSON Error: Invalid request. Please use POST method for your request", 400
        )
    if request.method not in ("GET", "POST", "PUT"):
        return _json("Bad request: method not allowed", 405)
    try:
        data, files = request_data(request, side_effect_free=found.side_effect_free)
    except BadRequest as exc:
        return _json(exc.message, 400)
    except (RequestDataTooBig, SuspiciousOperation):
        return _json("Bad request: JSON Error: the request is too large", 400)
    callback = data.pop("callback", None) if request.method == "GET" else None
    user = AnonymousUser() if callback else identify(request)
    context = ActionContext(user=user, request=request, api_version=ver, files=files)
    envelope: dict[str, Any] = {"help": help_url(request, found.name)}
    try:
        found.auth(context, data)
        result = found.func(context, data)
    except ActionError as exc:
        envelope.update(success=False, error=exc.error_dict())
        return _json(envelope, exc.status)
    except Exception:  # CKAN answers any other failure with this envelope, never an HTML page
        log.exception("CKAN action %s failed", found.name)
        envelope.update(
            success=False,
            error={"__type": "Internal Server Error", "message": "Internal Server Error"},
        )
        return _json(envelope, 500)
    envelope.update(success=True, result=result)
    response = _json(envelope)
    if callback:
        if not CALLBACK.match(str(callback)):
            return _json("Bad request: invalid callback name", 400)
        response = HttpResponse(
            f"{escape(str(callback))}({response.content.decode()});",
            content_type="application/javascript;charset=utf-8",
        )
    return response


def api_version_view(request: HttpRequest, ver: int = 1) -> HttpResponse:
    return _json({"version": ver})
