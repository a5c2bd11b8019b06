"""Plan years in real Chromium: a TMO admin corrects a mistyped plan year in Settings and sets the
plan years; a project lead, whose form was opened before the admin took a year out of the plan
again, is refused that year next to the Financial year field. Each page, with its errors, passes
axe-core's WCAG 2.2 A and AA rules at full width and at 390 pixels. The demo's plan years are
2021/22 to 2025/26 before and after, so the other browser tests see the same demo."""

from __future__ import annotations

import pytest

from tests.browser.conftest import check_accessibility, new_tab, sign_in

pytestmark = pytest.mark.browser

PLAN_YEARS = "/o/dorset/settings/plan-years/"
NARROW = {"width": 390, "height": 844}


@pytest.fixture
def lead(browser, live_app):
    """The project lead, in a browser context of their own."""
    with new_tab(browser, live_app) as tab:
        yield tab


def _set_plan_years(admin, first: str, last: str) -> None:
    admin.goto(PLAN_YEARS)
    admin.fill("#id_first_year", first)
    admin.fill("#id_last_year", last)
    admin.click("main button[type=submit]")


def _both_widths(page, name: str) -> None:
    check_accessibility(page, name)
    wide = page.viewport_size
    page.set_viewport_size(NARROW)
    try:
        check_accessibility(page, f"{name}-390")
    finally:
        page.set_viewport_size(wide)


def test_an_admin_sets_the_plan_years_and_a_lead_is_refused_a_year_outside_them(page, lead):
    admin = page
    sign_in(admin, "tmo@dorset.example")
    admin.goto("/o/dorset/settings/")
    assert (
        "2021/22 to 2025/26 (5 financial years)" in admin.locator("[data-plan-years]").inner_text()
    )
    admin.click("text=Change the plan years")
    admin.wait_for_url(f"**{PLAN_YEARS}")
    assert admin.input_value("#id_first_year") == "2021/22"
    _both_widths(admin, "plan-years")

    _set_plan_years(admin, "2021/22", "2027/26")  # a typo: the years reversed
    summary = admin.locator(".govuk-error-summary")
    assert summary.is_visible()
    error = admin.locator("#id_last_year-error")
    assert '"2027/26" is not a financial year' in error.inner_text()
    _both_widths(admin, "plan-years-error")
    summary.locator("a").first.click()
    assert admin.evaluate("document.activeElement.id") == "id_last_year"

    _set_plan_years(admin, "2022/23", "2027/28")  # 2021/22 holds Dorset's year-1 savings
    assert "2021/22 holds savings" in admin.locator("#id_first_year-error").inner_text()

    _set_plan_years(admin, "2021/22", "2027/28")
    assert admin.locator(".govuk-notification-banner--success").is_visible()
    assert "2021/22 to 2027/28" in admin.locator("[data-plan-years]").inner_text()

    sign_in(lead, "lead@dorset.example")
    lead.goto("/o/dorset/savings/record/")
    offered = lead.locator("#id_year option").all_inner_texts()
    assert offered[1:] == [
        "2021/22",
        "2022/23",
        "2023/24",
        "2024/25",
        "2025/26",
        "2026/27",
        "2027/28",
    ]

    # The admin takes the two years out again while the lead's form is open.
    _set_plan_years(admin, "2021/22", "2025/26")
    assert admin.locator(".govuk-notification-banner--success").is_visible()

    lead.select_option("#id_project", index=1)  # a project they lead
    lead.select_option("#id_year", label="2027/28")
    lead.check("#id_status_0")
    lead.fill("#id_amount", "1,500")
    lead.fill("#id_recorded_on-day", "31")
    lead.fill("#id_recorded_on-month", "3")
    lead.fill("#id_recorded_on-year", "2028")
    lead.click("main button[type=submit]")
    error = lead.locator("#id_year-error")
    assert (
        "Financial year 2027/28 is outside this council's plan years, 2021/22 to 2025/26"
        in error.inner_text()
    )
    assert lead.locator("#id_year").get_attribute("aria-describedby").endswith("id_year-error")
    offered = lead.locator("#id_year option").all_inner_texts()
    assert offered[-1] == "2025/26"  # the form now offers the plan years as they are
    assert lead.input_value("#id_amount") == "1,500"  # what they typed is kept
    _both_widths(lead, "saving-outside-plan-years")
    lead.locator(".govuk-error-summary a", has_text="outside this council's plan years").click()
    assert lead.evaluate("document.activeElement.id") == "id_year"
