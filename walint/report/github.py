"""`--format github`: GitHub Actions workflow commands, which GitHub shows as annotations on the
pull request's changed files: `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`."""

from __future__ import annotations

from walint.diagnostics import Diagnostic, RunResult

_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def render(result: RunResult, color: bool = False) -> str:
    return "".join(annotation(d) + "\n" for d in result.diagnostics)


def annotation(d: Diagnostic) -> str:
    properties = {
        "file": d.filename,
        "line": d.row,
        "col": d.column,
        "endLine": d.end_row,
        "endColumn": d.end_column,
        "title": f"{d.code} {d.name}",
    }
    listed = ",".join(f"{key}={_escape_property(str(value))}" for key, value in properties.items())
    return f"::{_COMMAND[d.severity]} {listed}::{_escape_data(d.message)}"


def _escape_data(text: str) -> str:
    """As the Actions runner unescapes a command's message (actions/toolkit, command.ts)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
