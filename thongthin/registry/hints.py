"""Hints for a central e-mail address, shown to the submitter and to the DGA reviewer.

Hints are stored as codes with parameters and rendered in the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from .dns import DomainPolicy

FREE_MAIL_DOMAINS = frozenset(
    {
        "gmail.com", "googlemail.com", "hotmail.com", "hotmail.co.th", "outlook.com",
        "outlook.co.th", "live.com", "msn.com", "yahoo.com", "yahoo.co.th", "ymail.com",
        "icloud.com", "me.com", "aol.com", "proton.me", "protonmail.com", "gmx.com",
        "mail.com", "zoho.com", "yandex.com", "windowslive.com",
    }
)  # fmt: skip
GOVERNMENT_FREE_MAIL = "mail.go.th"
CENTRAL_PREFIX = "saraban"

OK, INFO, WARNING = "ok", "info", "warning"


@dataclass(frozen=True)
class Hint:
    code: str
    level: str
    params: dict[str, Any]

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "level": self.level, "params": self.params}


def is_free_mail(domain: str) -> bool:
    return domain.lower() in FREE_MAIL_DOMAINS


def is_government(domain: str) -> bool:
    domain = domain.lower()
    return domain == "go.th" or domain.endswith(".go.th")


def address_hints(email: str, policy: DomainPolicy | None) -> list[Hint]:
    local, _, domain = email.lower().rpartition("@")
    hints: list[Hint] = []
    if is_free_mail(domain):
        hints.append(Hint("free_mail_domain", WARNING, {"domain": domain}))
    if domain == GOVERNMENT_FREE_MAIL:
        hints.append(Hint("mailgothai", OK, {"domain": domain}))
    elif is_government(domain):
        hints.append(Hint("government_domain", OK, {"domain": domain}))
    else:
        hints.append(Hint("not_government_domain", WARNING, {"domain": domain}))
    if local.startswith(CENTRAL_PREFIX):
        hints.append(Hint("saraban_prefix", OK, {}))
    else:
        hints.append(Hint("not_saraban_prefix", WARNING, {"local": local}))
    hints.extend(policy_hints(domain, policy))
    return hints


def policy_hints(domain: str, policy: DomainPolicy | None) -> list[Hint]:
    if policy is None or not policy.checked:
        return [Hint("dns_not_checked", INFO, {"domain": domain})]
    hints = []
    if not policy.spf:
        hints.append(Hint("spf_missing", WARNING, {"domain": domain}))
    elif policy.spf_all in {"+all", "?all", None}:
        hints.append(Hint("spf_weak", WARNING, {"domain": domain, "all": policy.spf_all or ""}))
    else:
        hints.append(Hint("spf_present", OK, {"domain": domain, "all": policy.spf_all}))
    if not policy.dmarc:
        hints.append(Hint("dmarc_missing", WARNING, {"domain": domain}))
    elif policy.dmarc_policy in {"quarantine", "reject"}:
        hints.append(Hint("dmarc_enforced", OK, {"domain": domain, "policy": policy.dmarc_policy}))
    else:
        hints.append(Hint("dmarc_monitor_only", WARNING, {"domain": domain, "policy": "none"}))
    return hints


def hint_message(code: str, params: dict[str, Any]) -> str:
    """The reader-facing text of a stored hint, in the active language."""
    messages = {
        "free_mail_domain": _(
            "%(domain)s เป็นบริการอีเมลฟรีของเอกชน มติคณะรัฐมนตรีให้หน่วยงานเลิกใช้อีเมลฟรีในงาน"
            "ราชการ ควรใช้อีเมลบนโดเมน .go.th ของ อปท. หรือ MailGoThai (@mail.go.th)"
        ),
        "mailgothai": _("%(domain)s คือ MailGoThai บริการอีเมลภาครัฐของ สพร. ใช้เป็นอีเมลกลางได้"),
        "government_domain": _("%(domain)s เป็นโดเมน .go.th ซึ่ง THNIC ออกให้เฉพาะหน่วยงานรัฐ"),
        "not_government_domain": _(
            "%(domain)s ไม่ใช่โดเมน .go.th หรือ mail.go.th ผู้ตรวจสอบจะต้องยืนยันความเป็นเจ้าของ"
            "จากหนังสือราชการ"
        ),
        "saraban_prefix": _(
            "ขึ้นต้นด้วย saraban ตามระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ (ฉบับที่ 4) พ.ศ. 2564"
        ),
        "not_saraban_prefix": _(
            "ชื่อหน้า @ (%(local)s) ไม่ได้ขึ้นต้นด้วย saraban ตามระเบียบสำนักนายกรัฐมนตรีว่าด้วย"
            "งานสารบรรณ (ฉบับที่ 4) พ.ศ. 2564 เช่น saraban@ชื่อโดเมน.go.th"
        ),
        "dns_not_checked": _("ยังไม่ได้ตรวจระเบียน SPF/DMARC ของ %(domain)s (ระบบ DNS ไม่พร้อม)"),
        "spf_missing": _("%(domain)s ไม่มีระเบียน SPF ผู้อื่นจึงปลอมเป็นผู้ส่งจากโดเมนนี้ได้ง่าย"),
        "spf_weak": _("ระเบียน SPF ของ %(domain)s ไม่ปฏิเสธผู้ส่งที่ไม่ได้รับอนุญาต (%(all)s)"),
        "spf_present": _("%(domain)s มีระเบียน SPF (%(all)s)"),
        "dmarc_missing": _(
            "%(domain)s ไม่มีระเบียน DMARC ควรตั้ง p=quarantine หรือ p=reject เพื่อกันอีเมลปลอม"
        ),
        "dmarc_monitor_only": _("DMARC ของ %(domain)s เป็น p=none (เฝ้าดูเท่านั้น) ยังไม่กันอีเมลปลอม"),
        "dmarc_enforced": _("%(domain)s มี DMARC แบบบังคับ (p=%(policy)s)"),
    }
    template = messages.get(code)
    if template is None:
        return code
    try:
        return template % params
    except (KeyError, TypeError, ValueError):
        return template
