"""JSON files: values from the C-accelerated json module, positions from JsonTree when asked."""

from __future__ import annotations

import json
from typing import Any

from walint.load.json_positions import JsonTree
from walint.load.source import LineIndex, LoadProblem

# Python's json module stops near its recursion limit (about 1,000 levels) with a RecursionError; the
# scanner uses the same figure to say where.
MAX_DEPTH = 1000


class _NotJson(Exception):
    """NaN, Infinity and -Infinity: Python reads them, JSON (and the Graph API) does not."""


def _reject_constant(name: str) -> Any:
    raise _NotJson(name)


def load_json(text: str, lines: LineIndex) -> tuple[list[Any], JsonTree | None, list[LoadProblem]]:
    """The one document, and the problems; no tree when nothing loaded."""
    tree = JsonTree(text, MAX_DEPTH)
    problems: list[LoadProblem] = []
    objects_with_duplicates = 0

    def object_from_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal objects_with_duplicates
        result = dict(pairs)  # the later of two equal keys wins, as in the Graph API
        if len(result) != len(pairs):
            objects_with_duplicates += 1
        return result

    options = {"object_pairs_hook": object_from_pairs, "parse_constant": _reject_constant}
    try:
        value, has_long_integers = _loads(text, options)
    except json.JSONDecodeError as error:
        message = "the file is empty" if not text.strip() else error.msg[0].lower() + error.msg[1:]
        where = lines.point(error.pos if text.strip() else 0)
        problems.append(LoadProblem("syntax", f"JSON syntax error: {message}", where))
        return [], None, problems
    except _NotJson as error:
        where = lines.point(tree.scan().stopped_at or 0)
        problems.append(LoadProblem("syntax", f"JSON syntax error: {error} is not a JSON value", where))
        return [], None, problems
    except RecursionError:
        where = lines.point(tree.scan().stopped_at or 0)
        message = f"JSON nested deeper than {MAX_DEPTH} levels; the file is not loaded"
        problems.append(LoadProblem("depth", message, where))
        return [], None, problems
    if has_long_integers:
        for start, end in tree.scan().long_integers:
            digits = end - start - (text[start] == "-")
            message = f"integer with {digits} digits is too long to read as a number; it is kept as text"
            problems.append(LoadProblem("number", message, lines.range(start, end)))
    if objects_with_duplicates:
        for key, later, earlier in tree.scan().duplicate_keys:
            message = f"duplicate key {key!r}: the later value wins"
            problems.append(LoadProblem("duplicate-key", message, lines.range(*later), lines.range(*earlier)))
    return [value], tree, problems


def _loads(text: str, options: dict[str, Any]) -> tuple[Any, bool]:
    """The value, and whether an integer was too long for int() (Python's guard against slow conversions)."""
    try:
        return json.loads(text, **options), False
    except json.JSONDecodeError:
        raise
    except ValueError:
        return json.loads(text, parse_int=_int_or_digits, **options), True


def _int_or_digits(digits: str) -> int | str:
    try:
        return int(digits)
    except ValueError:
        return digits
