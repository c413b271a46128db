""" "Is this e-mail official?": official addresses, former ones, and the usual impostor tricks."""

from __future__ import annotations

import pytest
from django.utils import translation

from thongthin.accounts.tests.factories import lao, registry_admin
from thongthin.core.errors import ValidationFailed
from thongthin.directory.models import LAO
from thongthin.registry.email_check import email_check
from thongthin.registry.services import registration_revoke
from thongthin.registry.tests.factories import approved

pytestmark = pytest.mark.django_db

MAEHIA, SILA, PASAKAE = "4500103", "4400115", "6720210"


@pytest.fixture
def registry():
    """A: แม่เหียะ moved from saraban.old@ to saraban@maehia.go.th; B: ศิลา uses a non-saraban
    mailbox name; C: ป่าสะแก registered an IDN address, then withdrew an older one."""
    reviewer = registry_admin()
    approved(lao(MAEHIA), "saraban.old@maehia.go.th", reviewer)
    approved(lao(MAEHIA), "saraban@maehia.go.th", reviewer)
    approved(lao(SILA), "contact.sila@silacity.go.th", reviewer)
    withdrawn = approved(lao(PASAKAE), "saraban@pasakae.go.th", reviewer)
    registration_revoke(registration=withdrawn, actor=reviewer, reason="ผิดพลาด")
    return reviewer


