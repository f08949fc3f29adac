"""Inline suppressions in YAML comments, applied to one file's diagnostics after the rules ran.

    text: "Hi {1}"   # walint: ignore[WA401]         the diagnostics of this line
    # walint: ignore[placeholders, WA3]              alone on a line: the diagnostics of the next line
    # walint: ignore-file[WA101]                     anywhere: the whole file

Each entry is a code, a code prefix or a rule name. A diagnostic inside a string that spans several lines
(a block scalar `text: |`) is also covered by a suppression of the line where that string starts, since
a comment inside the string would be part of the text. An entry that suppresses nothing is reported
back so the engine can say so (rule unused-suppression); JSON has no comments, so JSON files are left
to `per-file-ignores`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

import yaml

from walint.diagnostics import Diagnostic
from walint.records import FrozenRecord, Record

_COMMENT = re.compile(r"(?:^|(?<=\s))#\s*walint:\s*(?P<kind>ignore-file|ignore)\[(?P<entries>[^\]\n]*)\]")
_ENTRY = re.compile(r"[^,\s]+")
# lines as the loader counts them (walint.load.source): \r\n, \r or \n end a line
_LINE = re.compile(r"(?P<text>[^\r\n]*)(?:\r\n|\r|\n|\Z)")


@dataclass(slots=True, eq=False, repr=False)
class Entry(Record):
    """One code, prefix or name inside the brackets, with its place (for the unused report)."""

    pattern: str
    row: int
    column: int
    used: bool = False

    @property
    def end_column(self) -> int:
        return self.column + len(self.pattern)


@dataclass(slots=True, eq=False, repr=False)
class Suppression(Record):
    """One `# walint: ignore[...]` comment: the lines it covers and its entries."""
    rows: frozenset[int]  # the lines it covers; empty for ignore-file
    whole_file: bool
    entries: list[Entry] = field(default_factory=list)

    def covers(self, rows: set[int]) -> bool:
        return self.whole_file or bool(self.rows & rows)


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Unused(FrozenRecord):
    """An entry of a suppression comment that suppressed nothing."""
    row: int
    column: int
    end_column: int
    pattern: str
    known: bool  # False: the entry names no rule at all


def names_rule_of(diagnostic: Diagnostic, pattern: str) -> bool:
    """An entry is a code, a code prefix or a rule name, as in --select."""
    return diagnostic.code.startswith(pattern.upper()) or diagnostic.name == pattern.lower()


def apply_suppressions(
    text: str,
    diagnostics: list[Diagnostic],
    judged: Callable[[str], bool | None],
) -> tuple[list[Diagnostic], list[Unused]]:
    """The diagnostics of one YAML file that no comment suppresses, and the entries that suppressed
    nothing. `judged(entry)` is True when the entry names a rule that ran (so an unused entry is
    stale), False when it names no rule at all, None when its rules did not run (nothing to say)."""
    if "walint:" not in text:
        return diagnostics, []
    suppressions, continued = _parse(text)
    if not suppressions:
        return diagnostics, []
    kept = []
    for diagnostic in diagnostics:
        rows = {diagnostic.row, continued.get(diagnostic.row, diagnostic.row)}
        hits = [e for s in suppressions if s.covers(rows) for e in s.entries if names_rule_of(diagnostic, e.pattern)]
        for entry in hits:
            entry.used = True
        if not hits:
            kept.append(diagnostic)
    unused = []
    for entry in (e for s in suppressions for e in s.entries if not e.used):
        verdict = judged(entry.pattern)
        if verdict is not None:
            unused.append(Unused(entry.row, entry.column, entry.end_column, entry.pattern, verdict))
    return kept, unused


def _parse(text: str) -> tuple[list[Suppression], dict[int, int]]:
    """The suppression comments of a YAML text, and for each continuation line of a multi-line
    string the line where that string starts."""
    strings, continued = _string_spans(text)
    suppressions = []
    for row, found_line in enumerate(_LINE.finditer(text), start=1):
        line, offset = found_line["text"], found_line.start()
        for match in _COMMENT.finditer(line):
            if any(start <= offset + match.start() < end for start, end in strings):
                continue  # `# walint:` inside a string is text, not a comment
            alone = not line[: match.start()].strip()
            whole_file = match["kind"] == "ignore-file"
            target = row + 1 if alone else row
            rows = frozenset() if whole_file else frozenset({target})
            entries = [
                Entry(found.group(), row, match.start("entries") + found.start() + 1)
                for found in _ENTRY.finditer(match["entries"])
            ]
            suppressions.append(Suppression(rows, whole_file, entries))
    return suppressions, continued


def _string_spans(text: str) -> tuple[list[tuple[int, int]], dict[int, int]]:
    """Character ranges of the scalars (where a `#` is text) and the start line of each continuation
    line of a multi-line scalar. A file the scanner cannot read to the end keeps what it read."""
    spans: list[tuple[int, int]] = []
    continued: dict[int, int] = {}
    scanner = None
    try:
        scanner = yaml.SafeLoader(text)
        while scanner.check_token():
            token = scanner.get_token()
            if not isinstance(token, yaml.ScalarToken):
                continue
            start, end = token.start_mark, token.end_mark
            if token.style in ("|", ">"):
                # a comment may follow the block indicator; the text starts on the next line
                spans.append((text.find("\n", start.index) + 1 or end.index, end.index))
            else:
                spans.append((start.index, end.index))
            last_row = end.line + 1 if end.column > 0 else end.line
            for row in range(start.line + 2, last_row + 1):
                continued[row] = start.line + 1
    except yaml.YAMLError:
        pass
    finally:
        if scanner is not None:
            scanner.dispose()
    return spans, continued

