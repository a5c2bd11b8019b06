"""The business-case file: YAML in, validated frozen dataclasses out.

Every problem names the file, the line and the field path, and says what was expected, e.g.
``dorset.yaml:41 scenarios[2].releases.customer[1].share: shares for layer 'customer' add up to
125%; they must not exceed 100%``. The format is documented in docs/formats/business-case.md.
This module parses text; reading the file is the caller's job (``load_case`` is a convenience).
A file over the limits in ``bounds.CaseLimits`` (bytes, aliases, values, nesting) is refused before
it is read into values.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path as FsPath
from typing import Any

import yaml

from realise.finance.bounds import BoundedLoader, CaseLimits, CaseTooLarge, odd_node, too_large
from realise.finance.calendar import FinancialYear, YearLabelError
from realise.finance.model import (
    GREEN_BOOK_RATE,
    HUNDRED,
    BusinessCase,
    Layer,
    LayerSaving,
    OtherBenefit,
    Path,
    Presentation,
    Problem,
    PublishedFigure,
    PublishedSum,
    SavingsLevel,
    Scenario,
    Tranche,
    format_path,
    validate,
)
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


class _Reader:
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


def load_case(path: str | FsPath, *, limits: CaseLimits | None = None) -> BusinessCase:
    """Read and validate a business-case file. Raises ``CaseFileError`` (never a traceback).

    A file over ``limits.max_bytes`` is refused unread (no more than that is ever read)."""
    file = FsPath(path)
    limits = limits or CaseLimits()
    try:
        with file.open("rb") as stream:
            data = stream.read(limits.max_bytes + 1)
            size = max(len(data), file.stat().st_size)
        if size > limits.max_bytes:
            raise CaseFileError([FileProblem(file.name, None, (), too_large(size, limits))])
        text = data.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "it is not UTF-8 text"
        problem = FileProblem(file.name, None, (), f"cannot read the file: {reason}")
        raise CaseFileError([problem]) from None
    return parse_case(text, source=file.name, limits=limits)


def parse_case(
    text: str, *, source: str = "<case>", limits: CaseLimits | None = None
) -> BusinessCase:
    """Parse and validate business-case YAML. Raises ``CaseFileError`` listing every problem."""
    limits = limits or CaseLimits()
    size = len(text.encode("utf-8"))
    if size > limits.max_bytes:
        raise CaseFileError([FileProblem(source, None, (), too_large(size, limits))])
    reader = _Reader(source, limits)
    data = reader.load(text)
    if reader.problems:
        raise CaseFileError(reader.problems)
    root = reader.mapping(data, ())
    case = _build_case(reader, root) if root is not None else None
    if case is None or reader.problems:
        raise CaseFileError(reader.problems or [FileProblem(source, None, (), "empty file")])
    problems = validate(case)
    if problems:
        raise CaseFileError([_locate(reader, p) for p in problems])
    return case


def _locate(reader: _Reader, problem: Problem) -> FileProblem:
    return FileProblem(reader.source, reader.line(problem.path), problem.path, problem.message)


def _build_case(reader: _Reader, root: dict[str, Any]) -> BusinessCase | None:
    declared = root.get("format", FORMAT)
    if declared != FORMAT:
        reader.problem(("format",), f"unknown format '{declared}'; this version reads '{FORMAT}'")
    organisation = reader.text(reader.require(root, "organisation", ()), ("organisation",))
    title = reader.text(reader.require(root, "title", ()), ("title",))
    first_year = reader.year(reader.require(root, "first_year", ()), ("first_year",))
    count = reader.number(reader.require(root, "years", ()), ("years",))
    rate = GREEN_BOOK_RATE
    if "discount_rate" in root:
        rate = reader.percent(root["discount_rate"], ("discount_rate",)) or GREEN_BOOK_RATE
    if count is not None and (count != count.to_integral_value() or not 1 <= count <= 50):
        reader.problem(("years",), "the number of years must be a whole number from 1 to 50")
        count = None
    layers = _layers(reader, root)
    levels = _levels(reader, root, layers)
    scenarios = _scenarios(reader, root)
    others = _other_benefits(reader, root)
    presentation = _presentation(reader, root)
    if first_year is None or count is None:
        return None
    years = tuple(first_year + i for i in range(int(count)))
    published, sums = _published(reader, root, years, layers)
    if reader.problems or organisation is None or title is None:
        return None
    return BusinessCase(
        organisation=organisation,
        title=title,
        first_year=first_year,
        year_count=int(count),
        layers=tuple(layers.values()),
        levels=tuple(levels),
        scenarios=tuple(scenarios),
        discount_rate=rate,
        other_benefits=tuple(others),
        published=tuple(published),
        published_sums=tuple(sums),
        presentation=presentation,
    )


def _presentation(reader: _Reader, root: Mapping[str, Any]) -> Presentation:
    if "presentation" not in root:
        return Presentation()
    path: Path = ("presentation",)
    data = reader.mapping(root["presentation"], path) or {}
    unit = _unit(reader, data.get("unit", "£m"), (*path, "unit")) or "£m"
    places = reader.number(data.get("places", 2), (*path, "places"))
    if places is None or places != places.to_integral_value() or not 0 <= places <= 4:
        reader.problem((*path, "places"), "places must be a whole number from 0 to 4")
        places = Decimal(2)
    steps: dict[str, Decimal] = {}
    for row, step in (reader.mapping(data.get("steps") or {}, (*path, "steps")) or {}).items():
        number = reader.number(step, (*path, "steps", row))
        if row not in SCENARIO_METRICS:
            reader.problem((*path, "steps", row), f"unknown row '{row}'")
        elif number is not None and number > 0:
            steps[row] = number
    return Presentation(unit, int(places), steps)


def _entries(
    reader: _Reader, root: Mapping[str, Any], key: str
) -> list[tuple[Path, dict[str, Any]]]:
    items = reader.sequence(reader.require(root, key, ()), (key,)) if key in root else []
    if key not in root:
        reader.problem((key,), f"'{key}' is required")
    found: list[tuple[Path, dict[str, Any]]] = []
    for index, item in enumerate(items or []):
        mapping = reader.mapping(item, (key, index))
        if mapping is not None:
            found.append(((key, index), mapping))
    return found


def _identifier(reader: _Reader, data: Mapping[str, Any], path: Path, seen: set[str]) -> str | None:
    ident = reader.text(reader.require(data, "id", path), (*path, "id"))
    if ident is not None and not re.fullmatch(r"[A-Za-z0-9_-]+", ident):
        reader.problem((*path, "id"), f"'{ident}' must be letters, digits, - or _ only")
        return None
    if ident is not None and ident in seen:
        reader.problem((*path, "id"), f"'{ident}' is used twice; ids must be unique")
        return None
    if ident is not None:
        seen.add(ident)
    return ident


def _layers(reader: _Reader, root: Mapping[str, Any]) -> dict[str, Layer]:
    layers: dict[str, Layer] = {}
    for path, data in _entries(reader, root, "layers"):
        ident = _identifier(reader, data, path, set(layers))
        cost = reader.money(reader.require(data, "baseline_cost", path), (*path, "baseline_cost"))
        fte = reader.number(reader.require(data, "baseline_fte", path), (*path, "baseline_fte"))
        if ident and cost is not None and fte is not None:
            name = reader.text(data.get("name", ident), (*path, "name")) or ident
            layers[ident] = Layer(ident, name, cost, fte)
    return layers


def _levels(
    reader: _Reader, root: Mapping[str, Any], layers: dict[str, Layer]
) -> list[SavingsLevel]:
    levels: list[SavingsLevel] = []
    seen: set[str] = set()
    for path, data in _entries(reader, root, "levels"):
        ident = _identifier(reader, data, path, seen)
        per_layer = reader.mapping(reader.require(data, "layers", path), (*path, "layers")) or {}
        savings: dict[str, LayerSaving] = {}
        for layer_id, spec in per_layer.items():
            saving = _layer_saving(reader, spec, (*path, "layers", layer_id), layers.get(layer_id))
            if saving is not None:
                savings[layer_id] = saving
        if ident:
            name = reader.text(data.get("name", ident), (*path, "name")) or ident
            levels.append(SavingsLevel(ident, name, savings))
    return levels


def _layer_saving(
    reader: _Reader, spec: Any, path: Path, layer: Layer | None
) -> LayerSaving | None:
    if layer is None:
        reader.problem(path, f"unknown layer '{path[-1]}'; declare it under 'layers' first")
        return None
    data = reader.mapping(spec, path)
    if data is None:
        return None
    if "percent" in data and "amount" not in data:
        share = reader.percent(data["percent"], (*path, "percent"))
        if share is None:
            return None
        amount = parse_money(layer.baseline_cost * share)
        fte: Decimal | None = layer.baseline_fte * share
        if "fte" in data:
            fte = reader.number(data["fte"], (*path, "fte"))
        if fte is None:
            return None
        return LayerSaving(amount, fte, share * HUNDRED)
    if "amount" in data:
        given = reader.money(data["amount"], (*path, "amount"))
        fte = reader.number(reader.require(data, "fte", path), (*path, "fte"))
        if given is None or fte is None:
            return None
        amount = given
        percent = amount / layer.baseline_cost * HUNDRED if layer.baseline_cost else Decimal(0)
        return LayerSaving(amount, fte, percent)
    reader.problem(path, "give either 'percent' of the baseline, or 'amount' and 'fte'")
    return None


def _scenarios(reader: _Reader, root: Mapping[str, Any]) -> list[Scenario]:
    scenarios: list[Scenario] = []
    seen: set[str] = set()
    for path, data in _entries(reader, root, "scenarios"):
        ident = _identifier(reader, data, path, seen)
        level = reader.text(reader.require(data, "level", path), (*path, "level"))
        releases = _releases(reader, data.get("releases") or {}, (*path, "releases"))
        costs = _costs(reader, data.get("costs") or {}, (*path, "costs"))
        if ident and level:
            name = reader.text(data.get("name", ident), (*path, "name")) or ident
            description = str(data.get("description") or "").strip()
            scenarios.append(Scenario(ident, name, level, releases, costs, description))
    return scenarios


def _releases(reader: _Reader, value: Any, path: Path) -> dict[str, tuple[Tranche, ...]]:
    releases: dict[str, tuple[Tranche, ...]] = {}
    for layer_id, items in (reader.mapping(value, path) or {}).items():
        tranches = []
        for index, item in enumerate(reader.sequence(items, (*path, layer_id)) or []):
            item_path = (*path, layer_id, index)
            data = reader.mapping(item, item_path)
            if data is None:
                continue
            day = reader.day(reader.require(data, "date", item_path), (*item_path, "date"))
            share = reader.percent(reader.require(data, "share", item_path), (*item_path, "share"))
            if day is not None and share is not None:
                tranches.append(Tranche(day, share))
        releases[layer_id] = tuple(tranches)
    return releases


def _costs(reader: _Reader, value: Any, path: Path) -> dict[str, dict[FinancialYear, Decimal]]:
    costs: dict[str, dict[FinancialYear, Decimal]] = {}
    for category, by_year in (reader.mapping(value, path) or {}).items():
        entries: dict[FinancialYear, Decimal] = {}
        for label, amount in (reader.mapping(by_year, (*path, category)) or {}).items():
            year = reader.year(label, (*path, category, label))
            if amount in (None, "-"):
                continue
            money = reader.money(amount, (*path, category, label))
            if year is not None and money is not None:
                entries[year] = entries.get(year, Decimal(0)) + money
        costs[str(category)] = entries
    return costs


def _other_benefits(reader: _Reader, root: Mapping[str, Any]) -> list[OtherBenefit]:
    if "other_benefits" not in root:
        return []
    others: list[OtherBenefit] = []
    seen: set[str] = set()
    for index, item in enumerate(
        reader.sequence(root["other_benefits"], ("other_benefits",)) or []
    ):
        path: Path = ("other_benefits", index)
        data = reader.mapping(item, path)
        if data is None:
            continue
        ident = _identifier(reader, data, path, seen)
        baseline = reader.money(reader.require(data, "baseline", path), (*path, "baseline"))
        share = reader.percent(reader.require(data, "percent", path), (*path, "percent"))
        printed = None
        if "published" in data:
            printed = _figure(
                reader, data["published"], (*path, "published"), ("other", ident or "")
            )
        if ident and baseline is not None and share is not None:
            name = reader.text(data.get("name", ident), (*path, "name")) or ident
            printed = replace(printed, label=name) if printed else None
            others.append(OtherBenefit(ident, name, baseline, share * HUNDRED, printed))
    return others


def _figure(
    reader: _Reader, value: Any, path: Path, key: tuple[str | int, ...]
) -> PublishedFigure | None:
    data = reader.mapping(value, path)
    if data is None:
        return None
    unit = _unit(reader, data.get("unit", "£"), (*path, "unit"))
    precision = reader.number(reader.require(data, "precision", path), (*path, "precision"))
    printed = _printed(reader, reader.require(data, "value", path), (*path, "value"))
    where = reader.text(reader.require(data, "where", path), (*path, "where")) or ""
    if unit is None or precision is None or printed is None:
        return None
    label = str(data.get("label") or key[-1])
    value_path = (*path, "value")
    return PublishedFigure(
        key, label, where, unit, precision, printed, value_path, reader.line(value_path)
    )


def _unit(reader: _Reader, value: Any, path: Path) -> str | None:
    if value in UNITS:
        return str(value)
    reader.problem(path, f"unknown unit '{value}'; use one of {', '.join(UNITS)}")
    return None


def _printed(reader: _Reader, value: Any, path: Path) -> Decimal | None:
    """A number as printed: ``5.80``, ``(16.43)`` for a negative, ``-`` for nothing (zero)."""
    if isinstance(value, str):
        text = value.strip().replace(",", "").replace("£", "").rstrip("%").strip()
        if text in {"-", "–", "—"}:
            return Decimal(0)
        if text.startswith("(") and text.endswith(")"):
            number = reader.number(text[1:-1], path)
            return None if number is None else -number
        return reader.number(text, path)
    return reader.number(value, path)


def _precision_of(value: Any, default: Decimal) -> Decimal:
    """A percentage written as text carries its printed precision: "12.5" is to 0.1."""
    if isinstance(value, str) and "." in value:
        places = len(value.strip().rstrip("%").strip().split(".")[1])
        return Decimal(1).scaleb(-places)
    return default


def _published(
    reader: _Reader,
    root: Mapping[str, Any],
    years: tuple[FinancialYear, ...],
    layers: dict[str, Layer],
) -> tuple[list[PublishedFigure], list[PublishedSum]]:
    figures: list[PublishedFigure] = []
    sums: list[PublishedSum] = []
    if "published" not in root:
        return figures, sums
    for index, item in enumerate(reader.sequence(root["published"], ("published",)) or []):
        path: Path = ("published", index)
        data = reader.mapping(item, path)
        if data is None:
            continue
        where = reader.text(reader.require(data, "where", path), (*path, "where")) or ""
        unit = _unit(reader, data.get("unit", "£"), (*path, "unit"))
        precision = reader.number(reader.require(data, "precision", path), (*path, "precision"))
        if unit is None or precision is None:
            continue
        table = _Table(reader, path, where, unit, precision)
        if "scenario" in data:
            figures += table.scenario_rows(data, years)
        elif "level" in data:
            figures += table.level_rows(data, layers)
        elif "baselines" in data:
            figures += table.baseline_rows(data, layers)
        elif "parts" in data:
            found = table.sum_row(data)
            sums += [found] if found else []
        else:
            reader.problem(
                path, "a published table needs 'scenario', 'level', 'baselines' or 'parts'"
            )
    return figures, sums


@dataclass
class _Table:
    reader: _Reader
    path: Path
    where: str
    unit: str
    precision: Decimal

    def figure(
        self,
        key: tuple[str | int, ...],
        label: str,
        value: Any,
        path: Path,
        precision: Decimal | None = None,
    ) -> PublishedFigure | None:
        if value is None:
            return None
        printed = _printed(self.reader, value, path)
        if printed is None:
            return None
        step = precision if precision is not None else self.precision
        return PublishedFigure(
            key, label, self.where, self.unit, step, printed, path, self.reader.line(path)
        )

    def scenario_rows(
        self, data: Mapping[str, Any], years: tuple[FinancialYear, ...]
    ) -> list[PublishedFigure]:
        scenario = str(data["scenario"])
        rows = self.reader.mapping(
            self.reader.require(data, "rows", self.path), (*self.path, "rows")
        )
        found: list[PublishedFigure] = []
        for metric, spec in (rows or {}).items():
            row_path = (*self.path, "rows", metric)
            values, precision = spec, None
            if isinstance(spec, dict):
                precision = self.reader.number(spec.get("precision"), (*row_path, "precision"))
                values = spec.get("values")
            if not _known_metric(metric):
                self.reader.problem(
                    row_path,
                    f"unknown row '{metric}'; use one of "
                    f"{', '.join(SCENARIO_METRICS)} or cost:CATEGORY",
                )
                continue
            items = self.reader.sequence(values, row_path) or []
            if len(items) > len(years):
                self.reader.problem(row_path, f"{len(items)} figures for {len(years)} years")
                continue
            for i, value in enumerate(items):
                key = ("scenario", scenario, metric, years[i].start)
                label = f"{metric} {years[i].label}"
                fig = self.figure(key, label, value, (*row_path, i), precision)
                found += [fig] if fig else []
        for metric, value in (data.get("totals") or {}).items():
            fig = self.figure(
                ("scenario", scenario, metric, "total"),
                f"{metric} total",
                value,
                (*self.path, "totals", metric),
            )
            found += [fig] if fig else []
        return found

    def level_rows(
        self, data: Mapping[str, Any], layers: dict[str, Layer]
    ) -> list[PublishedFigure]:
        level = str(data["level"])
        found: list[PublishedFigure] = []
        entries = dict(self.reader.mapping(data.get("layers") or {}, (*self.path, "layers")) or {})
        if "total" in data:
            entries["total"] = data["total"]
        for layer_id, spec in entries.items():
            base = (
                (*self.path, "layers", layer_id) if layer_id != "total" else (*self.path, "total")
            )
            if layer_id != "total" and layer_id not in layers:
                self.reader.problem(base, f"unknown layer '{layer_id}'")
                continue
            for field, step in (
                ("amount", Decimal(1)),
                ("fte", Decimal("0.1")),
                ("percent", Decimal(1)),
            ):
                value = (spec or {}).get(field)
                if field == "percent":
                    step = _precision_of(value, Decimal(1))
                unit = {"amount": "£", "fte": "FTE", "percent": "%"}[field]
                fig = self.figure(
                    ("level", level, layer_id, field),
                    f"{layer_id} {field}",
                    value,
                    (*base, field),
                    step,
                )
                if fig:
                    found.append(replace(fig, unit=unit))
        return found

    def baseline_rows(
        self, data: Mapping[str, Any], layers: dict[str, Layer]
    ) -> list[PublishedFigure]:
        found: list[PublishedFigure] = []
        entries = dict(self.reader.mapping(data["baselines"], (*self.path, "baselines")) or {})
        for layer_id, spec in entries.items():
            base = (*self.path, "baselines", layer_id)
            if layer_id != "total" and layer_id not in layers:
                self.reader.problem(base, f"unknown layer '{layer_id}'")
                continue
            for field, unit, step in (("cost", "£", Decimal(1)), ("fte", "FTE", Decimal("0.1"))):
                fig = self.figure(
                    ("baseline", layer_id, field),
                    f"{layer_id} baseline {field}",
                    (spec or {}).get(field),
                    (*base, field),
                    step,
                )
                if fig:
                    found.append(replace(fig, unit=unit))
        return found

    def sum_row(self, data: Mapping[str, Any]) -> PublishedSum | None:
        parts: dict[str, Decimal] = {}
        for name, value in (
            self.reader.mapping(data["parts"], (*self.path, "parts")) or {}
        ).items():
            number = _printed(self.reader, value, (*self.path, "parts", name))
            if number is not None:
                parts[str(name)] = number
        total = _printed(
            self.reader, self.reader.require(data, "total", self.path), (*self.path, "total")
        )
        if total is None:
            return None
        label = str(data.get("label") or "total")
        total_path = (*self.path, "total")
        total_precision = None
        if "total_precision" in data:
            total_precision = self.reader.number(
                data["total_precision"], (*self.path, "total_precision")
            )
        return PublishedSum(
            label,
            self.where,
            self.unit,
            self.precision,
            parts,
            total,
            total_path,
            self.reader.line(total_path),
            total_precision,
        )


def _known_metric(metric: str) -> bool:
    return metric in SCENARIO_METRICS or (metric.startswith("cost:") and len(metric) > 5)
