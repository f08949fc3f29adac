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
boundaries: `free` never matches inside `freedom`.

The terms of a lexicon are not compiled into one regex (Python's `re` parses in Python: a few hundred
terms cost a noticeable part of a second at start-up). They are indexed by what a match can begin with:
a text's words are looked up, and only a term the text offers a place to begin is tried there, with its
own regex, compiled the first time. The matches are exactly those of one alternation of all the terms,
longest first (tests/lexicon_reference.py keeps that alternation, and the tests compare the two).

This module: the notation to a regex per term; folding; the index and where a text offers it a place.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Iterable, Iterator

from walint.records import FrozenRecord

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


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Folded(FrozenRecord):
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
    table = {char: _fold_char(char) for char in set(_NON_ASCII.findall(text))}
    if all(len(folded) == 1 for folded in table.values()):
        changed = {char: folded for char, folded in table.items() if folded != char}
        if all(folded.isascii() for folded in changed.values()):
            # what `translate` would do, a few `replace` faster: an ASCII letter put in is no key of the table
            for char, folded in changed.items():
                text = text.replace(char, folded)
            return Folded(text.lower(), None)
        return Folded(text.translate({ord(char): folded for char, folded in table.items()}).lower(), None)
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


@lru_cache(maxsize=4096)
def term_pattern(term: str) -> str:
    """The regex of one term, with word boundaries at both ends where the term starts or ends a word.
    Cached: the options check every term when the rule packs load, the index again, the matcher once more."""
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
def compile_terms(terms: tuple[str, ...]) -> TermIndex | None:
    """The index of a set of terms (None when there are none), cached per term set: a rule asks once per
    language, and rules that share a lexicon share its index."""
    return TermIndex(terms) if terms else None


# what a match can begin with: a whole word of the text, the beginning of one, or a symbol (a character
# that is not a word character)
_WHOLE_WORD, _STEM, _SYMBOL = "whole word", "stem", "symbol"


