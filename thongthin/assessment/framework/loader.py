"""Framework files in the repository -> one document -> a validated Framework.

A framework version is a directory under `thongthin/assessment/frameworks/<version>/`:
`framework.yaml` (version, title, validity, levels, weights, parameters), `sources.yaml` (the
register of legal sources), `cost_categories.yaml`, and `checks/*.yaml` (lists of checks, read in
file-name order). See frameworks/README.md.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from .schema import Framework, FrameworkProblem, parse_framework

FRAMEWORKS_DIR = Path(__file__).resolve().parent.parent / "frameworks"


def _yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise FrameworkProblem([f"{path.name}: not valid YAML ({exc})"]) from None


def read_directory(directory: Path) -> dict[str, Any]:
    """Merge a version directory into one document (plain data, JSON-serialisable)."""
    if not (directory / "framework.yaml").exists():
        raise FrameworkProblem([f"{directory.name}: framework.yaml missing"])
    head = _yaml(directory / "framework.yaml") or {}
    doc: dict[str, Any] = {
        "framework": head.get("framework") or {},
        "parameters": head.get("parameters") or {},
        "sources": (_yaml(directory / "sources.yaml") or {})
        if (directory / "sources.yaml").exists()
        else {},
        "cost_categories": (_yaml(directory / "cost_categories.yaml") or {})
        if (directory / "cost_categories.yaml").exists()
        else {},
        "checks": [],
    }
    for path in sorted((directory / "checks").glob("*.yaml")):
        items = _yaml(path) or []
        if not isinstance(items, list):
            raise FrameworkProblem([f"checks/{path.name}: must be a list of checks"])
        doc["checks"].extend(items)
    # YAML gives dates as date objects; the stored document keeps ISO strings.
    return json.loads(json.dumps(doc, default=str))


def version_directories() -> list[Path]:
    return sorted(
        p for p in FRAMEWORKS_DIR.iterdir() if p.is_dir() and (p / "framework.yaml").exists()
    )


def document_sha256(doc: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(doc, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


_PARSED: dict[str, Framework] = {}


def parse_cached(
    doc: dict[str, Any] | Callable[[], dict[str, Any]], sha: str | None = None
) -> Framework:
    """Parse a stored document once per content hash (frameworks are immutable once published,
    and a draft's hash changes with every edit). Hot path of every evaluation: no re-parsing.
    `doc` may be a callable, so that a deferred document is loaded only on a cache miss."""
    if sha is None:
        sha = document_sha256(doc() if callable(doc) else doc)
    framework = _PARSED.get(sha)
    if framework is None:
        framework = parse_framework(doc() if callable(doc) else doc)
        if len(_PARSED) > 64:
            _PARSED.clear()
        _PARSED[sha] = framework
    return framework
