"""Checks on the characters a string may hold (template names)."""

import re
from dataclasses import dataclass
from functools import lru_cache

from walint.checks import Finding, Options, check
from walint.checks._select import FieldKind, strings_of
from walint.unit import TemplateUnit


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class CharsetOptions(Options):
    """Options of the `charset` check."""
    field: FieldKind
    # the inside of a regex character class: "a-z0-9_"
    allowed: str


@check("charset", options=CharsetOptions)
def charset(unit: TemplateUnit, options: CharsetOptions):
    """Report the first run of characters outside the allowed set, and suggest a cleaned-up value."""
    disallowed = re.compile(f"[^{options.allowed}]+")
    for path, text in strings_of(unit, options.field):
        first = disallowed.search(text)
        if first is None:
            continue
        bad = dict.fromkeys("".join(disallowed.findall(text)))  # in order of appearance
        yield Finding(
            path,
            first.start(),
            first.end(),
            {"chars": " ".join(_show_char(c) for c in bad), "suggestion": _suggest(text, options.allowed)},
        )


def _show_char(char: str) -> str:
    return {" ": "space", "\t": "tab", "\n": "newline"}.get(char, f"`{char}`")


def _suggest(text: str, allowed: str) -> str:
    """lowercase, separators to underscores, the rest dropped: 'Order Update-2' -> 'order_update_2'."""
    lowered = re.sub(r"[\s\-.]+", "_", text.strip().lower())
    cleaned = re.sub(f"[^{allowed}]", "", lowered)
    return re.sub(r"_+", "_", cleaned).strip("_") or "a_descriptive_name"


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class GenericNameOptions(Options):
    """Options of the `generic_name` check."""
    # names that say nothing about the template; a trailing number does not help (`template1`, `test_2`)
    names: list[str]


_TRAILING_NUMBER = re.compile(r"[_\d]+$")


@check("generic_name", options=GenericNameOptions)
def generic_name(unit: TemplateUnit, options: GenericNameOptions):
    """Reviewers reject placeholder names as "purpose unclear"; numbering one does not make it say more."""
    for path, text in strings_of(unit, "name"):
        stem = _TRAILING_NUMBER.sub("", text.strip().lower())
        if stem in _lowered(tuple(options.names)):
            yield Finding(path, 0, len(text), {"value": text})


@lru_cache(maxsize=16)
def _lowered(names: tuple[str, ...]) -> frozenset[str]:
    """The generic names in lower case, built once per list rather than once per template."""
    return frozenset(name.lower() for name in names)
