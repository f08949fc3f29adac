"""What a header's format asks of the rest of the template: the categories it may be used in, and
the sample media Meta reviews it with."""

from dataclasses import dataclass

from walint.checks import Finding, Options, check
from walint.checks._select import raw_value
from walint.model import Header
from walint.unit import TemplateUnit


def _headers(unit: TemplateUnit) -> list[Header]:
    return [c for c in unit.template.components if isinstance(c, Header)]


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class FormatCategoryOptions(Options):
    """Options of the `header_format_category` check."""
    format: str
    allowed_categories: list[str]


@check("header_format_category", options=FormatCategoryOptions)
def header_format_category(unit: TemplateUnit, options: FormatCategoryOptions):
    category = unit.template.category
    if not isinstance(category, str) or category in options.allowed_categories:
        return
    for header in _headers(unit):
        if header.format == options.format:
            yield Finding(header.path + ("format",), 0, len(header.format), {"format": header.format, "category": category, "allowed": " or ".join(options.allowed_categories)})


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class MediaExampleOptions(Options):
    """Options of the `header_media_example` check."""
    formats: list[str]


@check("header_media_example", options=MediaExampleOptions)
def header_media_example(unit: TemplateUnit, options: MediaExampleOptions):
    """A media header without `example.header_handle`, or with an empty one. A handle of the wrong
    type is the model's to report (it prunes it): the raw data tells the two apart."""
    for header in _headers(unit):
        if header.format not in options.formats:
            continue
        handles = header.example.header_handle if header.example is not None else None
        if handles:
            continue
        path = header.path + ("example", "header_handle")
        raw = raw_value(unit, path)
        if raw is not None and raw != []:
            continue
        problem = "an empty `example.header_handle`" if raw == [] else "no `example.header_handle`"
        yield Finding(path, args={"format": header.format, "problem": problem})
