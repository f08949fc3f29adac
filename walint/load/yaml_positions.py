"""Positions of YAML values, read off the composed node tree that the loader keeps."""

from __future__ import annotations

import re
from functools import partial

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from walint.load.source_map import Found
from walint.load.string_maps import StringMap, yaml_block_map, yaml_flow_map
from walint.load.yaml_values import node_span, own_key_table

# An anchor and a tag may stand before a scalar's token; the string maps start at the token.
_PROPERTIES = re.compile(r"(?:[!&][^ \t\r\n]*[ \t\r\n]+)*")


class YamlTree:
    """Looks paths up in the document roots; a mapping's key table is built on its first lookup."""

    def __init__(self, text: str, roots: list[Node], merged_key_tables: dict[int, dict]) -> None:
        self._text = text
        self._roots = roots
        self._key_tables = merged_key_tables  # by id(node): the nodes stay alive through the roots

    def find(self, path: tuple[str | int, ...]) -> Found | None:
        document = path[0]
        if type(document) is not int or not 0 <= document < len(self._roots):
            return None
        node, key = self._roots[document], None
        for step in path[1:]:
            if type(node) is MappingNode and type(step) is str:
                entry = self._key_table(node).get(step)
                if entry is None:
                    return None
                key, node = entry
            elif type(node) is SequenceNode and type(step) is int and 0 <= step < len(node.value):
                key, node = None, node.value[step]
            else:
                return None
        start, end = node_span(node, self._text)
        key_span = node_span(key, self._text) if key is not None else None
        if type(node) is not ScalarNode:
            return Found(start, end, key_span, None, start)
        token_start = _PROPERTIES.match(self._text, start, end).end()
        return Found(start, end, key_span, partial(self._string_map, node, token_start), token_start)

    def _key_table(self, node: MappingNode) -> dict[str, tuple[Node, Node]]:
        table = self._key_tables.get(id(node))
        if table is None:
            table = self._key_tables[id(node)] = own_key_table(node)
        return table

    def _string_map(self, node: ScalarNode, token_start: int, expected: str) -> StringMap | None:
        end = node.end_mark.index
        if node.style in ("|", ">"):
            return yaml_block_map(self._text, token_start, end, expected)
        return yaml_flow_map(self._text, token_start, end, node.style or "", expected)
