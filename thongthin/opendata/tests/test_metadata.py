"""The Thai government metadata (GD Catalog, domain notes §3.3): required fields, choice lists and
the fields that depend on the data type."""

from __future__ import annotations

import pytest

from thongthin.opendata import metadata
from thongthin.opendata.services import datasets as dataset_services

from . import factories as f

pytestmark = pytest.mark.django_db


def test_the_required_fields_are_the_standards_and_missing_ones_are_reported():
    required = {field.name for field in metadata.FIELDS if field.required}
    assert required == {
        "data_type",
        "objective",
        "update_frequency_unit",
        "geo_coverage",
        "data_source",
        "data_format",
        "data_category",
    }
    _clean, errors = metadata.clean_thai_fields({})
    assert set(errors) == required
    _clean, errors = metadata.clean_thai_fields({}, partial=True)
    assert errors == {}


def test_choices_are_the_thai_labels_and_other_needs_a_text():
    clean, errors = metadata.clean_thai_fields(
        {"data_type": "ข้อมูลระเบียน", "objective": ["อื่นๆ"], "geo_coverage": "ดาวอังคาร"},
        partial=True,
    )
    assert set(errors) == {"objective_other", "geo_coverage"}
    clean, errors = metadata.clean_thai_fields(
        {"data_type": "ข้อมูลระเบียน", "objective": ["อื่นๆ"], "objective_other": "วิจัย"},
        partial=True,
    )
    assert errors == {} and clean["objective_other"] == "วิจัย"


STATISTICAL, RECORD, GEOSPATIAL = "ข้อมูลสถิติ", "ข้อมูลระเบียน", "ข้อมูลภูมิสารสนเทศเชิงพื้นที่"


@pytest.mark.parametrize(
    ("data_type", "kept", "dropped"),
    [
        (STATISTICAL, {"unit_of_measure", "data_release_calendar"}, {"created_date"}),
        (
            RECORD,
            {"created_date", "high_value_dataset"},
            {"unit_of_measure", "west_bound_longitude"},
        ),
        (GEOSPATIAL, {"west_bound_longitude", "data_release_calendar"}, {"unit_of_measure"}),
    ],
)
def test_only_the_fields_of_the_data_type_are_kept(data_type, kept, dropped):
    values = {
        "unit_of_measure": "บาท",
        "data_release_calendar": "2025-01-31",
        "created_date": "2024-01-01",
        "high_value_dataset": "true",
        "west_bound_longitude": "98.9",
    }
    clean, errors = metadata.clean_thai_fields({"data_type": data_type, **values}, partial=True)
    assert errors == {}
    assert kept <= set(clean) and not dropped & set(clean)


def test_switching_the_data_type_drops_the_fields_of_the_old_type():
    org = f.lao_org("4500103")
    actor = f.platform_admin()
    created = dataset_services.package_create(
        actor=actor,
        data=f.package_data(org, name="fees", unit_of_measure="บาท", created_date="2024-01-01"),
    )
    assert created.thai["unit_of_measure"] == "บาท" and "created_date" not in created.thai
    patched = dataset_services.package_update(
        actor=actor,
        data={"id": "fees", "data_type": "ข้อมูลระเบียน", "created_date": "2024-01-01"},
        partial=True,
    )
    assert "unit_of_measure" not in patched.thai
    assert patched.thai["created_date"] == "2024-01-01"
    assert patched.thai["data_source"] == "กองคลัง"  # the fields of every type stay
