from __future__ import annotations

import json
from typing import Any

import pytest

from thongthin.opendata.datarequests import services
from thongthin.opendata.tests import factories as f


@pytest.fixture
def org():
    return f.lao_org("4500103")


@pytest.fixture
def other_org():
    return f.agency("oag")


@pytest.fixture
def requester():
    return f.UserFactory(full_name="นายผู้ขอ ข้อมูล")


@pytest.fixture
def editor(org):
    return f.editor(org)


@pytest.fixture
def admin():
    return f.platform_admin()


@pytest.fixture
def stranger():
    return f.UserFactory()


@pytest.fixture
def datarequest(requester, org):
    return services.datarequest_create(
        actor=requester,
        title="งบประมาณรายโครงการ ปี 2567",
        description="ขอข้อมูลงบประมาณรายโครงการ\nเป็นไฟล์ CSV",
        organization=org,
    )


@pytest.fixture
def public_dataset(org):
    return f.dataset(org, title="งบประมาณรายโครงการ 2567 (CSV)")


def call(
    client: Any, name: str, data: Any = None, *, token: str | None = None, method: str = "post"
) -> tuple[int, Any]:
    headers = {"HTTP_AUTHORIZATION": token} if token else {}
    if method == "get":
        response = client.get(f"/api/3/action/{name}", data or {}, **headers)
    else:
        response = client.post(
            f"/api/3/action/{name}",
            json.dumps(data or {}),
            content_type="application/json",
            **headers,
        )
    return response.status_code, json.loads(response.content)
