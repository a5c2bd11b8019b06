"""Changes to an option appraisal, as the web editor makes them: put (add or replace) or drop a
baseline, an option or one of an option's lines, and a plain-words name for any place in a case.

Each returns a new case (the dataclasses are frozen) and checks nothing: whether the result is a
case Realise accepts is ``rules.validate``'s to say, the one set of rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from realise.finance.appraisal.model import (
    Appraisal,
    Baseline,
    BenefitLine,
    CostLine,
    Offset,
    Option,
)
from realise.finance.calendar import FinancialYear
from realise.finance.model import Path

GROUPS = ("costs", "offsets", "benefits")
GROUP_NAMES = {"costs": "cost line", "offsets": "budget released", "benefits": "benefit line"}
Line = CostLine | Offset | BenefitLine


def blank(organisation: str, first_year: FinancialYear, title: str = "") -> Appraisal:
    """A new case: ten years from ``first_year``, the Green Book discount rate, one option."""
    return Appraisal(
        organisation=organisation,
        title=title or "New business case",
        first_year=first_year,
        year_count=10,
        options=(Option(id="option_1", name="Option 1"),),
    )


def new_id(name: str, taken: Iterable[str]) -> str:
    """An id for something called ``name``: its words in lower case joined by ``_``
    (``Data migration`` is ``data_migration``), with ``_2``, ``_3``… when that is taken."""
    base = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")[:60].strip("_") or "item"
    used = set(taken)
    chosen, number = base, 1
    while chosen in used:
        number += 1
        chosen = f"{base}_{number}"
    return chosen


def _put(items: Sequence[Any], item: Any, index: int | None) -> tuple[Any, ...]:
    if index is None:
        return (*items, item)
    if not 0 <= index < len(items):
        raise IndexError(f"no item {index}")
    return (*items[:index], item, *items[index + 1 :])


def _drop(items: Sequence[Any], index: int) -> tuple[Any, ...]:
    if not 0 <= index < len(items):
        raise IndexError(f"no item {index}")
    return (*items[:index], *items[index + 1 :])


def put_baseline(case: Appraisal, baseline: Baseline, index: int | None = None) -> Appraisal:
    """``baseline`` added (``index`` None) or in place of baseline ``index``."""
    return replace(case, baselines=_put(case.baselines, baseline, index))


def drop_baseline(case: Appraisal, index: int) -> Appraisal:
    return replace(case, baselines=_drop(case.baselines, index))


def put_option(case: Appraisal, option: Option, index: int | None = None) -> Appraisal:
    """``option`` added (``index`` None) or in place of option ``index``."""
    return replace(case, options=_put(case.options, option, index))


def drop_option(case: Appraisal, index: int) -> Appraisal:
    return replace(case, options=_drop(case.options, index))


def lines(case: Appraisal, option: int, group: str) -> tuple[Line, ...]:
    """The ``group`` ("costs", "offsets" or "benefits") of option ``option``."""
    if group not in GROUPS:
        raise KeyError(f"no group '{group}'")
    return getattr(case.options[option], group)  # type: ignore[no-any-return]


def put_line(
    case: Appraisal, option: int, group: str, line: Line, index: int | None = None
) -> Appraisal:
    """``line`` added to (``index`` None) or in place of line ``index`` of option ``option``'s
    ``group``."""
    return _with(case, option, group, _put(lines(case, option, group), line, index))


def drop_line(case: Appraisal, option: int, group: str, index: int) -> Appraisal:
    return _with(case, option, group, _drop(lines(case, option, group), index))


def _with(case: Appraisal, option: int, group: str, items: tuple[Any, ...]) -> Appraisal:
    """The case with option ``option``'s ``group`` replaced by ``items``."""
    current = case.options[option]
    if group == "costs":
        changed = replace(current, costs=items)
    elif group == "offsets":
        changed = replace(current, offsets=items)
    else:
        changed = replace(current, benefits=items)
    return put_option(case, changed, option)


def place(case: Appraisal, path: Path) -> str:
    """Where ``path`` is in the case, in words: ``Option A, cost line “Data migration”``. Empty
    for the case's own settings."""
    parts: list[str] = []
    number = path[1] if len(path) >= 2 and isinstance(path[1], int) else None
    if number is not None and path[0] == "options" and number < len(case.options):
        parts.append(case.options[number].name)
        if len(path) >= 4 and path[2] in GROUPS and isinstance(path[3], int):
            group = lines(case, number, str(path[2]))
            if path[3] < len(group):
                parts.append(f"{GROUP_NAMES[str(path[2])]} “{group[path[3]].name}”")
    elif number is not None and path[0] == "baselines" and number < len(case.baselines):
        parts.append(f"baseline “{case.baselines[number].name}”")
    text = ", ".join(parts)
    return text[:1].upper() + text[1:]
