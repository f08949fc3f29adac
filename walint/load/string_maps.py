"""Where each decoded character of a string scalar sits in the file, for JSON strings and every YAML style.

Each mapper rebuilds the decoded string from the raw text the way the parser does, and returns None unless
the result equals the loaded value: a position is exact or it is not given (the caller then falls back).
"""

from __future__ import annotations

import bisect
import json
import re
from functools import cache

_BREAK = r"(?:\r\n|\r|\n)"
_BREAKS = re.compile(_BREAK)


class StringMap:
    """Decoded offsets to text offsets, as segments: a run copied unchanged, or a replacement (an escape, a
    folded line break) whose decoded characters all come from the whole raw piece."""

    __slots__ = ("_decoded_starts", "_segments", "_length", "_empty_at")

    def __init__(self, segments: list[tuple[int, int, int, bool]], length: int, empty_at: int) -> None:
        self._segments = segments  # (decoded start, raw start, raw end, is a run)
        self._decoded_starts = [segment[0] for segment in segments]
        self._length = length
        self._empty_at = empty_at  # where an empty string sits

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Text offsets of the decoded characters [start, end); start == end is an insertion point."""
        if start == end:
            if start < self._length:
                offset = self._char(start)[0]
            else:
                offset = self._char(self._length - 1)[1] if self._length else self._empty_at
            return offset, offset
        return self._char(start)[0], self._char(end - 1)[1]

    def _char(self, index: int) -> tuple[int, int]:
        segment = bisect.bisect_right(self._decoded_starts, index) - 1
        decoded_start, raw_start, raw_end, is_run = self._segments[segment]
        if is_run:
            offset = raw_start + index - decoded_start
            return offset, offset + 1
        return raw_start, raw_end


class _Builder:
    """Collects the decoded text and its segments while a mapper walks the raw text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.parts: list[str] = []
        self.segments: list[tuple[int, int, int, bool]] = []
        self.length = 0

    def copy(self, start: int, end: int) -> None:
        if start < end:
            self.segments.append((self.length, start, end, True))
            self.parts.append(self.text[start:end])
            self.length += end - start

    def replace(self, decoded: str, start: int, end: int) -> None:
        if decoded:
            self.segments.append((self.length, start, end, False))
            self.parts.append(decoded)
            self.length += len(decoded)

    def result(self, expected: str, empty_at: int) -> StringMap | None:
        if "".join(self.parts) != expected:
            return None
        return StringMap(self.segments, self.length, empty_at)


_JSON_ESCAPE = re.compile(r"\\(?:u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)")


def json_string_map(text: str, start: int, end: int, expected: str) -> StringMap | None:
    """The JSON string token text[start:end], quotes included; a surrogate pair escape is one character."""
    builder = _Builder(text)
    position = start + 1
    for escape in _JSON_ESCAPE.finditer(text, position, end - 1):
        builder.copy(position, escape.start())
        builder.replace(json.loads(f'"{escape.group()}"'), escape.start(), escape.end())
        position = escape.end()
    builder.copy(position, end - 1)
    return builder.result(expected, start + 1)


# The pieces of each flow scalar style, in the order libyaml's scanner tells them apart. A fold is a line
# break with the white space around it; the last alternative keeps every character inside some piece.
_FOLD = rf"(?P<fold>[ \t]*{_BREAK}[ \t\r\n]*)"
_FLOW_PIECES = {
    "": rf"{_FOLD}|(?P<text>[^ \t\r\n]+|[ \t]+|.)",
    "'": rf"(?P<quote>'')|{_FOLD}|(?P<text>[^' \t\r\n]+|[ \t]+|.)",
    '"': (
        rf"(?P<escaped_break>\\{_BREAK}[ \t\r\n]*)"  # the break and the next line's indentation vanish
        rf"|(?P<escape>\\(?:x[0-9A-Fa-f]{{2}}|u[0-9A-Fa-f]{{4}}|U[0-9A-Fa-f]{{8}}|.))"
        rf"|{_FOLD}|(?P<text>[^\\ \t\r\n]+|[ \t]+|.)"
    ),
}


@cache
def _flow_pieces(style: str) -> re.Pattern[str]:
    """Compiled on first use: most runs never map a position inside a string of every style."""
    return re.compile(_FLOW_PIECES[style], re.DOTALL)


_YAML_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r",
    "e": "\x1b", " ": " ", '"': '"', "/": "/", "'": "'", "\\": "\\", "N": "\x85", "_": "\xa0",
    "L": "\u2028", "P": "\u2029",
}  # fmt: skip


