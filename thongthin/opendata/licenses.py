"""The licence register (CKAN's `license_list`): CKAN's defaults plus the Thai government's.
`od_conformance`/`is_open` follow the Open Definition; a dataset whose licence is open gets
`isopen: true`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class License:
    id: str
    title: str
    url: str
    is_open: bool
    domain_data: bool = True
    domain_content: bool = False

    def as_ckan(self) -> dict:
        status = "approved" if self.is_open else "not reviewed"
        return {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "is_generic": False,
            "is_okd_compliant": self.is_open,
            "is_osi_compliant": False,
            "od_conformance": status,
            "osd_conformance": "not reviewed",
            "domain_content": self.domain_content,
            "domain_data": self.domain_data,
            "domain_software": False,
            "family": "",
            "maintainer": "",
            "status": "active",
        }


LICENSES: dict[str, License] = {
    lic.id: lic
    for lic in [
        License(
            "dga-ogl",
            "DGA Open Government License (ข้อกำหนดและเงื่อนไขการอนุญาตให้ใช้ข้อมูลภาครัฐแบบเปิด)",
            "https://data.go.th/pages/dga-open-government-license",
            True,
        ),
        License(
            "Open Data Common",
            "Open Data Common",
            "https://data.go.th/pages/dga-open-government-license",
            True,
        ),
        License("notspecified", "License not specified", "", False),
        License(
            "odc-pddl",
            "Open Data Commons Public Domain Dedication and License (PDDL)",
            "http://www.opendefinition.org/licenses/odc-pddl",
            True,
        ),
        License(
            "odc-odbl",
            "Open Data Commons Open Database License (ODbL)",
            "http://www.opendefinition.org/licenses/odc-odbl",
            True,
        ),
        License(
            "odc-by",
            "Open Data Commons Attribution License",
            "http://www.opendefinition.org/licenses/odc-by",
            True,
        ),
        License(
            "cc-zero",
            "Creative Commons CCZero",
            "http://www.opendefinition.org/licenses/cc-zero",
            True,
            True,
            True,
        ),
        License(
            "cc-by",
            "Creative Commons Attribution",
            "http://www.opendefinition.org/licenses/cc-by",
            True,
            True,
            True,
        ),
        License(
            "cc-by-sa",
            "Creative Commons Attribution Share-Alike",
            "http://www.opendefinition.org/licenses/cc-by-sa",
            True,
            True,
            True,
        ),
        License(
            "gfdl",
            "GNU Free Documentation License",
            "http://www.opendefinition.org/licenses/gfdl",
            True,
            False,
            True,
        ),
        License("other-open", "Other (Open)", "", True),
        License("other-pd", "Other (Public Domain)", "", True),
        License("other-at", "Other (Attribution)", "", True),
        License(
            "cc-nc",
            "Creative Commons Non-Commercial (Any)",
            "http://creativecommons.org/licenses/by-nc/2.0/",
            False,
        ),
        License("other-nc", "Other (Non-Commercial)", "", False),
        License("other-closed", "Other (Not Open)", "", False),
    ]
}


def license_for(license_id: str) -> License | None:
    return LICENSES.get(license_id or "")
