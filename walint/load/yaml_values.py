"""Plain values from a composed YAML node tree: built with a loop and a stack, never running a tag.

PyYAML's constructors recurse (deep documents crash them) and construct whatever a tag names; this
builder takes only the standard scalar types from SafeConstructor, reads any other tag as if it were not
there, and stops a document that nests too deep or whose aliases expand too far.
"""

from __future__ import annotations

import re
import sys
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from walint.load.source import LineIndex, LoadProblem

MAX_DEPTH = 1000
MAX_ALIAS_EXPANSION = 1_000_000  # values reached again through aliases or merges, per document

_STANDARD = "tag:yaml.org,2002:"
_STR, _NULL, _BOOL, _INT, _FLOAT, _MERGE = (
    _STANDARD + name for name in ("str", "null", "bool", "int", "float", "merge")
)
_KEPT_AS_TEXT = {_STANDARD + name for name in ("timestamp", "binary", "value", "merge")}
_SCALAR_TAGS = {_STR, _NULL, _BOOL, _INT, _FLOAT} | _KEPT_AS_TEXT
_SEQUENCE_TAGS = {_STANDARD + name for name in ("seq", "omap", "pairs")}
_MAPPING_TAGS = {_STANDARD + name for name in ("map", "set")}
_ALLOWED_TAGS = {ScalarNode: _SCALAR_TAGS, SequenceNode: _SEQUENCE_TAGS, MappingNode: _MAPPING_TAGS}
_KIND_NAMES = {ScalarNode: "scalar", SequenceNode: "sequence", MappingNode: "mapping"}
_ALL_STANDARD_TAGS = _SCALAR_TAGS | _SEQUENCE_TAGS | _MAPPING_TAGS

_TAG_TEXT = re.compile(r"(?:&[^ \t\r\n]+[ \t\r\n]+)?(![^ \t\r\n]*)")
_DECIMAL = re.compile(r"[-+]?[0-9_]+")


def node_span(node: Node, text: str) -> tuple[int, int]:
    """A node's offsets; block nodes end after the line breaks that close them, which are not theirs."""
    start, end = node.start_mark.index, node.end_mark.index
    while end > start and text[end - 1] in " \t\r\n":
        end -= 1
    return start, end


def own_key_table(node: MappingNode) -> dict[str, tuple[Node, Node]]:
    """The mapping's own entries by key text (the later of equal keys wins), merge keys aside."""
    return {
        key.value: (key, value)
        for key, value in node.value
        if type(key) is ScalarNode and key.tag != _MERGE
    }


class _DocumentDropped(Exception):
    pass


class _Built:
    __slots__ = ("value", "size", "height")

    def __init__(self, value: Any, size: int, height: int) -> None:
        self.value = value
        self.size = size  # values in it, counting those reached again through aliases
        self.height = height  # nesting levels in it


_IN_PROGRESS = _Built(None, 0, 0)  # a collection still being built: meeting it again means it contains itself


class _SequenceFrame:
    """A sequence being built; the stack holds one frame per open collection."""

    __slots__ = ("node", "value", "position", "size", "height")

    def __init__(self, node: SequenceNode) -> None:
        self.node = node
        self.value: list[Any] = []
        self.position = 0
        self.size = 1
        self.height = 0

    def next_child(self) -> Node | None:
        if self.position < len(self.node.value):
            self.position += 1
            return self.node.value[self.position - 1]
        return None

    def deliver(self, value: Any) -> None:
        self.value.append(value)

    def finish(self) -> list[Any]:
        return self.value


