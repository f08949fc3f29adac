"""Content signals: promotional, pressuring, shouting or forbidden wording, links and emoji.

Lexicons live in the rule packs (rules/content-*.yaml) and in the user's configuration; this module
only knows how to apply them. Every finding spans the exact words that fired, in the original text.
"""

import dataclasses
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated

from walint.ast import Url
from walint.checks import Finding, Options, check
from walint.checks._select import TextKind
from walint.lexicon import TermError, TermIndex, compile_terms, find_terms, term_pattern, terms_for_language
from walint.unit import TemplateUnit
from walint.validation import After, Before, Ge, NonNegativeInt, Pattern, PositiveInt

WORDING_FIELDS: list[TextKind] = ["header", "body", "footer", "button_text", "offer_text", "card_body"]


def _valid_term(term: str) -> str:
    try:
        term_pattern(term)
    except TermError as error:
        raise ValueError(str(error)) from None
    return term


def _lexicon_from_list(value: object) -> object:
    """A plain list of terms is a lexicon for every language: `terms: [foo, bar]`."""
    return {"*": value} if isinstance(value, list) else value


Term = Annotated[str, After(_valid_term)]
LanguageKey = Annotated[str, Pattern(r"^(\*|[a-z]{2,3})$")]
Lexicon = Annotated[dict[LanguageKey, list[Term]], Before(_lexicon_from_list)]


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class LexiconOptions(Options):
    """Options of the `lexicon` check."""
    terms: Lexicon
    # a user's own additions, kept apart so that adding words does not replace the pack's
    extra_terms: Lexicon = dataclasses.field(default_factory=dict)
    # phrases that cancel any match they overlap ("the last 4 digits of your card", "never share")
    exceptions: Lexicon = dataclasses.field(default_factory=dict)
    # the categories in which the rule fires; empty: every category
    categories: list[str] = dataclasses.field(default_factory=list)
    fields: list[TextKind] = dataclasses.field(default_factory=lambda: list(WORDING_FIELDS))
    _matchers: dict[str, tuple[TermIndex | None, TermIndex | None]] = dataclasses.field(init=False, default_factory=dict, repr=False, compare=False)

    def matchers(self, language: object) -> tuple[TermIndex | None, TermIndex | None]:
        """The terms' and the exceptions' matchers for a language, worked out once per language."""
        key = language if isinstance(language, str) else ""
        if key not in self._matchers:
            keys = {*self.terms, *self.extra_terms}
            merged = {k: [*self.terms.get(k, []), *self.extra_terms.get(k, [])] for k in keys}
            exceptions = terms_for_language(self.exceptions, language) if self.exceptions else ()
            self._matchers[key] = (compile_terms(terms_for_language(merged, language)), compile_terms(exceptions))
        return self._matchers[key]


@check("lexicon", options=LexiconOptions)
def lexicon(unit: TemplateUnit, options: LexiconOptions):
    """Each phrase of the lexicon found in the wording, in the template's language."""
    category = unit.template.category
    if options.categories and category not in options.categories:
        return
    pattern, exceptions = options.matchers(unit.template.language)
    if pattern is None:
        return
    for text_field in unit.fields_of(*options.fields):
        text = text_field.text
        for start, end in find_terms(text, pattern, exceptions):
            yield Finding(text_field.path, start, end, {"words": " ".join(text[start:end].split()), "category": category})


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class CapitalsOptions(Options):
    """Options of the `capital_words` check."""
    # a word counts when it has at least this many letters, all of them capitals
    min_letters: PositiveInt = 3
    # more capitalized words than this in one field fire
    max_words: NonNegativeInt = 2
    # acronyms that are not shouting: OTP, PDF, STOP ...
    allow: list[str] = dataclasses.field(default_factory=list)
    fields: list[TextKind] = dataclasses.field(default_factory=lambda: list(WORDING_FIELDS))


# a word of letters only: `THANKS20` is a code, not shouting
_WORD = re.compile(r"(?<!\w)[^\W\d_]+(?:['\u2019-][^\W\d_]+)*(?!\w)")


