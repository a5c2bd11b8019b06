"""The exported workbook, recalculated by LibreOffice, agrees with the engine to the penny.

Every calculated cell of every scenario sheet and of the Summary is compared with
``run_scenario``. Skips when LibreOffice is not installed.

The one exception is by design: a share with more digits than a spreadsheet keeps (a third as
0.3333333333333333333333333333) whose allocation falls within a hair of a half penny may come out
a penny away, and the sheet must then say so (see ``_assert_matches_or_flagged``).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from realise.finance.model import BusinessCase
from realise.finance.profile import round_half_up
from realise.finance.scenario import NO_COST, NOT_PAID_BACK, run_scenario
from realise.reports.case_workbook import write_case_workbook
from realise.reports.libreoffice import INSTALL_HINT, find_soffice, recalculate_all
from tests.workbooks import (
    FOUND_IN_CI,
    THIRD,
    Mismatches,
    check_scenario_sheet,
    check_summary,
    make_case,
)

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(find_soffice() is None, reason=INSTALL_HINT),
]

D = Decimal


def _cases() -> dict[str, BusinessCase]:
    return {
        "mid_month_15_november": make_case(
            savings={"a": D("120000.00"), "b": D("9999.99")},
            scenarios=[
                ("nov", {"a": [(date(2025, 11, 15), D(1))], "b": [(date(2026, 11, 15), D(1))]}, {})
            ],
        ),
        "release_on_31_march": make_case(
            savings={"a": D("50000.00")},
            scenarios=[
                (
                    "march",
                    {"a": [(date(2026, 3, 31), D("0.6")), (date(2027, 3, 31), D("0.4"))]},
                    {},
                ),
                # released on the case's last day: it never earns inside the case
                ("last_day", {"a": [(date(2028, 3, 31), D(1))]}, {"it": {2025: D("10.00")}}),
            ],
        ),
        "release_on_30_september_half_pence": make_case(
            # 12,345.67 x 1/2 = 6,172.835: the engine rounds half up to 6,172.84
            savings={"a": D("12345.67"), "b": D("0.03")},
            scenarios=[
                ("sep", {"a": [(date(2025, 9, 30), D(1))], "b": [(date(2025, 9, 30), D(1))]}, {})
            ],
        ),
        # the shape of the case CI once failed on (FOUND_IN_CI), with shares as a case file
        # gives them: cumulative allocations land on exact half pennies that binary arithmetic
        # puts just below the half (45,748.57 x (10% + 40%) is 22,874.28499...; 24% + 41% is
        # 0.6499999...). The engine and the sheet both round the half up; ROUND(x * 100, 0)
        # would not, as LibreOffice only corrects binary dust when rounding to decimal places
        "half_penny_allocations": make_case(
            savings={
                "a": D("45748.57"),
                "b": D("8005.31"),
                "c": D("111108.63"),
                "d": D("913996.50"),
            },
            scenarios=[
                (
                    "halves",
                    {
                        "a": [(date(2028, 3, 7), D("0.1")), (date(2028, 3, 8), D("0.4"))],
                        "b": [(date(2027, 5, 19), D("0.25")), (date(2028, 3, 14), D("0.25"))],
                        "c": [
                            (date(2027, 7, 13), D("0.3333")),
                            (date(2027, 9, 4), D("0.5")),
                            (date(2028, 1, 5), D("0.1667")),
                        ],
                        "d": [(date(2025, 6, 30), D("0.24")), (date(2026, 6, 30), D("0.41"))],
                    },
                    {"one-off": {2025: D("38001.60"), 2026: D("0.35"), 2027: D("0.01")}},
                )
            ],
        ),
        "thirds": make_case(
            savings={"a": D("100000.00"), "b": D("100.01")},
            scenarios=[
                (
                    "thirds",
                    {
                        "a": [
                            (date(2025, 6, 30), THIRD),
                            (date(2025, 12, 31), THIRD),
                            (date(2026, 6, 30), THIRD),
                        ],
                        "b": [
                            (date(2025, 4, 1), THIRD),
                            (date(2025, 8, 17), THIRD),
                            (date(2026, 2, 27), THIRD),
                        ],
                    },
                    {"staff": {2025: D("30000.00")}},
                )
            ],
        ),
        "multi_year_several_scenarios_and_levels": make_case(
            savings={"a": D("2500000.00"), "b": D("730000.50"), "c": D("41234.57")},
            extra_levels={"high": {"a": D("3100000.00"), "b": D("900000.00")}},
            scenario_levels=["main", "high", "main"],
            years=6,
            first_year=2026,
            rate=D("0.035"),
            scenarios=[
                (
                    "steady",
                    {
                        "a": [
                            (date(2026, 11, 15), D("0.25")),
                            (date(2027, 5, 31), D("0.5")),
                            (date(2029, 1, 2), D("0.25")),
                        ],
                        "b": [(date(2027, 9, 30), D("0.7"))],
                        "c": [(date(2028, 2, 28), D(1))],  # starts on 29 February 2028
                    },
                    {
                        "technology": {2026: D("1500000.00"), 2027: D("250000.25")},
                        "redundancy": {2027: D("800000.00"), 2028: D("99.99")},
                    },
                ),
                # the "high" level has no saving for layer c: its tranche is worth nothing
                (
                    "fast",
                    {"a": [(date(2026, 4, 1), D(1))], "c": [(date(2026, 10, 10), D("0.5"))]},
                    {"it": {2026: D("5000000.00")}},
                ),
                # costs far above benefits: no payback within the case
                ("never", {"b": [(date(2031, 1, 31), D(1))]}, {"it": {2026: D("9000000.00")}}),
            ],
        ),
        # payback needs a cost incurred and cumulative net that stays not negative after it
        "payback_after_the_benefit_comes_first": make_case(
            savings={"a": D("100000.00")},
            years=4,
            scenarios=[
                # the issue's case: 0.05 / (0.85) / (0.75) m: never paid back (was 2025/26)
                ("late_cost", {"a": [(date(2025, 9, 30), D(1))]}, {"it": {2026: D("1000000")}}),
                # dips below zero in 2027/28 and recovers in 2028/29 for good
                (
                    "dips",
                    {"a": [(date(2025, 9, 30), D(1))]},
                    {"it": {2025: D("40000.00"), 2027: D("300000.00")}},
                ),
                # no cost until 2026/27 and never negative: paid back in 2026/27
                ("small_cost", {"a": [(date(2025, 9, 30), D(1))]}, {"it": {2026: D("10.00")}}),
            ],
        ),
        "no_discounting_no_costs_no_tranches": make_case(
            savings={"a": D("1000.00")},
            rate=D(0),
            years=1,
            scenarios=[("empty", {}, {}), ("one", {"a": [(date(2025, 7, 4), D("0.3"))]}, {})],
        ),
    }


def _recalculated(cases: dict[str, BusinessCase], tmp_path: Path) -> dict[str, Path]:
    written = {}
    for name, case in cases.items():
        path = tmp_path / "in" / f"{name}.xlsx"
        path.parent.mkdir(parents=True, exist_ok=True)
        write_case_workbook(case, path)
        written[name] = path
    out = recalculate_all(list(written.values()), tmp_path / "out")
    return dict(zip(written, out, strict=True))


def _check(case: BusinessCase, source: Path, recalculated: Path) -> Mismatches:
    found = Mismatches()
    written = openpyxl.load_workbook(source, data_only=True)
    book = openpyxl.load_workbook(recalculated, data_only=True)
    npv_cell = (book.worksheets[2].title, "B20")
    # openpyxl writes no cached values: a number here proves LibreOffice recalculated
    assert written[npv_cell[0]][npv_cell[1]].value is None
    assert isinstance(book[npv_cell[0]][npv_cell[1]].value, int | float)
    results = []
    for index, scenario in enumerate(case.scenarios):
        results.append(check_scenario_sheet(book.worksheets[2 + index], case, scenario.id, found))
    check_summary(book["Summary"], results, found)
    return found


def _caution(book_path: Path, sheet_index: int = 2) -> str | None:
    """The scenario sheet's note on tranche rows that may be a penny off, if any."""
    value = openpyxl.load_workbook(book_path).worksheets[sheet_index]["A22"].value
    return value if isinstance(value, str) else None


