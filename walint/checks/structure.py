"""The template's shape: which components it has, how many of each, in what order, and the ranges
of its numeric settings per category.

Components are counted in the raw data, not the model: a component the model had to drop for a bad
field (a BODY whose `text` is a number) is still there, and must not also be reported as missing.
"""

import dataclasses
from dataclasses import dataclass
from typing import Any, Iterator, Literal

from walint.checks import Finding, Options, check
from walint.model import Footer
from walint.unit import TemplateUnit
from walint.validation import NonNegativeInt

Path = tuple[Any, ...]


def raw_components(unit: TemplateUnit) -> Iterator[tuple[Path, str]]:
    """(path of the component's `type`, type) of every top-level component that has a string type."""
    components = unit.raw.get("components")
    if not isinstance(components, list):
        return
    for index, component in enumerate(components):
        if isinstance(component, dict) and isinstance(component.get("type"), str):
            yield ("components", index, "type"), component["type"]


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class ComponentCountOptions(Options):
    """Options of the `component_count` check."""
    types: list[str]
    min: NonNegativeInt = 0
    max: NonNegativeInt | None = None


@check("component_count", options=ComponentCountOptions)
def component_count(unit: TemplateUnit, options: ComponentCountOptions):
    """Too few: one finding on `components`. Too many: one finding on each component past the limit,
    so that each extra one can be seen and removed."""
    if not isinstance(unit.raw.get("components"), list):
        return  # no components at all is the model's missing-field
    by_type: dict[str, list[Path]] = {kind: [] for kind in options.types}
    for path, kind in raw_components(unit):
        if kind in by_type:
            by_type[kind].append(path)
    for kind, paths in by_type.items():
        args = {"type": kind, "count": len(paths), "min": options.min, "max": options.max}
        if len(paths) < options.min:
            yield Finding(("components",), args=args)
        if options.max is not None:
            for path in paths[options.max :]:
                yield Finding(path, 0, len(kind), args)


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class OrderOptions(Options):
    """Options of the `component_order` check."""
    order: list[str]


@check("component_order", options=OrderOptions)
def component_order(unit: TemplateUnit, options: OrderOptions):
    """Each component that comes after one it should precede; types outside `order` (CAROUSEL,
    LIMITED_TIME_OFFER) may stand anywhere."""
    rank = {kind: position for position, kind in enumerate(options.order)}
    latest: str | None = None
    for path, kind in raw_components(unit):
        if kind not in rank:
            continue
        if latest is not None and rank[kind] < rank[latest]:
            yield Finding(path, 0, len(kind), {"type": kind, "after": latest, "order": ", ".join(options.order)})
        else:
            latest = kind


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class ExcludesOptions(Options):
    """Options of the `component_excludes` check."""
    component: str
    excluded_by: str


@check("component_excludes", options=ExcludesOptions)
def component_excludes(unit: TemplateUnit, options: ExcludesOptions):
    """Each `component` in a template that also has an `excluded_by` component."""
    found = list(raw_components(unit))
    if not any(kind == options.excluded_by for _, kind in found):
        return
    for path, kind in found:
        if kind == options.component:
            yield Finding(path, 0, len(kind), {"type": kind, "other": options.excluded_by})


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class Bounds(Options):
    """How many of something a category allows: at least `min`, at most `max`."""
    min: int
    max: int


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class RangeOptions(Options):
    """Options of the `range_by_category` check."""
    field: Literal["message_send_ttl_seconds", "code_expiration_minutes"]
    # the allowed range for each category; a category without an entry is not checked
    ranges: dict[str, Bounds]
    # values allowed outside every range (-1: "use the default time to live")
    also_allowed: list[int] = dataclasses.field(default_factory=list)


@check("range_by_category", options=RangeOptions)
def range_by_category(unit: TemplateUnit, options: RangeOptions):
    category = unit.template.category
    bounds = options.ranges.get(category) if isinstance(category, str) else None
    if bounds is None:
        return
    also = "".join(f", or {value}" for value in options.also_allowed)
    for path, value in _numbers(unit, options.field):
        if value in options.also_allowed or bounds.min <= value <= bounds.max:
            continue
        yield Finding(path, args={"field": options.field, "value": value, "category": category, "min": bounds.min, "max": bounds.max, "also": also})


def _numbers(unit: TemplateUnit, field: str) -> Iterator[tuple[Path, int]]:
    """The field's values: on the template (message_send_ttl_seconds) or on its footers."""
    if field == "message_send_ttl_seconds":
        values = [((field,), unit.template.message_send_ttl_seconds)]
    else:
        values = [(c.path + (field,), c.code_expiration_minutes) for c in unit.template.components if isinstance(c, Footer)]
    for path, value in values:
        if value is not None:
            yield path, value
