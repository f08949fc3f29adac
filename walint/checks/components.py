"""Which components (and buttons) a template may have, by category and beside which others.

Data checks: the pack names the component type, the categories and the companion component. They
read the components as written (walint.checks._raw), so one with a bad field still counts.
"""

from dataclasses import dataclass
from typing import Annotated, Literal

from walint.checks import Finding, Options, check
from walint.checks._raw import all_buttons, category, components
from walint.model import BUTTON_TYPES, COMPONENT_TYPES
from walint.validation import MinLen

ComponentType = Literal[COMPONENT_TYPES]  # type: ignore[valid-type]


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class TypeCategoryOptions(Options):
    """Options of the `type_category` check."""
    # what the types name: top-level components, or buttons (carousel cards' included)
    kind: Literal["component", "button"]
    types: Annotated[list[str], MinLen(1)]
    # the categories these types are allowed in
    categories: Annotated[list[str], MinLen(1)]

    def __post_init__(self) -> None:
        known = COMPONENT_TYPES if self.kind == "component" else BUTTON_TYPES
        unknown = [t for t in self.types if t not in known]
        if unknown:
            raise ValueError(f"unknown {self.kind} type {', '.join(unknown)}; expected one of {', '.join(known)}")


@check("type_category", options=TypeCategoryOptions)
def type_category(unit, options: TypeCategoryOptions):
    """Each component or button of these types in a template of another category, at its `type`."""
    value = category(unit)
    if value is None or value in options.categories:
        return
    nodes = components(unit) if options.kind == "component" else all_buttons(unit)
    for node in nodes:
        if node.type in options.types:
            yield Finding(node.type_path, 0, len(node.type), {"type": node.type, "category": value, "allowed": ", ".join(options.categories)})


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class NotInCategoryOptions(Options):
    """Options of the `not_in_category` check."""
    category: str
    type: ComponentType
    # a field the component must not have in that category; without it, the component itself
    field: str | None = None


@check("not_in_category", options=NotInCategoryOptions)
def not_in_category(unit, options: NotInCategoryOptions):
    """The component (pointed at by its `type`), or the field (its whole value), that a template of
    the category must not have."""
    if category(unit) != options.category:
        return
    for component in components(unit):
        if component.type != options.type:
            continue
        args = {"type": component.type, "category": options.category}
        if options.field is None:
            yield Finding(component.type_path, 0, len(component.type), args)
        elif options.field in component.raw:
            value = component.raw[options.field]
            yield Finding(component.path + (options.field,), 0, len(value) if isinstance(value, str) else None, args)


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class RequiresComponentOptions(Options):
    """Options of the `requires_component` check."""
    # a template with this component ...
    type: ComponentType
    # ... also needs this one, at the top level
    requires: ComponentType


@check("requires_component", options=RequiresComponentOptions)
def requires_component(unit, options: RequiresComponentOptions):
    present = components(unit)
    if any(c.type == options.requires for c in present):
        return
    for component in present:
        if component.type == options.type:
            yield Finding(component.type_path, 0, len(component.type), {"type": component.type, "requires": options.requires})
