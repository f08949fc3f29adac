"""The text of a file and places in it: decoding bytes, and character offsets as line/column positions."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from walint.records import FrozenRecord, Record


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Position(FrozenRecord):
    """1-based line and column; the column counts code points, as the JSON output promises."""

    row: int
    column: int


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Range(FrozenRecord):
    """From start up to, not including, end."""

    start: Position
    end: Position


@dataclass(init=False, eq=False, repr=False)
class LoadProblem(Record):
    """Something in the file that kept (part of) it from loading; the engine turns it into a diagnostic."""

    kind: str  # "size" | "encoding" | "syntax" | "tag" | "alias" | "depth" | "number" | "duplicate-key" | "key"
    message: str
    range: Range
    related: Range | None = None


# The line breaks editors and the Language Server Protocol agree on; YAML's NEL/LS/PS are not among them.
_LINE_BREAK = re.compile(r"\r\n?|\n")


class LineIndex:
    """Turns character offsets of one text into positions; the line starts are found on first use only."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._line_starts: list[int] | None = None

    def _starts(self) -> list[int]:
        if self._line_starts is None:
            self._line_starts = [0, *(match.end() for match in _LINE_BREAK.finditer(self.text))]
        return self._line_starts

    def position(self, offset: int) -> Position:
        text = self.text
        offset = min(max(offset, 0), len(text))
        if 0 < offset < len(text) and text[offset] == "\n" and text[offset - 1] == "\r":
            offset -= 1  # inside a CRLF: the \r is not counted in any column, so this is the line's end
        starts = self._starts()
        row = bisect.bisect_right(starts, offset)
        return Position(row, offset - starts[row - 1] + 1)

    def range(self, start: int, end: int) -> Range:
        return Range(self.position(start), self.position(end))

    def point(self, offset: int) -> Range:
        """The character at offset, or an empty range where there is none (a line end, the end of the text)."""
        if offset < len(self.text) and self.text[offset] not in "\r\n":
            return self.range(offset, offset + 1)
        return self.range(offset, offset)

    def line_text(self, row: int) -> str:
        starts = self._starts()
        if not 1 <= row <= len(starts):
            return ""
        end = starts[row] if row < len(starts) else len(self.text)
        return self.text[starts[row - 1] : end].rstrip("\r\n")


_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode_source(data: bytes) -> tuple[str, LoadProblem | None]:
    """UTF-8 with an optional BOM (dropped, so positions count from after it); anything else is one problem."""
    if data.startswith(_UTF16_BOMS):
        problem = "not UTF-8 text: the file starts with a UTF-16 byte order mark; save it as UTF-8"
        return "", LoadProblem("encoding", problem, LineIndex("").point(0))
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM) :]
    nul = data.find(b"\x00")
    if nul >= 0:
        where = _byte_position(data, nul)
        message = f"binary file (NUL byte at line {where.start.row}, column {where.start.column})"
        return "", LoadProblem("encoding", message, where)
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        where = _byte_position(data, error.start)
        message = (
            f"not UTF-8 text: invalid byte 0x{data[error.start]:02x}"
            f" at line {where.start.row}, column {where.start.column}"
        )
        return "", LoadProblem("encoding", message, where)


def _byte_position(data: bytes, index: int) -> Range:
    """The one-character range of the byte at index, counted in the characters of the text before it."""
    before = data[:index].decode("utf-8", errors="replace")
    start = LineIndex(before).position(len(before))
    return Range(start, Position(start.row, start.column + 1))
