"""A project's lead in real Chromium: a TMO officer chooses the lead on the project form, the
project's page then shows that person as its lead, and the lead, signing in, sees the project as
theirs and may edit it. Every page passes axe-core's WCAG 2.2 A and AA rules, also 390 px wide.
Records Management (PL-09) has no lead in the demo and no other browser test uses it."""

from __future__ import annotations

import pytest

from tests.browser.conftest import check_accessibility, new_tab, sign_in

pytestmark = pytest.mark.browser

PROJECT = "/o/dorset/projects/PL-09/"
PHONE = {"width": 390, "height": 844}


def _lead_row(page) -> str:
    row = page.locator(".govuk-summary-list__row", has=page.locator("dt", has_text="Lead"))
    return row.locator("dd").inner_text()


def test_a_tmo_officer_assigns_a_lead_who_then_sees_the_project_as_theirs(page, browser, live_app):
    sign_in(page, "tmo@dorset.example")
    page.goto(PROJECT)
    assert _lead_row(page) == "Not recorded"
    assert "None" not in page.locator(".govuk-summary-list").inner_text()
    page.click("text=Edit details")
    page.wait_for_url(f"**{PROJECT}edit/")
    check_accessibility(page, "project-lead-form")
    lead = page.locator("#id_lead_user")
    assert "Realise support" not in lead.inner_text()  # only the council's people are offered
    lead.select_option(label="Project Lead (lead@dorset.example)")
    page.click("button:has-text('Save')")
    page.wait_for_url(f"**{PROJECT}")
    assert page.locator(".govuk-notification-banner", has_text="Project saved").is_visible()
    assert _lead_row(page) == "Project Lead"
    history = page.locator("table", has_text="Stage, status and lead changes")
    assert history.locator("td", has_text="Project Lead").is_visible()
    check_accessibility(page, "project-with-lead")
    page.set_viewport_size(PHONE)
    check_accessibility(page, "project-with-lead-390")

    with new_tab(browser, live_app) as lead_page:
        lead_page.set_viewport_size(PHONE)
        sign_in(lead_page, "lead@dorset.example")
        lead_page.goto(PROJECT)
        assert lead_page.get_by_text("You lead this project").is_visible()
        assert _lead_row(lead_page) == "Project Lead"
        check_accessibility(lead_page, "project-as-its-lead-390")
        lead_page.click("text=Edit details")
        lead_page.wait_for_url(f"**{PROJECT}edit/")
        assert lead_page.locator("#id_lead_user").count() == 0  # a lead cannot hand it on
        check_accessibility(lead_page, "project-form-as-its-lead-390")
        lead_page.goto("/o/dorset/projects/?directorate=")
        row = lead_page.locator("tr", has=lead_page.locator("td", has_text="PL-09"))
        assert row.locator("td").last.inner_text() == "Project Lead"
