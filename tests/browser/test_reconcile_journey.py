"""A finance officer checks a committee paper against Realise in real Chromium: adds the paper
(after an error the summary links to), chooses Table 2, enters two of its printed figures (one as
Realise has it, one wrong) and sees the match as a match and the difference with its size; then
corrects the paper's title and, having added it by mistake after all, deletes it, confirming on
a page that says what goes. Every page on the way passes axe-core's WCAG 2.2 A and AA rules at
desktop width and at 390 pixels, and never scrolls sideways there."""

from __future__ import annotations

import pytest

from tests.browser.conftest import check_accessibility, sign_in
from tests.browser.test_funding_journey import check_both_widths

pytestmark = pytest.mark.browser


def test_a_finance_officer_finds_a_papers_wrong_figure_and_its_size(page):
    sign_in(page, "finance@dorset.example")
    page.goto("/o/dorset/savings/")
    budgeted = page.locator('[data-figure="budgeted-2022"]').first.inner_text()
    page.goto("/o/dorset/reports/")
    page.click("text=Check a committee paper against Realise")
    page.wait_for_url("**/reports/papers/")
    check_both_widths(page, "reconcile-papers")

    page.click("text=Add a committee paper")
    page.click("main button[type=submit]")
    summary = page.locator(".govuk-error-summary")
    assert "Enter the title of the paper" in summary.inner_text()
    check_both_widths(page, "reconcile-paper-errors")
    page.fill("#id_title", "Transformation annual report 2022/23")
    page.fill("#id_committee", "Cabinet")
    page.fill("#id_published_on-day", "20")
    page.fill("#id_published_on-month", "7")
    page.fill("#id_published_on-year", "2023")
    page.click("main button[type=submit]")
    page.wait_for_url("**/figures/")
    check_both_widths(page, "reconcile-choose-table")

    page.check("input[value=savings-by-year]")
    page.click("main button[type=submit]")
    page.wait_for_url("**/figures/?table=savings-by-year")
    check_accessibility(page, "reconcile-figures")
    page.fill("#id_line-1-row", "2022/23")
    page.select_option("#id_line-1-column", "budgeted")
    page.fill("#id_line-1-printed", budgeted)
    page.fill("#id_line-2-row", "2022/23")
    page.select_option("#id_line-2-column", "budgeted")
    page.fill("#id_line-2-printed", "1")
    page.click("main button[type=submit]")  # the same figure twice: refused, nothing saved
    assert "Figure 2: The same figure is also given as figure 1" in summary.inner_text()
    check_both_widths(page, "reconcile-figures-errors")
    page.select_option("#id_line-2-column", "achieved")
    page.click("main button[type=submit]")
    page.wait_for_url("**/reports/papers/*/")

    matched = page.locator('tr[data-figure-column="Budgeted"]')
    assert matched.get_attribute("data-outcome") == "match"
    assert "Matches" in matched.inner_text()
    differs = page.locator('tr[data-figure-column="Achieved"]')
    assert differs.get_attribute("data-outcome") == "differs"
    assert differs.locator("[data-difference]").inner_text().startswith("−£")
    assert (
        "1 of 2 published figures differ from Realise's."
        in page.locator("[data-summary]").inner_text()
    )
    check_both_widths(page, "reconcile-paper")

    page.click("text=Change the paper's details")
    page.wait_for_url("**/edit/")
    assert page.input_value("#id_title") == "Transformation annual report 2022/23"
    page.fill("#id_title", "")
    page.click("main button[type=submit]")  # refused: the summary links to the title
    assert "Enter the title of the paper" in summary.inner_text()
    check_both_widths(page, "reconcile-paper-edit-errors")
    page.fill("#id_title", "Transformation annual report 2022/23 (draft)")
    page.click("main button[type=submit]")
    page.wait_for_url("**/reports/papers/*/")
    assert page.locator("h1").inner_text() == "Transformation annual report 2022/23 (draft)"

    page.click("text=Delete this paper")
    page.wait_for_url("**/delete/")
    assert "Delete Transformation annual report 2022/23 (draft)?" in page.locator("h1").inner_text()
    assert page.locator("[data-figures]").inner_text() == "2 figures"
    check_both_widths(page, "reconcile-paper-delete")
    page.click("main button[type=submit]")
    page.wait_for_url("**/reports/papers/")
    assert "deleted, with its 2 figures" in page.locator(".govuk-notification-banner").inner_text()
    assert page.locator("[data-table=papers]").count() == 0  # the demo has no other paper
