"""Browser tests: the real site in a subprocess (its own database, e-mail written to files) and
Debian's chromium driven by Playwright, once at a phone's size and once at a desktop's.

The site is started once per session and shared by every test, so each parametrized run uses its
own LAOs and addresses."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from thongthin.core.testing import SiteFailed, live_site

from .support import Mailbox

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


@dataclass(frozen=True)
class Site:
    url: str
    mailbox: Mailbox


@pytest.fixture(scope="session")
def chromium_executable() -> Path:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium to run the browser tests")
    return CHROMIUM


@pytest.fixture(scope="package")
def site(chromium_executable: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The real site on a free port: migrated, demo data loaded, mail written to files."""
    workdir = tmp_path_factory.mktemp("e2e-site")
    # Several scenarios sign the same demo people in within minutes of each other.
    env = {"SIGN_IN_CODES_PER_ADDRESS": "50"}
    try:
        with live_site(
            workdir,
            name="e2e",
            setup=[["migrate", "--noinput"], ["load_demo_data"], ["run_worker", "--once"]],
            env=env,
        ) as running:
            yield Site(url=running.url, mailbox=Mailbox(workdir / "mail"))
    except SiteFailed as exc:
        pytest.fail(str(exc))


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
