"""One template as the rules see it: its model, its parsed text fields, and where it came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from walint.config import Settings
from walint.fields import TextField
from walint.model import Template
from walint.records import Record

Path = tuple[Any, ...]


@dataclass(slots=True, eq=False, repr=False)
class TemplateUnit(Record):
    """One template as the rules see it: its model, its parsed text fields, and where it came from."""
    filename: str
    prefix: Path  # the template's path inside the file: (document index, key or index, ...)
    raw: dict[str, Any]
    template: Template
    fields: list[TextField]
    settings: Settings
    # in a map from name to template, the name is the key: findings on `name` point at the key
    name_from_key: str | None = None
    _by_kinds: dict[tuple[str, ...], list[TextField]] = field(default_factory=dict, repr=False)
    # what several checks derive from the template (its button lists, its variables per field kind):
    # worked out by the first check that needs it, then shared
    derived: dict[Any, Any] = field(default_factory=dict, repr=False)

    @property
    def name(self) -> str | None:
        name = self.template.name if self.template.name is not None else self.name_from_key
        return name if isinstance(name, str) else None

    def fields_of(self, *kinds: str) -> list[TextField]:
        """The parsed text fields of the given kinds (all fields when no kind is given), in order.
        Dozens of checks ask for the same few kind lists: each answer is worked out once."""
        if not kinds:
            return self.fields
        found = self._by_kinds.get(kinds)
        if found is None:
            found = self._by_kinds[kinds] = [f for f in self.fields if f.kind in kinds]
        return found

    def all_buttons(self) -> list[Any]:
        """Every button of the template, carousel cards' included, listed once for all the checks."""
        found = self.derived.get("all_buttons")
        if found is None:
            found = self.derived["all_buttons"] = self.template.all_buttons()
        return found

    def count(self, text: str) -> int:
        """A text's length as the configured counting sees it."""
        if self.settings.character_counting == "utf-16":
            return len(text.encode("utf-16-le", "surrogatepass")) // 2  # a lone surrogate (JSON "\\ud800") is one unit
        return len(text)

    def index_at_count(self, text: str, limit: int) -> int:
        """The index of the first character past `limit` counted units (where an overflow starts)."""
        if self.settings.character_counting != "utf-16":
            return min(limit, len(text))
        units = 0
        for index, char in enumerate(text):
            units += 2 if ord(char) > 0xFFFF else 1
            if units > limit:
                return index
        return len(text)
