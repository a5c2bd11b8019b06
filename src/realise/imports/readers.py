"""Read a workbook (XLSX, ODS) or a CSV file as sheets of numbered rows of cell values.

XLSX is streamed with openpyxl's read-only mode; ODS is read with odfpy; CSV is decoded as UTF-8
(with or without a byte-order mark), then Windows-1252 with a notice. Any file Realise cannot read
raises ``ImportFileError`` with a plain message, never a library's exception.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

Row = tuple[int, list[Any]]

FORMATS = ("xlsx", "ods", "csv")


class ImportFileError(ValueError):
    """A file Realise cannot read at all."""


@dataclass
class Sheet:
    """One sheet: ``name`` is None for a CSV file; ``rows`` yields (row number, values)."""

    name: str | None
    rows: Iterator[Row]


@dataclass
class Workbook:
    filename: str
    sheets: list[Sheet]
    notices: list[str] = field(default_factory=list)
    close: Callable[[], None] = lambda: None


def file_format(filename: str) -> str:
    suffix = Path(filename).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise ImportFileError(
            f"{filename}: Realise reads .xlsx, .ods and .csv files, not "
            f"{'.' + suffix if suffix else 'files without an extension'}"
        )
    return suffix


def read_workbook(path: Path, filename: str | None = None) -> Workbook:
    """The sheets of ``path``; ``filename`` is the name the user knows it by (for messages)."""
    name = filename or Path(path).name
    kind = file_format(name)
    if kind == "csv":
        return _read_csv(Path(path).read_bytes(), name)
    if kind == "ods":
        return _read_ods(path, name)
    return _read_xlsx(path, name)


# XLSX -------------------------------------------------------------------------------------------


def _read_xlsx(path: Path, name: str) -> Workbook:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged or foreign file
        raise ImportFileError(
            f"{name} is not an Excel workbook Realise can read: save it again as .xlsx"
        ) from None
    sheets = []
    for ws in book.worksheets:
        sheets.append(Sheet(ws.title, _xlsx_rows(ws, name)))
    return Workbook(name, sheets, close=book.close)


def _xlsx_rows(ws: Any, name: str) -> Iterator[Row]:
    try:
        ws.reset_dimensions()
        for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
            yield number, list(values)
    except Exception:
        raise ImportFileError(
            f'{name}, sheet "{ws.title}": the sheet is damaged: save the workbook again as .xlsx'
        ) from None


# ODS --------------------------------------------------------------------------------------------

# A sheet with a million repeated empty rows is how spreadsheets pad to the bottom: stop there.
_MAX_REPEAT = 1000


def _read_ods(path: Path, name: str) -> Workbook:
    try:
        from odf.opendocument import load
        from odf.table import Table

        doc = load(str(path))
        tables = doc.spreadsheet.getElementsByType(Table)
    except Exception:
        raise ImportFileError(
            f"{name} is not an OpenDocument spreadsheet Realise can read: save it again as .ods"
        ) from None
    return Workbook(name, [Sheet(str(t.getAttribute("name")), _ods_rows(t, name)) for t in tables])


def _ods_rows(table: Any, name: str) -> Iterator[Row]:
    from odf.table import TableRow

    number = 0
    try:
        for row in table.getElementsByType(TableRow):
            values = _ods_cells(row)
            repeat = int(row.getAttribute("numberrowsrepeated") or 1)
            if not any(v is not None for v in values):
                number += repeat
                continue
            for _ in range(min(repeat, _MAX_REPEAT)):
                number += 1
                yield number, list(values)
    except ImportFileError:
        raise
    except Exception:
        raise ImportFileError(
            f'{name}, sheet "{table.getAttribute("name")}": the sheet is damaged: save it again'
        ) from None


def _ods_cells(row: Any) -> list[Any]:
    values: list[Any] = []
    for cell in row.childNodes:
        if cell.qname[1] not in ("table-cell", "covered-table-cell"):
            continue
        value = _ods_value(cell)
        repeat = int(cell.getAttribute("numbercolumnsrepeated") or 1)
        values.extend([value] * (min(repeat, _MAX_REPEAT) if value is not None else repeat))
        if len(values) > 16384:
            break
    while values and values[-1] is None:
        values.pop()
    return values


def _ods_value(cell: Any) -> Any:
    kind = cell.getAttribute("valuetype")
    try:
        if kind in ("float", "currency", "percentage"):
            return Decimal(cell.getAttribute("value"))
        if kind == "date":
            raw = cell.getAttribute("datevalue")
            return datetime.fromisoformat(raw) if "T" in raw else date.fromisoformat(raw)
        if kind == "boolean":
            return cell.getAttribute("booleanvalue") == "true"
    except (InvalidOperation, ValueError, TypeError):
        pass
    content = _ods_text(cell)
    return content if content else None


def _ods_text(cell: Any) -> str:
    from odf import teletype
    from odf.text import P

    return "\n".join(teletype.extractText(p) for p in cell.getElementsByType(P))


# CSV --------------------------------------------------------------------------------------------


def decode(data: bytes, name: str) -> tuple[str, list[str]]:
    """UTF-8 (a byte-order mark is fine), UTF-16 with a mark, else Windows-1252 with a notice."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    try:
        content = data.decode("cp1252")
    except UnicodeDecodeError:
        raise ImportFileError(
            f"{name} is neither UTF-8 nor Windows-1252 text: in Excel, save it as "
            '"CSV UTF-8 (Comma delimited)"'
        ) from None
    return content, [
        f"{name} is not UTF-8, so Realise read it as Windows-1252 (Excel's older CSV): "
        "check that £ signs and accented letters look right in the preview"
    ]


def _read_csv(data: bytes, name: str) -> Workbook:
    content, notices = decode(data, name)
    if "\x00" in content:
        raise ImportFileError(f"{name} is not a text file: save it again as CSV UTF-8")
    try:
        dialect: Any = csv.Sniffer().sniff(content[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = list(csv.reader(io.StringIO(content, newline=""), dialect))
    except csv.Error as exc:
        raise ImportFileError(f"{name} is not a CSV file Realise can read: {exc}") from None
    numbered = [(i, [v if v != "" else None for v in row]) for i, row in enumerate(rows, start=1)]
    return Workbook(name, [Sheet(None, iter(numbered))], notices)


def is_zip(path: Path) -> bool:
    return zipfile.is_zipfile(path)
