"""The business-case file: YAML in, validated frozen dataclasses out.

Every problem names the file, the line and the field path, and says what was expected, e.g.
``dorset.yaml:41 scenarios[2].releases.customer[1].share: shares for layer 'customer' add up to
125%; they must not exceed 100%``. The format is documented in docs/formats/business-case.md.
This module parses text; reading the file is the caller's job (``load_case`` is a convenience).
A file over the limits in ``bounds.CaseLimits`` (bytes, aliases, values, nesting) is refused before
it is read into values.

The reading is split in three: ``reader`` (the YAML and the typed accessors that record
problems), ``sections`` (layers, levels, scenarios, other benefits, presentation) and
``published`` (the printed figures for the audit). Import from here: this module's names are the
public API.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path as FsPath
from typing import Any

from realise.finance.bounds import CaseLimits, too_large
from realise.finance.casefile.published import read_published
from realise.finance.casefile.reader import (
    FORMAT,
    SCENARIO_METRICS,
    UNITS,
    CaseFileError,
    FileProblem,
    Reader,
    yaml_problem,
)
from realise.finance.casefile.sections import (
    read_horizon,
    read_layers,
    read_levels,
    read_other_benefits,
    read_presentation,
    read_scenarios,
)
from realise.finance.model import GREEN_BOOK_RATE, BusinessCase, Problem, validate

__all__ = [
    "FORMAT",
    "SCENARIO_METRICS",
    "TOP_KEYS",
    "UNITS",
    "CaseFileError",
    "FileProblem",
    "load_case",
    "parse_case",
    "read_text",
    "yaml_problem",
]


def load_case(path: str | FsPath, *, limits: CaseLimits | None = None) -> BusinessCase:
    """Read and validate a format 1 business-case file. Raises ``CaseFileError`` (never a
    traceback). A file over ``limits.max_bytes`` is refused unread (no more than that is ever
    read)."""
    limits = limits or CaseLimits()
    file = FsPath(path)
    return parse_case(read_text(file, limits), source=file.name, limits=limits)


def read_text(file: FsPath, limits: CaseLimits) -> str:
    """A case file's text, refused (``CaseFileError``) when it is over the size limit, cannot be
    read or is not UTF-8; no more than the limit is ever read."""
    try:
        with file.open("rb") as stream:
            data = stream.read(limits.max_bytes + 1)
            size = max(len(data), file.stat().st_size)
        if size > limits.max_bytes:
            raise CaseFileError([FileProblem(file.name, None, (), too_large(size, limits))])
        return data.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "it is not UTF-8 text"
        problem = FileProblem(file.name, None, (), f"cannot read the file: {reason}")
        raise CaseFileError([problem]) from None


def parse_case(
    text: str, *, source: str = "<case>", limits: CaseLimits | None = None
) -> BusinessCase:
    """Parse and validate business-case YAML. Raises ``CaseFileError`` listing every problem."""
    with _collection_paused():
        return _parse_case(text, source, limits or CaseLimits())


@contextmanager
def _collection_paused() -> Iterator[None]:
    """Python's cycle collector paused while a file is read: reading makes a great many objects
    and no cycles, so the collector's passes over them are wasted (an eighth of the time on a
    large case). Resumed after, if it was running."""
    running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if running:
            gc.enable()


def _parse_case(text: str, source: str, limits: CaseLimits) -> BusinessCase:
    size = len(text.encode("utf-8"))
    if size > limits.max_bytes:
        raise CaseFileError([FileProblem(source, None, (), too_large(size, limits))])
    reader = Reader(source, limits)
    data = reader.load(text)
    if reader.problems:
        raise CaseFileError(reader.problems)
    root = reader.mapping(data, ())
    case = _build_case(reader, root) if root is not None else None
    if case is None or reader.problems:
        raise CaseFileError(reader.problems or [FileProblem(source, None, (), "empty file")])
    problems = validate(case) or _releases_without_saving(case)
    if problems:
        raise CaseFileError([_locate(reader, p) for p in problems])
    return case


def _releases_without_saving(case: BusinessCase) -> list[Problem]:
    """A release of a layer its level saves nothing on would be worth £0: a slip in a file.
    (The engine values such a tranche at nothing, for a case built in code.)"""
    problems = []
    for index, scenario in enumerate(case.scenarios):
        level = case.level(scenario.level)
        for layer_id in scenario.releases:
            if layer_id not in level.savings:
                problems.append(
                    Problem(
                        ("scenarios", index, "releases", layer_id),
                        f"level '{level.id}' saves nothing on layer '{layer_id}', so releasing "
                        f"it would save £0: add '{layer_id}' to the level or remove this release",
                    )
                )
    return problems


def _locate(reader: Reader, problem: Problem) -> FileProblem:
    return FileProblem(reader.source, reader.line(problem.path), problem.path, problem.message)


# The keys of the file's top level; any other is refused, naming the nearest.
TOP_KEYS = (
    "format",
    "organisation",
    "title",
    "first_year",
    "years",
    "discount_rate",
    "presentation",
    "layers",
    "levels",
    "scenarios",
    "other_benefits",
    "published",
)


def _build_case(reader: Reader, root: dict[str, Any]) -> BusinessCase | None:
    reader.keys(root, (), TOP_KEYS)
    declared = root.get("format", FORMAT)
    if declared != FORMAT:
        reader.problem(("format",), f"unknown format '{declared}'; this version reads '{FORMAT}'")
    organisation = reader.text(reader.require(root, "organisation", ()), ("organisation",))
    title = reader.text(reader.require(root, "title", ()), ("title",))
    first_year, count = read_horizon(reader, root, "first_year")
    rate: Decimal | None = GREEN_BOOK_RATE
    if "discount_rate" in root:
        rate = reader.percent(root["discount_rate"], ("discount_rate",))
    layers = read_layers(reader, root)
    levels = read_levels(reader, root, layers)
    scenarios = read_scenarios(reader, root)
    others = read_other_benefits(reader, root)
    presentation = read_presentation(reader, root)
    if first_year is None or count is None:
        return None
    years = tuple(first_year + i for i in range(int(count)))
    published, sums = read_published(reader, root, years, layers)
    if reader.problems or organisation is None or title is None or rate is None:
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
