"""One module per output format; each turns a RunResult into text for stdout."""

from __future__ import annotations

from typing import Callable

from walint.diagnostics import RunResult

Reporter = Callable[[RunResult, bool], str]


def get_reporter(name: str) -> Reporter:
    """The reporter for a --format value; imported on demand so a run loads only the one it uses."""
    if name == "json":
        from walint.report.json import render
    elif name == "text":
        from walint.report.text import render
    else:
        raise KeyError(name)
    return render


FORMATS = ("text", "json")
