"""The service navigation, built once per request from the organisation the view resolved."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from realise.accounts.access import Action, can

# Each section of the menu, and the pages it is current on: a page's name (``project_edit``) or
# its name with its namespace (``imports:upload``) starts with one of them.
SECTIONS = (
    ("dashboard", "Dashboard", ("dashboard",)),
    ("projects", "Projects", ("project",)),
    ("savings", "Savings", ("saving", "carry")),
    ("funding", "Funding", ("funding", "bid", "grant")),
    ("risks", "Risks", ("risk",)),
    ("business_cases", "Business cases", ("business_case",)),
    (
        "reports",
        "Reports and data",
        (
            "reports",
            "paper",
            "figure",
            "imports:",
            "web:change_log",
            "web:token",
            "web:council_token",
        ),
    ),
)


def navigation(request: HttpRequest) -> dict[str, Any]:
    organisation = getattr(request, "organisation", None)
    if organisation is None:
        return {}
    match = request.resolver_match
    names = (match.url_name or "", match.view_name or "") if match else ()
    sections = list(SECTIONS)
    if can(request.user, organisation, Action.MANAGE_SETTINGS):
        sections.append(("settings", "Settings", ("settings",)))
    nav = [
        {
            "href": reverse(f"web:{name}", args=[organisation.slug]),
            "text": text,
            "current": any(page.startswith(prefixes) for page in names),
        }
        for name, text, prefixes in sections
    ]
    return {"organisation": organisation, "nav": nav}
