"""One option's sheet: each line year by year as a formula over the Inputs sheet, then the
option's totals, net, cumulative net, discount factors, present values, NPV and payback.

The formulas follow ``realise.finance.appraisal.engine`` and ``profiles``: each line's amount in a
year is rounded to the penny once (a phased total allocated by its cumulative share), optimism
bias is worked out on that amount and rounded once more, and every total is a sum of those.
Rows are tagged in column C (``Cost``, ``Cost OB``, ``Offset``, ``Benefit``, ``Benefit OB``)
and the totals add rows by their tag, so a line added by hand with a tag counts too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl.utils import get_column_letter

from realise.finance.appraisal.engine import BENEFIT, OptionResult
from realise.finance.appraisal.model import (
    Amounts,
    Annual,
    Appraisal,
    BenefitLine,
    CostLine,
    Offset,
    Option,
    PercentOf,
    Phased,
    Ramp,
    Staged,
)
from realise.finance.casefile import workbook_layout as L
from realise.finance.scenario import NO_COST, NOT_PAID_BACK
from realise.reports.case_workbook.appraisal_inputs import Places, year_letter
from realise.reports.case_workbook.cells import (
    FACTOR,
    MONEY,
    PERCENT,
    _header,
    _put,
    _Sheet,
    _Text,
    _widths,
)

FIRST_YEAR_COL = 5  # column E
HEADER_ROW, T_ROW, FIRST_LINE_ROW = 4, 5, 7
_TOTALS = (
    ("cost_written", "Cost as written", MONEY),
    ("cost_bias", "Optimism bias on costs", MONEY),
    ("cost", "Cost", MONEY),
    ("offsets", "Budgets released (offsets)", MONEY),
    ("net_cost", "Net cost", MONEY),
    ("benefits_written", "Benefits as written", MONEY),
    ("benefit_bias", "Optimism bias on benefits", MONEY),
    ("benefits", "Benefits", MONEY),
    ("cash_benefits", "Of which cashable and income", MONEY),
    ("net", "Net (benefits less net cost)", MONEY),
    ("cum_net", "Cumulative net", MONEY),
    ("cum_cost", "Cumulative cost", MONEY),
    ("cash_net", "Cash net (cashable and income less net cost)", MONEY),
    ("cum_cash_net", "Cumulative cash net", MONEY),
    ("factor", "Discount factor", FACTOR),
    ("pv", "Present value of net", MONEY),
    ("paid", "Paid back by year end (1 = yes)", "0"),
    ("cash_paid", "Cash paid back by year end (1 = yes)", "0"),
)
_RESULTS = (
    ("npv", "Net present value", MONEY),
    ("cash_npv", "Cash net present value", MONEY),
    ("payback", "Payback", "@"),
    ("cash_payback", "Cash payback", "@"),
)


@dataclass(frozen=True)
class OptionSheet:
    """Where an option sheet's results sit, for the Summary sheet."""

    option: Option
    sheet: str
    rows: dict[str, int]  # _TOTALS and _RESULTS keys -> row
    years: int

    def year_col(self, index: int) -> str:
        return get_column_letter(FIRST_YEAR_COL + index)

    @property
    def total_col(self) -> str:
        return get_column_letter(FIRST_YEAR_COL + self.years)

    @property
    def result_col(self) -> str:
        return get_column_letter(FIRST_YEAR_COL)


def _inputs(col: str, row: int) -> str:
    return f"Inputs!${col}${row}"


