"""The cheap tests that let two content checks skip a text never skip one the full check would report."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from walint.checks import content

PIECES = ["FREE", "NOW", "OK", "A-B-C", "DON'T", "Sale", "sale", "bit.ly/x", "BIT.LY/Y", "t.co", "T.CO/z", "goo.gl",
          "é", "ÉTÉ", "K", "\u212a", "İ", "ı", "ſ", "2024", "{{1}}", "!", ".", "-", "'", "\u2019", "https://", "www.",
          "3.50", "a.", ".b"]
texts = st.lists(st.sampled_from(PIECES) | st.text(max_size=4), max_size=25).map(" ".join) | st.text(max_size=60)
# what the `domains` option accepts, often with the labels a prefilter could mishandle: one character
# long, or a hyphen next to a dot
labels = st.sampled_from(["a", "1", "-", "b-", "-c"]) | st.from_regex(r"[a-z0-9-]{1,4}", fullmatch=True)
domains = st.lists(labels, min_size=2, max_size=3).map(".".join)
# a domain as a text may spell it: the regex matches it in any case, Unicode's lookalikes included
LOOKALIKES = {"i": ["I", "İ", "ı"], "s": ["S", "ſ"], "k": ["K", "\u212a"]}


@settings(max_examples=400, deadline=None)
@given(texts, st.integers(min_value=1, max_value=4), st.integers(min_value=0, max_value=3))
def test_a_text_with_too_many_shouted_words_is_never_skipped(text, min_letters, max_words) -> None:
    shouted = [m for m in content._WORD.finditer(text) if content._is_shouted(m.group(), min_letters, frozenset())]
    if len(shouted) > max_words:
        assert content._may_shout(text, (max_words + 1) * min_letters)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_a_text_with_a_shortened_link_is_never_skipped(text) -> None:
    domains = ["bit.ly", "t.co", "goo.gl", "tinyurl.com"]
    if content._shortener_pattern(tuple(domains)).search(text):
        assert content._may_link(text, domains)


@st.composite
def spelled(draw, domain: str) -> str:
    return "".join(draw(st.sampled_from([char, char.upper(), *LOOKALIKES.get(char, [])])) for char in domain)


@settings(max_examples=400, deadline=None)
@given(st.lists(domains, min_size=1, max_size=3), texts, texts, st.data())
def test_a_link_on_any_configured_domain_is_never_skipped(names, before, after, data) -> None:
    link = data.draw(st.sampled_from(["", "https://", "www."])) + data.draw(spelled(data.draw(st.sampled_from(names))))
    text = before + data.draw(st.sampled_from(["", " "])) + link + data.draw(st.sampled_from(["", " ", "/x"])) + after
    if content._shortener_pattern(tuple(names)).search(text):
        assert content._may_link(text, names)


def test_the_cheap_tests_do_skip_plain_texts() -> None:
    assert not content._may_shout("Hello Ana, your order has shipped.", 9)
    assert not content._may_shout("Olá Ana, seu pedido já foi enviado para você.", 9)
    assert not content._may_link("Track it at example.com/orders", ["bit.ly", "t.co"])
    assert not content._may_link("Votre commande est partie. À bientôt, Ana.", ["bit.ly", "t.co"])
