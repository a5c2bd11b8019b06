"""How `realise model check` shows the audit of a case's printed figures: a table for the
terminal and the documented JSON."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from realise.finance.audit import AuditReport
from realise.reports.context import Cell, Column, Table
from realise.reports.renderers.console import FittedTable


def _text(text: str) -> Cell:
    return Cell(text, text)


def _figure(value: Decimal, text: str) -> Cell:
    return Cell(value, text)


def report_table(report: AuditReport) -> FittedTable:
    columns = (
        Column("Figure"),
        Column("Where it is printed"),
        Column("Printed", numeric=True),
        Column("Computed", numeric=True),
        Column("Difference", numeric=True),
        Column("Check"),
    )
    rows = []
    for f in report.findings:
        where = f"{f.where} (line {f.line})" if f.line else f.where
        unit = "" if f.unit == "£" else f" {f.unit}"
        check = f.kind + (f"; {f.note}" if f.note else "")
        expected = _shown(f.expected, f.tolerance)
        difference = _shown(f.difference, f.tolerance)
        rows.append(
            (
                _text(f.figure),
                _text(where),
                _figure(f.printed, f"{f.printed:,f}{unit}"),
                _figure(expected, f"{expected:,f}{unit}"),
                _figure(difference, f"{difference:+,f}"),
                _text(check),
            )
        )
    return FittedTable(Table("findings", "", columns, tuple(rows)))


def _shown(value: Decimal, tolerance: Decimal) -> Decimal:
    """A computed value to two more places than the figure was printed to."""
    places = max(-(tolerance * 2).normalize().as_tuple().exponent, 0) + 2  # type: ignore[operator]
    return value.quantize(Decimal(1).scaleb(-places))


def _plain(value: Decimal) -> Decimal:
    return (
        value.quantize(Decimal("0.0001")).normalize() if value.as_tuple().exponent != 0 else value
    )


def report_json(report: AuditReport) -> dict[str, Any]:
    return {
        "clean": report.clean,
        "figures_checked": report.figures_checked,
        "sums_checked": report.sums_checked,
        "summary": report.summary,
        "findings": [
            {
                "figure": f.figure,
                "where": f.where,
                "line": f.line,
                "unit": f.unit,
                "check": f.kind,
                "printed": f"{f.printed:f}",
                "computed": f"{_plain(f.expected):f}",
                "difference": f"{_plain(f.difference):f}",
                "allowed": f"{_plain(f.tolerance):f}",
                "note": f.note,
            }
            for f in report.findings
        ],
    }
