"""Every size limit in one place: how large a business-case file, an import upload and the
workbook inside it may be.

Each limit has a setting name and a default. Its value comes from Django's settings when they are
set up and name it; otherwise from the environment variable of the same name (so the command line
obeys a deployment's limits without a database); otherwise the default. The settings modules read
the same variables (``from_environment``), so a deployment sets a limit once, in the environment.
The web pages, the API and the command line all take their limits from here, and so refuse the
same files with the same words (see docs/howto/deploy.md for the list, ADR 0015 for the choice).

``realise.finance`` knows nothing of Django: ``case_limits`` hands it a plain ``CaseLimits``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from realise.finance.bounds import MB, CaseLimits, size_text

__all__ = ["LIMITS", "Limit", "WorkbookLimits", "case_limits", "size_text", "workbook_limits"]


@dataclass(frozen=True)
class Limit:
    setting: str
    default: int
    meaning: str

    def from_environment(self) -> int:
        """The environment variable of this name as a whole number, else the default."""
        raw = os.environ.get(self.setting, "").strip()
        return self._checked(raw) if raw else self.default

    def value(self) -> int:
        from django.conf import settings

        if settings.configured and hasattr(settings, self.setting):
            return self._checked(getattr(settings, self.setting))
        return self.from_environment()

    def _checked(self, raw: object) -> int:
        from django.core.exceptions import ImproperlyConfigured

        try:
            number = int(str(raw).replace("_", ""))
        except ValueError:
            number = 0
        if number <= 0:
            raise ImproperlyConfigured(
                f"{self.setting} must be a whole number above 0 ({self.meaning}), not {raw!r}"
            )
        return number


_CASE = CaseLimits()
CASE_BYTES = Limit("REALISE_CASE_UPLOAD_LIMIT", _CASE.max_bytes, "bytes in a business-case file")
CASE_VALUES = Limit(
    "REALISE_CASE_MAX_VALUES", _CASE.max_values, "values in a business case, aliases written out"
)
CASE_ALIASES = Limit("REALISE_CASE_MAX_ALIASES", _CASE.max_aliases, "aliases in a business case")
IMPORT_BYTES = Limit("REALISE_IMPORT_UPLOAD_LIMIT", 20 * MB, "bytes in a file to import")
WORKBOOK_BYTES = Limit(
    "REALISE_WORKBOOK_UNPACKED_LIMIT", 200 * MB, "bytes in a workbook once unpacked"
)
WORKBOOK_PART_BYTES = Limit(
    "REALISE_WORKBOOK_PART_LIMIT", 100 * MB, "bytes in one part of a workbook once unpacked"
)
WORKBOOK_CELLS = Limit(
    "REALISE_WORKBOOK_MAX_CELLS", 5_000_000, "cells in one sheet, first to last value"
)
WORKBOOK_RATIO = Limit(
    "REALISE_WORKBOOK_MAX_RATIO", 100, "how many times its packed size a part may unpack to"
)
LIMITS = (
    CASE_BYTES,
    CASE_VALUES,
    CASE_ALIASES,
    IMPORT_BYTES,
    WORKBOOK_BYTES,
    WORKBOOK_PART_BYTES,
    WORKBOOK_CELLS,
    WORKBOOK_RATIO,
)


def case_limits() -> CaseLimits:
    return CaseLimits(
        max_bytes=CASE_BYTES.value(),
        max_values=CASE_VALUES.value(),
        max_aliases=CASE_ALIASES.value(),
    )


@dataclass(frozen=True)
class WorkbookLimits:
    """How large an import file, and the XLSX or ODS workbook packed inside it, may be; and how
    many cells a sheet may span from its first value to its last (``imports.extent``).

    A part smaller than ``small_part`` may unpack to any multiple of its packed size: only a
    large part packed unusually tightly is the mark of a file built to be a bomb."""

    max_file: int = IMPORT_BYTES.default
    max_unpacked: int = WORKBOOK_BYTES.default
    max_part: int = WORKBOOK_PART_BYTES.default
    max_ratio: int = WORKBOOK_RATIO.default
    max_cells: int = WORKBOOK_CELLS.default
    max_parts: int = 10_000
    small_part: int = 1 * MB


def workbook_limits() -> WorkbookLimits:
    return WorkbookLimits(
        max_file=IMPORT_BYTES.value(),
        max_unpacked=WORKBOOK_BYTES.value(),
        max_part=WORKBOOK_PART_BYTES.value(),
        max_ratio=WORKBOOK_RATIO.value(),
        max_cells=WORKBOOK_CELLS.value(),
    )