class _Writer:
    def __init__(self, ws: _Sheet, case: Appraisal, places: Places, option: Option) -> None:
        self.ws, self.case, self.places, self.option = ws, case, places, option
        self.n = case.year_count
        self.row = FIRST_LINE_ROW
        option_row = places.options[option.id]
        self.ob_costs = self._bias("F", option_row, "optimism_bias.costs")
        self.ob_benefits = self._bias("G", option_row, "optimism_bias.benefits")
        first, last = L.YEAR_COLUMN, L.YEAR_COLUMN + self.n - 1
        years_row = places.years_row
        self.years = (
            f"Inputs!${get_column_letter(first)}${years_row}:${get_column_letter(last)}${years_row}"
        )

    def _bias(self, col: str, option_row: int, key: str) -> str:
        own, case = _inputs(col, option_row), _inputs("B", self.places.settings[key])
        return f'IF({own}="",{case},{own})'

    def col(self, index: int) -> str:
        return get_column_letter(FIRST_YEAR_COL + index)

    def put_row(
        self,
        label: str,
        line_id: str,
        tag: str,
        cash: str,
        cells: Sequence[object],
        fmt: str = MONEY,
    ) -> int:
        row = self.row
        _put(self.ws, row, 1, _Text(label))
        _put(self.ws, row, 2, _Text(line_id))
        _put(self.ws, row, 3, tag)
        _put(self.ws, row, 4, cash)
        for index, cell in enumerate(cells):
            _put(self.ws, row, FIRST_YEAR_COL + index, cell, fmt)
        if fmt == MONEY:
            total = f"=SUM({self.col(0)}{row}:{self.col(self.n - 1)}{row})"
            _put(self.ws, row, FIRST_YEAR_COL + self.n, total, MONEY, kind="bold")
        self.row += 1
        return row

    # Lines ------------------------------------------------------------------------------------

    def line(self, group: str, line: CostLine | Offset | BenefitLine) -> None:
        r = self.places.lines[(self.option.id, group, line.id)]
        profile = line.profile
        tag = {"cost": "Cost", "offset": "Offset", "benefit": "Benefit"}[group]
        cash = ""
        if group == "benefit":
            kind = _inputs("E", r)
            cash = f'=IF(OR({kind}="cashable",{kind}="income"),"Yes","No")'
        share_row = None
        if isinstance(profile, Phased | Ramp | Staged):
            share_row = self.put_row(
                f"{line.name}: share to date", line.id, "", "", self._shares(profile, r), PERCENT
            )
        full = f"${get_column_letter(FIRST_YEAR_COL + self.n + 1)}${self.row}"
        cells = [self._amount(profile, r, index, share_row, full) for index in range(self.n)]
        amount_row = self.put_row(line.name, line.id, tag, cash, cells)
        if isinstance(profile, Ramp | Staged):
            _put(self.ws, amount_row, FIRST_YEAR_COL + self.n + 1, self._full(profile, r), MONEY)
        if group == "cost":
            uplift = [f"=ROUND({self.col(i)}{amount_row}*{self.ob_costs},2)" for i in range(self.n)]
            self.put_row(f"{line.name}: optimism bias", line.id, "Cost OB", "", uplift)
        elif group == "benefit":
            haircut = [
                f"=-ROUND({self.col(i)}{amount_row}*{self.ob_benefits},2)" for i in range(self.n)
            ]
            self.put_row(f"{line.name}: optimism bias", line.id, "Benefit OB", cash, haircut)

    def released(self, result: OptionResult) -> None:
        """Format 1's layers released on dates: figures Realise worked out, not formulas."""
        for line in result.group(BENEFIT):
            if line.id.startswith("layer:"):
                label = f"{line.name} (released on dates: figures from Realise)"
                self.put_row(label, line.id, "Benefit", "Yes", list(line.written))

    def _shares(self, profile: Phased | Ramp | Staged, r: int) -> list[str]:
        cells = []
        for index in range(self.n):
            given = _inputs(year_letter(index), r)
            before = f"{self.col(index - 1)}{self.row}" if index else "0"
            if isinstance(profile, Ramp):
                cells.append(f'=IF({given}="",{before},{given})')
            else:
                cells.append(f"={before}+N({given})")
        return cells

    def _amount(self, profile: object, r: int, index: int, share_row: int | None, full: str) -> str:
        if isinstance(profile, Amounts):
            return f"=ROUND(N({_inputs(year_letter(index), r)}),2)"
        if isinstance(profile, Annual):
            first = f"MATCH({_inputs('M', r)},{self.years},0)-1"
            last = (
                f'IF({_inputs("N", r)}="",{self.n - 1},MATCH({_inputs("N", r)},{self.years},0)-1)'
            )
            amount = f"ROUND({_inputs('I', r)},2)"
            return f"=IF(AND({index}>={first},{index}<={last}),{amount},0)"
        share = f"{self.col(index)}{share_row}"
        if isinstance(profile, Phased):
            total = f"ROUND({_inputs('I', r)},2)"
            before = f"-ROUND({total}*{self.col(index - 1)}{share_row},2)" if index else ""
            return f"=ROUND({total}*{share},2){before}"
        return f"=ROUND({full}*{share},2)"

    def _full(self, profile: Ramp | Staged, r: int) -> str:
        if not isinstance(profile.full_value, PercentOf):
            return f"=ROUND({_inputs('I', r)},2)"
        first, last = self.places.baselines
        ids = f"Inputs!$A${first}:$A${max(first, last)}"
        amounts = f"Inputs!$C${first}:$C${max(first, last)}"
        retention = f'IF({_inputs("L", r)}="",1,{_inputs("L", r)})'
        baseline = f"INDEX({amounts},MATCH({_inputs('J', r)},{ids},0))"
        return f"=ROUND({baseline}*{_inputs('K', r)}*{retention},2)"

    # Totals -----------------------------------------------------------------------------------

    def totals(self) -> dict[str, int]:
        first, last = FIRST_LINE_ROW, max(FIRST_LINE_ROW, self.row - 1)
        self.row += 1
        rows = {key: self.row + offset for offset, (key, _, _) in enumerate(_TOTALS)}
        rate = _inputs("B", self.places.settings["discount_rate"])
        for key, label, fmt in _TOTALS:
            cells = []
            for index in range(self.n):
                c = self.col(index)
                here = {k: f"{c}{row}" for k, row in rows.items()}
                before = {k: f"{self.col(index - 1)}{row}" for k, row in rows.items()}

                def tagged(tag: str, cash: bool = False, c: str = c) -> str:
                    where = f'${c}${first}:${c}${last},$C${first}:$C${last},"{tag}"'
                    if cash:
                        where += f',$D${first}:$D${last},"Yes"'
                    return f"SUMIFS({where})"

                def running(key: str, value: str, index: int = index, before=before) -> str:
                    return f"={before[key]}+{value}" if index else f"={value}"

                last_col = self.col(self.n - 1)
                t = f"{c}${T_ROW}"
                cells.append(
                    {
                        "cost_written": f"={tagged('Cost')}",
                        "cost_bias": f"={tagged('Cost OB')}",
                        "cost": f"={here['cost_written']}+{here['cost_bias']}",
                        "offsets": f"={tagged('Offset')}",
                        "net_cost": f"={here['cost']}-{here['offsets']}",
                        "benefits_written": f"={tagged('Benefit')}",
                        "benefit_bias": f"={tagged('Benefit OB')}",
                        "benefits": f"={here['benefits_written']}+{here['benefit_bias']}",
                        "cash_benefits": f"={tagged('Benefit', True)}+{tagged('Benefit OB', True)}",
                        "net": f"={here['benefits']}-{here['net_cost']}",
                        "cum_net": running("cum_net", here["net"]),
                        "cum_cost": running("cum_cost", here["cost"]),
                        "cash_net": f"={here['cash_benefits']}-{here['net_cost']}",
                        "cum_cash_net": running("cum_cash_net", here["cash_net"]),
                        "factor": f"=IF(ISNUMBER({rate}),1/(1+{rate})^{t},"
                        f"1/(1.035^MIN({t},30)*1.03^MAX({t}-30,0)))",
                        "pv": f"={here['net']}*{here['factor']}",
                        "paid": f"=IF(AND({here['cum_cost']}>0,"
                        f"MIN({here['cum_net']}:{last_col}{rows['cum_net']})>=0),1,0)",
                        "cash_paid": f"=IF(AND({here['cum_cost']}>0,"
                        f"MIN({here['cum_cash_net']}:{last_col}{rows['cum_cash_net']})>=0),1,0)",
                    }[key]
                )
            kind = "total" if key in ("cost", "benefits", "net", "cum_net") else "plain"
            self._total_row(rows[key], label, cells, fmt, kind, sums=key in _SUMMED)
        self.row = rows[_TOTALS[-1][0]] + 2
        return rows | self._results(rows)

    def _total_row(
        self, row: int, label: str, cells: list[str], fmt: str, kind: str, *, sums: bool
    ) -> None:
        _put(self.ws, row, 1, label, kind="bold")
        for index, cell in enumerate(cells):
            _put(self.ws, row, FIRST_YEAR_COL + index, cell, fmt, kind=kind)
        if sums:
            total = f"=SUM({self.col(0)}{row}:{self.col(self.n - 1)}{row})"
            _put(self.ws, row, FIRST_YEAR_COL + self.n, total, fmt, kind="bold")

    def _results(self, rows: dict[str, int]) -> dict[str, int]:
        out = {}
        first, last = self.col(0), self.col(self.n - 1)
        labels = f"${first}${HEADER_ROW}:${last}${HEADER_ROW}"

        def span(key: str) -> str:
            return f"{first}{rows[key]}:{last}{rows[key]}"

        def payback(paid: str) -> str:
            return (
                f'=IF({last}{rows["cum_cost"]}<=0,"{NO_COST}",IF(SUM({span(paid)})=0,'
                f'"{NOT_PAID_BACK}",INDEX({labels},MATCH(1,{span(paid)},0))))'
            )

        formulas = {
            "npv": f"=SUM({span('pv')})",
            "cash_npv": f"=SUMPRODUCT({span('cash_net')},{span('factor')})",
            "payback": payback("paid"),
            "cash_payback": payback("cash_paid"),
        }
        for key, label, fmt in _RESULTS:
            _put(self.ws, self.row, 1, label, kind="bold")
            _put(self.ws, self.row, FIRST_YEAR_COL, formulas[key], fmt, kind="total")
            out[key] = self.row
            self.row += 1
        return out


