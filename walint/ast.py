"""The AST of one template text field: typed nodes with exact spans, so rules never re-parse text.

Offsets are code-point offsets into the field's decoded string, end exclusive. Every node keeps the
exact source text it covers, so joining the top-level nodes' texts gives back the field.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from walint.records import FrozenRecord


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Span(FrozenRecord):
    """Where a node is in its text: character offsets, end excluded."""
    start: int
    end: int


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Text(FrozenRecord):
    """A run of ordinary text, including stray braces and formatting markers that pair with nothing."""

    span: Span
    text: str


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Newline(FrozenRecord):
    """A line break inside a text field."""
    span: Span
    text: str


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Placeholder(FrozenRecord):
    """`{{1}}` (positional) or `{{first_name}}` (named); whether the name is allowed is a rule's call."""

    span: Span
    text: str
    kind: Literal["positional", "named"]
    number: int | None
    name: str | None


MalformedReason = Literal["single-braces", "unbalanced", "spaces", "empty", "invalid"]


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class MalformedPlaceholder(FrozenRecord):
    """Something the author meant as a placeholder but Meta rejects; number, name and suggestion say
    what was evidently meant, when that can be told."""

    span: Span
    text: str
    reason: MalformedReason
    number: int | None
    name: str | None
    suggestion: str | None


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Url(FrozenRecord):
    """A link written in the text (`https://...` or `www....`)."""
    span: Span
    text: str


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Emoji(FrozenRecord):
    """One emoji as the reader sees it, however many code points it takes (ZWJ sequences, flags)."""

    span: Span
    text: str


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Formatted(FrozenRecord):
    """`*bold*`, `_italic_`, `~strike~` or ```` ```mono``` ````: text includes the markers, children
    cover exactly what lies between them."""

    span: Span
    text: str
    style: Literal["bold", "italic", "strike", "mono"]
    children: tuple[Node, ...]


Leaf = Text | Newline | Placeholder | MalformedPlaceholder | Url | Emoji
Node = Leaf | Formatted


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class ParsedText(FrozenRecord):
    """A parsed field: its source and its top-level nodes, which cover the source end to end."""

    source: str
    nodes: tuple[Node, ...]
    # computed once: every check walks the leaves, and a parsed text is shared by the fields that hold it
    _leaf_nodes: tuple[Leaf, ...] = field(init=False, repr=False, compare=False)
    # the leaves of each type, sorted out the first time a check asks for them
    _leaves_by_type: dict[type, tuple[Leaf, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_leaf_nodes", tuple(_leaves(self.nodes)))
        object.__setattr__(self, "_leaves_by_type", {})

    def leaves(self) -> Iterator[Leaf]:
        """The leaves in source order, looking inside formatting."""
        return iter(self._leaf_nodes)

    def __reduce__(self):
        """Between processes (`walint check --jobs`) a parsed text travels as its source: parsing it
        again, once per distinct text, costs less than pickling and unpickling all its nodes."""
        return (_parse_again, (self.source,))

    def placeholders(self) -> list[Placeholder]:
        return self._leaves_of(Placeholder)

    def malformed(self) -> list[MalformedPlaceholder]:
        return self._leaves_of(MalformedPlaceholder)

    def urls(self) -> list[Url]:
        return self._leaves_of(Url)

    def emoji(self) -> list[Emoji]:
        return self._leaves_of(Emoji)

    def _leaves_of(self, kind: type) -> list:
        """The leaves of one type: a dozen checks ask for a text's placeholders, and they are sorted
        out once. Each caller gets its own list, which it may change."""
        found = self._leaves_by_type.get(kind)
        if found is None:
            found = self._leaves_by_type[kind] = tuple(node for node in self._leaf_nodes if isinstance(node, kind))
        return list(found)

    def formatted(self) -> list[Formatted]:
        """Every formatted run, outer before inner."""
        return list(_formatted(self.nodes))


def _parse_again(source: str) -> ParsedText:
    from walint.syntax import parse_text  # walint.syntax builds on this module

    return parse_text(source)


def _leaves(nodes: tuple[Node, ...]) -> Iterator[Leaf]:
    for node in nodes:
        if isinstance(node, Formatted):
            yield from _leaves(node.children)
        else:
            yield node


def _formatted(nodes: tuple[Node, ...]) -> Iterator[Formatted]:
    for node in nodes:
        if isinstance(node, Formatted):
            yield node
            yield from _formatted(node.children)
