"""Parse one template text field into an AST (walint.ast) with exact spans.

The grammar (grammar/template.lark) is flat: an LALR parser turns tokens into leaf nodes, and
formatting markers are then paired here, the way WhatsApp pairs them (like CommonMark emphasis):
- an opener is followed by a non-space character and not preceded by a letter or digit;
- a closer is preceded by a non-space character and not followed by a letter or digit;
- opener and closer are on the same line, with something between them;
- a style does not nest inside itself; markers that pair with nothing are text.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from lark import Lark, Token, Transformer, v_args

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

def parse_text(text: str) -> ParsedText:
    """Parse one field; never raises, whatever the text."""
    items = _parser().parse(text)
    return ParsedText(text, _pair_markers(text, items))


@cache
def _parser() -> Lark:
    """Built on first use, then shared: building the LALR tables costs far more than a parse."""
    grammar = files("walint.grammar").joinpath("template.lark").read_text(encoding="utf-8")
    return Lark(grammar, parser="lalr", lexer="basic", transformer=_ToNodes())


@dataclass(frozen=True, slots=True)
class _Marker:
    """A formatting marker waiting to be paired; it becomes part of a Formatted node or Text."""

    span: Span
    text: str
    style: str


def _span(token: Token) -> Span:
    return Span(token.start_pos, token.end_pos)


@v_args(inline=True)
class _ToNodes(Transformer):
    """Builds a node from each token, during the parse (the tree is flat: one token per item)."""

    def start(self, *items: Node | _Marker) -> list[Node | _Marker]:
        return list(items)

    def text(self, token: Token) -> Text:
        return Text(_span(token), str(token))

    def newline(self, token: Token) -> Newline:
        return Newline(_span(token), str(token))

    def url(self, token: Token) -> Url:
        return Url(_span(token), str(token))

    def emoji(self, token: Token) -> Emoji:
        return Emoji(_span(token), str(token))

    def marker(self, token: Token) -> _Marker:
        return _Marker(_span(token), str(token), token.type.lower())

    def placeholder(self, token: Token) -> Placeholder:
        number, name = _meant(token.strip("{}"))
        kind = "positional" if number is not None else "named"
        return Placeholder(_span(token), str(token), kind, number, name)

    def malformed(self, token: Token) -> MalformedPlaceholder:
        """The token type is the reason (SINGLE_BRACES -> "single-braces"); what was meant is the
        digits or name inside, except for empty and invalid contents."""
        reason = token.type.lower().replace("_", "-")
        if reason in ("empty", "invalid"):
            return MalformedPlaceholder(_span(token), str(token), reason, None, None, None)
        inside = token.strip("{}").strip(" \t")
        number, name = _meant(inside)
        return MalformedPlaceholder(_span(token), str(token), reason, number, name, "{{" + inside + "}}")


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
