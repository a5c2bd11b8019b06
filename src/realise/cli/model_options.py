"""`realise model` for a format 2 case that format 1 cannot say (cost lines by kind, offsets,
benefit lines, optimism bias): each option's yearly table with a total for every line and
category, and the options compared. A format 2 file that says only what format 1 can is shown
exactly as format 1 is (``model.py``)."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from typing import Any

from rich.console import Console

from realise.core.spreadsheet_text import csv_cell
from realise.finance.appraisal.engine import OptionResult, compare
from realise.finance.appraisal.model import Appraisal, DiscountSchedule
from realise.finance.appraisal.tables import category_totals, option_rows
from realise.finance.money import format_money, pence
from realise.reports.context import Cell, Column, Table
from realise.reports.renderers.console import FittedTable


def print_options(target: Console, case: Appraisal, results: tuple[OptionResult, ...]) -> None:
    """Each option's table, category totals and payback and NPV, to the terminal or a file."""
    target.print(f"[bold]{case.organisation}: {case.title}[/]", highlight=False)
    for result in results:
        target.print(result.option.name, highlight=False, markup=False)
        target.print(option_table(case, result))
        target.print(totals_table(result))
        target.print(caption(case, result), highlight=False)


def written(case: Appraisal, results: tuple[OptionResult, ...], fmt: str) -> str:
    """The options as JSON or CSV text."""
    if fmt == "json":
        return json.dumps(options_json(case, results), indent=2) + "\n"
    return options_csv(case, results)


def rate_text(case: Appraisal) -> str:
    rate = case.discount_rate
    if isinstance(rate, DiscountSchedule):
        return "the Green Book rate (3.5%, 3.0% after year 30)"
    return f"{(rate * 100).normalize():f}%"


def _cell(value: Decimal | None, kind: str = "money") -> Cell:
    if value is None:
        return Cell(None, "")
    if kind == "factor":
        return Cell(value, f"{value:.4f}")
    if kind == "fte":
        return Cell(value, f"{value.normalize():f}")
    return Cell(value, format_money(pence(value), places=0))


def option_table(case: Appraisal, result: OptionResult) -> FittedTable:
    """One option's yearly table (£, whole pounds shown; exact in JSON and CSV)."""
    columns = (
        Column("£"),
        *(Column(year.short_label, numeric=True, unit="£") for year in case.years),
        Column("Total", numeric=True, unit="£"),
    )
    rows = tuple(
        (
            Cell(row.label, row.label),
            *(_cell(v, row.kind) for v in row.values),
            _cell(row.total, row.kind),
        )
        for row in option_rows(result)
    )
    return FittedTable(Table(f"option-{result.option.id}", "", columns, rows))


def totals_table(result: OptionResult) -> FittedTable:
    columns = (Column("Category"), Column("Total over the years", numeric=True, unit="£"))
    rows = tuple((Cell(label, label), _cell(total)) for label, total in category_totals(result))
    return FittedTable(Table(f"totals-{result.option.id}", "", columns, rows))


def caption(case: Appraisal, result: OptionResult) -> str:
    npv = format_money(pence(result.npv), places=0)
    return f"Payback: {result.payback.text}.  NPV at {rate_text(case)}: {npv}"


def compare_table(case: Appraisal, results: tuple[OptionResult, ...]) -> FittedTable:
    versus = {c.option.option.id: c for c in compare(case, results)}
    headings = ("Total cost", "Budgets released", "Total benefits", "Net", "NPV")
    columns = (
        Column("Option"),
        *(Column(h, numeric=True, unit="£") for h in headings),
        Column("Payback"),
        Column("NPV against do nothing", numeric=True, unit="£"),
    )
    rows = []
    for r in results:
        marks = " (preferred)" if r.option.preferred else ""
        money = (r.total_cost, r.total_offsets, r.total_benefits, r.total_net, r.npv)
        against = versus.get(r.option.id)
        rows.append(
            (
                Cell(r.option.name + marks, r.option.name + marks),
                *(_cell(v) for v in money),
                Cell(r.payback.text, r.payback.text),
                _cell(against.npv) if against else Cell(None, "–"),
            )
        )
    return FittedTable(Table("compare", "", columns, tuple(rows)))


def _money(value: Decimal) -> str:
    return f"{pence(value):f}"


def options_json(case: Appraisal, results: tuple[OptionResult, ...]) -> dict[str, Any]:
    """`realise model run --format json` for a format 2 case: exact pounds and pence."""
    return {
        "options": [
            {
                "id": r.option.id,
                "name": r.option.name,
                "preferred": r.option.preferred,
                "do_nothing": r.option.do_nothing,
                "payback_year": r.payback.year.start if r.payback.year else None,
                "payback": r.payback.text,
                "npv": _money(r.npv),
                "lines": [
                    {
                        "group": line.group,
                        "id": line.id,
                        "name": line.name,
                        "category": line.category,
                        "directorate": line.directorate,
                        "amounts": [_money(a) for a in line.amounts],
                        "total": _money(line.total),
                    }
                    for line in r.lines
                ],
                "years": [
                    {
                        "year": y.year.start,
                        "label": y.year.label,
                        "cost": _money(y.cost),
                        "offsets": _money(y.offsets),
                        "benefits": _money(y.benefits),
                        "net": _money(y.net),
                        "cumulative_net": _money(y.cumulative_net),
                        "present_value": _money(y.present_value),
                    }
                    for y in r.years
                ],
            }
            for r in results
        ]
    }


def options_csv(case: Appraisal, results: tuple[OptionResult, ...]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["option", "row", *(y.label for y in case.years), "total"])
    for r in results:
        for row in option_rows(r):
            values = [f"{v:f}" if row.kind != "money" else _money(v) for v in row.values]
            total = "" if row.total is None else _money(row.total)
            writer.writerow([csv_cell(r.option.id), csv_cell(row.label), *values, total])
    return out.getvalue()
