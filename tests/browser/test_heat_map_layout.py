"""The heat map's layout in real Chromium: a TMO admin chooses likelihood down the side in
Settings; the risk register's heat map follows, its top row likelihood 5, and a cell still leads
to the risks it counts. The form and the register pass axe-core's WCAG 2.2 A and AA rules at
full width and at 390 pixels. The layout is put back to impact rows, so the other browser tests
see the demo as it was."""

from __future__ import annotations

import pytest

from tests.browser.conftest import check_accessibility, sign_in

pytestmark = pytest.mark.browser

HEAT_MAP = "/o/dorset/settings/heat-map/"
NARROW = {"width": 390, "height": 844}


def _both_widths(page, name: str) -> None:
    check_accessibility(page, name)
    wide = page.viewport_size
    page.set_viewport_size(NARROW)
    try:
        check_accessibility(page, f"{name}-390")
    finally:
        page.set_viewport_size(wide)


def _choose(page, rows: str) -> None:
    page.goto(HEAT_MAP)
    page.check(f"input[name=heat_map_rows][value={rows}]")
    page.click("main button[type=submit]")
    page.wait_for_url("**/o/dorset/settings/")


def test_an_admin_lays_the_heat_map_out_with_likelihood_down_the_side(page):
    sign_in(page, "tmo@dorset.example")
    page.goto("/o/dorset/settings/")
    page.click("text=Change the heat map's layout")
    page.wait_for_url(f"**{HEAT_MAP}")
    assert page.is_checked("input[name=heat_map_rows][value=impact]")
    _both_widths(page, "heat-map-layout")
    try:
        _choose(page, "likelihood")
        assert page.locator(".govuk-notification-banner--success").is_visible()
        assert "Likelihood down the side" in page.locator("[data-heat-map-rows]").inner_text()

        page.goto("/o/dorset/risks/")
        heat = page.locator("table.realise-heatmap")
        assert heat.get_attribute("data-rows") == "likelihood"
        assert heat.locator("thead .realise-heatmap__axis").inner_text() == "Impact"
        first = heat.locator("tbody tr").first
        assert first.locator("th[scope=row]").inner_text().split()[-1] == "5"
        # Dorset's likelihood-5, impact-3 cell: six moderate risks that are certain
        cell = first.locator("td").nth(2)
        assert cell.get_attribute("data-cell") == "5-3"
        assert cell.locator(".realise-heatmap__count").inner_text() == "6"
        _both_widths(page, "heat-map-by-likelihood")
        cell.locator("a").click()
        page.wait_for_url("**likelihood=5&impact=3**")
    finally:
        _choose(page, "impact")
