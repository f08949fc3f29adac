"""Word lists as data, matched in one pass: the engine behind the content rules.

A lexicon maps a language (`en`, `fr` ... or `*` for every language) to terms. A term is a phrase in a
small notation that rule packs and users write without regular expressions:

- words separated by spaces match words separated by spaces or hyphens: `shop now`, `opt out`;
- a trailing `*` matches any ending: `discount*` (discounts, discounted), `remise*`;
- `(a|b c|d*)` matches one of several phrases: `(send|share) your pin`;
- `...` lets up to six words stand between its neighbours: `send ... card number`;
- `<n>` matches a number or a placeholder: `<n>% off`, `<n> % de (descuento|réduction)`.

Matching ignores case and accents (each character is folded on its own, NFKD without its combining marks,
then case-folded, so every folded character knows the original offset it came from) and respects word
boundaries: `free` never matches inside `freedom`. All terms of a lexicon compile into one alternation
regex, longest first, cached per term set: one pass over each text, however many terms there are.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

GAP_WORDS = 6
_TOKEN = re.compile(r"\s*(\(|\)|\||\.\.\.|<n>|[^\s()|]+)")
_NUMBER = r"(?:\d+(?:[.,]\d+)?|\{\{\s*\w+\s*\}\})"
_WORD_SEPARATOR = r"[\s\-]+"
_SYMBOL_SEPARATOR = r"\s*"
# a boundary where the text at that side is a word character, none where it is a symbol (`%`, `{{`)
_START = r"(?:(?<!\w)(?=\w)|(?=\W))"
_END = r"(?:(?<=\w)(?!\w)|(?<=\W))"
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


class TermError(ValueError):
    """A term that does not follow the notation (an unbalanced parenthesis, an empty phrase)."""


@dataclass(frozen=True, slots=True)
class Folded:
    """A text folded for matching, with the original offset of every folded character."""

    text: str
    origin: tuple[int, ...] | None  # None: folding kept every character in place

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        if self.origin is None:
            return start, end
        return self.origin[start], self.origin[end - 1] + 1


def fold_text(text: str) -> str:
    """Case and accents folded away: what both terms and texts are compared as."""
    return fold(text).text


@lru_cache(maxsize=4096)
def fold(text: str) -> Folded:
    """Fold so that offsets map back exactly, even where folding changes the length (`ß` becomes `ss`,
    a lone combining accent disappears). Most texts are ASCII, or fold each character to one (`é` to
    `e`): those keep every offset and are folded in bulk; the rest one character at a time."""
    if text.isascii():
        return Folded(text.lower(), None)
    table = {ord(char): _fold_char(char) for char in set(_NON_ASCII.findall(text))}
    if all(len(folded) == 1 for folded in table.values()):
        return Folded(text.translate(table).lower(), None)
    pieces: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        folded = _fold_char(char) if ord(char) > 0x7F else char.lower()
        pieces.append(folded)
        origin.extend([index] * len(folded))
    return Folded("".join(pieces), tuple(origin))


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@lru_cache(maxsize=65536)
def _fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char.translate(_QUOTES))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def term_pattern(term: str) -> str:
    """The regex of one term, with word boundaries at both ends where the term starts or ends a word."""
    return _START + _term_body(term) + _END


def _tokens(term: str) -> list[str]:
    tokens = _TOKEN.findall(term)
    if "".join(tokens).strip() == "" or "".join(tokens) != "".join(term.split()):
        raise TermError(f"term {term!r} is empty or has characters the notation does not allow")
    return tokens


def _term_body(term: str) -> str:
    tokens = _tokens(term)
    body, position = _sequence(tokens, 0, term)
    if position != len(tokens):
        raise TermError(f"term {term!r}: `{tokens[position]}` closes nothing")
    return body


def _sequence(tokens: list[str], position: int, term: str) -> tuple[str, int]:
    """Items up to a `|` or `)`: each item's regex, joined by the separator its neighbours need."""
    parts: list[str] = []
    previous_is_word = False
    while position < len(tokens) and tokens[position] not in "|)":
        token = tokens[position]
        if token == "(":
            item, position = _group(tokens, position + 1, term)
            starts_word = ends_word = True
        elif token == "...":
            item, position = rf"(?:{_WORD_SEPARATOR}[^\s.!?\-]+){{0,{GAP_WORDS}}}?", position + 1
            parts.append(item)
            continue
        elif token == "<n>":
            item, position = _NUMBER, position + 1
            starts_word = ends_word = True
        else:
            stem, wildcard = (token[:-1], True) if token.endswith("*") else (token, False)
            if not stem or "*" in stem or "?" in stem:
                raise TermError(f"term {term!r}: `{token}` is not a word (`*` only ends a word; there is no `?`)")
            folded = fold_text(stem)
            item = re.escape(folded) + (r"\w*" if wildcard else "")
            starts_word, ends_word = folded[:1].isalnum(), wildcard or folded[-1:].isalnum()
            position += 1
        if parts:
            parts.append(_WORD_SEPARATOR if previous_is_word and starts_word else _SYMBOL_SEPARATOR)
        parts.append(item)
        previous_is_word = ends_word
    if not parts:
        raise TermError(f"term {term!r} has an empty phrase")
    return "".join(parts), position