class TermIndex:
    """A set of terms, indexed by what a match of each can begin with, so that a text costs a few set
    tests and each term's regex is compiled only once a text offers it a place to match.

    It finds exactly what one alternation of all the terms (longest first) would: at each place a match
    can start, left to right, the first term in that order that matches there wins, and the scan goes on
    after it. A term that could begin anywhere (`... card`) is tried at every place, after the indexed
    ones, as the alternation tried it in its last branch."""

    __slots__ = ("terms", "needs", "by_word", "by_stem", "by_symbol", "anywhere", "word_keys", "stem_keys", "symbol_keys")

    @classmethod
    def __get_pydantic_core_schema__(cls, source: object, handler: object) -> object:
        """An options class caches its indexes in a field; when pydantic validates that class (the
        fallback of `walint.validation`), the cache is taken as it is."""
        from pydantic_core import core_schema

        return core_schema.is_instance_schema(cls)

    def __init__(self, terms: tuple[str, ...]) -> None:
        self.terms = sorted(set(terms), key=lambda t: (-len(t), t))  # a term's rank is its place here
        self.needs: list[tuple[str, ...]] = []  # by rank: what every match of the term holds
        self.by_word: dict[str, list[int]] = {}  # key -> ranks
        self.by_stem: dict[str, list[int]] = {}
        self.by_symbol: dict[str, list[int]] = {}
        self.anywhere: list[int] = []
        by_kind = {_WHOLE_WORD: self.by_word, _STEM: self.by_stem, _SYMBOL: self.by_symbol}
        for rank, term in enumerate(self.terms):
            term_pattern(term)  # a bad term is refused now, not when a text first offers it a place
            tokens = _tokens(term)
            self.needs.append(_required_literals(tokens))
            keys = _start_keys(tokens, 0)
            if keys is None:
                self.anywhere.append(rank)
            for kind, key in keys or ():
                by_kind[kind].setdefault(key, []).append(rank)
        # the keys again as sets: a set tests its disjointness from a text's words three times faster
        # than a dict's keys do, and most texts share no key with the index
        self.word_keys = frozenset(self.by_word)
        self.stem_keys = frozenset(self.by_stem)
        self.symbol_keys = frozenset(self.by_symbol)

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Every match in a folded text, as `finditer` over the alternation of the terms gives them, empty
        matches included: after an empty match the same place is tried again for a longer one."""
        cursor = 0
        last_seen: dict[str, int] = {}  # where a literal occurs last in the text (-1: nowhere), once asked
        for stretch in (_whole_text(text),) if len(text) <= _WINDOW else _windows(text):
            found = self._candidates(stretch, last_seen)
            if self.anywhere:
                places = stretch.every_start()
            elif found:
                places = sorted(found)
            else:
                continue
            for position in places:
                if position < cursor:
                    continue
                ranks = found.get(position, []) + self.anywhere if self.anywhere else found[position]
                span = self._first_match(text, position, ranks, must_advance=False)
                if span is None:
                    continue
                yield span
                cursor = span[1]
                if span[0] == span[1]:
                    longer = self._first_match(text, position, ranks, must_advance=True)
                    if longer is not None:
                        yield longer
                    cursor = longer[1] if longer is not None else position + 1

    def _candidates(self, stretch: _Stretch, last_seen: dict[str, int]) -> dict[int, list[int]]:
        """The places in this stretch of text where an indexed term can begin, with those terms' ranks in
        order. Most texts offer none, which a few disjointness tests tell; of the keys a text offers, those
        whose terms all lack a word in it are dropped before their places are looked for."""
        by_word, by_stem, by_symbol = self.by_word, self.by_stem, self.by_symbol
        words_offered = not self.word_keys.isdisjoint(stretch.words)
        stems, symbols = stretch.stems_found(self.stem_keys), stretch.symbols_found(self.symbol_keys)
        if not (words_offered or stems or symbols):
            return {}
        offered: list[tuple[str, str, list[int]]] = []  # (kind, key, ranks)
        if words_offered:
            offered += [(_WHOLE_WORD, key, by_word[key]) for key in by_word.keys() & stretch.words]
        offered += [(_STEM, key, by_stem[key]) for key in stems]
        offered += [(_SYMBOL, key, by_symbol[key]) for key in symbols]
        found: dict[int, list[int]] = {}
        lacking: dict[int, bool] = {}  # by rank, judged once: a `<n>` term comes under `{` and every digit
        for kind, key, ranks in offered:
            for rank in ranks:
                if rank not in lacking:
                    lacking[rank] = self._lacks(rank, stretch, last_seen)
            ranks = [rank for rank in ranks if not lacking[rank]]
            if not ranks:
                continue
            for position in stretch.places(kind, key):
                earlier = found.get(position)
                found[position] = ranks if earlier is None else sorted({*earlier, *ranks})
        return found

    def _lacks(self, rank: int, stretch: _Stretch, last_seen: dict[str, int]) -> bool:
        """Whether a literal every match of the term holds occurs nowhere from the stretch's start on."""
        for need in self.needs[rank]:
            if need not in last_seen:
                last_seen[need] = stretch.text.rfind(need)
            if last_seen[need] < stretch.start:
                return True
        return False

    def _first_match(self, text: str, position: int, ranks: list[int], must_advance: bool) -> tuple[int, int] | None:
        """The span of the first of these terms that matches at `position`. `must_advance`: the place gave
        an empty match already, and like `re` it now wants a longer one, from the same term or a later one."""
        for rank in ranks:
            regex = _term_regex(self.terms[rank])
            match = regex.match(text, position)
            if match is None:
                continue
            if not must_advance or match.end() > position:
                return match.span()
            # the term matches empty here: `re` itself finds its next way of matching at this place
            rest = regex.finditer(text, position)
            next(rest)
            longer = next(rest, None)
            if longer is not None and longer.start() == position:
                return longer.span()
        return None


@cache
def _term_regex(term: str) -> re.Pattern[str]:
    """One term's regex, compiled the first time a text offers it a place, and kept (`re`'s own cache
    holds 512 patterns, fewer than the terms of every language)."""
    return re.compile(term_pattern(term))


