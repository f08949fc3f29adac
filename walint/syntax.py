"""Parse one template text field into an AST (walint.ast) with exact spans.

The grammar (grammar/template.lark) is flat: each token of its lexer is one leaf node, and
formatting markers are then paired here, the way WhatsApp pairs them (like CommonMark emphasis):
- an opener is followed by a non-space character and not preceded by a letter or digit;
- a closer is preceded by a non-space character and not followed by a letter or digit;
- opener and closer are on the same line, with something between them;
- a style does not nest inside itself; markers that pair with nothing are text.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Callable

from walint.ast import (
    Emoji,
    Formatted,
    MalformedPlaceholder,
    Newline,
    Node,
    ParsedText,
    Placeholder,
    Span,
    Text,
    Url,
)
from walint.records import FrozenRecord


@lru_cache(maxsize=4096)
def parse_text(text: str) -> ParsedText:
    """Parse one field; never raises, whatever the text. The AST is immutable, so a text met again
    (a footer, a button label, the same body in each language) is parsed once per run."""
    return ParsedText(text, _pair_markers(text, tokenize(text)))


def tokenize(text: str) -> list[Node | _Marker]:
    """The grammar's items, one per token of Lark's lexer for the grammar (walint.lexer_table).

    The grammar is flat, so the items are the tokens, each built by its rule's builder: the same nodes
    Lark's parser gives (walint.syntax_lark; tests/test_lexer_table.py compares both on any text).
    Every text tokenizes: STRAY takes any character nothing else does.
    """
    match, builders = _scanner()
    items: list[Node | _Marker] = []
    position, length = 0, len(text)
    while position < length:
        found = match(text, position)
        end = found.end()
        name = found.lastgroup
        items.append(builders[name](name, text[position:end], position, end))
        position = end
    return items


@cache
def _scanner() -> tuple[Callable, dict[str, Callable]]:
    """One regular expression of all terminals, tried in Lark's order, and each terminal's builder."""
    import re

    from walint.lexer_table import load_table

    table = load_table()
    pattern = re.compile("|".join(f"(?P<{t.name}>{t.regex})" for t in table))
    return pattern.match, {t.name: BUILDERS[t.rule] for t in table}


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class _Marker(FrozenRecord):
    """A formatting marker waiting to be paired; it becomes part of a Formatted node or Text."""

    span: Span
    text: str
    style: str


# --- one builder per grammar rule: (terminal name, token text, start, end) -> node --------------------


def _text(name: str, text: str, start: int, end: int) -> Text:
    return Text(Span(start, end), text)


def _newline(name: str, text: str, start: int, end: int) -> Newline:
    return Newline(Span(start, end), text)


def _url(name: str, text: str, start: int, end: int) -> Url:
    return Url(Span(start, end), text)


def _emoji(name: str, text: str, start: int, end: int) -> Emoji:
    return Emoji(Span(start, end), text)


def _marker(name: str, text: str, start: int, end: int) -> _Marker:
    return _Marker(Span(start, end), text, name.lower())


def _placeholder(name: str, text: str, start: int, end: int) -> Placeholder:
    number, meant_name = _meant(text.strip("{}"))
    kind = "positional" if number is not None else "named"
    return Placeholder(Span(start, end), text, kind, number, meant_name)


def _malformed(name: str, text: str, start: int, end: int) -> MalformedPlaceholder:
    """The terminal is the reason (SINGLE_BRACES -> "single-braces"); what was meant is the digits or
    name inside, except for empty and invalid contents."""
    reason = name.lower().replace("_", "-")
    if reason in ("empty", "invalid"):
        return MalformedPlaceholder(Span(start, end), text, reason, None, None, None)
    inside = text.strip("{}").strip(" \t")
    number, meant_name = _meant(inside)
    return MalformedPlaceholder(Span(start, end), text, reason, number, meant_name, "{{" + inside + "}}")


BUILDERS = {
    "text": _text,
    "newline": _newline,
    "url": _url,
    "emoji": _emoji,
    "marker": _marker,
    "placeholder": _placeholder,
    "malformed": _malformed,
}


def _meant(inside: str) -> tuple[int | None, str | None]:
    """(number, None) for digits, (None, name) for a name: the grammar lets nothing else through."""
    if inside.isdigit():
        return int(inside), None
    return None, inside


def _pair_markers(source: str, items: list[Node | _Marker]) -> tuple[Node, ...]:
    """Nest the runs between paired markers into Formatted nodes, in one pass.

    `openers` holds, per style, the positions in `out` of the markers that may still open; a closer
    pairs with the latest opener of its style, and the openers in between can then pair with nothing.
    """
    out: list[Node | _Marker] = []
    openers: defaultdict[str, list[int]] = defaultdict(list)
    for item in items:
        if isinstance(item, Newline):
            for positions in openers.values():
                positions.clear()
        elif isinstance(item, _Marker):
            positions = openers[item.style]
            if positions and positions[-1] < len(out) - 1 and _can_close(source, item.span):
                start = positions[-1]
                for others in openers.values():
                    while others and others[-1] >= start:
                        others.pop()
                positions.clear()  # earlier openers of this style could only enclose it: no nesting
                span = Span(out[start].span.start, item.span.end)
                children = _merge_text(source, out[start + 1 :])
                out[start:] = [Formatted(span, source[span.start : span.end], item.style, children)]
                continue
            if _can_open(source, item.span):
                positions.append(len(out))
        out.append(item)
    return _merge_text(source, out)


def _can_open(source: str, span: Span) -> bool:
    after = source[span.end : span.end + 1]
    return after != "" and not after.isspace() and not _char_before(source, span.start).isalnum()


def _can_close(source: str, span: Span) -> bool:
    before = _char_before(source, span.start)
    return before != "" and not before.isspace() and not source[span.end : span.end + 1].isalnum()


def _char_before(source: str, index: int) -> str:
    return source[index - 1] if index > 0 else ""


def _merge_text(source: str, items: list[Node | _Marker]) -> tuple[Node, ...]:
    """Turn unpaired markers into text and join neighbouring text into one Text node."""
    merged: list[Node] = []
    run: Span | None = None
    for item in items:
        if isinstance(item, (Text, _Marker)):
            run = Span(item.span.start if run is None else run.start, item.span.end)
            continue
        if run is not None:
            merged.append(Text(run, source[run.start : run.end]))
            run = None
        merged.append(item)
    if run is not None:
        merged.append(Text(run, source[run.start : run.end]))
    return tuple(merged)