@check("capital_words", options=CapitalsOptions)
def capital_words(unit: TemplateUnit, options: CapitalsOptions):
    """One finding per field, from the first shouted word to the last, naming them."""
    letters_needed = (options.max_words + 1) * options.min_letters
    for text_field in unit.fields_of(*options.fields):
        text = text_field.text
        if not _may_shout(text, letters_needed):
            continue
        allowed = _upper_words(tuple(options.allow))
        shouted = [m for m in _WORD.finditer(text_field.text) if _is_shouted(m.group(), options.min_letters, allowed)]
        if len(shouted) > options.max_words:
            words = ", ".join(m.group() for m in shouted)
            yield Finding(text_field.path, shouted[0].start(), shouted[-1].end(), {"count": len(shouted), "words": words, "max": options.max_words})


_ASCII_CAPITALS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _may_shout(text: str, letters_needed: int) -> bool:
    """False when the text cannot hold enough shouted words: each has min_letters letters, and a letter
    of a shouted word is an ASCII capital or not ASCII at all. Most texts have far fewer such
    characters, and counting them is two C-speed passes instead of matching and testing every word."""
    return len(text) - len(text.encode("ascii", "ignore").translate(None, _ASCII_CAPITALS)) >= letters_needed


@lru_cache(maxsize=16)
def _upper_words(words: tuple[str, ...]) -> frozenset[str]:
    """The allowed words in capitals, built once per list rather than once per template."""
    return frozenset(word.upper() for word in words)


def _is_shouted(word: str, min_letters: int, allowed: frozenset[str]) -> bool:
    return word.isupper() and word not in allowed and sum(c.isalpha() for c in word) >= min_letters


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class RepeatedPunctuationOptions(Options):
    """Options of the `repeated_punctuation` check."""
    marks: str = "!?¡¿"
    # a run of this many of the same mark fires
    min_repeat: Annotated[int, Ge(2)] = 2
    fields: list[TextKind] = dataclasses.field(default_factory=lambda: list(WORDING_FIELDS))


@lru_cache(maxsize=16)
def _runs_pattern(marks: str, min_repeat: int) -> re.Pattern[str]:
    """A mark, then the same mark again: one character class lets the regex engine skip ahead, ten
    times faster on a long text than one alternative per mark."""
    marks_class = "".join("\\" + mark if mark in "]\\^-" else mark for mark in marks)
    return re.compile(f"([{marks_class}])\\1{{{min_repeat - 1},}}")


@check("repeated_punctuation", options=RepeatedPunctuationOptions)
def repeated_punctuation(unit: TemplateUnit, options: RepeatedPunctuationOptions):
    pattern = _runs_pattern(options.marks, options.min_repeat)
    for text_field in unit.fields_of(*options.fields):
        for match in pattern.finditer(text_field.text):
            yield Finding(text_field.path, match.start(), match.end(), {"marks": match.group()})


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class EmojiCountOptions(Options):
    """Options of the `emoji_count` check."""
    max: NonNegativeInt = 10
    fields: list[TextKind] = dataclasses.field(default_factory=lambda: list(WORDING_FIELDS))


@check("emoji_count", options=EmojiCountOptions)
def emoji_count(unit: TemplateUnit, options: EmojiCountOptions):
    """Counted over the whole message (as a reader sees it); the finding starts at the first emoji
    past the limit, which is where cutting would begin."""
    found = [(text_field.path, emoji) for text_field in unit.fields_of(*options.fields) for emoji in text_field.parsed.emoji()]
    if len(found) > options.max:
        path, first_over = found[options.max]
        yield Finding(path, first_over.span.start, first_over.span.end, {"count": len(found), "max": options.max})


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class ShortenerOptions(Options):
    """Options of the `link_shortener` check."""
    domains: list[Annotated[str, Pattern(r"^[a-z0-9-]+(\.[a-z0-9-]+)+$")]]
    fields: list[TextKind] = dataclasses.field(default_factory=lambda: [*WORDING_FIELDS, "button_url"])


