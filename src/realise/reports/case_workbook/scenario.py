"""One scenario's sheet: year-by-year results on top, one row per release tranche below, all
formulas over the Inputs sheet."""

from __future__ import annotations

from openpyxl.utils import get_column_letter

from realise.finance.model import BusinessCase
from realise.finance.scenario import NO_COST
from realise.reports.case_workbook.cells import (
    MONEY,
    NO_PAYBACK,
    _header,
    _put,
    _Sheet,
    _Text,
    _widths,
)
from realise.reports.case_workbook.layout import (
    _ROW_YEAR_FIRST,
    _ROW_YEAR_LABEL,
    _ROW_YEAR_LAST,
    _S_HEADER,
    _S_LABELS,
    _S_ROWS,
    _T_COLUMNS,
    _T_FIRST,
    _T_GROUP,
    _T_HEADER,
    _Cols,
    _ScenarioInputs,
)
from realise.reports.case_workbook.pennies import _penny_cautions, _write_caution


def _write_scenario(ws: _Sheet, case: BusinessCase, block: _ScenarioInputs) -> None:
    cols = _Cols(case.year_count)
    _put(ws, 1, 1, _Text(f"Scenario {block.index + 1}: {block.scenario.name}"), kind="title")
    _put(ws, 2, 1, "Savings level", kind="bold")
    _put(ws, 2, 2, f"={block.level_name}")
    _put(ws, 3, 1, "Discount rate", kind="bold")
    _put(ws, 3, 2, "=DiscountRate", "0.00%")
    _header(ws, _S_HEADER, 1, "£ unless stated")
    for y in range(case.year_count):
        _header(
            ws, _S_HEADER, cols.year(y), f"=Inputs!{get_column_letter(2 + y)}${_ROW_YEAR_LABEL}"
        )
    for key, row in _S_ROWS.items():
        _put(ws, row, 1, _S_LABELS[key][0], kind="bold")
    _write_tranches(ws, case, block, cols)
    for y in range(case.year_count):
        _write_year_column(ws, case, block, cols, y)
    _write_totals(ws, case, cols)
    _write_caution(ws, _penny_cautions(case, block))
    _widths(ws, [(1, 34)])
    _widths(ws, [(cols.year(y), 15) for y in range(case.year_count)])
    _widths(ws, [(cols.detail(k), 15) for k, _, _ in _T_COLUMNS])
    _widths(ws, [(cols.fraction(y), 12) for y in range(case.year_count)])
    ws.freeze(_S_HEADER + 1, 2)


def _tranche_range(block: _ScenarioInputs, letter: str) -> str:
    last = _T_FIRST + len(block.tranche_rows) - 1
    return f"${letter}${_T_FIRST}:${letter}${last}"


def _write_year_column(
    ws: _Sheet, case: BusinessCase, block: _ScenarioInputs, cols: _Cols, y: int
) -> None:
    col = cols.year(y)
    c = get_column_letter(col)
    p = get_column_letter(col - 1)
    last = get_column_letter(cols.year(case.year_count - 1))
    r = _S_ROWS
    inputs_col = get_column_letter(2 + y)
    formulas: dict[str, str] = {
        "first": f"=Inputs!{inputs_col}${_ROW_YEAR_FIRST}",
        "last": f"=Inputs!{inputs_col}${_ROW_YEAR_LAST}",
        "t": "=0" if y == 0 else f"={p}{r['t']}+1",
        "pye": "=0",
        "fye": "=0",
        "fte": "=0",
        "cost": "=0",
        "cum_pye": f"={c}{r['pye']}" if y == 0 else f"=ROUND({p}{r['cum_pye']}+{c}{r['pye']},2)",
        "cum_cost": (
            f"={c}{r['cost']}" if y == 0 else f"=ROUND({p}{r['cum_cost']}+{c}{r['cost']},2)"
        ),
        "cum_net": f"=ROUND({c}{r['cum_pye']}-{c}{r['cum_cost']},2)",
        # paid back for good (``finance.scenario.find_payback``): some cost incurred by now, and
        # cumulative net not negative now or in any later year
        "paid_back": (
            f"=IF(AND({c}{r['cum_cost']}>0,"
            f'COUNTIF({c}{r["cum_net"]}:${last}{r["cum_net"]},"<0")=0),1,0)'
        ),
        "cum_fte": f"={c}{r['fte']}" if y == 0 else f"={p}{r['cum_fte']}+{c}{r['fte']}",
        "factor": f"=1/(1+DiscountRate)^{c}{r['t']}",
        "pv": f"=({c}{r['pye']}-{c}{r['cost']})*{c}{r['factor']}",
    }
    if block.tranche_rows:
        last_tranche = _T_FIRST + len(block.tranche_rows) - 1
        annual = _tranche_range(block, cols.letter("annual"))
        start = _tranche_range(block, cols.letter("start"))
        fte = _tranche_range(block, cols.letter("fte"))
        formulas["pye"] = f"=ROUND(SUM({c}{_T_FIRST}:{c}{last_tranche}),2)"
        formulas["fye"] = f'=ROUND(SUMIFS({annual},{start},"<="&{c}${r["last"]}),2)'
        formulas["fte"] = (
            f'=SUMIFS({fte},{start},">="&{c}${r["first"]},{start},"<="&{c}${r["last"]})'
        )
    if block.cost_rows:
        first_cost, last_cost = block.cost_rows[0], block.cost_rows[-1]
        formulas["cost"] = f"=ROUND(SUM(Inputs!{inputs_col}{first_cost}:{inputs_col}{last_cost}),2)"
    for key, formula in formulas.items():
        _put(ws, r[key], col, formula, _S_LABELS[key][1])


