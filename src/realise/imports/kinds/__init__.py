"""What each kind of spreadsheet holds: its columns (heading, synonyms, parser, how a value is
exported), its stable key, and how a row becomes service calls. One module per kind (or pair of
kinds), the shared machinery in ``columns``; every write goes through the domain's services."""

from __future__ import annotations

from realise.imports.kinds.columns import Column, Kind, Values
from realise.imports.kinds.decisions import DECISIONS
from realise.imports.kinds.funding import BIDS, GRANTS
from realise.imports.kinds.ledger import SAVINGS
from realise.imports.kinds.measures import MEASURES
from realise.imports.kinds.projects import PROJECTS
from realise.imports.kinds.risks import RISKS
from realise.imports.kinds.targets import TARGETS

# In the order an import applies them: projects before the rows that name them.
KINDS: dict[str, Kind] = {
    k.name: k for k in (PROJECTS, MEASURES, TARGETS, SAVINGS, BIDS, GRANTS, RISKS, DECISIONS)
}


def kind_named(name: str) -> Kind:
    found = KINDS.get(name.strip().lower())
    if found is None:
        raise ValueError(f'"{name}" is not a kind of list: choose one of {", ".join(KINDS)}')
    return found


__all__ = ["KINDS", "Column", "Kind", "Values", "kind_named"]
