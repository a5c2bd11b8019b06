"""A risk's whole life in real Chromium, as a TMO admin lives it: added, rescored with a residual
score, given an owner and a review date that has passed, a mitigation added and done, escalated
to a board, closed and reopened (each after being told a reason is needed), its history in
words; then the heat map toggled to residual scores. Every new page passes axe-core's WCAG 2.2 A
and AA rules, also at 390 pixels wide, where the heat map fits the screen and the register's
Rescore action is never cut off."""

from __future__ import annotations

import pytest

from tests.browser.conftest import check_accessibility, sign_in

pytestmark = pytest.mark.browser

TITLE = "Browser-test: the care provider may withdraw"


def _submit(page) -> None:
    page.click("main button[type=submit]")


def _saved(page, message: str) -> None:
    banner = page.locator(".govuk-notification-banner--success")
    assert message in banner.inner_text()


def _action(page, name: str) -> None:
    page.locator("main").get_by_role("button", name=name).click()


def _both_widths(page, name: str) -> None:
    """axe-core at desktop width, then at 390 pixels, where the page must not scroll sideways."""
    check_accessibility(page, name)
    page.set_viewport_size({"width": 390, "height": 844})
    check_accessibility(page, f"{name}-390")
    sideways = page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )
    assert not sideways, f"{name} scrolls sideways at 390 pixels"
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_risk_from_new_to_reopened_with_the_heat_map_on_residual_scores(page):
    sign_in(page, "tmo@dorset.example")
    page.goto("/o/dorset/risks/new/")
    page.fill("#id_title", TITLE)
    page.select_option("#id_programme", label="Our Future Council")
    page.select_option("#id_likelihood", value="4")
    page.select_option("#id_impact", value="4")
    page.fill("#id_owner", "Head of Commissioning")
    _submit(page)
    _saved(page, "Risk added")
    risk_url = page.url
    assert page.locator("h1").inner_text().startswith(TITLE)
    check_accessibility(page, "risk-page-new")

    _action(page, "Rescore")
    page.select_option("#id_target_likelihood", value="2")
    page.select_option("#id_target_impact", value="3")
    check_accessibility(page, "risk-rescore")
    _submit(page)
    _saved(page, "Risk rescored")
    summary = page.locator("[data-risk-summary]").inner_text()
    assert "16: likelihood 4 × impact 4, high" in summary
    assert "6: likelihood 2 × impact 3, medium" in summary

    _action(page, "Edit details")
    page.select_option("#id_owner_user", label="DARTboard Member")
    for part, value in (("day", "1"), ("month", "2"), ("year", "2023")):
        page.fill(f"#id_review_on-{part}", value)
    check_accessibility(page, "risk-edit")
    _submit(page)
    _saved(page, "Risk saved")
    assert "Review overdue: it was due on 1 February 2023." in page.locator("main").inner_text()
    assert (
        "DARTboard Member (Head of Commissioning)"
        in page.locator("[data-risk-summary]").inner_text()
    )

    page.click("text=Add a mitigation")
    page.fill("#id_action", "Line up a second provider")
    page.fill("#id_owner", "Procurement")
    for part, value in (("day", "30"), ("month", "6"), ("year", "2023")):
        page.fill(f"#id_due_on-{part}", value)
    check_accessibility(page, "risk-mitigation-add")
    _submit(page)
    _saved(page, "Mitigation added")
    page.click("[data-mitigations] a:has-text('Mark done')")
    check_accessibility(page, "risk-mitigation-done")
    _submit(page)
    _saved(page, "Mitigation marked done")

    _action(page, "Escalate to a board")
    page.select_option("#id_board", label="Performance Board")
    check_accessibility(page, "risk-escalate")
    _submit(page)
    _saved(page, "Risk escalated")

    _action(page, "Close the risk")
    _submit(page)  # no reason given
    summary = page.locator(".govuk-error-summary")
    assert "Say why the risk is being closed" in summary.inner_text()
    check_accessibility(page, "risk-close-error")
    summary.locator("a").first.click()
    assert page.evaluate("document.activeElement.id") == "id_reason"
    page.fill("#id_reason", "A second provider signed a standby contract")
    _submit(page)
    _saved(page, "Risk closed")
    assert "Closed because: A second provider signed" in page.locator("main").inner_text()

    _action(page, "Reopen the risk")
    _both_widths(page, "risk-reopen")
    _submit(page)  # no reason given
    summary = page.locator(".govuk-error-summary")
    assert "Say why the risk is being reopened" in summary.inner_text()
    _both_widths(page, "risk-reopen-error")
    summary.locator("a").first.click()
    assert page.evaluate("document.activeElement.id") == "id_reason"
    page.fill("#id_reason", "The standby provider has given notice")
    _submit(page)
    _saved(page, "Risk reopened")
    assert page.url == risk_url
    assert "Reopened because: The standby provider" in page.locator("main").inner_text()

    history = page.locator("[data-history]").inner_text()
    told = [
        "Added the risk: current score 4 × 4 = 16, residual 4 × 4 = 16",
        "Rescored the residual risk from 4 × 4 = 16 to 2 × 3 = 6",
        # One edit, one event: its sentences read owner, then review date.
        "Review date changed from none to 1 February 2023",
        "Owner changed from Head of Commissioning to DARTboard Member (Head of Commissioning)",
        "Added the mitigation “Line up a second provider”, owned by Procurement, due 30 June 2023",
        "Marked the mitigation “Line up a second provider” done on",
        "Escalated the risk to Performance Board",
        "Closed the risk: A second provider signed a standby contract",
        "Reopened the risk: The standby provider has given notice",
    ]
    positions = [history.find(sentence) for sentence in told]
    assert -1 not in positions, history
    assert positions == sorted(positions, reverse=True)  # newest event first
    check_accessibility(page, "risk-page-history")

    page.goto("/o/dorset/risks/")
    assert page.locator(".realise-heatmap").get_attribute("data-scores") == "current"
    page.click("text=Residual scores, once mitigated")
    assert "scores=residual" in page.url
    caption = page.locator(".realise-heatmap caption").inner_text()
    assert "residual likelihood and impact, once mitigated" in caption
    assert int(page.locator('[data-cell="2-3"] .realise-heatmap__count').inner_text()) >= 1
    page.click('[data-cell="2-3"] a')
    listed = page.locator(".realise-register tbody").inner_text()
    assert TITLE in listed
    check_accessibility(page, "risk-register-residual")
    page.goto("/o/dorset/risks/?review=overdue")
    assert TITLE in page.locator(".realise-register tbody").inner_text()


HEAT_FITS = """() => {
  const table = document.querySelector('.realise-heatmap');
  return table.getBoundingClientRect().right <= document.documentElement.clientWidth;
}"""

RESCORE_SHOWN = """() => [...document.querySelectorAll('.realise-register a')]
  .filter(a => a.textContent.startsWith('Rescore'))
  .slice(0, 5)
  .every(a => {
    const region = a.closest('.realise-scroll').getBoundingClientRect();
    const link = a.getBoundingClientRect();
    return link.left >= region.left && link.right <= region.right;
  })"""


@pytest.mark.parametrize("width", [390, 800, 1280])
def test_the_heat_map_fits_and_rescore_is_never_cut_off(page, width):
    sign_in(page, "tmo@dorset.example")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/o/dorset/risks/")
    scroll, client = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert scroll <= client, "the page scrolls sideways"
    assert page.evaluate(HEAT_FITS), "the heat map runs off the screen"
    assert page.evaluate(RESCORE_SHOWN), "a Rescore link is cut off"
    if width == 390:
        check_accessibility(page, "risk-register-390")
        page.click(".realise-register tbody a >> nth=0")
        check_accessibility(page, "risk-page-390")
        assert page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        )
