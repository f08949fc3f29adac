"""The example values of headers and bodies: one for every variable, in the shape Meta expects, each
a value that could really be sent.

Example values are read from the raw data, not the model: the model drops a value of the wrong type
(and reports it), which would shift the positions of the values after it and change their count.
"""

import dataclasses
import re
from dataclasses import dataclass
from typing import Any, Iterator, Literal

from walint.ast import MalformedPlaceholder, ParsedText, Placeholder
from walint.checks import Finding, Options, check
from walint.checks._select import LABELS, raw_value
from walint.fields import TextField
from walint.records import FrozenRecord
from walint.unit import TemplateUnit
from walint.validation import PositiveInt

Path = tuple[Any, ...]
HolderKind = Literal["header", "body", "card_body"]
# (the key of positional examples, the key of named ones), per field kind
EXAMPLE_KEYS = {
    "header": ("header_text", "header_text_named_params"),
    "body": ("body_text", "body_text_named_params"),
    "card_body": ("body_text", "body_text_named_params"),
}
# what Meta refuses in a parameter value at send time (error 132018)
BAD_VALUE = re.compile(r"\r\n|[\n\r]|\t| {5,}")


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Holder(FrozenRecord):
    """A text field that may hold variables, with the component it belongs to and its raw example."""

    field: TextField
    component: Path
    example: Any
    numbers: tuple[int, ...]  # distinct positional numbers, in order of appearance
    names: tuple[str, ...]  # distinct names, in order of appearance
    well_formed: bool  # whether any of them is a well-formed placeholder

    @property
    def label(self) -> str:
        return LABELS[self.field.kind]

    @property
    def keys(self) -> tuple[str, str]:
        return EXAMPLE_KEYS[self.field.kind]

    def example_list(self, key: str) -> list | None:
        value = self.example.get(key) if isinstance(self.example, dict) else None
        return value if isinstance(value, list) else None


def variables(parsed: ParsedText) -> list[Placeholder | MalformedPlaceholder]:
    """The placeholders of a text, and the malformed ones whose meaning is plain (`{{ 2 }}`): those
    are reported by their own rule, and still need their example."""
    return [
        node
        for node in parsed.leaves()
        if isinstance(node, Placeholder) or isinstance(node, MalformedPlaceholder) and (node.number is not None or node.name is not None)
    ]


def holders(unit: TemplateUnit, kinds: list[str]) -> list[Holder]:
    """The fields of those kinds with their variables and examples; worked out once per template."""
    key = ("holders", tuple(kinds))
    if key not in unit.derived:
        unit.derived[key] = [_holder(unit, text_field) for text_field in unit.fields_of(*kinds)]
    return unit.derived[key]


def _holder(unit: TemplateUnit, text_field) -> Holder:
    component = text_field.path[:-1]  # a field's path is its component's, plus "text"
    found = variables(text_field.parsed)
    numbers = tuple(dict.fromkeys(p.number for p in found if p.number is not None))
    names = tuple(dict.fromkeys(p.name for p in found if p.name is not None))
    well_formed = any(isinstance(p, Placeholder) for p in found)
    return Holder(text_field, component, raw_value(unit, component + ("example",)), numbers, names, well_formed)


def _variables(count: int) -> str:
    return "no variables" if count == 0 else f"{count} variable{'s' if count > 1 else ''}"


def _values(count: int) -> str:
    return "no values" if count == 0 else f"{count} value{'s' if count > 1 else ''}"


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class ExampleOptions(Options):
    """Options of the `missing_example` and `example_count` and `named_example_match` and `example_value_format` and `empty_example_value` checks."""
    fields: list[HolderKind] = dataclasses.field(default_factory=lambda: ["header", "body", "card_body"])


@check("missing_example", options=ExampleOptions)
def missing_example(unit: TemplateUnit, options: ExampleOptions):
    """A field with variables and no example of the matching style. An example of the wrong type is
    the model's to report; a template mixing both styles, the placeholder style rule's. A text whose
    only placeholders are malformed (`Hi {1}`) is the malformed-placeholder rule's: Meta does not
    read them as variables yet."""
    for holder in holders(unit, options.fields):
        if not holder.well_formed or bool(holder.numbers) == bool(holder.names):
            continue
        if holder.example is not None and not isinstance(holder.example, dict):
            continue
        positional_key, named_key = holder.keys
        key, other = (named_key, positional_key) if holder.names else (positional_key, named_key)
        given = holder.example or {}
        if key in given:
            continue
        hint = f"; `{other}` is for {'positional' if holder.names else 'named'} placeholders" if other in given else ""
        count = len(holder.names or holder.numbers)
        yield Finding(holder.component + ("example", key), args={"field": holder.label, "variables": _variables(count), "key": key, "hint": hint})


