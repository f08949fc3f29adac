"""Where variables stand in a text, and how much text surrounds them: reviewers reject templates that
are mostly variables, because Meta cannot tell what the message will say."""

import dataclasses
import re
from dataclasses import dataclass

from walint.ast import Newline, Placeholder
from walint.checks import Finding, Options, check
from walint.checks._select import LABELS, TextKind
from walint.checks.placeholders import is_filler
from walint.fields import TEXT_FIELD_KINDS
from walint.unit import TemplateUnit
from walint.validation import NonNegativeInt, PositiveInt


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class FieldsOptions(Options):
    """Options of the `adjacent_variables` check."""
    fields: list[TextKind] = dataclasses.field(default_factory=lambda: list(TEXT_FIELD_KINDS))


@check("adjacent_variables", options=FieldsOptions)
def adjacent_variables(unit: TemplateUnit, options: FieldsOptions):
    """Two placeholders with nothing or only whitespace (line breaks included) between them; the
    finding covers both."""
    for text_field in unit.fields_of(*options.fields):
        placeholders = text_field.parsed.placeholders()
        source = text_field.text
        for first, second in zip(placeholders, placeholders[1:]):
            if source[first.span.end : second.span.start].strip() == "":
                pair = source[first.span.start : second.span.end]
                yield Finding(text_field.path, first.span.start, second.span.end, {"field": LABELS[text_field.kind], "text": " ".join(pair.split())})


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class RatioOptions(Options):
    """Options of the `variable_ratio` check."""
    field: TextKind = "body"
    words_per_variable: PositiveInt = 2
    extra_words: NonNegativeInt = 1
    # languages written without spaces between words (by the part of the code before `_`): their
    # whitespace-separated tokens are not words, so the ratio means nothing there
    unspaced_languages: list[str] = dataclasses.field(default_factory=list)


# from a token's first letter or digit to its end: one match per token that holds one (a character
# of `[^\W_]` is one that str.isalnum accepts, and `\S` splits where str.split does)
_WORD = re.compile(r"[^\W_]\S*")


def count_words(text: str) -> int:
    """The whitespace-separated tokens that hold a letter or a digit, counted by the regex engine
    rather than by testing every character in Python."""
    return len(_WORD.findall(text))


def _without_placeholders(text: str, placeholders: list[Placeholder]) -> str:
    """The text with a space for each placeholder (they are in order and do not overlap)."""
    pieces = []
    end = 0
    for node in placeholders:
        pieces.append(text[end : node.span.start])
        end = node.span.end
    pieces.append(text[end:])
    return " ".join(pieces)


@check("variable_ratio", options=RatioOptions)
def variable_ratio(unit: TemplateUnit, options: RatioOptions):
    """With n variables a text needs at least words_per_variable * n + extra_words words. A word is a
    whitespace-separated token that still holds a letter or a digit once its placeholders are taken
    out: `{{2}}Rs!` is a word, `{{1}},` is not."""
    language = unit.template.language
    if isinstance(language, str) and language.split("_")[0] in options.unspaced_languages:
        return
    for text_field in unit.fields_of(options.field):
        placeholders = text_field.parsed.placeholders()
        if not placeholders:
            continue
        words = count_words(_without_placeholders(text_field.text, placeholders))
        needed = options.words_per_variable * len(placeholders) + options.extra_words
        if words < needed:
            yield Finding(
                text_field.path,
                0,
                len(text_field.text),
                {"field": LABELS[text_field.kind], "variables": len(placeholders), "words": words, "needed": needed},
            )


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class AloneOptions(Options):
    """Options of the `variable_alone_on_line` check."""
    fields: list[TextKind] = dataclasses.field(default_factory=lambda: ["body", "card_body"])


@check("variable_alone_on_line", options=AloneOptions)
def variable_alone_on_line(unit: TemplateUnit, options: AloneOptions):
    """A line whose only content, apart from spaces and punctuation, is one placeholder."""
    for text_field in unit.fields_of(*options.fields):
        line: list = []
        for leaf in [*text_field.parsed.leaves(), None]:
            if leaf is not None and not isinstance(leaf, Newline):
                line.append(leaf)
                continue
            content = [node for node in line if not is_filler(node)]
            if len(content) == 1 and isinstance(content[0], Placeholder):
                only = content[0]
                yield Finding(text_field.path, only.span.start, only.span.end, {"field": LABELS[text_field.kind], "text": only.text})
            line = []
