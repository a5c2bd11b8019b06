"""Compare two versions of a business case: every changed figure, every line added or removed and
every changed assumption, each named in plain words with its old and new value, e.g.
``Level ‘Medium’, layer ‘Customer’: share of the layer's baseline 13.7% → 15%``.

A case of any format is first read into *facts*: a flat, ordered list of what the case says, each
with a key that stays the same from version to version (ids, not positions, wherever the file
gives ids). ``casefacts`` does that for format 1; a later format brings its own facts function and
this comparison serves it unchanged. A fact of kind ``line`` stands for a whole line of the case
(a layer, a scenario, a cost line, a release): when a line is added or removed the comparison
says so once, with the line's summary, rather than listing each of its figures.

Pure: no Django, no files. Values are compared exactly (``Decimal("8.80") == Decimal("8.8")``)
and rounded only when shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from realise.finance.calendar import FinancialYear
from realise.finance.money import format_money, round_to
from realise.finance.tables import fte_text

Key = tuple[str, ...]
Kind = Literal["money", "fte", "percent", "share", "number", "text", "date", "year", "line"]
Value = Decimal | str | date | FinancialYear | None
Action = Literal["changed", "added", "removed"]

HUNDRED = Decimal(100)
NONE = "none"


@dataclass(frozen=True)
class Fact:
    """One thing a case says: ``what`` (e.g. "annual saving") of ``where`` (e.g. "Level
    ‘Medium’, layer ‘Customer’"), in a ``section`` of the case, with its value. ``kind`` says how
    the value is shown: ``money`` in pounds, ``fte``, ``percent`` (per cent), ``share`` (a
    fraction shown as per cent), ``number``, ``text``, ``date``, ``year``; a ``line`` fact's value
    is a summary of the line in words."""

    key: Key
    section: str
    where: str
    what: str
    kind: Kind
    value: Value


def shown(value: Value, kind: Kind, *, exact: bool = False) -> str:
    """A fact's value as a person reads it: ``£3,877,096``, ``96.2 FTE``, ``13.71%``, ``75%``,
    ``30 September 2025``, ``2025/26``, ``“Customer”``; ``none`` when there is no value.
    Numbers are shown to two decimal places at most (FTE to one), or in full when ``exact``."""
    if value is None:
        return NONE
    if isinstance(value, Decimal):
        return _number(value, kind, exact)
    if isinstance(value, FinancialYear):
        return value.label
    if isinstance(value, date):
        return f"{value.day} {value:%B %Y}"
    return value if kind == "line" else f"“{value}”"


def _number(value: Decimal, kind: Kind, exact: bool) -> str:
    if kind == "money":
        if not exact:
            return format_money(value)
        exponent = value.normalize().as_tuple().exponent
        return format_money(value, places=max(0, -exponent) if isinstance(exponent, int) else 2)
    if kind == "fte":
        return f"{_plain(value, exact) if exact else fte_text(value)} FTE"
    if kind in ("percent", "share"):
        return f"{_plain(value * HUNDRED if kind == 'share' else value, exact)}%"
    return _plain(value, exact)


def _plain(value: Decimal, exact: bool = False) -> str:
    """A number with no trailing zeros and at most two decimal places (``12.5``, ``13.71``), or
    every place it has when ``exact``."""
    if not exact:
        value = round_to(value, Decimal("0.01"))
    return f"{value.normalize():f}"


@dataclass(frozen=True)
class Change:
    """One difference between two versions: a fact ``changed`` (old and new values), ``added``
    or ``removed`` (a whole line, when the fact is a line)."""

    action: Action
    key: Key
    section: str
    where: str
    what: str
    kind: Kind
    old: Value
    new: Value

    @property
    def _exact(self) -> bool:
        """Whether the values must be shown in full: rounded, a change would not show."""
        return self.action == "changed" and shown(self.old, self.kind) == shown(self.new, self.kind)

    @property
    def old_text(self) -> str:
        return "" if self.action == "added" else shown(self.old, self.kind, exact=self._exact)

    @property
    def new_text(self) -> str:
        return "" if self.action == "removed" else shown(self.new, self.kind, exact=self._exact)

    @property
    def words(self) -> str:
        """The change in one sentence, e.g. ``Layer ‘Customer’: baseline FTE 701.6 FTE → 700
        FTE`` or ``Scenario ‘Scenario 4’: cost line ‘Legal’ added (£1,000 in 2025/26)``."""
        if self.action == "changed":
            return f"{self.where}: {self.what} {self.old_text} → {self.new_text}"
        detail = self.new_text if self.action == "added" else self.old_text
        if self.kind == "line":
            return f"{self.where}: {self.action}" + (f" ({detail})" if detail else "")
        return f"{self.where}: {self.what} {self.action} ({detail})"


def diff_facts(old: Sequence[Fact], new: Sequence[Fact]) -> tuple[Change, ...]:
    """Every difference between the facts of an old and a new version, in the order of the new
    version (what was removed where it used to be). A line added or removed is one change; the
    facts within it are not listed again. Facts whose values are equal are left out."""
    before = {fact.key: fact for fact in old}
    after = {fact.key: fact for fact in new}
    added = [k for k, f in after.items() if f.kind == "line" and k not in before]
    removed = [k for k, f in before.items() if f.kind == "line" and k not in after]
    changes: list[Change] = []
    for key in _merged_order(list(before), list(after)):
        was, now = before.get(key), after.get(key)
        if was is not None and now is not None:
            if now.kind != "line" and (was.value != now.value or was.kind != now.kind):
                changes.append(_change("changed", now, was.value, now.value))
        elif now is not None and not _within(key, added):
            changes.append(_change("added", now, None, now.value))
        elif was is not None and now is None and not _within(key, removed):
            changes.append(_change("removed", was, was.value, None))
    return tuple(changes)


def _change(action: Action, fact: Fact, old: Value, new: Value) -> Change:
    return Change(action, fact.key, fact.section, fact.where, fact.what, fact.kind, old, new)


def _within(key: Key, lines: Iterable[Key]) -> bool:
    """Whether ``key`` is inside one of ``lines`` (not the line itself)."""
    return any(len(key) > len(line) and key[: len(line)] == line for line in lines)


def _merged_order(old: list[Key], new: list[Key]) -> list[Key]:
    """The new keys in order, each key only the old version has placed after the last key
    before it that both versions have (at the start when there is none)."""
    kept = set(new)
    after: dict[Key | None, list[Key]] = {}
    previous: Key | None = None
    for key in old:
        if key in kept:
            previous = key
        else:
            after.setdefault(previous, []).append(key)
    merged = list(after.get(None, []))
    for key in new:
        merged.append(key)
        merged.extend(after.get(key, []))
    return merged


def by_section(changes: Iterable[Change]) -> list[tuple[str, list[Change]]]:
    """The changes grouped by the section of the case they are in, sections in the order they
    first appear."""
    grouped: dict[str, list[Change]] = {}
    for change in changes:
        grouped.setdefault(change.section, []).append(change)
    return list(grouped.items())
