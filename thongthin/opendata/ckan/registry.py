"""The published CKAN actions: an explicit registry. Each action names its function, whether it
may be called with GET (CKAN's "side-effect free"), and its permission check, which runs before
the function and raises `NotAuthorized`. `tests/test_ckan_registry.py` asserts the published set.

Modules that define actions (ckan/actions/*.py, the datastore, data requests) are listed in
`ACTION_MODULES` and imported once, on first use: nothing registers itself by being imported
somewhere else.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest

ACTION_MODULES = [
    "thongthin.opendata.ckan.actions.get",
    "thongthin.opendata.ckan.actions.create",
    "thongthin.opendata.ckan.actions.update",
    "thongthin.opendata.ckan.actions.delete",
    "thongthin.opendata.datastore.actions",
    "thongthin.opendata.datarequests.actions",
]


@dataclass
class ActionContext:
    """Who calls, and how. `user` is an AnonymousUser for anonymous calls (and for JSONP)."""

    user: Any
    request: HttpRequest | None = None
    api_version: int = 3
    files: dict[str, Any] = field(default_factory=dict)


AuthCheck = Callable[[ActionContext, dict[str, Any]], None]
ActionFunc = Callable[[ActionContext, dict[str, Any]], Any]


@dataclass(frozen=True)
class Action:
    name: str
    func: ActionFunc
    auth: AuthCheck
    side_effect_free: bool
    doc: str


_ACTIONS: dict[str, Action] = {}
_loaded = False


def action(
    *, auth: AuthCheck, side_effect_free: bool = False, name: str | None = None
) -> Callable[[ActionFunc], ActionFunc]:
    """Register a function as a CKAN action (in a module listed in ACTION_MODULES)."""

    def register(func: ActionFunc) -> ActionFunc:
        action_name = name or func.__name__
        if action_name in _ACTIONS and _ACTIONS[action_name].func is not func:
            raise RuntimeError(f"CKAN action registered twice: {action_name}")
        _ACTIONS[action_name] = Action(
            name=action_name,
            func=func,
            auth=auth,
            side_effect_free=side_effect_free,
            doc=(func.__doc__ or "").strip(),
        )
        return func

    return register


def actions() -> dict[str, Action]:
    global _loaded
    if not _loaded:
        for module in ACTION_MODULES:
            importlib.import_module(module)
        _loaded = True
    return _ACTIONS


def get_action(name: str) -> Action | None:
    return actions().get(name)
