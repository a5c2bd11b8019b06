"""How an import finds one of the council's items (a directorate, programme, stage, fund, board or
project code) from what someone typed. Pure: no Django and no database, so
``tests/unit/test_import_names.py`` checks it alone; ``context.Context`` fills one per kind.

A name is found, in this order: exactly as typed; as the services compare names (letter case and
runs of spaces ignored: ``realise.portfolio.naming.name_key``); or loosely, punctuation ignored
too (``cells.normal``: "Adults-Health" for "Adults Health"). The first way that fits one item
finds it. A way that fits two or more is refused, naming them, rather than one picked at random:
"Adults & Health" and "Adults Health" are two directorates, each found as written, and "adults
health" is the second, while "Adults-Health" could be either."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from realise.imports.cells import normal
from realise.portfolio.naming import name_key

_WAYS: tuple[Callable[[str], str], ...] = (name_key, normal)


class Ambiguous(LookupError):
    """A typed name that fits more than one item: ``names`` are theirs, as Realise has them."""

    def __init__(self, names: list[str]) -> None:
        super().__init__(names)
        self.names = names


class Names:
    """One kind of item by name: ``learn`` each (again, when it changes), then ``find``."""

    def __init__(self, items: Iterable[tuple[str, Any]] = ()) -> None:
        self._items: dict[str, Any] = {}  # by name exactly as Realise has it
        self._ways: list[dict[str, dict[str, None]]] = [{} for _ in _WAYS]  # key -> names
        self._typed: dict[str, Any] = {}  # what has been typed and found, so far
        for name, item in items:
            self.learn(name, item)

    def learn(self, name: str, item: Any) -> None:
        """Know ``item`` by ``name`` (replacing what had that name)."""
        self._items[name] = item
        for way, index in zip(_WAYS, self._ways, strict=True):
            index.setdefault(way(name), {})[name] = None
        self._typed.clear()  # a new name may tell apart, or fit, what was typed before

    def find(self, typed: str) -> Any | None:
        """The item ``typed`` names, None for none, ``Ambiguous`` when it could be several."""
        found = self._typed.get(typed)
        if found is None:
            found = self._items.get(typed)
            if found is None:
                found = self._fitting(typed)
            if found is not None:
                self._typed[typed] = found
        return found

    def _fitting(self, typed: str) -> Any | None:
        for way, index in zip(_WAYS, self._ways, strict=True):
            names = index.get(way(typed))
            if names and len(names) > 1:
                raise Ambiguous(sorted(names))
            if names:
                return self._items[next(iter(names))]
        return None

    def items(self) -> list[Any]:
        return list(self._items.values())


def either(names: list[str]) -> str:
    """ "A" or "B"; "A", "B" or "C": the names an ambiguous cell could mean, for a message."""
    quoted = [f'"{name}"' for name in names]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"
