"""The ``published`` tables of a business-case file: the figures a council printed, each with
its unit, precision, place in the document and line in the file, for the arithmetic audit
(``realise.finance.audit``) to recompute."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from realise.finance.calendar import FinancialYear
from realise.finance.casefile.reader import SCENARIO_METRICS, UNITS, Reader
from realise.finance.model import Layer, Path, PublishedFigure, PublishedSum

# The keys of each form of published table (named by the key that marks it), and of its parts.
COMMON_KEYS = ("where", "unit", "precision")
TABLE_KEYS = {
    "scenario": (*COMMON_KEYS, "scenario", "rows", "totals"),
    "level": (*COMMON_KEYS, "level", "layers", "total"),
    "baselines": (*COMMON_KEYS, "baselines"),
    "parts": (*COMMON_KEYS, "parts", "total", "total_precision", "label"),
}
ROW_KEYS = ("precision", "values")
FIGURE_KEYS = ("where", "unit", "precision", "value", "label")


def read_figure(
    reader: Reader, value: Any, path: Path, key: tuple[str | int, ...]
) -> PublishedFigure | None:
    data = reader.mapping(value, path)
    if data is None:
        return None
    reader.keys(data, path, FIGURE_KEYS)
    unit = read_unit(reader, data.get("unit", "£"), (*path, "unit"))
    precision = reader.number(reader.require(data, "precision", path), (*path, "precision"))
    printed = read_printed(reader, reader.require(data, "value", path), (*path, "value"))
    where = reader.text(reader.require(data, "where", path), (*path, "where")) or ""
    if unit is None or precision is None or printed is None:
        return None
    label = str(data.get("label") or key[-1])
    value_path = (*path, "value")
    return PublishedFigure(
        key, label, where, unit, precision, printed, value_path, reader.line(value_path)
    )


def read_unit(reader: Reader, value: Any, path: Path) -> str | None:
    if isinstance(value, str) and value in UNITS:
        return value
    reader.problem(path, f"unknown unit '{value}'; use one of {', '.join(UNITS)}")
    return None


def read_printed(reader: Reader, value: Any, path: Path) -> Decimal | None:
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


def read_published(
    reader: Reader,
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
        form = next((key for key in TABLE_KEYS if key in data), None)
        reader.keys(data, path, TABLE_KEYS.get(form or "", COMMON_KEYS))
        where = reader.text(reader.require(data, "where", path), (*path, "where")) or ""
        unit = read_unit(reader, data.get("unit", "£"), (*path, "unit"))
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
    reader: Reader
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
        printed = read_printed(self.reader, value, path)
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
                self.reader.keys(spec, row_path, ROW_KEYS)
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
        totals = self.reader.mapping(data.get("totals") or {}, (*self.path, "totals")) or {}
        for metric, value in totals.items():
            if not _known_metric(str(metric)):
                self.reader.problem(
                    (*self.path, "totals", str(metric)),
                    f"unknown row '{metric}'; use one of "
                    f"{', '.join(SCENARIO_METRICS)} or cost:CATEGORY",
                )
                continue
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
            if isinstance(spec, dict):
                self.reader.keys(spec, base, ("amount", "fte", "percent"))
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
            if isinstance(spec, dict):
                self.reader.keys(spec, base, ("cost", "fte"))
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
            number = read_printed(self.reader, value, (*self.path, "parts", name))
            if number is not None:
                parts[str(name)] = number
        total = read_printed(
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
