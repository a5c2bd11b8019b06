"""Every rule an option appraisal must keep, as problems named by their path in the file (e.g.
``options[1].benefits[0].phasing``). The file reader and the web editor both ask ``validate``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from realise.finance.appraisal.model import (
    Amounts,
    Annual,
    Appraisal,
    BenefitLine,
    CostLine,
    Offset,
    OptimismBias,
    Option,
    PercentOf,
    Phased,
    Staged,
)
from realise.finance.calendar import FinancialYear
from realise.finance.model import BusinessCase, Path, Problem, Scenario
from realise.finance.model import validate as validate_format_1

MAX_YEARS = 50
LAST_START = 2999  # the last financial year Realise reads (FinancialYear)
ONE = Decimal(1)


def validate(case: Appraisal) -> list[Problem]:
    horizon = _horizon(case)
    if horizon:  # every other rule needs the years: none is asked of a case without them
        return horizon
    problems: list[Problem] = []
    if isinstance(case.discount_rate, Decimal) and case.discount_rate < 0:
        problems.append(Problem(("discount_rate",), "the discount rate must not be negative"))
    problems += _bias(case.optimism_bias, ("optimism_bias",))
    problems += _unique((b.id for b in case.baselines), ("baselines",), "baseline")
    for index, baseline in enumerate(case.baselines):
        if baseline.amount < 0:
            problems.append(
                Problem(("baselines", index, "amount"), "a baseline cannot be negative")
            )
    if not case.options:
        problems.append(Problem(("options",), "a case needs at least one option"))
    problems += _unique((o.id for o in case.options), ("options",), "option")
    for flag, label in (("preferred", "preferred"), ("do_nothing", "do-nothing")):
        marked = [i for i, o in enumerate(case.options) if getattr(o, flag)]
        if len(marked) > 1:
            problems.append(
                Problem(("options", marked[1], flag), f"only one option can be the {label} one")
            )
    if case.layers or case.levels:
        problems += [p for p in validate_format_1(_format_1(case)) if p.path[0] != "years"]
    for index, option in enumerate(case.options):
        problems += _option(case, option, ("options", index))
    return problems


def _horizon(case: Appraisal) -> list[Problem]:
    """The case's years, if they are not ones Realise can model."""
    if not 1 <= case.year_count <= MAX_YEARS:
        return [Problem(("years",), f"a case models 1 to {MAX_YEARS} years, not {case.year_count}")]
    if case.first_year.start + case.year_count - 1 > LAST_START:
        return [Problem(("years",), f"a case cannot run past {FinancialYear(LAST_START).label}")]
    return []


def _format_1(case: Appraisal, *scenarios: Scenario) -> BusinessCase:
    """The case's layers and levels as a format 1 case, to ask format 1's rules of them."""
    return BusinessCase(
        organisation=case.organisation,
        title=case.title,
        first_year=case.first_year,
        year_count=max(case.year_count, 1),
        layers=case.layers,
        levels=case.levels,
        scenarios=scenarios,
    )


def _option(case: Appraisal, option: Option, path: Path) -> list[Problem]:
    problems: list[Problem] = []
    if option.optimism_bias is not None:
        problems += _bias(option.optimism_bias, (*path, "optimism_bias"))
    groups: tuple[tuple[str, tuple[CostLine | Offset | BenefitLine, ...]], ...] = (
        ("costs", option.costs),
        ("offsets", option.offsets),
        ("benefits", option.benefits),
    )
    for group, lines in groups:
        problems += _unique((line.id for line in lines), (*path, group), "line")
        for index, line in enumerate(lines):
            problems += _line(case, line, (*path, group, index))
    if option.level is not None or option.releases:
        problems += _releases(case, option, path)
    return problems


def _line(case: Appraisal, line: CostLine | Offset | BenefitLine, path: Path) -> list[Problem]:
    profile = line.profile
    if isinstance(profile, Amounts):
        return _amounts(case, line, profile, path)
    if isinstance(profile, Annual):
        return _annual(case, line, profile, path)
    if isinstance(profile, Phased):
        problems = [] if profile.total >= 0 else [Problem((*path, "total"), _negative(line))]
        return problems + _shares(case, profile.shares, (*path, "phasing"), must_total=True)
    staged = isinstance(profile, Staged)
    key = "phasing" if staged else "ramp"
    return _full_value(case, profile.full_value, path) + _shares(
        case, profile.shares, (*path, key), must_total=staged
    )


