"""Writes to the web editor's drafts: start a draft (blank, from an example, from a file of
either format, or from a case's latest version), change it (every change checked by the rules of
a case, ``realise.finance.appraisal.rules.validate``, and the draft kept only as a file the
reader accepts) or replace it with a whole file (as the API does), discard it, and save it as a
new case or a case's next version, after which it is gone. Each writes the draft's history with
who did it; a refused change leaves the draft as it was. The cases and versions themselves are
written by ``services`` alone."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from realise.cases.drafts import as_format_2, rewritten
from realise.cases.models import Case, CaseDraft
from realise.cases.services import (
    _latest,
    _locked,
    _open_case,
    case_create,
    case_version_save,
    document_read,
)
from realise.core.limits import case_limits
from realise.core.writes import validated_save
from realise.finance.appraisal.model import Appraisal
from realise.finance.appraisal.rules import validate
from realise.finance.model import Problem, format_path
from realise.portfolio.models import Organisation, Programme, Project

EDITOR_SOURCE = "the web editor"


class DraftRefused(ValidationError):
    """A change to a draft that breaks the rules of a case: ``problems`` says where (the path in
    the file, e.g. ``options[1].costs[0].phasing``) and what is wrong, for the form to show
    against its fields."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        by_place: dict[str, list[str]] = {}
        for problem in problems:
            by_place.setdefault(format_path(problem.path) or "document", []).append(problem.message)
        super().__init__(by_place)


def _as_draft(document: str, source: str) -> tuple[str, str]:
    """A case file of any format as the text a draft keeps (format 2) and its title; a file that
    cannot be used is refused with its problems (``ValidationError`` on ``document``)."""
    read = document_read(text=document, source=source)
    text = as_format_2(read, limits=case_limits())
    again = document_read(text=text, source=source)  # what the editor will read, read once
    return text, again.appraisal.title[:200]


@transaction.atomic
def draft_start(
    *,
    organisation: Organisation,
    document: str,
    source: str = "",
    started_from: str = "",
    case: Case | None = None,
    by: Any,
) -> CaseDraft:
    """Start a draft from a case file of any format Realise reads (a format 1 file is upgraded
    to format 2, every figure kept), for a new case or for ``case``, whose latest version it
    then starts from. A file that cannot be used is refused with its problems."""
    based_on = None
    if case is not None:
        locked = _locked(case)
        _open_case(locked)
        latest = _latest(locked)
        based_on = latest.number if latest else None
    return _started(organisation, document, source, started_from, case, based_on, by)


def _started(
    organisation: Organisation,
    document: str,
    source: str,
    started_from: str,
    case: Case | None,
    based_on: int | None,
    by: Any,
) -> CaseDraft:
    text, title = _as_draft(document, source)
    return validated_save(
        CaseDraft(
            organisation=organisation,
            case=case,
            based_on=based_on,
            title=title,
            document=text,
            started_from=started_from or source,
            created_by=by,
        ),
        by=by,
        verbatim=("document",),
    )


@transaction.atomic
def draft_from_case(*, case: Case, by: Any) -> CaseDraft:
    """Start a draft of ``case`` from its latest version, to be saved as its next version; a case
    with no version is refused."""
    locked = _locked(case)
    _open_case(locked)
    latest = _latest(locked)
    if latest is None:
        raise ValidationError("This case has no version to start a draft from")
    source = latest.source or f"version {latest.number}"
    number = latest.number
    return _started(
        case.organisation, latest.document, source, f"version {number}", case, number, by
    )


@transaction.atomic
def draft_change(*, draft: CaseDraft, appraisal: Appraisal, by: Any) -> CaseDraft:
    """Keep ``appraisal`` as the draft, if it keeps every rule of a case (``rules.validate``);
    else ``DraftRefused`` with each problem, and the draft stays as it was."""
    problems = validate(appraisal)
    if problems:
        raise DraftRefused(problems)
    text = rewritten(appraisal, draft.document, limits=case_limits())
    document_read(text=text, source=EDITOR_SOURCE)  # saveable as a version, as written
    draft.document, draft.title = text, appraisal.title[:200]
    draft.updated_at = timezone.now()
    return validated_save(draft, by=by, verbatim=("document",))


@transaction.atomic
def draft_replace(
    *, draft: CaseDraft, document: str, source: str = "the draft", by: Any
) -> CaseDraft:
    """Keep the whole case file ``document`` as the draft (a format 1 file upgraded to format 2,
    every figure kept), if it is one the reader accepts, every rule of a case kept; else a
    ``ValidationError`` on ``document`` with one message per problem, each naming its line and
    place in the file, and the draft stays as it was."""
    text, title = _as_draft(document, source or "the draft")
    draft.document, draft.title = text, title
    draft.updated_at = timezone.now()
    return validated_save(draft, by=by, verbatim=("document",))


@transaction.atomic
def draft_discard(*, draft: CaseDraft, by: Any) -> None:
    """Throw the draft away; the case and its versions are as they were."""
    draft._history_user = by  # type: ignore[attr-defined]
    draft.delete()


@transaction.atomic
def draft_save(
    *,
    draft: CaseDraft,
    note: str = "",
    programme: Programme | None = None,
    project: Project | None = None,
    by: Any,
) -> Case:
    """Save the draft as its case's next version (a draft version, with ``note``), or for a new
    case store the case (for ``project`` or ``programme``) with the draft as version 1. If a
    newer version of the case was saved since the draft started, nothing is saved. The editing
    draft is then gone: the version is the record."""
    if draft.case is not None:
        case = draft.case
        case_version_save(
            case=case,
            document=draft.document,
            source=EDITOR_SOURCE,
            note=note,
            seen=draft.based_on,
            by=by,
        )
    else:
        case = case_create(
            organisation=draft.organisation,
            title=draft.title,
            document=draft.document,
            programme=programme,
            project=project,
            source=EDITOR_SOURCE,
            note=note,
            by=by,
        )
    draft_discard(draft=draft, by=by)
    return case
