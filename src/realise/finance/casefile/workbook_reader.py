"""Reading back the workbook of a format 2 case (``workbook_layout`` says where everything is):
its Inputs sheet's settings, financial years and tables, and its Other sections sheet, as the
format 2 file they stand for.

``read_case_workbook`` takes the workbook's sheets as rows of cell values (as python-calamine or
openpyxl gives them), builds the format 2 document, writes it as YAML text and reads that back
with the format 2 reader, so the text it returns is a case Realise accepts. Every problem, its own
and the case-file reader's, is named by its place in the workbook: the file, the sheet, the row,
the column's letter and heading (``case.xlsx, sheet "Inputs", row 23, column O (2026/27):
expected an amount in pounds, found "ten"``). The option sheets and the summary are formulas
from the inputs and are never read.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from realise.finance.appraisal.document import FORMAT_2, dump
from realise.finance.bounds import CaseLimits
from realise.finance.calendar import FinancialYear
from realise.finance.casefile.format2 import KEYS, parse_appraisal
from realise.finance.casefile.loader import YamlList, YamlMap
from realise.finance.casefile.reader import CaseFileError, FileProblem, Reader
from realise.finance.casefile.workbook_cells import Place, Problems, cell, found
from realise.finance.casefile.workbook_layout import (
    BASELINE_COLUMNS,
    BASELINES,
    GREEN_BOOK_TEXT,
    INPUTS,
    LINES,
    MARKER_LABEL,
    OPTION_COLUMNS,
    OPTIONS,
    OTHER,
    OTHER_FIRST_ROW,
    SETTINGS,
    WORKBOOK_FORMAT,
    YEAR_COLUMN,
    YEARS_LABEL,
)
from realise.finance.casefile.workbook_lines import Table, read_lines, read_table
from realise.finance.model import Path

Rows = Sequence[Sequence[Any]]
# What the Other sections sheet may hold: the sections the Inputs tables cannot show.
OTHER_KEYS = ("presentation", "layers", "levels", "options", "other_benefits", "published")
_FORMAT_1_SIGNS = ("Layers and savings levels", "Savings level id")


def read_case_workbook(
    sheets: Mapping[str, Rows], *, source: str, limits: CaseLimits | None = None
) -> str:
    """The format 2 text of the case in a case workbook; ``CaseFileError`` with every problem,
    each naming its sheet, row and column, if it cannot be read or is not a sound case."""
    problems = Problems(source)
    rows = _inputs(sheets, source)
    document = _Inputs(problems, rows).document()
    if OTHER in sheets:
        _other_sections(problems, sheets[OTHER], document, limits or CaseLimits())
    if problems.found:
        raise problems.error()
    text = dump(_ordered(document, KEYS["case"]))
    try:
        parse_appraisal(text, source=source, limits=limits)
    except CaseFileError as error:
        for problem in error.problems:
            problems.add(problems.place_of(problem.path), problem.message)
        raise problems.error() from None
    return text


def _inputs(sheets: Mapping[str, Rows], source: str) -> Rows:
    """The Inputs sheet of a workbook that says it is a format 2 case workbook; else a
    ``CaseFileError`` saying what the file is instead."""

    def refused(message: str) -> CaseFileError:
        return CaseFileError([FileProblem(source, None, (), message)])

    rows = sheets.get(INPUTS)
    if rows is None:
        return _not_ours(refused, f'it has no sheet named "{INPUTS}"')
    marker = next((n for n, row in enumerate(rows[:10], 1) if cell(row, 1) == MARKER_LABEL), None)
    if marker is None:
        labels = {cell(row, 1) for row in rows}
        if "Business case" in labels and labels.intersection(_FORMAT_1_SIGNS):
            raise refused(
                "this is the workbook of a format 1 case (its Inputs sheet has a layers table): "
                "Realise reads back only the workbook of a format 2 case. Upload the case's "
                "YAML file instead (download it from the case's page)"
            )
        return _not_ours(refused, f'its "{INPUTS}" sheet has no "{MARKER_LABEL}" row')
    said = cell(rows[marker - 1], 2)
    if said != WORKBOOK_FORMAT:
        where = Place(INPUTS, marker, 2, MARKER_LABEL).said(source)
        raise CaseFileError(
            [
                FileProblem(
                    where,
                    None,
                    (),
                    f"expected {WORKBOOK_FORMAT}, found {found(said)}: this version of Realise "
                    "reads only the workbooks it writes",
                )
            ]
        )
    return rows


def _not_ours(refused: Any, why: str) -> Rows:
    raise refused(
        f"this is not a Realise business-case workbook ({why}): upload the workbook Realise "
        "exports from a case (format 2), or the case's YAML file"
    )


class _Inputs:
    """The Inputs sheet's settings, years and tables as a format 2 document."""

    def __init__(self, problems: Problems, rows: Rows) -> None:
        self.problems = problems
        self.rows = rows
        self.tables: dict[str, int] = {}  # a table's title → its title row
        number = 1
        while number <= len(rows):
            title = cell(rows[number - 1], 1)
            if title in (BASELINES, OPTIONS, LINES) and title not in self.tables:
                self.tables[title] = number
                number += 2
                while number <= len(rows) and cell(rows[number - 1], 1) is not None:
                    number += 1
            number += 1
        self.settings_end = min(self.tables.values(), default=len(rows) + 1)

    def row(self, number: int) -> Sequence[Any]:
        return self.rows[number - 1] if 0 < number <= len(self.rows) else ()

    def labelled(self, label: str) -> int | None:
        """The row whose column A is ``label``, above the tables."""
        return next((n for n in range(1, self.settings_end) if cell(self.row(n), 1) == label), None)

    def document(self) -> dict[str, Any]:
        doc: dict[str, Any] = {"format": FORMAT_2}
        settings = self._settings()
        doc |= {k: v for k, v in settings.items() if "." not in k}
        bias = {k.split(".")[1]: settings[k] for k in settings if k.startswith("optimism_bias.")}
        if bias:
            doc["optimism_bias"] = {"costs": "0%", "benefits": "0%"} | bias
        years = self._years(doc.get("start_year"), doc.get("years"))
        baselines = self._table(BASELINES, BASELINE_COLUMNS, "baselines", self._baseline)
        if baselines:
            doc["baselines"] = baselines
        doc["options"] = self._table(OPTIONS, OPTION_COLUMNS, "options", self._option)
        if OPTIONS not in self.tables:
            self.problems.add(None, f'the sheet "{INPUTS}" has no "{OPTIONS}" table')
        if LINES in self.tables and years is not None:
            table = Table(self.problems, INPUTS, self.rows, self.tables[LINES])
            read_lines(table, doc["options"], years)
        for index, option in enumerate(doc["options"]):
            doc["options"][index] = _ordered(option, KEYS["option"])
        return doc

    def _settings(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for label, key in SETTINGS:
            number = self.labelled(label)
            if number is None:
                if not key.startswith("optimism_bias."):
                    self.problems.add(
                        None, f'the sheet "{INPUTS}" has no row labelled "{label}" in column A'
                    )
                continue
            place = self.problems.at(tuple(key.split(".")), Place(INPUTS, number, 2, label))
            value = cell(self.row(number), 2)
            read = self._setting(key, value, place)
            if read is not None:
                out[key] = read
        return out

    def _setting(self, key: str, value: Any, place: Place) -> Any:
        if key.startswith("optimism_bias."):
            return None if value is None else self.problems.percent(value, place)
        if key == "discount_rate":
            green = isinstance(value, str) and value.lower() in (
                GREEN_BOOK_TEXT.lower(),
                "green_book",
            )
            return "green_book" if green else self.problems.percent(value, place)
        if key == "years":
            return self.problems.whole(value, place)
        if key == "start_year":
            return self.problems.year(value, place)
        return self.problems.text(value, place)

    def _years(self, start: str | None, count: int | None) -> list[tuple[str, str]] | None:
        """Each year column's year label and heading, from the first year and the number of
        years; a heading in the years row that names another year is a problem."""
        if start is None or count is None or not 1 <= count <= 50:
            return None
        first = FinancialYear.parse(start)
        number = self.labelled(YEARS_LABEL)
        years = []
        for index in range(count):
            label = (first + index).label
            said = cell(self.row(number), YEAR_COLUMN + index) if number else None
            if isinstance(said, str) and said != label and number is not None:
                place = Place(INPUTS, number, YEAR_COLUMN + index, YEARS_LABEL)
                self.problems.add(
                    place,
                    f"expected {label} (the first financial year, {start}, and {index} after "
                    f"it), found {found(said)}",
                )
            years.append((label, label))
        return years

    def _table(self, title: str, columns: Any, key: str, read: Any) -> list[dict[str, Any]]:
        if title not in self.tables:
            return []
        table = Table(self.problems, INPUTS, self.rows, self.tables[title])
        return [read(table, number, (key, index)) for index, number in read_table(table, columns)]

    def _baseline(self, table: Table, number: int, path: Path) -> dict[str, Any]:
        self.problems.at(path, Place(INPUTS, number))
        return table.record(
            number,
            path,
            BASELINE_COLUMNS,
            {"amount": self.problems.money, "fte": self.problems.number},
        )

    def _option(self, table: Table, number: int, path: Path) -> dict[str, Any]:
        self.problems.at(path, Place(INPUTS, number))
        readers = {
            "preferred": self.problems.flag,
            "do_nothing": self.problems.flag,
            "optimism_bias.costs": self.problems.percent,
            "optimism_bias.benefits": self.problems.percent,
        }
        data = table.record(number, path, OPTION_COLUMNS, readers)
        for flag in ("preferred", "do_nothing"):
            if not data.get(flag):
                data.pop(flag, None)
        bias = {
            k: data.pop(f"optimism_bias.{k}")
            for k in ("costs", "benefits")
            if f"optimism_bias.{k}" in data
        }
        if bias:
            data["optimism_bias"] = {"costs": "0%", "benefits": "0%"} | bias
        return data


def _ordered(data: dict[str, Any], keys: Sequence[str]) -> dict[str, Any]:
    """``data`` with its keys in the order a format 2 file gives them (any others last)."""
    known = {k: data[k] for k in keys if k in data}
    return known | {k: v for k, v in data.items() if k not in known}


def _other_sections(
    problems: Problems, rows: Rows, document: dict[str, Any], limits: CaseLimits
) -> None:
    """The YAML lines of the Other sections sheet merged into ``document``."""

    def place(line: int | None) -> Place:
        return Place(OTHER, OTHER_FIRST_ROW + (line or 1) - 1, 1)

    lines = [_raw(row) for row in rows[OTHER_FIRST_ROW - 1 :]]
    reader = Reader(problems.source, limits)
    data = reader.load("\n".join(lines))
    for problem in reader.problems:
        problems.add(place(problem.line), problem.message)
    if data is None or reader.problems:
        return
    if not isinstance(data, YamlMap):
        problems.add(place(1), "expected the sections as YAML, a name and a colon a line")
        return
    for key, value in data.items():
        if key not in OTHER_KEYS:
            problems.add(
                place(data.lines.get(str(key))),
                f"'{key}' is not read from this sheet (it holds {', '.join(OTHER_KEYS)}): "
                f'give it in the "{INPUTS}" sheet\'s tables',
            )
        elif key != "options":
            document[key] = _plain(value)
            _places(problems, value, (key,), place, data.lines.get(str(key)))
    _other_options(problems, data.get("options"), document, place)


def _other_options(problems: Problems, value: Any, document: dict[str, Any], place: Any) -> None:
    """Each option's ``level`` and ``releases``, added to the option of that id."""
    if value is None:
        return
    if not isinstance(value, YamlList):
        problems.add(place(None), "'options' is a list of each option's id, level and releases")
        return
    index_of = {o.get("id"): i for i, o in enumerate(document["options"])}
    for item, line in zip(value, value.lines, strict=True):
        index = index_of.get(item.get("id")) if isinstance(item, YamlMap) else None
        if index is None:
            problems.add(
                place(line),
                f'expected the id of an option in the "{OPTIONS}" table, found '
                f"{found(item.get('id') if isinstance(item, YamlMap) else item)}",
            )
            continue
        option = document["options"][index]
        for key in ("level", "releases"):
            if key in item:
                option[key] = _plain(item[key])
                _places(problems, item[key], ("options", index, key), place, item.lines[key])
        for key in item:
            if key not in ("id", "level", "releases"):
                problems.add(
                    place(item.lines.get(str(key))),
                    f"'{key}' is not read from this sheet: an option here has id, level and "
                    "releases",
                )
        document["options"][index] = _ordered(option, KEYS["option"])


def _places(
    problems: Problems, value: Any, path: Path, place: Any, line: int | None = None
) -> None:
    """Where each part of a section from the Other sections sheet came from."""
    if line is not None:
        problems.at(path, place(line))
    if isinstance(value, YamlMap):
        for key, item in value.items():
            _places(problems, item, (*path, str(key)), place, value.lines.get(str(key)))
    elif isinstance(value, YamlList):
        for index, item in enumerate(value):
            _places(problems, item, (*path, index), place, value.lines[index])


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _raw(row: Sequence[Any]) -> str:
    """A line of YAML from column A, its leading spaces kept."""
    value = row[0] if row else None
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).rstrip()