def yaml_flow_map(text: str, start: int, end: int, style: str, expected: str) -> StringMap | None:
    """A plain (style ""), single- (') or double-quoted (") scalar whose token is text[start:end]."""
    if style:
        start, end = start + 1, end - 1
    builder = _Builder(text)
    for piece in _flow_pieces(style).finditer(text, start, end):
        kind = piece.lastgroup
        if kind == "fold" or kind == "escaped_break":
            # A fold's first break becomes a space unless empty lines follow; each further break is one
            # newline. An escaped break itself becomes nothing.
            breaks = list(_BREAKS.finditer(piece.group()))
            if kind == "fold" and len(breaks) == 1:
                builder.replace(" ", piece.start(), piece.end())
            for extra in breaks[1:]:
                builder.replace("\n", piece.start() + extra.start(), piece.start() + extra.end())
        elif kind == "escape":
            builder.replace(_decode_yaml_escape(piece.group()), piece.start(), piece.end())
        elif kind == "quote":
            builder.replace("'", piece.start(), piece.end())
        else:
            builder.copy(piece.start(), piece.end())
    return builder.result(expected, start)


def _decode_yaml_escape(raw: str) -> str:
    if raw[1] in "xuU":
        return chr(int(raw[2:], 16))
    return _YAML_ESCAPES.get(raw[1], raw)


_BLOCK_HEADER = re.compile(
    rf"""(?P<style>[|>])
    (?:(?P<chomp>[+-])(?P<indent>[1-9])?|(?P<indent2>[1-9])(?P<chomp2>[+-])?)?
    [ \t]*(?:\#[^\r\n]*)?(?:{_BREAK}|\Z)""",
    re.VERBOSE,
)
_LINE = re.compile(rf"(?P<spaces> *)(?P<rest>[^\r\n]*)(?P<break>{_BREAK}?)")


class _Line:
    __slots__ = ("start", "spaces", "rest_start", "rest_end", "end")

    def __init__(self, match: re.Match) -> None:
        self.start = match.start()
        self.spaces = len(match["spaces"])
        self.rest_start, self.rest_end = match.span("rest")
        self.end = match.end()  # after the line break, if there is one

    def has_break(self) -> bool:
        return self.end > self.rest_end


def yaml_block_map(text: str, start: int, end: int, expected: str) -> StringMap | None:
    """A literal (|) or folded (>) block scalar whose token is text[start:end], header included.

    Follows libyaml's scan_block_scalar line by line: the break after a content line is kept (literal), or
    folded to a space between two lines that do not start with white space (folded); empty lines are
    newlines; chomping decides the final breaks. An explicit indentation indicator counts from a parent the
    token does not show, so then the indentation is read off the loaded value, and checked like the rest.
    """
    header = _BLOCK_HEADER.match(text, start, end)
    if header is None:
        return None
    folded = header["style"] == ">"
    chomping = header["chomp"] or header["chomp2"]
    lines = _block_lines(text, header.end(), end)
    explicit_indent = header["indent"] or header["indent2"]
    indent = _indent_from_value(lines, expected) if explicit_indent else _detected_indent(lines)
    if indent is None:
        return None

    builder = _Builder(text)
    leading_break: tuple[int, int] | None = None  # the break that ended the previous content line
    trailing_breaks: list[tuple[int, int]] = []  # the breaks of the empty lines since then
    leading_blank = False
    for line in lines:
        if line.rest_start == line.rest_end and line.spaces <= indent:
            if line.has_break():  # an empty line; without a break it is the indentation of what follows
                trailing_breaks.append((line.rest_end, line.end))
            continue
        if line.spaces < indent:
            return None  # the scalar ends above this line: not a token libyaml made
        content_start = line.start + indent  # spaces beyond the indentation are content
        trailing_blank = text[content_start] in " \t"
        if folded and leading_break and not leading_blank and not trailing_blank:
            if not trailing_breaks:
                builder.replace(" ", *leading_break)
        elif leading_break:
            builder.replace("\n", *leading_break)
        for empty_line in trailing_breaks:
            builder.replace("\n", *empty_line)
        trailing_breaks = []
        leading_blank = trailing_blank
        builder.copy(content_start, line.rest_end)
        leading_break = (line.rest_end, line.end) if line.has_break() else None
    if chomping != "-" and leading_break:
        builder.replace("\n", *leading_break)
    if chomping == "+":
        for empty_line in trailing_breaks:
            builder.replace("\n", *empty_line)
    return builder.result(expected, start)


def _block_lines(text: str, start: int, end: int) -> list[_Line]:
    lines = []
    position = start
    while position < end:
        line = _Line(_LINE.match(text, position, end))
        lines.append(line)
        position = line.end
    return lines


def _detected_indent(lines: list[_Line]) -> int:
    """libyaml's auto-detection: the deepest of the leading empty lines and the first content line."""
    deepest = 0
    for line in lines:
        deepest = max(deepest, line.spaces)
        if line.rest_start < line.rest_end:
            break
    return max(deepest, 1)


def _indent_from_value(lines: list[_Line], expected: str) -> int | None:
    """The indentation that makes the first line with text begin like the first line of the loaded value."""
    first_value_line = expected.lstrip("\n")
    value_spaces = len(first_value_line) - len(first_value_line.lstrip(" "))
    for line in lines:
        if line.rest_start < line.rest_end:
            return line.spaces - value_spaces if line.spaces >= value_spaces else None
    return 1
