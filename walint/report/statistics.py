"""`--statistics`: how many diagnostics each rule gave, most frequent first, instead of the list."""

from __future__ import annotations

import json
from collections import Counter

from walint.diagnostics import RunResult


def render(result: RunResult, as_json: bool = False) -> str:
    counts = Counter((d.code, d.name) for d in result.diagnostics)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0][0]))
    if as_json:
        return json.dumps([{"code": code, "name": name, "count": count} for (code, name), count in rows], indent=2) + "\n"
    if not rows:
        return ""
    width = len(str(rows[0][1]))
    return "".join(f"{count:>{width}}  {code}  {name}\n" for (code, name), count in rows)