class _MappingFrame:
    """A mapping being built: keys are read as they come, the value of each waits on the stack."""

    __slots__ = (
        "node", "builder", "value", "position", "size", "height", "key", "key_node", "value_node", "merges"
    )

    def __init__(self, node: MappingNode, builder: DocumentBuilder) -> None:
        self.node = node
        self.builder = builder
        self.value: dict[str, Any] = {}
        self.position = 0
        self.size = 1
        self.height = 0
        self.key: str | None = None  # None: the value being built is merged in (<<)
        self.key_node: Node | None = None
        self.value_node: Node | None = None
        self.merges: list[tuple[Any, Node, Node]] = []  # (value, its node, the << key node)

    def next_child(self) -> Node | None:
        pairs = self.node.value
        while self.position < len(pairs):
            key_node, value_node = pairs[self.position]
            self.position += 1
            if type(key_node) is not ScalarNode:
                self.builder.report_collection_key(key_node)
                continue
            self.key_node, self.value_node = key_node, value_node
            self.key = None if key_node.tag == _MERGE else self.builder.key_text(key_node)
            return value_node
        return None

    def deliver(self, value: Any) -> None:
        if self.key is None:
            self.merges.append((value, self.value_node, self.key_node))
            return
        if self.key in self.value:
            self.builder.report_duplicate(self.node, self.key_node)
        self.value[self.key] = value

    def finish(self) -> dict[str, Any]:
        if not self.merges:
            return self.value
        return self.builder.merge(self.node, self.merges, self.value)


