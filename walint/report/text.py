"""`--format text`: `path:line:col: CODE [severity] message`, the source line with a caret
underline under the span, and a summary line. Colors only when asked (a TTY without NO_COLOR)."""

from __future__ import annotations

import re
import unicodedata

from walint.diagnostics import Diagnostic, RunResult

# A minified file is one long line and a string can be 30 MB: only this much of a line is shown around the span.
MAX_SHOWN = 200
SHOWN_BEFORE = 40
# Control characters from a file (ESC, BEL, a bare CR) would drive the terminal; they are shown as symbols.
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")

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
    place = f"{visible(d.filename)}:{d.row}:{d.column}:"
    return f"{paint('bold', place)} {paint(d.severity, d.code)} [{d.severity}] {visible(d.message)}"


def _snippet(d: Diagnostic, line: str, paint) -> list[str]:
    if not line and d.column <= 1:
        return []
    gutter = str(d.row)
    end = d.end_column if d.end_row == d.row else len(line) + 1
    start_index = min(d.column - 1, len(line))
    end_index = max(min(end - 1, len(line)), start_index + 1)
    line, start_index, end_index = _window(line, start_index, end_index)
    line = visible(line)
    # keep the tabs of the source so the carets line up in any terminal; count wide characters twice
    lead = "".join("\t" if char == "\t" else " " * _width(char) for char in line[:start_index])
    width = sum(_width(char) for char in line[start_index:end_index]) or 1
    return [
        f"{paint('dim', gutter + ' |')} {line}",
        f"{paint('dim', ' ' * len(gutter) + ' |')} {lead}{paint(d.severity, '^' * width)}",
    ]


def _window(line: str, start: int, end: int) -> tuple[str, int, int]:
    """The part of a long line around [start, end), cut ends marked with `…`; the span moves with it."""
    if len(line) <= MAX_SHOWN:
        return line, start, end
    first = max(0, start - SHOWN_BEFORE)
    last = min(len(line), first + MAX_SHOWN)
    lead = "…" if first > 0 else ""
    shown = lead + line[first:last] + ("…" if last < len(line) else "")
    shift = len(lead) - first
    return shown, start + shift, min(end, last) + shift


def visible(text: str) -> str:
    """Control characters as their Unicode symbols (ESC as ␛); C1 controls as U+FFFD."""
    return _CONTROL.sub(_symbol, text)


def _symbol(match: re.Match) -> str:
    code = ord(match.group())
    return chr(0x2400 + code) if code < 0x20 else "\u2421" if code == 0x7F else "\ufffd"


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