def _write_totals(ws: _Sheet, case: BusinessCase, cols: _Cols) -> None:
    first = get_column_letter(cols.year(0))
    last = get_column_letter(cols.year(case.year_count - 1))
    r = _S_ROWS
    _put(
        ws,
        r["npv"],
        2,
        f"=ROUND(SUM({first}{r['pv']}:{last}{r['pv']}),2)",
        MONEY,
        kind="total",
    )
    paid = f"{first}{r['paid_back']}:{last}{r['paid_back']}"
    labels = f"{first}{_S_HEADER}:{last}{_S_HEADER}"
    _put(
        ws,
        r["payback"],
        2,
        f'=IF({last}{r["cum_cost"]}<=0,"{NO_COST}",'
        f'IF(COUNTIF({paid},1)=0,"{NO_PAYBACK}",INDEX({labels},MATCH(1,{paid},0))))',
        kind="bold",
    )


def _write_tranches(ws: _Sheet, case: BusinessCase, block: _ScenarioInputs, cols: _Cols) -> None:
    _put(ws, _T_GROUP, 1, "Release tranches", kind="section")
    _put(ws, _T_GROUP, cols.year(0), "Part-year effect by year", kind="bold")
    _put(ws, _T_GROUP, cols.detail("date"), "How each tranche is valued", kind="bold")
    _put(ws, _T_GROUP, cols.fraction(0), "Share of the year earning", kind="bold")
    _header(ws, _T_HEADER, 1, "Layer")
    for y in range(case.year_count):
        label = f"={get_column_letter(cols.year(y))}${_S_HEADER}"
        _header(ws, _T_HEADER, cols.year(y), label)
        _header(ws, _T_HEADER, cols.fraction(y), label)
    for key, title, _ in _T_COLUMNS:
        _header(ws, _T_HEADER, cols.detail(key), title)
    for offset, (_, inputs_row) in enumerate(block.tranche_rows):
        _write_tranche_row(ws, case, block, cols, _T_FIRST + offset, inputs_row)


def _write_tranche_row(
    ws: _Sheet,
    case: BusinessCase,
    block: _ScenarioInputs,
    cols: _Cols,
    row: int,
    inputs_row: int,
) -> None:
    here = {key: f"{cols.letter(key)}{row}" for key, _, _ in _T_COLUMNS}
    prev = {key: f"{cols.letter(key)}{row - 1}" for key, _, _ in _T_COLUMNS}
    same_layer = f"A{row}=A{row - 1}"
    first = row == _T_FIRST
    level = block.level_name
    formulas = {
        "date": f"=Inputs!$B${inputs_row}",
        "share": f"=Inputs!$C${inputs_row}",
        "cum_share": (
            f"={here['share']}"
            if first
            else f"=IF({same_layer},{prev['cum_share']},0)+{here['share']}"
        ),
        "layer_row": f"=MATCH(A{row},LayerIds,0)",
        "saving": f"=INDEX(LevelValues,{here['layer_row']},MATCH({level},LevelIds,0))",
        "layer_fte": f"=INDEX(LevelValues,{here['layer_row']},MATCH({level},LevelIds,0)+1)",
        "cum_alloc": f"=ROUND({here['saving']}*{here['cum_share']},2)",
        "annual": (
            f"={here['cum_alloc']}"
            if first
            else f"={here['cum_alloc']}-IF({same_layer},{prev['cum_alloc']},0)"
        ),
        "fte": f"={here['layer_fte']}*{here['share']}",
        "start": f"={here['date']}+1",
    }
    _put(ws, row, 1, f"=Inputs!$A${inputs_row}")
    for key, title_format in ((k, f) for k, _, f in _T_COLUMNS):
        _put(ws, row, cols.detail(key), formulas[key], title_format)
    start = f"${cols.letter('start')}{row}"
    annual = f"${cols.letter('annual')}{row}"
    for y in range(case.year_count):
        yc = get_column_letter(cols.year(y))
        year_first, year_last = f"{yc}${_S_ROWS['first']}", f"{yc}${_S_ROWS['last']}"
        days = f"DAY(EOMONTH({start},0))"
        months_after = (
            f"(YEAR({year_last})*12+MONTH({year_last}))-(YEAR({start})*12+MONTH({start}))"
        )
        fraction = (
            f"=IF({start}>{year_last},0,IF({start}<={year_first},1,"
            f"({months_after}+({days}-DAY({start})+1)/{days})/12))"
        )
        fraction_cell = f"{get_column_letter(cols.fraction(y))}{row}"
        _put(ws, row, cols.fraction(y), fraction, "0.0000")
        _put(ws, row, cols.year(y), f"=ROUND({annual}*{fraction_cell},2)", MONEY)
