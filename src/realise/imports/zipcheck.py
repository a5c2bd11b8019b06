"""A workbook is refused by its unpacked size before anything reads it.

XLSX and ODS files are zip archives of XML. A few hundred KB can unpack to gigabytes (one cell of
400 MB, say), and the spreadsheet reader unpacks a sheet whole into memory, so a web worker would
run out of memory before it could refuse the file. ``check_workbook`` looks first, with the
standard library's ``zipfile``: the parts the archive declares, their total and largest unpacked
sizes, and how tightly each is packed (a real sheet unpacks to ten or twenty times its packed
size; a bomb to a thousand). Then it unpacks each part as a stream, a megabyte at a time, to be
sure no part holds more than it declares, and follows the XML parts' cells (``extent``) so that no
sheet spans more cells than the reader could lay out. The limits are
``realise.core.limits.WorkbookLimits``.
"""

from __future__ import annotations

import copy
import struct
import zipfile
import zlib
from pathlib import Path
from xml.parsers import expat

from realise.core.limits import WorkbookLimits, size_text
from realise.imports.extent import DoctypeFound, SheetExtent, TooManyCells

CHUNK = 1024 * 1024
# What Excel and LibreOffice write; the others (bzip2, LZMA) can unpack to much more in one step.
_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
_KINDS = {"xlsx": "an Excel workbook", "ods": "an OpenDocument spreadsheet"}
_DAMAGED = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    OSError,
    EOFError,
    RuntimeError,  # an encrypted part
    NotImplementedError,
    zlib.error,
    struct.error,
    ValueError,
    expat.ExpatError,
    DoctypeFound,
)


class WorkbookRefused(Exception):
    """The file is not a workbook Realise will open; the message names it and says what to do."""


def unreadable(name: str, kind: str) -> str:
    return f"{name} is not {_KINDS[kind]} Realise can read: save it again as .{kind}"


def check_workbook(path: Path, name: str, kind: str, limits: WorkbookLimits) -> None:
    """Raise ``WorkbookRefused`` unless ``path`` is a zip archive whose parts unpack, in fact and
    as declared, within ``limits``. ``name`` is the file's name as the user knows it."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
            _check_declared(parts, name, kind, limits)
            for part in parts:
                _check_unpacked(archive, part, name, kind, limits)
    except TooManyCells as refused:
        raise WorkbookRefused(str(refused)) from None
    except _DAMAGED:
        raise WorkbookRefused(unreadable(name, kind)) from None


def _check_declared(
    parts: list[zipfile.ZipInfo], name: str, kind: str, limits: WorkbookLimits
) -> None:
    split = "save the rows in several smaller files and import each one"
    if len(parts) > limits.max_parts:
        raise WorkbookRefused(
            f"{name} is made of {len(parts):,} parts, more than any workbook Realise reads "
            f"(at most {limits.max_parts:,}): save it again as .{kind}"
        )
    total = sum(part.file_size for part in parts)
    if total > limits.max_unpacked:
        raise WorkbookRefused(
            f"{name} is too large to import: unpacked, its contents come to {size_text(total)} "
            f"(an .{kind} file is compressed), and Realise reads at most "
            f"{size_text(limits.max_unpacked)}: {split}"
        )
    for part in parts:
        _check_part(part, name, kind, limits, split)


def _check_part(
    part: zipfile.ZipInfo, name: str, kind: str, limits: WorkbookLimits, split: str
) -> None:
    if part.compress_type not in _METHODS:
        raise WorkbookRefused(unreadable(name, kind))
    if part.file_size > limits.max_part:
        raise WorkbookRefused(
            f"{name} is too large to import: one part of it ({part.filename}) comes to "
            f"{size_text(part.file_size)} unpacked, and Realise reads at most "
            f"{size_text(limits.max_part)} in one part: {split}"
        )
    ratio = part.file_size // max(part.compress_size, 1)
    if part.file_size > limits.small_part and ratio > limits.max_ratio:
        raise WorkbookRefused(
            f"{name} is packed unlike any workbook: one part of it ({part.filename}) unpacks to "
            f"{ratio:,} times its packed size, where a real workbook's unpacks to at most "
            f"{limits.max_ratio}. Files built to exhaust a server's memory look like this, so "
            f"Realise does not open it; if it is a real workbook, open it in Excel or "
            f"LibreOffice and save it again as .{kind}"
        )


def _check_unpacked(
    archive: zipfile.ZipFile, part: zipfile.ZipInfo, name: str, kind: str, limits: WorkbookLimits
) -> None:
    """Unpack ``part`` as a stream, refusing it the moment it holds more than it declares or, if
    it is XML, a sheet in it spans more cells than the limit."""
    extent = None
    if part.filename.lower().endswith(".xml"):
        extent = SheetExtent(name, part.filename, limits.max_cells)
    probe = copy.copy(part)
    probe.file_size = part.file_size + 1  # read one byte past what it declares, no further
    unpacked = 0
    with archive.open(probe) as stream:
        while chunk := stream.read(CHUNK):
            unpacked += len(chunk)
            if unpacked > part.file_size:
                raise WorkbookRefused(
                    f"{name} is damaged: one part of it ({part.filename}) holds more than the "
                    f"file says it does: save it again as .{kind}"
                )
            if extent:
                extent.feed(chunk)
    if extent:
        extent.close()
