"""At 320 CSS pixels wide (WCAG 2.2 reflow, 1.4.10) no page scrolls sideways: a table wider than
the screen scrolls inside its own labelled region, which the keyboard can reach and shows focus."""

from __future__ import annotations

import pytest

from tests.browser.conftest import SHOTS, sign_in

pytestmark = pytest.mark.browser

PAGES = {
    "dashboard": "/o/dorset/",
    "projects": "/o/dorset/projects/",
    "project": "/o/dorset/projects/AH-01/",
    "savings": "/o/dorset/savings/",
    "claims-queue": "/o/dorset/savings/claims/",
    "funding": "/o/dorset/funding/",
    "risks": "/o/dorset/risks/",
    "business-case-dorset": "/o/dorset/business-case/?example=dorset-our-future-council.yaml",
    "business-case-options": (
        "/o/dorset/business-case/?example=northshire-reorganisation-options.yaml"
    ),
    "business-cases": "/o/dorset/business-cases/",
    "people": "/o/dorset/settings/people/",
    "change-log": "/o/dorset/changes/",
    "api-tokens": "/tokens/",
    "exports": "/o/dorset/export/",
}

WIDE_TABLES = """() => [...document.querySelectorAll('main table')]
  .filter(t => t.getBoundingClientRect().width > document.documentElement.clientWidth)
  .filter(t => !t.closest('.realise-scroll[tabindex="0"][role="region"][aria-label]'))
  .map(t => (t.caption ? t.caption.textContent : 'table without caption').trim())"""


def test_no_page_scrolls_sideways_at_320_pixels(page):
    sign_in(page, "tmo@dorset.example")
    page.set_viewport_size({"width": 320, "height": 800})
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems = {}
    for name, url in PAGES.items():
        page.goto(url)
        page.screenshot(path=str(SHOTS / f"reflow-320-{name}.png"), full_page=True)
        scroll, width = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        unwrapped = page.evaluate(WIDE_TABLES)
        if scroll > width or unwrapped:
            problems[name] = {"page width": scroll, "tables not in a region": unwrapped}
    assert problems == {}


def test_a_table_region_takes_keyboard_focus_and_shows_it(page):
    sign_in(page, "tmo@dorset.example")
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto("/o/dorset/projects/")
    region = page.locator("main .realise-scroll").first
    assert (
        region.get_attribute("aria-label") == page.locator("main table caption").first.inner_text()
    )
    region.focus()
    outline = region.evaluate(
        "e => getComputedStyle(e).outlineStyle + ' ' + getComputedStyle(e).outlineWidth"
    )
    assert outline.startswith("solid"), outline
    assert not outline.endswith(" 0px"), outline
    before = region.evaluate("e => e.scrollLeft")
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(300)
    assert region.evaluate("e => e.scrollLeft") > before