def _start_keys(tokens: list[str], position: int) -> set[tuple[str, str]] | None:
    """What a match of the items from `position` begins with, as index keys; None: it could begin anywhere.

    A word the term follows with a separator (or ends with) is a whole word of the text; one that may run
    on (`discount*`, or a word `_sequence` joins to the next item without a separator) is a stem, the
    beginning of a text word; `<n>` is a word beginning with a digit, or `{`; a term that begins with a
    symbol is that character. `_START` holds at each of these places, and nowhere else in a word."""
    token = tokens[position]
    if token == "(":
        keys: set[tuple[str, str]] = set()
        for start in _alternative_starts(tokens, position):
            found = _start_keys(tokens, start)
            if found is None:
                return None
            keys |= found
        return keys
    if token == "<n>":
        return {(_STEM, digit) for digit in "0123456789"} | {(_SYMBOL, "{")}
    if token == "...":
        return None
    wildcard = token.endswith("*")
    folded = fold_text(token[:-1] if wildcard else token)
    if not folded:
        return None
    head = _WORD_CHARS.match(folded).group()
    if not head:
        return {(_SYMBOL, folded[0])}
    if head == folded and (wildcard or not _separator_follows(tokens, position + 1, folded[-1].isalnum())):
        return {(_STEM, head[:_STEM_LENGTH])}  # a longer stem is looked up by its beginning; its regex decides
    return {(_WHOLE_WORD, head)}  # the whole word, or the word a symbol of the term ends (`don't`)


def _required_literals(tokens: list[str]) -> tuple[str, ...]:
    """The folded words and symbols outside any group, after the first item: each is in every match of
    the term (a stem as it is written), so a text without one of them cannot hold the term."""
    literals, depth = [], 0
    for index, token in enumerate(tokens):
        if token == "(":
            depth += 1
        elif token == ")":
            depth -= 1
        elif depth == 0 and index > 0 and token not in ("...", "<n>", "|"):
            literals.append(fold_text(token[:-1] if token.endswith("*") else token))
    return tuple(literals)


def _separator_follows(tokens: list[str], position: int, after_word: bool) -> bool:
    """Whether what the items from `position` match must begin with a space or a hyphen, or be the end of
    the term (where `_END` wants no word character next); `after_word`: the item before ends a word."""
    while position < len(tokens) and tokens[position] == "...":
        position += 1  # each gapped word begins with a separator; none changes the next item's separator
    if position == len(tokens):
        return True
    token = tokens[position]
    if token in ("|", ")"):
        return _separator_follows(tokens, _group_end(tokens, position), True)  # a group ends a word
    stem = token[:-1] if token.endswith("*") else token
    starts_word = token in ("(", "<n>") or fold_text(stem)[:1].isalnum()
    return after_word and starts_word  # as `_sequence` chooses between the two separators


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


def _group_end(tokens: list[str], position: int) -> int:
    """From a `|` or `)` of a group, the position just after the `)` that closes it."""
    depth = 0
    for index in range(position, len(tokens)):
        if tokens[index] == "(":
            depth += 1
        elif tokens[index] == ")":
            if depth == 0:
                return index + 1
            depth -= 1
    raise TermError(f"`(` is never closed in {' '.join(tokens)!r}")


# --- where a match can begin in a text ------------------------------------------------------------------

_WORD = re.compile(r"\w+")
_WORD_CHAR = re.compile(r"\w").match
_WORD_CHARS = re.compile(r"\w*")
_NON_WORD = re.compile(r"\W")
_STARTS = re.compile(_START)
_STEM_LENGTH = 16  # the longest beginning of a word looked up as a stem
_WINDOW = 1 << 12  # characters: a longer text is read a window at a time, and not cached


