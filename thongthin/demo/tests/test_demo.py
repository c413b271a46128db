"""`make run` loads the demo data on every start: a second run must change nothing."""

import csv
import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command

from thongthin.accounts.models import Membership, RoleGrant, User
from thongthin.assessment.models import Answer, Assessment, Finding
from thongthin.core.models import AuditEvent
from thongthin.demo.opendata import DATASETS, MAEHIA, package_data, resource_data
from thongthin.directory.models import LAO
from thongthin.opendata import metadata, permissions
from thongthin.opendata.licenses import LICENSES
from thongthin.opendata.metadata import clean_thai_fields
from thongthin.opendata.models import Dataset, Group, Resource, State, Tag
from thongthin.registry.models import EmailRegistration, RegistrationStatus

pytestmark = pytest.mark.django_db

TABLES = [
    User,
    Membership,
    RoleGrant,
    EmailRegistration,
    LAO,
    Assessment,
    Answer,
    Finding,
    AuditEvent,
    Dataset,
    Resource,
    Group,
    Tag,
]
HAND_MADE = [demo.name for demo in DATASETS]


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in TABLES}


def test_demo_data_gives_every_role_and_a_second_run_changes_nothing(mailoutbox):
    call_command("load_demo_data", verbosity=0)
    first = _counts()
    assert first["LAO"] == 7850
    assert EmailRegistration.objects.filter(status=RegistrationStatus.APPROVED).count() == 6
    for email in [
        "saraban@maehia.go.th", "somsri.officer@example.com", "prasert.mayor@example.com",
        "auditor@oag.example", "registry@dga.example", "editor@oag.example",
        "admin@thongthin.example",
    ]:  # fmt: skip
        assert User.objects.filter(email=email, is_active=True).exists(), email
    assert first["Assessment"] == 240
    _assert_hand_made_open_data()
    call_command("load_demo_data", verbosity=0)
    assert _counts() == first


def _assert_hand_made_open_data() -> None:
    """Every hand-made dataset with every resource it lists; the private and the draft one shown
    to แม่เหียะ's officer only; the CSVs plausible (one loading serves the whole test: it is slow)."""
    made = Dataset.objects.filter(name__in=HAND_MADE)
    assert len(HAND_MADE) >= 36
    assert made.count() == len(HAND_MADE)
    assert Resource.objects.filter(dataset__in=made, state=State.ACTIVE).count() == sum(
        (demo.make is not None) + len(demo.more) for demo in DATASETS
    )
    links = Resource.objects.filter(dataset__in=made, url_type="").exclude(url="")
    assert links.count() == 2 and not any(r.upload for r in links)

    officer = User.objects.get(email="somsri.officer@example.com")
    hidden = made.exclude(state=State.ACTIVE, private=False).select_related("owner_org__lao")
    assert sorted(hidden.values_list("state", "private")) == [("active", True), ("draft", False)]
    for dataset in hidden:
        assert dataset.owner_org.lao is not None and dataset.owner_org.lao.dla_code == "4500103"
        assert permissions.can_read_dataset(officer, dataset)
        assert not permissions.can_read_dataset(AnonymousUser(), dataset)

    for index, demo in enumerate(DATASETS):  # made again: the same seeds give the same files
        data = package_data(demo)
        for resource in resource_data(index, demo):
            if "upload" not in resource:
                assert resource["url"].startswith("https://"), demo.name
                continue
            rows = list(csv.reader(io.StringIO(resource["upload"].read().decode())))
            assert 4 <= len(rows) - 1 <= 200, (demo.name, len(rows))
            assert len({len(row) for row in rows}) == 1, demo.name
            if demo.data_type == metadata.GEOSPATIAL:
                lat, lon = rows[0].index("latitude"), rows[0].index("longitude")
                for row in rows[1:]:
                    assert float(data["south_bound_longitude"]) <= float(row[lat])
                    assert float(row[lat]) <= float(data["north_bound_longitude"])
                    assert float(data["west_bound_longitude"]) <= float(row[lon])
                    assert float(row[lon]) <= float(data["east_bound_longitude"])
    stored = Resource.objects.get(dataset__name=DATASETS[-1].name)
    assert (
        stored.upload.read() == resource_data(len(DATASETS) - 1, DATASETS[-1])[0]["upload"].read()
    )


def test_every_hand_made_dataset_has_complete_catalog_metadata():
    names = [demo.name for demo in DATASETS]
    assert len(set(names)) == len(names)
    assert {demo.data_type for demo in DATASETS} == set(metadata.DATA_TYPES)
    assert sum(demo.org == MAEHIA for demo in DATASETS) >= 8
    for demo in DATASETS:
        data = package_data(demo)
        _clean, errors = clean_thai_fields(data)  # complete, as a published dataset must be
        assert not errors, (demo.name, errors)
        assert data["license_id"] in LICENSES, demo.name
        for key, value in data.items():
            field = metadata.BY_NAME.get(key)
            if value and field is not None:  # only the fields of the data type are given
                assert metadata.applies(field, demo.data_type), (demo.name, key)
