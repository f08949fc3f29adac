"""Placeholders: well formed, numbered {{1}}..{{n}} without gaps, not at the edges of the body, one
style per template (positional or named, as `parameter_format` says), names in snake case."""

import dataclasses
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from walint.ast import MalformedPlaceholder, Newline, Placeholder, Text
from walint.checks import Finding, Options, check
from walint.checks._select import LABELS, TextKind
from walint.fields import TEXT_FIELD_KINDS
from walint.unit import TemplateUnit

Reason = Literal["single-braces", "unbalanced", "spaces", "empty", "invalid"]

REASONS = {
    "single-braces": "single braces are not a placeholder; WhatsApp uses double braces",
    "unbalanced": "the braces do not balance",
    "spaces": "spaces inside the braces",
    "empty": "nothing stands between the braces",
    "invalid": "only a number (`{{1}}`) or a name (`{{first_name}}`) may stand between the braces",
}


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class MalformedOptions(Options):
    """Options of the `malformed_placeholder` check."""
    fields: list[TextKind] = dataclasses.field(default_factory=lambda: list(TEXT_FIELD_KINDS))
    reasons: list[Reason]


@check("malformed_placeholder", options=MalformedOptions)
def malformed_placeholder(unit: TemplateUnit, options: MalformedOptions):
    for text_field in unit.fields_of(*options.fields):
        for node in text_field.parsed.malformed():
            if node.reason in options.reasons:
                hint = f"; write `{node.suggestion}`" if node.suggestion else ""
                yield Finding(text_field.path, node.span.start, node.span.end, {"text": node.text, "reason": REASONS[node.reason], "hint": hint})


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class SequenceOptions(Options):
    """Options of the `placeholder_sequence` and `repeated_placeholder` checks."""
    fields: list[TextKind] = dataclasses.field(default_factory=lambda: list(TEXT_FIELD_KINDS))


@check("placeholder_sequence", options=SequenceOptions)
def placeholder_sequence(unit: TemplateUnit, options: SequenceOptions):
    """Numbers must be exactly {1..n}. A placeholder that is merely malformed (`{2}`) still holds its
    place in the sequence: its own rule reports it, and a gap error here would be noise."""
    for text_field in unit.fields_of(*options.fields):
        numbered = [
            node
            for node in text_field.parsed.leaves()
            if isinstance(node, (Placeholder, MalformedPlaceholder)) and node.number is not None
        ]
        if not numbered:
            continue
        numbers = {node.number for node in numbered}
        missing = sorted(set(range(1, max(numbers) + 1)) - numbers)
        zero = next((node for node in numbered if node.number == 0), None)
        if zero is not None:
            yield Finding(text_field.path, zero.span.start, zero.span.end, {"text": zero.text, "field": LABELS[text_field.kind], "problem": "numbering starts at {{1}}, not {{0}}"})
        elif missing:
            first_gap = missing[0]
            culprit = next(node for node in numbered if node.number > first_gap)
            absent = ", ".join(f"{{{{{n}}}}}" for n in missing)
            problem = f"{absent} {'is' if len(missing) == 1 else 'are'} missing; number placeholders from {{{{1}}}} without gaps"
            yield Finding(text_field.path, culprit.span.start, culprit.span.end, {"text": culprit.text, "field": LABELS[text_field.kind], "problem": problem})


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class EdgeOptions(Options):
    """Options of the `variable_at_edge` check."""
    fields: list[TextKind] = dataclasses.field(default_factory=lambda: ["body"])


@check("variable_at_edge", options=EdgeOptions)
def variable_at_edge(unit: TemplateUnit, options: EdgeOptions):
    """Meta rejects a body whose first or last real content is a variable; punctuation and spaces
    around it do not count as content (`Hi there {{1}}.` still ends with a variable)."""
    for text_field in unit.fields_of(*options.fields):
        content = [leaf for leaf in text_field.parsed.leaves() if not is_filler(leaf)]
        if not content:
            continue
        for edge, leaf in (("starts", content[0]), ("ends", content[-1])):
            if isinstance(leaf, Placeholder):
                yield Finding(text_field.path, leaf.span.start, leaf.span.end, {"text": leaf.text, "edge": edge, "field": LABELS[text_field.kind]})
            if len(content) == 1:
                break


