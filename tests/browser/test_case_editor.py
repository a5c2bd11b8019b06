"""The business-case editor in real Chromium, as an officer with no spreadsheet uses it: the two
hand-worked cases of tests/unit/test_appraisal_engine.py are entered through the editor's forms
alone, from a blank case, and the figures page of each option shows the totals, net position,
NPV and payback worked out by hand below. A 10-year systems outline business case (capital and
revenue costs by year, running costs, an old licence released, a benefit ramping from a third to
full) is stored as a new case; a reorganisation appraisal (savings as a retained share of an
addressable spend phased 10/40/40/10, costs phased 30/50/20, two options beside doing nothing)
meets the rules' error summary on the way. Every editor page passes axe-core's WCAG 2.2 A and
AA rules, also at 390 pixels wide, where the page itself never scrolls sideways."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from tests.browser.conftest import check_accessibility, sign_in

pytestmark = pytest.mark.browser

SIDEWAYS = "() => document.documentElement.scrollWidth > document.documentElement.clientWidth"


def _npv(nets: list[int]) -> D:
    """Net present value at the Green Book's 3.5%, the first year undiscounted, to the penny."""
    return round(sum(D(net) / D("1.035") ** t for t, net in enumerate(nets)), 2)


def _pounds(amount: D | int) -> str:
    sign = "−" if amount < 0 else ""
    text = f"{abs(D(amount)):,.2f}".removesuffix(".00")
    return f"{sign}£{text}"


def _save(page) -> None:
    page.click("main button[type=submit]")


def _saved(page, message: str) -> None:
    assert message in page.locator(".govuk-notification-banner--success").inner_text()


def _choose(page, label: str) -> None:
    page.get_by_label(label, exact=True).check()


def _fill(page, values: dict[str, str]) -> None:
    for field, value in values.items():
        page.fill(f"#id_{field}", value)


def _check(page, name: str) -> None:
    """No axe violations on the page, and none at a phone's width, where the page itself does
    not scroll sideways."""
    check_accessibility(page, name)
    page.set_viewport_size({"width": 390, "height": 844})
    assert not page.evaluate(SIDEWAYS), f"{name} scrolls sideways at 390px"
    check_accessibility(page, f"{name}-390")
    page.set_viewport_size({"width": 1280, "height": 900})


def _start_blank(page, *, check: bool = False) -> None:
    page.goto("/o/dorset/business-cases/")
    page.locator("main").get_by_role("button", name="Write a business case").click()
    if check:
        _check(page, "case-editor-start")
    _choose(page, "A blank case")
    page.click("main form[data-start] button[type=submit]")
    _saved(page, "Draft started from a blank case")


def _settings(page, title: str, years: str, *, check: bool = False) -> None:
    page.click("[data-settings] a:has-text('Change')")
    if check:
        _check(page, "case-draft-settings")
    _fill(page, {"title": title, "start_year": "2026/27", "years": years})
    _choose(page, "The Green Book rate: 3.5% a year, 3% a year after 30 years")
    _save(page)
    _saved(page, "Settings saved")


def _option(
    page,
    name: str,
    kind: str,
    *,
    add: bool = False,
    bias: tuple[str, str] | None = None,
    check: bool = False,
):
    if add:
        page.locator("main").get_by_role("button", name="Add an option").click()
    else:
        page.click("[data-option-details] a:has-text('Change')")
    if check:
        _check(page, "case-draft-option-details")
    _fill(page, {"name": name})
    _choose(page, kind)
    if bias:
        _choose(page, "Its own optimism bias")
        _fill(page, {"bias_costs": bias[0], "bias_benefits": bias[1]})
    else:
        _choose(page, "The case's optimism bias")
    _save(page)
    _saved(page, "Option saved")


