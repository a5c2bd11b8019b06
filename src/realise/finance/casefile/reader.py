"""Reading a business-case file's YAML: the bounded, exact-decimal loader, the plain words for
the YAML reader's complaints, and ``Reader``, which walks the node tree remembering each path's
line and collects every problem with its file, line and field path."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

from realise.finance.bounds import BoundedLoader, CaseLimits, CaseTooLarge, odd_node
from realise.finance.calendar import FinancialYear, YearLabelError
from realise.finance.model import HUNDRED, Path, format_path
from realise.finance.money import MoneyError, parse_money, refuse_other_digits

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


class _Loader(BoundedLoader):
    """Safe YAML, bounded in size, whose decimals stay exact (no binary floats for money)."""


def _construct_decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal:
    return Decimal(str(loader.construct_scalar(node)).replace("_", ""))


_Loader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)


# The YAML reader's words for the commonest slips, and what they mean to someone editing a case
# file by hand. Matched on the start of the reader's text.
_YAML_SLIPS = (
    ("expected ',' or ']'", "a list opened with [ is not closed with ]"),
    ("expected ',' or '}'", "a group opened with { is not closed with }"),
    ("mapping values are not allowed", "a colon is out of place: put text that has ': ' in quotes"),
    ("found character '\\t'", "a tab is used to indent: indent with spaces"),
    ("could not find expected ':'", "a name is not followed by a colon"),
    ("found unexpected end of stream", "a quotation mark is opened but not closed"),
    ("found undefined alias", "a name starting with * is used but never defined with &"),
)


def yaml_problem(problem: str | None) -> str:
    """A YAML reader's complaint in plain words, with its own words after for whoever needs them."""
    said = (problem or "").strip()
    plain = next(
        (meaning for start, meaning in _YAML_SLIPS if said.startswith(start)),
        "the layout is broken: check the indents, colons, quotes and brackets on this line "
        "and the one before",
    )
    return f"{plain} (the YAML reader said: {said})" if said else plain


class Reader:
    """Walks the YAML node tree, remembering the line of every path, collecting problems."""

    def __init__(self, source: str, limits: CaseLimits) -> None:
        self.source = source
        self.limits = limits
        self.lines: dict[Path, int] = {}
        self.problems: list[FileProblem] = []
        self.loader: _Loader | None = None

    def load(self, text: str) -> Any:
        self.loader = _Loader(text, self.limits)
        try:
            node = self.loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            line = exc.problem_mark.line + 1 if exc.problem_mark else None
            self.problems.append(FileProblem(self.source, line, (), yaml_problem(exc.problem)))
            return None
        except CaseTooLarge as exc:
            self.problems.append(FileProblem(self.source, exc.line, (), exc.message))
            return None
        finally:
            self.loader.dispose()
        return None if node is None else self._convert(node, ())

    def _convert(self, node: yaml.Node, path: Path) -> Any:
        self.lines[path] = node.start_mark.line + 1
        if odd_node(node):
            return self._scalar(node)
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self._scalar(key_node)
                key = key.label if isinstance(key, FinancialYear) else key
                if isinstance(key, list | dict):
                    self._refuse(key_node, "a list or mapping is used as a name: use plain text")
                    continue
                result[key] = self._convert(value_node, (*path, str(key)))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self._convert(item, (*path, i)) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _scalar(self, node: yaml.Node) -> Any:
        assert self.loader is not None
        odd = odd_node(node)
        if odd:
            return self._refuse(node, odd)
        try:
            return self.loader.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, ArithmeticError):  # 2025-13-45, 5,000 digits
            shown = str(node.value)[:40] + ("..." if len(str(node.value)) > 40 else "")
            if node.tag.endswith("timestamp"):
                return self._refuse(node, f"'{shown}' is not a real date: write YYYY-MM-DD")
            return self._refuse(node, f"'{shown}' is not a number Realise can read")

    def _refuse(self, node: yaml.Node, message: str) -> None:
        self.problems.append(FileProblem(self.source, node.start_mark.line + 1, (), message))

    def line(self, path: Path) -> int | None:
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get(())

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
            if isinstance(value, Decimal | int) and not isinstance(value, bool):
                return parse_money(Decimal(value))
            if isinstance(value, str):
                return parse_money(value)
        except MoneyError as exc:
            self.problem(path, f"{exc}: write pounds, e.g. 1234.50, £1,234.50 or 8.8m")
            return None
        self.problem(path, f"expected an amount in pounds, found {_kind(value)}")
        return None

    def number(self, value: Any, path: Path) -> Decimal | None:
        if isinstance(value, int | Decimal) and not isinstance(value, bool):
            return Decimal(value)
        if isinstance(value, str):
            try:
                return Decimal(refuse_other_digits(value).replace(",", "").strip())
            except MoneyError as exc:
                self.problem(path, str(exc))
                return None
            except InvalidOperation:
                pass
        self.problem(path, f"expected a number, found {_kind(value)}")
        return None

    def percent(self, value: Any, path: Path) -> Decimal | None:
        """``50%`` or ``50`` both mean fifty per cent; returned as a fraction (0.5)."""
        raw = value.strip().rstrip("%").strip() if isinstance(value, str) else value
        number = self.number(raw, path) if raw is not None else None
        if number is None:
            if raw is None:
                self.problem(path, "expected a percentage such as 50%")
            return None
        if number < 0:
            self.problem(path, f"{number}% is negative; a percentage must be 0% or more")
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
    return f'"{value}"'
