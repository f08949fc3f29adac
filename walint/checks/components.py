"""Which components a template may have, by category and beside which others.

Data checks: the pack names the component type, the categories and the companion component. They
read the components as written (walint.checks._raw), so one with a bad field still counts.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from walint.checks import Finding, check
from walint.checks._raw import category, components
from walint.model import COMPONENT_TYPES

ComponentType = Literal[COMPONENT_TYPES]  # type: ignore[valid-type]


class ComponentCategoryOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: ComponentType
    # the categories the component is allowed in
    categories: list[str] = Field(min_length=1)


@check("component_category", options=ComponentCategoryOptions)
def component_category(unit, options: ComponentCategoryOptions):
    value = category(unit)
    if value is None or value in options.categories:
        return
    for component in components(unit):
        if component.type == options.type:
            yield Finding(component.type_path, 0, len(component.type), {"type": component.type, "category": value, "allowed": ", ".join(options.categories)})


class NotInCategoryOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")
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


class RequiresComponentOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")
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
