"""What a run reports: one Diagnostic per problem, at an exact range of the file the user wrote."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Literal

from walint.records import FrozenRecord, Record

if TYPE_CHECKING:
    from walint.rule_packs import Rule, Source

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Edit(FrozenRecord):
    """Replace the text between two positions by `content` (a fix is one or more edits)."""

    content: str
    row: int
    column: int
    end_row: int
    end_column: int


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Fix(FrozenRecord):
    """Edits that would fix a diagnostic (reserved: no rule offers one yet)."""
    message: str
    edits: tuple[Edit, ...]


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Diagnostic(FrozenRecord):
    """One problem at one place, as every reporter shows it."""
    filename: str
    template: str | None
    code: str
    name: str
    severity: Severity
    message: str
    row: int
    column: int
    end_row: int
    end_column: int
    url: str
    fix: Fix | None = None
    # where in the template, as a path ("components[BODY].text"); with the rule, the file, the template
    # and the offending text, it identifies a finding across edits that move lines (SARIF fingerprints)
    where: str = ""

    def sort_key(self) -> tuple:
        return (self.filename, self.row, self.column, self.code, self.end_row, self.end_column, self.message)


@dataclass(init=False, slots=True, eq=False, repr=False)
class RunResult(Record):
    """Everything a reporter needs: the diagnostics, the checked sources and what failed to run."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    files_checked: int = 0
    templates_checked: int = 0
    # filename -> a function giving one line of that file, for reporters that show the source
    line_getters: dict[str, Callable[[int], str]] = field(default_factory=dict)
    # one line each: paths that do not exist, unreadable files, checks that crashed (exit code 2)
    run_errors: list[str] = field(default_factory=list)
    # the rules that ran, by code, and the sources their references name: reporters that describe
    # rules (SARIF) take their metadata from here
    rules: dict[str, Rule] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)

    def source_line(self, filename: str, row: int) -> str:
        getter = self.line_getters.get(filename)
        return getter(row) if getter else ""

    @property
    def has_errors(self) -> bool:
        return any(d.severity == "error" for d in self.diagnostics)
