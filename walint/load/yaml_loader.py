"""YAML files: libyaml composes the node tree, DocumentBuilder makes the values, the tree gives positions.

libyaml's composer recurses in C: about 22,000 nested collections overflow an 8 MB stack and the
interpreter dies with a segfault, no exception to catch. So a text is composed only when a cheap bound
says it cannot nest deeper than SAFE_COMPOSE_DEPTH; otherwise libyaml's parser (a loop, no recursion)
first measures the nesting, and composing stops before the first document that is too deep.
"""

from __future__ import annotations

import re
from itertools import islice
from typing import Any, Iterator, NamedTuple

import yaml
from yaml.events import CollectionEndEvent, CollectionStartEvent, DocumentStartEvent

from walint.load.source import LineIndex, LoadProblem
from walint.load.yaml_positions import YamlTree
from walint.load.yaml_values import MAX_DEPTH, DocumentBuilder

_WITH_LIBYAML = yaml.__with_libyaml__
_Loader = yaml.CSafeLoader if _WITH_LIBYAML else yaml.SafeLoader

SAFE_COMPOSE_DEPTH = 2000  # about 800 KB of C stack in libyaml's composer

# `{{1}}` opens two braces that close again at once: in a template they are placeholders, not nesting.
_PLACEHOLDER = re.compile(r"\{\{ *\w+ *\}\}")


class _TooDeep(NamedTuple):
    document: int  # its index in the stream
    offset: int  # where its first collection past MAX_DEPTH starts


def load_yaml(text: str, lines: LineIndex) -> tuple[list[Any], YamlTree, list[LoadProblem]]:
    """One value per document of the stream; those before a syntax error are kept."""
    problems: list[LoadProblem] = []
    too_deep = _first_too_deep_collection(text) if _may_nest_deeper_than(SAFE_COMPOSE_DEPTH, text) else None
    roots: list[Any] = []
    composer_failed = False
    try:
        # islice never asks for the document that is too deep: composing it is what would crash
        roots.extend(islice(_composed_documents(text), too_deep.document if too_deep else None))
    except yaml.MarkedYAMLError as error:
        problems.append(_syntax_problem(error, lines))
    except yaml.reader.ReaderError as error:
        problems.append(_reader_problem(error, text, lines))
    except RecursionError:  # the pure-Python composer, used without libyaml, recurses in Python
        message = "YAML nested deeper than this Python can compose; this document and the rest are not loaded"
        problems.append(LoadProblem("depth", message, lines.point(0)))
        composer_failed = True

    builder = DocumentBuilder(text, lines, problems)
    documents = [builder.build(root) for root in roots]
    if composer_failed:
        documents.append(None)
    if too_deep is not None and len(roots) == too_deep.document:
        message = f"YAML nested deeper than {MAX_DEPTH} levels; this document and the rest are not loaded"
        problems.append(LoadProblem("depth", message, lines.point(too_deep.offset)))
        documents.append(None)
    if not documents and not problems:
        documents.append(None)  # no document at all (empty, or only comments) reads as one empty document
    return documents, YamlTree(text, roots, builder.merged_key_tables), problems


def _composed_documents(text: str) -> Iterator[Any]:
    """The root node of each document, composed when asked for."""
    loader = _Loader(text)  # PyYAML's own reader checks every character here already
    try:
        while loader.check_node():
            yield loader.get_node()
    finally:
        loader.dispose()


def _may_nest_deeper_than(depth: int, text: str) -> bool:
    """A cheap upper bound on the nesting, in C-speed string scans; rarely above depth for real files.

    Flow collections nest at most once per [ or { (less the placeholders); block collections open at
    strictly increasing columns, at most two per column (a mapping and a sequence at the same indent).
    Those columns end a line's prefix of indentation and indicators (`- - key:`), except that a tag or
    an anchor before the key moves one of them further right (`- !t key:`): one more per line.
    """
    flow = text.count("[") + text.count("{") - 2 * len(_PLACEHOLDER.findall(text)) + 2
    longest_allowed_prefix = (depth - flow) // 2 - 2
    if longest_allowed_prefix < 0:
        return True
    return _has_line_prefix_longer_than(longest_allowed_prefix, text)


def _has_line_prefix_longer_than(length: int, text: str) -> bool:
    prefix = rf"[ \t?:\-]{{{length + 1}}}"
    line_breaks = "\n"  # a literal first character makes the search fast
    if text.count("\r") != text.count("\r\n") or any(character in text for character in "\x85\u2028\u2029"):
        line_breaks = "[\r\n\x85\u2028\u2029]"  # every line break libyaml knows
    return re.match(prefix, text) is not None or re.search(line_breaks + prefix, text) is not None


def _first_too_deep_collection(text: str) -> _TooDeep | None:
    """The first collection nested deeper than MAX_DEPTH, found from libyaml's parser events."""
    document, depth = -1, 0
    parser = None
    try:
        parser = _Loader(text)
        while parser.check_event():
            event = parser.get_event()
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return _TooDeep(document, event.start_mark.index)
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
            elif isinstance(event, DocumentStartEvent):
                document += 1
    except yaml.YAMLError:
        pass  # composing meets the same error at the same place, and reports it
    finally:
        if parser is not None:
            parser.dispose()
    return None


def _syntax_problem(error: yaml.MarkedYAMLError, lines: LineIndex) -> LoadProblem:
    mark = error.problem_mark or error.context_mark
    message = error.problem or error.context or "not valid YAML"
    related = None
    if error.problem and error.context:
        if error.context_mark is not None:
            related = lines.point(error.context_mark.index)
            where = related.start
            message += f" ({error.context} at line {where.row}, column {where.column})"
        else:
            message += f" ({error.context})"
    where = lines.point(mark.index if mark else 0)
    if "nesting depth" in message:  # newer libyaml (PyYAML 6.0.4 wheels) refuses deep nesting itself
        return LoadProblem("depth", f"nesting deeper than walint reads: {message}", where, related)
    return LoadProblem("syntax", f"YAML syntax error: {message}", where, related)


def _reader_problem(error: yaml.reader.ReaderError, text: str, lines: LineIndex) -> LoadProblem:
    """A character YAML does not allow; libyaml gives its offset in UTF-8 bytes, PyYAML in characters."""
    offset = error.position
    if _WITH_LIBYAML:
        offset = len(text.encode("utf-8")[:offset].decode("utf-8", errors="ignore"))
    message = f"YAML syntax error: {error.reason} (U+{error.character:04X})"
    return LoadProblem("syntax", message, lines.point(offset))
