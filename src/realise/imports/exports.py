"""Export any list as XLSX, ODS or CSV. ``export_rows`` gives headings and rows (the API calls it);
the writers turn them into bytes. The headings are the import headings, so an export imports back
unchanged. Text is written so that no spreadsheet runs it as a formula
(``realise.core.spreadsheet_text``; the CSV reader undoes the CSV quote)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from realise.core.spreadsheet_text import csv_cell, keep_as_text, ods_text_cell
from realise.imports.kinds import kind_named
from realise.portfolio.models import Organisation
from realise.reports.formats import Format, list_format

Headings = list[str]
Rows = list[list[Any]]


def export_rows(kind: str, organisation: Organisation) -> tuple[Headings, Rows]:
    """The headings and rows of one kind of list for ``organisation``, in a stable order."""
    spec = kind_named(kind)
    headings = [c.heading for c in spec.columns]
    rows = [[c.export(obj) for c in spec.columns] for obj in spec.rows(organisation).order_by("pk")]
    return headings, rows


def _cell_text(value: Any) -> str:
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return "" if value is None else str(value)


def write_csv(headings: Headings, rows: Rows, *, title: str = "") -> bytes:
    """UTF-8 with a byte-order mark, so Excel shows £ signs correctly. Text starting like a
    formula gets a quote (numbers are never text, so -12500.00 stays as it is)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow([csv_cell(h) for h in headings])
    writer.writerows([_cell_text(csv_cell(v)) for v in row] for row in rows)
    return out.getvalue().encode("utf-8-sig")


def write_xlsx(headings: Headings, rows: Rows, *, title: str = "Export") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook(write_only=False)
    sheet = book.active
    sheet.title = title[:31]
    sheet.append(headings)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_xlsx_value(v) for v in row])
    for cells in sheet.iter_rows():
        for cell in cells:
            keep_as_text(cell)
    _format_columns(sheet, rows)
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_value(value: Any) -> Any:
    return value if value != "" else None


def _format_columns(sheet: Any, rows: Rows) -> None:
    from openpyxl.utils import get_column_letter

    for index in range(sheet.max_column):
        letter = get_column_letter(index + 1)
        sheet.column_dimensions[letter].width = 18
        sample = next((r[index] for r in rows if r[index] not in ("", None)), None)
        fmt = _number_format(sample)
        if fmt:
            for cell in sheet[letter][1:]:
                cell.number_format = fmt


def _number_format(sample: Any) -> str | None:
    if isinstance(sample, Decimal):
        return "£#,##0.00;-£#,##0.00"
    if isinstance(sample, date | datetime):
        return "DD/MM/YYYY"
    return None


def write_ods(headings: Headings, rows: Rows, *, title: str = "Export") -> bytes:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table

    doc = OpenDocumentSpreadsheet()
    table = Table(name=title[:31])
    table.addElement(_ods_row(headings))
    for row in rows:
        table.addElement(_ods_row(row))
    doc.spreadsheet.addElement(table)
    out = io.BytesIO()
    doc.write(out)
    return out.getvalue()


def _ods_row(values: Iterable[Any]) -> Any:
    from odf.table import TableCell, TableRow
    from odf.text import P

    row = TableRow()
    for value in values:
        if isinstance(value, int | Decimal) and not isinstance(value, bool):
            cell = TableCell(valuetype="float", value=str(value))
        elif isinstance(value, date):
            cell = TableCell(valuetype="date", datevalue=value.isoformat())
        else:
            row.addElement(ods_text_cell(_cell_text(value)))
            continue
        cell.addElement(P(text=_cell_text(value)))
        row.addElement(cell)
    return row


WRITERS: dict[Format, Callable[..., bytes]] = {
    Format.xlsx: write_xlsx,
    Format.ods: write_ods,
    Format.csv: write_csv,
}


def export_file(kind: str, organisation: Organisation, fmt: str) -> bytes:
    """One list as a file in ``fmt``, one of ``LIST_FORMATS`` (xlsx, ods or csv)."""
    writer = WRITERS[list_format(fmt)]
    headings, rows = export_rows(kind, organisation)
    return writer(headings, rows, title=kind_named(kind).label)
