"""The lexicon matcher: its notation, accent and case folding, word boundaries, exact original offsets."""

from __future__ import annotations

import pytest

from walint.lexicon import TermError, compile_terms, find_terms, fold, term_pattern, terms_for_language
from walint.rule_packs import PackError, configure

from conftest import builtin_rules


def matches(terms: list[str], text: str, exceptions: list[str] = ()) -> list[str]:
    pattern = compile_terms(tuple(terms))
    cancel = compile_terms(tuple(exceptions)) if exceptions else None
    return [text[start:end] for start, end in find_terms(text, pattern, cancel)]


def test_word_boundaries_not_substrings() -> None:
    assert matches(["free"], "freedom, carefree, FREE!") == ["FREE"]


def test_wildcard_group_gap_and_number() -> None:
    assert matches(["discount*"], "Discounted prices") == ["Discounted"]
    assert matches(["(shop|buy) now"], "Buy   now or shop-now") == ["Buy   now", "shop-now"]
    assert matches(["send ... card number"], "send us a photo of your card number") == ["send us a photo of your card number"]
    assert matches(["send ... card number"], "send it. Your card number is safe") == []
    assert matches(["<n>% off"], "30 % off, {{2}}% off, 5%off") == ["30 % off", "{{2}}% off", "5%off"]


def test_longest_term_wins() -> None:
    assert matches(["shop", "shop now"], "Shop now") == ["Shop now"]


def test_offsets_point_into_the_original_text_when_folding_changes_length() -> None:
    text = "Große STRASSE, re\u0301duction, ﬁnal"  # ß folds to ss, e + combining accent, the fi ligature
    assert matches(["grosse", "reduction", "final"], text) == ["Große", "re\u0301duction", "ﬁnal"]
    assert fold("é").text == "e" and fold("É").original_span(0, 1) == (0, 1)


def test_exceptions_cancel_the_matches_they_overlap() -> None:
    assert matches(["ask ... password"], "We will never ask for your password", ["never ask*"]) == []
    assert matches(["ask ... password"], "Never mind. Please ask for their password", ["never ask*"]) == ["ask for their password"]


@pytest.mark.parametrize("term", ["", "(a|b", "a)", "a*b", "(de )?dto", "*"])
def test_bad_terms_are_refused(term: str) -> None:
    with pytest.raises(TermError):
        term_pattern(term)


def test_language_selection_falls_back_to_every_lexicon() -> None:
    lexicon = {"*": ["x"], "en": ["a"], "fr": ["b"]}
    assert terms_for_language(lexicon, "en_GB") == ("a", "x")
    assert terms_for_language(lexicon, "sv") == ("a", "b", "x")
    assert terms_for_language(lexicon, None) == ("a", "b", "x")


def test_one_compiled_matcher_per_term_set() -> None:
    assert compile_terms(("a", "b")) is compile_terms(("a", "b"))


def test_a_bad_term_in_the_configuration_is_one_clear_error() -> None:
    with pytest.raises(PackError, match=r"rule WA610: option `terms.\*.0`.*closed"):
        configure(builtin_rules(), {}, {"banned-words": {"terms": ["(cheap"]}})
