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

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, TypeVar

from realise.finance.appraisal.model import (
    Appraisal,
    Baseline,
    DiscountSchedule,
    OptimismBias,
    Option,
)
from realise.finance.appraisal.rules import validate
from realise.finance.bounds import CaseLimits
from realise.finance.casefile.format2_lines import (
    flag,
    optional_text,
    read_benefit,
    read_cost,
    read_offset,
)
from realise.finance.casefile.published import read_published
from realise.finance.casefile.reader import CaseFileError, FileProblem, Reader
from realise.finance.casefile.sections import (
    identifier,
    read_horizon,
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
    "cost": (
        "id",
        "name",
        "kind",
        "recurrence",
        "amounts",
        "total",
        "phasing",
        "annual",
        "from",
        "to",
    ),
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
    first_year, count = read_horizon(reader, root, "start_year")
    rate = _rate(reader, root)
    bias = _bias(reader, root.get("optimism_bias"), ("optimism_bias",)) or OptimismBias()
    baselines = _baselines(reader, root)
    owners: dict[str, str] = {}
    layers = read_layers(reader, root, owners=owners) if "layers" in root else {}
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


def _entries(
    reader: Reader, value: Any, path: Path, keys: str
) -> list[tuple[Path, dict[str, Any]]]:
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
            owner = optional_text(reader, data, "directorate", path)
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
        costs = [read_cost(reader, p, d) for p, d in _lines(reader, data, path, "costs", "cost")]
        offsets = [
            read_offset(reader, p, d) for p, d in _lines(reader, data, path, "offsets", "offset")
        ]
        benefits = [
            read_benefit(reader, p, d) for p, d in _lines(reader, data, path, "benefits", "benefit")
        ]
        if ident is None:
            continue
        options.append(
            Option(
                id=ident,
                name=reader.text(data.get("name", ident), (*path, "name")) or ident,
                description=optional_text(reader, data, "description", path),
                preferred=flag(reader, data, "preferred", path),
                do_nothing=flag(reader, data, "do_nothing", path),
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
