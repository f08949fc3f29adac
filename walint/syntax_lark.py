"""The grammar as Lark builds it: the reference that walint's own tokenizer follows.

A run does not use this module (compiling the grammar costs about half a second); walint.lexer_table
derives the shipped lexer table from it, and the tests parse with it to prove that walint.syntax gives
exactly the nodes Lark's LALR parser and Transformer give.
"""

from __future__ import annotations

from lark import Lark, Token, Transformer

from walint.ast import ParsedText
from walint.lexer_table import grammar_text
from walint.syntax import BUILDERS, _pair_markers


def build_lark_parser(grammar: str | None = None) -> Lark:
    return Lark(grammar if grammar is not None else grammar_text(), parser="lalr", lexer="basic", transformer=_ToNodes())


def parse_text_with_lark(text: str, parser: Lark) -> ParsedText:
    return ParsedText(text, _pair_markers(text, parser.parse(text)))


def _build(rule: str):
    def build(self, children: list[Token]):
        (token,) = children
        return BUILDERS[rule](token.type, str(token), token.start_pos, token.end_pos)

    return build


class _ToNodes(Transformer):
    """Builds a node from each token, during the parse, with the builder of the token's rule."""

    def start(self, items):
        return list(items)

    text = _build("text")
    newline = _build("newline")
    url = _build("url")
    emoji = _build("emoji")
    marker = _build("marker")
    placeholder = _build("placeholder")
    malformed = _build("malformed")