def _amounts(
    case: Appraisal, line: CostLine | Offset | BenefitLine, profile: Amounts, path: Path
) -> list[Problem]:
    problems: list[Problem] = []
    for year, amount in profile.by_year.items():
        problems += _year(case, year, (*path, "amounts", year.label))
        if amount < 0:
            problems.append(Problem((*path, "amounts", year.label), _negative(line)))
    return problems


def _annual(
    case: Appraisal, line: CostLine | Offset | BenefitLine, profile: Annual, path: Path
) -> list[Problem]:
    problems = _year(case, profile.first, (*path, "from"))
    if profile.last is not None:
        problems += _year(case, profile.last, (*path, "to"))
        if profile.last < profile.first:
            problems.append(Problem((*path, "to"), "the last year comes before the first"))
    if profile.amount < 0:
        problems.append(Problem((*path, "annual"), _negative(line)))
    return problems


def _negative(line: CostLine | Offset | BenefitLine) -> str:
    if isinstance(line, CostLine):
        return "a cost cannot be negative: a budget the option releases is an offset"
    return "an amount cannot be negative"


def _full_value(case: Appraisal, value: Decimal | PercentOf, path: Path) -> list[Problem]:
    if isinstance(value, Decimal):
        return (
            [] if value >= 0 else [Problem((*path, "full_value"), "an amount cannot be negative")]
        )
    problems = []
    known = {b.id for b in case.baselines}
    if value.baseline not in known:
        names = ", ".join(sorted(known)) or "none"
        problems.append(
            Problem((*path, "baseline"), f"unknown baseline '{value.baseline}' (known: {names})")
        )
    for key, share in (("percent", value.percent), ("retention", value.retention)):
        if not 0 <= share <= ONE:
            problems.append(Problem((*path, key), "must be between 0% and 100%"))
    return problems


def _shares(
    case: Appraisal, shares: Mapping[FinancialYear, Decimal], path: Path, *, must_total: bool
) -> list[Problem]:
    problems: list[Problem] = []
    if not shares:
        return [Problem(path, "give at least one year and its share")]
    for year, share in shares.items():
        problems += _year(case, year, (*path, year.label))
        if not 0 <= share <= ONE:
            problems.append(Problem((*path, year.label), "a share must be between 0% and 100%"))
    total = sum(shares.values(), Decimal(0))
    if must_total and total != ONE:
        problems.append(
            Problem(
                path,
                f"the shares add up to {(total * 100).normalize():f}%; they must add up to 100%",
            )
        )
    return problems


def _year(case: Appraisal, year: FinancialYear, path: Path) -> list[Problem]:
    if year in case.years:
        return []
    span = f"{case.years[0].label} to {case.years[-1].label}" if case.years else "none"
    return [Problem(path, f"{year.label} is outside the modelled years ({span})")]


def _bias(bias: OptimismBias, path: Path) -> list[Problem]:
    problems = []
    if bias.costs < 0:
        problems.append(Problem((*path, "costs"), "an uplift cannot be negative"))
    if not 0 <= bias.benefits <= ONE:
        problems.append(Problem((*path, "benefits"), "a haircut must be between 0% and 100%"))
    return problems


def _unique(ids: Iterable[str], path: Path, what: str) -> list[Problem]:
    seen: set[str] = set()
    problems = []
    for index, item in enumerate(ids):
        if item in seen:
            problems.append(
                Problem((*path, index, "id"), f"two of the {what}s here are called '{item}'")
            )
        seen.add(item)
    return problems


def _releases(case: Appraisal, option: Option, path: Path) -> list[Problem]:
    """Format 1's rules for a level and its release points, asked of the format 1 validator on
    a one-scenario case, with its paths put back under the option."""
    if option.level is None:
        return [Problem((*path, "level"), "releases need the savings level they release")]
    scenario = Scenario(
        id=option.id, name=option.name, level=option.level, releases=option.releases, costs={}
    )
    return [
        Problem((*path, *problem.path[2:]), problem.message)
        for problem in validate_format_1(_format_1(case, scenario))
        if problem.path[:2] == ("scenarios", 0)
    ]