def is_filler(leaf) -> bool:
    """Line breaks, spaces and punctuation: what does not count as content next to a variable."""
    if isinstance(leaf, Newline):
        return True
    return isinstance(leaf, Text) and _is_filler_text(leaf.text)


@lru_cache(maxsize=4096)
def _is_filler_text(text: str) -> bool:
    """Judged once per distinct text: two rules ask about every run of the body, and the same runs
    (`, `, `. `) recur from template to template."""
    return all(char.isspace() or unicodedata.category(char)[0] in "PZ" for char in text)


@check("repeated_placeholder", options=SequenceOptions)
def repeated_placeholder(unit: TemplateUnit, options: SequenceOptions):
    """Every use of a placeholder after its first, in the same field."""
    for text_field in unit.fields_of(*options.fields):
        seen: set[str] = set()
        for node in text_field.parsed.placeholders():
            if node.text in seen:
                yield Finding(text_field.path, node.span.start, node.span.end, {"text": node.text, "field": LABELS[text_field.kind]})
            seen.add(node.text)


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class StyleOptions(Options):
    """Options of the `placeholder_style` check."""
    # the fields `parameter_format` governs
    fields: list[TextKind] = dataclasses.field(default_factory=lambda: ["header", "body"])
    # "mixed": both styles in one template; "format": one style, not the one parameter_format declares
    report: Literal["mixed", "format"]


STYLE_OF_FORMAT = {"POSITIONAL": "positional", "NAMED": "named"}


@check("placeholder_style", options=StyleOptions)
def placeholder_style(unit: TemplateUnit, options: StyleOptions):
    """Mixed styles: each placeholder of the style parameter_format does not declare (POSITIONAL when
    it is absent). One style, the other one: a single finding at its first placeholder."""
    declared = unit.template.parameter_format or "POSITIONAL"
    expected = STYLE_OF_FORMAT[declared]
    found = [(text_field, node) for text_field in unit.fields_of(*options.fields) for node in text_field.parsed.placeholders()]
    kinds = {node.kind for _, node in found}
    if options.report == "mixed" and len(kinds) == 2:
        example = next(node.text for _, node in found if node.kind == expected)
        for text_field, node in found:
            if node.kind != expected:
                yield Finding(text_field.path, node.span.start, node.span.end, {"text": node.text, "kind": node.kind, "other": example, "other_kind": expected, "format": declared})
    elif options.report == "format" and kinds and expected not in kinds:
        text_field, node = found[0]
        wanted = "NAMED" if node.kind == "named" else "POSITIONAL"
        yield Finding(text_field.path, node.span.start, node.span.end, {"text": node.text, "kind": node.kind, "format": declared, "wanted": wanted})


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class NameOptions(Options):
    """Options of the `named_parameter_name` check."""
    fields: list[TextKind] = dataclasses.field(default_factory=lambda: list(TEXT_FIELD_KINDS))
    pattern: str = "[a-z][a-z0-9_]*"


@check("named_parameter_name", options=NameOptions)
def named_parameter_name(unit: TemplateUnit, options: NameOptions):
    allowed = re.compile(options.pattern)
    for text_field in unit.fields_of(*options.fields):
        for node in text_field.parsed.placeholders():
            if node.name is not None and allowed.fullmatch(node.name) is None:
                suggestion = _snake_case(node.name)
                hint = f"; write `{{{{{suggestion}}}}}`" if allowed.fullmatch(suggestion) else ""
                yield Finding(text_field.path, node.span.start, node.span.end, {"text": node.text, "hint": hint})


def _snake_case(name: str) -> str:
    """`FirstName` -> `first_name`, `_order_ID` -> `order_id`."""
    split = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name)
    return re.sub(r"_+", "_", split.lower()).strip("_")
