"""The format 2 case workbook, recalculated by LibreOffice, agrees with the engine to the penny.

For each case (the two Northshire examples, every editor starter, Dorset upgraded to format 2,
and a case made here to reach every profile, a flat rate and the Green Book's long rate), every
option sheet's yearly totals, each line's total, NPV and payback are compared with
``realise.finance.appraisal.engine.run_option``. Skips when LibreOffice is not installed.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from realise.cases.drafts import STARTERS
from realise.finance.appraisal.engine import OptionResult, run_appraisal
from realise.finance.appraisal.model import Appraisal
from realise.finance.casefile.formats import read_any, upgrade_text
from realise.reports.case_workbook.appraisal import write_appraisal_workbook
from realise.reports.libreoffice import INSTALL_HINT, find_soffice, recalculate_all
from tests.unit.test_case_workbook_round_trip import EVERY_PROFILE as ROUND_TRIP_CASE

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(find_soffice() is None, reason=INSTALL_HINT),
]

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PENNY = Decimal("0.01")

# The round trip's case of every profile, over 35 years on the Green Book schedule (its long rate
# from year 31), and over 8 years at a flat 0%.
EVERY_PROFILE = ROUND_TRIP_CASE.replace("years: 12", "years: 35").replace(
    "discount_rate: 4.25%", "discount_rate: green_book"
)


def _cases() -> dict[str, Appraisal]:
    cases: dict[str, Appraisal] = {}
    for path in sorted(EXAMPLES.glob("northshire-*.yaml")):
        cases[path.stem] = read_any(path.read_text(encoding="utf-8"))
    for starter in STARTERS:
        cases[f"starter-{starter.id}"] = read_any(starter.text)
    dorset = (EXAMPLES / "dorset-our-future-council.yaml").read_text(encoding="utf-8")
    cases["dorset-upgraded"] = read_any(upgrade_text(dorset))
    cases["every-profile"] = read_any(EVERY_PROFILE)
    flat = ROUND_TRIP_CASE.replace("discount_rate: 4.25%", "discount_rate: 0%")
    cases["flat-zero-rate"] = read_any(flat.replace("years: 12", "years: 8"))
    for name, case in cases.items():
        assert isinstance(case, Appraisal), name
    return cases


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Appraisal, Path]]:
    source = tmp_path_factory.mktemp("written")
    cases = _cases()
    paths = []
    for name, case in cases.items():
        path = source / f"{name}.xlsx"
        write_appraisal_workbook(case, path)
        paths.append(path)
    out = recalculate_all(paths, tmp_path_factory.mktemp("recalculated"))
    return {name: (case, path) for (name, case), path in zip(cases.items(), out, strict=True)}


def _money(value: object) -> Decimal:
    assert isinstance(value, int | float), f"expected a number, found {value!r}"
    return Decimal(repr(value)).quantize(PENNY)


def _rows(ws: object) -> dict[str, list[object]]:
    rows = {}
    for row in ws.iter_rows(values_only=True):  # type: ignore[attr-defined]
        if row and isinstance(row[0], str):
            rows.setdefault(row[0], list(row))
    return rows


def _check_option(ws: object, result: OptionResult, years: int) -> None:
    rows = _rows(ws)
    first = 4  # column E
    series = {
        "Cost": [y.cost for y in result.years],
        "Budgets released (offsets)": [y.offsets for y in result.years],
        "Benefits": [y.benefits for y in result.years],
        "Of which cashable and income": [y.cash_benefits for y in result.years],
        "Net (benefits less net cost)": [y.net for y in result.years],
        "Cumulative net": [y.cumulative_net for y in result.years],
        "Cumulative cash net": [y.cumulative_cash_net for y in result.years],
        "Present value of net": [y.present_value.quantize(PENNY) for y in result.years],
    }
    for label, expected in series.items():
        got = [_money(v) for v in rows[label][first : first + years]]
        assert got == [e.quantize(PENNY) for e in expected], (result.option.id, label)
    assert _money(rows["Net present value"][first]) == result.npv.quantize(PENNY)
    assert _money(rows["Cash net present value"][first]) == result.cash_npv.quantize(PENNY)
    assert rows["Payback"][first] == result.payback.text, result.option.id
    assert rows["Cash payback"][first] == result.cash_payback.text, result.option.id
    totals = {}
    for row in ws.iter_rows(values_only=True):  # type: ignore[attr-defined]
        if row and row[2] in ("Cost", "Offset", "Benefit", "Cost OB", "Benefit OB"):
            key = (row[1], row[2].removesuffix(" OB"))
            totals[key] = totals.get(key, Decimal(0)) + _money(row[first + years])
    for line in result.lines:
        tag = {"cost": "Cost", "offset": "Offset", "benefit": "Benefit"}[line.group]
        assert totals[(line.id, tag)] == line.total, (result.option.id, line.id)


def test_every_option_sheet_agrees_with_the_engine(recalculated) -> None:
    checked = 0
    for name, (case, path) in recalculated.items():
        book = openpyxl.load_workbook(path, data_only=True)
        results = run_appraisal(case)
        option_sheets = [
            s for s in book.sheetnames if s not in ("Summary", "Inputs", "Other sections")
        ]
        assert len(option_sheets) == len(results), name
        for sheet, result in zip(option_sheets, results, strict=True):
            _check_option(book[sheet], result, case.year_count)
            checked += 1
    assert checked >= 15


def test_the_summary_compares_the_options(recalculated) -> None:
    case, path = recalculated["northshire-reorganisation-options"]
    rows = _rows(openpyxl.load_workbook(path, data_only=True)["Summary"])
    results = run_appraisal(case)
    assert [_money(v) for v in rows["Net present value"][1:4]] == [
        r.npv.quantize(PENNY) for r in results
    ]
    base = results[0].npv
    against = rows["Net present value against doing nothing"]
    assert against[1] is None
    assert [_money(v) for v in against[2:4]] == [
        (r.npv - base).quantize(PENNY) for r in results[1:]
    ]
    assert rows["Payback"][1:4] == [r.payback.text for r in results]
