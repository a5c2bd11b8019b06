"""Match a sheet's headings to a kind's columns, forgiving case, spacing, punctuation and the
common synonyms councils use ("Service area" for Directorate, "FY" for Year)."""

from __future__ import annotations

from dataclasses import dataclass, field

from realise.imports.cells import normal, text
from realise.imports.kinds import KINDS, Column, Kind

# Sheets that hold help or drop-down lists, never data.
SKIPPED_SHEETS = {"lists", "help", "instructions", "guidance", "notes", "read me", "readme"}


@dataclass
class Match:
    kind: Kind
    columns: dict[int, Column]  # position in the row -> column
    missing: list[Column] = field(default_factory=list)
    unused: list[str] = field(default_factory=list)
    headings: dict[str, str] = field(default_factory=dict)  # field -> heading as written

    def heading(self, name: str) -> str | None:
        """The sheet's own heading for a field (else the template's), for messages."""
        column = self.kind.column(name)
        return self.headings.get(name) or (column.heading if column else None)

    @property
    def score(self) -> int:
        return len(self.columns)


def names(column: Column) -> set[str]:
    return {normal(column.heading), normal(column.field.replace("_", " "))} | {
        normal(s) for s in column.synonyms
    }


def match(kind: Kind, headings: list[object]) -> Match:
    """Which heading fills which column: exact headings first, then synonyms."""
    found: dict[int, Column] = {}
    taken: set[str] = set()
    labels = [normal(text(h)) for h in headings]
    bare = [" ".join(label.replace("£", " ").replace("%", " ").split()) for label in labels]
    for exact in (True, False):
        for column in kind.columns:
            if column.field in taken:
                continue
            wanted = {normal(column.heading)} if exact else names(column)
            for position, label in enumerate(labels):
                fits = label in wanted or (not exact and bare[position] in wanted)
                if label and position not in found and fits:
                    found[position] = column
                    taken.add(column.field)
                    break
    missing = [c for c in kind.columns if c.required and c.field not in taken]
    unused = [text(h) for i, h in enumerate(headings) if labels[i] and i not in found]
    written = {c.field: text(headings[i]) for i, c in found.items()}
    return Match(kind, found, missing, unused, written)


def _named_for(kind: Kind, sheet_name: str | None) -> bool:
    wanted = normal(sheet_name or "")
    return bool(wanted) and wanted in {normal(kind.name), normal(kind.label), *kind.synonyms}


def best_match(headings: list[object], sheet_name: str | None, only: Kind | None) -> Match | None:
    """The kind whose columns the headings fit best (the sheet's name breaks ties); None when
    fewer than two headings fit any kind."""
    candidates = [only] if only else list(KINDS.values())
    matches = [match(kind, headings) for kind in candidates]
    complete = [m for m in matches if not m.missing]
    pool = complete or matches
    pool.sort(key=lambda m: (m.score, _named_for(m.kind, sheet_name)), reverse=True)
    best = pool[0]
    if only is None and best.score < 2:
        return None
    return best
