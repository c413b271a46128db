"""The real `ckanapi` client (PyPI) against the site running in a subprocess: search, show,
create with an upload, update, delete, errors mapped to ckanapi's exceptions, and a dump of one
instance loaded into a second with equal results."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import ckanapi
import pytest

from thongthin.core.testing import LiveSite, SiteFailed, live_site

SETUP = [["migrate", "--noinput"], ["load_reference_data"], ["opendata_sync_organizations"]]
LAO_ORG = "lao-4500103"  # เทศบาลเมืองแม่เหียะ


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    try:
        with (
            live_site(tmp_path_factory.mktemp("ckan-a"), name="ckan_a", setup=SETUP) as a,
            live_site(tmp_path_factory.mktemp("ckan-b"), name="ckan_b", setup=SETUP) as b,
        ):
            yield a, b
    except SiteFailed as exc:
        pytest.fail(str(exc))


def admin_token(site: LiveSite) -> str:
    return site.manage("create_api_token", "admin@example.go.th", "--create-sysadmin").strip()


def dataset(name: str, title: str, **extra: Any) -> dict[str, Any]:
    return {
        "name": name,
        "title": title,
        "notes": f"{title} ของเทศบาลเมืองแม่เหียะ",
        "owner_org": LAO_ORG,
        "maintainer": "กองคลัง",
        "maintainer_email": "finance@maehia.go.th",
        "license_id": "dga-ogl",
        "tags": [{"name": "งบประมาณ"}, {"name": "สถิติ"}],
        "data_type": "ข้อมูลสถิติ",
        "objective": ["พันธกิจหน่วยงาน"],
        "update_frequency_unit": "ปี",
        "update_frequency_interval": "1",
        "geo_coverage": "เทศบาล/อบต.",
        "data_source": "กองคลัง เทศบาลเมืองแม่เหียะ",
        "data_format": ["JSON"],
        "data_category": "ข้อมูลสาธารณะ",
        "first_year_of_data": "2560",
        "last_year_of_data": "2567",
        **extra,
    }


def comparable(package: dict[str, Any]) -> dict[str, Any]:
    """What must survive a dump and load: everything but who created it on each instance and
    when each instance created its copy of the (shared) organization."""
    package = json.loads(json.dumps(package))
    package.pop("creator_user_id")
    package["organization"].pop("created")
    for resource in package["resources"]:
        resource.pop("datastore_active")
    return package


def test_ckanapi_against_a_running_site(sites, tmp_path: Path) -> None:
    a, b = sites
    token = admin_token(a)
    with ckanapi.RemoteCKAN(a.url, apikey=token) as ckan:
        # Create, with an uploaded file.
        created = ckan.action.package_create(**dataset("maehia-budget", "งบประมาณรายจ่ายประจำปี"))
        upload = io.BytesIO(json.dumps({"year": 2567, "amount": 1500000}).encode())
        resource = ckan.action.resource_create(
            package_id=created["id"], name="งบประมาณ 2567", upload=("budget-2567.json", upload)
        )
        assert resource["url_type"] == "upload" and resource["format"] == "JSON"
        ckan.action.package_create(
            **dataset(
                "maehia-population",
                "สถิติประชากรรายปี",
                resources=[{"url": "https://www.maehia.go.th/population.csv", "name": "ประชากร"}],
            )
        )
        ckan.action.package_create(**dataset("to-be-deleted", "ชุดข้อมูลที่จะลบ"))

        # Search (Thai without spaces), show, update, patch, delete.
        found = ckan.action.package_search(q="งบประมาณรายจ่าย", fq=f"organization:{LAO_ORG}")
        assert found["count"] >= 1 and found["results"][0]["name"] == "maehia-budget"
        shown = ckan.action.package_show(id="maehia-budget")
        assert shown["resources"][0]["id"] == resource["id"]
        shown["title"] = "งบประมาณรายจ่ายประจำปี (ฉบับปรับปรุง)"
        assert ckan.action.package_update(**shown)["title"].endswith("(ฉบับปรับปรุง)")
        assert ckan.action.package_patch(id="maehia-population", version="2")["version"] == "2"
        ckan.action.package_delete(id="to-be-deleted")

        # Errors come back as ckanapi's exceptions.
        with pytest.raises(ckanapi.NotFound):
            ckan.action.package_show(id="to-be-deleted-never-existed")
        with pytest.raises(ckanapi.ValidationError) as invalid:
            ckan.action.package_create(name="Bad Name", owner_org=LAO_ORG)
        assert "name" in invalid.value.error_dict
        with pytest.raises(ckanapi.SearchQueryError):
            ckan.action.package_search(no_such_parameter="x")
    with ckanapi.RemoteCKAN(a.url) as anonymous, pytest.raises(ckanapi.NotAuthorized):
        anonymous.action.package_create(**dataset("anonymous", "ไม่มีสิทธิ์"))

    # ckanapi dump datasets --all from A, ckanapi load datasets into B.
    dump = tmp_path / "datasets.jsonl"
    bin_dir = Path(sys.executable).parent
    cli = [str(bin_dir / "ckanapi")]
    # The CLI starts its worker processes as `ckanapi` from PATH.
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    dump_args = ["dump", "datasets", "--all", "-O", str(dump), "-r", a.url, "-a", token]
    subprocess.run([*cli, *dump_args, "-p", "1", "-q"], check=True, timeout=120, env=env)
    lines = dump.read_text(encoding="utf-8").splitlines()
    assert sorted(json.loads(line)["name"] for line in lines) == [
        "maehia-budget",
        "maehia-population",
    ]
    load_args = ["load", "datasets", "-I", str(dump), "-r", b.url, "-a", admin_token(b)]
    subprocess.run([*cli, *load_args, "-p", "1", "-q"], check=True, timeout=120, env=env)
    with ckanapi.RemoteCKAN(a.url) as source, ckanapi.RemoteCKAN(b.url) as copy:
        assert copy.action.package_list() == source.action.package_list()
        for name in source.action.package_list():
            assert comparable(copy.action.package_show(id=name)) == comparable(
                source.action.package_show(id=name)
            )
        assert copy.action.package_search(q="ประชากร")["results"][0]["name"] == "maehia-population"
