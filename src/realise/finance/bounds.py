"""How large a business-case file may be, and the words for a file past a limit.

YAML lets a file name a part with ``&name`` and repeat it with ``*name`` (an alias). Repeating
parts that themselves repeat parts makes a file of a few hundred bytes stand for hundreds of
millions of values (a "billion laughs"): a reader that wrote every alias out in full would run
for minutes and exhaust the memory. So the case reader (``casefile.loader``) measures the file as
it reads it, never writing an alias out: how many aliases it uses, how many values it holds once
every alias stands for what it names, and how deeply its lists and mappings nest. Past a limit it
stops with ``CaseTooLarge``, which says where and why in plain words (the words are here).
``odd_tag`` names what a case never holds (a tag, a merge).

The limits are plain numbers (``CaseLimits``): this package knows nothing of Django. The web
pages and the command line pass the deployment's own (``realise.core.limits.case_limits``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

KB = 1024
MB = 1024 * KB


@dataclass(frozen=True)
class CaseLimits:
    """A real business case is tens of KB, a few thousand values and a handful of aliases."""

    max_bytes: int = 512 * KB
    max_values: int = 100_000
    max_aliases: int = 100
    max_depth: int = 50


def size_text(size: int) -> str:
    """A number of bytes as people say it (20 MB, 512 KB, 1.5 MB), rounded up, so that a file
    even a byte over a limit never reads as the limit itself."""
    if size >= 10 * MB:
        return f"{math.ceil(size / MB)} MB"
    if size >= MB:
        return f"{math.ceil(size * 10 / MB) / 10:g} MB"
    return f"{math.ceil(size / KB)} KB" if size >= KB else f"{size} bytes"


def too_large(size: int, limits: CaseLimits) -> str:
    """What to tell someone whose business-case file is over the size limit."""
    return (
        f"the file is {size_text(size)}, larger than the {size_text(limits.max_bytes)} a "
        "business case may be: check that this is the business-case file"
    )


# The kinds of value a business case holds; any other tag (!!python/..., !!set, !custom) is refused.
PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{kind}"
    for kind in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")
)


def odd_tag(tag: str) -> str:
    """Why a value tagged ``tag`` (not one of ``PLAIN_TAGS``) cannot be part of a business case."""
    if tag == "tag:yaml.org,2002:merge":
        return "'<<' (merging one mapping into another) is not supported: write the entries out"
    shown = tag.replace("tag:yaml.org,2002:", "!!")
    return (
        f"the tag {shown} is not something a business case holds: it holds only text, "
        "numbers, dates, lists and mappings"
    )


class CaseTooLarge(Exception):
    """The file is over a limit; ``line`` (from 1) is where that was found, when known."""

    def __init__(self, line: int | None, message: str) -> None:
        self.line = line
        self.message = message
        super().__init__(message)


def too_many_aliases(name: str, limits: CaseLimits) -> str:
    return (
        f"the file uses too many aliases (*{name}): a business case may use at most "
        f"{limits.max_aliases} (an alias, a name starting with *, repeats a part "
        "named with &): write the values out in full instead"
    )


def alias_inside(name: str) -> str:
    return (
        f"the alias *{name} is used inside the list or mapping it names, so it would "
        "repeat itself for ever: write the values out instead"
    )


def too_deep(limits: CaseLimits) -> str:
    return (
        f"lists and mappings are nested more than {limits.max_depth} deep here "
        "(counting what each alias stands for); a business case needs only a few levels: "
        "check the brackets and indents"
    )


def too_many_values(values: int, aliases: list[str], limits: CaseLimits) -> str:
    """``values`` held by a part of the file, with ``aliases`` the aliases used so far."""
    names = list(dict.fromkeys(aliases))
    shown = ", ".join(f"*{name}" for name in names[-3:])
    written = f", with each alias ({shown}) written out in full," if names else ""
    return (
        f"the file is too large to be a business case: by this line{written} it holds "
        f"{values:,} values, and a business case may hold at most {limits.max_values:,}"
        + (": write the values out instead of repeating parts with aliases" if names else "")
    )
