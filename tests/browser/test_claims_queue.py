"""The claims journey in real Chromium: a project lead records savings (each kept as a claim,
awaiting finance); finance opens the claims queue from the dashboard, validates one, rejects one
with a reason and validates two more after one confirmation; the lead then sees each outcome on
the project's page. The queue, the rejection form and the confirmation pass axe-core's WCAG 2.2
A and AA rules at 1280 and at 390 pixels wide."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import check_accessibility, new_tab, sign_in

pytestmark = pytest.mark.browser

PROJECT = "/o/dorset/projects/AH-02/"
AMOUNTS = ("1,101.01", "2,202.02", "3,303.03", "4,404.04")


@pytest.fixture
def finance(browser, live_app):
    """Finance, in a browser context of their own."""
    with new_tab(browser, live_app) as tab:
        yield tab


def record_claim(page, amount: str) -> None:
    page.goto(PROJECT)
    page.click("text=Record a saving for this project")
    page.locator("text=Finance validates the savings you record").wait_for()
    assert page.locator("text=Finance validates the savings you record").is_visible()
    claim = page.get_by_label("Achieved: claimed, for finance to validate")
    assert claim.is_checked()  # the one status a project lead may record as achieved
    assert page.locator("text=Achieved (validated)").count() == 0
    page.select_option("#id_year", label="2022/23")
    page.fill("#id_amount", amount)
    page.fill("#id_recorded_on-day", "31")
    page.fill("#id_recorded_on-month", "3")
    page.fill("#id_recorded_on-year", "2023")
    page.fill("#id_note", f"Invoice for £{amount}")
    page.click("main button[type=submit]")
    page.wait_for_url(f"**{PROJECT}")
    banner = page.locator(".govuk-notification-banner--success")
    assert "finance will validate the claim" in banner.inner_text()


def decision(page, amount: str) -> str:
    """The project page's "Finance's decision" for the claim of ``amount``."""
    row = page.locator("tr[data-entry]", has=page.locator("[data-decision] .govuk-tag")).filter(
        has_text=f"£{amount}"
    )
    return " ".join(row.locator("[data-decision]").inner_text().split())


def claim_row(page, amount: str):
    return page.locator("tr[data-claim]").filter(has_text=f"£{amount}")


def check_both_widths(page, name: str) -> None:
    check_accessibility(page, name)
    page.set_viewport_size({"width": 390, "height": 844})
    check_accessibility(page, f"{name}-390")
    sideways = page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )
    assert not sideways, f"{name} scrolls sideways at 390 pixels"
    page.set_viewport_size({"width": 1280, "height": 900})


def test_finance_decides_claims_and_the_lead_sees_each_outcome(page, finance):
    sign_in(page, "lead@dorset.example")
    for amount in AMOUNTS:
        record_claim(page, amount)
    assert all(decision(page, a) == "Awaiting finance" for a in AMOUNTS)

    sign_in(finance, "finance@dorset.example")
    assert int(finance.locator('[data-figure="claims-waiting"]').inner_text()) >= len(AMOUNTS)
    finance.click("text=Review the claims")
    finance.wait_for_url("**/savings/claims/")
    assert "Invoice for £1,101.01" in claim_row(finance, AMOUNTS[0]).inner_text()
    check_both_widths(finance, "claims-queue")

    # Validate one.
    claim_row(finance, AMOUNTS[0]).get_by_role("button", name=re.compile("^Validate")).click()
    banner = finance.locator(".govuk-notification-banner--success")
    assert "Validated: £1,101.01 claimed for AH-02" in banner.inner_text()
    assert claim_row(finance, AMOUNTS[0]).count() == 0

    # Reject one: the reason is required.
    claim_row(finance, AMOUNTS[1]).get_by_role("link", name=re.compile("^Reject")).click()
    finance.click("main button[type=submit]")
    finance.locator(".govuk-error-summary").wait_for()
    assert finance.locator(".govuk-error-summary").is_visible()
    check_both_widths(finance, "claim-reject-error")
    finance.fill("#id_reason", "The invoice is for another project")
    finance.click("main button[type=submit]")
    finance.wait_for_url("**/savings/claims/")
    assert "Rejected: £2,202.02" in finance.locator(".govuk-notification-banner").inner_text()

    # Validate two at once, after seeing what and how much.
    for amount in AMOUNTS[2:]:
        claim_row(finance, amount).locator("input[name=claim]").check()
    finance.click("text=Validate the claims ticked")
    assert finance.locator("h1").inner_text() == "Validate 2 claims, £7,707.07 in all?"
    assert finance.locator('[data-figure="claims-total"]').inner_text() == "£7,707.07"
    check_both_widths(finance, "claims-confirm")
    finance.click("button:has-text('Validate 2 claims')")
    banner = finance.locator(".govuk-notification-banner--success")
    assert banner.inner_text().endswith("Validated 2 claims: £7,707.07")
    assert all(claim_row(finance, a).count() == 0 for a in AMOUNTS)

    page.goto(PROJECT)
    assert decision(page, AMOUNTS[0]).startswith("Validated by finance@dorset.example on")
    assert decision(page, AMOUNTS[1]).startswith("Rejected by finance@dorset.example on")
    assert decision(page, AMOUNTS[1]).endswith(": The invoice is for another project")
    assert decision(page, AMOUNTS[2]).startswith("Validated by finance@dorset.example")
    assert decision(page, AMOUNTS[3]).startswith("Validated by finance@dorset.example")
    check_accessibility(page, "project-claims-decided")
