"""The settings of a run, as a pydantic model: the schema of `.walint.yaml` and `[tool.walint]`.

Keys are kebab-case in files; `walint schema config` prints this model's JSON Schema, with the
descriptions below, for editors that complete and check configuration files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

_RULES = "codes (WA401), code prefixes (WA4) or rule names (malformed-placeholder)"


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, title="walint configuration")

    select: list[str] = Field(default_factory=list, description=f"Only these rules: {_RULES}. Empty: every rule.")
    extend_select: list[str] = Field(default_factory=list, alias="extend-select", description=f"These rules too, on top of `select`: {_RULES}.")
    ignore: list[str] = Field(default_factory=list, description=f"Not these rules: {_RULES}.")
    per_file_ignores: dict[str, list[str]] = Field(
        default_factory=dict,
        alias="per-file-ignores",
        description="Glob -> rules not to report in the files it matches. The glob is relative to the configuration "
        "file's folder; one without `/` matches file names; `**` crosses folders.",
    )
    # Meta does not say how it counts; code points by default, UTF-16 units for the stricter reading
    character_counting: Literal["code-points", "utf-16"] = Field(
        "code-points", alias="character-counting", description="How lengths are counted: Unicode code points or UTF-16 code units."
    )
    severity: dict[str, Literal["error", "warning", "info"]] = Field(
        default_factory=dict, description="Rule (code or name) -> the severity it reports with."
    )
    rule_options: dict[str, dict[str, Any]] = Field(
        default_factory=dict,
        alias="rule-options",
        description="Rule (code or name) -> options merged over its rule pack's (a limit, a word list).",
    )
    rule_packs: list[Path] = Field(
        default_factory=list, alias="rule-packs", description="Your own rule packs (YAML), after the built-in ones; relative to the configuration file."
    )
