"""Reading a business-case file's YAML: the plain words for the YAML reader's complaints, and
``Reader``, which loads the values (``loader``: bounded, exact decimals, a line for every entry)
and collects every problem with its file, line and field path, through typed accessors that
say what was expected."""

from __future__ import annotations

import difflib
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation, localcontext
from typing import Any

import yaml

from realise.finance.bounds import CaseLimits, CaseTooLarge
from realise.finance.calendar import FinancialYear, YearLabelError
from realise.finance.casefile.loader import YamlList, YamlMap, load
from realise.finance.model import HUNDRED, Path, format_path
from realise.finance.money import MoneyError, format_money, parse_money, refuse_other_digits

FORMAT = "realise-business-case/1"
SCENARIO_METRICS = (
    "full_year_effect",
    "part_year_effect",
    "cumulative_part_year_effect",
    "cost",
    "cumulative_cost",
    "cumulative_net",
    "fte_released",
)
UNITS = {"£": Decimal(1), "£k": Decimal(1000), "£m": Decimal(1_000_000), "%": Decimal(1)}
UNITS["FTE"] = Decimal(1)

# Past these, a figure is a slip, and past them Decimal arithmetic to the penny would not be
# exact: the largest amount, any other number, and the largest percentage a case may hold.
MAX_AMOUNT = Decimal(10) ** 15
MAX_NUMBER = Decimal(10) ** 15
MAX_PERCENT = Decimal(1000)


@dataclass(frozen=True)
class FileProblem:
    file: str
    line: int | None
    path: Path
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        field = format_path(self.path)
        return f"{where} {field}: {self.message}" if field else f"{where}: {self.message}"


