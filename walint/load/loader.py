"""load_bytes: one file's bytes to plain values, a source map and the problems found on the way."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, Literal

from walint.load.collector import collector_paused
from walint.load.source import LineIndex, LoadProblem, decode_source
from walint.load.source_map import SourceMap
from walint.load.yaml_loader import load_yaml
from walint.records import Record

# Far above any file of templates (Meta's whole listing for an account is a few MB). A larger file is
# refused unread: readers take at most one byte more than this, so a huge file or an endless stream
# cannot exhaust memory.
MAX_FILE_BYTES = 64 * 1024 * 1024

_KIND_BY_SUFFIX = {".json": "json", ".yaml": "yaml", ".yml": "yaml"}
_LEADING_WHITE_SPACE = re.compile(r"\s*")
_NOWHERE = LineIndex("").point(0)


@dataclass(init=False, eq=False, repr=False)
class LoadedFile(Record):
    """A file's documents as plain values, where each value came from, and what went wrong."""
    filename: str
    text: str  # the decoded text (BOM removed); "" when it could not be decoded
    documents: list[Any]  # one value per document: dict / list / str / int / float / bool / None
    source_map: SourceMap
    problems: list[LoadProblem]
    kind: Literal["json", "yaml"] | None = None  # None: the bytes were not text


def load_bytes(data: bytes, filename: str, kind: Literal["json", "yaml"] | None = None) -> LoadedFile:
    """kind None: from the extension (.json / .yaml / .yml); otherwise sniffed (a leading { or [ is JSON)."""
    if len(data) > MAX_FILE_BYTES:
        message = f"file larger than {MAX_FILE_BYTES // 2**20} MB; walint does not read it"
        return LoadedFile(filename, "", [], SourceMap(LineIndex(""), [], None), [LoadProblem("size", message, _NOWHERE)])
    text, problem = decode_source(data)
    lines = LineIndex(text)
    if problem is not None:
        return LoadedFile(filename, text, [], SourceMap(lines, [], None), [problem])
    kind = kind or _KIND_BY_SUFFIX.get(PurePath(filename).suffix.lower()) or _sniffed_kind(text)
    with collector_paused():
        if kind == "json":
            from walint.load.json_loader import load_json  # here: a run of YAML files does not import it

            documents, tree, problems = load_json(text, lines)
        else:
            documents, tree, problems = load_yaml(text, lines)
    return LoadedFile(filename, text, documents, SourceMap(lines, documents, tree), problems, kind)


def _sniffed_kind(text: str) -> Literal["json", "yaml"]:
    first = _LEADING_WHITE_SPACE.match(text).end()
    return "json" if text[first : first + 1] in ("{", "[") else "yaml"
