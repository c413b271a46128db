"""Production settings: refuse to start without a real secret, and pass `check --deploy`."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DJANGO_SETTINGS_MODULE"}
    }
    environment.update(DJANGO_SETTINGS_MODULE="config.settings.production", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_under_production_settings():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="x7#kP9q!" * 8,
        ALLOWED_HOSTS="thongthin.example.go.th",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_a_missing_or_development_secret():
    missing = _manage("check", ALLOWED_HOSTS="thongthin.example.go.th")
    assert missing.returncode != 0
    assert "SECRET_KEY" in missing.stderr
    dev = _manage(
        "check",
        SECRET_KEY="dev-only-insecure-key-change-me-in-production-0123456789",
        ALLOWED_HOSTS="x",
    )
    assert dev.returncode != 0
