"""One module per output format; each turns a RunResult into text for stdout."""

from __future__ import annotations

import importlib
from typing import Callable

from walint.diagnostics import RunResult

Reporter = Callable[[RunResult, bool], str]

# --format value -> module of this package
_MODULES = {
    "text": "text",
    "json": "json",
    "json-lines": "json_lines",
    "concise": "concise",
    "github": "github",
    "sarif": "sarif",
}
FORMATS = tuple(_MODULES)


def get_reporter(name: str) -> Reporter:
    """The reporter for a --format value; imported on demand so a run loads only the one it uses."""
    return importlib.import_module(f"{__name__}.{_MODULES[name]}").render
