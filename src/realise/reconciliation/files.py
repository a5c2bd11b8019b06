"""Published figures from a file: a CSV file (or the first sheet of an XLSX or ODS workbook) with
a heading row and one figure a line, read by the import's reader (its size limits, encodings and
checks). The columns, in any order, capitals and spaces aside:

    Table, Year, Row, Column, Amount, Unit, Where

Table, Row, Column and Amount are needed; Year for the tables of one year; Unit (£, £k or £m)
for figures in pounds printed in thousands or millions; Where is where the paper prints it. The
rules are the service's (``figures_set``); ``refusal_messages`` names the file, line and column
of each figure it refuses."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from realise.imports.cells import normal, text
from realise.imports.readers import ImportFileError, read_workbook
from realise.reconciliation.services import FigureIn, FiguresRefused

HEADINGS = {
    "table": "Table",
    "year": "Year",
    "row": "Row",
    "column": "Column",
    "amount": "Amount",
    "unit": "Unit",
    "where": "Where",
}
SYNONYMS = {"financial year": "year", "figure": "amount", "as printed": "amount", "page": "where"}
NEEDED = ("table", "row", "column", "amount")
# The column of the file each of the service's fields comes from.
FILE_COLUMN = {"printed": "Amount", "year": "Year", "table": "Table", "row": "Row"}
MOST_LINES = 2000


@dataclass(frozen=True)
class FileFigures:
    filename: str
    figures: tuple[FigureIn, ...]
    lines: tuple[int, ...]  # the line of the file each figure is on


def _columns(header: list[object], filename: str) -> dict[str, int]:
    found: dict[str, int] = {}
    for at, cell in enumerate(header):
        word = normal(text(cell))
        name = SYNONYMS.get(word, word)
        if name in HEADINGS and name not in found:
            found[name] = at
    missing = [HEADINGS[n] for n in NEEDED if n not in found]
    if missing:
        raise ImportFileError(
            f"{filename}, line 1: the heading row needs the columns {', '.join(missing)} "
            f"(the columns are {', '.join(HEADINGS.values())})"
        )
    return found


def figures_from_file(path: Path, filename: str | None = None) -> FileFigures:
    """The figures of the file at ``path`` (``filename`` is the name its user knows); an
    ``ImportFileError`` saying what is wrong with a file that cannot be read so."""
    name = filename or path.name
    book = read_workbook(path, name)
    try:
        if not book.sheets:
            raise ImportFileError(f"{name} has no sheet to read")
        rows = book.sheets[0].rows
        columns: dict[str, int] | None = None
        figures, lines = [], []
        for number, values in rows:
            if all(v is None or not text(v) for v in values):
                continue
            if columns is None:
                columns = _columns(values, name)
                continue
            cell = {k: text(values[i]) if i < len(values) else "" for k, i in columns.items()}
            figures.append(
                FigureIn(
                    table=cell["table"],
                    row=cell["row"],
                    column=cell["column"],
                    printed=cell["amount"],
                    year=cell.get("year") or None,
                    unit=cell.get("unit", ""),
                    where=cell.get("where", ""),
                )
            )
            lines.append(number)
            if len(figures) > MOST_LINES:
                raise ImportFileError(f"{name} has more than {MOST_LINES:,} figures")
    finally:
        book.close()
    if columns is None:
        raise ImportFileError(f"{name} is empty: it needs a heading row and a figure a line")
    if not figures:
        raise ImportFileError(f"{name} has a heading row and no figures under it")
    return FileFigures(name, tuple(figures), tuple(lines))


def refusal_messages(refused: FiguresRefused, read: FileFigures) -> list[str]:
    """Each refused figure's problem, named by the file, its line and its column."""
    return [
        f"{read.filename}, line {read.lines[p.index]}, column "
        f"{FILE_COLUMN.get(p.field, p.field.capitalize())}: {p.message}"
        for p in refused.problems
    ]
