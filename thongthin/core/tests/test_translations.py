"""The English catalog (locale/en): complete, consistent with its compiled .mo and with the code.

The source strings are Thai; English comes from locale/en/LC_MESSAGES/django.po. When a test here
fails after a change to the code, run `make messages`, translate the new entries and commit both
django.po and django.mo.
"""

from __future__ import annotations

import re
import shutil
from io import StringIO
from pathlib import Path
from typing import Any

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.commands import makemessages

REPO = Path(settings.BASE_DIR)
PO_PATH = REPO / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO_PATH = PO_PATH.with_suffix(".mo")
# The folders that `make messages` leaves out.
IGNORED = ["node_modules", ".venv", "var", "e2e", "bench"]
PLACEHOLDER = re.compile(r"%\(\w+\)[#0 +-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")


def _key(entry: polib.POEntry | polib.MOEntry) -> tuple[str | None, str]:
    return (entry.msgctxt, entry.msgid)


def _show(keys: set[tuple[str | None, str]]) -> str:
    return "\n".join(
        f"  {ctx + ' | ' if ctx else ''}{msgid!r}" for ctx, msgid in sorted(keys, key=str)
    )


@pytest.fixture(scope="module")
def po() -> polib.POFile:
    return polib.pofile(str(PO_PATH))


def test_every_entry_is_translated_and_none_is_fuzzy(po):
    untranslated = {_key(e) for e in po.untranslated_entries()}
    fuzzy = {_key(e) for e in po.fuzzy_entries()}
    assert len(po) > 0
    assert not untranslated, "untranslated entries:\n" + _show(untranslated)
    assert not fuzzy, "fuzzy entries:\n" + _show(fuzzy)
    assert not po.metadata_is_fuzzy
    assert po.metadata["Language"] == "en"


def _translations(entry: polib.POEntry) -> list[str]:
    """The entry's msgstr, or each of its plural forms."""
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


def test_translations_keep_the_placeholders(po):
    wrong = {
        _key(e): (
            sorted(set(PLACEHOLDER.findall(e.msgid))),
            sorted(set(PLACEHOLDER.findall(text))),
        )
        for e in po
        for text in _translations(e)
        if set(PLACEHOLDER.findall(e.msgid)) != set(PLACEHOLDER.findall(text))
    }
    assert not wrong, "\n".join(f"{key}: {ids} != {strs}" for key, (ids, strs) in wrong.items())


def test_translations_keep_the_html_tags(po):
    tags = re.compile(r"</?[a-z]+[^>]*>")
    wrong = [_key(e) for e in po if sorted(tags.findall(e.msgid)) != sorted(tags.findall(e.msgstr))]
    assert not wrong, wrong


def test_the_compiled_catalog_matches_the_po_file(po):
    mo = polib.mofile(str(MO_PATH))
    from_po = {_key(e): e.msgstr for e in po if e.msgid and e.translated()}
    from_mo = {_key(e): e.msgstr for e in mo if e.msgid}
    missing = set(from_po) - set(from_mo)
    extra = set(from_mo) - set(from_po)
    assert not missing, "in the .po but not in the .mo (run compilemessages):\n" + _show(missing)
    assert not extra, "in the .mo but not in the .po (run compilemessages):\n" + _show(extra)
    differ = {k for k in from_po if from_po[k] != from_mo[k]}
    assert not differ, "translated differently in the .mo (run compilemessages):\n" + _show(differ)


class _ExtractInto(makemessages.Command):
    """makemessages that writes every catalog into one given folder, never into the repository's
    locale/ (which Django would otherwise pick for every file under the repository root)."""

    def __init__(self, locale_dir: Path, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.target = str(locale_dir)

    def find_files(self, root: str) -> list[Any]:
        files = super().find_files(root)
        for f in files:
            f.locale_dir = self.target
        return files


def test_the_catalog_is_up_to_date_with_the_code(po, settings, tmp_path, monkeypatch):
    if not shutil.which("xgettext"):
        pytest.fail("GNU gettext (xgettext, msgmerge) is needed: apt-get install gettext")
    locale_copy = tmp_path / "locale"
    shutil.copytree(REPO / "locale", locale_copy)
    settings.LOCALE_PATHS = [locale_copy]
    monkeypatch.chdir(REPO)
    before = PO_PATH.read_bytes()

    call_command(
        _ExtractInto(locale_copy),
        locale=["en"],
        no_obsolete=True,
        ignore_patterns=IGNORED,
        verbosity=0,
        stdout=StringIO(),
        stderr=StringIO(),
    )

    assert PO_PATH.read_bytes() == before, "the check must not touch the real catalog"
    assert not (REPO / "locale" / "django.pot").exists()
    extracted = {_key(e) for e in polib.pofile(str(locale_copy / "en/LC_MESSAGES/django.po"))}
    committed = {_key(e) for e in po if not e.obsolete}
    missing = extracted - committed
    extra = committed - extracted
    assert not missing and not extra, (
        "locale/en is out of date: run `make messages` and translate.\n"
        f"In the code but not in the catalog ({len(missing)}):\n{_show(missing)}\n"
        f"In the catalog but no longer in the code ({len(extra)}):\n{_show(extra)}"
    )


@pytest.mark.django_db
def test_the_home_page_in_english(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "The open platform for LAOs nationwide" in html
    assert "Find an LAO" in html
    assert "แพลตฟอร์มเปิดของ อปท. ทั่วประเทศ" not in html


@pytest.mark.django_db
def test_the_home_page_stays_thai_by_default(client):
    html = client.get("/").content.decode()
    assert "แพลตฟอร์มเปิดของ อปท. ทั่วประเทศ" in html
    assert "The open platform for LAOs nationwide" not in html


@pytest.mark.django_db
def test_an_api_error_in_english(client):
    response = client.get("/api/v1/laos/0000000?lang=en")
    assert response.status_code == 404
    error = response.json()["error"]
    assert error["code"] == "lao_not_found"
    assert error["message"] == "The requested item was not found."
