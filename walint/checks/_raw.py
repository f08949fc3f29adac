"""The components and buttons of a template as written, for checks about which kinds are present.

The model sets aside a button or a component with a bad field (and reports it); for counting buttons,
grouping them or asking which types a template uses, that button still exists. These helpers read the
raw data, tolerating any shape: what is not a mapping with a string `type` is skipped (the model
reports it).
"""

from dataclasses import dataclass
from typing import Any

from walint.records import FrozenRecord
from walint.unit import TemplateUnit

Path = tuple[Any, ...]


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class RawNode(FrozenRecord):
    """A component or a button: its path in the template, its `type` and its raw mapping."""

    path: Path
    type: str
    raw: dict[str, Any]

    @property
    def type_path(self) -> Path:
        return self.path + ("type",)


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class ButtonList(FrozenRecord):
    """The buttons that Meta counts together: the template's, or one carousel card's (`card` is its
    1-based number)."""

    buttons: list[RawNode]
    card: int | None = None


def typed_items(items: Any, path: Path) -> list[RawNode]:
    """The items of a list that are mappings with a string `type`, with their paths."""
    if not isinstance(items, list):
        return []
    return [
        RawNode(path + (index,), item["type"], item)
        for index, item in enumerate(items)
        if isinstance(item, dict) and isinstance(item.get("type"), str)
    ]


def components(unit: TemplateUnit) -> list[RawNode]:
    return typed_items(unit.raw.get("components"), ("components",))


def cards(carousel: RawNode) -> list[tuple[Path, list[RawNode]]]:
    """(path, components) of each card of a CAROUSEL component; a card that is not a mapping is skipped."""
    items = carousel.raw.get("cards")
    if not isinstance(items, list):
        return []
    return [
        (carousel.path + ("cards", index), typed_items(card.get("components"), carousel.path + ("cards", index, "components")))
        for index, card in enumerate(items)
        if isinstance(card, dict)
    ]


def _buttons_of(nodes: list[RawNode]) -> list[RawNode]:
    return [button for node in nodes if node.type == "BUTTONS" for button in typed_items(node.raw.get("buttons"), node.path + ("buttons",))]


def button_lists(unit: TemplateUnit) -> list[ButtonList]:
    """The template's buttons (of every top-level BUTTONS component), then each carousel card's;
    worked out once per template, for the many button rules."""
    if "button_lists" not in unit.derived:
        top = components(unit)
        lists = [ButtonList(_buttons_of(top))]
        for carousel in (node for node in top if node.type == "CAROUSEL"):
            for card_path, card_components in cards(carousel):
                lists.append(ButtonList(_buttons_of(card_components), card=card_path[-1] + 1))
        unit.derived["button_lists"] = lists
    return unit.derived["button_lists"]


def all_buttons(unit: TemplateUnit) -> list[RawNode]:
    return [button for button_list in button_lists(unit) for button in button_list.buttons]


def category(unit: TemplateUnit) -> str | None:
    value = unit.template.category
    return value if isinstance(value, str) else None
