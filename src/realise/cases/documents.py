"""A stored case's document, whatever its format: the file as written is kept as text, with the
number of its format and a checksum, and is read again whenever it is shown, compared or run.

Each format Realise reads is one entry of ``FORMATS``: how to read it (refusing a file with every
problem located), how to list what it says as facts for the comparison of two versions
(``realise.finance.casediff``) and which options (scenarios) a board may approve. Format 1 is
``realise-business-case/1`` (docs/formats/business-case.md); a later format is added here, and
versions saved in the older one keep being read by its own entry.

No Django: the services, the pages and the API call these with the council's limits."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from realise.finance.appraisal.facts import appraisal_facts
from realise.finance.appraisal.model import Appraisal
from realise.finance.appraisal.upgrade import from_format_1
from realise.finance.bounds import CaseLimits
from realise.finance.casediff import Change, Fact, diff_facts
from realise.finance.casefacts import case_facts
from realise.finance.casefile import parse_case
from realise.finance.casefile.format2 import parse_appraisal
from realise.finance.casefile.formats import FAMILY, declared_format
from realise.finance.model import BusinessCase


@dataclass(frozen=True)
class Option:
    """Something a board may approve: a scenario of a format-1 case."""

    id: str
    name: str
    description: str = ""


@dataclass(frozen=True)
class CaseFormat:
    number: int
    name: str
    read: Callable[..., Any]  # (text, *, source, limits) -> the case; raises CaseFileError
    facts: Callable[[Any], Sequence[Fact]]
    options: Callable[[Any], tuple[Option, ...]]
    # The case as an option appraisal (format 2's model), whatever its format: approval, tracking
    # and the editor work on that one model (``realise.finance.appraisal``).
    appraisal: Callable[[Any], Appraisal]


def _scenarios(case: BusinessCase) -> tuple[Option, ...]:
    return tuple(Option(s.id, s.name, s.description) for s in case.scenarios)


def _options(case: Appraisal) -> tuple[Option, ...]:
    return tuple(Option(o.id, o.name, o.description) for o in case.options)


def _itself(case: Appraisal) -> Appraisal:
    return case


FORMATS: dict[int, CaseFormat] = {
    1: CaseFormat(1, f"{FAMILY}/1", parse_case, case_facts, _scenarios, from_format_1),
    2: CaseFormat(2, f"{FAMILY}/2", parse_appraisal, appraisal_facts, _options, _itself),
}


@dataclass(frozen=True)
class Document:
    """A case file that has been read: its text as written, format, checksum and what it says."""

    text: str
    format: int
    checksum: str
    case: Any

    @property
    def options(self) -> tuple[Option, ...]:
        return FORMATS[self.format].options(self.case)

    @property
    def facts(self) -> Sequence[Fact]:
        return FORMATS[self.format].facts(self.case)

    @property
    def appraisal(self) -> Appraisal:
        """The case as an option appraisal, whatever format it was written in."""
        return FORMATS[self.format].appraisal(self.case)

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)


def checksum(text: str) -> str:
    """The SHA-256 of the text's UTF-8 bytes, in hex: what a version's ``checksum`` holds."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_document(
    text: str, *, source: str = "<case>", limits: CaseLimits | None = None
) -> Document:
    """Read and check a case file of any format Realise reads. Raises ``CaseFileError`` with
    every problem found (file, line, field and what was expected); nothing is ever executed."""
    number = declared_format(text, source=source)
    case = FORMATS[number].read(text, source=source, limits=limits)
    return Document(text=text, format=number, checksum=checksum(text), case=case)


def compare(old: Document, new: Document) -> tuple[Change, ...]:
    """Every difference from ``old`` to ``new``: figures, lines and assumptions."""
    return diff_facts(old.facts, new.facts)
