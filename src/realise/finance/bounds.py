"""How large a business-case file may be, checked before any of it is turned into values.

YAML lets a file name a part with ``&name`` and repeat it with ``*name`` (an alias). Repeating
parts that themselves repeat parts makes a file of a few hundred bytes stand for hundreds of
millions of values (a "billion laughs"), and the case reader, which writes every alias out in
full to remember each value's line, would run for minutes and exhaust the memory. So the reader
composes the file with ``BoundedLoader``, which measures it as it goes, without writing anything
out: how many aliases it uses, how many values it holds once every alias stands for what it names,
and how deeply its lists and mappings nest. Past a limit it stops with ``CaseTooLarge``, which
says where and why in plain words. ``odd_node`` names what a case never holds (a tag, a merge).

The limits are plain numbers (``CaseLimits``): this package knows nothing of Django. The web
pages and the command line pass the deployment's own (``realise.core.limits.case_limits``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import yaml

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
_PLAIN_TAGS = {f"tag:yaml.org,2002:{k}" for k in ("str", "int", "float", "bool", "null", "seq")}
_PLAIN_TAGS |= {"tag:yaml.org,2002:map", "tag:yaml.org,2002:timestamp"}


def odd_node(node: yaml.Node) -> str | None:
    """Why ``node`` cannot be part of a business case, or None if it can."""
    if node.tag == "tag:yaml.org,2002:merge":
        return "'<<' (merging one mapping into another) is not supported: write the entries out"
    if node.tag not in _PLAIN_TAGS:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        return (
            f"the tag {tag} is not something a business case holds: it holds only text, "
            "numbers, dates, lists and mappings"
        )
    return None


class CaseTooLarge(Exception):
    """The file is over a limit; ``line`` (from 1) is where that was found, when known."""

    def __init__(self, line: int | None, message: str) -> None:
        self.line = line
        self.message = message
        super().__init__(message)


def _line(mark: Any) -> int | None:
    return mark.line + 1 if mark is not None else None


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


class BoundedLoader(yaml.SafeLoader):
    """Safe YAML that refuses a file over ``limits`` while composing it, before anything walks it.

    Every node's size (the values it holds with its aliases written out) and depth is worked out
    once, when it is finished, from its children's; an alias adds the size of what it names
    without copying it. So the check costs one pass over the file as written, however much the
    aliases would multiply it."""

    def __init__(self, stream: str, limits: CaseLimits | None = None) -> None:
        super().__init__(stream)
        self.limits = limits or CaseLimits()
        self._aliases: list[str] = []  # each use, in order
        self._open: list[str | None] = []  # the anchors of the nodes being composed
        self._measured: dict[int, tuple[int, int]] = {}  # id(node): (values, depth)

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, yaml.AliasEvent):
            self._alias(event)
            return super().compose_node(parent, index)
        if len(self._open) >= self.limits.max_depth:
            raise CaseTooLarge(_line(event.start_mark), self._too_deep())
        self._open.append(event.anchor)
        node = super().compose_node(parent, index)
        self._open.pop()
        if node is not None:
            self._measure(node)
        return node

    def _alias(self, event: yaml.AliasEvent) -> None:
        name = str(event.anchor)
        line = _line(event.start_mark)
        self._aliases.append(name)
        if len(self._aliases) > self.limits.max_aliases:
            raise CaseTooLarge(
                line,
                f"the file uses too many aliases (*{name}): a business case may use at most "
                f"{self.limits.max_aliases} (an alias, a name starting with *, repeats a part "
                "named with &): write the values out in full instead",
            )
        if name in self._open:
            raise CaseTooLarge(
                line,
                f"the alias *{name} is used inside the list or mapping it names, so it would "
                "repeat itself for ever: write the values out instead",
            )

    def _measure(self, node: yaml.Node) -> None:
        sizes = [self._measured[id(child)] for child in _children(node)]
        values = 1 + sum(count for count, _ in sizes)
        depth = 1 + max((deep for _, deep in sizes), default=0)
        line = _line(node.start_mark)
        if depth > self.limits.max_depth:
            raise CaseTooLarge(line, self._too_deep())
        if values > self.limits.max_values:
            raise CaseTooLarge(line, self._too_many(values))
        self._measured[id(node)] = (values, depth)

    def _too_deep(self) -> str:
        return (
            f"lists and mappings are nested more than {self.limits.max_depth} deep here "
            "(counting what each alias stands for); a business case needs only a few levels: "
            "check the brackets and indents"
        )

    def _too_many(self, values: int) -> str:
        names = list(dict.fromkeys(self._aliases))
        shown = ", ".join(f"*{name}" for name in names[-3:])
        written = f", with each alias ({shown}) written out in full," if names else ""
        return (
            f"the file is too large to be a business case: by this line{written} it holds "
            f"{values:,} values, and a business case may hold at most "
            f"{self.limits.max_values:,}"
            + (": write the values out instead of repeating parts with aliases" if names else "")
        )
