"""Folding replaces the few characters that change instead of translating the whole text: the same
folded text and the same offsets as the translation (tests/lexicon_reference.py) on any text."""

from __future__ import annotations

import lexicon_reference as reference
from hypothesis import given, settings
from hypothesis import strategies as st

from walint.lexicon import fold

# accented Latin (to ASCII), letters that fold to another non-ASCII letter (Greek capitals, the ohm and
# kelvin signs, final sigma), to two letters (ß, ligatures), to nothing (a lone combining accent)
CHARACTERS = "aAzZ09 -_'%{}éÉçÇñÑüÜøØåÅıİΣσςΩΩKÅßẞﬁﬀ\u0301\u0308´’ʼ🎉नमस्ते"


@settings(max_examples=500, deadline=None)
@given(st.text(st.one_of(st.sampled_from(CHARACTERS), st.characters()), max_size=40))
def test_folding_is_what_the_translation_gave(text: str) -> None:
    assert fold(text) == reference.fold_by_translation(text)


def test_the_characters_that_fold_to_another_non_ascii_letter_are_translated() -> None:
    for text in ["ΣΑΣ", "Ω and Ω", "ÅK Å", "école ΣΑΣ"]:
        assert fold(text) == reference.fold_by_translation(text)
    assert fold("École Σ").text == "ecole σ"