def _line(page, group: str, values: dict[str, str], *choices: str, saved: bool = True) -> None:
    page.locator("main").get_by_role("button", name=f"Add a {group}").click()
    _fill(page, {"name": values.pop("name")})
    for label in choices:
        _choose(page, label)
    _fill(page, values)
    _save(page)
    if saved:
        _saved(page, "saved")


def _figures(page) -> dict[str, str]:
    page.locator("main").get_by_role("button", name="See the figures").click()
    rows = page.locator("[data-figures] .govuk-summary-list__row")
    return {
        rows.nth(i).get_attribute("data-figure"): rows.nth(i)
        .locator(".govuk-summary-list__value")
        .inner_text()
        for i in range(rows.count())
    }


AMOUNTS, PHASED, ANNUAL = (
    "An amount in each year",
    "A total, with the share of it in each year",
    "The same amount every year, from one year to another",
)
RAMP, STAGED = "A full annual value, built up year by year", "A full annual value, phased in"


def test_a_ten_year_systems_case_entered_in_the_editor_gives_the_figures_worked_by_hand(page):
    sign_in(page, "tmo@dorset.example")
    _start_blank(page, check=True)
    _check(page, "case-draft")
    _settings(page, "Case system OBC", "10", check=True)
    page.click("[data-options] a:has-text('Option 1')")
    _option(page, "Replace the case management system", "The preferred option", check=True)

    _line(
        page,
        "cost",
        {"name": "Implementation partner", "amount_2026": "300,000", "amount_2027": "120000"},
        "Capital",
        "One-off",
        AMOUNTS,
    )
    _line(page, "cost", {"name": "Data migration", "amount_2026": "50000"}, "Revenue", AMOUNTS)
    page.locator("main").get_by_role("button", name="Add a cost").click()
    _fill(page, {"name": "Licences and hosting"})
    _choose(page, "Revenue")
    _choose(page, "Recurring (every year)")
    _choose(page, ANNUAL)
    _fill(page, {"annual": "85000"})
    page.select_option("#id_first", label="2027/28")
    _check(page, "case-draft-cost")
    _save(page)
    _saved(page, "Cost saved")

    page.locator("main").get_by_role("button", name="Add a budget released").click()
    _fill(page, {"name": "Current system licence"})
    _choose(page, ANNUAL)
    _fill(page, {"annual": "60000"})
    page.select_option("#id_first", label="2028/29")
    _check(page, "case-draft-offset")
    _save(page)
    _saved(page, "Budget released saved")

    page.locator("main").get_by_role("button", name="Add a benefit").click()
    _fill(page, {"name": "Caseworker time released", "directorate": "Adults"})
    _choose(page, "Cashable: a budget is reduced")
    _choose(page, RAMP)
    _fill(page, {"ramp_2027": "33.33", "ramp_2028": "66.67", "ramp_2029": "100"})
    _choose(page, "An amount")
    _fill(page, {"full_value": "150000"})
    _check(page, "case-draft-benefit")
    _save(page)
    _saved(page, "Benefit saved")
    _line(
        page,
        "benefit",
        {
            "name": "Letters no longer posted",
            "directorate": "Corporate",
            "amount_2027": "13000",
            "amount_2028": "37500",
        },
        "Cost avoidance: a cost that would have risen does not",
        AMOUNTS,
    )
    lines = page.locator("[data-lines=costs]").inner_text()
    assert "£85,000 a year from 2027/28" in lines
    _check(page, "case-draft-option")

    figures = _figures(page)
    # By hand (tests/unit/test_appraisal_engine.py): costs 300k + 120k + 50k + 9 x 85k; the old
    # licence's 60k released for 8 years; a third, two thirds, then all of 150k a year earned
    # (49,995, 100,005, then 150,000 x 7) and 50,500 of postage avoided.
    assert figures["cost"] == _pounds(300_000 + 120_000 + 50_000 + 9 * 85_000) == "£1,235,000"
    assert figures["offsets"] == _pounds(8 * 60_000)
    assert figures["benefits"] == _pounds(49_995 + 100_005 + 7 * 150_000 + 13_000 + 37_500)
    assert figures["net"] == _pounds(1_250_500 + 480_000 - 1_235_000) == "£495,500"
    nets = [-350_000, -142_005, 112_505] + [125_000] * 7
    assert figures["npv"] == _pounds(_npv(nets)) == "£331,320.75"
    # Cumulative net: -350,000, -492,005, -379,500, -254,500, -129,500, -4,500, then 120,500.
    assert figures["payback"] == "2032/33"
    page.click('summary:has-text("figures as a table")')
    j_curve = page.locator("[data-j-curve]").inner_text()
    assert "2031/32\t−£4,500" in j_curve
    assert "2032/33\t£120,500" in j_curve
    _check(page, "case-draft-figures")

    page.click("a.govuk-back-link")
    page.click("a.govuk-back-link:has-text('The draft')")
    page.locator("main").get_by_role("button", name="Save as a new case").click()
    page.select_option("#id_project", index=1)
    _fill(page, {"note": "Outline business case, entered in the editor"})
    _check(page, "case-draft-save")
    _save(page)
    _saved(page, "Business case stored")
    assert (
        "Outline business case, entered in the editor"
        in page.locator("[data-versions]").inner_text()
    )


