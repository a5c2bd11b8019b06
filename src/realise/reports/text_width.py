"""How wide a line of text prints, in ems, in the reports' font (Arial, or Liberation Sans, which
has the same widths): for laying out PDF table columns and chart labels before anything is drawn,
so no text runs over other text. Widths are the font's advance widths in thousandths of an em;
a character not listed counts as a wide one, so an estimate errs on the wide side."""

from __future__ import annotations

import re

# Advance widths (thousandths of an em) of the characters reports print most.
_SHARED = {
    " ": 278,
    ",": 278,
    ".": 278,
    "/": 278,
    "#": 556,
    "$": 556,
    "%": 889,
    "(": 333,
    ")": 333,
    "*": 389,
    "+": 584,
    "-": 333,
    "=": 584,
    "£": 556,
    "€": 556,
    "\u2212": 584,  # minus sign
    "\u2013": 556,  # en dash
    "\u2014": 1000,  # em dash
    "\u2026": 1000,  # ellipsis
    **dict.fromkeys("0123456789", 556),
    **dict.fromkeys("ABEKPSVXY", 667),
    **dict.fromkeys("CDHNRU", 722),
    **dict.fromkeys("GOQ", 778),
    "F": 611,
    "T": 611,
    "Z": 611,
    "I": 278,
    "M": 833,
    "W": 944,
}
REGULAR = {
    **_SHARED,
    "'": 191,
    "\u2019": 222,
    ":": 278,
    ";": 278,
    "&": 667,
    "?": 556,
    "J": 500,
    "L": 556,
    **dict.fromkeys("abdeghnopqu", 556),
    **dict.fromkeys("cksvxyz", 500),
    **dict.fromkeys("ijl", 222),
    **dict.fromkeys("ft", 278),
    "r": 333,
    "m": 833,
    "w": 722,
}
BOLD = {
    **_SHARED,
    "'": 238,
    "\u2019": 278,
    ":": 333,
    ";": 333,
    "&": 722,
    "?": 611,
    "J": 556,
    "L": 611,
    **dict.fromkeys("ABKR", 722),
    **dict.fromkeys("bdghnopqu", 611),
    **dict.fromkeys("acesvxy", 556),
    "k": 556,
    "z": 500,
    **dict.fromkeys("ijl", 278),
    **dict.fromkeys("ft", 333),
    "r": 389,
    "m": 889,
    "w": 778,
}
UNKNOWN = 1000  # a character we do not know counts as an em wide


def text_em(text: str, *, bold: bool = False) -> float:
    """How wide ``text`` prints on one line, in ems of its font size."""
    widths = BOLD if bold else REGULAR
    return sum(widths.get(character, UNKNOWN) for character in text) / 1000


def words(text: str) -> list[str]:
    """The pieces a line of text may break between: words, and a word's parts after a hyphen
    (a browser breaks "under-delivery" after its hyphen)."""
    return [piece for word in text.split() for piece in re.findall(r"[^-]+-?|-", word)]


def widest_word_em(text: str, *, bold: bool = False) -> float:
    """The width of the widest piece of ``text`` that cannot break: its narrowest column."""
    return max((text_em(word, bold=bold) for word in words(text)), default=0.0)


def wrap(text: str, width_em: float, *, bold: bool = False) -> list[str]:
    """``text`` broken between words into lines of at most ``width_em`` (a word wider than that
    takes a line of its own, as wide as it is)."""
    lines: list[str] = []
    for word in text.split():
        line = f"{lines[-1]} {word}" if lines else word
        if lines and text_em(line, bold=bold) <= width_em:
            lines[-1] = line
        else:
            lines.append(word)
    return lines
