"""`--format json-lines`: one JSON object per line, with the keys of `--format json`; easy to stream."""

from __future__ import annotations

import json

from walint.diagnostics import RunResult
from walint.report.json import as_dict


def render(result: RunResult, color: bool = False) -> str:
    return "".join(json.dumps(as_dict(d), ensure_ascii=False) + "\n" for d in result.diagnostics)
