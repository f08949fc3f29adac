"""The text fields of a template that the grammar parses, each with its kind and its path.

Rules select fields by kind (`field: body` in a pack), so the list of kinds is the vocabulary that
rule packs use to say where a check applies.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

from walint.ast import ParsedText
from walint.model import Body, Buttons, Carousel, Footer, Header, LimitedTimeOfferComponent, Template, UrlButton
from walint.records import FrozenRecord

Path = tuple[Any, ...]

TEXT_FIELD_KINDS = ("body", "header", "footer", "button_text", "button_url", "offer_text", "card_body")


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class TextField(FrozenRecord):
    """One text of a template (body, header, a button's label ...), parsed, with its path."""
    kind: str
    path: Path  # relative to the template
    parsed: ParsedText

    @property
    def text(self) -> str:
        return self.parsed.source


def iter_text_fields(template: Template) -> Iterator[tuple[str, Path, str]]:
    """(kind, path, text) for every text field of the template, in document order."""
    for component in template.components:
        if isinstance(component, Header) and component.format == "TEXT" and component.text is not None:
            yield "header", component.path + ("text",), component.text
        elif isinstance(component, Body) and component.text is not None:
            yield "body", component.path + ("text",), component.text
        elif isinstance(component, Footer) and component.text is not None:
            yield "footer", component.path + ("text",), component.text
        elif isinstance(component, Buttons):
            yield from _button_fields(component)
        elif isinstance(component, LimitedTimeOfferComponent):
            yield "offer_text", component.path + ("limited_time_offer", "text"), component.limited_time_offer.text
        elif isinstance(component, Carousel):
            for card in component.cards:
                for card_component in card.components:
                    if isinstance(card_component, Body) and card_component.text is not None:
                        yield "card_body", card_component.path + ("text",), card_component.text
                    elif isinstance(card_component, Buttons):
                        yield from _button_fields(card_component)


def _button_fields(component: Buttons) -> Iterator[tuple[str, Path, str]]:
    for button in component.buttons:
        if button.text is not None:
            yield "button_text", button.path + ("text",), button.text
        if isinstance(button, UrlButton):
            yield "button_url", button.path + ("url",), button.url
