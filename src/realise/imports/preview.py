"""What an import will do (or did), row by row: the one preview the import page and
`realise import` (with or without ``--dry-run``) both show, made from the engine's ``Outcome``
so the two never differ."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from realise.imports.engine import Outcome

# Enough rows to check a file by; the caption says when there are more.
SHOWN_CHANGES = 200
HEADINGS = ("Change", "Kind", "Sheet", "Row", "What")
NO_SHEET = "–"  # a CSV file has no sheets


@dataclass(frozen=True)
class PreviewRow:
    change: str  # Create or Update
    kind: str
    sheet: str
    row: int
    what: str

    @property
    def cells(self) -> tuple[str, str, str, str, str]:
        return (self.change, self.kind, self.sheet, str(self.row), self.what)


@dataclass(frozen=True)
class Preview:
    caption: str
    rows: tuple[PreviewRow, ...]


def import_preview(outcome: Outcome, *, done: bool = False) -> Preview:
    """The first ``SHOWN_CHANGES`` rows ``outcome`` creates or updates, captioned by whether
    they were imported (``done``), will be, or would be once the problems are corrected."""
    shown = outcome.changes[:SHOWN_CHANGES]
    if done:
        caption = "What changed"
    elif outcome.ok:
        caption = "What will change"
    else:
        caption = "What would change once the problems are corrected"
    if len(shown) < len(outcome.changes):
        caption += f" (first {len(shown)} of {len(outcome.changes)})"
    rows = tuple(
        PreviewRow(
            change="Create" if change.action == "create" else "Update",
            kind=change.kind,
            sheet=change.sheet or NO_SHEET,
            row=change.row,
            what=change.description,
        )
        for change in shown
    )
    return Preview(caption=caption, rows=rows)
