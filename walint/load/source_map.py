"""From a path in the loaded values to where that value, its key, or a part of a string is in the file."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Protocol, Sequence

from walint.load.source import LineIndex, Range
from walint.load.string_maps import StringMap
from walint.records import FrozenRecord

Path = Sequence[str | int]  # (document index, key or list index, ...)


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Found(FrozenRecord):
    """What a format's tree knows about the node at a path, as text offsets."""

    start: int
    end: int
    key: tuple[int, int] | None  # the mapping key whose value this is
    map_string: Callable[[str], StringMap | None] | None  # for a string scalar: its decoded-to-raw map
    string_start: int  # where a string scalar's token starts: the fallback when the map cannot be built


class Tree(Protocol):
    def find(self, path: tuple[str | int, ...]) -> Found | None: ...


_NOT_FOUND = object()


class SourceMap:
    """Positions of values by path; the trees behind it do their work only when first asked."""

    def __init__(self, lines: LineIndex, documents: list[Any], tree: Tree | None) -> None:
        self._lines = lines
        self._documents = documents
        self._tree = tree
        self._string_maps: dict[tuple[str | int, ...], StringMap | None] = {}

    def node(self, path: Path) -> Range | None:
        """The value at path; a string's range includes its quotes or block indicator."""
        found = self._find(_steps(path))
        return None if found is None else self._lines.range(found.start, found.end)

    def key(self, path: Path) -> Range | None:
        """The mapping key whose value is at path."""
        found = self._find(_steps(path))
        if found is None or found.key is None:
            return None
        return self._lines.range(*found.key)

    def text(self, path: Path, start: int, end: int) -> Range | None:
        """Where the decoded characters [start, end) of the string at path are; start == end is allowed."""
        steps = _steps(path)
        found = self._find(steps)
        value = _value_at(self._documents, steps) if found is not None else _NOT_FOUND
        if found is None or value is _NOT_FOUND:
            return None
        if not isinstance(value, str) or found.map_string is None:
            return self._lines.range(found.start, found.end)
        if not 0 <= start <= end <= len(value):
            return None
        if steps not in self._string_maps:
            self._string_maps[steps] = _string_map(found.map_string, value)
        string_map = self._string_maps[steps]
        if string_map is None:
            return self._lines.range(found.string_start, found.string_start)
        return self._lines.range(*string_map.span(start, end))

    def line_text(self, row: int) -> str:
        """The source line without its line break; "" if there is no such line."""
        return self._lines.line_text(row)

    def _find(self, steps: tuple[str | int, ...]) -> Found | None:
        if self._tree is None or not steps:
            return None
        return self._tree.find(steps)


def _steps(path: Path) -> tuple[str | int, ...]:
    """The path as a tuple, or () when it holds anything but keys and list indexes."""
    steps = tuple(path)
    if all(type(step) is str or type(step) is int for step in steps):
        return steps
    return ()


def _value_at(documents: list[Any], steps: tuple[str | int, ...]) -> Any:
    value: Any = documents
    for step in steps:
        if isinstance(value, dict) and type(step) is str and step in value:
            value = value[step]
        elif isinstance(value, list) and type(step) is int and 0 <= step < len(value):
            value = value[step]
        else:
            return _NOT_FOUND
    return value


def _string_map(map_string: Callable[[str], StringMap | None], value: str) -> StringMap | None:
    try:
        return map_string(value)
    except Exception:  # noqa: BLE001 - a layout the mapper did not foresee falls back; it never fails a lint run
        return None
