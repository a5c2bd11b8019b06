"""A stored business case taken to a decision in real Chromium, as a TMO admin does it: the
Dorset demo's case (submitted, version 1) gets a revised file as version 2 (after being told a
file is needed), which is submitted and approved by Cabinet with Scenario 4; the two versions are
then compared side by side. Once approved, the case page tracks the plan against the forecast
and the savings finance has validated, and a benefit line is re-forecast. Every new page passes
axe-core's WCAG 2.2 A and AA rules, the comparison and the tracked case also at 390 pixels wide,
where the page itself never scrolls sideways."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import check_accessibility, sign_in

pytestmark = pytest.mark.browser

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "dorset-our-future-council.yaml"
REVISED = EXAMPLE.read_text(encoding="utf-8").replace(
    "Redundancy: {2025/26: 6.15m, 2026/27: 3.30m}", "Redundancy: {2025/26: 6.15m, 2026/27: 3.40m}"
)
SIDEWAYS = "() => document.documentElement.scrollWidth > document.documentElement.clientWidth"


def _submit(page) -> None:
    page.click("main button[type=submit]")


def _saved(page, message: str) -> None:
    assert message in page.locator(".govuk-notification-banner--success").inner_text()


def _action(page, name: str) -> None:
    page.locator("main").get_by_role("button", name=name).click()


def _realisation(page) -> None:
    """The approved plan by year beside the forecast and the actuals, then a re-forecast."""
    tracked = page.locator("[data-realisation]")
    by_year = tracked.locator("[data-realisation-by-year]").inner_text()
    assert "£5,806,194.63" in by_year  # Scenario 4's benefits in 2025/26
    assert "cannot be told apart" in tracked.locator("[data-realisation-by-line]").inner_text()
    assert "12 August 2025" in tracked.locator("[data-realisation-accuracy]").inner_text()
    check_accessibility(page, "business-case-tracked")
    page.set_viewport_size({"width": 390, "height": 800})
    check_accessibility(page, "business-case-tracked-390")
    assert page.evaluate(SIDEWAYS) is False
    page.set_viewport_size({"width": 1280, "height": 900})

    case_url = page.url
    page.click("[data-realisation-downloads] a:has-text('web page')")
    assert "Our Future Council business case: by benefit line and year" in page.content()
    check_accessibility(page, "business-case-realisation-report")
    page.goto(case_url)

    _action(page, "Re-forecast a benefit")
    check_accessibility(page, "business-case-reforecast")
    page.set_viewport_size({"width": 390, "height": 800})
    check_accessibility(page, "business-case-reforecast-390")
    assert page.evaluate(SIDEWAYS) is False
    page.set_viewport_size({"width": 1280, "height": 900})
    _submit(page)
    assert "Choose the benefit line" in page.locator(".govuk-error-summary").inner_text()
    check_accessibility(page, "business-case-reforecast-errors")
    page.select_option("#id_line", label="Customer")
    page.select_option("#id_year", label="2025/26")
    page.fill("#id_amount", "1,500,000")
    page.fill("#id_note", "Go-live moved from September to January")
    _submit(page)
    _saved(page, "Re-forecast saved")
    forecast = page.locator("[data-realisation-by-year] [data-figure='forecast-2025']")
    assert forecast.inner_text() == "£5,229,195.25"  # £576,999.38 less than planned
    assert "Go-live moved" in page.locator("[data-reforecasts]").inner_text()


def test_the_dorset_case_gets_a_new_version_an_approval_and_a_side_by_side_comparison(
    page, tmp_path
):
    sign_in(page, "tmo@dorset.example")
    page.click("nav >> text=Business cases")
    check_accessibility(page, "business-cases")
    page.click("[data-cases] a:has-text('Our Future Council business case')")
    case_url = page.url
    assert page.locator("[data-status]").inner_text() == "Submitted"
    check_accessibility(page, "business-case-stored")

    _action(page, "Upload a new version")
    _submit(page)
    assert "Choose the business-case file" in page.locator(".govuk-error-summary").inner_text()
    check_accessibility(page, "business-case-version-new-errors")
    revised = tmp_path / "ofc-revised.yaml"
    revised.write_text(REVISED, encoding="utf-8")
    page.set_input_files("#id_file", str(revised))
    page.fill("#id_note", "Redundancy in 2026/27 revised")
    _submit(page)
    _saved(page, "Saved as version 2, a draft")
    versions = page.locator("[data-versions]").inner_text()
    assert "Redundancy in 2026/27 revised" in versions
    assert "Replaced by version 2" in versions

    _action(page, "Submit version 2 for a decision")
    check_accessibility(page, "business-case-submit")
    _submit(page)
    _saved(page, "Version 2 submitted for a decision")

    _action(page, "Record an approval")
    page.check("text=Scenario 4: Medium in-year benefits (high benefit target)")
    page.select_option("#id_board", label="Cabinet")
    for part, value in (("day", "12"), ("month", "2"), ("year", "2025")):
        page.fill(f"#id_decided_on-{part}", value)
    check_accessibility(page, "business-case-approve")
    _submit(page)
    _saved(page, "Version 2 recorded as approved")
    summary = page.locator("[data-case-summary]").inner_text()
    assert "Version 2: Scenario 4, approved by Cabinet on 12 February 2025" in summary
    assert (
        "Recorded the approval of version 2: Scenario 4"
        in page.locator("[data-history]").inner_text()
    )
    _realisation(page)

    page.click("[data-versions] a:has-text('Changes')")
    assert "1 change from version 1" in page.locator("[data-change-count]").inner_text()
    row = page.locator("[data-diff] tbody tr").first.inner_text()
    assert "cost line ‘Redundancy’: cost in 2026/27" in row
    assert "£3,300,000" in row
    assert "£3,400,000" in row
    check_accessibility(page, "business-case-compare")
    page.set_viewport_size({"width": 390, "height": 800})
    check_accessibility(page, "business-case-compare-390")
    assert page.evaluate(SIDEWAYS) is False
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto(case_url)
    page.click("[data-versions] a:has-text('Figures')")
    assert "The scenarios side by side" in page.locator("main").inner_text()
    check_accessibility(page, "business-case-version")
    for form in ("reject", "supersede"):
        page.goto(f"{case_url}{form}/")
        check_accessibility(page, f"business-case-{form}")
    page.goto("/o/dorset/business-cases/new/")
    check_accessibility(page, "business-case-new")
