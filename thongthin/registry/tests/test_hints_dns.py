"""Hints about a central e-mail address, and SPF/DMARC read through a DNS server on loopback."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from dnslib import QTYPE, RCODE, RR, TXT
from dnslib.server import BaseResolver, DNSLogger, DNSServer
from hypothesis import given
from hypothesis import strategies as st

from thongthin.registry.dns import DomainPolicy, domain_policy, parse_dmarc_policy, parse_spf_all
from thongthin.registry.hints import address_hints, hint_message

# --- Address hints (no DNS) -------------------------------------------------------------------


def _codes(email: str, policy: DomainPolicy | None = None) -> dict[str, str]:
    return {h.code: h.level for h in address_hints(email, policy)}


@pytest.mark.parametrize("domain", ["gmail.com", "hotmail.com", "outlook.com", "yahoo.com",
                                    "GMail.com", "hotmail.co.th"])  # fmt: skip
def test_free_mail_is_a_warning(domain):
    codes = _codes(f"saraban.maehia@{domain}")
    assert codes["free_mail_domain"] == "warning"
    assert codes["not_government_domain"] == "warning"


@pytest.mark.parametrize("email", ["saraban@maehia.go.th", "saraban@a.b.go.th"])
def test_go_th_is_government(email):
    codes = _codes(email)
    assert codes["government_domain"] == "ok"
    assert "not_government_domain" not in codes and "free_mail_domain" not in codes


def test_mail_go_th_is_mailgothai():
    codes = _codes("saraban.maehia@mail.go.th")
    assert codes["mailgothai"] == "ok"
    assert "government_domain" not in codes and "not_government_domain" not in codes


@pytest.mark.parametrize("domain", ["maehia.go.th.evil.com", "go.th.example", "maehiago.th",
                                    "maehia.or.th", "xn--o3cg7ak5c9d.xn--o3cw4h"])  # fmt: skip
def test_look_alike_government_domains_are_not_government(domain):
    assert _codes(f"saraban@{domain}")["not_government_domain"] == "warning"


@pytest.mark.parametrize(
    ("local", "expected"),
    [("saraban", "saraban_prefix"), ("saraban.maehia", "saraban_prefix"),
     ("SARABAN", "saraban_prefix"), ("admin", "not_saraban_prefix"),
     ("info.saraban", "not_saraban_prefix")],
)  # fmt: skip
def test_saraban_prefix(local, expected):
    assert expected in _codes(f"{local}@maehia.go.th")


def test_dns_not_checked_without_a_policy():
    assert _codes("saraban@maehia.go.th")["dns_not_checked"] == "info"
    assert "dns_not_checked" in _codes("saraban@maehia.go.th", DomainPolicy(checked=False))


@pytest.mark.parametrize(
    ("policy", "spf", "dmarc"),
    [
        (DomainPolicy(True, "v=spf1 -all", "-all", "v=DMARC1; p=reject", "reject"),
         "spf_present", "dmarc_enforced"),
        (DomainPolicy(True, "v=spf1 ~all", "~all", "v=DMARC1; p=quarantine", "quarantine"),
         "spf_present", "dmarc_enforced"),
        (DomainPolicy(True, "v=spf1 +all", "+all", "v=DMARC1; p=none", "none"),
         "spf_weak", "dmarc_monitor_only"),
        (DomainPolicy(True, "v=spf1 ?all", "?all", "v=DMARC1", None),
         "spf_weak", "dmarc_monitor_only"),
        (DomainPolicy(True, "v=spf1 mx", None, None, None), "spf_weak", "dmarc_missing"),
        (DomainPolicy(True), "spf_missing", "dmarc_missing"),
    ],
)  # fmt: skip
def test_policy_hints(policy, spf, dmarc):
    codes = _codes("saraban@maehia.go.th", policy)
    assert spf in codes and dmarc in codes
    assert "dns_not_checked" not in codes
    assert codes[spf] == ("ok" if spf == "spf_present" else "warning")
    assert codes[dmarc] == ("ok" if dmarc == "dmarc_enforced" else "warning")


def test_hint_messages_are_thai_with_parameters():
    for hint in address_hints(
        "admin@gmail.com", DomainPolicy(True, "v=spf1 ~all", "~all", "v=DMARC1; p=none", "none")
    ):
        message = hint_message(hint.code, hint.params)
        assert message != hint.code and "%(" not in message
    assert "gmail.com" in hint_message("free_mail_domain", {"domain": "gmail.com"})
    assert "(admin)" in hint_message("not_saraban_prefix", {"local": "admin"})
    # An unknown code or missing parameters never raise.
    assert hint_message("no_such_hint", {}) == "no_such_hint"
    assert "%(domain)s" in hint_message("spf_missing", {})


# --- SPF / DMARC parsing ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ("v=DMARC1; p=reject", "reject"),
        ("v=DMARC1;p=quarantine;pct=100", "quarantine"),
        ("V=DMARC1; P=NONE; rua=mailto:d@maehia.go.th", "none"),
        ("v=DMARC1; rua=mailto:d@maehia.go.th", None),
        ("v=DMARC1; p=bogus", None),
        ("v=spf1 -all", None),
        ("p=reject", None),
        ("", None),
    ],
)
def test_parse_dmarc_policy(record, expected):
    assert parse_dmarc_policy(record) == expected


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ("v=spf1 ip4:203.0.113.0/24 -all", "-all"),
        ("v=spf1 include:_spf.google.com ~all", "~all"),
        ("v=spf1 ?all", "?all"),
        ("v=spf1 +all", "+all"),
        ("v=spf1 all", "+all"),
        ("V=SPF1 MX -ALL", "-all"),
        ("v=spf1 mx", None),
        ("v=spf1 include:all.example.com", None),
        ("v=spf1 redirect=_spf.example.com", None),
    ],
)
def test_parse_spf_all(record, expected):
    assert parse_spf_all(record) == expected


@given(st.text(max_size=300))
def test_parsers_never_raise(text):
    assert parse_dmarc_policy(text) in {None, "none", "quarantine", "reject"}
    assert parse_spf_all(text) in {None, "+all", "-all", "~all", "?all"}


# --- Through a DNS server on loopback -----------------------------------------------------


class TxtResolver(BaseResolver):
    """Answers TXT queries from a dict {name: [record, ...]}; other names do not exist."""

    def __init__(self, records: dict[str, list[str]]) -> None:
        self.records = records
        self.queries: list[str] = []

    def resolve(self, request, handler):  # type: ignore[no-untyped-def]
        reply = request.reply()
        name = str(request.q.qname).rstrip(".").lower()
        self.queries.append(name)
        if name not in self.records:
            reply.header.rcode = RCODE.NXDOMAIN
        elif request.q.qtype == QTYPE.TXT:
            for text in self.records[name]:
                reply.add_answer(RR(name, QTYPE.TXT, rdata=TXT(text), ttl=60))
        return reply


RECORDS = {
    "strict.go.th": ["v=spf1 ip4:203.0.113.0/24 -all", "google-site-verification=abc"],
    "_dmarc.strict.go.th": ["v=DMARC1; p=reject; rua=mailto:dmarc@strict.go.th"],
    "soft.go.th": ["v=spf1 mx ~all"],
    "_dmarc.soft.go.th": ["v=DMARC1; p=quarantine"],
    "watch.go.th": ["v=spf1 +all"],
    "_dmarc.watch.go.th": ["v=DMARC1; p=none"],
    "bare.go.th": ["just some text"],
    "nodmarc.go.th": ["v=spf1 -all"],
}


@pytest.fixture(scope="module")
def dns_server() -> Iterator[TxtResolver]:
    resolver = TxtResolver(RECORDS)
    quiet = DNSLogger("-request,-reply,-truncated,-error,-recv,-send,-data", prefix=False)
    server = DNSServer(resolver, address="127.0.0.1", port=0, logger=quiet)
    server.start_thread()
    resolver.port = server.server.server_address[1]  # type: ignore[attr-defined]
    try:
        yield resolver
    finally:
        server.stop()


@pytest.fixture
def dns_on(settings, dns_server):  # type: ignore[no-untyped-def]
    settings.THONGTHIN = {
        **settings.THONGTHIN,
        "DNS_ENABLED": True,
        "DNS_NAMESERVERS": [f"127.0.0.1:{dns_server.port}"],  # type: ignore[attr-defined]
        "DNS_TIMEOUT_SECONDS": 2.0,
    }
    return dns_server


@pytest.mark.parametrize(
    ("domain", "spf_all", "dmarc_policy", "spf_code", "dmarc_code"),
    [
        ("strict.go.th", "-all", "reject", "spf_present", "dmarc_enforced"),
        ("soft.go.th", "~all", "quarantine", "spf_present", "dmarc_enforced"),
        ("watch.go.th", "+all", "none", "spf_weak", "dmarc_monitor_only"),
        ("nodmarc.go.th", "-all", None, "spf_present", "dmarc_missing"),
        ("bare.go.th", None, None, "spf_missing", "dmarc_missing"),
        ("nowhere.go.th", None, None, "spf_missing", "dmarc_missing"),
    ],
)
def test_domain_policy_through_the_resolver(dns_on, domain, spf_all, dmarc_policy, spf_code,
                                            dmarc_code):  # fmt: skip
    policy = domain_policy(domain)
    assert policy.checked and policy.error is None
    assert (policy.spf_all, policy.dmarc_policy) == (spf_all, dmarc_policy)
    codes = _codes(f"saraban@{domain}", policy)
    assert spf_code in codes and dmarc_code in codes
    assert domain in dns_on.queries and f"_dmarc.{domain}" in dns_on.queries


def test_only_the_spf_record_is_kept(dns_on):
    policy = domain_policy("strict.go.th")
    assert policy.spf == "v=spf1 ip4:203.0.113.0/24 -all"
    assert policy.dmarc is not None and policy.dmarc.startswith("v=DMARC1")


def test_disabled_dns_asks_nothing(settings, dns_server):
    settings.THONGTHIN = {**settings.THONGTHIN, "DNS_ENABLED": False,
                          "DNS_NAMESERVERS": [f"127.0.0.1:{dns_server.port}"]}  # fmt: skip
    dns_server.queries.clear()
    assert domain_policy("strict.go.th") == DomainPolicy(checked=False)
    assert dns_server.queries == []


def _dead_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_dead_resolver_gives_dns_not_checked(settings):
    settings.THONGTHIN = {
        **settings.THONGTHIN,
        "DNS_ENABLED": True,
        "DNS_NAMESERVERS": [f"127.0.0.1:{_dead_port()}"],
        "DNS_TIMEOUT_SECONDS": 0.3,
    }
    policy = domain_policy("strict.go.th")
    assert policy.checked is False and policy.error
    assert _codes("saraban@strict.go.th", policy)["dns_not_checked"] == "info"


@pytest.mark.django_db
def test_submission_stores_the_dns_hints(dns_on):
    from thongthin.accounts.tests.factories import lao
    from thongthin.registry.tests.factories import submitted

    registration = submitted(lao("4500103"), "saraban@watch.go.th")
    assert registration.dns["checked"] is True and registration.dns["spf_all"] == "+all"
    codes = {h["code"] for h in registration.hints}
    assert {"spf_weak", "dmarc_monitor_only", "government_domain"} <= codes
    assert registration.warning_count == 2
