"""A stored business case taken to a decision in real Chromium, as a TMO admin does it: the
Dorset demo's case (submitted, version 1) gets a revised file as version 2 (after being told a
file is needed), which is submitted and approved by Cabinet with Scenario 4. The approval asks
where each layer's savings go (one is left out and named, and the case's years past the plan
years are refused until the admin extends them in Settings), shows the savings targets it will
set by year and directorate to the penny, and records them; the case's page then lists them and
tracks the plan against the forecast and the savings finance has validated, and a benefit line
is re-forecast. The two versions are compared side by side. Every new page passes axe-core's
WCAG 2.2 A and AA rules, the approval's check page, the case's page, the tracked case and the
comparison also at 390 pixels wide, where the page itself never scrolls sideways. The journey
runs on its own copy of the demo, so the other browser tests see the demo's plan years and
savings as loaded."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.browser.conftest import check_accessibility, new_tab, serving, sign_in

pytestmark = pytest.mark.browser

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "dorset-our-future-council.yaml"
REVISED = EXAMPLE.read_text(encoding="utf-8").replace(
    "Redundancy: {2025/26: 6.15m, 2026/27: 3.30m}", "Redundancy: {2025/26: 6.15m, 2026/27: 3.40m}"
)
SIDEWAYS = "() => document.documentElement.scrollWidth > document.documentElement.clientWidth"
LAYERS = ("Customer", "Commissioning and Procurement", "Business Support", "Strategic and Enabling")


@pytest.fixture(scope="module")
def own_demo(demo_data, tmp_path_factory):
    """The demo served from a copy of its data folder, for this module alone."""
    copy = tmp_path_factory.mktemp("business-cases") / "data"
    shutil.copytree(demo_data, copy)
    with serving(copy) as base:
        yield base


@pytest.fixture
def page(browser, own_demo):
    with new_tab(browser, own_demo) as tab:
        yield tab


def _narrow_too(page, name: str) -> None:
    check_accessibility(page, name)
    page.set_viewport_size({"width": 390, "height": 800})
    check_accessibility(page, f"{name}-390")
    assert page.evaluate(SIDEWAYS) is False
    page.set_viewport_size({"width": 1280, "height": 900})


def _fill_approval(page, layers) -> None:
    page.check("text=Scenario 4: Medium in-year benefits (high benefit target)")
    for n, _ in enumerate(layers):
        page.select_option(f"#id_place_{n}", label="Corporate Services")
    page.select_option("#id_board", label="Cabinet")
    for part, value in (("day", "12"), ("month", "2"), ("year", "2025")):
        page.fill(f"#id_decided_on-{part}", value)


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
    labels = page.locator("main label").all_inner_texts()
    for layer in LAYERS:
        assert f"Directorate for the layer ‘{layer}’" in labels
    _fill_approval(page, LAYERS[:3])  # the last layer left without a directorate
    check_accessibility(page, "business-case-approve")
    _submit(page)
    errors = page.locator(".govuk-error-summary").inner_text()
    assert "the layer ‘Strategic and Enabling’ sets: the case names none" in errors
    assert "outside Dorset Council's plan years (2021/22 to 2025/26)" in errors
    check_accessibility(page, "business-case-approve-errors")
    approve_url = page.url

    page.goto("/o/dorset/settings/plan-years/")  # the case saves money to 2029/30
    page.fill("#id_first_year", "2021/22")
    page.fill("#id_last_year", "2029/30")
    _submit(page)
    page.goto(approve_url)
    _fill_approval(page, LAYERS)
    _submit(page)
    assert page.locator("h1").inner_text() == "Check the approval of version 2"
    targets = page.locator("[data-planned-targets]").inner_text()
    assert "2025/26\tCorporate Services\tCashable saving\t£5,806,194.63\tNew target" in targets
    assert "£18,802,449.00" in targets  # 2027/28 on: every layer's full-year effect
    assert "Customer" in page.locator("[data-planned-lines]").inner_text()
    assert "249.2" in page.locator("[data-planned-budgets]").inner_text()
    assert "Non-cashable benefits make no savings target" in page.locator("main").inner_text()
    _narrow_too(page, "business-case-approve-check")
    page.locator("main").get_by_role("button", name="Record the approval").click()
    _saved(page, "Version 2 recorded as approved")
    summary = page.locator("[data-case-summary]").inner_text()
    assert "Version 2: Scenario 4, approved by Cabinet on 12 February 2025" in summary
    assert (
        "Recorded the approval of version 2: Scenario 4"
        in page.locator("[data-history]").inner_text()
    )
    listed = page.locator("[data-case-targets]").inner_text()
    assert "£2,076,999.38" in listed  # the Customer layer's part of 2025/26's target
    _narrow_too(page, "business-case-stored-targets")
    page.locator("[data-case-targets] a", has_text="2025/26").first.click()
    assert "year=2025" in page.url
    page.goto(case_url)
    _realisation(page)

    page.goto(case_url)
    page.click("[data-versions] a:has-text('Changes')")
    assert "1 change from version 1" in page.locator("[data-change-count]").inner_text()
    row = page.locator("[data-diff] tbody tr").first.inner_text()
    assert "cost line ‘Redundancy’: cost in 2026/27" in row
    assert "£3,300,000" in row
    assert "£3,400,000" in row
    _narrow_too(page, "business-case-compare")

    page.goto(case_url)
    page.click("[data-versions] a:has-text('Figures')")
    assert "The scenarios side by side" in page.locator("main").inner_text()
    check_accessibility(page, "business-case-version")
    for form in ("reject", "supersede"):
        page.goto(f"{case_url}{form}/")
        check_accessibility(page, f"business-case-{form}")
    page.goto("/o/dorset/business-cases/new/")
    check_accessibility(page, "business-case-new")
