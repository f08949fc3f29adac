"""The template's language code: one of Meta's codes, written exactly (`en_US`, not `en-US`)."""

import dataclasses
import re
from dataclasses import dataclass
from typing import Literal

from walint.checks import Finding, Options, check
from walint.unit import TemplateUnit

WELL_FORMED = re.compile(r"[a-z]{2,3}(_[A-Z]{2})?")


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class LanguageOptions(Options):
    """Options of the `language_code` check."""
    languages: list[str]
    # language names people write instead of codes: {"english": "en", "français": "fr"}
    names: dict[str, str] = dataclasses.field(default_factory=dict)
    # "malformed": not of the form ll or ll_RR (error); "unknown": well formed, but not in the list
    report: Literal["malformed", "unknown"]


@check("language_code", options=LanguageOptions)
def language_code(unit: TemplateUnit, options: LanguageOptions):
    code = unit.template.language
    if not isinstance(code, str) or code in options.languages:
        return
    malformed = WELL_FORMED.fullmatch(code) is None
    if malformed != (options.report == "malformed"):
        return
    likely = likely_code(code, options)
    hint = f"; did you mean `{likely}`?" if likely else ""
    yield Finding(("language",), 0, len(code), {"value": code, "hint": hint})


def likely_code(code: str, options: LanguageOptions) -> str | None:
    """`en-us` -> `en_US`, `EN` -> `en`, `English` -> `en`: the code the author evidently meant."""
    named = options.names.get(code.strip().lower())
    if named:
        return named
    parts = re.split(r"[-_\s]+", code.strip())
    if not parts or not parts[0]:
        return None
    candidate = parts[0].lower() + ("_" + parts[1].upper() if len(parts) > 1 and parts[1] else "")
    if candidate in options.languages:
        return candidate
    if parts[0].lower() in options.languages:
        return parts[0].lower()
    return None
