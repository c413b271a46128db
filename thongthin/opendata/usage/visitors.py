"""Who is looking, as little as counting needs: whether the client is a robot, and a salted hash
that is the same for one visitor all day and unlinkable across days."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest

from thongthin.core.middleware import client_ip

from .models import DailySalt

# Crawlers, link previews and monitors: never a person, neither for views nor for downloads.
CRAWLER = re.compile(
    r"bot\b|crawl|spider|slurp|archiver|facebookexternalhit|mediapartners|bingpreview|"
    r"preview|pingdom|uptime|monitor|lighthouse|headless|phantomjs|selenium|puppeteer|playwright",
    re.IGNORECASE,
)
# Programs fetching pages. A program downloading a file is a real use of open data (counted);
# a program fetching the HTML page is not a person reading it (not counted as a view).
SCRIPT = re.compile(
    r"^(curl|wget|python|go-http-client|java/|libwww|okhttp|axios|node-fetch|undici|aiohttp|"
    r"httpx|scrapy|ruby|php|perl|powershell|apache-httpclient)|python-requests|python-urllib",
    re.IGNORECASE,
)


def user_agent(request: HttpRequest) -> str:
    return str(request.META.get("HTTP_USER_AGENT", ""))[:500]


def is_crawler(agent: str) -> bool:
    return not agent.strip() or bool(CRAWLER.search(agent))


def is_page_robot(agent: str) -> bool:
    """Robots for page views: crawlers, scripts, and clients that send no User-Agent at all."""
    return is_crawler(agent) or bool(SCRIPT.search(agent))


_salts: dict[dt.date, str] = {}


def daily_salt(day: dt.date) -> str:
    """The day's random salt, created by whichever process needs it first."""
    salt = _salts.get(day)
    if salt:
        return salt
    salt = DailySalt.objects.filter(day=day).values_list("salt", flat=True).first()
    if salt is None:
        try:
            with transaction.atomic():
                salt = DailySalt.objects.create(day=day, salt=secrets.token_hex(32)).salt
        except IntegrityError:  # another process created it first: use theirs
            salt = DailySalt.objects.values_list("salt", flat=True).get(day=day)
    _salts.clear()  # keep only the current day in memory
    _salts[day] = salt
    return salt


def forget_salts() -> None:
    _salts.clear()


def visitor_key(request: HttpRequest, day: dt.date) -> str:
    """A signed-in user is one visitor on any device; anyone else is their address and browser.
    Only the salted hash is stored."""
    user: Any = getattr(request, "user", None)
    if user is not None and getattr(user, "is_authenticated", False):
        identity = f"user:{user.pk}"
    else:
        identity = f"anon:{client_ip(request) or ''}|{user_agent(request)}"
    digest = hashlib.sha256(f"{daily_salt(day)}|{identity}".encode())
    return digest.hexdigest()
