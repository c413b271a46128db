import pytest

from thongthin.directory.models import (
    BANGKOK_DLA_CODE,
    LAO,
    District,
    LAOType,
    Province,
    SubDistrict,
)
from thongthin.directory.services import directory_load_reference

pytestmark = pytest.mark.django_db


def test_counts_match_the_shipped_files():
    assert Province.objects.count() == 77
    assert District.objects.count() == 929
    assert SubDistrict.objects.count() == 7451
    assert LAO.objects.count() == 7850


def test_counts_per_type_come_from_the_type_column_not_the_code():
    counts = {t: LAO.objects.filter(lao_type=t).count() for t in LAOType}
    assert counts == {
        LAOType.PAO: 76,
        LAOType.CITY_MUNICIPALITY: 30,
        LAOType.TOWN_MUNICIPALITY: 195,
        LAOType.SUBDISTRICT_MUNICIPALITY: 2247,
        LAOType.SAO: 5300,
        LAOType.SPECIAL: 2,  # Pattaya and Bangkok
    }
    # Two sub-district municipalities kept the SAO code (type digit 6) after their upgrade.
    upgraded = LAO.objects.get(dla_code="6130408")
    assert upgraded.lao_type == LAOType.SUBDISTRICT_MUNICIPALITY
    assert upgraded.display_name_th == "เทศบาลตำบลหนองสามวัง"


@pytest.mark.parametrize(
    ("code", "display", "full"),
    [
        ("4500103", "เทศบาลเมืองแม่เหียะ", "เทศบาลเมืองแม่เหียะ"),
        ("6720210", "อบต.ป่าสะแก", "องค์การบริหารส่วนตำบลป่าสะแก"),
        ("2500101", "อบจ.เชียงใหม่", "องค์การบริหารส่วนจังหวัดเชียงใหม่"),
        ("3200408", "เมืองพัทยา", "เมืองพัทยา"),
        (BANGKOK_DLA_CODE, "กรุงเทพมหานคร", "กรุงเทพมหานคร"),
    ],
)
def test_display_and_full_names(code, display, full):
    lao = LAO.objects.get(dla_code=code)
    assert (lao.display_name_th, lao.full_name_th) == (display, full)


def test_location_kept_when_given_and_null_when_not():
    with_location = LAO.objects.get(dla_code="4500103")
    assert float(with_location.lat) == pytest.approx(18.744214, abs=1e-6)
    assert LAO.objects.get(dla_code="2120101").lat is None  # อบจ.นนทบุรี has none in the file


def test_districts_are_matched_by_name_within_the_province():
    assert LAO.objects.get(dla_code="4500103").district.code == "5001"
    # อ.กัลยาณิวัฒนา is missing from the geography file: the name is kept, the link is empty.
    lao = LAO.objects.filter(province__code="50", district_name_th="กัลยาณิวัฒนา").first()
    assert lao is not None and lao.district is None


def test_loading_again_changes_nothing():
    result = directory_load_reference()
    assert result["laos"] == 7850
    assert result["import"]["created"] == result["import"]["updated"] == 0
    assert result["import"]["unchanged"] == 7849


def test_nothing_reads_outside_the_repository():
    from pathlib import Path

    from thongthin.directory import services

    repo = Path(__file__).resolve().parents[3]
    for path in [services.DLA_FILE, services.GEOGRAPHY_DIR]:
        assert repo in path.resolve().parents
    assert (services.DATA_DIR / "LAOS-SOURCE.md").exists()
    assert (services.GEOGRAPHY_DIR / "LICENSE").exists()
