"""The tables of a case workbook's Inputs sheet: a title row, a header row of the headings
``workbook_layout`` lists, then a record a row until the first row whose column A is empty; and
the lines table, each row a cost, offset or benefit of an option with its money by year."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from realise.finance.casefile.workbook_cells import Place, Problems, cell, found
from realise.finance.casefile.workbook_layout import GROUPS, LINE_COLUMNS, PROFILES, YEAR_COLUMN
from realise.finance.model import Path

GROUP_KEYS = {"cost": "costs", "offset": "offsets", "benefit": "benefits"}
# The profiles each group may have, and the columns each group and each profile uses.
GROUP_PROFILES = {
    "cost": ("amounts", "phased", "annual"),
    "offset": ("amounts", "annual"),
    "benefit": ("amounts", "annual", "ramp", "staged"),
}
GROUP_FIELDS = {"cost": ("kind", "recurrence"), "offset": (), "benefit": ("kind", "directorate")}
PROFILE_FIELDS = {
    "amounts": (),
    "phased": ("amount",),
    "annual": ("amount", "from", "to"),
    "ramp": ("amount", "baseline", "percent", "retention"),
    "staged": ("amount", "baseline", "percent", "retention"),
}
_ALWAYS = ("option", "group", "id", "name", "profile")
COLUMN = {key: number for number, (_, key) in enumerate(LINE_COLUMNS, start=1)}
HEADING = {key: heading for heading, key in LINE_COLUMNS}

Years = list[tuple[str, str]]  # each year column's year label and heading


class Table:
    """One table of a sheet, under its title row."""

    def __init__(self, problems: Problems, sheet: str, rows: Sequence[Sequence[Any]], title: int):
        self.problems, self.sheet, self.rows, self.title = problems, sheet, rows, title

    def row(self, number: int) -> Sequence[Any]:
        return self.rows[number - 1] if 0 < number <= len(self.rows) else ()

    def place(self, number: int, column: int, heading: str = "") -> Place:
        return Place(self.sheet, number, column, heading)

    def record(
        self,
        number: int,
        path: Path,
        columns: Sequence[tuple[str, str]],
        readers: Mapping[str, Callable[[Any, Place], Any]],
    ) -> dict[str, Any]:
        """A row's cells as a record's values (an empty cell: not given)."""
        data: dict[str, Any] = {}
        for column, (heading, key) in enumerate(columns, start=1):
            value = cell(self.row(number), column)
            place = self.problems.at((*path, *key.split(".")), self.place(number, column, heading))
            if value is None:
                continue
            reader: Callable[[Any, Place], Any] = readers.get(key, self.problems.text)
            read = reader(value, place)
            if read is not None:
                data[key] = read
        return data


def read_table(table: Table, columns: Sequence[tuple[str, str]]) -> list[tuple[int, int]]:
    """Each record's index and row number; none if the header row is not the one expected."""
    header = table.title + 1
    wrong = False
    for column, (heading, _) in enumerate(columns, start=1):
        said = cell(table.row(header), column)
        if said != heading:
            wrong = True
            table.problems.add(
                table.place(header, column),
                f'expected the heading "{heading}", found {found(said)}',
            )
    if wrong:
        return []
    records: list[tuple[int, int]] = []
    number = header + 1
    while number <= len(table.rows) and cell(table.row(number), 1) is not None:
        records.append((len(records), number))
        number += 1
    return records


def read_lines(table: Table, options: list[dict[str, Any]], years: Years) -> None:
    """Each row of the lines table added to its option's costs, offsets or benefits."""
    index_of = {option.get("id"): index for index, option in enumerate(options)}
    for _, number in read_table(table, LINE_COLUMNS):
        row = table.row(number)
        option_id = cell(row, COLUMN["option"])
        index = index_of.get(str(option_id) if option_id is not None else None)
        group = cell(row, COLUMN["group"])
        if index is None:
            table.problems.add(
                table.place(number, COLUMN["option"], HEADING["option"]),
                f"expected the id of an option in the Options table, found {found(option_id)}",
            )
        if group not in GROUPS:
            table.problems.add(
                table.place(number, COLUMN["group"], HEADING["group"]),
                f"expected one of {', '.join(GROUPS)}, found {found(group)}",
            )
        if index is None or group not in GROUPS:
            continue
        lines = options[index].setdefault(GROUP_KEYS[group], [])
        path = ("options", index, GROUP_KEYS[group], len(lines))
        line = _line(table, number, path, group, years)
        if line is not None:
            lines.append(line)


