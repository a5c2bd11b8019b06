"""Stored business cases: a council's cases, each linked to a programme or a project, each save
an immutable version (the document as written, its format and checksum, who, when and a note),
and the case's path from draft to a board's decision (ADR 0036)."""
