"""Test support: the real site in a subprocess (its own database, e-mail written to files), for
browser tests and for tests that drive the site with a real client (ckanapi)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent.parent
POSTGRES_SCHEMES = ("postgres", "postgresql", "pgsql", "psql")
STARTUP_TIMEOUT_SECONDS = 30


class SiteFailed(RuntimeError):
    pass


@dataclass(frozen=True)
class LiveSite:
    url: str
    workdir: Path
    env: dict[str, str]

    def manage(self, *args: str) -> str:
        return manage(self.env, *args)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def scratch_database(workdir: Path, suffix: str) -> tuple[str, Callable[[], None]]:
    """A database for this run only: `<name>_<suffix>` next to DATABASE_URL's when that is
    PostgreSQL (dropped and created afresh), otherwise a SQLite file in `workdir`. Returns its
    URL and a clean-up function."""
    url = os.environ.get("DATABASE_URL", "")
    parts = urlsplit(url)
    if parts.scheme not in POSTGRES_SCHEMES:
        return f"sqlite:///{workdir / f'{suffix}.sqlite3'}", lambda: None

    import psycopg
    from psycopg import sql

    name = f"{parts.path.lstrip('/') or 'thongthin'}_{suffix}"
    maintenance = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))

    def run(statement: str) -> None:
        with psycopg.connect(maintenance, autocommit=True) as conn:
            conn.execute(sql.SQL(statement).format(sql.Identifier(name)))

    run("DROP DATABASE IF EXISTS {} WITH (FORCE)")
    run("CREATE DATABASE {}")
    return urlunsplit(parts._replace(path=f"/{name}")), lambda: run(
        "DROP DATABASE IF EXISTS {} WITH (FORCE)"
    )


def manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode:
        raise SiteFailed(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def _wait_until_healthy(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SiteFailed(f"the site exited ({server.returncode}):\n{log.read_text()[-4000:]}")
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:  # noqa: S310 - http://127.0.0.1 only
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise SiteFailed(f"the site did not answer /healthz:\n{log.read_text()[-4000:]}")


@contextmanager
def live_site(
    workdir: Path, *, name: str, setup: list[list[str]], env: dict[str, str] | None = None
) -> Iterator[LiveSite]:
    """Start the site on a free port with a scratch database, after running each `setup`
    command (e.g. ["migrate", "--noinput"]); stop it and drop the database afterwards."""
    database_url, drop_database = scratch_database(workdir, name)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    site_env = {k: v for k, v in os.environ.items() if not k.startswith(("EMAIL_", "DJANGO_"))}
    site_env.update(
        DJANGO_SETTINGS_MODULE="config.settings.local",
        DEBUG="true",  # static files from the finders, as `make run` serves them
        DATABASE_URL=database_url,
        EMAIL_URL="filemail://",
        EMAIL_FILE_PATH=str(workdir / "mail"),
        MEDIA_ROOT=str(workdir / "media"),
        SITE_URL=url,
        DNS_ENABLED="false",  # tests never touch the network
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    site_env.update(env or {})
    try:
        for command in setup:
            manage(site_env, *command)
        log = workdir / "server.log"
        with log.open("wb") as out:
            server = subprocess.Popen(
                [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
                cwd=ROOT,
                env=site_env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        try:
            _wait_until_healthy(url, server, log)
            yield LiveSite(url=url, workdir=workdir, env=site_env)
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    finally:
        drop_database()