def _signals(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [s.code for s in result.signals]


def test_official_address(registry):
    result = email_check("saraban@maehia.go.th")
    assert result.official and result.verdict == "official"
    assert result.lao.dla_code == MAEHIA
    assert result.registered_email == "saraban@maehia.go.th"
    assert result.signals == []
    assert "เป็นอีเมลกลางที่ได้รับการยืนยันของ เทศบาลเมืองแม่เหียะ จังหวัดเชียงใหม่" in result.explanation


@pytest.mark.parametrize(
    "typed",
    [
        "SARABAN@MaeHia.GO.TH",
        "  saraban@maehia.go.th  ",
        "เทศบาลเมืองแม่เหียะ <saraban@maehia.go.th>",
        '"สารบรรณ แม่เหียะ" <Saraban@maehia.go.th>',
    ],
)
def test_official_address_however_it_is_typed(registry, typed):
    result = email_check(typed)
    assert result.verdict == "official" and result.address == "saraban@maehia.go.th"


def test_formerly_official_address_points_to_the_current_one(registry):
    result = email_check("saraban.old@maehia.go.th")
    assert result.verdict == "formerly_official" and not result.official
    assert result.lao.dla_code == MAEHIA
    assert result.registered_email == "saraban@maehia.go.th"
    assert _signals(result)[0] == "formerly_official"
    assert "ถูกแทนที่หรือเพิกถอนแล้ว" in result.signals[0].message
    assert "อีเมลกลางปัจจุบันคือ saraban@maehia.go.th" in result.explanation


def test_revoked_address_without_a_successor(registry):
    result = email_check("saraban@pasakae.go.th")
    assert result.verdict == "formerly_official"
    assert result.lao.dla_code == PASAKAE and result.registered_email == ""
    assert result.as_dict()["registered_email"] is None
    assert "ปัจจุบันคือ" not in result.explanation


def test_same_local_part_on_another_domain(registry):
    result = email_check("contact.sila@gmail.com")
    assert result.verdict == "suspicious"
    signal = next(s for s in result.signals if s.code == "same_local_part_other_domain")
    assert signal.lao.dla_code == SILA
    assert signal.registered_email == "contact.sila@silacity.go.th"
    assert "free_mail" in _signals(result)


@pytest.mark.parametrize(
    ("address", "distance"),
    [("saraban@maehia.co.th", 1), ("saraban@maehia-go.th", 1), ("saraban@maehla.co.th", 2)],
)
def test_lookalike_domains_one_or_two_edits_away(registry, address, distance):
    result = email_check(address)
    assert result.verdict == "suspicious"
    [signal] = [s for s in result.signals if s.code == "lookalike_domain"]
    assert signal.lao.dla_code == MAEHIA and signal.registered_email == "saraban@maehia.go.th"
    assert f"เพียง {distance} ตัวอักษร" in signal.message and "maehia.go.th" in signal.message


def test_three_edits_away_is_not_flagged(registry):
    result = email_check("saraban@naehlb.go.th")
    assert "lookalike_domain" not in _signals(result)
    assert result.verdict == "not_registered"


def test_free_mail_display_name_claiming_an_lao(registry):
    result = email_check("เทศบาลเมืองแม่เหียะ <maehia.office@gmail.com>")
    assert result.verdict == "suspicious"
    assert result.display_name == "เทศบาลเมืองแม่เหียะ"
    assert result.address == "maehia.office@gmail.com"
    signal = next(s for s in result.signals if s.code == "display_name_claims_lao")
    assert signal.lao.dla_code == MAEHIA
    assert signal.registered_email == "saraban@maehia.go.th"
    assert "อ้างว่าเป็น เทศบาลเมืองแม่เหียะ" in signal.message
    assert "free_mail" in _signals(result)
    assert "อย่าเปิดไฟล์แนบ" in result.explanation


def test_display_name_claiming_an_unregistered_lao(registry):
    result = email_check("เทศบาลเมืองศิลา <sila.town@hotmail.com>")
    signal = next(s for s in result.signals if s.code == "display_name_claims_lao")
    assert signal.lao.dla_code == SILA
    assert result.verdict == "suspicious"


def test_display_name_without_an_lao_type_is_not_a_claim(registry):
    result = email_check("สมชาย ใจดี <somchai@gmail.com>")
    assert _signals(result) == ["free_mail"]
    assert result.verdict == "not_registered"


def test_saraban_on_an_unregistered_non_government_domain(registry):
    result = email_check("saraban@maehia-office.com")
    assert "saraban_on_unregistered_domain" in _signals(result)
    assert result.verdict == "suspicious"
    assert "ไม่ได้ลงทะเบียนเป็นอีเมลกลางของ อปท. ใด" in result.signals[0].message


def test_saraban_on_free_mail(registry):
    result = email_check("saraban.maehia@gmail.com")
    assert {"saraban_on_unregistered_domain", "free_mail"} <= set(_signals(result))
    assert result.verdict == "suspicious"


def test_unregistered_government_address_is_just_not_registered(registry):
    result = email_check("saraban@chiangmai.go.th")
    assert result.verdict == "not_registered" and result.signals == []
    assert "ไม่ได้ลงทะเบียนเป็นอีเมลกลาง" in result.explanation


def test_plain_free_mail_is_not_registered_with_a_note():
    result = email_check("somchai@gmail.com")
    assert result.verdict == "not_registered"
    assert _signals(result) == ["free_mail"]


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "   ",
        "\u200b",
        "not an email",
        "saraban@",
        "@maehia.go.th",
        "' OR 1=1 --",
        "saraban@maehia.go.th' OR 1=1 --",
        "<script>alert(1)</script>",
        "<script>alert(1)</script>@maehia.go.th",
        "a" * 10_000,
        "a" * 10_000 + "@maehia.go.th",
        "สารบรรณ@maehia.go.th",
        "เทศบาลเมืองแม่เหียะ <>",
    ],
)
def test_invalid_input_is_refused(bad):
    with pytest.raises(ValidationFailed) as exc:
        email_check(bad)
    assert exc.value.code == "invalid_email" and exc.value.field == "address"
    assert exc.value.status == 422
    assert exc.value.render() == "รูปแบบอีเมลไม่ถูกต้อง กรุณาตรวจสอบอีกครั้ง"


def test_idn_domains_are_compared_as_punycode():
    approved(lao(PASAKAE), "saraban@ป่าสะแก.ไทย")
    result = email_check("Saraban@ป่าสะแก.ไทย")
    assert result.address.startswith("saraban@xn--")
    assert result.address.isascii()
    assert result.verdict == "official" and result.lao.dla_code == PASAKAE
    assert email_check(result.address).verdict == "official"


def test_idn_address_is_normalized():
    result = email_check("saraban@เทศบาล.ไทย")
    assert result.address == "saraban@xn--o3cg7ak5c9d.xn--o3cw4h"


