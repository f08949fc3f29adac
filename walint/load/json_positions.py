"""Positions of the values in a JSON text, from a small iterative scanner run only when a position is asked.

json.loads gives the values fast but no positions; this scanner walks the same text again token by token
(with a loop and a stack, so any nesting depth is fine) and records where every value and key is.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from functools import partial

from walint.load.collector import collector_paused
from walint.load.source_map import Found
from walint.load.string_maps import json_string_map
from walint.records import Record

# Separators are skipped with the white space: json.loads has checked them already.
_TOKEN = re.compile(
    r"""[ \t\n\r,:]*(?:
    (?P<string>"[^"\\]*(?:\\.[^"\\]*)*")
    |(?P<open>[\[{])
    |(?P<close>[\]}])
    |(?P<number>-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)
    |(?P<literal>true|false|null)
    )""",
    re.VERBOSE,
)
_SKIPPED = re.compile(r"[ \t\n\r,:]*")


class JsonNode:
    """A value's token span; an object maps each key to (key start, key end, node), an array lists nodes."""

    __slots__ = ("start", "end", "children")

    def __init__(self, start: int, end: int, children: dict | list | None) -> None:
        self.start = start
        self.end = end
        self.children = children


@dataclass(init=False, eq=False, repr=False)
class JsonScan(Record):
    """What the position scanner learned of a JSON file: its nodes, duplicate keys, long integers."""
    root: JsonNode | None = None
    duplicate_keys: list[tuple[str, tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    long_integers: list[tuple[int, int]] = field(default_factory=list)  # longer than int() converts
    stopped_at: int | None = None  # where the scan gave up: a token it does not know, or too deep


def scan_json(text: str, max_depth: int) -> JsonScan:
    """Scans a text json.loads accepted (or that failed only on depth, NaN or long integers)."""
    scan = JsonScan()
    digit_limit = getattr(sys, "get_int_max_str_digits", lambda: 0)()
    open_nodes: list[JsonNode] = []
    pending_keys: list[tuple[str, int, int] | None] = []  # per open object: the key awaiting its value
    position = 0
    while True:
        token = _TOKEN.match(text, position)
        if token is None:
            scan.stopped_at = _SKIPPED.match(text, position).end()
            return scan
        kind = token.lastgroup
        start, position = token.start(kind), token.end()
        if kind == "close":
            open_nodes.pop().end = position
            pending_keys.pop()
            if not open_nodes:
                return scan
            continue
        parent = open_nodes[-1] if open_nodes else None
        if kind == "string" and parent is not None and type(parent.children) is dict and pending_keys[-1] is None:
            pending_keys[-1] = (_decode_key(token.group(kind)), start, position)
            continue
        if kind == "number" and digit_limit and position - start > digit_limit:
            if not any(character in token.group(kind) for character in ".eE"):
                scan.long_integers.append((start, position))
        node = JsonNode(start, position, None)
        if kind == "open":
            if len(open_nodes) >= max_depth:
                scan.stopped_at = start
                return scan
            node.children = {} if text[start] == "{" else []
        if parent is None:
            scan.root = node
        elif type(parent.children) is list:
            parent.children.append(node)
        else:
            key, key_start, key_end = pending_keys[-1]
            earlier = parent.children.get(key)
            if earlier is not None:
                scan.duplicate_keys.append((key, (key_start, key_end), (earlier[0], earlier[1])))
            parent.children[key] = (key_start, key_end, node)
            pending_keys[-1] = None
        if kind == "open":
            open_nodes.append(node)
            pending_keys.append(None)
        elif parent is None:
            return scan


def _decode_key(token: str) -> str:
    return json.loads(token) if "\\" in token else token[1:-1]


class JsonTree:
    """The source map's view of one JSON text; scans it on the first question."""

    def __init__(self, text: str, max_depth: int) -> None:
        self._text = text
        self._max_depth = max_depth
        self._scan: JsonScan | None = None

    def scan(self) -> JsonScan:
        if self._scan is None:
            with collector_paused():
                self._scan = scan_json(self._text, self._max_depth)
        return self._scan

    def find(self, path: tuple[str | int, ...]) -> Found | None:
        node = self.scan().root
        if node is None or path[0] != 0:
            return None
        key = None
        for step in path[1:]:
            children = node.children
            if type(children) is dict and type(step) is str and step in children:
                key_start, key_end, node = children[step]
                key = (key_start, key_end)
            elif type(children) is list and type(step) is int and 0 <= step < len(children):
                node, key = children[step], None
            else:
                return None
        is_string = self._text[node.start] == '"'
        map_string = partial(json_string_map, self._text, node.start, node.end) if is_string else None
        return Found(node.start, node.end, key, map_string, node.start)
