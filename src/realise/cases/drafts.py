"""A case being written in the web editor, as text: the editor keeps each draft as a format 2 file
(``realise.finance.appraisal.document``), whatever it started from.

- ``as_format_2``: a file that has been read, as format 2 text (a format 1 file upgraded with
  everything it says kept, ``upgrade_text``);
- ``rewritten``: a changed case written out again, keeping word for word the format 1 sections
  the editor does not change (layers, levels, presentation, other benefits, published figures);
- ``starters``: the example cases a person may start from.

No Django: the services call these."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from realise.cases.documents import Document
from realise.finance.appraisal.document import CARRIED, dump, to_document
from realise.finance.appraisal.model import Appraisal
from realise.finance.bounds import CaseLimits
from realise.finance.casefile.formats import file_data, upgrade_text

STARTERS_DIR = Path(__file__).with_name("starters")


def as_format_2(document: Document, *, limits: CaseLimits | None = None) -> str:
    """The text of a file that has been read, as format 2: a format 2 file as written, a format 1
    file upgraded (every figure the same, ``upgrade_text``)."""
    if document.format == 2:
        return document.text
    return upgrade_text(document.text, source="the file", limits=limits)


def carried(text: str, *, limits: CaseLimits | None = None) -> dict[str, Any]:
    """The format 1 sections of a draft, as written, to keep when it is written again."""
    data = file_data(text, source="the draft", limits=limits)
    return {key: data[key] for key in CARRIED if key in data}


def rewritten(case: Appraisal, previous: str, *, limits: CaseLimits | None = None) -> str:
    """``case`` as format 2 text, with the format 1 sections of ``previous`` kept as written."""
    return dump(to_document(case, carried=carried(previous, limits=limits)))


def blank_text(case: Appraisal) -> str:
    return dump(to_document(case))


@dataclass(frozen=True)
class Starter:
    """An example case to start from: its file's name, a name and what it shows."""

    id: str
    name: str
    description: str

    @property
    def text(self) -> str:
        return (STARTERS_DIR / f"{self.id}.yaml").read_text(encoding="utf-8")


STARTERS = (
    Starter(
        "systems",
        "Systems or digital case",
        "Ten years: a new system's capital and revenue costs, its running costs, the old "
        "system's budget released, and benefits that build up to full",
    ),
    Starter(
        "service-redesign",
        "Service redesign",
        "Five years: a service's budget as the baseline, savings as a share of it phased in, "
        "and the cost of the redesign team",
    ),
    Starter(
        "operating-model",
        "Whole-council operating model",
        "Like Dorset's Our Future Council: each directorate's spend as a baseline, savings as a "
        "share of each, with redundancy, programme and technology costs, at two levels of "
        "ambition beside doing nothing",
    ),
    Starter(
        "option-appraisal",
        "Option appraisal",
        "Do nothing and two options side by side, with optimism bias on costs and benefits",
    ),
)


def starter(starter_id: str) -> Starter | None:
    return next((s for s in STARTERS if s.id == starter_id), None)
