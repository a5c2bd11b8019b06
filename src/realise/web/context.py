"""The service navigation, built once per request from the organisation the view resolved."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from realise.accounts.access import Action, can

SECTIONS = (
    ("dashboard", "Dashboard", ("dashboard",)),
    ("projects", "Projects", ("project",)),
    ("savings", "Savings", ("saving", "carry")),
    ("funding", "Funding", ("funding", "bid", "grant")),
    ("risks", "Risks", ("risk",)),
    ("business_case", "Business case", ("business_case",)),
    ("reports", "Reports and data", ("reports",)),
)


def navigation(request: HttpRequest) -> dict[str, Any]:
    organisation = getattr(request, "organisation", None)
    if organisation is None:
        return {}
    current = request.resolver_match.url_name if request.resolver_match else ""
    sections = list(SECTIONS)
    if can(request.user, organisation, Action.MANAGE_SETTINGS):
        sections.append(("settings", "Settings", ("settings",)))
    nav = [
        {
            "href": reverse(f"web:{name}", args=[organisation.slug]),
            "text": text,
            "current": any((current or "").startswith(prefix) for prefix in prefixes),
        }
        for name, text, prefixes in sections
    ]
    return {"organisation": organisation, "nav": nav}
