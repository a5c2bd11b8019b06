"""A business case brought back from its workbook: an uploaded XLSX or ODS file read (with the
import's checks of its size and what it unpacks to, ``readers.read_workbook``) and its Inputs and
Other sections sheets turned into the case's format 2 text (``finance.casefile.workbook_reader``).

Used by the web editor's and the stored cases' upload fields, the API and ``realise case store``;
each then saves the text through the cases' services, as it would a YAML file.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from realise.core.limits import case_limits, workbook_limits
from realise.finance.bounds import too_large
from realise.finance.casefile import CaseFileError, FileProblem
from realise.finance.casefile.workbook_layout import INPUTS, OTHER
from realise.finance.casefile.workbook_reader import read_case_workbook
from realise.imports.readers import ImportFileError, read_workbook

WORKBOOK_SUFFIXES = (".xlsx", ".ods")
READ = (INPUTS, OTHER)  # the sheets the reader looks at: the others are formulas


@dataclass(frozen=True)
class _Said(FileProblem):
    """A problem with the file as a whole, whose message names the file already."""

    def __str__(self) -> str:
        return self.message


def is_workbook(filename: str) -> bool:
    return Path(filename).suffix.lower() in WORKBOOK_SUFFIXES


def case_text_from_upload(data_or_path: bytes | str | Path, filename: str) -> str:
    """The format 2 text of the case in the workbook ``data_or_path`` (its bytes, or the path of
    the file), known to the person as ``filename``. A file that cannot be read, or whose case is
    not sound, is a ``CaseFileError`` whose problems name the sheet, row and column."""
    if isinstance(data_or_path, bytes):
        with tempfile.TemporaryDirectory(prefix="realise-case-") as folder:
            path = Path(folder) / f"upload{Path(filename).suffix.lower()}"
            path.write_bytes(data_or_path)
            return case_text_from_upload(path, filename)
    try:
        book = read_workbook(Path(data_or_path), filename)
    except ImportFileError as refused:
        raise CaseFileError([_Said(filename, None, (), str(refused))]) from None
    try:
        sheets: dict[str, list[list[Any]]] = {}
        for sheet in book.sheets:
            if sheet.name in READ:
                sheets[sheet.name] = _rows(sheet.rows)
            else:
                sheets.setdefault(str(sheet.name), [])
    except ImportFileError as refused:
        raise CaseFileError([_Said(filename, None, (), str(refused))]) from None
    finally:
        book.close()
    return read_case_workbook(sheets, source=filename, limits=case_limits())


def _rows(numbered: Any) -> list[list[Any]]:
    """The sheet's rows as a list from row 1, a row the reader skipped being empty."""
    rows: list[list[Any]] = []
    for number, values in numbered:
        while len(rows) < number - 1:
            rows.append([])
        rows.append(["" if v is None else v for v in values])
    return rows


def case_text_of(upload: Any, filename: str) -> str:
    """The case text of an uploaded file (anything with ``read``): a YAML case file's text, read
    no further than the size limit, or a case workbook read back. ``CaseFileError`` if neither."""
    if is_workbook(filename):
        return case_text_from_upload(upload.read(workbook_limits().max_file + 1), filename)
    limits = case_limits()
    data = upload.read(limits.max_bytes + 1)
    if len(data) > limits.max_bytes:
        raise CaseFileError([FileProblem(filename, None, (), too_large(len(data), limits))])
    try:
        return str(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise CaseFileError(
            [FileProblem(filename, None, (), "the file is not UTF-8 text")]
        ) from None
