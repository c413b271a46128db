"""GET /api/v1/laos and /api/v1/laos/{dla_code}."""

from __future__ import annotations

import json
import math
from decimal import Decimal

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import get_language
from ninja import Field, Query, Router, Schema

from thongthin.core.api import ErrorOut

from .models import LAO, LAOType
from .search import cached_response, remember_response
from .selectors import LAOFilters, lao_get, lao_search_page

router = Router(tags=["directory"])


class ProvinceOut(Schema):
    code: str
    name_th: str
    name_en: str


class DistrictOut(Schema):
    code: str
    name_th: str
    name_en: str


class LAOOut(Schema):
    dla_code: str = Field(description="DLA's 7-digit code; Bangkok is 1100000")
    type: LAOType
    type_label: str
    name: str = Field(description="The bare name, e.g. แม่เหียะ")
    display_name: str = Field(description="เทศบาลเมืองแม่เหียะ, อบต.ป่าสะแก, อบจ.เชียงใหม่")
    full_name: str
    province: ProvinceOut
    district: DistrictOut | None
    district_name: str
    lat: Decimal | None
    lon: Decimal | None
    area_km2: Decimal | None
    address: str
    phone: str
    website: str
    official_email: str | None = Field(description="The verified central e-mail, if published")
    status: str
    url: str


class LAOPage(Schema):
    results: list[LAOOut]
    count: int
    page: int
    page_size: int
    pages: int


class LAOQuery(Schema):
    q: str = Field("", max_length=200, description="Name in Thai, partial words allowed")
    province: str = Field("", pattern=r"^(\d{2})?$", description="2-digit province geocode")
    type: LAOType | None = None
    page: int = Field(1, ge=1, le=10_000)
    page_size: int = Field(20, ge=1, le=100)


# The labels of the LAO types (lazy: translated when made str). `get_lao_type_display()` builds a
# dict of the field's choices on every call, which is a measurable part of a page of 100 results.
_TYPE_LABELS = dict(LAOType.choices)


def lao_out(lao: LAO) -> dict:
    from thongthin.registry.selectors import official_registration

    official = official_registration(lao)
    district = lao.district if lao.district_id else None
    return {
        "dla_code": lao.dla_code,
        "type": lao.lao_type,
        "type_label": str(_TYPE_LABELS.get(lao.lao_type, lao.lao_type)),
        "name": lao.name_th,
        "display_name": lao.display_name_th,
        "full_name": lao.full_name_th,
        "province": lao.province,
        "district": district,
        "district_name": lao.district_name_th,
        "lat": lao.lat,
        "lon": lao.lon,
        "area_km2": lao.area_km2,
        "address": lao.address,
        "phone": lao.phone,
        "website": lao.website,
        "official_email": official.email if official else None,
        "status": lao.status,
        "url": reverse("directory:detail", kwargs={"dla_code": lao.dla_code}),
    }


@router.get("/laos", response={200: LAOPage, 422: ErrorOut}, summary="Search LAOs")
def laos_search(request: HttpRequest, query: Query[LAOQuery]) -> HttpResponse:
    """Answered from the in-memory index; the same question is answered from a small cache of
    encoded responses until the directory changes (see directory/search.py)."""
    filters = LAOFilters(q=query.q, province=query.province, lao_type=query.type or "")
    language = get_language() or "th"
    key = (language, filters, query.page, query.page_size)
    body = cached_response(key)
    if body is None:
        cards, total = lao_search_page(filters, page=query.page, page_size=query.page_size)
        label = {t.value: str(t.label) for t in LAOType}
        page = {
            "results": [
                {**card.record, "type_label": label[card.record["type"]]} for card in cards
            ],
            "count": total,
            "page": query.page,
            "page_size": query.page_size,
            "pages": math.ceil(total / query.page_size) if total else 0,
        }
        body = remember_response(key, json.dumps(page, ensure_ascii=False).encode())
    return HttpResponse(body, content_type="application/json; charset=utf-8")


@router.get(
    "/laos/{dla_code}", response={200: LAOOut, 404: ErrorOut}, summary="One LAO by its DLA code"
)
def laos_detail(request: HttpRequest, dla_code: str) -> dict:
    return lao_out(lao_get(dla_code[:20]))