@lru_cache(maxsize=16)
def _shortener_pattern(domains: tuple[str, ...]) -> re.Pattern[str]:
    hosts = "|".join(re.escape(d) for d in sorted(domains, key=len, reverse=True))
    return re.compile(rf"(?<![\w.@-])(?:https?://)?(?:www\.)?(?:{hosts})(?=[/?#]|$|[\s)\].,;!])[^\s{{}}]*(?<![.,;:!?)])", re.IGNORECASE)


# a domain has a dot followed by a letter, a digit or a hyphen (the option's pattern says so); a full
# stop is followed by a space. Compiled case-insensitive, as the shortener pattern is.
_DOT_IN_NAME = re.compile(r"\.[a-z0-9-]", re.IGNORECASE)


def _may_link(text: str, domains: list[str]) -> bool:
    """False when the text holds none of the domains. Most texts have no dot inside a name, which one
    scan for "." tells; then an ASCII text must hold one of the domains (they are lower case), while
    a text that is not ASCII goes to the regex, whose case-insensitive matching is Unicode's."""
    if _DOT_IN_NAME.search(text) is None:
        return False
    if not text.isascii():
        return True
    lowered = text.lower()
    return any(domain in lowered for domain in domains)


@check("link_shortener", options=ShortenerOptions)
def link_shortener(unit: TemplateUnit, options: ShortenerOptions):
    """Links on a shortener's domain, with or without a scheme (`bit.ly/x` is a link on WhatsApp too)."""
    for text_field in unit.fields_of(*options.fields):
        text = text_field.text
        if not _may_link(text, options.domains):
            continue
        for match in _shortener_pattern(tuple(options.domains)).finditer(text):
            yield Finding(text_field.path, match.start(), match.end(), {"link": match.group()})


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class SchemeOptions(Options):
    """Options of the `insecure_link` check."""
    insecure: list[str] = dataclasses.field(default_factory=lambda: ["http://"])
    fields: list[TextKind] = dataclasses.field(default_factory=lambda: [*WORDING_FIELDS, "button_url"])


@check("insecure_link", options=SchemeOptions)
def insecure_link(unit: TemplateUnit, options: SchemeOptions):
    for text_field in unit.fields_of(*options.fields):
        for url in text_field.parsed.urls():
            scheme = next((s for s in options.insecure if url.text.lower().startswith(s)), None)
            if scheme is not None:
                yield Finding(text_field.path, url.span.start, url.span.end, {"link": url.text, "scheme": scheme})


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class CategoryNodesOptions(Options):
    """Options of the `emoji_or_link_in_category` check."""
    categories: list[str]
    fields: list[TextKind] = dataclasses.field(default_factory=lambda: [*WORDING_FIELDS, "button_url"])


@check("emoji_or_link_in_category", options=CategoryNodesOptions)
def emoji_or_link_in_category(unit: TemplateUnit, options: CategoryNodesOptions):
    """Emoji and links in a category whose text must be plain (AUTHENTICATION)."""
    category = unit.template.category
    if category not in options.categories:
        return
    for text_field in unit.fields_of(*options.fields):
        nodes = sorted([*text_field.parsed.emoji(), *text_field.parsed.urls()], key=lambda node: node.span.start)
        for node in nodes:
            what = "a link" if isinstance(node, Url) else "an emoji"
            yield Finding(text_field.path, node.span.start, node.span.end, {"what": what, "text": node.text, "category": category})


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class OptOutOptions(Options):
    """Options of the `opt_out_hint` check."""
    categories: list[str] = dataclasses.field(default_factory=lambda: ["MARKETING"])
    # phrases that tell the reader how to stop the messages
    hints: Lexicon
    fields: list[TextKind] = dataclasses.field(default_factory=lambda: ["footer", "button_text"])


@check("opt_out_hint", options=OptOutOptions)
def opt_out_hint(unit: TemplateUnit, options: OptOutOptions):
    """Points at the category: what is missing is a part of the template, not a word in it."""
    category = unit.template.category
    if category not in options.categories:
        return
    pattern = compile_terms(terms_for_language(options.hints, unit.template.language))
    for text_field in unit.fields_of(*options.fields):
        if next(find_terms(text_field.text, pattern), None) is not None:
            return
    yield Finding(("category",), 0, len(category), {"category": category})
