# ruff: noqa: E501  (a case written in YAML flow style, a line a case line)
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

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(find_soffice() is None, reason=INSTALL_HINT),
]

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PENNY = Decimal("0.01")

EVERY_PROFILE = """\
format: realise-business-case/2
organisation: Testshire Council
title: Every profile
start_year: 2025/26
years: 35
discount_rate: green_book
optimism_bias: {costs: 12.5%, benefits: 7.25%}
baselines:
- {id: spend, name: Spend, amount: 1234567.89}
options:
- id: nothing
  name: Do nothing
  do_nothing: true
  costs:
  - {id: upkeep, name: Upkeep, kind: revenue, recurrence: recurring, annual: 1000.01, from: 2026/27, to: 2030/31}
- id: build
  name: Build it
  preferred: true
  optimism_bias: {costs: 33.33%, benefits: 0%}
  costs:
  - {id: kit, name: Kit, kind: capital, amounts: {2025/26: 100000.005, 2026/27: 2500}}
  - {id: team, name: Team, kind: revenue, total: 99999.99, phasing: {2025/26: 33.33%, 2026/27: 33.33%, 2027/28: 33.34%}}
  offsets:
  - {id: old, name: Old budget, annual: 12000, from: 2027/28}
  benefits:
  - {id: ramped, name: Ramped, type: cashable, directorate: Resources, full_value: 45748.57, ramp: {2026/27: 33.3333%, 2027/28: 66.6667%, 2028/29: 100%}}
  - {id: share, name: Share, type: income, baseline: spend, percent: 10%, retention: 75%, phasing: {2026/27: 10%, 2027/28: 40%, 2028/29: 40%, 2029/30: 10%}}
  - {id: avoided, name: Avoided, type: cost_avoidance, amounts: {2027/28: 5000, 2030/31: 7000.5}}
- id: flat
  name: Flat rate never pays back
  costs:
  - {id: big, name: Big, amounts: {2026/27: 1000000}}
  benefits:
  - {id: small, name: Small, type: non_cashable, annual: 100, from: 2025/26}
"""


def _cases() -> dict[str, Appraisal]:
    cases: dict[str, Appraisal] = {}
    for path in sorted(EXAMPLES.glob("northshire-*.yaml")):
        cases[path.stem] = read_any(path.read_text(encoding="utf-8"))
    for starter in STARTERS:
        cases[f"starter-{starter.id}"] = read_any(starter.text)
    dorset = (EXAMPLES / "dorset-our-future-council.yaml").read_text(encoding="utf-8")
    cases["dorset-upgraded"] = read_any(upgrade_text(dorset))
    cases["every-profile"] = read_any(EVERY_PROFILE)
    flat = EVERY_PROFILE.replace("discount_rate: green_book", "discount_rate: 0%")
    cases["flat-zero-rate"] = read_any(flat.replace("years: 35", "years: 8"))
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
