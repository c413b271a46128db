"""Catalog objects for tests, consistent with each other (a dataset's resources belong to it, an
LAO's organization is the LAO's)."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from thongthin.accounts.tests.factories import UserFactory, member, platform_admin
from thongthin.directory.models import LAO
from thongthin.opendata.models import Organization, OrganizationMember
from thongthin.opendata.services import datasets as dataset_services
from thongthin.opendata.services.organizations import agency_org_id, organization_for_lao
from thongthin.opendata.services.tokens import api_token_create

__all__ = ["UserFactory", "member", "platform_admin"]


def agency(name: str = "dga") -> Organization:
    return Organization.objects.get(pk=agency_org_id(name))


def lao_org(code: str = "4500103") -> Organization:
    return organization_for_lao(LAO.objects.get(dla_code=code))


def editor(org: Organization, capacity: str = "editor", **kwargs: Any) -> Any:
    user = UserFactory(**kwargs)
    OrganizationMember.objects.create(organization=org, user=user, capacity=capacity)
    return user


def token_for(user: Any) -> str:
    return api_token_create(user=user, name="test")[1]


def package_data(org: Organization, **overrides: Any) -> dict[str, Any]:
    """A complete package dict as a client sends it: the Thai metadata a published dataset needs."""
    data: dict[str, Any] = {
        "title": "งบประมาณรายจ่ายประจำปี 2567",
        "notes": "ข้อบัญญัติงบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. 2567 จำแนกตามแผนงาน",
        "owner_org": org.id,
        "maintainer": "กองคลัง",
        "maintainer_email": "finance@example.go.th",
        "license_id": "dga-ogl",
        "tags": [{"name": "งบประมาณ"}, {"name": "การคลัง"}],
        "data_type": "ข้อมูลสถิติ",
        "objective": ["พันธกิจหน่วยงาน"],
        "update_frequency_unit": "ปี",
        "update_frequency_interval": "1",
        "geo_coverage": "เทศบาล/อบต.",
        "data_source": "กองคลัง",
        "data_format": ["CSV"],
        "data_category": "ข้อมูลสาธารณะ",
    }
    data.update(overrides)
    return data


def dataset(org: Organization, actor: Any = None, **overrides: Any) -> Any:
    """A dataset made through the service and indexed for search (the service indexes after
    commit, which a test's transaction never reaches)."""
    from thongthin.opendata import search

    actor = actor or platform_admin()
    created = dataset_services.package_create(actor=actor, data=package_data(org, **overrides))
    search.index_dataset(created.id)
    return created


def csv_file(name: str = "budget.csv", text: str = "year,amount\n2567,100\n") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")
