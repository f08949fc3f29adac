"""`--format json`: the stable machine interface that editors and CI parse (see design.md)."""

from __future__ import annotations

import json

from walint.diagnostics import Diagnostic, Fix, RunResult


def render(result: RunResult, color: bool = False) -> str:
    return json.dumps([as_dict(d) for d in result.diagnostics], indent=2, ensure_ascii=False) + "\n"


def as_dict(diagnostic: Diagnostic) -> dict:
    return {
        "filename": diagnostic.filename,
        "template": diagnostic.template,
        "code": diagnostic.code,
        "name": diagnostic.name,
        "severity": diagnostic.severity,
        "message": diagnostic.message,
        "location": {"row": diagnostic.row, "column": diagnostic.column},
        "end_location": {"row": diagnostic.end_row, "column": diagnostic.end_column},
        "url": diagnostic.url,
        "fix": _fix(diagnostic.fix),
    }


def _fix(fix: Fix | None) -> dict | None:
    if fix is None:
        return None
    return {
        "message": fix.message,
        "edits": [
            {
                "content": edit.content,
                "location": {"row": edit.row, "column": edit.column},
                "end_location": {"row": edit.end_row, "column": edit.end_column},
            }
            for edit in fix.edits
        ],
    }
