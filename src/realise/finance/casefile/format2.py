"""Reading a format 2 business-case file (``realise-business-case/2``) into an option appraisal.

Format 2 says everything format 1 does (its layers, savings levels, release points, published
figures and presentation are read by format 1's own section readers) and more: options side by
side with cost lines (capital or revenue, one-off or recurring), offsets (budgets released) and
benefit lines (by type and owning directorate) given as amounts by year, a phased total, an
annual amount, a ramp or staged phasing of a full value that may be a share of a named baseline;
optimism bias; any horizon from 1 to 50 years; the Green Book discount schedule.

The keys each part may have are declared once, in ``KEYS``: the reader refuses any other (naming
the nearest) and ``finance.schema`` builds the JSON Schema's objects from the same table.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, TypeVar

from realise.finance.appraisal.model import (
    Amounts,
    Annual,
    Appraisal,
    Baseline,
    BenefitLine,
    BenefitType,
    CostKind,
    CostLine,
    DiscountSchedule,
    Offset,
    OptimismBias,
    Option,
    PercentOf,
    Phased,
    Ramp,
    Recurrence,
    Staged,
)
from realise.finance.appraisal.rules import validate
from realise.finance.bounds import CaseLimits
from realise.finance.calendar import FinancialYear
from realise.finance.casefile.published import read_published
from realise.finance.casefile.reader import CaseFileError, FileProblem, Reader
from realise.finance.casefile.sections import (
    identifier,
    read_layers,
    read_levels,
    read_other_benefits,
    read_presentation,
    read_releases,
)
from realise.finance.model import Path, Problem

FORMAT_2 = "realise-business-case/2"
T = TypeVar("T")

# Every key each part of a format 2 file may have, and nothing else.
KEYS: dict[str, tuple[str, ...]] = {
    "case": (
        "format",
        "organisation",
        "title",
        "start_year",
        "years",
        "discount_rate",
        "optimism_bias",
        "presentation",
        "baselines",
        "layers",
        "levels",
        "options",
        "other_benefits",
        "published",
    ),
    "optimism_bias": ("costs", "benefits"),
    "baseline": ("id", "name", "amount", "fte", "directorate"),
    "option": (
        "id",
        "name",
        "description",
        "preferred",
        "do_nothing",
        "optimism_bias",
        "level",
        "releases",
        "costs",
        "offsets",
        "benefits",
    ),
    "cost": ("id", "name", "kind", "recurrence", "amounts", "total", "phasing", "annual", "from",
             "to"),  # fmt: skip
    "offset": ("id", "name", "amounts", "annual", "from", "to"),
    "benefit": (
        "id",
        "name",
        "type",
        "directorate",
        "amounts",
        "annual",
        "from",
        "to",
        "full_value",
        "baseline",
        "percent",
        "retention",
        "ramp",
        "phasing",
    ),
}
# The ways a line may give its money: exactly one per line.
COST_WAYS = {"amounts": "amounts by year", "total": "a total with phasing", "annual": "an annual amount"}
BENEFIT_WAYS = {
    "amounts": "amounts by year",
    "annual": "an annual amount",
    "full_value": "a full value",
    "baseline": "a share of a baseline",
}


def parse_appraisal(
    text: str, *, source: str = "<case>", limits: CaseLimits | None = None
) -> Appraisal:
    """Read and check a format 2 file. Raises ``CaseFileError`` listing every problem, each with
    the file, line and field."""
    limits = limits or CaseLimits()
    reader = Reader(source, limits)
    data = reader.load(text)
    if reader.problems:
        raise CaseFileError(reader.problems)
    root = reader.mapping(data, ())
    case = _case(reader, root) if root is not None else None
    if case is None or reader.problems:
        raise CaseFileError(reader.problems or [FileProblem(source, None, (), "empty file")])
    problems = validate(case) + _releases_without_saving(case)
    if problems:
        raise CaseFileError(
            [FileProblem(source, reader.line(p.path), p.path, p.message) for p in problems]
        )
    return case


def _case(reader: Reader, root: dict[str, Any]) -> Appraisal | None:
    reader.keys(root, (), KEYS["case"])
    if root.get("format") != FORMAT_2:
        reader.problem(("format",), f"a format 2 file says 'format: {FORMAT_2}'")
    organisation = reader.text(reader.require(root, "organisation", ()), ("organisation",))
    title = reader.text(reader.require(root, "title", ()), ("title",))
    first_year = reader.year(reader.require(root, "start_year", ()), ("start_year",))
    count = reader.number(reader.require(root, "years", ()), ("years",), largest=None)
    if count is not None and (count != count.to_integral_value() or not 1 <= count <= 50):
        reader.problem(("years",), "the number of years must be a whole number from 1 to 50")
        count = None
    rate = _rate(reader, root)
    bias = _bias(reader, root.get("optimism_bias"), ("optimism_bias",)) or OptimismBias()
    baselines = _baselines(reader, root)
    owners: dict[str, str] = {}
    layers = read_layers(reader, root, extra_keys=("directorate",), owners=owners) if "layers" in root else {}
    levels = read_levels(reader, root, layers) if "levels" in root else []
    options = _options(reader, root)
    others = read_other_benefits(reader, root)
    presentation = read_presentation(reader, root)
    if first_year is None or count is None:
        return None
    years = tuple(first_year + i for i in range(int(count)))
    published, sums = read_published(reader, root, years, layers)
    if reader.problems or organisation is None or title is None or rate is None:
        return None
    return Appraisal(
        organisation=organisation,
        title=title,
        first_year=first_year,
        year_count=int(count),
        options=tuple(options),
        baselines=tuple(baselines),
        discount_rate=rate,
        optimism_bias=bias,
        layers=tuple(layers.values()),
        levels=tuple(levels),
        layer_owners=owners,
        other_benefits=tuple(others),
        published=tuple(published),
        published_sums=tuple(sums),
        presentation=presentation,
    )


def _rate(reader: Reader, root: Mapping[str, Any]) -> Decimal | DiscountSchedule | None:
    if "discount_rate" not in root:
        return DiscountSchedule.GREEN_BOOK
    value = root["discount_rate"]
    if isinstance(value, str) and value.strip() == DiscountSchedule.GREEN_BOOK.value:
        return DiscountSchedule.GREEN_BOOK
    return reader.percent(value, ("discount_rate",))


def _bias(reader: Reader, value: Any, path: Path) -> OptimismBias | None:
    if value is None:
        return None
    data = reader.mapping(value, path)
    if data is None:
        return None
    reader.keys(data, path, KEYS["optimism_bias"])
    costs = reader.percent(data.get("costs", 0), (*path, "costs"))
    benefits = reader.percent(data.get("benefits", 0), (*path, "benefits"))
    return OptimismBias(costs or Decimal(0), benefits or Decimal(0))


def _entries(reader: Reader, value: Any, path: Path, keys: str) -> list[tuple[Path, dict[str, Any]]]:
    found = []
    for index, item in enumerate(reader.sequence(value, path) or []):
        data = reader.mapping(item, (*path, index))
        if data is not None:
            reader.keys(data, (*path, index), KEYS[keys])
            found.append(((*path, index), data))
    return found


def _baselines(reader: Reader, root: Mapping[str, Any]) -> list[Baseline]:
    baselines: list[Baseline] = []
    seen: set[str] = set()
    for path, data in _entries(reader, root.get("baselines", []), ("baselines",), "baseline"):
        ident = identifier(reader, data, path, seen)
        amount = reader.money(reader.require(data, "amount", path), (*path, "amount"))
        fte = reader.number(data["fte"], (*path, "fte")) if "fte" in data else None
        if ident and amount is not None:
            name = reader.text(data.get("name", ident), (*path, "name")) or ident
            owner = _optional_text(reader, data, "directorate", path)
            baselines.append(Baseline(ident, name, amount, fte, owner))
    return baselines


def _options(reader: Reader, root: Mapping[str, Any]) -> list[Option]:
    if "options" not in root:
        reader.problem(("options",), "'options' is required: a case has at least one option")
        return []
    options: list[Option] = []
    seen: set[str] = set()
    for path, data in _entries(reader, root["options"], ("options",), "option"):
        ident = identifier(reader, data, path, seen)
        level = reader.text(data["level"], (*path, "level")) if "level" in data else None
        releases = read_releases(reader, data.get("releases") or {}, (*path, "releases"))
        costs = [_cost(reader, p, d) for p, d in _lines(reader, data, path, "costs", "cost")]
        offsets = [_offset(reader, p, d) for p, d in _lines(reader, data, path, "offsets", "offset")]
        benefits = [
            _benefit(reader, p, d) for p, d in _lines(reader, data, path, "benefits", "benefit")
        ]
        if ident is None:
            continue
        options.append(
            Option(
                id=ident,
                name=reader.text(data.get("name", ident), (*path, "name")) or ident,
                description=_optional_text(reader, data, "description", path),
                preferred=_flag(reader, data, "preferred", path),
                do_nothing=_flag(reader, data, "do_nothing", path),
                costs=tuple(c for c in costs if c is not None),
                offsets=tuple(o for o in offsets if o is not None),
                benefits=tuple(b for b in benefits if b is not None),
                optimism_bias=_bias(reader, data.get("optimism_bias"), (*path, "optimism_bias")),
                level=level,
                releases=releases,
            )
        )
    return options


def _lines(
    reader: Reader, data: Mapping[str, Any], path: Path, key: str, keys: str
) -> list[tuple[Path, dict[str, Any]]]:
    lines = _entries(reader, data.get(key) or [], (*path, key), keys)
    seen: set[str] = set()
    return [(p, d) for p, d in lines if identifier(reader, d, p, seen) is not None]


def _cost(reader: Reader, path: Path, data: dict[str, Any]) -> CostLine | None:
    kind = _choice(reader, data, "kind", path, CostKind, CostKind.UNCLASSIFIED)
    recurrence = _choice(reader, data, "recurrence", path, Recurrence, Recurrence.ONE_OFF)
    way = _way(reader, data, path, COST_WAYS)
    profile: Any = None
    if way == "amounts":
        profile = _amounts(reader, data, path)
    elif way == "total":
        total = reader.money(data["total"], (*path, "total"))
        shares = _by_year(reader, reader.require(data, "phasing", path), (*path, "phasing"), reader.percent)
        profile = Phased(total, shares) if total is not None and shares is not None else None
    elif way == "annual":
        profile = _annual(reader, data, path)
    if profile is None or kind is None or recurrence is None:
        return None
    return CostLine(data["id"], _name(reader, data, path), profile, kind, recurrence)


def _offset(reader: Reader, path: Path, data: dict[str, Any]) -> Offset | None:
    way = _way(reader, data, path, {k: v for k, v in COST_WAYS.items() if k != "total"})
    profile = _amounts(reader, data, path) if way == "amounts" else None
    if way == "annual":
        profile = _annual(reader, data, path)
    if profile is None:
        return None
    return Offset(data["id"], _name(reader, data, path), profile)


def _benefit(reader: Reader, path: Path, data: dict[str, Any]) -> BenefitLine | None:
    kind = _choice(reader, data, "type", path, BenefitType, BenefitType.CASHABLE)
    owner = _optional_text(reader, data, "directorate", path)
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
    return BenefitLine(data["id"], _name(reader, data, path), profile, kind, owner)


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


def _way(reader: Reader, data: Mapping[str, Any], path: Path, ways: Mapping[str, str]) -> str | None:
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


def _choice(
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


def _flag(reader: Reader, data: Mapping[str, Any], key: str, path: Path) -> bool:
    value = data.get(key, False)
    if isinstance(value, bool):
        return value
    reader.problem((*path, key), f"'{key}' is true or false, not {value!r}")
    return False


def _name(reader: Reader, data: Mapping[str, Any], path: Path) -> str:
    return reader.text(data.get("name", data["id"]), (*path, "name")) or str(data["id"])


def _optional_text(reader: Reader, data: Mapping[str, Any], key: str, path: Path) -> str:
    if key not in data or data[key] in (None, ""):
        return ""
    return reader.text(data[key], (*path, key)) or ""


def _releases_without_saving(case: Appraisal) -> list[Problem]:
    """Format 1's rule for release points, per option: a release of a layer the option's level
    saves nothing on would be worth £0."""
    problems = []
    levels = {level.id: level for level in case.levels}
    for index, option in enumerate(case.options):
        level = levels.get(option.level or "")
        if level is None:
            continue
        for layer_id in option.releases:
            if layer_id not in level.savings:
                problems.append(
                    Problem(
                        ("options", index, "releases", layer_id),
                        f"level '{level.id}' saves nothing on layer '{layer_id}', so releasing "
                        f"it would save £0: add '{layer_id}' to the level or remove this release",
                    )
                )
    return problems
