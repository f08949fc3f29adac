"""walint's tokenizer against Lark: the shipped table is fresh, and both give the same AST on any text."""

from importlib.resources import files

from hypothesis import given, settings
from hypothesis import strategies as st

from walint.lexer_table import grammar_text, table_json
from walint.syntax import parse_text
from walint.syntax_lark import build_lark_parser, parse_text_with_lark

# the same pieces as test_syntax_properties: braces, markers, line breaks, URL starts, emoji parts
PIECES = ["{", "}", "{{", "}}", "*", "_", "~", "`", "```", " ", "\t", "\n", "\r", "\r\n", "1", "a", "#", ".", "h", "W",
          "{{1}}", "{{a}}", "{{ 1 }}", "{1}", "{{1}", "{{x-y}}", "https://", "www.", "http://a.b/c.", "👍", "🏽",
          "\u200d", "\ufe0f", "\u20e3", "🇫", "❤", "©", "é", "न"]
any_text = st.text() | st.lists(st.sampled_from(PIECES) | st.characters(), max_size=50).map("".join)

LARK = build_lark_parser()


def test_shipped_table_is_made_from_the_current_grammar() -> None:
    shipped = files("walint.grammar").joinpath("template.tokens.json").read_text(encoding="utf-8")
    assert shipped == table_json(grammar_text()), "the grammar changed: run `python -m walint.lexer_table`"


@settings(max_examples=1500, deadline=None)
@given(any_text)
def test_same_ast_as_lark(text: str) -> None:
    assert parse_text(text) == parse_text_with_lark(text, LARK)


def test_same_ast_as_lark_on_the_examples() -> None:
    samples = [
        "Hi {{1}}, your order *{{2}}* ships _soon_ ~now~ ```mono``` 👍🏽 https://x.io/a. www.b.com {1} {{ 2 }} {{}} {{a-b}} {{3",
        "Olá {{1}}!\r\n\r\nConfira www.loja.example.com.br 🛍️ #1️⃣ © ™ ↗️ 🇫🇷 👨‍👩‍👧",
        "", "plain text with nothing special", "\n", "{{first_name}} *bold _both_*",
    ]
    for text in samples:
        assert parse_text(text) == parse_text_with_lark(text, LARK)
