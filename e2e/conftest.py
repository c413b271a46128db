"""Browser tests: the real site in a subprocess (its own database, e-mail written to files) and
Debian's chromium driven by Playwright, once at a phone's size and once at a desktop's.

The site is started once per session and shared by every test, so each parametrized run uses its
own LAOs and addresses."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

from .support import ROOT, Mailbox

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DEVICES: dict[str, dict[str, Any]] = {
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "device_scale_factor": 2,
        "is_mobile": True,
        "has_touch": True,
    },
    "desktop": {"viewport": {"width": 1280, "height": 800}},
}
POSTGRES_SCHEMES = ("postgres", "postgresql", "pgsql", "psql")
STARTUP_TIMEOUT_SECONDS = 30


@dataclass(frozen=True)
class Site:
    url: str
    mailbox: Mailbox


@pytest.fixture(scope="session")
def chromium_executable() -> Path:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium to run the browser tests")
    return CHROMIUM


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _database(workdir: Path) -> tuple[str, Callable[[], None]]:
    """A database for this run only: `<name>_e2e` next to DATABASE_URL's when that is PostgreSQL
    (dropped and created afresh), otherwise a temporary SQLite file. Returns its URL and a
    clean-up function."""
    url = os.environ.get("DATABASE_URL", "")
    parts = urlsplit(url)
    if parts.scheme not in POSTGRES_SCHEMES:
        return f"sqlite:///{workdir / 'e2e.sqlite3'}", lambda: None

    import psycopg
    from psycopg import sql

    name = f"{parts.path.lstrip('/') or 'thongthin'}_e2e"
    maintenance = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))

    def run(statement: str) -> None:
        with psycopg.connect(maintenance, autocommit=True) as conn:
            conn.execute(sql.SQL(statement).format(sql.Identifier(name)))

    run("DROP DATABASE IF EXISTS {} WITH (FORCE)")
    run("CREATE DATABASE {}")
    return urlunsplit(parts._replace(path=f"/{name}")), lambda: run(
        "DROP DATABASE IF EXISTS {} WITH (FORCE)"
    )


def _manage(env: dict[str, str], *args: str) -> None:
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode:
        pytest.fail(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")


def _wait_until_healthy(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"the site exited ({server.returncode}):\n{log.read_text()[-4000:]}")
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    pytest.fail(f"the site did not answer /healthz:\n{log.read_text()[-4000:]}")


@pytest.fixture(scope="package")
def site(chromium_executable: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The real site on a free port: migrated, demo data loaded, mail written to files."""
    workdir = tmp_path_factory.mktemp("e2e-site")
    database_url, drop_database = _database(workdir)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    mail_dir = workdir / "mail"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("EMAIL_", "DJANGO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.local",
        DEBUG="true",  # static files from the finders, as `make run` serves them
        DATABASE_URL=database_url,
        EMAIL_URL="filemail://",
        EMAIL_FILE_PATH=str(mail_dir),
        MEDIA_ROOT=str(workdir / "media"),
        SITE_URL=url,
        DNS_ENABLED="false",  # tests never touch the network
        # Several scenarios sign the same demo people in within minutes of each other.
        SIGN_IN_CODES_PER_ADDRESS="50",
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    _manage(env, "migrate", "--noinput")
    _manage(env, "load_demo_data")
    log = workdir / "server.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_until_healthy(url, server, log)
        yield Site(url=url, mailbox=Mailbox(mail_dir))
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        drop_database()


# Package scope, not session: while Playwright's sync API is started, its event loop is visible
# to Django's async-safety check, which would refuse database access in tests run after these.
@pytest.fixture(scope="package")
def browser(chromium_executable: Path) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(
            executable_path=str(chromium_executable), args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
    finally:
        playwright.stop()


@pytest.fixture(params=list(DEVICES))
def device(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def new_page(browser: Any, site: Site, device: str) -> Iterator[Callable[[], Any]]:
    """Opens a page in a fresh browser context (its own cookies: another person) at the size of
    the parametrized device."""
    from playwright.sync_api import expect

    expect.set_options(timeout=10_000)
    contexts = []
    problems: list[str] = []

    def watch(response: Any) -> None:
        # A server error, or a missing stylesheet or script, would otherwise pass unnoticed.
        if response.status >= 500 or (response.status >= 400 and "/static/" in response.url):
            problems.append(f"HTTP {response.status} {response.url}")

    def open_page() -> Any:
        context = browser.new_context(
            base_url=site.url, locale="th-TH", timezone_id="Asia/Bangkok", **DEVICES[device]
        )
        context.set_default_timeout(10_000)
        context.on("response", watch)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: problems.append(f"JavaScript error: {error}"))
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert not problems, "\n".join(problems)


@pytest.fixture
def page(new_page: Callable[[], Any]) -> Any:
    return new_page()


@pytest.fixture
def mailbox(site: Site) -> Mailbox:
    return site.mailbox
