"""A TMO officer's funding journey in real Chromium: set up a fund, add two bids, approve one for
less than it asked with a reason and the board, reject the other, watch committed and remaining
change, record a payment, and close the fund. Every page on the way passes axe-core's WCAG 2.2 A
and AA rules at desktop width and at 390 pixels, and never scrolls sideways there."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.browser.conftest import check_accessibility, sign_in

pytestmark = pytest.mark.browser

FUND = "Browser-test digital fund"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def figure(page, key: str) -> Decimal:
    text = page.locator(f'[data-figure="{key}"]').inner_text()
    return Decimal(text.replace("£", "").replace(",", ""))


def check_both_widths(page, name: str) -> None:
    """axe-core at desktop width, then at 390 pixels, where the page must not scroll sideways."""
    check_accessibility(page, name)
    page.set_viewport_size(PHONE)
    scroll, width = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert scroll <= width, f"{name} scrolls sideways at 390 pixels"
    check_accessibility(page, f"{name}-390")
    page.set_viewport_size(DESKTOP)


def add_bid(page, title: str, amount: str) -> None:
    page.click("text=Add a bid")
    assert page.locator("#id_fund option:checked").inner_text() == FUND
    page.fill("#id_title", title)
    page.fill("#id_amount", amount)
    page.click("main button[type=submit]")
    page.wait_for_url("**/funding/funds/*/")


def decide(page, title: str) -> None:
    page.click(f"a:has-text('Decide'):has(span:has-text('{title}'))")
    page.wait_for_url("**/decide/")


def test_a_tmo_officer_funds_one_bid_in_part_rejects_another_and_closes_the_fund(page):
    sign_in(page, "tmo@dorset.example")
    page.goto("/o/dorset/funding/")
    page.click("text=Set up a fund")
    check_both_widths(page, "journey-fund-new")
    page.fill("#id_name", FUND)
    page.check("#id_kind_0")  # Invest to save
    page.fill("#id_pot", "50,000")
    page.fill("#id_decided_by", "DARTboard")
    page.click("main button[type=submit]")
    page.wait_for_url("**/funding/funds/*/")
    assert page.locator("h1").inner_text().startswith(FUND)
    assert (figure(page, "committed"), figure(page, "remaining")) == (Decimal(0), Decimal(50000))

    add_bid(page, "Chatbot for council tax", "20,000")
    add_bid(page, "Self-service kiosks", "15,000")
    check_both_widths(page, "journey-fund-with-bids")

    decide(page, "Chatbot for council tax")
    page.check("#id_outcome_1")  # approve a lower amount
    page.click("main button[type=submit]")
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    assert "Enter the lower amount to award" in summary.inner_text()
    check_both_widths(page, "journey-decision-errors")
    page.fill("#id_amount", "12,500")
    page.fill("#id_reason", "Phase 1 only until the pilot reports")
    page.select_option("#id_board", label="DARTboard")
    page.click("main button[type=submit]")
    page.wait_for_url("**/funding/funds/*/")
    assert page.locator(".govuk-notification-banner--success").is_visible()
    assert (figure(page, "committed"), figure(page, "remaining")) == (
        Decimal(12500),
        Decimal(37500),
    )
    chatbot = page.locator("tr", has_text="Chatbot for council tax")
    assert "Part-funded" in chatbot.inner_text()
    assert "DARTboard" in chatbot.inner_text()

    decide(page, "Self-service kiosks")
    page.check("#id_outcome_2")  # reject
    page.fill("#id_reason", "No savings case yet")
    page.select_option("#id_board", label="DARTboard")
    page.click("main button[type=submit]")
    page.wait_for_url("**/funding/funds/*/")
    kiosks = page.locator("tr", has_text="Self-service kiosks")
    assert "Rejected" in kiosks.inner_text()
    assert "No savings case yet" in kiosks.inner_text()
    assert figure(page, "committed") == Decimal(12500)  # a rejection commits nothing

    page.click("a:has-text('Record payment'):has(span:has-text('Chatbot for council tax'))")
    check_both_widths(page, "journey-payment")
    page.fill("#id_drawn", "5,000")
    page.click("main button[type=submit]")
    page.wait_for_url("**/funding/funds/*/")
    assert figure(page, "drawn") == Decimal(5000)

    page.click("text=Close the fund")
    check_both_widths(page, "journey-fund-close")
    page.fill("#id_closed_on-day", "31")
    page.fill("#id_closed_on-month", "3")
    page.fill("#id_closed_on-year", "2024")
    page.click("main button[type=submit]")
    page.wait_for_url("**/funding/funds/*/")
    assert "Closed on 31 March 2024" in page.locator('[data-figure="status"]').inner_text()
    assert page.locator("main a:has-text('Add a bid')").count() == 0
    check_both_widths(page, "journey-fund-closed")
    page.click("text=Reopen the fund")
    check_both_widths(page, "journey-fund-reopen")
    page.click("text=Cancel")
    page.click("text=Edit the fund")
    check_both_widths(page, "journey-fund-edit")

    page.goto("/o/dorset/funding/")
    row = page.locator("table:has(caption:text-is('Funds')) tbody tr", has_text=FUND)
    assert "Closed" in row.inner_text()  # still listed, as on every report
