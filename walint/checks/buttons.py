"""Which buttons a template has: how many of each type, in what order, in which categories.

These checks read the buttons as written (walint.checks._raw), so a button the model set aside for a
bad field still counts. Most are data: the pack gives the types, the limits and the categories.
"""

import dataclasses
from dataclasses import dataclass
from typing import Annotated, Literal

from walint.checks import Finding, Options, check
from walint.checks._raw import RawNode, all_buttons, button_lists, category, components
from walint.model import BUTTON_TYPES
from walint.validation import MinLen, PositiveInt

ButtonType = Literal[BUTTON_TYPES]  # type: ignore[valid-type]


def _at_type(button: RawNode, **args) -> Finding:
    """A finding on a whole button points at its `type` value: the word that names it."""
    return Finding(button.type_path, 0, len(button.type), args)


def _kind(types: list[str]) -> str:
    return f"{' / '.join(types)} buttons" if types else "buttons"


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class MaxButtonsOptions(Options):
    """Options of the `max_buttons` check."""
    max: PositiveInt
    # the types counted; every button when empty
    types: list[ButtonType] = dataclasses.field(default_factory=list)
    # the template's own buttons, or the buttons of each carousel card
    within: Literal["template", "card"] = "template"


@check("max_buttons", options=MaxButtonsOptions)
def max_buttons(unit, options: MaxButtonsOptions):
    """Point at the first button past the limit: from there on they have to go."""
    for button_list in button_lists(unit):
        if (button_list.card is None) != (options.within == "template"):
            continue
        counted = [b for b in button_list.buttons if not options.types or b.type in options.types]
        if len(counted) > options.max:
            yield _at_type(counted[options.max], count=len(counted), max=options.max, kind=_kind(options.types), card=button_list.card)


@check("button_groups")
def button_groups(unit, options):
    """QUICK_REPLY buttons and the others form two blocks, in either order; the button that starts a
    third block is the one out of place."""
    for button_list in button_lists(unit):
        buttons = button_list.buttons
        blocks = 1
        for position, (previous, button) in enumerate(zip(buttons, buttons[1:]), start=2):
            if (previous.type == "QUICK_REPLY") != (button.type == "QUICK_REPLY"):
                blocks += 1
                if blocks == 3:
                    yield _at_type(button, type=button.type, position=position, order=", ".join(b.type for b in buttons))
                    break


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class ExclusiveOptions(Options):
    """Options of the `exclusive_buttons` check."""
    types: Annotated[list[ButtonType], MinLen(2)]


@check("exclusive_buttons", options=ExclusiveOptions)
def exclusive_buttons(unit, options: ExclusiveOptions):
    """Buttons of these types exclude each other: the first of another type than the first is reported."""
    for button_list in button_lists(unit):
        present = [b for b in button_list.buttons if b.type in options.types]
        if present:
            other = next((b for b in present if b.type != present[0].type), None)
            if other is not None:
                yield _at_type(other, type=other.type, other=present[0].type)


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class CategoryButtonsOptions(Options):
    """Options of the `category_buttons` check."""
    category: str
    # the only button types a template of that category may have
    allowed: Annotated[list[ButtonType], MinLen(1)]


@check("category_buttons", options=CategoryButtonsOptions)
def category_buttons(unit, options: CategoryButtonsOptions):
    if category(unit) != options.category:
        return
    for button in all_buttons(unit):
        if button.type not in options.allowed:
            yield _at_type(button, type=button.type, category=options.category, allowed=", ".join(options.allowed))


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class RequiredButtonOptions(Options):
    """Options of the `exactly_one_button` check."""
    category: str
    type: ButtonType


@check("exactly_one_button", options=RequiredButtonOptions)
def exactly_one_button(unit, options: RequiredButtonOptions):
    """A template of the category has exactly one button of the type. None: point at the BUTTONS
    component, or at the category when there is none; more: at the second."""
    if category(unit) != options.category:
        return
    found = [b for b in all_buttons(unit) if b.type == options.type]
    args = {"count": len(found), "type": options.type, "category": options.category}
    if len(found) > 1:
        yield _at_type(found[1], **args)
    elif not found:
        buttons = next((c for c in components(unit) if c.type == "BUTTONS"), None)
        if buttons is not None:
            yield _at_type(buttons, **args)
        else:
            yield Finding(("category",), 0, len(options.category), args)


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class SoleButtonOptions(Options):
    """Options of the `sole_button` check."""
    types: Annotated[list[ButtonType], MinLen(1)]


@check("sole_button", options=SoleButtonOptions)
def sole_button(unit, options: SoleButtonOptions):
    """A button of these types is the only button of its template (or card)."""
    for button_list in button_lists(unit):
        alone = next((b for b in button_list.buttons if b.type in options.types), None)
        if alone is not None and len(button_list.buttons) > 1:
            yield _at_type(alone, type=alone.type, count=len(button_list.buttons))
