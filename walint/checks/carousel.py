"""Carousel templates: how many cards, and cards that all look alike (Meta's media card carousels).

A carousel is a top-level BODY followed by 2 to 10 cards; each card has a media or product header and
optionally a body and buttons, and every card has the same components as the first.
"""

from dataclasses import dataclass
from typing import Annotated

from walint.checks import Finding, Options, check
from walint.checks._raw import RawNode, cards, components
from walint.unit import TemplateUnit
from walint.validation import MinLen, PositiveInt


def _carousels(unit: TemplateUnit) -> list[RawNode]:
    return [component for component in components(unit) if component.type == "CAROUSEL"]


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class CardCountOptions(Options):
    """Options of the `carousel_card_count` check."""
    min: PositiveInt
    max: PositiveInt


@check("carousel_card_count", options=CardCountOptions)
def carousel_card_count(unit, options: CardCountOptions):
    """Too few: point at the list of cards; too many: at the first card past the limit."""
    for carousel in _carousels(unit):
        items = carousel.raw.get("cards")
        if not isinstance(items, list):
            continue  # the model reports a missing or malformed `cards`
        args = {"count": len(items), "min": options.min, "max": options.max}
        if len(items) < options.min:
            yield Finding(carousel.path + ("cards",), args=args)
        elif len(items) > options.max:
            yield Finding(carousel.path + ("cards", options.max), args=args)


def _shape(card_components: list[RawNode]) -> dict[str, tuple[RawNode, str]]:
    """What a card is made of: each component type, with its node and what distinguishes it (the
    header's format, the button types in order)."""
    shape: dict[str, tuple[RawNode, str]] = {}
    for component in card_components:
        if component.type == "HEADER":
            detail = str(component.raw.get("format", ""))
        elif component.type == "BUTTONS":
            buttons = component.raw.get("buttons")
            detail = ", ".join(str(b.get("type")) for b in buttons if isinstance(b, dict)) if isinstance(buttons, list) else ""
        else:
            detail = ""
        shape.setdefault(component.type, (component, detail))
    return shape


@check("carousel_same_components")
def carousel_same_components(unit, options):
    """Each card is compared with the first; its first difference is reported where it is."""
    for carousel in _carousels(unit):
        all_cards = cards(carousel)
        if not all_cards:
            continue
        first = _shape(all_cards[0][1])
        for card_path, card_components in all_cards[1:]:
            finding = _difference(first, _shape(card_components), card_path)
            if finding is not None:
                yield finding


def _difference(first: dict, other: dict, card_path) -> Finding | None:
    """A component the first card lacks or that differs: at its `type`; one it lacks: at the card."""
    card = card_path[-1] + 1
    for kind, (node, detail) in other.items():
        if kind not in first:
            return Finding(node.type_path, 0, len(kind), {"card": card, "difference": f"it has a {kind} that card 1 lacks"})
        if detail != first[kind][1]:
            what = "header is" if kind == "HEADER" else "buttons are"
            difference = f"its {what} {detail or 'none'}, card 1's {first[kind][1] or 'none'}"
            return Finding(node.type_path, 0, len(kind), {"card": card, "difference": difference})
    missing = next((kind for kind in first if kind not in other), None)
    if missing is not None:
        return Finding(card_path + ("components",), args={"card": card, "difference": f"it has no {missing}, card 1 has one"})
    return None


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class CardHeaderOptions(Options):
    """Options of the `carousel_card_header` check."""
    formats: Annotated[list[str], MinLen(1)]


@check("carousel_card_header", options=CardHeaderOptions)
def carousel_card_header(unit, options: CardHeaderOptions):
    """Every card has a header of one of the formats: missing, point at the card's components; wrong,
    at the format."""
    allowed = ", ".join(options.formats)
    for carousel in _carousels(unit):
        for card_path, card_components in cards(carousel):
            number = card_path[-1] + 1
            header = next((c for c in card_components if c.type == "HEADER"), None)
            if header is None:
                yield Finding(card_path + ("components",), args={"card": number, "problem": "has no header", "allowed": allowed})
                continue
            value = header.raw.get("format")
            if isinstance(value, str) and value not in options.formats:
                yield Finding(header.path + ("format",), 0, len(value), {"card": number, "problem": f"has a {value} header", "allowed": allowed})
