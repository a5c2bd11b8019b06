"""YAML text into plain values in one pass over the parser's events, bounded as it goes.

The parser is libyaml's (PyYAML's ``CParser``) when PyYAML is built with it, else PyYAML's own
(``EVENTS``): both hand out the same events, so a file reads the same either way, only some
fifty times faster with libyaml. ``load`` turns the events straight into values, with no node tree
in between, and:

- measures the file as it goes against ``CaseLimits`` (``bounds``): how many aliases it uses,
  how many values it holds with every alias counted as what it names, how deeply it nests. An
  alias is never written out: it stands for the very value it names, whose size is known. Past a
  limit it stops with ``CaseTooLarge``, on the line where the limit was passed;
- keeps decimals exact (``Decimal``, never a binary float);
- remembers the line of every entry: a mapping read from the file is a ``YamlMap`` whose ``lines``
  gives the line of each key, a list is a ``YamlList`` whose ``lines`` gives the line of each item;
- records as a ``Refusal`` (line, words) what a business case never holds, reading it as nothing
  so that every problem is reported together: a tag (``!!python/...``), a merge (``<<``), a date
  that does not exist, a number it cannot read, a list used as a name, a name given twice.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, NamedTuple, cast

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from realise.finance.bounds import (
    PLAIN_TAGS,
    CaseLimits,
    CaseTooLarge,
    alias_inside,
    odd_tag,
    too_deep,
    too_many_aliases,
    too_many_values,
)

# The event source: libyaml when PyYAML has it.
EVENTS: Any = yaml.SafeLoader
if yaml.__with_libyaml__:
    from yaml._yaml import CParser

    EVENTS = CParser

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_RESOLVERS = yaml.resolver.Resolver.yaml_implicit_resolvers
_ANY_FIRST = list(_RESOLVERS.get(None, []))


class YamlMap(dict[Any, Any]):
    """A mapping from the file; ``lines[str(key)]`` is the line (from 1) of each key (set by
    whoever makes it: no ``__init__``, as a large file has a hundred thousand)."""

    __slots__ = ("lines",)
    lines: dict[str, int]


class YamlList(list[Any]):
    """A list from the file; ``lines[i]`` is the line (from 1) of item ``i``."""

    __slots__ = ("lines",)
    lines: list[int]


class Refusal(NamedTuple):
    line: int
    message: str


class Loaded(NamedTuple):
    value: Any
    line: int | None
    refusals: list[Refusal]


class _Constructor(yaml.constructor.SafeConstructor):
    """PyYAML's safe scalars, but a decimal stays exact."""


def _construct_decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal:
    return Decimal(str(loader.construct_scalar(node)).replace("_", ""))


_Constructor.add_constructor("tag:yaml.org,2002:float", _construct_decimal)
_SCALARS = _Constructor.yaml_constructors


def _resolve(value: str, implicit: tuple[bool, bool]) -> str:
    """The tag of an untagged scalar, as PyYAML's resolver gives it (``2025`` is an int)."""
    if implicit[0]:
        for tag, pattern in _RESOLVERS.get(value[:1], []) + _ANY_FIRST:
            if pattern.match(value):
                return str(tag)
    return _STR


_UNREAD = object()


def _shown(value: str) -> str:
    return value[:40] + ("..." if len(value) > 40 else "")


class _Open:
    """A list or mapping being read: its value, where it started and what it holds so far."""

    __slots__ = (
        "anchor",
        "depth",
        "has_key",
        "is_list",
        "key",
        "key_line",
        "line",
        "mark",
        "size",
        "skip",
        "value",
    )

    def __init__(self, value: YamlMap | YamlList | None, anchor: str | None, mark: Any) -> None:
        self.value = value  # None when its tag is refused: read, measured, then dropped
        self.is_list = isinstance(value, YamlList)
        self.anchor = anchor
        self.mark = mark
        self.line: int = mark.line + 1
        self.size = 0
        self.depth = 0
        self.has_key = False
        self.key: Any = None
        self.key_line = 0
        self.skip = False


