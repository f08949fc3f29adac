"""The lexicon matcher as it was before the term index: every term of a set in one alternation regex;
and folding as it was, one `translate` of the whole text.

Kept for the tests only, as the reference the index must agree with span for span (tests/test_lexicon_index.py)
and folding character for character (tests/test_lexicon_folding.py). The alternation compiles each term
with walint.lexicon's own notation, so the two differ only in how they find where the terms match.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from walint.lexicon import _END, _NON_ASCII, _START, Folded, _alternative_starts, _fold_char, _term_body, _tokens, fold, fold_text


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


def spans(pattern: re.Pattern[str], folded: str) -> list[tuple[int, int]]:
    """Every match of the alternation in a folded text, empty ones included, as `finditer` gives them."""
    return [match.span() for match in pattern.finditer(folded)]


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


def fold_by_translation(text: str) -> Folded:
    """walint.lexicon.fold before it replaced the few characters that change instead of translating."""
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
