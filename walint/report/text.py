"""`--format text`: `path:line:col: CODE [severity] message`, the source line with a caret
underline under the span, and a summary line. Colors only when asked (a TTY without NO_COLOR)."""

from __future__ import annotations

import unicodedata

from walint.diagnostics import Diagnostic, RunResult

_COLORS = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[36m", "bold": "\x1b[1m", "dim": "\x1b[2m", "reset": "\x1b[0m"}


def render(result: RunResult, color: bool = False) -> str:
    paint = _painter(color)
    out: list[str] = []
    for diagnostic in result.diagnostics:
        out.append(_headline(diagnostic, paint))
        out.extend(_snippet(diagnostic, result.source_line(diagnostic.filename, diagnostic.row), paint))
    out.append(summary(result, paint))
    return "\n".join(out) + "\n"


def _headline(d: Diagnostic, paint) -> str:
    return f"{paint('bold', f'{d.filename}:{d.row}:{d.column}:')} {paint(d.severity, d.code)} [{d.severity}] {d.message}"


def _snippet(d: Diagnostic, line: str, paint) -> list[str]:
    if not line and d.column <= 1:
        return []
    gutter = str(d.row)
    end = d.end_column if d.end_row == d.row else len(line) + 1
    start_index = min(d.column - 1, len(line))
    end_index = max(min(end - 1, len(line)), start_index + 1)
    # keep the tabs of the source so the carets line up in any terminal; count wide characters twice
    lead = "".join("\t" if char == "\t" else " " * _width(char) for char in line[:start_index])
    width = sum(_width(char) for char in line[start_index:end_index]) or 1
    return [
        f"{paint('dim', gutter + ' |')} {line}",
        f"{paint('dim', ' ' * len(gutter) + ' |')} {lead}{paint(d.severity, '^' * width)}",
    ]


def _width(char: str) -> int:
    if unicodedata.combining(char) or char in "\u200d\ufe0f":
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def _plain(_style: str, text: str) -> str:
    return text


def summary(result: RunResult, paint=_plain) -> str:
    counts = {"error": 0, "warning": 0, "info": 0}
    for d in result.diagnostics:
        counts[d.severity] += 1
    checked = f"{_plural(result.templates_checked, 'template')} in {_plural(result.files_checked, 'file')}"
    if not result.diagnostics:
        return paint("bold", f"All checks passed: {checked}.")
    found = ", ".join(_plural(n, kind) if kind != "info" else f"{n:,} info" for kind, n in counts.items() if n)
    return paint("bold", f"Found {found} in {checked}.")


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def _painter(color: bool):
    if not color:
        return _plain
    return lambda style, text: f"{_COLORS[style]}{text}{_COLORS['reset']}"
