"""Every page passes axe-core's WCAG 2.2 A and AA rules, in real Chromium; screenshots saved."""

from __future__ import annotations

import pytest

from tests.browser.conftest import check_accessibility, sign_in

pytestmark = pytest.mark.browser

PAGES = {
    "dashboard": "/o/dorset/",
    "projects": "/o/dorset/projects/",
    "projects-filtered": "/o/dorset/projects/?status=in_progress&sort=name&order=desc",
    "project": "/o/dorset/projects/AH-01/",
    "savings": "/o/dorset/savings/",
    "funding": "/o/dorset/funding/",
    "risks": "/o/dorset/risks/",
    "risks-cell": "/o/dorset/risks/?likelihood=3&impact=3&status=open",
    "business-case": "/o/dorset/business-case/",
    "business-cases": "/o/dorset/business-cases/",
    "business-case-store": "/o/dorset/business-cases/new/",
    "business-case-dorset": "/o/dorset/business-case/?example=dorset-our-future-council.yaml",
    "business-case-options": (
        "/o/dorset/business-case/?example=northshire-reorganisation-options.yaml"
    ),
    "settings": "/o/dorset/settings/",
    "project-new": "/o/dorset/projects/new/",
    "project-edit": "/o/dorset/projects/AH-01/edit/",
    "project-stage": "/o/dorset/projects/AH-01/stage/",
    "project-status": "/o/dorset/projects/AH-01/status/",
    "saving-record": "/o/dorset/savings/record/",
    "carry-forward": "/o/dorset/savings/carry-forward/",
    "claims-queue": "/o/dorset/savings/claims/",
    "risk-new": "/o/dorset/risks/new/",
    "bid-new": "/o/dorset/funding/bids/new/",
    "grant-new": "/o/dorset/funding/grants/new/",
    "decisions": "/o/dorset/decisions/",
    "decision-new": "/o/dorset/decisions/new/",
    "bands": "/o/dorset/settings/bands/",
    "people": "/o/dorset/settings/people/",
    "person-add": "/o/dorset/settings/people/add/",
    "reports-and-data": "/o/dorset/reports/",
    "annual-report-html": "/o/dorset/reports/annual/2022-23.html",
    "realisation-report-html": "/o/dorset/reports/realisation.html",
    "exports": "/o/dorset/export/",
    "import": "/o/dorset/import/",
    "change-log": "/o/dorset/changes/",
    "api-tokens": "/tokens/",
    "sign-out": "/sign-out/",
    "not-found": "/o/dorset/projects/NO-SUCH/",
}


def test_sign_in_page_is_accessible_with_and_without_errors(page):
    page.goto("/sign-in/")
    check_accessibility(page, "sign-in")
    page.click("button:has-text('Sign in')")
    page.locator(".govuk-error-summary").wait_for()  # the page with the errors has loaded
    assert page.locator(".govuk-error-summary").is_visible()
    check_accessibility(page, "sign-in-errors")


def test_every_page_is_accessible(page):
    sign_in(page, "tmo@dorset.example")
    failures = []
    for name, url in PAGES.items():
        page.goto(url)
        try:
            check_accessibility(page, name)
        except AssertionError as error:
            failures.append(str(error))
    assert failures == []


def test_forms_with_errors_are_accessible(page):
    sign_in(page, "tmo@dorset.example")
    failures = []
    for name in (
        "saving-record",
        "carry-forward",
        "risk-new",
        "project-new",
        "project-status",
        "bid-new",
        "person-add",
        "business-case-store",
    ):
        page.goto(PAGES[name])
        page.click("main button[type=submit]")
        assert page.locator(".govuk-error-summary").is_visible(), name
        try:
            check_accessibility(page, f"{name}-errors")
        except AssertionError as error:
            failures.append(str(error))
    assert failures == []


def test_a_viewer_sees_the_pages_without_forms(page):
    sign_in(page, "board@dorset.example")
    page.goto("/o/dorset/savings/")
    assert page.locator("text=Record a saving").count() == 0
    response = page.goto("/o/dorset/savings/record/")
    assert response.status == 403
    check_accessibility(page, "forbidden")


def test_the_api_docs_work_under_the_content_security_policy(page):
    """Swagger UI is served from Realise's own static files; the site's policy (no inline script,
    nothing from elsewhere) must not stop it listing the API's operations."""
    sign_in(page, "tmo@dorset.example")
    page.goto("/api/docs")
    page.locator(".opblock").first.wait_for()
    assert page.locator(".opblock").count() > 20
    assert page.context.blocked == []


def test_the_import_pages_with_problems_are_accessible_and_reflow(page, tmp_path):
    """The upload form's error, and a preview listing problems, pass axe and fit 320 pixels."""
    sign_in(page, "tmo@dorset.example")
    page.goto(PAGES["import"])
    page.click("main button[type=submit]")
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    assert summary.locator('a[href="#file"]').inner_text() == "Select a spreadsheet to import"
    check_accessibility(page, "import-errors")
    bad = tmp_path / "savings.csv"
    bad.write_text(
        "Ref,FY,Amount £,Service area,As at\nS-1,2025,£1,2O0,Plaice,31/13/2026\n", encoding="utf-8"
    )
    page.set_input_files("#file", str(bad))
    page.click("main button[type=submit]")
    assert "problem" in page.locator(".govuk-error-summary__title").inner_text()
    check_accessibility(page, "import-preview-problems")
    page.set_viewport_size({"width": 320, "height": 800})
    scroll, width = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert scroll <= width


@pytest.mark.parametrize("name", ["dashboard", "savings"])
def test_savings_by_delivery_confidence_shows_and_passes_axe_at_390_pixels(page, name):
    """The dashboard and the Savings page total the year's savings by the projects' delivery
    confidence (issue 16): both tables shown, axe-clean at desktop width and at 390 pixels,
    where the page does not scroll sideways (a wide table scrolls in its own region)."""
    sign_in(page, "tmo@dorset.example")
    page.goto(PAGES[name])
    for caption in ("Savings by delivery confidence", "by directorate and delivery confidence"):
        assert page.locator("main caption", has_text=caption).is_visible(), caption
    assert page.locator('[data-figure="confidence-budgeted-total"]').inner_text().startswith("£")
    check_accessibility(page, f"{name}-confidence")
    page.set_viewport_size({"width": 390, "height": 844})
    check_accessibility(page, f"{name}-confidence-390")
    sideways = page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )
    assert not sideways, f"{name} scrolls sideways at 390 pixels"
