"""What a text field may hold, read from its AST: how many variables or line breaks, and whether it
may hold line breaks, emoji or formatting at all."""

from dataclasses import dataclass
from typing import Iterator, Literal

from walint.ast import Emoji, Formatted, Newline, Node, Placeholder, Text
from walint.checks import Finding, Options, check
from walint.checks._select import LABELS, TextKind
from walint.unit import TemplateUnit
from walint.validation import NonNegativeInt

Counted = Literal["variable", "line_break"]
NOUNS = {"variable": ("variable", "variables"), "line_break": ("line break", "line breaks")}


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class MaxCountOptions(Options):
    """Options of the `max_count` check."""
    field: TextKind
    count: Counted
    max: NonNegativeInt


@check("max_count", options=MaxCountOptions)
def max_count(unit: TemplateUnit, options: MaxCountOptions):
    """Point at the first one past the limit: from there on, they have to go."""
    kind = Placeholder if options.count == "variable" else Newline
    singular, plural = NOUNS[options.count]
    for text_field in unit.fields_of(options.field):
        found = [leaf for leaf in text_field.parsed.leaves() if isinstance(leaf, kind)]
        if len(found) > options.max:
            first = found[options.max]
            counted = f"{len(found)} {singular if len(found) == 1 else plural}"
            allowed = f"{options.max} {singular if options.max == 1 else plural}" if options.max else f"no {plural}"
            yield Finding(text_field.path, first.span.start, first.span.end, {"field": LABELS[text_field.kind], "counted": counted, "allowed": allowed, "text": first.text})


Forbidden = Literal["newline", "emoji", "formatting", "asterisk"]
WHAT = {"newline": "a line break", "emoji": "an emoji", "formatting": "formatting", "asterisk": "an asterisk"}
PLURALS = {"newline": "line breaks", "emoji": "emoji", "formatting": "formatting", "asterisk": "asterisks"}


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class ForbiddenOptions(Options):
    """Options of the `forbidden_content` check."""
    field: TextKind
    forbid: list[Forbidden]


@check("forbidden_content", options=ForbiddenOptions)
def forbidden_content(unit: TemplateUnit, options: ForbiddenOptions):
    """Every occurrence, each at its own span: a formatted run as a whole (`*Sale*`), an asterisk
    that pairs with nothing on its own."""
    names = [PLURALS[kind] for kind in options.forbid]
    forbidden = ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else "".join(names)
    for text_field in unit.fields_of(options.field):
        for kind, start, end, text in _walk(text_field.parsed.nodes, set(options.forbid), inside_formatting=False):
            shown = "" if kind == "newline" else f" `{text}`"
            yield Finding(text_field.path, start, end, {"field": LABELS[text_field.kind], "what": WHAT[kind] + shown, "forbidden": forbidden})


def _walk(nodes: tuple[Node, ...], forbid: set[str], inside_formatting: bool) -> Iterator[tuple[str, int, int, str]]:
    for node in nodes:
        if isinstance(node, Formatted):
            if "formatting" in forbid and not inside_formatting:
                yield "formatting", node.span.start, node.span.end, node.text
            yield from _walk(node.children, forbid, True)
        elif isinstance(node, Newline) and "newline" in forbid:
            yield "newline", node.span.start, node.span.end, node.text
        elif isinstance(node, Emoji) and "emoji" in forbid:
            yield "emoji", node.span.start, node.span.end, node.text
        elif isinstance(node, Text) and "asterisk" in forbid:
            for offset, char in enumerate(node.text):
                if char == "*":
                    yield "asterisk", node.span.start + offset, node.span.start + offset + 1, char