def _line(table: Table, number: int, path: Path, group: str, years: Years) -> dict[str, Any] | None:
    problems = table.problems
    problems.at(path, Place(table.sheet, number))
    row = table.row(number)

    def at(key: str) -> Place:
        return problems.at((*path, key), table.place(number, COLUMN[key], HEADING[key]))

    profile = cell(row, COLUMN["profile"])
    if profile not in GROUP_PROFILES[group]:
        allowed = ", ".join(GROUP_PROFILES[group])
        said = f"expected one of {allowed}, found {found(profile)}"
        if profile in PROFILES:
            said = f"a {group} line's profile is one of {allowed}, not {profile}"
        problems.add(at("profile"), said)
        return None
    used = (*_ALWAYS, *GROUP_FIELDS[group], *PROFILE_FIELDS[profile])
    for key, column in COLUMN.items():
        if key not in used and cell(row, column) is not None:
            problems.add(
                table.place(number, column, HEADING[key]),
                f"a {group} line whose profile is {profile} has no {HEADING[key]}: leave the "
                "cell empty",
            )
    line: dict[str, Any] = {}
    for key in ("id", "name", *GROUP_FIELDS[group]):
        value = cell(row, COLUMN[key])
        name = "type" if (key, group) == ("kind", "benefit") else key
        place = problems.at((*path, name), table.place(number, COLUMN[key], HEADING[key]))
        if value is not None:
            text = problems.text(value, place)
            if text is not None:
                line[name] = text
    line |= _profile(table, number, path, profile, years, at)
    _past_the_end(table, number, years, profile == "annual")
    return line


def _profile(
    table: Table,
    number: int,
    path: Path,
    profile: str,
    years: Years,
    at: Callable[[str], Place],
) -> dict[str, Any]:
    problems, row = table.problems, table.row(number)

    def given(key: str, read: Callable[[Any, Place], Any]) -> dict[str, Any]:
        value = cell(row, COLUMN[key])
        return {} if value is None else {key: read(value, at(key))}

    if profile == "annual":
        amount = cell(row, COLUMN["amount"])
        problems.at((*path, "annual"), at("amount"))
        data: dict[str, Any] = {"annual": problems.money(amount, at("amount"))}
        data |= given("from", problems.year) | given("to", problems.year)
        return data
    if profile == "amounts":
        return {"amounts": _by_year(table, number, (*path, "amounts"), years, problems.money)}
    key = {"phased": "phasing", "ramp": "ramp", "staged": "phasing"}[profile]
    shares = {key: _by_year(table, number, (*path, key), years, problems.percent)}
    amount = cell(row, COLUMN["amount"])
    if profile == "phased":
        problems.at((*path, "total"), at("amount"))
        return {"total": problems.money(amount, at("amount"))} | shares
    baseline = cell(row, COLUMN["baseline"])
    if baseline is None:
        problems.at((*path, "full_value"), at("amount"))
        return {"full_value": problems.money(amount, at("amount"))} | shares
    if amount is not None:
        problems.add(
            at("amount"),
            "give the Amount (£) or a Baseline and its Percent of baseline, not both: leave "
            "this cell empty for a share of the baseline",
        )
    data = {"baseline": problems.text(baseline, at("baseline"))}
    data |= {"percent": problems.percent(cell(row, COLUMN["percent"]), at("percent"))}
    return data | given("retention", problems.percent) | shares


def _by_year(
    table: Table, number: int, path: Path, years: Years, read: Callable[[Any, Place], Any]
) -> dict[str, Any]:
    """The year columns' values (an empty cell: that year is not given)."""
    out: dict[str, Any] = {}
    for index, (label, heading) in enumerate(years):
        column = YEAR_COLUMN + index
        value = cell(table.row(number), column)
        place = table.problems.at((*path, label), table.place(number, column, heading))
        if value is not None:
            out[label] = read(value, place)
    if out:
        table.problems.at(path, table.place(number, YEAR_COLUMN, years[0][1]))
    return out


def _past_the_end(table: Table, number: int, years: Years, annual: bool) -> None:
    """Year cells an annual line does not use, and cells after the case's last year."""
    row = table.row(number)
    first = YEAR_COLUMN if annual else YEAR_COLUMN + len(years)
    for column in range(first, len(row) + 1):
        if cell(row, column) is None:
            continue
        index = column - YEAR_COLUMN
        if index < len(years):
            message = "an annual line gives its years in From and To: leave the year cells empty"
            heading = years[index][1]
        else:
            message = (
                f"this column is after the case's last year ({years[-1][0]}): clear the cell, "
                "or make the case longer (the setting Years)"
            )
            heading = ""
        table.problems.add(table.place(number, column, heading), message)
