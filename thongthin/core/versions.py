"""Data versions for in-memory indexes and response caches.

A writer calls `bump("directory")` inside its transaction; readers call `current("directory")`,
which asks the database at most once a second per process (and at once after this process's
own bump commits). A cache keyed by the version is therefore at most a second stale in other
processes and never in the one that made the change.
"""

from __future__ import annotations

import time

from django.db import transaction
from django.db.models import F

from .models import ChangeCounter

TTL_SECONDS = 1.0
_seen: dict[str, tuple[int, float]] = {}


def bump(name: str) -> None:
    if not ChangeCounter.objects.filter(name=name).update(value=F("value") + 1):
        ChangeCounter.objects.get_or_create(name=name, defaults={"value": 1})
    transaction.on_commit(lambda: _seen.pop(name, None))


def current(name: str) -> int:
    now = time.monotonic()
    seen = _seen.get(name)
    if seen is not None and now - seen[1] < TTL_SECONDS:
        return seen[0]
    value = ChangeCounter.objects.filter(name=name).values_list("value", flat=True).first() or 0
    _seen[name] = (value, now)
    return value


def forget() -> None:
    """Drop what this process has seen (tests, and after loading data in bulk)."""
    _seen.clear()