def test_a_two_option_reorganisation_entered_in_the_editor_gives_the_figures_worked_by_hand(
    page,
):
    sign_in(page, "tmo@dorset.example")
    _start_blank(page)
    _settings(page, "Reorganisation options", "5")
    page.locator("main").get_by_role("button", name="Add a baseline").click()
    _fill(page, {"name": "Addressable third-party spend", "amount": "20000000"})
    _check(page, "case-draft-baseline")
    _save(page)
    _saved(page, "Baseline saved")
    page.click("[data-options] a:has-text('Option 1')")
    _option(page, "Do nothing", "Do nothing (the baseline the others are compared with)")
    page.click("a.govuk-back-link:has-text('The draft')")

    for name, role, bias, cost, percent, retention in (
        ("Option A", "The preferred option", None, "2000000", "10", "75"),
        ("Option B", "Another option", ("10", "5"), "3000000", "15", "60"),
    ):
        _option(page, name, role, add=True, bias=bias)
        page.click(f"[data-options] a:has-text('{name}')")
        shares = {"share_2026": "30", "share_2027": "50", "share_2028": "20"}
        page.locator("main").get_by_role("button", name="Add a cost").click()
        _fill(page, {"name": "Change team"})
        _choose(page, "Revenue")
        _choose(page, "One-off")
        _choose(page, PHASED)
        _fill(page, {"total": cost} | shares | ({"share_2028": "10"} if name == "Option A" else {}))
        _save(page)
        if name == "Option A":  # 30 + 50 + 10: the rules say so, on the box, in the summary
            summary = page.locator(".govuk-error-summary")
            assert "The shares add up to 90%; they must add up to 100%" in summary.inner_text()
            _check(page, "case-draft-cost-errors")
            summary.get_by_role("link").first.click()
            assert page.evaluate("() => document.activeElement.id") == "id_share_2026"
            _fill(page, {"share_2028": "20"})
            _save(page)
        _saved(page, "Cost saved")
        page.locator("main").get_by_role("button", name="Add a benefit").click()
        _fill(page, {"name": "Third-party spend", "directorate": "Resources"})
        _choose(page, "Cashable: a budget is reduced")
        _choose(page, STAGED)
        _fill(
            page, {"stage_2026": "10", "stage_2027": "40", "stage_2028": "40", "stage_2029": "10"}
        )
        _choose(page, "A percentage of a baseline")
        page.select_option("#id_baseline", label="Addressable third-party spend")
        _fill(page, {"percent": percent, "retention": retention})
        _save(page)
        _saved(page, "Benefit saved")
        page.click("a.govuk-back-link:has-text('The draft')")

    _check(page, "case-draft-options")

    page.click("[data-options] a:has-text('Option A')")
    a = _figures(page)
    # A: 10% of £20m, 75% kept = £1.5m a year in full, earned 10, 50, 90, 100, 100%; £2m spent
    # 30/50/20. Cumulative net -450,000, -700,000, 250,000: pays back in 2028/29.
    assert a["cost"] == _pounds(2_000_000)
    assert a["benefits"] == _pounds(150_000 + 750_000 + 1_350_000 + 1_500_000 * 2)
    assert a["net"] == _pounds(4_500_000 + 750_000 - 2_000_000) == "£3,250,000"
    a_npv = _npv([-450_000, -250_000, 950_000, 1_500_000, 1_500_000])
    assert a["npv"] == _pounds(a_npv) == "£2,855,366.67"
    assert a["payback"] == "2028/29"
    assert a["versus"] == _pounds(a_npv)  # doing nothing costs and earns nothing
    page.click("a.govuk-back-link")
    page.click("a.govuk-back-link:has-text('The draft')")

    page.click("[data-options] a:has-text('Option B')")
    b = _figures(page)
    # B: 15% of £20m, 60% kept = £1.8m, less a 5% haircut = £1.71m a year in full; £3m phased
    # 30/50/20 and raised 10%: 990,000, 1,650,000, 660,000. Cumulative net -819,000,
    # -1,614,000, -735,000, then 975,000: pays back in 2029/30.
    assert b["cost"] == _pounds(990_000 + 1_650_000 + 660_000) == "£3,300,000"
    assert b["benefits"] == _pounds(171_000 + 855_000 + 1_539_000 + 1_710_000 * 2)
    assert b["net"] == _pounds(5_985_000 - 3_300_000) == "£2,685,000"
    b_npv = _npv([-819_000, -795_000, 879_000, 1_710_000, 1_710_000])
    assert b["npv"] == _pounds(b_npv) == "£2,265,928.20"
    assert b["payback"] == "2029/30"
    by_year = page.locator("[data-by-year]").inner_text()
    assert "Optimism bias on costs" in by_year
    assert "Optimism bias on benefits" in by_year