class CaseFileError(Exception):
    """A business-case file that cannot be used, with every problem found."""

    def __init__(self, problems: list[FileProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


# The YAML reader's words for the commonest slips, and what they mean to someone editing a case
# file by hand. Matched on the start of the reader's text, with libyaml's "did not find" taken
# off (libyaml says "did not find expected ',' or ']'" where PyYAML says "expected ',' or ']'").
_YAML_SLIPS = (
    ("expected ',' or ']'", "a list opened with [ is not closed with ]"),
    ("expected ',' or '}'", "a group opened with { is not closed with }"),
    ("mapping values are not allowed", "a colon is out of place: put text that has ': ' in quotes"),
    ("found character '\\t'", "a tab is used to indent: indent with spaces"),
    ("could not find expected ':'", "a name is not followed by a colon"),
    ("found unexpected end of stream", "a quotation mark is opened but not closed"),
    ("found undefined alias", "a name starting with * is used but never defined with &"),
    ("found duplicate anchor", "a name starting with & is defined twice: give each its own name"),
)
_TAB = "a tab is used to indent: indent with spaces"


def yaml_problem(problem: str | None, *, tab: bool = False) -> str:
    """A YAML reader's complaint in plain words, with its own words after for whoever needs them.
    ``tab``: the reader stopped at a tab (libyaml does not say so)."""
    said = (problem or "").strip()
    bare = said.removeprefix("did not find ")
    plain = (
        _TAB
        if tab
        else next(
            (meaning for start, meaning in _YAML_SLIPS if bare.startswith(start)),
            "the layout is broken: check the indents, colons, quotes and brackets on this line "
            "and the one before",
        )
    )
    return f"{plain} (the YAML reader said: {said})" if said else plain


class Reader:
    """Loads the YAML, remembering the line of every entry, and collects problems."""

    def __init__(self, source: str, limits: CaseLimits) -> None:
        self.source = source
        self.limits = limits
        self.problems: list[FileProblem] = []
        self.root: Any = None
        self.root_line: int | None = None
        self.percents: dict[str, Decimal] = {}  # each percentage read, as written

    def load(self, text: str) -> Any:
        try:
            loaded = load(text, self.limits)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark
            line = mark.line + 1 if mark else None
            tab = mark is not None and _at(text, mark.line, mark.column) == "\t"
            plain = yaml_problem(exc.problem, tab=tab)
            self.problems.append(FileProblem(self.source, line, (), plain))
            return None
        except yaml.reader.ReaderError as exc:
            code = exc.character if isinstance(exc.character, int) and exc.character >= 0 else 0
            at = text.find(chr(code))
            message = (
                f"the file holds a control character (#x{code:04X}) that a business case "
                "cannot: delete it (it may have come with text copied from another program)"
            )
            line = text.count("\n", 0, at) + 1 if at >= 0 else None
            self.problems.append(FileProblem(self.source, line, (), message))
            return None
        except CaseTooLarge as exc:
            self.problems.append(FileProblem(self.source, exc.line, (), exc.message))
            return None
        for refusal in loaded.refusals:
            self.problems.append(FileProblem(self.source, refusal.line, (), refusal.message))
        self.root, self.root_line = loaded.value, loaded.line
        return loaded.value

    def line(self, path: Path) -> int | None:
        """The line of ``path`` in the file; of the nearest part of it there is, if it is not."""
        node, found = self.root, self.root_line
        for part in path:
            if isinstance(node, YamlMap):
                text = str(part)
                if text not in node.lines:
                    break
                found = node.lines[text]
                node = node[part] if part in node else _by_text(node, text)
            elif isinstance(node, YamlList) and isinstance(part, int) and 0 <= part < len(node):
                found = node.lines[part]
                node = node[part]
            else:
                break
        return found

    def problem(self, path: Path, message: str) -> None:
        self.problems.append(FileProblem(self.source, self.line(path), path, message))

    # Typed accessors: each returns None after recording a problem.

    def mapping(self, value: Any, path: Path) -> dict[str, Any] | None:
        if isinstance(value, dict):
            return value
        self.problem(path, f"expected a mapping of names to values, found {_kind(value)}")
        return None

    def sequence(self, value: Any, path: Path) -> list[Any] | None:
        if isinstance(value, list):
            return value
        self.problem(path, f"expected a list, found {_kind(value)}")
        return None

    def keys(self, data: Mapping[Any, Any], path: Path, known: Collection[str]) -> None:
        """Refuse each key of ``data`` that is not one of ``known``, naming the nearest."""
        for key in data:
            if str(key) in known:
                continue
            near = difflib.get_close_matches(str(key), list(known), n=1, cutoff=0.6)
            hint = f"did you mean '{near[0]}'?" if near else f"use one of {', '.join(known)}"
            self.problem((*path, str(key)), f"unknown key '{key}'; {hint}")

    def require(self, data: Mapping[str, Any], key: str, path: Path) -> Any:
        if key not in data or data[key] is None:
            self.problem(path, f"'{key}' is required")
            return None
        return data[key]

    def text(self, value: Any, path: Path) -> str | None:
        if isinstance(value, str) and value.strip():
            return value.strip()
        if isinstance(value, int | Decimal) and not isinstance(value, bool):
            return str(value)
        self.problem(path, f"expected some text, found {_kind(value)}")
        return None

    def money(self, value: Any, path: Path) -> Decimal | None:
        try:
            with localcontext() as wide:  # room to see how far past the largest amount it is
                wide.prec = 60
                if isinstance(value, Decimal | int) and not isinstance(value, bool):
                    amount = parse_money(Decimal(value))
                elif isinstance(value, str):
                    amount = parse_money(value)
                else:
                    self.problem(path, f"expected an amount in pounds, found {_kind(value)}")
                    return None
        except MoneyError as exc:
            self.problem(path, f"{exc}: write pounds, e.g. 1234.50, £1,234.50 or 8.8m")
            return None
        if abs(amount) >= MAX_AMOUNT:
            largest = format_money(MAX_AMOUNT)
            message = f"{_kind(value)} is too large: an amount must be less than {largest}"
            self.problem(path, message)
            return None
        return amount

    def number(
        self, value: Any, path: Path, *, largest: Decimal | None = MAX_NUMBER
    ) -> Decimal | None:
        """A number below ``largest`` (None: for a caller that checks a narrower range)."""
        number = self._number(value, path, value)
        if number is not None and largest is not None and number.copy_abs() >= largest:
            self.problem(
                path, f"{_kind(value)} is too large: a number must be less than {largest:,}"
            )
            return None
        return number

    def _number(self, value: Any, path: Path, written: Any) -> Decimal | None:
        """Any finite number, ``written`` as the file has it."""
        number: Decimal | None = None
        if isinstance(value, int | Decimal) and not isinstance(value, bool):
            number = Decimal(value)
        elif isinstance(value, str):
            try:
                number = Decimal(refuse_other_digits(value).replace(",", "").strip())
            except MoneyError as exc:
                self.problem(path, str(exc))
                return None
            except InvalidOperation:
                pass
        if number is None or not number.is_finite():
            self.problem(path, f"expected a number, found {_kind(written)}")
            return None
        return number

    def percent(self, value: Any, path: Path) -> Decimal | None:
        """``50%`` or ``50`` both mean fifty per cent; returned as a fraction (0.5)."""
        if isinstance(value, str) and value in self.percents:
            return self.percents[value]  # a case gives the same shares again and again
        fraction = self._percent(value, path)
        if fraction is not None and isinstance(value, str):
            self.percents[value] = fraction
        return fraction

    def _percent(self, value: Any, path: Path) -> Decimal | None:
        raw = value.strip().rstrip("%").strip() if isinstance(value, str) else value
        number = self._number(raw, path, value) if raw is not None else None
        if number is None:
            if raw is None:
                self.problem(path, "expected a percentage such as 50%")
            return None
        if number < 0:
            self.problem(path, f"{number}% is negative; a percentage must be 0% or more")
            return None
        if number > MAX_PERCENT:
            self.problem(
                path, f"{_kind(value)} is too large: a percentage must be at most {MAX_PERCENT:,}%"
            )
            return None
        return number / HUNDRED

    def year(self, value: Any, path: Path) -> FinancialYear | None:
        try:
            if isinstance(value, int) and not isinstance(value, bool):
                return FinancialYear(value)
            if isinstance(value, str):
                return FinancialYear.parse(value)
        except YearLabelError as exc:
            self.problem(path, str(exc))
            return None
        self.problem(path, f"expected a financial year such as 2025/26, found {_kind(value)}")
        return None

    def day(self, value: Any, path: Path) -> date | None:
        if isinstance(value, datetime):
            self.problem(path, f"{value} has a time: write the date alone, as YYYY-MM-DD")
            return None
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.problem(path, f"expected a date as YYYY-MM-DD, found {_kind(value)}")
        return None


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = str(value)
    return f'"{text[:40]}..."' if len(text) > 43 else f'"{text}"'


def _at(text: str, line: int, column: int) -> str:
    """The character at a YAML mark (line and column from 0), or nothing."""
    lines = text.split("\n", line + 1)
    return lines[line][column : column + 1] if line < len(lines) else ""


def _by_text(node: YamlMap, text: str) -> Any:
    return next((value for key, value in node.items() if str(key) == text), None)
