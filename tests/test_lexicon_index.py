"""The term index finds exactly what the one-alternation reference (tests/lexicon_reference.py) finds,
span for span, empty matches included: for every lexicon of the built-in rules on every text of the
evaluation set, the examples and a generated corpus; on random texts made of the lexicons' words; and for
random terms of the notation, the odd ones included (symbols, `_`, folding that empties a word or starts
it with a space, terms that can begin anywhere or match nothing at all).
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
from pathlib import Path
from unittest.mock import patch

import lexicon_reference as reference
import pytest
import yaml
from conftest import builtin_rules
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import walint.lexicon as lexicon
from walint.lexicon import TermError, compile_terms, find_terms, fold_text, term_pattern

ROOT = Path(__file__).resolve().parent.parent
PROPERTIES = settings(max_examples=int(os.environ.get("WALINT_LEXICON_EXAMPLES", "300")), deadline=None,
                      suppress_health_check=[HealthCheck.too_slow])
# a few characters: every text longer than that is read a window at a time, windows cut everywhere
SMALL_WINDOW = 7


def rule_lexicons() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """(terms, exceptions) of each lexicon rule in each language its lexicons name, and in one they do not
    (where every language's terms apply), as the rule's own `matchers` selects them."""
    found = {}
    for rule in builtin_rules().rules:
        if rule.check is None or rule.check.name != "lexicon":
            continue
        options = rule.options
        for language in sorted({*options.terms, *options.extra_terms, *options.exceptions} - {"*"}) + ["xx"]:
            terms, exceptions = options.matchers(language)
            if terms is not None:
                found[f"{rule.name}/{language}"] = (tuple(terms.terms), tuple(exceptions.terms) if exceptions else ())
    return found


LEXICONS = rule_lexicons()


def strings(value: object):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def corpus_texts() -> list[str]:
    """Every string of the evaluation set, of the examples, and of 2,000 generated templates."""
    texts: set[str] = set()
    for path in sorted((ROOT / "tests" / "data" / "content-eval").glob("*.yaml")) + sorted((ROOT / "examples").rglob("*.*")):
        content = path.read_text(encoding="utf-8")
        texts.update(strings(json.loads(content) if path.suffix == ".json" else list(yaml.safe_load_all(content))))
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    texts.update(strings(generate.make_templates(2000)))
    return sorted(texts)


def assert_same(terms: tuple[str, ...], exceptions: tuple[str, ...], texts: list[str]) -> None:
    """The raw spans of both engines in the folded text, then find_terms with the exceptions applied."""
    index, cancel = compile_terms(terms), compile_terms(exceptions)
    pattern, cancel_pattern = reference.compile_terms(terms), reference.compile_terms(exceptions)
    for text in texts:
        folded = fold_text(text)
        assert list(index.spans(folded)) == reference.spans(pattern, folded), (terms, text)
        if cancel is not None:
            assert list(cancel.spans(folded)) == reference.spans(cancel_pattern, folded), (exceptions, text)
        assert list(find_terms(text, index, cancel)) == list(reference.find_terms(text, pattern, cancel_pattern)), (terms, text)


# --- the built-in lexicons on real texts -------------------------------------------------------------------


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return corpus_texts()


def test_every_rule_and_language_is_compared() -> None:
    names = {name.split("/")[0] for name in LEXICONS}
    assert names == {"promotional-in-utility", "urgency-wording", "sensitive-data-request", "threat-or-debt-shaming"}
    assert {"en", "fr", "es", "pt", "de", "it", "nl", "xx"} <= {name.split("/")[1] for name in LEXICONS}


@pytest.mark.parametrize("name", sorted(LEXICONS))
def test_the_built_in_lexicons_on_the_evaluation_set_the_examples_and_a_corpus(name: str, texts: list[str]) -> None:
    terms, exceptions = LEXICONS[name]
    assert_same(terms, exceptions, texts)


def test_the_corpus_holds_matches_of_every_rule(texts: list[str]) -> None:
    """The comparison above is only worth something if the texts hold matches for every rule."""
    for rule in {name.split("/")[0] for name in LEXICONS}:
        terms, exceptions = LEXICONS[f"{rule}/xx"]
        index, cancel = compile_terms(terms), compile_terms(exceptions)
        assert any(next(find_terms(text, index, cancel), None) for text in texts), rule


# --- the built-in lexicons on random texts made of their words ---------------------------------------------

VOCABULARY = sorted({word for terms, exceptions in LEXICONS.values() for term in terms + exceptions
                     for word in re.findall(r"[^\s()|*]+", term) if word not in ("...", "<n>")})
ACCENTED = str.maketrans("aeiouncAEIOU", "áéîõüñçÀÉÎÓÜ")
SEPARATORS = [" ", " ", " ", "  ", "-", " - ", "\n", "\t", ", ", ". ", "! ", "? ", "'", "’", "%", " % ", "{{1}}", "{{ 2 }}",
              "20", "3,5", "7x", "🎉", "🛍️", "_", "...", "(", "|", "ß", "´", "e\u0301", "ﬁ"]


@st.composite
def lexicon_word(draw) -> str:
    word = draw(st.sampled_from(VOCABULARY))
    style = draw(st.sampled_from(["plain", "upper", "title", "accented", "decomposed", "longer"]))
    if style == "upper":
        return word.upper()
    if style == "title":
        return word.title()
    if style == "accented":
        return word.translate(ACCENTED)
    if style == "decomposed":
        return "".join(char + "\u0301" if char in "aeiou" else char for char in word)
    if style == "longer":
        return word + draw(st.sampled_from(["s", "ed", "ing", "ão", "_", "2"]))
    return word


lexicon_text = st.lists(st.one_of(lexicon_word(), lexicon_word(), st.sampled_from(SEPARATORS), st.characters()), max_size=24).map("".join)


@pytest.mark.parametrize("window", [lexicon._WINDOW, SMALL_WINDOW])
@PROPERTIES
@given(name=st.sampled_from(sorted(LEXICONS)), text=lexicon_text)
def test_the_built_in_lexicons_on_random_texts(window: int, name: str, text: str) -> None:
    terms, exceptions = LEXICONS[name]
    with patch.object(lexicon, "_WINDOW", window):
        assert_same(terms, exceptions, [text])


# --- random terms ----------------------------------------------------------------------------------------

# words with what the notation and folding make of them: symbols, `_`, an apostrophe, a digit first, a
# ligature, `ß` (two letters folded), a lone combining accent (folds to nothing), `´` (folds to a space)
TERM_WORDS = ["a", "ab", "abc", "b", "shop", "now", "x_", "_x", "don't", "n'", "2x1", "ß", "é", "e\u0301", "\u0301",
              "´a", "´", "ﬁ", "%", "-", "-a", "{", "a.b", "ab-c"]
TEXT_BITS = ["a", "ab", "abc", "b", "shop", "now", "x_", "_x", "don't", "n’", "2x1", "ß", "ss", "é", "E\u0301", "´", "´a",
             "ﬁ", "fi", "%", "-", "{{1}}", "{{ x }}", "20", "3,5", " ", " ", "  ", "\n", ".", "!", ",", "🎉", "_", "a.b", "shopping"]


def term_item(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    word = st.sampled_from(TERM_WORDS)
    return st.one_of(word, word, word.map(lambda w: w + "*"), st.just("..."), st.just("<n>"), inner)


def phrase(item: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.lists(item, min_size=1, max_size=3).map(" ".join)


def group(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.lists(phrase(inner), min_size=1, max_size=3).map(lambda alternatives: "(" + "|".join(alternatives) + ")")


flat_term = phrase(term_item(st.nothing()))
term = phrase(term_item(group(term_item(group(term_item(st.nothing()))))))


def valid(terms: list[str]) -> tuple[str, ...]:
    for one in terms:
        try:
            term_pattern(one)
        except TermError:
            assume(False)
    return tuple(terms)


def text_of(words: list[str]) -> st.SearchStrategy[str]:
    """Texts made of these words (as written, in capitals, run on), of TEXT_BITS and of any character."""
    word = st.sampled_from(words)
    made_of = st.one_of(word, word.map(str.upper), word.map(lambda w: w + "s"), st.sampled_from(TEXT_BITS), st.characters())
    return st.lists(made_of, max_size=30).map("".join)


@pytest.mark.parametrize("window", [lexicon._WINDOW, SMALL_WINDOW])
@PROPERTIES
@given(terms=st.lists(st.one_of(term, flat_term), min_size=1, max_size=5), exceptions=st.lists(term, max_size=2), data=st.data())
def test_random_terms_on_random_texts(window: int, terms: list[str], exceptions: list[str], data: st.DataObject) -> None:
    terms, exceptions = valid(terms), valid(exceptions)
    words = [token.rstrip("*") for one in terms + exceptions for token in re.split(r"[\s()|]+", one) if token not in ("", "...", "<n>")]
    texts = data.draw(st.lists(text_of(words + [" ", " ", "-"]), min_size=1, max_size=3))
    with patch.object(lexicon, "_WINDOW", window):
        assert_same(terms, exceptions, texts)


# --- what the index does beyond the reference --------------------------------------------------------------


def test_a_term_is_compiled_only_when_a_text_offers_it_a_place() -> None:
    index = compile_terms(("zqxv ... (wby|jkq*)", "vvqz"))
    compiled = lexicon._term_regex.cache_info().currsize
    assert list(find_terms("nothing of the sort, vvqzz, zqxvv", index)) == []
    assert lexicon._term_regex.cache_info().currsize == compiled
    assert list(find_terms("ZQXV it JKQs", index)) == [(0, 12)]
    assert lexicon._term_regex.cache_info().currsize == compiled + 1


def test_terms_that_can_begin_anywhere_or_match_nothing_follow_finditer() -> None:
    """`...` alone and a lone combining accent match empty strings: find_terms skips them, an empty
    exception still cancels a match around it, and after an empty match the same place gives a longer one."""
    for terms, exceptions in [(("...",), ()), (("\u0301", "ab"), ()), (("ab ... b",), ("\u0301",)), (("... b", "a"), ("...",))]:
        assert_same(terms, exceptions, ["a b", "ab  a-b. b", "", " ", "ab, b b"])


def test_a_first_word_that_can_run_on_into_the_next_item_is_looked_up_as_a_stem() -> None:
    """Where `_sequence` joins two items with `\\s*` (after `_`, before `_x`, around a word that folds to
    nothing), the text word holding the match's start is longer than the term's first word."""
    terms = ("x_ now", "a _x", "(a|b) _y", "(c|d) e", "f \u0301 g", "h ... _z", "k*")
    assert_same(terms, (), ["x_now a_x b_y d e fg h_z", "x_ now a _x b _y c-e f \u0301 g h w _z", "kq k_"])
    assert list(find_terms("b_y", compile_terms(terms))) == [(0, 3)]


def test_a_place_offered_by_several_keys_tries_its_terms_in_the_alternations_order() -> None:
    """`ab c` is found under the whole word `ab`, `a* c c` and `(x|a*) c c c` under the stem `a`: the
    longer terms come first in the alternation, and win."""
    terms = ("ab c", "a* c c", "(x|a*) c c c")
    assert_same(terms, (), ["ab c c", "ab c c c", "ab c", "x c c c ab c"])
    assert list(find_terms("ab c c", compile_terms(terms))) == [(0, 6)]


def test_a_stem_longer_than_the_beginnings_a_text_lists_is_found() -> None:
    stem = "sozialversicherungs"  # 19 letters: a short text lists its words' beginnings up to 16
    assert len(stem) > lexicon._STEM_LENGTH
    terms = (stem + "*", stem + "nummer")
    assert_same(terms, (), ["Sozialversicherungsnummer, sozialversicherungsausweis, sozialversicherung"])
    assert list(find_terms("die Sozialversicherungsnummer", compile_terms(terms))) == [(4, 29)]


def test_a_long_text_is_read_in_windows_with_matches_across_their_cuts() -> None:
    words = "our summer sale ends, last chance to shop now " * 4000 + "shop" + " " * 70_000 + "now"
    terms = ("shop now", "summer sale*", "last chance", "<n>% off", "sale")
    assert len(words) > 3 * lexicon._WINDOW
    assert_same(terms, (), [words, "x" * (lexicon._WINDOW + 5) + " sale"])
