"""The accessibility check itself: it must fail, readably, when axe-core finds a real problem
(otherwise a broken injection would let every page pass)."""

from __future__ import annotations

from typing import Any

import pytest

from .support import assert_accessible

pytestmark = pytest.mark.e2e

BROKEN_PAGE = """<!doctype html><html lang="th"><head><title>x</title></head><body><main>
<h1>แบบฟอร์ม</h1><input type="text"><p style="color:#bbb;background:#fff">ข้อความจาง</p>
</main></body></html>"""


def test_axe_check_fails_on_missing_label_and_low_contrast(browser: Any) -> None:
    page = browser.new_page()
    try:
        page.set_content(BROKEN_PAGE)
        with pytest.raises(AssertionError) as failure:
            assert_accessible(page, "a broken page")
    finally:
        page.close()
    message = str(failure.value)
    assert "[critical] label:" in message
    assert "[serious] color-contrast:" in message
    assert "ข้อความจาง" in message  # the offending element is shown