class _Load:
    def __init__(self, limits: CaseLimits) -> None:
        self.limits = limits
        self.stack: list[_Open] = []
        self.anchors: dict[str, tuple[Any, int, int, Any]] = {}  # value, size, depth, mark
        self.aliases: list[str] = []
        self.refusals: list[Refusal] = []
        self.refused = 0  # lists and mappings open whose tag is refused: no more words inside
        self.root: Any = None
        self.root_line: int | None = None
        self.constructor = _Constructor()
        self.max_depth = limits.max_depth
        self.document: Any = None  # where the document starts
        # What each plain scalar's text was read as, when it could be: a case repeats its
        # dates, shares and names, and a date or number is immutable.
        self.plain: dict[str, Any] = {}

    def refuse(self, line: int, message: str) -> None:
        if not self.refused:
            self.refusals.append(Refusal(line, message))

    def run(self, parser: Any) -> None:
        get_event = parser.get_event
        stack, max_depth = self.stack, self.max_depth
        while True:
            event = get_event()
            kind = type(event)
            if kind is ScalarEvent:
                if stack and event.anchor is None and len(stack) < max_depth:
                    self.item(event, stack[-1])  # most events: a scalar in a list or mapping
                else:
                    self.scalar(event)
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                self.start(event, kind is MappingStartEvent)
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                self.end()
            elif kind is StreamEndEvent or event is None:
                return
            else:
                self.other(event)

    def item(self, event: Any, into: _Open) -> None:
        """A scalar with no anchor into the open list or mapping ``into``: ``scalar`` and
        ``add`` in one, as this runs for most events."""
        line = event.start_mark.line + 1
        value = _UNREAD
        if event.tag is None and event.implicit[0]:
            value = self.plain.get(event.value, _UNREAD)
        if value is _UNREAD:
            value = self.read(event, line)
        into.size += 1
        into.depth = into.depth or 1
        if into.is_list:
            into.value.append(value)  # type: ignore[union-attr]
            into.value.lines.append(line)  # type: ignore[union-attr]
        elif not into.has_key:
            into.has_key, into.skip, into.key, into.key_line = True, False, value, line
        else:
            self.entry(into, value)

    def other(self, event: Any) -> None:
        """An alias, or the start of a document (only one is allowed)."""
        if isinstance(event, AliasEvent):
            self.alias(event)
        elif isinstance(event, DocumentStartEvent):
            mark: Any = event.start_mark  # libyaml's marks are its own class
            if self.document is not None:
                raise yaml.composer.ComposerError(
                    "expected a single document in the stream",
                    self.document,
                    "but found another document",
                    mark,
                )
            self.document = mark

    def _opening(self, event: Any, line: int) -> None:
        """Checks before a scalar, list or mapping: nesting, and an anchor named once."""
        if len(self.stack) >= self.max_depth:
            raise CaseTooLarge(line, too_deep(self.limits))
        anchor = event.anchor
        if anchor is not None and anchor in self.anchors:
            raise yaml.composer.ComposerError(
                f"found duplicate anchor {anchor!r}; first occurrence",
                self.anchors[anchor][3],
                "second occurrence",
                event.start_mark,
            )

    def scalar(self, event: Any) -> None:
        line = event.start_mark.line + 1
        if event.anchor is not None or len(self.stack) >= self.max_depth:
            self._opening(event, line)
        value = _UNREAD
        if event.tag is None and event.implicit[0]:
            value = self.plain.get(event.value, _UNREAD)
        if value is _UNREAD:
            value = self.read(event, line)
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, 1, 1, event.start_mark)
        self.add(value, line, 1, 1)

    def read(self, event: Any, line: int) -> Any:
        text, tag = event.value, event.tag
        if tag is None or tag == "!":
            tag = _resolve(text, event.implicit)
        if tag == _STR:
            value: Any = text
        elif tag in PLAIN_TAGS:
            node = yaml.ScalarNode(tag, text, event.start_mark, event.end_mark, event.style)
            try:
                value = _SCALARS[tag](self.constructor, node)
            except (yaml.YAMLError, ValueError, ArithmeticError):  # 2025-13-45, .nan
                if tag == _TIMESTAMP:
                    self.refuse(line, f"'{_shown(text)}' is not a real date: write YYYY-MM-DD")
                else:
                    self.refuse(line, f"'{_shown(text)}' is not a number Realise can read")
                return None
        else:
            self.refuse(line, odd_tag(tag))
            return None
        if event.tag is None and event.implicit[0]:
            self.plain[text] = value
        return value

    def start(self, event: Any, mapping: bool) -> None:
        mark = event.start_mark
        if event.anchor is not None or len(self.stack) >= self.max_depth:
            self._opening(event, mark.line + 1)
        tag = event.tag
        value: YamlMap | YamlList | None = None
        if tag is None or tag == "!" or tag == (_MAP if mapping else _SEQ):
            if mapping:
                value = YamlMap()
                value.lines = {}
            else:
                value = YamlList()
                value.lines = []
        else:
            self.refuse(mark.line + 1, odd_tag(tag))
            self.refused += 1
        self.stack.append(_Open(value, event.anchor, mark))

    def end(self) -> None:
        done = self.stack.pop()
        size, depth = 1 + done.size, 1 + done.depth
        if depth > self.limits.max_depth:
            raise CaseTooLarge(done.line, too_deep(self.limits))
        if size > self.limits.max_values:
            raise CaseTooLarge(done.line, too_many_values(size, self.aliases, self.limits))
        if done.value is None:
            self.refused -= 1
        if done.anchor is not None:
            self.anchors[done.anchor] = (done.value, size, depth, done.mark)
        self.add(done.value, done.line, size, depth)

    def alias(self, event: Any) -> None:
        name = str(event.anchor)
        line = event.start_mark.line + 1
        self.aliases.append(name)
        if len(self.aliases) > self.limits.max_aliases:
            raise CaseTooLarge(line, too_many_aliases(name, self.limits))
        if any(frame.anchor == name for frame in self.stack):
            raise CaseTooLarge(line, alias_inside(name))
        if name not in self.anchors:
            raise yaml.composer.ComposerError(
                None, None, f"found undefined alias {name!r}", event.start_mark
            )
        value, size, depth, _ = self.anchors[name]
        self.add(value, line, size, depth)

    def add(self, value: Any, line: int, size: int, depth: int) -> None:
        if not self.stack:
            self.root, self.root_line = value, line
            return
        into = self.stack[-1]
        into.size += size
        if depth > into.depth:
            into.depth = depth
        if into.is_list:
            into.value.append(value)  # type: ignore[union-attr]
            into.value.lines.append(line)  # type: ignore[union-attr]
        elif not into.has_key:  # a key (also in a refused mapping: keys and values alternate)
            into.has_key = True
            into.skip = isinstance(value, dict | list)
            if into.skip:
                self.refuse(line, "a list or mapping is used as a name: use plain text")
            into.key, into.key_line = value, line
        else:
            self.entry(into, value)

    def entry(self, into: _Open, value: Any) -> None:
        """The value of the key just read, into the mapping being read."""
        into.has_key = False
        if into.skip or into.value is None:
            return
        target = cast(YamlMap, into.value)
        text = str(into.key)
        if text in target.lines:
            first = target.lines[text]
            self.refuse(
                into.key_line, f"'{text}' is given twice here (first on line {first}): keep one"
            )
            return
        target[into.key] = value
        target.lines[text] = into.key_line


def load(text: str, limits: CaseLimits) -> Loaded:
    """The values of a YAML document, the line it starts on, and what was refused in it.

    Raises ``yaml.MarkedYAMLError`` for broken layout, ``yaml.reader.ReaderError`` for a
    character YAML does not allow, and ``CaseTooLarge`` past a limit."""
    parser = EVENTS(text)
    reading = _Load(limits)
    try:
        reading.run(parser)
    finally:
        parser.dispose()
    return Loaded(reading.root, reading.root_line, reading.refusals)
