"""Small catalog objects made directly with the ORM: an agency, a publisher (editor of it), a
public and a private dataset, and resources with uploaded files."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from thongthin.accounts.models import User
from thongthin.opendata.datastore import services
from thongthin.opendata.datastore.models import DatastoreTable
from thongthin.opendata.models import Dataset, Organization, OrganizationMember, Resource

_names = itertools.count(1)


@pytest.fixture
def org(db) -> Organization:
    return Organization.objects.create(
        name=f"ds-test-agency-{next(_names)}", title="สำนักงานทดสอบข้อมูล", kind="agency"
    )


@pytest.fixture
def publisher(org) -> User:
    user = User.objects.create_user(f"publisher{next(_names)}@example.go.th", "ผู้เผยแพร่ ข้อมูล")
    OrganizationMember.objects.create(organization=org, user=user, capacity="editor")
    return user


@pytest.fixture
def outsider(db) -> User:
    return User.objects.create_user(f"outsider{next(_names)}@example.com", "คนนอก")


@pytest.fixture
def dataset(org) -> Dataset:
    return Dataset.objects.create(
        name=f"budget-{next(_names)}", title="งบประมาณ", owner_org=org, thai={}
    )


@pytest.fixture
def private_dataset(org) -> Dataset:
    return Dataset.objects.create(
        name=f"secret-{next(_names)}", title="ข้อมูลภายใน", owner_org=org, thai={}, private=True
    )


@pytest.fixture
def make_resource(dataset) -> Callable[..., Resource]:
    def make(
        content: bytes, *, name: str = "data.csv", fmt: str = "CSV", on: Dataset | None = None
    ) -> Resource:
        return Resource.objects.create(
            dataset=on or dataset,
            name=name,
            format=fmt,
            url_type="upload",
            upload=SimpleUploadedFile(name, content),
        )

    return make


@pytest.fixture
def load(publisher, django_capture_on_commit_callbacks) -> Callable[..., DatastoreTable]:
    """Schedule a load and run it (jobs are eager in tests) as the commit would."""

    def run(resource: Resource, actor: Any = None) -> DatastoreTable:
        with django_capture_on_commit_callbacks(execute=True):
            services.datastore_schedule_load(resource=resource, actor=actor or publisher)
        return DatastoreTable.objects.select_related("job").get(resource=resource)

    return run
