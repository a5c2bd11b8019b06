"""What the benefits services share: a financial year as given, and a saving's scope."""

from __future__ import annotations

from realise.portfolio.models import Directorate, Project
from realise.portfolio.reference import refuse_retired

YearInput = int | str


def directorate_of(project: Project | None, directorate: Directorate | None) -> Directorate | None:
    """A saving's directorate: the one given, else its project's. A retired directorate chosen
    for a new record is refused (``refuse_retired``); one that comes with the project (its own
    directorate, even retired) is kept, so a project's savings can still be recorded."""
    if project is not None and directorate is None:
        return project.directorate
    kept = project.directorate_id if project is not None else None
    refuse_retired("directorate", directorate, kept=kept)
    return directorate
