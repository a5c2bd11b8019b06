"""Rejecting several claims at once in real Chromium: finance ticks two claims in the queue (a
fieldset of labelled checkboxes), chooses "Reject the claims ticked", is asked for the one reason
(refused without it, with an error summary), confirms, and both leave the queue; the lead sees
the reason on the project's page. The confirmation and its error pass axe-core's WCAG 2.2 A and
AA rules at 1280 and at 390 pixels wide."""

from __future__ import annotations

import pytest

from tests.browser.conftest import sign_in
from tests.browser.test_claims_queue import (
    PROJECT,
    check_both_widths,
    claim_row,
    decision,
    finance,
    record_claim,
)

pytestmark = pytest.mark.browser

AMOUNTS = ("5,505.05", "6,606.06")

__all__ = ["finance"]  # the fixture, shared with the claims journey


def test_finance_rejects_two_claims_with_one_reason(page, finance):
    sign_in(page, "lead@dorset.example")
    for amount in AMOUNTS:
        record_claim(page, amount)

    sign_in(finance, "finance@dorset.example")
    finance.goto("/o/dorset/savings/claims/")
    legend = finance.locator("legend.govuk-fieldset__legend")
    assert "Tick the claims to validate or reject together" in legend.inner_text()
    for amount in AMOUNTS:
        claim_row(finance, amount).get_by_label(f"Choose the £{amount} claim", exact=False).check()
    finance.click("text=Reject the claims ticked")
    assert finance.locator("h1").inner_text() == "Reject 2 claims, £12,111.11 in all?"
    finance.click("button:has-text('Reject 2 claims')")
    finance.locator(".govuk-error-summary").wait_for()
    assert "Say why the claims are rejected" in finance.locator(".govuk-error-summary").inner_text()
    check_both_widths(finance, "claims-reject-several-error")
    finance.fill("#id_reason", "No invoices attached for either")
    finance.click("button:has-text('Reject 2 claims')")
    finance.wait_for_url("**/savings/claims/")
    banner = finance.locator(".govuk-notification-banner--success")
    assert banner.inner_text().endswith("Rejected 2 claims: £12,111.11")
    assert all(claim_row(finance, a).count() == 0 for a in AMOUNTS)
    check_both_widths(finance, "claims-queue-after-reject")

    page.goto(PROJECT)
    for amount in AMOUNTS:
        assert decision(page, amount).startswith("Rejected by finance@dorset.example on")
        assert decision(page, amount).endswith(": No invoices attached for either")
