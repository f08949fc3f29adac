"""The parser's invariants, for any string: never raises, lossless, contiguous spans, exact texts."""

from hypothesis import given, settings
from hypothesis import strategies as st

from walint.ast import Formatted, MalformedPlaceholder, Placeholder, Text
from walint.syntax import parse_text

MARKERS = {"bold": "*", "italic": "_", "strike": "~", "mono": "```"}

# Pieces that exercise the grammar's edges: braces, markers, line breaks, URL starts, emoji parts.
PIECES = ["{", "}", "{{", "}}", "*", "_", "~", "`", "```", " ", "\t", "\n", "\r", "\r\n", "1", "a", "#", ".",
          "{{1}}", "{{a}}", "https://", "www.", "👍", "🏽", "\u200d", "\ufe0f", "\u20e3", "🇫", "❤", "©"]
interesting_text = st.lists(st.sampled_from(PIECES) | st.characters(), max_size=40).map("".join)
any_text = st.text() | interesting_text


def check_contiguous(nodes, start, end):
    position = start
    for node in nodes:
        assert node.span.start == position
        position = node.span.end
    assert position == end


def check_node(source, node):
    assert node.text == source[node.span.start : node.span.end]
    if isinstance(node, Formatted):
        marker = MARKERS[node.style]
        assert node.text.startswith(marker) and node.text.endswith(marker)
        assert node.children, "a formatted run is never empty"
        check_contiguous(node.children, node.span.start + len(marker), node.span.end - len(marker))
        check_no_adjacent_text(node.children)
        for child in node.children:
            check_node(source, child)


def check_no_adjacent_text(nodes):
    for left, right in zip(nodes, nodes[1:]):
        assert not (isinstance(left, Text) and isinstance(right, Text)), "neighbouring Text nodes are merged"


def marker_positions(nodes):
    """The code points taken by the markers of every Formatted node."""
    for node in nodes:
        if isinstance(node, Formatted):
            width = len(MARKERS[node.style])
            yield from range(node.span.start, node.span.start + width)
            yield from range(node.span.end - width, node.span.end)
            yield from marker_positions(node.children)


@settings(max_examples=300)
@given(any_text)
def test_invariants(source):
    parsed = parse_text(source)
    assert parsed.source == source
    assert "".join(node.text for node in parsed.nodes) == source
    check_contiguous(parsed.nodes, 0, len(source))
    check_no_adjacent_text(parsed.nodes)
    for node in parsed.nodes:
        check_node(source, node)

    leaves = list(parsed.leaves())
    covered = [position for leaf in leaves for position in range(leaf.span.start, leaf.span.end)]
    assert covered == sorted(covered), "leaves come in source order"
    assert sorted(covered + list(marker_positions(parsed.nodes))) == list(range(len(source)))


brace_free_text = st.lists(
    st.sampled_from([piece for piece in PIECES if not {"{", "}"} & set(piece)])
    | st.characters(exclude_characters="{}"),
    max_size=20,
).map("".join)


@settings(max_examples=300)
@given(brace_free_text, brace_free_text)
def test_placeholder_survives_any_surroundings(before, after):
    parsed = parse_text(before + "{{7}}" + after)
    assert [(node.text, node.span.start, node.number) for node in parsed.placeholders()] == [("{{7}}", len(before), 7)]
    assert parsed.malformed() == []


@settings(max_examples=300)
@given(brace_free_text)
def test_no_braces_no_placeholders(source):
    parsed = parse_text(source)
    assert not [leaf for leaf in parsed.leaves() if isinstance(leaf, (Placeholder, MalformedPlaceholder))]