def _flagged_rows(caution: str | None) -> set[int]:
    if caution is None:
        return set()
    listed = re.search(r"tranche rows ([\d, ]+):", caution)
    assert listed, caution
    return {int(row) for row in listed[1].split(",")}


def _assert_matches_or_flagged(found: Mismatches, source: Path) -> None:
    """Every cell matches the engine; or, where the sheet flags tranche rows, every tranche cell
    that differs is on a flagged row, and by one penny."""
    flagged = _flagged_rows(_caution(source))
    if not flagged:
        assert found.problems == []
        return
    for problem in found.problems:
        on_row = re.search(r" row (\d+) \(", problem)
        if on_row is None:
            continue  # a year total or the summary: sums of the flagged tranches' pence
        assert int(on_row[1]) in flagged, problem
        values = re.search(r"workbook ([\d.]+), engine ([\d.]+)$", problem)
        assert values, problem
        assert abs(D(values[1]) - D(values[2])) <= D("0.01"), problem


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    tmp = tmp_path_factory.mktemp("workbooks")
    out = _recalculated(_cases(), tmp)
    return {name: (tmp / "in" / f"{name}.xlsx", path) for name, path in out.items()}


@pytest.mark.parametrize("name", list(_cases()))
def test_every_calculated_cell_matches_the_engine_to_the_penny(
    name: str, recalculated: dict[str, tuple[Path, Path]]
) -> None:
    case = _cases()[name]
    source, result = recalculated[name]
    found = _check(case, source, result)
    assert found.problems == []
    sheets = range(2, 2 + len(case.scenarios))
    assert [_caution(source, i) for i in sheets] == [None for _ in sheets]  # nothing to flag
    assert found.checked > 20 * len(case.scenarios)


