"""Which format a business-case file is in, reading a file of either format, and a format 1
file upgraded to format 2 as text.

A file names its format on its own top-level line (``format: realise-business-case/2``); a file
that names none is format 1, whose reader then says what is wrong with any other ``format:``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path as FsPath
from typing import Any

from realise.finance.appraisal.document import dump, upgrade_document
from realise.finance.appraisal.model import Appraisal
from realise.finance.bounds import CaseLimits
from realise.finance.casefile import CaseFileError, FileProblem, parse_case, read_text
from realise.finance.casefile.format2 import parse_appraisal
from realise.finance.casefile.reader import Reader
from realise.finance.model import BusinessCase

FAMILY = "realise-business-case"
FORMATS = {1: f"{FAMILY}/1", 2: f"{FAMILY}/2"}
_DECLARED = re.compile(
    rf"""^format:[ \t]*["']?{FAMILY}/([^\s"'#]*)["']?[ \t]*(?:#.*)?$""", re.MULTILINE
)


def declared_format(text: str, *, source: str = "<case>") -> int:
    """The format number the file declares; 1 when it names none of this family. A number
    Realise does not read is a ``CaseFileError`` naming the line."""
    match = _DECLARED.search(text)
    if match is None:
        return 1
    value = match[1]
    if value.isdigit() and int(value) in FORMATS:
        return int(value)
    line = text.count("\n", 0, match.start()) + 1
    known = ", ".join(FORMATS.values())
    message = f"'{FAMILY}/{value}' is not a format this version of Realise reads (it reads {known})"
    raise CaseFileError([FileProblem(source, line, ("format",), message)])


def read_any(
    text: str, *, source: str = "<case>", limits: CaseLimits | None = None
) -> BusinessCase | Appraisal:
    """A file of either format, read and checked (``CaseFileError`` with every problem)."""
    if declared_format(text, source=source) == 2:
        return parse_appraisal(text, source=source, limits=limits)
    return parse_case(text, source=source, limits=limits)


def upgrade_text(text: str, *, source: str = "<case>", limits: CaseLimits | None = None) -> str:
    """A format 1 file as format 2 text, every value as the file gave it (comments are not
    kept). The file is checked as format 1 first, and the result reads as format 2 to the same
    figures; a file already in format 2 is refused."""
    if declared_format(text, source=source) == 2:
        raise CaseFileError(
            [FileProblem(source, None, ("format",), "the file is already format 2")]
        )
    parse_case(text, source=source, limits=limits)  # every format 1 refusal, first
    upgraded = dump(upgrade_document(file_data(text, source=source, limits=limits)))
    parse_appraisal(upgraded, source=source, limits=limits)
    return upgraded


def file_data(text: str, *, source: str = "<case>", limits: CaseLimits | None = None) -> Any:
    """A case file's values as written (numbers exact, dates as dates), as plain mappings and
    lists, for a file that has been read already (``CaseFileError`` if it cannot be loaded)."""
    reader = Reader(source, limits or CaseLimits())
    data = reader.load(text)
    if reader.problems:
        raise CaseFileError(reader.problems)
    return _plain(data)


def _plain(value: Any) -> Any:
    """The reader's values (mappings and lists that remember their lines) as plain ones."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, bool | int | Decimal | str | date) or value is None:
        return value
    return str(value)


def load_any(path: str | FsPath, *, limits: CaseLimits | None = None) -> BusinessCase | Appraisal:
    """A file of either format read from disk, no more than the size limit ever read."""
    limits = limits or CaseLimits()
    file = FsPath(path)
    return read_any(read_text(file, limits), source=file.name, limits=limits)