def test_a_stored_case_opens_in_the_editor_with_its_published_figures_checked(page):
    """The Dorset demo's case (format 1) in the editor: upgraded whole, its release modelling kept,
    the audit of the figures its paper printed, a line removed, then the draft discarded (the
    case and its versions untouched)."""
    sign_in(page, "tmo@dorset.example")
    page.click("nav >> text=Business cases")
    page.click("[data-cases] a:has-text('Our Future Council business case')")
    case_url = page.url
    versions = page.locator("[data-versions]").inner_text()
    page.locator("main").get_by_role("button", name="Edit in the editor").click()
    _check(page, "case-editor-from-case")
    _save(page)
    _saved(page, "Draft started from version")
    assert "Does the published arithmetic add up?" in page.locator("main").inner_text()
    assert page.locator("main a:has-text('Download the workbook (XLSX')").count() == 1
    _check(page, "case-draft-stored")
    page.click("[data-options] a:has-text('Scenario 4')")
    assert "Savings level released" in page.locator("[data-option-details]").inner_text()
    _check(page, "case-draft-option-stored")
    costs = page.locator("[data-lines=costs] tbody tr")
    before = costs.count()
    costs.first.locator("a:has-text('Remove')").click()
    _check(page, "case-draft-remove")
    _save(page)
    _saved(page, "removed")
    assert page.locator("[data-lines=costs] tbody tr").count() == before - 1
    page.click("a.govuk-back-link:has-text('The draft')")
    page.click("main a:has-text('Discard the draft')")
    _check(page, "case-draft-discard")
    _save(page)
    _saved(page, "Draft discarded")
    page.goto(case_url)
    assert page.locator("[data-versions]").inner_text() == versions