class DocumentBuilder:
    """Builds the documents of one file, reporting into problems; keeps what the source map needs."""

    def __init__(self, text: str, lines: LineIndex, problems: list[LoadProblem]) -> None:
        self.text = text
        self.lines = lines
        self.problems = problems
        # The entries of mappings that merge others in (<<), for the source map; others it reads itself.
        self.merged_key_tables: dict[int, dict[str, tuple[Node, Node]]] = {}
        self._constructor = yaml.constructor.SafeConstructor()
        self._resolver = yaml.resolver.Resolver()
        self._typed = {
            _BOOL: self._constructor.construct_yaml_bool,
            _INT: self._constructor.construct_yaml_int,
            _FLOAT: self._constructor.construct_yaml_float,
        }
        digit_limit = getattr(sys, "get_int_max_str_digits", lambda: 0)()
        self._too_long_integer = 10**digit_limit if digit_limit else None
        self._expanded = 0

    def build(self, root: Node) -> Any:
        """The document's value, or None when it had to be dropped (the problem says why)."""
        self._expanded = 0
        try:
            return self._build(root)
        except _DocumentDropped:
            return None

    def _build(self, root: Node) -> Any:
        if type(root) is ScalarNode:
            return self._scalar(root)
        built: dict[int, _Built] = {id(root): _IN_PROGRESS}  # collections by node: aliases share them
        stack = [self._open(root)]
        while True:
            frame = stack[-1]
            child = frame.next_child()
            while child is not None:
                if type(child) is ScalarNode:
                    frame.deliver(self._scalar(child))
                    frame.size += 1
                else:
                    done = built.get(id(child))
                    if done is None:
                        break
                    self._reuse(done, child, len(stack))
                    frame.deliver(done.value)
                    frame.size += done.size
                    frame.height = max(frame.height, done.height)
                child = frame.next_child()
            if child is not None:
                if len(stack) >= MAX_DEPTH:
                    message = f"YAML nested deeper than {MAX_DEPTH} levels; this document is not loaded"
                    self.report("depth", message, child)
                    raise _DocumentDropped
                built[id(child)] = _IN_PROGRESS
                stack.append(self._open(child))
                continue
            stack.pop()
            done = _Built(frame.finish(), frame.size, frame.height + 1)
            built[id(frame.node)] = done
            if not stack:
                return done.value
            parent = stack[-1]
            parent.deliver(done.value)
            parent.size += done.size
            parent.height = max(parent.height, done.height)

    def _reuse(self, done: _Built, node: Node, depth: int) -> None:
        """An alias: the value is shared, but whoever walks it later walks it again, so it is counted."""
        if done is _IN_PROGRESS:
            message = "a YAML alias refers to a collection that contains it; this document is not loaded"
            self.report("alias", message, node)
            raise _DocumentDropped
        self._count_expansion(done.size, node)
        if depth + done.height > MAX_DEPTH:
            message = f"YAML aliases nest deeper than {MAX_DEPTH} levels; this document is not loaded"
            self.report("depth", message, node)
            raise _DocumentDropped

    def _count_expansion(self, size: int, node: Node) -> None:
        self._expanded += size
        if self._expanded > MAX_ALIAS_EXPANSION:
            message = (
                f"YAML aliases expand to more than {MAX_ALIAS_EXPANSION:,} values (an alias bomb?);"
                " this document is not loaded"
            )
            self.report("alias", message, node)
            raise _DocumentDropped

    def _open(self, node: Node) -> _SequenceFrame | _MappingFrame:
        if node.tag not in _ALLOWED_TAGS[type(node)]:
            self._report_tag(node)
        return _SequenceFrame(node) if type(node) is SequenceNode else _MappingFrame(node, self)

    def _scalar(self, node: ScalarNode) -> Any:
        tag = node.tag
        if tag == _STR:
            return node.value
        if tag not in _SCALAR_TAGS:
            self._report_tag(node)
            tag = self._resolver.resolve(ScalarNode, node.value, (True, False)) if not node.style else _STR
        if tag == _NULL:
            return None
        if tag not in self._typed:
            return node.value
        try:
            value = self._typed[tag](node)
        except (ValueError, KeyError, IndexError):  # what SafeConstructor raises for text that does not fit
            if tag == _INT and _DECIMAL.fullmatch(node.value):
                return self._too_long(node)
            short = _short_tag(tag)
            self.report("tag", f"{node.value!r} is not a valid {short} value; it is read as text", node)
            return node.value
        if type(value) is int and self._too_long_integer and abs(value) >= self._too_long_integer:
            return self._too_long(node)
        return value

    def _too_long(self, node: ScalarNode) -> str:
        self.report("number", "integer too long to read as a number; it is kept as text", node)
        return node.value

    def key_text(self, node: ScalarNode) -> str:
        """A key is its text: `1:` and `yes:` are the keys "1" and "yes", as a template's fields are."""
        if node.tag not in _SCALAR_TAGS:
            self._report_tag(node)
        return node.value

    def merge(self, node: MappingNode, merges: list[tuple[Any, Node, Node]], own: dict[str, Any]) -> dict:
        """<< as SafeConstructor applies it: the mapping's own keys win, then earlier merged mappings."""
        result: dict[str, Any] = {}
        key_table: dict[str, tuple[Node, Node]] = {}
        for value, value_node, key_node in merges:
            if type(value) is dict:
                sources = [(value, value_node)]
            elif type(value) is list and all(type(item) is dict for item in value):
                sources = list(zip(value, value_node.value))[::-1]
            else:
                message = "the merge key << needs a mapping or a list of mappings; the entry is skipped"
                self.report("key", message, key_node)
                continue
            for source_value, source_node in sources:
                self._count_expansion(len(source_value), source_node)
                result.update(source_value)
                key_table.update(self.merged_key_tables.get(id(source_node)) or own_key_table(source_node))
        result.update(own)
        key_table.update(own_key_table(node))
        self.merged_key_tables[id(node)] = key_table
        return result

    def report(self, kind: str, message: str, node: Node, related: Node | None = None) -> None:
        where = self.lines.range(*node_span(node, self.text))
        also = self.lines.range(*node_span(related, self.text)) if related is not None else None
        self.problems.append(LoadProblem(kind, message, where, also))

    def report_collection_key(self, key: Node) -> None:
        start = key.start_mark.index
        if start > 0 and self.text.startswith("{{", start - 1):
            message = "YAML reads an unquoted {{ as a mapping, not as a placeholder: put the text in quotes"
        else:
            message = "a mapping key must be a single value, not a collection; the entry is skipped"
        self.report("key", message, key)

    def report_duplicate(self, mapping: MappingNode, later_key: ScalarNode) -> None:
        first_key = next(
            key
            for key, _ in mapping.value
            if type(key) is ScalarNode and key.tag != _MERGE and key.value == later_key.value
        )
        message = f"duplicate key {later_key.value!r}: the later value wins"
        self.report("duplicate-key", message, later_key, first_key)

    def _report_tag(self, node: Node) -> None:
        short = _short_tag(node.tag)
        if node.tag in _ALL_STANDARD_TAGS:
            kind = _KIND_NAMES[type(node)]
            message = f"the YAML tag {short} does not fit a {kind}; it is read as if it had no tag"
        else:
            message = f"unknown YAML tag {short}: walint reads the value as if it had no tag"
        tag = _TAG_TEXT.match(self.text, node.start_mark.index)
        start, end = tag.span(1) if tag else node_span(node, self.text)
        self.problems.append(LoadProblem("tag", message, self.lines.range(start, end)))


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_STANDARD) :] if tag.startswith(_STANDARD) else tag
