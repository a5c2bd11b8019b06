"""CSV for open data: one file per table, written by the shared CSV writer
(``realise.reports.spreadsheets.csv``: UTF-8 with a byte-order mark, plain figures, text that
never runs as a formula). One table gives one .csv; more give a .zip of them with a README naming
each file; a total row is labelled "Total"."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from realise.reports.context import Report, Table
from realise.reports.spreadsheets.csv import table_csv

__all__ = ["file_names", "render_csv", "table_csv"]


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
