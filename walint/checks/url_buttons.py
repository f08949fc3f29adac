"""URL buttons: one variable at most, at the very end, after a fixed domain; no whitespace; an example.

A URL button may end with one variable that completes the address at send time
(`https://www.luckyshrub.com/track/{{1}}`); everything before it is reviewed as it stands.
"""

import re

from walint.checks import Finding, check
from walint.model import UrlButton
from walint.unit import TemplateUnit

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
_WHITESPACE = re.compile(r"\s+")


def _url_buttons(unit: TemplateUnit):
    """(button, parsed URL) of every URL button, those of carousel cards included."""
    parsed = {text_field.path: text_field.parsed for text_field in unit.fields_of("button_url")}
    for button in unit.all_buttons():
        if isinstance(button, UrlButton) and button.path + ("url",) in parsed:
            yield button, parsed[button.path + ("url",)]


@check("url_variable_at_end")
def url_variable_at_end(unit, options):
    for button, url in _url_buttons(unit):
        for placeholder in url.placeholders():
            if placeholder.span.end != len(url.source):
                yield Finding(button.path + ("url",), placeholder.span.start, placeholder.span.end, {"text": placeholder.text})


def domain_end(url: str) -> int:
    """Where the scheme and host end: at the first `/`, `?` or `#` after them (or the end)."""
    scheme = _SCHEME.match(url)
    start = scheme.end() if scheme else 0
    found = re.compile(r"[/?#]").search(url, start)
    return found.start() if found else len(url)


@check("url_static_domain")
def url_static_domain(unit, options):
    """The scheme and the host are fixed text: Meta reviews the domain a button leads to."""
    for button, url in _url_buttons(unit):
        end = domain_end(url.source)
        for placeholder in url.placeholders():
            if placeholder.span.start < end:
                yield Finding(button.path + ("url",), placeholder.span.start, placeholder.span.end, {"text": placeholder.text, "domain": url.source[:end]})


@check("url_whitespace")
def url_whitespace(unit, options):
    for button, url in _url_buttons(unit):
        found = _WHITESPACE.search(url.source)
        if found is not None:
            what = {" ": "a space", "\t": "a tab"}.get(found.group()[0], "a line break")
            yield Finding(button.path + ("url",), found.start(), found.end(), {"what": what})


@check("url_example")
def url_example(unit, options):
    """A URL with a variable needs `example`: one value, the full URL or the variable's value
    (subcode 2388043). Missing: point at the variable; more than one value: at the second."""
    for button, url in _url_buttons(unit):
        placeholders = url.placeholders()
        if not placeholders:
            continue
        if not button.example:
            first = placeholders[0]
            yield Finding(button.path + ("url",), first.span.start, first.span.end, {"problem": f"has the variable `{first.text}` but no `example`; Meta requires one"})
        elif len(button.example) > 1:
            count = len(button.example)
            yield Finding(button.path + ("example", 1), 0, len(button.example[1]), {"problem": f"`example` holds {count} values; Meta takes exactly 1"})
