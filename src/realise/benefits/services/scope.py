"""What the benefits services share: a financial year as given, and a saving's scope."""

from __future__ import annotations

from realise.portfolio.models import Directorate, Project

YearInput = int | str


def directorate_of(project: Project | None, directorate: Directorate | None) -> Directorate | None:
    """A saving's directorate: the one given, else its project's."""
    return project.directorate if project is not None and directorate is None else directorate
