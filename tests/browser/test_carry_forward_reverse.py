"""Reversing a carry-forward recorded in error, in Chromium: the list of carry-forwards, the
reverse form refused without a reason (its error summary leading to the box), each with 0 axe
violations at desktop width and at 390 px. The reversal itself is not submitted: the demo's
figures stay as the other browser tests expect them (the service and page are tested in
tests/integration/test_carry_forward_reverse.py)."""

from __future__ import annotations

from tests.browser.conftest import check_accessibility, sign_in


def test_the_reverse_form_asks_why_and_passes_axe_at_both_widths(page):
    sign_in(page, "finance@dorset.example")
    page.goto("/o/dorset/savings/carry-forwards/")
    assert page.locator("main h1").inner_text().startswith("Carry-forwards")
    check_accessibility(page, "carry-forwards")
    page.locator("main a", has_text="Reverse").first.click()
    page.wait_for_url("**/reverse/")
    page.click("main button[type=submit]")
    summary = page.locator(".govuk-error-summary")
    summary.wait_for()
    check_accessibility(page, "carry-forward-reverse-errors")
    summary.locator("a").first.click()
    assert page.evaluate("document.activeElement.tagName") == "TEXTAREA"
    page.set_viewport_size({"width": 390, "height": 900})
    check_accessibility(page, "carry-forward-reverse-errors-390")
    page.goto("/o/dorset/savings/carry-forwards/")
    check_accessibility(page, "carry-forwards-390")
