"""variable_ratio counts words with a regex, over the text with its placeholders taken out: it gives
what the definition gives (placeholders blanked character by character, tokens tested one by one)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from walint.checks.variables import _without_placeholders, count_words
from walint.syntax import parse_text

PIECES = ["word", "Ana,", ",", "-", "_", "__", "a_b", "...", "{{1}}", "{{2}}", "{{name}}", "{{ 1 }}", "{1}", "Rs!", "$25.00",
          "10:30", "é", "²", "½", "٣", "🛍️", "—", " ", "  ", "\n", "\t", "\x1c", "\x1f", "\x0b", "\x85", "\u00a0", "\u3000"]
texts = st.lists(st.sampled_from(PIECES) | st.text(max_size=3), max_size=20).map("".join) | st.text(max_size=40)


def by_definition(text: str) -> int:
    return sum(1 for token in text.split() if any(char.isalnum() for char in token))


@settings(max_examples=500, deadline=None)
@given(texts)
def test_words_are_counted_as_the_definition_says(text) -> None:
    assert count_words(text) == by_definition(text)


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(max_codepoint=127), max_size=40))
def test_ascii_words_are_counted_as_the_definition_says(text) -> None:
    assert count_words(text) == by_definition(text)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_a_placeholder_taken_out_leaves_the_words_around_it(text) -> None:
    placeholders = parse_text(text).placeholders()
    blanked = list(text)
    for node in placeholders:
        blanked[node.span.start : node.span.end] = " " * (node.span.end - node.span.start)
    assert count_words(_without_placeholders(text, placeholders)) == by_definition("".join(blanked))
