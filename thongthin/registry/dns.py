"""SPF and DMARC look-ups through a configurable resolver.

`THONGTHIN["DNS_NAMESERVERS"]` points at the resolver ("host" or "host:port"; empty = the
system's). Tests start a small DNS server on loopback and point this at it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import dns.exception
import dns.resolver
from django.conf import settings


@dataclass(frozen=True)
class DomainPolicy:
    checked: bool
    spf: str | None = None  # the v=spf1 record, if any
    spf_all: str | None = None  # "-all", "~all", "?all", "+all" or None
    dmarc: str | None = None
    dmarc_policy: str | None = None  # none / quarantine / reject
    error: str | None = None

    def as_dict(self) -> dict:
        return asdict(self)


def _resolver() -> dns.resolver.Resolver:
    conf = settings.THONGTHIN
    servers = conf.get("DNS_NAMESERVERS") or []
    if not servers:
        resolver = dns.resolver.Resolver()
    else:
        resolver = dns.resolver.Resolver(configure=False)
        resolver.nameservers = []
        for server in servers:
            host, _, port = str(server).partition(":")
            resolver.nameservers.append(host)
            if port:
                resolver.port = int(port)
    resolver.lifetime = float(conf.get("DNS_TIMEOUT_SECONDS", 2.0))
    resolver.timeout = resolver.lifetime
    return resolver


def _txt(resolver: dns.resolver.Resolver, name: str) -> list[str]:
    try:
        answer = resolver.resolve(name, "TXT")
    except (dns.resolver.NXDOMAIN, dns.resolver.NoAnswer):
        return []
    records = []
    for rdata in answer:
        records.append(b"".join(rdata.strings).decode("utf-8", "replace"))
    return records


def parse_dmarc_policy(record: str) -> str | None:
    tags = {}
    for part in record.split(";"):
        key, _, value = part.strip().partition("=")
        if key:
            tags[key.strip().lower()] = value.strip().lower()
    if tags.get("v") != "dmarc1":
        return None
    return tags.get("p") if tags.get("p") in {"none", "quarantine", "reject"} else None


def parse_spf_all(record: str) -> str | None:
    for term in record.lower().split():
        if term.endswith("all") and term.lstrip("+-~?") == "all":
            return term if term[0] in "+-~?" else "+all"
    return None


def domain_policy(domain: str) -> DomainPolicy:
    """What the domain publishes against spoofing. Never raises: DNS trouble is reported."""
    if not settings.THONGTHIN.get("DNS_ENABLED", True):
        return DomainPolicy(checked=False)
    resolver = _resolver()
    try:
        spf = next((r for r in _txt(resolver, domain) if r.lower().startswith("v=spf1")), None)
        dmarc = next(
            (r for r in _txt(resolver, f"_dmarc.{domain}") if r.lower().startswith("v=dmarc1")),
            None,
        )
    except (dns.exception.DNSException, OSError, ValueError) as exc:
        return DomainPolicy(checked=False, error=type(exc).__name__)
    return DomainPolicy(
        checked=True,
        spf=spf,
        spf_all=parse_spf_all(spf) if spf else None,
        dmarc=dmarc,
        dmarc_policy=parse_dmarc_policy(dmarc) if dmarc else None,
    )
