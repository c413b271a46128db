"""Write a framework document back to a version directory, so that a version published in the
content editor can be reviewed and kept in the repository like any other."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def write_directory(doc: dict[str, Any], directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "checks").mkdir(exist_ok=True)
    header = (
        f"# Exported from the content editor (version {doc['framework'].get('version')}).\n"
        "# Review it in a pull request like any other framework version.\n"
    )
    files = {
        directory / "framework.yaml": {
            "framework": doc["framework"],
            "parameters": doc["parameters"],
        },
        directory / "sources.yaml": doc["sources"],
        directory / "cost_categories.yaml": doc["cost_categories"],
        directory / "checks" / "checks.yaml": doc["checks"],
    }
    for path, data in files.items():
        path.write_text(header + _dump(data), encoding="utf-8")
    return list(files)