_SUMMED = {
    "cost_written",
    "cost_bias",
    "cost",
    "offsets",
    "net_cost",
    "benefits_written",
    "benefit_bias",
    "benefits",
    "cash_benefits",
    "net",
    "cash_net",
    "pv",
}


def write_option(
    ws: _Sheet, name: str, case: Appraisal, places: Places, result: OptionResult
) -> OptionSheet:
    option = result.option
    writer = _Writer(ws, case, places, option)
    _put(ws, 1, 1, _Text(f"{option.name}: year by year"), kind="title")
    _put(
        ws,
        2,
        1,
        "Every figure is a formula over the Inputs sheet: change an input there and this sheet "
        "recalculates. Money is in pounds.",
        kind="note",
    )
    for col, heading in enumerate(("Line", "ID", "Adds to", "Cash"), start=1):
        _header(ws, HEADER_ROW, col, heading)
    for index in range(case.year_count):
        letter = year_letter(index)
        _header(ws, HEADER_ROW, FIRST_YEAR_COL + index, f"=Inputs!${letter}${places.years_row}")
        _put(ws, T_ROW, FIRST_YEAR_COL + index, index, "0")
    _header(ws, HEADER_ROW, FIRST_YEAR_COL + case.year_count, "Total")
    _header(ws, HEADER_ROW, FIRST_YEAR_COL + case.year_count + 1, "Full annual value")
    _put(ws, T_ROW, 1, "Discount year (t)", kind="bold")
    for line in option.costs:
        writer.line("cost", line)
    for offset in option.offsets:
        writer.line("offset", offset)
    writer.released(result)
    for benefit in option.benefits:
        writer.line("benefit", benefit)
    rows = writer.totals()
    _widths(ws, [(1, 44), (2, 14), (3, 11), (4, 7)])
    _widths(ws, [(FIRST_YEAR_COL + i, 16) for i in range(case.year_count + 2)])
    ws.freeze(FIRST_LINE_ROW, FIRST_YEAR_COL)
    return OptionSheet(option, name, rows, case.year_count)