def _group(tokens: list[str], position: int, term: str) -> tuple[str, int]:
    alternatives = []
    while True:
        alternative, position = _sequence(tokens, position, term)
        alternatives.append(alternative)
        if position >= len(tokens):
            raise TermError(f"term {term!r}: `(` is never closed")
        if tokens[position] == ")":
            return "(?:" + "|".join(alternatives) + ")", position + 1
        position += 1  # past `|`


@lru_cache(maxsize=256)
def compile_terms(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    """One regex for a whole set of terms, longest first so that `shop now` wins over `shop`.

    Python's `re` tries every alternative at every position; the terms are therefore grouped by the
    character they can start with, each group behind a lookahead on that character, so that a position
    costs one test per starting character instead of one per term."""
    if not terms:
        return None
    by_first: dict[str, list[str]] = {}
    anywhere: list[str] = []
    for term in sorted(set(terms), key=lambda t: (-len(t), t)):
        first = _first_chars(_tokens(term), 0)
        for char in sorted(first) if first is not None else ():
            by_first.setdefault(char, []).append(term)
        if first is None:
            anywhere.append(term)
    branches = [f"(?={re.escape(char)})(?:{'|'.join(_term_body(t) for t in group)})" for char, group in sorted(by_first.items())]
    if anywhere:
        branches.append("(?:" + "|".join(_term_body(t) for t in anywhere) + ")")
    return re.compile(_START + "(?:" + "|".join(branches) + ")" + _END)


def _first_chars(tokens: list[str], position: int) -> set[str] | None:
    """The folded characters a match of the items from `position` can start with; None: any."""
    token = tokens[position]
    if token == "(":
        chars: set[str] = set()
        for start in _alternative_starts(tokens, position):
            first = _first_chars(tokens, start)
            if first is None:
                return None
            chars |= first
        return chars
    if token == "<n>":
        return set("0123456789{")
    folded = fold_text(token.rstrip("*"))
    return {folded[0]} if token != "..." and folded else None


def _alternative_starts(tokens: list[str], opening: int) -> list[int]:
    starts, depth = [opening + 1], 0
    for index in range(opening + 1, len(tokens)):
        if tokens[index] == "(":
            depth += 1
        elif tokens[index] == ")":
            if depth == 0:
                break
            depth -= 1
        elif tokens[index] == "|" and depth == 0:
            starts.append(index + 1)
    return starts


def find_terms(text: str, pattern: re.Pattern[str] | None, exceptions: re.Pattern[str] | None = None) -> Iterator[tuple[int, int]]:
    """(start, end) in the original text of each match that no exception overlaps."""
    if pattern is None:
        return
    folded = fold(text)
    excluded = [m.span() for m in exceptions.finditer(folded.text)] if exceptions is not None else []
    for match in pattern.finditer(folded.text):
        start, end = match.span()
        if start == end or any(s < end and start < e for s, e in excluded):
            continue
        yield folded.original_span(start, end)


def terms_for_language(lexicon: dict[str, list[str]], language: object) -> tuple[str, ...]:
    """The terms of the template's language (its part before `_`) and of `*`; every language's terms
    when the language is not one the lexicon has."""
    base = language.split("_")[0].strip().lower() if isinstance(language, str) else ""
    if base in lexicon:
        chosen = [*lexicon[base], *lexicon.get("*", [])]
    else:
        chosen = [term for terms in lexicon.values() for term in terms]
    return tuple(sorted(set(chosen)))
