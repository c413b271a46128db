""" "Is this e-mail official?" — the answer the public gets, with reasons in plain language.

An address is official when it is the published central e-mail of an LAO. Otherwise we look for
the usual impostor tricks: the same mailbox name on another domain, a domain one or two letters
away from a registered one, a free-mail address dressed up with an LAO's name.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from email.utils import parseaddr
from typing import Any

from django.utils.translation import gettext as _
from rapidfuzz.distance import Levenshtein
from rapidfuzz.process import extract

from thongthin.accounts.services.emails import normalize_address
from thongthin.core.errors import ValidationFailed
from thongthin.core.text import INVISIBLE, normalize
from thongthin.directory.models import LAO
from thongthin.directory.naming import split_type_prefix

from .hints import CENTRAL_PREFIX, is_free_mail, is_government
from .models import EmailRegistration, RegistrationStatus

# Signals that inform without making an address suspicious.
INFORMATIONAL_SIGNALS = frozenset({"free_mail", "similar_government_domain"})

OFFICIAL = "official"
FORMERLY_OFFICIAL = "formerly_official"
SUSPICIOUS = "suspicious"
NOT_REGISTERED = "not_registered"


@dataclass
class Signal:
    code: str
    message: str
    lao: LAO | None = None
    registered_email: str = ""


@dataclass
class CheckResult:
    address: str
    display_name: str
    verdict: str
    lao: LAO | None = None
    registered_email: str = ""
    signals: list[Signal] = field(default_factory=list)
    explanation: str = ""

    @property
    def official(self) -> bool:
        return self.verdict == OFFICIAL

    def as_dict(self) -> dict[str, Any]:
        return {
            "address": self.address,
            "display_name": self.display_name,
            "official": self.official,
            "verdict": self.verdict,
            "lao": _lao_dict(self.lao),
            "registered_email": self.registered_email or None,
            "signals": [
                {
                    "code": s.code,
                    "message": s.message,
                    "lao": _lao_dict(s.lao),
                    "registered_email": s.registered_email or None,
                }
                for s in self.signals
            ],
            "explanation": self.explanation,
        }


def _lao_dict(lao: LAO | None) -> dict[str, Any] | None:
    if lao is None:
        return None
    return {
        "dla_code": lao.dla_code,
        "name": lao.display_name_th,
        "province": lao.province.name_th,
    }


def _split_input(raw: str) -> tuple[str, str]:
    """ "เทศบาลเมืองแม่เหียะ <x@gmail.com>" -> (display name, address)."""
    text = normalize(raw)
    name, address = parseaddr(text)
    if not address or "@" not in address:
        return "", text
    return normalize(name), address


def _lao_claimed_by(display_name: str) -> LAO | None:
    """The LAO a display name claims to be, if it names one with its type word."""
    from thongthin.directory.selectors import lao_best_match

    types, rest = split_type_prefix(display_name)
    if not types or not rest:
        return None
    best, rank = lao_best_match(display_name)
    return best if rank <= 1 else None


def email_check(raw: str) -> CheckResult:
    # Invisible characters inside an address make it a different address that looks the same.
    hidden = bool(INVISIBLE.search(raw or ""))
    display_name, address = _split_input(raw)
    try:
        address = normalize_address(address, field="address")
    except ValidationFailed:
        raise ValidationFailed(
            _("รูปแบบอีเมลไม่ถูกต้อง กรุณาตรวจสอบอีกครั้ง"), code="invalid_email", field="address"
        ) from None
    local, _at, domain = address.rpartition("@")
    rows = list(
        EmailRegistration.objects.filter(
            status__in=[
                RegistrationStatus.APPROVED,
                RegistrationStatus.REPLACED,
                RegistrationStatus.REVOKED,
            ]
        )
        .select_related("lao", "lao__province")
        .only(
            "email",
            "domain",
            "status",
            "lao__dla_code",
            "lao__display_name_th",
            "lao__province__name_th",
        )
    )
    approved = [r for r in rows if r.status == RegistrationStatus.APPROVED]
    exact = next((r for r in approved if r.email == address), None)
    result = CheckResult(address=address, display_name=display_name, verdict=NOT_REGISTERED)
    if hidden:
        match = exact or next((r for r in approved if r.domain == domain), None)
        result.verdict = SUSPICIOUS
        result.lao = match.lao if match else None
        result.registered_email = match.email if match else ""
        result.signals.append(
            Signal(
                "invisible_characters",
                _("ที่อยู่นี้มีอักขระที่มองไม่เห็นแทรกอยู่ จึงเป็นคนละที่อยู่กับที่แสดงบนจอ มักใช้เพื่อแอบอ้าง"),
                result.lao,
                result.registered_email,
            )
        )
        result.explanation = _explain(result)
        return result
    if exact is not None:
        result.verdict, result.lao, result.registered_email = OFFICIAL, exact.lao, exact.email
        result.explanation = _(
            "%(address)s เป็นอีเมลกลางที่ได้รับการยืนยันของ %(lao)s จังหวัด%(province)s"
        ) % {
            "address": address,
            "lao": exact.lao.display_name_th,
            "province": exact.lao.province.name_th,
        }
        return result
    former = next((r for r in rows if r.email == address), None)
    if former is not None:
        result.verdict, result.lao = FORMERLY_OFFICIAL, former.lao
        current = next((r for r in approved if r.lao_id == former.lao_id), None)
        result.registered_email = current.email if current else ""
        result.signals.append(
            Signal(
                "formerly_official",
                _("เคยเป็นอีเมลกลางของ %(lao)s แต่ถูกแทนที่หรือเพิกถอนแล้ว")
                % {"lao": former.lao.display_name_th},
                former.lao,
                result.registered_email,
            )
        )
    result.signals.extend(_impostor_signals(local, domain, display_name, approved))
    if result.verdict != FORMERLY_OFFICIAL and any(
        s.code not in INFORMATIONAL_SIGNALS for s in result.signals
    ):
        result.verdict = SUSPICIOUS
    result.explanation = _explain(result)
    return result


# Letters of other scripts that look like Latin ones (a short list from Unicode's confusables
# for the letters domain names use): "mаehia.go.th" with a Cyrillic а is a different domain.
_CONFUSABLES = str.maketrans({
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "у": "y", "і": "i", "ј": "j",
    "ѕ": "s", "ԁ": "d", "һ": "h", "ԛ": "q", "ԝ": "w", "ո": "n", "ɡ": "g", "ν": "v", "ο": "o",
    "α": "a", "ι": "i", "κ": "k", "τ": "t", "ρ": "p", "ϲ": "c", "ӏ": "l", "ɩ": "l", "ℓ": "l",
    "０": "0", "１": "1",
})  # fmt: skip


def _skeleton(domain: str) -> str | None:
    """The ASCII look-alike of an internationalised (xn--) domain, if it has one."""
    if "xn--" not in domain:
        return None
    try:
        unicode_domain = domain.encode("ascii").decode("idna")
    except UnicodeError:
        return None
    # Accents fall away (maehìa -> maehia) and look-alike letters become Latin.
    decomposed = unicodedata.normalize("NFKD", unicode_domain)
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    skeleton = bare.translate(_CONFUSABLES)
    return skeleton if skeleton.isascii() and skeleton != domain else None


def _impostor_signals(
    local: str, domain: str, display_name: str, approved: list[EmailRegistration]
) -> list[Signal]:
    signals: list[Signal] = []
    registered_domains = {r.domain: r for r in approved}
    # 0. Letters of another script that look like a registered domain (Cyrillic а for a).
    skeleton = _skeleton(domain)
    if skeleton and skeleton in registered_domains:
        reg = registered_domains[skeleton]
        signals.append(
            Signal(
                "homograph_domain",
                _("โดเมน %(domain)s ใช้อักษรต่างภาษาที่หน้าตาเหมือน %(real)s ของ %(lao)s เป็นโดเมนปลอม")
                % {"domain": domain, "real": skeleton, "lao": reg.lao.display_name_th},
                reg.lao,
                reg.email,
            )
        )
    # 1. A domain one or two edits away from a registered one (maehia.go.th -> maehla.go.th),
    # compared as it reads (an accented or other-script letter counts as the letter it imitates).
    compared = skeleton or domain
    if (
        domain not in registered_domains
        and registered_domains
        and not any(s.code == "homograph_domain" for s in signals)
    ):
        for candidate, distance, _i in extract(
            compared, list(registered_domains), scorer=Levenshtein.distance, score_cutoff=2, limit=3
        ):
            if distance == 0:
                continue
            reg = registered_domains[candidate]
            params = {
                "domain": domain, "real": candidate, "lao": reg.lao.display_name_th, "n": distance,
            }  # fmt: skip
            if is_government(domain) and "xn--" not in domain:
                # .go.th is issued by THNIC to government agencies only: a neighbouring name is
                # most likely another agency (pattani.go.th / pattaya.go.th). Say so, no alarm.
                message = _(
                    "โดเมน %(domain)s คล้ายกับ %(real)s ของ %(lao)s (ต่างกัน %(n)s ตัวอักษร) "
                    "เป็นโดเมนของหน่วยงานรัฐอีกแห่ง ตรวจให้แน่ใจว่าเป็นหน่วยงานที่ท่านต้องการติดต่อ"
                )
                signals.append(
                    Signal("similar_government_domain", message % params, reg.lao, reg.email)
                )
                continue
            message = _(
                "โดเมน %(domain)s ต่างจาก %(real)s ของ %(lao)s เพียง %(n)s ตัวอักษร "
                "อาจเป็นโดเมนปลอมที่ตั้งให้ดูคล้าย"
            )
            signals.append(Signal("lookalike_domain", message % params, reg.lao, reg.email))
    # 2. The same mailbox name on another domain.
    if local.startswith(CENTRAL_PREFIX) and domain not in registered_domains:
        if not is_government(domain) or is_free_mail(domain):
            signals.append(
                Signal(
                    "saraban_on_unregistered_domain",
                    _(
                        "ชื่อ %(local)s@ เป็นรูปแบบของอีเมลกลางหน่วยงานราชการ แต่โดเมน %(domain)s "
                        "ไม่ได้ลงทะเบียนเป็นอีเมลกลางของ อปท. ใด"
                    )
                    % {"local": local, "domain": domain},
                )
            )
    elif not local.startswith(CENTRAL_PREFIX):
        for reg in approved:
            if reg.local_part == local and reg.domain != domain:
                signals.append(
                    Signal(
                        "same_local_part_other_domain",
                        _("ชื่อหน้า @ (%(local)s) ตรงกับอีเมลกลางของ %(lao)s (%(real)s) แต่ใช้โดเมนอื่น")
                        % {"local": local, "lao": reg.lao.display_name_th, "real": reg.email},
                        reg.lao,
                        reg.email,
                    )
                )
                break
    # 3. A free-mail address whose display name claims to be an LAO.
    claimed = _lao_claimed_by(display_name) if display_name else None
    if claimed is not None:
        official = next((r for r in approved if r.lao_id == claimed.pk), None)
        signals.append(
            Signal(
                "display_name_claims_lao",
                _('ชื่อผู้ส่ง "%(name)s" อ้างว่าเป็น %(lao)s แต่อีเมลนี้ไม่ใช่อีเมลกลางของ อปท. นั้น')
                % {"name": display_name, "lao": claimed.display_name_th},
                claimed,
                official.email if official else "",
            )
        )
    if is_free_mail(domain):
        signals.append(
            Signal(
                "free_mail",
                _("%(domain)s เป็นอีเมลฟรีของเอกชน หน่วยงานราชการไม่ควรใช้ติดต่ออย่างเป็นทางการ")
                % {"domain": domain},
            )
        )
    return signals


def _explain(result: CheckResult) -> str:
    if result.verdict == FORMERLY_OFFICIAL:
        text = _("อีเมลนี้ไม่ใช่อีเมลกลางปัจจุบันแล้ว")
        if result.registered_email:
            text += " " + _("อีเมลกลางปัจจุบันคือ %(email)s") % {"email": result.registered_email}
        return text
    if result.verdict == SUSPICIOUS:
        return _(
            "อีเมลนี้ไม่ได้ลงทะเบียนเป็นอีเมลกลางของ อปท. ใด และมีลักษณะคล้ายการแอบอ้าง "
            "อย่าเปิดไฟล์แนบ อย่าโอนเงิน และติดต่อ อปท. ผ่านช่องทางที่ประกาศไว้"
        )
    return _(
        "อีเมลนี้ไม่ได้ลงทะเบียนเป็นอีเมลกลางของ อปท. ใดในระบบ หากอ้างว่ามาจาก อปท. "
        "ให้ตรวจสอบกับอีเมลกลางที่เผยแพร่ไว้ก่อน"
    )
