"""Checks across all the templates of a run."""

from collections import defaultdict
from itertools import islice

from walint.checks import Finding, check
from walint.unit import TemplateUnit

# each place names a few of the others, not all: 20,000 copies of one template would make 400 million
RELATED_SHOWN = 5


@check("duplicate_name", scope="run")
def duplicate_name(units: list[TemplateUnit], options):
    """Meta keeps one template per (name, language) in an account (subcode 2388024): each place is
    reported, pointing at the others."""
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, unit in enumerate(units):
        language = unit.template.language
        if unit.name is not None and isinstance(language, str):
            groups[(unit.name, language)].append(index)
    for (name, language), members in groups.items():
        if len(members) < 2:
            continue
        for index in members:
            others = tuple(islice(((other, ("name",)) for other in members if other != index), RELATED_SHOWN))
            yield Finding(("name",), 0, len(name), {"value": name, "language": language, "count": len(members)}, unit=index, related=others)


@check("duplicate_body", scope="run")
def duplicate_body(units: list[TemplateUnit], options):
    """Bodies that read the same (spacing aside) in one language, under different names: Meta rejects
    a template whose body duplicates another's. A template repeated under its own name is WA701's."""
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, unit in enumerate(units):
        language = unit.template.language
        bodies = unit.fields_of("body")
        if bodies and isinstance(language, str) and bodies[0].text.strip():
            groups[(language, " ".join(bodies[0].text.split()))].append(index)
    for (language, _), members in groups.items():
        for index in members:
            name = units[index].name
            others = [other for other in members if units[other].name != name]
            if not others:
                continue
            body = units[index].fields_of("body")[0]
            names = ", ".join(f"`{units[other].name}`" for other in others)
            related = tuple((other, units[other].fields_of("body")[0].path) for other in others)
            yield Finding(body.path, 0, len(body.text), {"others": names, "language": language}, unit=index, related=related)