def test_the_recalculated_payback_needs_a_cost_and_net_that_stays_not_negative(
    recalculated: dict[str, tuple[Path, Path]],
) -> None:
    def paybacks(name: str) -> list[object]:
        book = openpyxl.load_workbook(recalculated[name][1], data_only=True)
        return [sheet["B21"].value for sheet in book.worksheets[2:]]

    assert paybacks("payback_after_the_benefit_comes_first") == [
        NOT_PAID_BACK,
        "2028/29",
        "2026/27",
    ]
    assert paybacks("no_discounting_no_costs_no_tranches") == [NO_COST, NO_COST]


def test_changing_an_input_in_the_workbook_changes_the_answer(tmp_path: Path) -> None:
    case = _cases()["mid_month_15_november"]
    source = tmp_path / "case.xlsx"
    write_case_workbook(case, source)
    book = openpyxl.load_workbook(source)
    inputs = book["Inputs"]
    # Find the layer "a" saving for the "main" level and double it.
    row = next(r for r in range(1, inputs.max_row + 1) if inputs.cell(row=r, column=1).value == "a")
    inputs.cell(row=row, column=5).value = 240000
    edited = tmp_path / "edited.xlsx"
    book.save(edited)
    (result,) = recalculate_all([edited], tmp_path / "out")
    sheet = openpyxl.load_workbook(result, data_only=True).worksheets[2]
    main = case.level("main")
    doubled = replace(
        main, savings={**main.savings, "a": replace(main.savings["a"], amount=D(240000))}
    )
    expected = run_scenario(replace(case, levels=(doubled,)), "nov").years[0].part_year_effect
    assert expected != run_scenario(case, "nov").years[0].part_year_effect
    assert Decimal(str(sheet["B9"].value)) == expected


