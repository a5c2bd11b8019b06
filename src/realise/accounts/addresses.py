"""The address a request comes from, as the sign-in throttle counts it (ADR 0007, amended
2026-12-05).

``REMOTE_ADDR`` is the address that connected to Realise. Behind a proxy (the production setting
``REALISE_BEHIND_PROXY``, from the environment variable of that name) that is the proxy itself,
and the person's address is the one the proxy added to the *end* of ``X-Forwarded-For``: anything
before it was sent by the person and may be made up. Without a proxy the header is never read, so
nobody can pick the address they are counted under.

IPv6 addresses are counted per /64 block: one connection usually holds a whole /64, so counting
single IPv6 addresses would give an attacker billions of fresh addresses.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from django.conf import settings

UNKNOWN = ""  # no request (a sign-in from code or the command line) or no readable address


def behind_proxy() -> bool:
    return bool(getattr(settings, "REALISE_BEHIND_PROXY", False))


def counted_as(text: str) -> str:
    """``text`` as the throttle counts it: an IPv4 address, an IPv6 /64 block, or ``UNKNOWN``."""
    try:
        address = ipaddress.ip_address(text.strip())
    except ValueError:
        return UNKNOWN
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network(f"{address}/64", strict=False))
    return str(address)


def client_address(request: Any) -> str:
    """Where ``request`` comes from, for counting failed sign-ins (see the module's notes)."""
    meta = getattr(request, "META", None) or {}
    if behind_proxy():
        forwarded = str(meta.get("HTTP_X_FORWARDED_FOR", "")).split(",")[-1]
        if counted_as(forwarded) != UNKNOWN:
            return counted_as(forwarded)
    return counted_as(str(meta.get("REMOTE_ADDR", "")))
