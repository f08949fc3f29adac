"""The settings of a run: the schema of `.walint.yaml` and `[tool.walint]`, as a stdlib dataclass.

Keys are kebab-case in files (snake_case works too); walint.validation reads them. `walint schema
config` prints the JSON Schema that pydantic derives from this class, with the descriptions below, for
editors that complete and check configuration files.
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from walint.records import Record

_RULES = "codes (WA401), code prefixes (WA4) or rule names (malformed-placeholder)"


def _kebab_case(name: str) -> str:
    return name.replace("_", "-")


def _described(text: str) -> dict[str, str]:
    """Field metadata that pydantic reads as the field's description in the JSON Schema."""
    return {"description": text}


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class Settings(Record):
    """The settings of a run, as `.walint.yaml` or `[tool.walint]` in pyproject.toml give them."""
    __pydantic_config__ = {"extra": "forbid", "alias_generator": _kebab_case, "populate_by_name": True, "title": "walint configuration"}

    select: list[str] = field(default_factory=list, metadata=_described(f"Only these rules: {_RULES}. Empty: every rule."))
    extend_select: list[str] = field(default_factory=list, metadata=_described(f"These rules too, on top of `select`: {_RULES}."))
    ignore: list[str] = field(default_factory=list, metadata=_described(f"Not these rules: {_RULES}."))
    per_file_ignores: dict[str, list[str]] = field(
        default_factory=dict,
        metadata=_described(
            "Glob -> rules not to report in the files it matches. The glob is relative to the configuration "
            "file's folder; one without `/` matches file names; `**` crosses folders."
        ),
    )
    # Meta does not say how it counts; code points by default, UTF-16 units for the stricter reading
    character_counting: Literal["code-points", "utf-16"] = field(
        default="code-points", metadata=_described("How lengths are counted: Unicode code points or UTF-16 code units.")
    )
    severity: dict[str, Literal["error", "warning", "info"]] = field(
        default_factory=dict, metadata=_described("Rule (code or name) -> the severity it reports with.")
    )
    rule_options: dict[str, dict[str, Any]] = field(
        default_factory=dict, metadata=_described("Rule (code or name) -> options merged over its rule pack's (a limit, a word list).")
    )
    rule_packs: list[Path] = field(
        default_factory=list, metadata=_described("Your own rule packs (YAML), after the built-in ones; relative to the configuration file.")
    )
