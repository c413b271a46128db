"""Helpers for the browser tests: the e-mails the site wrote to files, a small real PDF, axe-core
checks and the sign-in steps every scenario shares."""

from __future__ import annotations

import email
import email.policy
import re
import time
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect

ROOT = Path(__file__).resolve().parent.parent
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa"]},
    "resultTypes": ["violations"],
}
BLOCKING_IMPACTS = {"serious", "critical"}

# Django's file backend separates the messages of one connection with a line of 79 dashes.
_SEPARATOR = b"\n" + b"-" * 79 + b"\n"
_CODE = re.compile(r"^\s*(\d{6})\s*$", re.MULTILINE)
_VERIFY_LINK = re.compile(r"https?://\S+/registry/verify/\S+")


class Mailbox:
    """The e-mails Django's file backend wrote to one directory, read as a mail client would."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def messages(self, to: str) -> list[EmailMessage]:
        """Every message to `to`, oldest first."""
        found: list[EmailMessage] = []
        files = sorted(self.directory.glob("*.log"), key=lambda p: (p.stat().st_mtime_ns, p.name))
        for path in files:
            for chunk in path.read_bytes().split(_SEPARATOR):
                if not chunk.strip():
                    continue
                message = email.message_from_bytes(chunk.lstrip(), policy=email.policy.default)
                if to.lower() in str(message.get("To", "")).lower():
                    found.append(message)  # type: ignore[arg-type]
        return found

    def count(self, to: str) -> int:
        return len(self.messages(to))

    def newest(self, to: str, *, after: int, pattern: re.Pattern[str], timeout: float = 10) -> str:
        """The first match of `pattern` in the newest message to `to`, once more than `after`
        messages have arrived (sending happens when the request's transaction commits)."""
        deadline = time.monotonic() + timeout
        while True:
            messages = self.messages(to)
            if len(messages) > after:
                body = messages[-1].get_body(preferencelist=("plain",))
                match = pattern.search(body.get_content() if body else "")
                if match:
                    return match.group(1) if pattern.groups else match.group(0)
            if time.monotonic() > deadline:
                subjects = [str(m["Subject"]) for m in messages]
                raise AssertionError(
                    f"no new e-mail to {to} matching {pattern.pattern!r} "
                    f"(had {after}, now {len(messages)}: {subjects})"
                )
            time.sleep(0.1)

    def sign_in_code(self, to: str, *, after: int) -> str:
        return self.newest(to, after=after, pattern=_CODE)

    def verify_link(self, to: str, *, after: int) -> str:
        return self.newest(to, after=after, pattern=_VERIFY_LINK)


def make_pdf(text: str) -> bytes:
    """A small but well-formed one-page PDF (catalog, page, font, content, exact xref)."""
    content = f"BT /F1 16 Tf 72 760 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n" % (len(objects) + 1, xref)
    return bytes(out + b"%%EOF\n")


def _format_violations(what: str, url: str, violations: list[dict[str, Any]]) -> str:
    lines = [f"axe-core: {len(violations)} serious/critical violation(s) on {what} ({url})"]
    for v in violations:
        lines.append(f"- [{v['impact']}] {v['id']}: {v['help']} <{v['helpUrl']}>")
        for node in v["nodes"][:8]:
            lines.append(f"    at {' '.join(map(str, node['target']))}")
            lines.append(f"       {node['html'][:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", "\n       ")
            lines.append(f"       {summary}")
        if len(v["nodes"]) > 8:
            lines.append(f"    ... and {len(v['nodes']) - 8} more")
    return "\n".join(lines)


def assert_accessible(page: Page, what: str) -> None:
    """Run axe-core (WCAG 2 A and AA rules) on the page as it is now; fail on serious or
    critical violations, listing each with the offending elements."""
    page.wait_for_load_state("load")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE_SCRIPT))
    results = page.evaluate("options => window.axe.run(document, options)", AXE_OPTIONS)
    blocking = [v for v in results["violations"] if v.get("impact") in BLOCKING_IMPACTS]
    assert not blocking, _format_violations(what, page.url, blocking)


def open_menu_link(page: Page, name: str) -> None:
    """Follow a link in the main menu; on a phone the menu is behind the toggler first."""
    page.wait_for_load_state("load")  # Bootstrap's collapse script is deferred
    toggler = page.get_by_role("button", name="เปิดเมนู")
    if toggler.is_visible():
        toggler.click()
    page.get_by_role("navigation", name="เมนูหลัก").get_by_role("link", name=name).click()


def request_code(page: Page, mailbox: Mailbox, address: str) -> str:
    """Ask for a sign-in code for `address`, checking the sign-in and code pages on the way;
    returns the code from the e-mail. Ends on the code page."""
    page.goto("/accounts/sign-in")
    assert_accessible(page, "sign-in page")
    before = mailbox.count(address)
    page.locator("#id_email").fill(address)
    page.get_by_role("main").get_by_role("button", name="ส่งรหัสเข้าสู่ระบบ").click()
    expect(page).to_have_url(re.compile(r"/accounts/sign-in/code$"))
    expect(page.get_by_role("main")).to_contain_text(address)
    assert_accessible(page, "sign-in code page")
    return mailbox.sign_in_code(address, after=before)


def enter_code(page: Page, code: str) -> None:
    page.locator("#id_code").fill(code)
    page.get_by_role("main").get_by_role("button", name="เข้าสู่ระบบ").click()


def sign_in(page: Page, mailbox: Mailbox, address: str) -> None:
    """Sign in by a code sent to `address`; ends on the account page."""
    enter_code(page, request_code(page, mailbox, address))
    expect(page).to_have_url(re.compile(r"/accounts/$"))
