"""Keeps request metadata (client IP, user agent) in a context variable so that the audit log
can record where a change came from without every service taking the request."""

from __future__ import annotations

import contextvars
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation


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


class RequestContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # `?lang=en` overrides the cookie and Accept-Language for one request (API clients, links).
        lang = request.GET.get("lang", "")
        if lang in {code for code, _name in settings.LANGUAGES}:
            translation.activate(lang)
            request.LANGUAGE_CODE = lang
        token = _current.set(
            RequestContext(
                ip=client_ip(request), user_agent=request.META.get("HTTP_USER_AGENT", "")[:300]
            )
        )
        try:
            return self.get_response(request)
        finally:
            _current.reset(token)
