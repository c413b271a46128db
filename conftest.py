"""Fixtures shared by every test. The test database holds the real reference data (77 provinces,
929 districts, 7,850 LAOs), loaded once per session: search and ranking tests run against the
data people will search."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    from thongthin.assessment.services.frameworks import framework_load_from_files
    from thongthin.directory.services import directory_load_reference
    from thongthin.opendata.services.organizations import organization_sync_reference

    with django_db_blocker.unblock():
        directory_load_reference()
        framework_load_from_files()
        organization_sync_reference()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def mailoutbox_codes(mailoutbox):  # type: ignore[no-untyped-def]
    """The 6-digit codes in the e-mails sent so far, newest last."""
    import re

    def codes() -> list[str]:
        return [m for mail in mailoutbox for m in re.findall(r"\b(\d{6})\b", mail.body)]

    return codes


@pytest.fixture(autouse=True)
def _fresh_in_memory_indexes():  # type: ignore[no-untyped-def]
    """Each test starts from the database as it is: no index or version left by another test
    (their transactions are rolled back, so versions can go down as well as up)."""
    from thongthin.core import versions
    from thongthin.directory import search

    versions.forget()
    search.reset()
    yield
    versions.forget()
    search.reset()