class _Stretch:
    """What a stretch of folded text (all of a short text, a window of a long one) offers the index: its
    words, as a set the index tests its keys against. Where a word or a character occurs is worked out
    only when some term begins with it."""

    __slots__ = ("text", "start", "end", "shared", "words", "_stems", "_chars", "_sorted_words", "_word_offsets", "_symbol_offsets")

    def __init__(self, text: str, start: int, end: int, shared: bool) -> None:
        self.text, self.start, self.end = text, start, end
        self.shared = shared  # every rule reads this stretch, not only the one that made it
        self.words = frozenset(_WORD.findall(text, start, end))
        self._stems: frozenset[str] | None = None
        self._chars: frozenset[str] | None = None
        self._sorted_words: list[str] | None = None
        self._word_offsets: dict[str, list[int]] = {}
        self._symbol_offsets: dict[str, list[int]] = {}

    def stems_found(self, stems: frozenset[str]) -> Iterable[str]:
        """Those of these stems that begin a word here. A shared stretch works out its words' beginnings
        once, for every rule to intersect; a window of a long text, read by one rule, looks each stem up
        among its sorted words instead (thousands of words, a few dozen stems)."""
        if not stems:
            return ()
        if self.shared:
            if self._stems is None:
                self._stems = frozenset().union(*map(_word_stems, self.words))
            return () if stems.isdisjoint(self._stems) else stems & self._stems
        words = self.sorted_words()
        return [stem for stem in stems if (index := bisect_left(words, stem)) < len(words) and words[index].startswith(stem)]

    def symbols_found(self, symbols: frozenset[str]) -> Iterable[str]:
        """Those of these characters that occur here: intersected with the characters of a shared stretch,
        found one by one in a window."""
        if not symbols:
            return ()
        if self.shared:
            if self._chars is None:
                self._chars = frozenset(self.text)
            return () if symbols.isdisjoint(self._chars) else symbols & self._chars
        return [char for char in symbols if self.text.find(char, self.start, self.end) >= 0]

    def words_beginning(self, stem: str) -> list[str]:
        words = self.sorted_words()
        first = last = bisect_left(words, stem)
        while last < len(words) and words[last].startswith(stem):
            last += 1
        return words[first:last]

    def sorted_words(self) -> list[str]:
        if self._sorted_words is None:
            self._sorted_words = sorted(self.words)
        return self._sorted_words

    def places(self, kind: str, key: str) -> list[int]:
        """Where a key of the index occurs here as a match would begin on it."""
        if kind == _WHOLE_WORD:
            return self.word_offsets(key)
        if kind == _STEM:
            return [place for word in self.words_beginning(key) for place in self.word_offsets(word)]
        return self.symbol_offsets(key)

    def word_offsets(self, word: str) -> list[int]:
        """Where the word occurs whole: found, then no word character on either side."""
        if word not in self._word_offsets:
            offsets, text, end = [], self.text, self.end
            position = text.find(word, self.start, end)
            while position >= 0:
                after = position + len(word)
                if (position and _WORD_CHAR(text, position - 1)) or _WORD_CHAR(text, after):
                    gap = _NON_WORD.search(text, after, end)  # inside a longer word: go past it
                    position = text.find(word, gap.start(), end) if gap is not None else -1
                else:
                    offsets.append(position)
                    position = text.find(word, after, end)
            self._word_offsets[word] = offsets
        return self._word_offsets[word]

    def symbol_offsets(self, char: str) -> list[int]:
        """Everywhere a character that is not a word character occurs: each is a place a match can start."""
        if char not in self._symbol_offsets:
            offsets, position = [], self.text.find(char, self.start, self.end)
            while position >= 0:
                offsets.append(position)
                position = self.text.find(char, position + 1, self.end)
            self._symbol_offsets[char] = offsets
        return self._symbol_offsets[char]

    def every_start(self) -> list[int]:
        """Every place `_START` allows, in order: where a term that can begin anywhere is tried."""
        return [match.start() for match in _STARTS.finditer(self.text, self.start, self.end)]


@lru_cache(maxsize=16384)
def _word_stems(word: str) -> tuple[str, ...]:
    return tuple(word[:length] for length in range(1, min(len(word), _STEM_LENGTH) + 1))


def _windows(text: str) -> Iterator[_Stretch]:
    """A long text a window at a time, each cut before a non-word character so that no word straddles
    two: what is held stays bounded however long the text."""
    start = 0
    while start < len(text):
        cut = _NON_WORD.search(text, start + _WINDOW)
        end = cut.start() if cut is not None else len(text)
        yield _Stretch(text, start, end, shared=False)
        start = end


@lru_cache(maxsize=128)
def _whole_text(text: str) -> _Stretch:
    """A short text as one stretch, cached: the rules that read the same field share it. A stretch holds
    its words' beginnings, several times the text: the rules of one template need a handful."""
    return _Stretch(text, 0, len(text), shared=True)


def find_terms(text: str, index: TermIndex | None, exceptions: TermIndex | None = None) -> Iterator[tuple[int, int]]:
    """(start, end) in the original text of each match that no exception overlaps."""
    if index is None:
        return
    folded = fold(text)
    excluded: list[tuple[int, int]] | None = None  # worked out at the first match: most texts have none
    for start, end in index.spans(folded.text):
        if start == end:
            continue
        if exceptions is not None:
            if excluded is None:
                excluded = list(exceptions.spans(folded.text))
            if any(s < end and start < e for s, e in excluded):
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
