"""Request-wide concerns: request metadata (client IP, user agent) kept in a context variable so
that the audit log can record where a change came from without every service taking the request;
`?lang=`; JSON errors for API clients; refusing NUL characters before they reach the database."""

from __future__ import annotations

import contextvars
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from .api import as_error_envelope, is_api_request


@dataclass(frozen=True)
class RequestContext:
    ip: str | None
    user_agent: str


_current: contextvars.ContextVar[RequestContext | None] = contextvars.ContextVar(
    "thongthin_request", default=None
)


def client_ip(request: HttpRequest) -> str | None:
    # Only a header our own reverse proxy sets (and overwrites) may be trusted: otherwise anyone
    # could claim any address and slip past per-IP limits. Configure CLIENT_IP_HEADER (e.g.
    # HTTP_X_REAL_IP) only behind such a proxy; by default the socket's address is used.
    header = settings.THONGTHIN.get("CLIENT_IP_HEADER") or ""
    ip = (request.META.get(header, "").split(",")[0].strip() if header else "") or request.META.get(
        "REMOTE_ADDR"
    )
    return ip or None


def current_request() -> RequestContext | None:
    return _current.get()


def activate_requested_language(request: HttpRequest) -> None:
    """`?lang=en` overrides the cookie and Accept-Language for one request (API clients, links)."""
    lang = request.GET.get("lang", "")
    if lang in {code for code, _name in settings.LANGUAGES}:
        translation.activate(lang)
        request.LANGUAGE_CODE = lang


class RequestContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        activate_requested_language(request)
        token = _current.set(
            RequestContext(
                ip=client_ip(request), user_agent=request.META.get("HTTP_USER_AGENT", "")[:300]
            )
        )
        try:
            return self.get_response(request)
        finally:
            _current.reset(token)


class ApiErrorEnvelopeMiddleware:
    """An API client never gets an HTML (or plain-text) error: any /api/ response with a status of
    400 or more that is not JSON (the router's 405, a failure in another middleware) becomes our
    `{"error": {...}}` envelope with the same status and headers such as Allow.

    Sits inside LocaleMiddleware, so the message is in the request's language."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if is_api_request(request):
            return as_error_envelope(request, response)  # type: ignore[return-value]
        return response


NUL = "\x00"
_FORM_TYPES = {"multipart/form-data", "application/x-www-form-urlencoded"}


@dataclass(frozen=True)
class NulFound:
    """Where a NUL was found: `field` names the parameter or JSON path ("" for the path or a
    header); `in_header` when it came in a header or cookie (the session cannot be trusted)."""

    field: str = ""
    in_header: bool = False


def _clean(name: str) -> str:
    return name.replace(NUL, "")[:100]


def _json_nul(data: Any) -> str | None:
    """The dotted path of the first string (value or key) holding a NUL in parsed JSON."""
    stack: list[tuple[tuple[str, ...], Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            if NUL in value:
                return ".".join(path)
        elif isinstance(value, dict):
            for key, item in value.items():
                if NUL in key:
                    return ".".join((*path, _clean(key)))
                stack.append(((*path, key), item))
        elif isinstance(value, list):
            stack.extend(((*path, str(i)), item) for i, item in enumerate(value))
    return None


def _is_json(content_type: str) -> bool:
    return content_type == "application/json" or content_type.endswith("+json")


def find_nul(request: HttpRequest) -> NulFound | None:
    """Where the request carries a NUL character (U+0000), or None.

    Looks at the path, query parameters, headers and cookies, form fields (not the content of
    uploaded files) and JSON bodies: those of a JSON content type, and any body sent to the API,
    which parses every body as JSON."""
    if NUL in request.path:
        return NulFound()
    for name, values in request.GET.lists():
        if NUL in name or any(NUL in v for v in values):
            return NulFound(_clean(name))
    for key, value in request.META.items():
        if key.startswith("HTTP_") and isinstance(value, str) and NUL in value:
            return NulFound(in_header=True)
    for name, value in request.COOKIES.items():
        if NUL in name or NUL in value:
            return NulFound(in_header=True)
    content_type = (request.content_type or "").lower()
    if content_type in _FORM_TYPES:
        if request.method == "POST":
            for name, values in request.POST.lists():
                if NUL in name or any(NUL in v for v in values):
                    return NulFound(_clean(name))
        return None
    if not (_is_json(content_type) or is_api_request(request)):
        return None
    body = request.body
    # A NUL in JSON is either the escape \u0000 or a raw byte (UTF-16/32 text, or invalid JSON);
    # parse only when one of them is there. A body that does not parse is left to the view, which
    # answers 400 for it.
    if b"\\u0000" not in body and b"\x00" not in body:
        return None
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        return None
    where = _json_nul(data)
    return NulFound(where) if where is not None else None


class RejectNulMiddleware:
    """Answers 400 to a request carrying a NUL character before any view or query runs.

    PostgreSQL refuses NUL in text, so one that reached a query (a lookup by the path, a filter
    from the query string, a saved form field) used to be a 500. Placed after
    AuthenticationMiddleware (whose user is lazy: nothing has touched the database yet)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        found = find_nul(request)
        if found is None:
            return self.get_response(request)
        from .views import invalid_characters

        activate_requested_language(request)
        if found.in_header:
            # The session cookie itself may be the culprit: render as nobody.
            request.user = AnonymousUser()
        return invalid_characters(request, field=found.field)