def test_as_dict_shape(registry):
    data = email_check("เทศบาลเมืองแม่เหียะ <maehia.office@gmail.com>").as_dict()
    assert set(data) == {"address", "display_name", "official", "verdict", "lao",
                         "registered_email", "signals", "explanation"}  # fmt: skip
    assert data["official"] is False and data["lao"] is None
    claim = next(s for s in data["signals"] if s["code"] == "display_name_claims_lao")
    assert claim["lao"] == {"dla_code": MAEHIA, "name": "เทศบาลเมืองแม่เหียะ",
                            "province": "เชียงใหม่"}  # fmt: skip
    assert set(claim) == {"code", "message", "lao", "registered_email"}


def test_messages_follow_the_language(registry):
    thai = email_check("saraban@maehia.co.th")
    with translation.override("en"):
        english = email_check("saraban@maehia.co.th")
    assert [s.code for s in english.signals] == [s.code for s in thai.signals]
    assert english.verdict == thai.verdict
    assert all(isinstance(s.message, str) and s.message for s in english.signals)
    assert english.explanation
    assert "อาจเป็นโดเมนปลอม" in thai.signals[0].message


def test_query_count_does_not_grow_with_the_registry(django_assert_max_num_queries):
    reviewer = registry_admin()
    laos = list(LAO.objects.filter(province__code="50").order_by("dla_code")[:12])
    for n, the_lao in enumerate(laos):
        approved(the_lao, f"saraban@lao{n}.go.th", reviewer)
    with django_assert_max_num_queries(1):
        email_check("saraban@lao3.go.th")
    with django_assert_max_num_queries(1):
        email_check("saraban@lao33.go.th")  # lookalikes of many domains
    from thongthin.directory.search import index

    index()  # the in-memory LAO index is built once per directory version
    with django_assert_max_num_queries(3):
        email_check("เทศบาลเมืองแม่เหียะ <maehia.office@gmail.com>")


def test_homograph_domain_with_cyrillic_letters_is_flagged():
    from thongthin.accounts.tests.factories import lao
    from thongthin.registry.email_check import email_check
    from thongthin.registry.tests.factories import approved

    approved(lao("4500103"), "saraban@maehia.go.th")
    result = email_check("saraban@m\u0430ehia.go.th")  # Cyrillic а
    assert result.address.startswith("saraban@xn--")
    assert result.verdict == "suspicious"
    signal = next(s for s in result.signals if s.code == "homograph_domain")
    assert signal.registered_email == "saraban@maehia.go.th"
    # A genuine Thai IDN domain with no look-alike is not called a homograph.
    other = email_check("saraban@เทศบาล.ไทย")
    assert not any(s.code == "homograph_domain" for s in other.signals)


def test_accented_lookalike_domain_is_flagged():
    from thongthin.accounts.tests.factories import lao
    from thongthin.registry.email_check import email_check
    from thongthin.registry.tests.factories import approved

    approved(lao("4500103"), "saraban@maehia.go.th")
    result = email_check("saraban@maehìa.go.th")
    assert result.verdict == "suspicious"
    assert {s.code for s in result.signals} & {"homograph_domain", "lookalike_domain"}
    near = email_check("saraban@maehìia.go.th")  # an accent and one added letter
    assert any(s.code == "lookalike_domain" for s in near.signals)


def test_invisible_characters_make_an_official_looking_address_suspicious():
    from thongthin.accounts.tests.factories import lao
    from thongthin.registry.email_check import email_check
    from thongthin.registry.tests.factories import approved

    approved(lao("4500103"), "saraban@maehia.go.th")
    result = email_check("saraban@mae\u200bhia.go.th")
    assert not result.official
    assert result.verdict == "suspicious"
    assert result.signals[0].code == "invisible_characters"
    assert result.registered_email == "saraban@maehia.go.th"
    assert email_check("saraban@maehia.go.th").official


def test_another_government_domain_a_letter_away_is_not_called_an_impostor():
    from thongthin.accounts.tests.factories import lao
    from thongthin.registry.email_check import email_check
    from thongthin.registry.tests.factories import approved

    approved(lao("3200408"), "saraban@pattaya.go.th")
    other_agency = email_check("saraban@pattani.go.th")
    assert not any(s.code == "lookalike_domain" for s in other_agency.signals)
    assert any(s.code == "similar_government_domain" for s in other_agency.signals)
    assert other_agency.verdict == "not_registered"
    impostor = email_check("saraban@pattaya.co.th")  # not .go.th: anyone can register it
    assert any(s.code == "lookalike_domain" for s in impostor.signals)
