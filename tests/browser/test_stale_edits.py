"""Two people at once, in real Chromium: one opens a form, the other saves a change to the same
record, and the first one's save is refused with what changed, their input kept; saving again
then works. The refusal page passes axe-core's WCAG 2.2 A and AA rules."""

from __future__ import annotations

import pytest

from tests.browser.conftest import check_accessibility, new_tab, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def other(browser, live_app):
    """A second person, in a browser context of their own."""
    with new_tab(browser, live_app) as tab:
        yield tab


def _changes(page) -> list[list[str]]:
    rows = page.locator("[data-stale-changes] tbody tr")
    return [
        [cell.strip() for cell in rows.nth(i).locator("th, td").all_inner_texts()]
        for i in range(rows.count())
    ]


def test_a_status_change_over_someone_elses_edit_is_refused_then_saved(page, other):
    sign_in(page, "tmo@dorset.example")
    sign_in(other, "tmo@dorset.example")
    page.goto("/o/dorset/projects/AH-02/status/")
    page.check("#id_status_3")  # ended without full delivery
    page.fill("#id_on-day", "13")
    page.fill("#id_on-month", "10")
    page.fill("#id_on-year", "2022")
    page.fill("#id_note", "Stopped by the board")

    other.goto("/o/dorset/projects/AH-02/edit/")
    other.fill("#id_lead_officer", "Sam Patel")
    other.click("main button[type=submit]")
    other.locator(".govuk-notification-banner--success").wait_for()
    assert other.locator(".govuk-notification-banner--success").is_visible()

    page.click("main button[type=submit]")
    summary = page.locator(".govuk-error-summary")
    assert "changed by someone else after you opened it" in summary.inner_text()
    [change] = _changes(page)
    assert change[:4] == ["Lead officer", "(empty)", "Sam Patel", "tmo@dorset.example"]
    assert page.is_checked("#id_status_3")
    assert page.input_value("#id_note") == "Stopped by the board"
    check_accessibility(page, "stale-status-change")

    page.click("main button[type=submit]")  # having seen theirs, save again
    page.locator(".govuk-notification-banner--success").wait_for()
    assert page.locator(".govuk-notification-banner--success").is_visible()
    assert "Ended without full delivery" in page.locator("main").inner_text()


def test_a_rescore_over_someone_elses_rescore_is_refused_with_the_new_score(page, other):
    sign_in(page, "tmo@dorset.example")
    sign_in(other, "tmo@dorset.example")
    page.goto("/o/dorset/risks/")
    rescore = page.locator("a:has-text('Rescore')").first
    url = rescore.get_attribute("href")
    page.goto(url)
    before = page.input_value("#id_likelihood")
    mine = "1" if before != "1" else "2"
    page.select_option("#id_likelihood", mine)

    other.goto(url)
    theirs = "5" if before != "5" else "4"
    other.select_option("#id_likelihood", theirs)
    other.click("main button[type=submit]")
    other.locator(".govuk-notification-banner--success").wait_for()
    assert other.locator(".govuk-notification-banner--success").is_visible()

    page.click("main button[type=submit]")
    assert [c[:3] for c in _changes(page)] == [["Likelihood", before, theirs]]
    assert page.input_value("#id_likelihood") == mine
    check_accessibility(page, "stale-rescore")
