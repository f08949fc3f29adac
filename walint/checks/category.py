"""The template's category: one of today's three, with the retired tags mapped to their heir."""

import dataclasses
from dataclasses import dataclass

from walint.checks import Finding, Options, check
from walint.unit import TemplateUnit


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class CategoryOptions(Options):
    """Options of the `category` check."""
    allowed: list[str]
    # retired tags and the category each maps to today: {"SHIPPING_UPDATE": "UTILITY", ...}
    legacy: dict[str, str] = dataclasses.field(default_factory=dict)


@check("category", options=CategoryOptions)
def category(unit: TemplateUnit, options: CategoryOptions):
    value = unit.template.category
    if not isinstance(value, str) or value in options.allowed:
        return
    upper = value.strip().upper()
    if upper in options.legacy:
        reason = f"`{value}` is a legacy tag Meta retired in May 2023; it maps to `{options.legacy[upper]}` today"
    elif upper in options.allowed:
        reason = f"categories are upper case: write `{upper}`"
    else:
        reason = f"`{value}` is not a category"
    yield Finding(("category",), 0, len(value), {"value": value, "reason": reason, "allowed": ", ".join(options.allowed)})
