"""Format 2's cost lines, offsets and benefit lines: each read with the one way it gives its
money (amounts by year, a phased total, an annual amount, or a full value with a ramp or staged
phasing), and the small readers of values they share with the rest of the file."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, TypeVar

from realise.finance.appraisal.model import (
    Amounts,
    Annual,
    BenefitLine,
    BenefitType,
    CostKind,
    CostLine,
    Offset,
    PercentOf,
    Phased,
    Ramp,
    Recurrence,
    Staged,
)
from realise.finance.calendar import FinancialYear
from realise.finance.casefile.reader import Reader
from realise.finance.model import Path

T = TypeVar("T")

# The ways a line may give its money: exactly one per line.
COST_WAYS = {
    "amounts": "amounts by year",
    "total": "a total with phasing",
    "annual": "an annual amount",
}
BENEFIT_WAYS = {
    "amounts": "amounts by year",
    "annual": "an annual amount",
    "full_value": "a full value",
    "baseline": "a share of a baseline",
}


def read_cost(reader: Reader, path: Path, data: dict[str, Any]) -> CostLine | None:
    kind = choice(reader, data, "kind", path, CostKind, CostKind.UNCLASSIFIED)
    recurrence = choice(reader, data, "recurrence", path, Recurrence, Recurrence.ONE_OFF)
    way = _way(reader, data, path, COST_WAYS)
    profile: Any = None
    if way == "amounts":
        profile = _amounts(reader, data, path)
    elif way == "total":
        total = reader.money(data["total"], (*path, "total"))
        shares = _by_year(
            reader, reader.require(data, "phasing", path), (*path, "phasing"), reader.percent
        )
        profile = Phased(total, shares) if total is not None and shares is not None else None
    elif way == "annual":
        profile = _annual(reader, data, path)
    if profile is None or kind is None or recurrence is None:
        return None
    return CostLine(data["id"], line_name(reader, data, path), profile, kind, recurrence)


def read_offset(reader: Reader, path: Path, data: dict[str, Any]) -> Offset | None:
    way = _way(reader, data, path, {k: v for k, v in COST_WAYS.items() if k != "total"})
    profile: Amounts | Annual | None = _amounts(reader, data, path) if way == "amounts" else None
    if way == "annual":
        profile = _annual(reader, data, path)
    if profile is None:
        return None
    return Offset(data["id"], line_name(reader, data, path), profile)


def read_benefit(reader: Reader, path: Path, data: dict[str, Any]) -> BenefitLine | None:
    kind = choice(reader, data, "type", path, BenefitType, BenefitType.CASHABLE)
    owner = optional_text(reader, data, "directorate", path)
    way = _way(reader, data, path, BENEFIT_WAYS)
    profile: Any = None
    if way == "amounts":
        profile = _amounts(reader, data, path)
    elif way == "annual":
        profile = _annual(reader, data, path)
    elif way in ("full_value", "baseline"):
        profile = _grown(reader, data, path, way)
    if profile is None or kind is None:
        return None
    return BenefitLine(data["id"], line_name(reader, data, path), profile, kind, owner)


def _grown(reader: Reader, data: dict[str, Any], path: Path, way: str) -> Ramp | Staged | None:
    """A full value (an amount, or a share of a baseline) with a ramp or staged phasing."""
    full: Decimal | PercentOf | None
    if way == "full_value":
        full = reader.money(data["full_value"], (*path, "full_value"))
    else:
        baseline = reader.text(data["baseline"], (*path, "baseline"))
        percent = reader.percent(reader.require(data, "percent", path), (*path, "percent"))
        retention = reader.percent(data.get("retention", "100%"), (*path, "retention"))
        ok = baseline is not None and percent is not None and retention is not None
        full = PercentOf(baseline, percent, retention) if ok else None  # type: ignore[arg-type]
    if ("ramp" in data) == ("phasing" in data):
        reader.problem(path, "give either 'ramp' (the share earned each year) or 'phasing' "
                       "(the share that starts each year), not both or neither")  # fmt: skip
        return None
    key = "ramp" if "ramp" in data else "phasing"
    shares = _by_year(reader, data[key], (*path, key), reader.percent)
    if full is None or shares is None:
        return None
    return Ramp(full, shares) if key == "ramp" else Staged(full, shares)


def _way(
    reader: Reader, data: Mapping[str, Any], path: Path, ways: Mapping[str, str]
) -> str | None:
    given = [key for key in ways if key in data]
    if len(given) == 1:
        return given[0]
    listed = ", ".join(f"'{k}' ({v})" for k, v in ways.items())
    if not given:
        reader.problem(path, f"say how the money falls across the years: give one of {listed}")
    else:
        reader.problem(path, f"give one way only, not {' and '.join(repr(g) for g in given)}")
    return None


def _amounts(reader: Reader, data: Mapping[str, Any], path: Path) -> Amounts | None:
    values = _by_year(reader, data["amounts"], (*path, "amounts"), reader.money)
    return Amounts(values) if values is not None else None


def _annual(reader: Reader, data: Mapping[str, Any], path: Path) -> Annual | None:
    amount = reader.money(data["annual"], (*path, "annual"))
    first = reader.year(reader.require(data, "from", path), (*path, "from"))
    last = reader.year(data["to"], (*path, "to")) if "to" in data else None
    if amount is None or first is None or ("to" in data and last is None):
        return None
    return Annual(amount, first, last)


def _by_year(
    reader: Reader, value: Any, path: Path, read: Callable[[Any, Path], T | None]
) -> dict[FinancialYear, T] | None:
    """A mapping of financial years to values; the same year written twice is refused."""
    data = reader.mapping(value, path)
    if data is None:
        return None
    out: dict[FinancialYear, T] = {}
    written: dict[FinancialYear, str] = {}
    ok = True
    for label, item in data.items():
        year = reader.year(label, (*path, str(label)))
        read_value = read(item, (*path, str(label)))
        if year is not None and year in written:
            reader.problem(
                (*path, str(label)),
                f"{year.label} is given twice (also as '{written[year]}'): give each year once",
            )
            ok = False
            continue
        if year is None or read_value is None:
            ok = False
            continue
        written[year] = str(label)
        out[year] = read_value
    return out if ok else None


E = TypeVar("E", CostKind, Recurrence, BenefitType)


def choice(
    reader: Reader, data: Mapping[str, Any], key: str, path: Path, kind: type[E], default: E
) -> E | None:
    if key not in data:
        return default
    value = str(data[key]).strip()
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(member.value for member in kind)
        reader.problem((*path, key), f"'{value}' is not one of {allowed}")
        return None


def flag(reader: Reader, data: Mapping[str, Any], key: str, path: Path) -> bool:
    value = data.get(key, False)
    if isinstance(value, bool):
        return value
    reader.problem((*path, key), f"'{key}' is true or false, not {value!r}")
    return False


def line_name(reader: Reader, data: Mapping[str, Any], path: Path) -> str:
    return reader.text(data.get("name", data["id"]), (*path, "name")) or str(data["id"])


def optional_text(reader: Reader, data: Mapping[str, Any], key: str, path: Path) -> str:
    if key not in data or data[key] in (None, ""):
        return ""
    return reader.text(data[key], (*path, key)) or ""
