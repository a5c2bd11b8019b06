"""The sections of a business-case file (layers, savings levels, scenarios with their releases
and costs, other benefits, presentation), each read into ``model`` objects with ``Reader``, which
records a problem for anything that is not as expected."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal
from typing import Any

from realise.finance.calendar import FinancialYear
from realise.finance.casefile.published import read_figure, read_unit
from realise.finance.casefile.reader import SCENARIO_METRICS, Reader
from realise.finance.model import (
    HUNDRED,
    Layer,
    LayerSaving,
    OtherBenefit,
    Path,
    Presentation,
    SavingsLevel,
    Scenario,
    Tranche,
)
from realise.finance.money import parse_money

# The keys each part of the file may have; any other is refused, naming the nearest.
PRESENTATION_KEYS = ("unit", "places", "steps")
LAYER_KEYS = ("id", "name", "baseline_cost", "baseline_fte")
LEVEL_KEYS = ("id", "name", "layers")
SAVING_KEYS = ("percent", "amount", "fte")
SCENARIO_KEYS = ("id", "name", "description", "level", "releases", "costs")
TRANCHE_KEYS = ("date", "share")
OTHER_BENEFIT_KEYS = ("id", "name", "baseline", "percent", "published")


def read_horizon(
    reader: Reader, root: Mapping[str, Any], start_key: str
) -> tuple[FinancialYear | None, int | None]:
    """The first year modelled (under ``start_key``) and how many years: a whole number from 1 to
    50, in either format."""
    first_year = reader.year(reader.require(root, start_key, ()), (start_key,))
    count = reader.number(reader.require(root, "years", ()), ("years",), largest=None)
    if count is not None and (count != count.to_integral_value() or not 1 <= count <= 50):
        reader.problem(("years",), "the number of years must be a whole number from 1 to 50")
        count = None
    return first_year, None if count is None else int(count)


def read_presentation(reader: Reader, root: Mapping[str, Any]) -> Presentation:
    if "presentation" not in root:
        return Presentation()
    path: Path = ("presentation",)
    data = reader.mapping(root["presentation"], path) or {}
    reader.keys(data, path, PRESENTATION_KEYS)
    unit = read_unit(reader, data.get("unit", "£m"), (*path, "unit")) or "£m"
    places = reader.number(data.get("places", 2), (*path, "places"), largest=None)
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
    reader: Reader, root: Mapping[str, Any], key: str
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


def identifier(reader: Reader, data: Mapping[str, Any], path: Path, seen: set[str]) -> str | None:
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


def read_layers(
    reader: Reader, root: Mapping[str, Any], *, owners: dict[str, str] | None = None
) -> dict[str, Layer]:
    """The layers; with ``owners`` (format 2), each layer may name its owning directorate,
    collected there by layer id."""
    layers: dict[str, Layer] = {}
    seen: set[str] = set()
    keys = LAYER_KEYS if owners is None else (*LAYER_KEYS, "directorate")
    for path, data in _entries(reader, root, "layers"):
        reader.keys(data, path, keys)
        ident = identifier(reader, data, path, seen)
        if owners is not None and ident and data.get("directorate"):
            owners[ident] = reader.text(data["directorate"], (*path, "directorate")) or ""
        cost = reader.money(reader.require(data, "baseline_cost", path), (*path, "baseline_cost"))
        fte = reader.number(reader.require(data, "baseline_fte", path), (*path, "baseline_fte"))
        if ident and cost is not None and fte is not None:
            name = reader.text(data.get("name", ident), (*path, "name")) or ident
            layers[ident] = Layer(ident, name, cost, fte)
    return layers


def read_levels(
    reader: Reader, root: Mapping[str, Any], layers: dict[str, Layer]
) -> list[SavingsLevel]:
    levels: list[SavingsLevel] = []
    seen: set[str] = set()
    for path, data in _entries(reader, root, "levels"):
        reader.keys(data, path, LEVEL_KEYS)
        ident = identifier(reader, data, path, seen)
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


def _layer_saving(reader: Reader, spec: Any, path: Path, layer: Layer | None) -> LayerSaving | None:
    if layer is None:
        reader.problem(path, f"unknown layer '{path[-1]}'; declare it under 'layers' first")
        return None
    data = reader.mapping(spec, path)
    if data is None:
        return None
    reader.keys(data, path, SAVING_KEYS)
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


def read_scenarios(reader: Reader, root: Mapping[str, Any]) -> list[Scenario]:
    scenarios: list[Scenario] = []
    seen: set[str] = set()
    for path, data in _entries(reader, root, "scenarios"):
        reader.keys(data, path, SCENARIO_KEYS)
        ident = identifier(reader, data, path, seen)
        level = reader.text(reader.require(data, "level", path), (*path, "level"))
        releases = read_releases(reader, data.get("releases") or {}, (*path, "releases"))
        costs = _costs(reader, data.get("costs") or {}, (*path, "costs"))
        if ident and level:
            name = reader.text(data.get("name", ident), (*path, "name")) or ident
            description = str(data.get("description") or "").strip()
            scenarios.append(Scenario(ident, name, level, releases, costs, description))
    return scenarios


def read_releases(reader: Reader, value: Any, path: Path) -> dict[str, tuple[Tranche, ...]]:
    releases: dict[str, tuple[Tranche, ...]] = {}
    for layer_id, items in (reader.mapping(value, path) or {}).items():
        tranches = []
        for index, item in enumerate(reader.sequence(items, (*path, layer_id)) or []):
            item_path = (*path, layer_id, index)
            data = reader.mapping(item, item_path)
            if data is None:
                continue
            reader.keys(data, item_path, TRANCHE_KEYS)
            day = reader.day(reader.require(data, "date", item_path), (*item_path, "date"))
            share = reader.percent(reader.require(data, "share", item_path), (*item_path, "share"))
            if day is not None and share is not None:
                tranches.append(Tranche(day, share))
        releases[layer_id] = tuple(tranches)
    return releases


def _costs(reader: Reader, value: Any, path: Path) -> dict[str, dict[FinancialYear, Decimal]]:
    costs: dict[str, dict[FinancialYear, Decimal]] = {}
    for category, by_year in (reader.mapping(value, path) or {}).items():
        entries: dict[FinancialYear, Decimal] = {}
        written: dict[FinancialYear, str] = {}
        for label, amount in (reader.mapping(by_year, (*path, category)) or {}).items():
            year = reader.year(label, (*path, category, label))
            if year is not None and year in written:
                reader.problem(
                    (*path, category, label),
                    f"{year.label} is given twice (also as '{written[year]}'): give each year once",
                )
                continue
            if year is not None:
                written[year] = str(label)
            if amount in (None, "-"):
                continue
            money = reader.money(amount, (*path, category, label))
            if year is not None and money is not None:
                entries[year] = money
        costs[str(category)] = entries
    return costs


def read_other_benefits(reader: Reader, root: Mapping[str, Any]) -> list[OtherBenefit]:
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
        reader.keys(data, path, OTHER_BENEFIT_KEYS)
        ident = identifier(reader, data, path, seen)
        baseline = reader.money(reader.require(data, "baseline", path), (*path, "baseline"))
        share = reader.percent(reader.require(data, "percent", path), (*path, "percent"))
        printed = None
        if "published" in data:
            printed = read_figure(
                reader, data["published"], (*path, "published"), ("other", ident or "")
            )
        if ident and baseline is not None and share is not None:
            name = reader.text(data.get("name", ident), (*path, "name")) or ident
            printed = replace(printed, label=name) if printed else None
            others.append(OtherBenefit(ident, name, baseline, share * HUNDRED, printed))
    return others
