"""`--format concise`: one line per diagnostic, `path:line:col: CODE message`, for grep and editors'
error-format parsers; no source lines, no summary."""

from __future__ import annotations

from walint.diagnostics import RunResult


def render(result: RunResult, color: bool = False) -> str:
    return "".join(f"{d.filename}:{d.row}:{d.column}: {d.code} {d.message}\n" for d in result.diagnostics)
