"""The cheap tests that let two content checks skip a text never skip one the full check would report."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from walint.checks import content

PIECES = ["FREE", "NOW", "OK", "A-B-C", "DON'T", "Sale", "sale", "bit.ly/x", "BIT.LY/Y", "t.co", "T.CO/z", "goo.gl",
          "é", "ÉTÉ", "K", "\u212a", "İ", "ı", "ſ", "2024", "{{1}}", "!", ".", "-", "'", "\u2019", "https://", "www."]
texts = st.lists(st.sampled_from(PIECES) | st.text(max_size=4), max_size=25).map(" ".join) | st.text(max_size=60)


@settings(max_examples=400, deadline=None)
@given(texts, st.integers(min_value=1, max_value=4), st.integers(min_value=0, max_value=3))
def test_a_text_with_too_many_shouted_words_is_never_skipped(text, min_letters, max_words) -> None:
    shouted = [m for m in content._WORD.finditer(text) if content._is_shouted(m.group(), min_letters, set())]
    if len(shouted) > max_words:
        assert content._may_shout(text, (max_words + 1) * min_letters)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_a_text_with_a_shortened_link_is_never_skipped(text) -> None:
    domains = ["bit.ly", "t.co", "goo.gl", "tinyurl.com"]
    if content._shortener_pattern(tuple(domains)).search(text):
        assert content._may_link(text, domains)


def test_the_cheap_tests_do_skip_plain_texts() -> None:
    assert not content._may_shout("Hello Ana, your order has shipped.", 9)
    assert not content._may_shout("Olá Ana, seu pedido já foi enviado para você.", 9)
    assert not content._may_link("Track it at example.com/orders", ["bit.ly", "t.co"])
