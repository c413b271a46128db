"""Organizations follow the LAO directory: every LAO has one, a DLA import that adds or renames
LAOs reaches the catalog (and its search) in the background."""

from __future__ import annotations

import csv
import io

import pytest

from thongthin.directory.models import LAO
from thongthin.directory.services import DLA_FILE, lao_import, parse_dla_file
from thongthin.opendata import search
from thongthin.opendata.models import Organization, OrganizationKind
from thongthin.opendata.search import SearchQuery

from . import factories as f

pytestmark = pytest.mark.django_db


def _import(change) -> None:  # type: ignore[no-untyped-def]
    with DLA_FILE.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    rows = change(rows)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0].keys()))
    writer.writeheader()
    writer.writerows(rows)
    lao_import(rows=parse_dla_file(out.getvalue().encode()), source="test")


def test_every_lao_and_the_agencies_are_organizations():
    assert Organization.objects.filter(kind=OrganizationKind.LAO).count() == LAO.objects.count()
    assert set(
        Organization.objects.filter(kind=OrganizationKind.AGENCY).values_list("name", flat=True)
    ) >= {"dga", "oag", "dla", "nso"}
    maehia = Organization.objects.get(lao__dla_code="4500103")
    assert maehia.name == "lao-4500103" and maehia.title == "เทศบาลเมืองแม่เหียะ"


def test_a_dla_import_adds_and_renames_organizations_after_commit(
    django_capture_on_commit_callbacks,
):
    org = f.lao_org("6720210")  # อบต.ป่าสะแก
    f.dataset(org, name="pasakae-budget", title="งบประมาณรายจ่าย")

    def change(rows):  # type: ignore[no-untyped-def]
        new = dict(next(r for r in rows if r["dla_code"] == "6720210"))
        new.update(dla_code="6729999", name_th="ทดสอบใหม่")
        for row in rows:
            if row["dla_code"] == "6720210":
                row["type_th"] = "เทศบาลตำบล"
        return [*rows, new]

    with django_capture_on_commit_callbacks(execute=True):
        _import(change)
    assert Organization.objects.get(lao__dla_code="6729999").name == "lao-6729999"
    org.refresh_from_db()
    assert org.title == "เทศบาลตำบลป่าสะแก"
    # The new title is in the dataset's search document
    found = search.search_datasets(SearchQuery(q="เทศบาลตำบลป่าสะแก"))
    assert found.count == 1
