"""The pure rules of a council's reference data (directorates, programmes, lifecycle stages,
priorities, boards, risk bands): when two names count as the same, and where an item lands when
it is moved. No Django and no database, so ``tests/unit/test_reference_rules.py`` checks them
alone; the services in ``realise.portfolio.reference`` and ``realise.risks.services`` apply them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypeVar

T = TypeVar("T")


def name_key(name: str) -> str:
    """What a name is compared by: spaces at the ends dropped, runs of spaces made one, and letter
    case ignored, so "Adult Services", "adult services" and "Adult  Services " are one name."""
    return " ".join(name.split()).casefold()


def same_name(first: str, second: str) -> bool:
    """Whether a reader would take the two names for the same one (``name_key``)."""
    return name_key(first) == name_key(second)


def clashing_name(name: str, others: Iterable[str]) -> str | None:
    """The first of ``others`` that is the same name as ``name``, or None."""
    key = name_key(name)
    return next((other for other in others if name_key(other) == key), None)


def moved(order: Sequence[T], item: T, position: int) -> list[T]:
    """``order`` with ``item`` taken out and put back at ``position`` (1 is first), the others
    keeping their order. A position outside 1 to the number of items is a ``ValueError`` that
    says which positions there are; an item not in ``order`` is a ``ValueError`` too."""
    if item not in order:
        raise ValueError("That item is not in the list")
    if isinstance(position, bool) or not isinstance(position, int):
        raise ValueError(f"The position must be a whole number, not {position!r}")
    if not 1 <= position <= len(order):
        last = len(order)
        places = "1" if last == 1 else f"from 1 (first) to {last} (last)"
        raise ValueError(f"Choose a position {places}, not {position}")
    rest = [other for other in order if other != item]
    return [*rest[: position - 1], item, *rest[position - 1 :]]
