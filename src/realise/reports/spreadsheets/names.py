"""Sheet names a spreadsheet accepts, made from a table's title so a reader still knows it.

Excel refuses a sheet name over 31 characters, one with any of ``[ ] : * ? / \\``, one that
starts or ends with an apostrophe, and "History" (it keeps that name for itself); LibreOffice
follows the same rules when it saves as Excel. So a title is shortened between words, never
inside one, and its forbidden signs are replaced by readable ones: "2022/23" becomes "2022-23",
"Risk heat map: 128 risks" becomes "Risk heat map - 128 risks". Names in one workbook differ
in more than letter case (Excel treats "Risks" and "risks" as the same sheet).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

LONGEST = 31
RESERVED = frozenset({"history"})  # Excel keeps this sheet name for itself
# Words that cannot end a shortened name: "Savings by" says less than "Savings".
DANGLING = frozenset(
    {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"}
)
_SIGNS = (
    (re.compile(r"\s*:\s*"), " - "),  # "Risk heat map: 128" -> "Risk heat map - 128"
    (re.compile(r"[/\\]"), "-"),  # "2022/23" -> "2022-23"
    (re.compile(r"\["), "("),
    (re.compile(r"\]"), ")"),
    (re.compile(r"[*?]"), ""),
    (re.compile(r"[\x00-\x1f]"), " "),
)
_TRIM = " ,;.-\u2013\u2014'"


def readable(title: str) -> str:
    """``title`` with each sign a sheet name may not hold replaced, and its spaces tidied."""
    for pattern, sign in _SIGNS:
        title = pattern.sub(sign, title)
    return " ".join(title.split()).strip("'").strip()


def shortened(text: str, limit: int = LONGEST) -> str:
    """``text`` cut to at most ``limit`` characters between words, without trailing punctuation
    or a dangling "and", "by" or "of"; a first word longer than ``limit`` is cut inside (there
    is no other way)."""
    if len(text) <= limit:
        return text.strip(_TRIM) or text[:limit]
    kept: list[str] = []
    for word in text.split(" "):
        if len(" ".join([*kept, word]).rstrip(_TRIM)) > limit:
            break
        kept.append(word)
    while kept and kept[-1].strip(_TRIM).lower() in DANGLING | {""}:
        kept.pop()
    name = " ".join(kept).rstrip(_TRIM)[:limit]
    return name or text[:limit].rstrip(_TRIM) or text[:limit]


def sheet_name(title: str, taken: Iterable[str] = ()) -> str:
    """A sheet name for a table called ``title``, unlike (in any letter case) every name in
    ``taken``: readable, shortened between words, then numbered " (2)", " (3)" ... when the
    workbook already has it."""
    base = readable(title) or "Table"
    used = {name.casefold() for name in taken} | RESERVED
    name, number = shortened(base), 2
    while name.casefold() in used:
        suffix = f" ({number})"
        name, number = shortened(base, LONGEST - len(suffix)) + suffix, number + 1
    return name


def sheet_names(titles: Iterable[str], taken: Iterable[str] = ()) -> list[str]:
    """A sheet name for each title in turn, each unlike the others and those ``taken``."""
    used = list(taken)
    names = []
    for title in titles:
        name = sheet_name(title, used)
        used.append(name)
        names.append(name)
    return names
