"""CSV for open data: one file per table, UTF-8 with a byte-order mark so Excel opens "£" and
accented names correctly (other tools ignore it). One table gives one .csv; more give a .zip of
them with a README naming each file. Figures are plain numbers in the unit of their column's
heading (pounds and pence; £ million, exact, for "£m" columns; per cent to two places), without
thousands separators or currency signs; a total row is labelled "Total". Text that starts like a
formula (=, +, -, @, tab, carriage return) gets a single quote before it, so no spreadsheet runs
it (``realise.core.spreadsheet_text``); figures are numbers and never get one."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from realise.core.spreadsheet_text import csv_cell
from realise.reports.context import Report, Table

BOM = "\ufeff"


def table_csv(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([csv_cell(c.heading) for c in table.columns])
    rows = [*table.rows, *((table.total,) if table.total else ())]
    for row in rows:
        writer.writerow(
            [
                _plain(column.figure(cell), column.unit_of(cell))
                if cell.numeric
                else csv_cell(cell.text)
                for cell, column in zip(row, table.columns, strict=True)
            ]
        )
    return BOM + out.getvalue()


# A percentage is a ratio with no end (78.263325479...): CSV gives it to two places, rounded
# half up once, here. Money is exact already (whole pence, or pounds over a million).
PERCENT_PLACES = Decimal("0.01")


def _plain(value: object, unit: str) -> str:
    if isinstance(value, int):
        return str(value)
    if unit == "%" and isinstance(value, Decimal):
        value = value.quantize(PERCENT_PLACES, rounding=ROUND_HALF_UP)
    return f"{value:f}"


def file_names(report: Report) -> list[tuple[str, Table]]:
    seen: set[str] = set()
    named = []
    for table in report.tables():
        name, n = f"{table.key}.csv", 2
        while name in seen:
            name, n = f"{table.key}-{n}.csv", n + 1
        seen.add(name)
        named.append((name, table))
    return named


def render_csv(report: Report, *, now: datetime | None = None) -> tuple[bytes, str]:
    """The CSV bytes and their extension: "csv" for one table, "zip" for several."""
    named = file_names(report)
    if len(named) == 1:
        return table_csv(named[0][1]).encode("utf-8"), "csv"
    stamp = (now or datetime.now()).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        readme = [f"{report.organisation}: {report.title} ({report.dated})", ""]
        for name, table in named:
            archive.writestr(zipfile.ZipInfo(name, stamp), table_csv(table).encode("utf-8"))
            readme.append(f"{name}: {table.title}")
        archive.writestr(zipfile.ZipInfo("README.txt", stamp), "\n".join(readme) + "\n")
    return out.getvalue(), "zip"
