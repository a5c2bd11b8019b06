"""Read a workbook (XLSX, ODS) or a CSV file as sheets of numbered rows of cell values.

XLSX and ODS are read with python-calamine; CSV is decoded as UTF-8 (with or without a byte-order
mark), then Windows-1252 with a notice; a text cell that an export quoted so that no spreadsheet
runs it as a formula ("'=...", see ``realise.core.spreadsheet_text``) reads without the quote. Any
file Realise cannot read raises ``ImportFileError`` with a plain message, never a library's
exception. A file over the limits in ``realise.core.limits`` (its size; for a workbook, its size
unpacked) is refused before it is read (``zipcheck``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from realise.core.limits import WorkbookLimits, size_text, workbook_limits
from realise.core.spreadsheet_text import from_csv
from realise.imports.zipcheck import WorkbookRefused, check_workbook, unreadable
from realise.reports.formats import LIST_FORMATS

Row = tuple[int, list[Any]]

FORMATS = tuple(f.value for f in LIST_FORMATS)  # what Realise exports, it reads back


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


def read_workbook(
    path: Path, filename: str | None = None, limits: WorkbookLimits | None = None
) -> Workbook:
    """The sheets of ``path``; ``filename`` is the name the user knows it by (for messages)."""
    name = filename or Path(path).name
    kind = file_format(name)
    limits = limits or workbook_limits()
    size = Path(path).stat().st_size
    if size > limits.max_file:
        raise ImportFileError(
            f"{name} is {size_text(size)}, and a file to import must be smaller than "
            f"{size_text(limits.max_file)}: save the rows in several smaller files and import "
            "each one"
        )
    if kind == "csv":
        return _read_csv(Path(path).read_bytes(), name)
    try:
        check_workbook(Path(path), name, kind, limits)
    except WorkbookRefused as refused:
        raise ImportFileError(str(refused)) from None
    return _read_book(path, name, kind)


# XLSX and ODS ----------------------------------------------------------------------------------
# Read with python-calamine (Rust): about thirty times faster than openpyxl's read-only mode, which
# is what makes a 50,000-row workbook import in seconds. See docs/adr/0010 (spreadsheet import).


def _read_book(path: Path, name: str, kind: str) -> Workbook:
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
        names = [m.name for m in book.sheets_metadata if _is_worksheet(m)]
    except Exception:  # calamine raises several kinds for a damaged or foreign file
        raise ImportFileError(unreadable(name, kind)) from None
    sheets = [Sheet(sheet, _sheet_rows(book, sheet, name)) for sheet in names]
    return Workbook(name, sheets, close=getattr(book, "close", lambda: None))


def _is_worksheet(meta: Any) -> bool:
    return "WorkSheet" in str(meta.typ)


def _sheet_rows(book: Any, sheet: str, name: str) -> Iterator[Row]:
    try:
        rows = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    except Exception:
        raise ImportFileError(
            f'{name}, sheet "{sheet}": the sheet is damaged: save the file again'
        ) from None
    for number, values in enumerate(rows, start=1):
        yield number, [None if v == "" else v for v in values]


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


_QUOTING: dict[str, Any] = {"quotechar": '"', "doublequote": True}


def _read_csv(data: bytes, name: str) -> Workbook:
    content, notices = decode(data, name)
    if "\x00" in content:
        raise ImportFileError(f"{name} is not a text file: save it again as CSV UTF-8")
    try:
        dialect: Any = csv.Sniffer().sniff(content[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    # The quote character is always the double quote (Excel's, LibreOffice's, ours): the sniffer
    # takes a single quote for one when it sees text between two of them, and exported text that
    # starts like a formula starts with a single quote.
    try:
        rows = list(csv.reader(io.StringIO(content, newline=""), dialect, **_QUOTING))
    except csv.Error as exc:
        raise ImportFileError(f"{name} is not a CSV file Realise can read: {exc}") from None
    numbered = [
        (i, [from_csv(v) if v != "" else None for v in row]) for i, row in enumerate(rows, start=1)
    ]
    return Workbook(name, [Sheet(None, iter(numbered))], notices)
