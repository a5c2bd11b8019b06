"""Journeys in real Chromium: a saving with a mistake fixed, then the dashboard total moves; an
in-year pressure that needs its reason, then Table 3 shows it; a new risk in its heat-map cell;
the saving journey again by keyboard alone."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.browser.conftest import check_accessibility, sign_in

pytestmark = pytest.mark.browser


def pounds(text: str) -> Decimal:
    return Decimal(text.replace("£", "").replace(",", ""))


def achieved_total(page) -> Decimal:
    page.goto("/o/dorset/")
    text = page.locator('[data-figure="achieved-total"]').inner_text()
    return Decimal(text.replace("£", "").replace(",", ""))


def test_record_a_saving_after_fixing_an_error_and_see_the_total_change(page):
    sign_in(page, "finance@dorset.example")
    before = achieved_total(page)
    page.click(".govuk-service-navigation__link:has-text('Savings')")
    page.click("text=Record a saving")
    page.select_option("#id_project", label="AH-01 Right sizing with health partners")
    page.select_option("#id_year", label="2022/23")
    page.check("#id_status_0")
    page.fill("#id_amount", "twelve pounds")
    page.fill("#id_recorded_on-day", "31")
    page.fill("#id_recorded_on-month", "3")
    page.fill("#id_recorded_on-year", "2023")
    page.click("main button[type=submit]")
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    check_accessibility(page, "journey-saving-error")
    summary.locator("a", has_text="Enter an amount in pounds").click()
    assert page.evaluate("document.activeElement.id") == "id_amount"
    page.fill("#id_amount", "2,500.25")
    page.click("main button[type=submit]")
    page.locator(".govuk-notification-banner--success").wait_for()
    assert page.locator(".govuk-notification-banner--success").is_visible()
    assert achieved_total(page) - before == Decimal("2500.25")


def test_record_a_pressure_with_its_reason_and_see_it_in_table_3(page):
    """ADR 0029: a pressure is refused without its reason, then shown negative in Table 3 before
    Under-achieved, which grows by it, with the reason among the reasons for under-delivery."""
    sign_in(page, "finance@dorset.example")
    page.goto("/o/dorset/savings/?year=2022")
    table = page.locator("table", has_text="Under-achieved").first
    before = table.locator("tr", has_text="Adults and Housing").inner_text()
    assert "mitigations" not in table.inner_text()  # Dorset records none: its Table 3 as ever
    page.click("text=Record a saving")
    page.select_option("#id_project", label="AH-01 Right sizing with health partners")
    page.select_option("#id_year", label="2022/23")
    page.check("input[name=status][value=pressure]")
    page.fill("#id_amount", "20,000")
    page.fill("#id_recorded_on-day", "31")
    page.fill("#id_recorded_on-month", "1")
    page.fill("#id_recorded_on-year", "2023")
    page.click("main button[type=submit]")
    summary = page.locator(".govuk-error-summary")
    assert "a pressure or a mitigation needs its reason" in summary.inner_text()
    check_accessibility(page, "journey-pressure-error")
    summary.locator("a", has_text="needs its reason").click()
    assert page.evaluate("document.activeElement.id") == "id_note"
    page.fill("#id_note", "More people needed care at home over the winter")
    page.click("main button[type=submit]")
    assert "Pressure recorded" in page.locator(".govuk-notification-banner--success").inner_text()
    page.goto("/o/dorset/savings/?year=2022")
    table = page.locator("table", has_text="Under-achieved").first
    assert "Pressures (\u2212) and mitigations" in table.locator("thead").inner_text()
    after = table.locator("tr", has_text="Adults and Housing").inner_text()
    # Directorate, projected, carried in, achieved, (pressures and mitigations,) under-achieved.
    under_before, (pressures, under_after) = before.split("\t")[4], after.split("\t")[4:6]
    assert pressures == "\u2212£20,000"
    assert pounds(under_after) - pounds(under_before) == 20_000  # the pressure adds to it
    assert "More people needed care at home over the winter" in after
    check_accessibility(page, "journey-pressure-table-3")
    page.set_viewport_size({"width": 390, "height": 900})
    check_accessibility(page, "journey-pressure-table-3-390")


def test_a_new_risk_is_in_the_right_heat_map_cell(page):
    sign_in(page, "tmo@dorset.example")
    page.goto("/o/dorset/risks/")
    cell = page.locator('[data-cell="1-5"] .realise-heatmap__count')
    before = int(cell.inner_text())
    page.click("text=Add a risk")
    page.fill("#id_title", "Browser-test supplier collapse")
    page.select_option("#id_programme", label="Our Future Council")
    page.select_option("#id_likelihood", value="1")
    page.select_option("#id_impact", value="5")
    page.click("main button[type=submit]")
    page.goto("/o/dorset/risks/")
    assert int(page.locator('[data-cell="1-5"] .realise-heatmap__count').inner_text()) == before + 1
    page.click('[data-cell="1-5"] a')
    page.wait_for_url("**/risks/?likelihood=1&impact=5*")
    page.wait_for_load_state("load")
    register = page.locator("table").last
    # The risk's name links to its page (its Rescore link sits beneath it, in the same cell).
    # Waits for the register (count() alone does not wait: on a busy machine it once ran before
    # the cell's page had drawn its table).
    link = register.get_by_role("link", name="Browser-test supplier collapse", exact=True)
    link.wait_for()
    assert link.count() == 1
    check_accessibility(page, "journey-risk-cell")


def tab_to(page, selector: str, limit: int = 80) -> None:
    """Press Tab until the element matching ``selector`` has focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Could not reach {selector} with the Tab key")


def test_the_saving_journey_by_keyboard_alone(page):
    sign_in(page, "finance@dorset.example")
    before = achieved_total(page)
    tab_to(page, ".govuk-service-navigation__link[href$='/savings/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/savings/")
    tab_to(page, "a[href$='/savings/record/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/savings/record/")
    tab_to(page, "#id_year")
    page.keyboard.type("2022/23")
    tab_to(page, "#id_amount")
    page.keyboard.type("-5")
    tab_to(page, "#id_recorded_on-day")
    page.keyboard.type("1")
    page.keyboard.press("Tab")
    page.keyboard.type("3")
    page.keyboard.press("Tab")
    page.keyboard.type("2023")
    tab_to(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector(".govuk-error-summary")
    tab_to(page, ".govuk-error-summary a[href='#id_amount']")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "id_amount"
    page.keyboard.press("Control+A")
    page.keyboard.type("750")
    page.keyboard.press("Enter")
    page.wait_for_selector(".govuk-notification-banner--success")
    assert achieved_total(page) - before == Decimal("750")