@check("example_count", options=ExampleOptions)
def example_count(unit: TemplateUnit, options: ExampleOptions):
    """Positional examples: a header's `header_text` is a list of its values, a body's `body_text` a
    list holding one list of its values. Too many values: the first extra one is reported; too few:
    the list."""
    for holder in holders(unit, options.fields):
        if holder.names:
            continue  # named examples are matched by name
        key = holder.keys[0]
        values = holder.example_list(key)
        if values is None:
            continue
        path = holder.component + ("example", key)
        args = {"field": holder.label, "key": key, "variables": _variables(len(holder.numbers))}
        if holder.field.kind != "header":
            if not all(isinstance(value, list) for value in values):
                continue  # the model reports a value of the wrong type
            if len(values) != 1:
                where = path + (1,) if len(values) > 1 else path
                yield Finding(where, args={**args, "problem": f"`{key}` holds {len(values)} lists; Meta takes exactly one list of the values"})
                continue
            values, path = values[0], path + (0,)
        if len(values) != len(holder.numbers):
            where = path + (len(holder.numbers),) if len(values) > len(holder.numbers) else path
            yield Finding(where, args={**args, "problem": f"its example gives {_values(len(values))}"})


@check("named_example_match", options=ExampleOptions)
def named_example_match(unit: TemplateUnit, options: ExampleOptions):
    """Named examples match the names in the text exactly: a name without an entry is reported at its
    placeholder, an entry without a name (or a second entry for a name) at its `param_name`."""
    for holder in holders(unit, options.fields):
        if holder.numbers:
            continue
        key = holder.keys[1]
        entries = holder.example_list(key)
        if entries is None:
            continue
        given: set[str] = set()
        for index, entry in enumerate(entries):
            name = entry.get("param_name") if isinstance(entry, dict) else None
            if not isinstance(name, str):
                continue
            if name not in holder.names or name in given:
                problem = f"{key} has a second entry for `{name}`" if name in given else f"`{name}` in {key} is not a variable of the {holder.label}"
                yield Finding(holder.component + ("example", key, index, "param_name"), 0, len(name), {"problem": problem})
            given.add(name)
        for node in variables(holder.field.parsed):
            if node.name is not None and node.name not in given:
                given.add(node.name)
                yield Finding(holder.field.path, node.span.start, node.span.end, {"problem": f"`{node.text}` has no entry in {key}"})


def example_values(holder: Holder) -> Iterator[tuple[Path, str]]:
    """(path, value) of every example value of the field; numbers count as the text they read as."""
    positional_key, named_key = holder.keys
    base = holder.component + ("example",)
    found: list[tuple[Path, Any]] = []
    for index, value in enumerate(holder.example_list(positional_key) or []):
        if holder.field.kind == "header":
            found.append((base + (positional_key, index), value))
        elif isinstance(value, list):
            found.extend((base + (positional_key, index, inner), item) for inner, item in enumerate(value))
    for index, entry in enumerate(holder.example_list(named_key) or []):
        if isinstance(entry, dict) and "example" in entry:
            found.append((base + (named_key, index, "example"), entry["example"]))
    for path, value in found:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, str):
            yield path, value


@check("example_value_format", options=ExampleOptions)
def example_value_format(unit: TemplateUnit, options: ExampleOptions):
    for holder in holders(unit, options.fields):
        for path, value in example_values(holder):
            bad = BAD_VALUE.search(value)
            if bad is not None:
                text = bad.group()
                what = "a tab" if text == "\t" else "a line break" if text.strip(" ") else f"{len(text)} consecutive spaces"
                yield Finding(path, bad.start(), bad.end(), {"field": holder.label, "what": what})


@check("empty_example_value", options=ExampleOptions)
def empty_example_value(unit: TemplateUnit, options: ExampleOptions):
    for holder in holders(unit, options.fields):
        for path, value in example_values(holder):
            if not value.strip():
                yield Finding(path, args={"field": holder.label, "what": "empty" if not value else "only whitespace"})


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class FilledLengthOptions(Options):
    """Options of the `filled_length` check."""
    fields: list[HolderKind] = dataclasses.field(default_factory=lambda: ["body"])
    max: PositiveInt


@check("filled_length", options=FilledLengthOptions)
def filled_length(unit: TemplateUnit, options: FilledLengthOptions):
    """The text with each placeholder replaced by its example value (placeholders without one stay as
    they are), counted as the configuration says."""
    unit_name = "UTF-16 units" if unit.settings.character_counting == "utf-16" else "characters"
    for holder in holders(unit, options.fields):
        values = _values_by_placeholder(holder)
        if not values:
            continue
        text = holder.field.text
        pieces, last = [], 0
        for node in holder.field.parsed.placeholders():
            pieces += [text[last : node.span.start], values.get(_key(node), node.text)]
            last = node.span.end
        filled = "".join(pieces) + text[last:]
        length = unit.count(filled)
        if length > options.max:
            yield Finding(holder.field.path, 0, len(text), {"field": holder.label, "length": length, "max": options.max, "unit": unit_name})


def _key(node: Placeholder) -> int | str:
    return node.number if node.number is not None else node.name


def _values_by_placeholder(holder: Holder) -> dict[int | str, str]:
    """{number or name: example value}, from whichever example the field has."""
    positional_key, named_key = holder.keys
    values: dict[int | str, str] = {}
    positional = holder.example_list(positional_key) or []
    if holder.field.kind != "header":
        positional = positional[0] if positional and isinstance(positional[0], list) else []
    for number, value in enumerate(positional, start=1):
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            values[number] = str(value)
    for entry in holder.example_list(named_key) or []:
        if isinstance(entry, dict) and isinstance(entry.get("param_name"), str) and isinstance(entry.get("example"), (str, int, float)):
            values[entry["param_name"]] = str(entry["example"])
    return values
