"""Length limits, counted as the configuration says (code points, or UTF-16 units)."""

from dataclasses import dataclass

from walint.checks import Finding, Options, check
from walint.checks._select import LABELS, FieldKind, strings_of
from walint.unit import TemplateUnit
from walint.validation import PositiveInt


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class MaxLengthOptions(Options):
    """Options of the `max_length` check."""
    field: FieldKind
    max: PositiveInt


@check("max_length", options=MaxLengthOptions)
def max_length(unit: TemplateUnit, options: MaxLengthOptions):
    """Point at the part beyond the limit: that is what has to go."""
    unit_name = "UTF-16 units" if unit.settings.character_counting == "utf-16" else "characters"
    for path, text in strings_of(unit, options.field):
        length = unit.count(text)
        if length > options.max:
            start = unit.index_at_count(text, options.max)
            yield Finding(path, start, len(text), {"field": LABELS[options.field], "length": length, "max": options.max, "unit": unit_name})
