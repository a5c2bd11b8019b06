"""Settings' reference data in real Chromium: a TMO admin adds and renames a directorate, adds and
retires a programme, and the project form no longer offers it; the settings page, a change page
and its error state pass axe-core's WCAG 2.2 A and AA rules at 1280 and at 390 pixels wide.

The other browser tests share the demo database, so this journey changes only what it adds
itself (names made unique per run) and leaves the demo's own directorates and programmes alone."""

from __future__ import annotations

import secrets

import pytest

from tests.browser.conftest import check_accessibility, sign_in

pytestmark = pytest.mark.browser

SETTINGS = "/o/dorset/settings/"
NARROW = {"width": 390, "height": 844}
WIDE = {"width": 1280, "height": 900}


def _both_widths(page, name: str, failures: list[str]) -> None:
    for width, size in (("", WIDE), ("-390", NARROW)):
        page.set_viewport_size(size)
        try:
            check_accessibility(page, f"{name}{width}")
        except AssertionError as error:
            failures.append(str(error))
        scrolls = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
        if scrolls:
            failures.append(f"{name}{width}: the page scrolls sideways")
    page.set_viewport_size(WIDE)


def _add(page, kind: str, name: str) -> None:
    page.goto(SETTINGS)
    page.click(f"text=Add a {kind}")
    page.fill("#id_name", name)
    page.click("button:has-text('Save')")
    page.wait_for_url(f"**{SETTINGS}")
    banner = page.locator(".govuk-notification-banner__heading")
    assert banner.inner_text() == f"{kind.capitalize()} added"


def _open(page, kind: str, name: str) -> None:
    page.goto(SETTINGS)
    row = page.locator(f'[data-kind="{kind}"] [data-setting="{name}"]')
    row.get_by_role("link", name="Change").click()
    page.wait_for_selector("h1:has-text('Change')")


def test_an_admin_renames_a_directorate_and_retires_a_programme_the_form_stops_offering(page):
    run = secrets.token_hex(3)
    directorate, renamed = f"Journey directorate {run}", f"Renamed directorate {run}"
    programme = f"Journey programme {run}"
    failures: list[str] = []
    sign_in(page, "tmo@dorset.example")

    _add(page, "directorate", directorate)
    _open(page, "directorate", directorate)
    _both_widths(page, "reference-change", failures)
    page.fill("#id_name", renamed)
    page.click("button:has-text('Save')")
    page.wait_for_url(f"**{SETTINGS}")
    assert page.locator(f'[data-kind="directorate"] [data-setting="{renamed}"]').is_visible()
    assert page.locator(f'[data-setting="{directorate}"]').count() == 0

    _add(page, "programme", programme)
    page.goto("/o/dorset/projects/new/")
    offered = page.locator("#id_programme option").all_inner_texts()
    assert programme in offered
    assert renamed in page.locator("#id_directorate option").all_inner_texts()

    _open(page, "programme", programme)
    page.check("text=Retired: kept on the records that have it and in reports, not offered")
    page.click("button:has-text('Save')")
    page.wait_for_url(f"**{SETTINGS}")
    row = page.locator(f'[data-kind="programme"] [data-setting="{programme}"]')
    assert row.locator(".govuk-tag", has_text="Retired").is_visible()
    _both_widths(page, "settings-reference-data", failures)

    page.goto("/o/dorset/projects/new/")
    assert programme not in page.locator("#id_programme option").all_inner_texts()

    # A name that differs only in letter case is refused, with the error summary linked.
    page.goto(SETTINGS)
    page.click("text=Add a directorate")
    page.fill("#id_name", renamed.upper())
    page.click("button:has-text('Save')")
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    assert "differs only in letter case" in summary.inner_text()
    _both_widths(page, "reference-add-error", failures)

    page.goto("/o/dorset/changes/")
    assert page.locator("td", has_text=f"name: {directorate} → {renamed}").first.is_visible()
    assert failures == []