def test_a_share_beyond_spreadsheet_precision_is_flagged_where_it_costs_a_penny(
    tmp_path: Path,
) -> None:
    source = tmp_path / "found.xlsx"
    write_case_workbook(FOUND_IN_CI, source)
    caution = _caution(source)
    assert caution is not None
    assert _flagged_rows(caution) == {29, 30}
    assert "row 29 £55,554.31; row 30 £18,518.11" in caution
    (result,) = recalculate_all([source], tmp_path / "out")
    found = _check(FOUND_IN_CI, source, result)
    _assert_matches_or_flagged(found, source)
    # the sheet does round the other way: one penny moves from row 30 to row 29
    sheet = openpyxl.load_workbook(result, data_only=True).worksheets[2]
    annual_col = next(
        c for c in range(1, sheet.max_column + 1) if sheet.cell(24, c).value == "Annual value"
    )
    annuals = [D(str(sheet.cell(row, annual_col).value)) for row in (29, 30)]
    engine = [t.annual for t in run_scenario(FOUND_IN_CI, "r").tranches if t.layer == "l2"][1:]
    assert annuals == [engine[0] + D("0.01"), engine[1] - D("0.01")]


_money = st.integers(min_value=1, max_value=5_000_000_00).map(lambda p: Decimal(p) / 100)
# odd multiples of 3 x 5 x 7 x 11 x 13 pence: a sixth, a tenth or a half of them is a half penny,
# so shares such as 1/3 + 1/2 land on (or, as 28-digit Decimals, a hair from) a half penny
_tie_prone_money = st.integers(min_value=0, max_value=3000).map(
    lambda k: Decimal(15015 * (2 * k + 1)) / 100
)
_day = st.dates(min_value=date(2025, 4, 1), max_value=date(2028, 3, 31))
_shares = st.lists(st.integers(min_value=1, max_value=4), min_size=1, max_size=3)


def _as_per_cent(weights: list[int], total: int) -> list[Decimal]:
    """Shares in per cent to two places, as a case file gives them (33.33%, 33.34%, 33.33%):
    cumulative shares rounded to 0.01%, so they add up to weights / total to 0.01%."""
    cumulative = [sum(weights[: i + 1]) for i in range(len(weights))]
    hundredths = [round_half_up(c * 10000, total) for c in cumulative]  # of a per cent
    return [D(b - a).scaleb(-4) for a, b in zip([0, *hundredths[:-1]], hundredths, strict=True)]


@st.composite
def _random_case(draw: st.DrawFn) -> BusinessCase:
    layers = draw(st.integers(min_value=1, max_value=3))
    savings = {f"l{i}": draw(st.one_of(_money, _tie_prone_money)) for i in range(layers)}
    releases = {}
    for layer_id in savings:
        weights = draw(_shares)
        total = D(sum(weights)) + draw(st.sampled_from([D(0), D(1)]))  # sometimes under 100%
        dates = sorted(draw(st.lists(_day, min_size=len(weights), max_size=len(weights))))
        if draw(st.booleans()):
            shares = _as_per_cent(weights, int(total))
        else:
            shares = [D(w) / total for w in weights]  # 28 digits: 1/3 is 0.333...
        releases[layer_id] = list(zip(dates, shares, strict=True))
    costs = {"one-off": {year: draw(_money) for year in range(2025, 2028) if draw(st.booleans())}}
    rate = draw(st.sampled_from([D(0), D("0.035"), D("0.1")]))
    return make_case(savings=savings, scenarios=[("r", releases, costs)], rate=rate)


@settings(
    max_examples=8,
    deadline=None,
    # each example starts LibreOffice (about 2 s), so skip shrinking: a failure lists every
    # mismatching cell of the case as drawn, which is enough to find the formula at fault
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(case=_random_case())
def test_random_small_cases_match_the_engine(case: BusinessCase, tmp_path: Path) -> None:
    source = tmp_path / "random.xlsx"
    write_case_workbook(case, source)
    (result,) = recalculate_all([source], tmp_path / "out")
    found = _check(case, source, result)
    _assert_matches_or_flagged(found, source)
    shares = [t.share for tranches in case.scenarios[0].releases.values() for t in tranches]
    if all(share == share.quantize(D("0.0001")) for share in shares):
        assert _caution(source) is None  # shares a spreadsheet holds are never flagged
