"""The settings of a run, as a pydantic model: the schema of `.walint.yaml` and `[tool.walint]`.

Keys are kebab-case in files; `walint schema config` prints this model's JSON Schema.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    # codes ("WA401"), code prefixes ("WA4") or rule names ("malformed-placeholder"); empty = all rules
    select: list[str] = Field(default_factory=list)
    # rules to add to `select` (or to the default set) without restating it
    extend_select: list[str] = Field(default_factory=list, alias="extend-select")
    ignore: list[str] = Field(default_factory=list)
    # glob (relative to the configuration file's folder; without a `/`, a file name) -> codes to ignore there
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict, alias="per-file-ignores")
    # Meta does not say how it counts; code points by default, UTF-16 units for the stricter reading
    character_counting: Literal["code-points", "utf-16"] = Field("code-points", alias="character-counting")
    # per rule (code or name): a severity, and options merged over the pack's (a limit, a word list)
    severity: dict[str, Literal["error", "warning", "info"]] = Field(default_factory=dict)
    rule_options: dict[str, dict[str, Any]] = Field(default_factory=dict, alias="rule-options")
    # the user's own rule packs, after the built-in ones (in a file: relative to that file's folder)
    rule_packs: list[Path] = Field(default_factory=list, alias="rule-packs")
