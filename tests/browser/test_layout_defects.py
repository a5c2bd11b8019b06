"""Layout and wording defects people reported (issue 15), each measured in real Chromium: a new
API token fits its box, the business-case chart keeps its "Payback" label, chart text stays
readable at 390 pixels, the main menu sits on one row at 1280 pixels, every council page keeps
the council's menu, and the change log speaks in labels and names, with GOV.UK filters and
paging."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import check_accessibility, sign_in

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
CASE = "/o/dorset/business-case/?example=dorset-our-future-council.yaml"
# Words of Python, not of people: an empty value, a flag, a field's own name.
RAW = re.compile(r"\b(None|True|False|[a-z]+_[a-z_]+)\b")


def menu(page) -> list[str]:
    return page.locator("header .govuk-service-navigation__link").all_inner_texts()


CURRENT = 'header .govuk-service-navigation__link[aria-current="true"]'


def current_item(page) -> list[str]:
    return page.locator(CURRENT).all_inner_texts()


def raw_words(page) -> list[str]:
    return sorted({m.group(0) for m in RAW.finditer(page.locator("main").inner_text())})


# 1. A new API token fits inside its box ------------------------------------------------------

TOKEN_FITS = """e => {
  const box = e.parentElement.getBoundingClientRect(), own = e.getBoundingClientRect();
  return {
    inside: own.left >= box.left - 0.5 && own.right <= box.right + 0.5,
    unclipped: e.scrollWidth <= e.clientWidth + 1,
    boxUnclipped: e.parentElement.scrollWidth <= e.parentElement.clientWidth + 1,
    page: document.documentElement.scrollWidth <= document.documentElement.clientWidth,
  };
}"""


def test_a_new_api_token_fits_its_box_at_1280_and_390_pixels(page):
    sign_in(page, "tmo@dorset.example")
    page.goto("/o/dorset/reports/")
    page.click("main a:has-text('Your API tokens')")
    page.fill("#id_name", "Power BI")
    page.click("main button:has-text('Create token')")
    token = page.locator("#new-token")
    secret = token.inner_text()
    assert secret.startswith("rls_")
    # The secret is random; about half have no hyphen, so no place a line may break. Show the
    # longest unbroken secret, whatever this one happens to be.
    token.evaluate("e => { e.textContent = e.textContent.replace(/-/g, 'A') }")
    assert token.evaluate(TOKEN_FITS) == dict.fromkeys(
        ("inside", "unclipped", "boxUnclipped", "page"), True
    )
    page.set_viewport_size(PHONE)
    assert token.evaluate(TOKEN_FITS) == dict.fromkeys(
        ("inside", "unclipped", "boxUnclipped", "page"), True
    )
    check_accessibility(page, "token-created-390")
    page.set_viewport_size(DESKTOP)
    check_accessibility(page, "token-created")


# 2. The business-case chart keeps its "Payback" label inside the picture --------------------

TEXT_OUTSIDE = """svg => {
  const view = svg.viewBox.baseVal;
  return [...svg.querySelectorAll('text')].filter(t => {
    const b = t.getBBox();
    return b.x < view.x - 0.5 || b.y < view.y - 0.5 || b.x + b.width > view.x + view.width + 0.5
      || b.y + b.height > view.y + view.height + 0.5;
  }).map(t => t.textContent);
}"""


def test_the_payback_label_sits_inside_every_business_case_chart(page):
    sign_in(page, "tmo@dorset.example")
    page.goto(CASE)
    tabs = page.locator(".govuk-tabs__tab")
    checked, outside = 0, {}
    for index in range(tabs.count()):
        tabs.nth(index).click()
        panel = page.locator(".govuk-tabs__panel:not(.govuk-tabs__panel--hidden)")
        chart = panel.locator("svg.realise-chart")
        labels = chart.locator("text", has_text="Payback")
        if labels.count():
            checked += 1
        cut = chart.evaluate(TEXT_OUTSIDE)
        if cut:
            outside[tabs.nth(index).inner_text()] = cut
    assert checked >= 1, "no scenario's chart marks its payback year"
    assert outside == {}


# 5. Chart text is at least 12 CSS pixels on a 390-pixel screen ------------------------------

SMALLEST_TEXT = """() => Math.min(...[...document.querySelectorAll('main svg.realise-chart')]
  .filter(svg => svg.getBoundingClientRect().width > 0)
  .flatMap(svg => {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return [...svg.querySelectorAll('text')]
      .map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
  }))"""

UNLABELLED_SCROLLING = """() => [...document.querySelectorAll('main svg.realise-chart')]
  .filter(svg => svg.getBoundingClientRect().width > 0)
  .filter(svg => {
    const region = svg.closest('[role="region"][tabindex="0"][aria-label]');
    const box = svg.getBoundingClientRect();
    const edge = region ? region.getBoundingClientRect() : document.documentElement;
    const right = region ? edge.right : document.documentElement.clientWidth;
    return box.right > right + 0.5 && !region;
  }).length"""


@pytest.mark.parametrize(("name", "url"), [("dashboard", "/o/dorset/"), ("business-case", CASE)])
def test_chart_text_is_at_least_12_pixels_on_a_390_pixel_screen(page, name, url):
    sign_in(page, "tmo@dorset.example")
    page.set_viewport_size(PHONE)
    page.goto(url)
    assert page.evaluate(SMALLEST_TEXT) >= 12
    assert page.evaluate(UNLABELLED_SCROLLING) == 0
    width = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert width[0] <= width[1], "the page scrolls sideways"
    check_accessibility(page, f"chart-390-{name}")


# 6. The main menu sits on one row at 1280 pixels --------------------------------------------


def test_the_main_menu_sits_on_one_row_at_1280_pixels(page):
    sign_in(page, "tmo@dorset.example")  # a TMO admin has the most items: Settings too
    tops = page.evaluate(
        "[...document.querySelectorAll('header .govuk-service-navigation__item')]"
        ".map(e => Math.round(e.getBoundingClientRect().top))"
    )
    assert len(tops) >= 8
    assert len(set(tops)) == 1, tops
    sign_out = page.locator("header").get_by_role("link", name="Sign out")
    assert sign_out.is_visible()
    council = page.locator("header a", has_text="Dorset Council").bounding_box()
    leaving = sign_out.bounding_box()
    middle = lambda box: box["y"] + box["height"] / 2  # noqa: E731
    assert abs(middle(leaving) - middle(council)) < 16, "Sign out is on a row of its own"
    check_accessibility(page, "menu-1280")
    page.set_viewport_size(PHONE)
    assert page.locator("header").get_by_role("link", name="Sign out").is_visible()
    check_accessibility(page, "menu-390")


# 4. Council pages outside the rooms keep the council's menu ---------------------------------


def test_import_export_token_and_history_pages_keep_the_councils_menu(page):
    sign_in(page, "tmo@dorset.example")
    expected = menu(page)
    assert "Dashboard" in expected
    entries = page.request.get("/api/orgs/dorset/savings/entries?limit=1").json()
    entry = entries["items"][0]["id"] if isinstance(entries, dict) else entries[0]["id"]
    page.goto("/o/dorset/projects/AH-01/")
    page.click("text=Every change to this project")
    history = page.url
    page.goto("/o/dorset/reports/")
    page.click("main a:has-text('Your API tokens')")
    tokens = page.url
    pages = {
        "exports": ("/o/dorset/export/", "Reports and data"),
        "import": ("/o/dorset/import/", "Reports and data"),
        "tokens": (tokens, "Reports and data"),
        "change-log": ("/o/dorset/changes/", "Reports and data"),
        "project-history": (history, "Projects"),
        "saving-history": (f"/o/dorset/savings/{entry}/history/", "Savings"),
    }
    lost, raw = {}, {}
    for name, (url, section) in pages.items():
        page.goto(url)
        if menu(page) != expected or current_item(page) != [section]:
            lost[name] = (menu(page), current_item(page))
        if raw_words(page):
            raw[name] = raw_words(page)
        check_accessibility(page, f"menu-kept-{name}")
    assert lost == {}
    assert raw == {}
    page.set_viewport_size(PHONE)
    for name in ("change-log", "saving-history", "project-history"):
        page.goto(pages[name][0])
        check_accessibility(page, f"menu-kept-{name}-390")


# 3. The change log: labels and names, GOV.UK filters, real paging ---------------------------


def test_the_change_log_reads_in_words_filters_and_pages(page):
    sign_in(page, "tmo@dorset.example")
    page.goto("/o/dorset/changes/")
    text = page.locator("main table").inner_text()
    assert "lead_user" not in text
    # The field's label, and the person by name, not by number.
    assert re.search(r"(Lead user|Project lead): \(empty\) → [^\d\s]\S*", text), text[:500]
    assert raw_words(page) == []
    form = page.locator("main form.realise-filters")
    assert form.get_attribute("aria-label")
    assert form.locator("select.govuk-select").count() == 1
    assert form.locator("input.govuk-input").count() >= 2
    assert form.locator("option").first.inner_text() == "Anyone"
    pagination = page.locator("nav.govuk-pagination")
    assert pagination.get_attribute("aria-label")
    check_accessibility(page, "change-log-paged")
    first_page = page.locator("main tbody tr").all_inner_texts()
    page.fill("#id_since", "1/4/2021")
    form.locator("button[type=submit]").click()
    assert "since=1%2F4%2F2021" in page.url or "since=1/4/2021" in page.url
    page.locator("nav.govuk-pagination").get_by_role("link", name=re.compile("Next")).click()
    assert "page=2" in page.url
    assert "since=" in page.url, "the next page lost the filter"
    assert page.locator("#id_since").input_value() == "1/4/2021"
    assert page.locator("main tbody tr").all_inner_texts() != first_page
    assert page.locator(".govuk-pagination__item--current").inner_text().strip() == "2"
    check_accessibility(page, "change-log-page-2")
    page.set_viewport_size(PHONE)
    check_accessibility(page, "change-log-page-2-390")
