"""One case per construct of a template text field: node kinds, texts and spans."""

import dataclasses

import pytest

from walint.ast import Formatted, MalformedPlaceholder, Placeholder, Span, Text
from walint.syntax import parse_text


def shape(node):
    """A node as plain data: (kind, text, start, end), and for Formatted also its style and children."""
    kind = type(node).__name__
    if isinstance(node, Formatted):
        children = [shape(child) for child in node.children]
        return (kind, node.style, node.text, node.span.start, node.span.end, children)
    return (kind, node.text, node.span.start, node.span.end)


def shapes(source):
    return [shape(node) for node in parse_text(source).nodes]


SCOTLAND = "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"  # a flag made of tag characters

CASES = {
    # plain text and line breaks
    "empty": ("", []),
    "plain": ("Hello world!", [("Text", "Hello world!", 0, 12)]),
    "lf": ("a\nb", [("Text", "a", 0, 1), ("Newline", "\n", 1, 2), ("Text", "b", 2, 3)]),
    "crlf": ("a\r\nb", [("Text", "a", 0, 1), ("Newline", "\r\n", 1, 3), ("Text", "b", 3, 4)]),
    "cr": ("a\rb", [("Text", "a", 0, 1), ("Newline", "\r", 1, 2), ("Text", "b", 2, 3)]),
    "blank line": ("\n\r\n", [("Newline", "\n", 0, 1), ("Newline", "\r\n", 1, 3)]),
    "non-latin text": ("Olá, 你好 мир", [("Text", "Olá, 你好 мир", 0, 11)]),
    # placeholders
    "positional": (
        "Hi {{1}}, order {{2}}.",
        [
            ("Text", "Hi ", 0, 3),
            ("Placeholder", "{{1}}", 3, 8),
            ("Text", ", order ", 8, 16),
            ("Placeholder", "{{2}}", 16, 21),
            ("Text", ".", 21, 22),
        ],
    ),
    "named": ("{{first_name}}", [("Placeholder", "{{first_name}}", 0, 14)]),
    "adjacent placeholders": (
        "{{1}}{{2}}",
        [("Placeholder", "{{1}}", 0, 5), ("Placeholder", "{{2}}", 5, 10)],
    ),
    # stray braces are text
    "lone opening brace": ("a { b", [("Text", "a { b", 0, 5)]),
    "lone closing brace": ("a } b", [("Text", "a } b", 0, 5)]),
    "double braces alone": ("}} and {{", [("Text", "}} and {{", 0, 9)]),
    "triple braces": (
        "{{{1}}}",
        [("Text", "{", 0, 1), ("Placeholder", "{{1}}", 1, 6), ("Text", "}", 6, 7)],
    ),
    "json in prose": ('Send {"a": 1} now', [("Text", 'Send {"a": 1} now', 0, 17)]),
    "curly words": ("{curly words with spaces}", [("Text", "{curly words with spaces}", 0, 25)]),
    "long content is not swallowed": ("{{x " + "y " * 40 + "}}", [("Text", "{{x " + "y " * 40 + "}}", 0, 86)]),
    "too many digits": ("{{" + "1" * 65 + "}}", [("Text", "{{" + "1" * 65 + "}}", 0, 69)]),
    # malformed placeholders in context
    "unclosed then text": (
        "Hi {{1 there",
        [("Text", "Hi ", 0, 3), ("MalformedPlaceholder", "{{1", 3, 6), ("Text", " there", 6, 12)],
    ),
    "unclosed before line end": (
        "{{name\n}}",
        [("MalformedPlaceholder", "{{name", 0, 6), ("Newline", "\n", 6, 7), ("Text", "}}", 7, 9)],
    ),
    "unclosed before a placeholder": (
        "{{1 {{2}}",
        [("MalformedPlaceholder", "{{1", 0, 3), ("Text", " ", 3, 4), ("Placeholder", "{{2}}", 4, 9)],
    ),
    "invalid does not cross lines": (
        "{{a\nb}}",
        [("MalformedPlaceholder", "{{a", 0, 3), ("Newline", "\n", 3, 4), ("Text", "b}}", 4, 7)],
    ),
    # formatting
    "bold": ("*bold*", [("Formatted", "bold", "*bold*", 0, 6, [("Text", "bold", 1, 5)])]),
    "italic": ("_it_", [("Formatted", "italic", "_it_", 0, 4, [("Text", "it", 1, 3)])]),
    "strike": ("~no~", [("Formatted", "strike", "~no~", 0, 4, [("Text", "no", 1, 3)])]),
    "mono": ("```code```", [("Formatted", "mono", "```code```", 0, 10, [("Text", "code", 3, 7)])]),
    "placeholder in bold": (
        "Your order *{{1}}* has shipped",
        [
            ("Text", "Your order ", 0, 11),
            ("Formatted", "bold", "*{{1}}*", 11, 18, [("Placeholder", "{{1}}", 12, 17)]),
            ("Text", " has shipped", 18, 30),
        ],
    ),
    "italic in bold": (
        "*_x_*",
        [("Formatted", "bold", "*_x_*", 0, 5, [("Formatted", "italic", "_x_", 1, 4, [("Text", "x", 2, 3)])])],
    ),
    "bold and italic inside": (
        "*a _b_ c*",
        [
            ("Formatted", "bold", "*a _b_ c*", 0, 9, [
                ("Text", "a ", 1, 3),
                ("Formatted", "italic", "_b_", 3, 6, [("Text", "b", 4, 5)]),
                ("Text", " c", 6, 8),
            ])
        ],
    ),
    "crossing runs": (
        "*a _b* c_",
        [("Formatted", "bold", "*a _b*", 0, 6, [("Text", "a _b", 1, 5)]), ("Text", " c_", 6, 9)],
    ),
    "bold does not nest in bold": (
        "*a *b* c*",
        [("Text", "*a ", 0, 3), ("Formatted", "bold", "*b*", 3, 6, [("Text", "b", 4, 5)]), ("Text", " c*", 6, 9)],
    ),
    "double asterisks": (
        "**bold**",
        [("Text", "*", 0, 1), ("Formatted", "bold", "*bold*", 1, 7, [("Text", "bold", 2, 6)]), ("Text", "*", 7, 8)],
    ),
    "in parentheses": (
        "(*x*)",
        [("Text", "(", 0, 1), ("Formatted", "bold", "*x*", 1, 4, [("Text", "x", 2, 3)]), ("Text", ")", 4, 5)],
    ),
    "unpaired opener": ("*almost", [("Text", "*almost", 0, 7)]),
    "unpaired closer": ("almost*", [("Text", "almost*", 0, 7)]),
    "space after opener": ("* x *", [("Text", "* x *", 0, 5)]),
    "empty run": ("**", [("Text", "**", 0, 2)]),
    "snake_case": ("use snake_case_words here", [("Text", "use snake_case_words here", 0, 25)]),
    "arithmetic": ("2*3*4", [("Text", "2*3*4", 0, 5)]),
    "closer before a letter": ("*bold*text", [("Text", "*bold*text", 0, 10)]),
    "not across lines": (
        "*a\nb*",
        [("Text", "*a", 0, 2), ("Newline", "\n", 2, 3), ("Text", "b*", 3, 5)],
    ),
    "single backtick": ("`x`", [("Text", "`x`", 0, 3)]),
    "bold url": (
        "*https://x.com*",
        [("Formatted", "bold", "*https://x.com*", 0, 15, [("Url", "https://x.com", 1, 14)])],
    ),
    # URLs
    "url with trailing period": (
        "See https://example.com/a.",
        [("Text", "See ", 0, 4), ("Url", "https://example.com/a", 4, 25), ("Text", ".", 25, 26)],
    ),
    "url with query": ("http://a.io/?x=1&y=2", [("Url", "http://a.io/?x=1&y=2", 0, 20)]),
    "www url in parentheses": (
        "(www.shop.com!)",
        [("Text", "(", 0, 1), ("Url", "www.shop.com", 1, 13), ("Text", "!)", 13, 15)],
    ),
    "url in quotes": (
        '"https://x.io/a"',
        [("Text", '"', 0, 1), ("Url", "https://x.io/a", 1, 15), ("Text", '"', 15, 16)],
    ),
    "url then placeholder": (
        "https://shop.com/track/{{1}}",
        [("Url", "https://shop.com/track/", 0, 23), ("Placeholder", "{{1}}", 23, 28)],
    ),
    "url with json": (
        'https://x.io/?q={"a":1}',
        [("Url", "https://x.io/?q=", 0, 16), ("Text", '{"a":1}', 16, 23)],
    ),
    "url in capitals": ("HTTPS://X.IO", [("Url", "HTTPS://X.IO", 0, 12)]),
    "scheme alone": ("https:// x", [("Text", "https:// x", 0, 10)]),
    "www inside a word": ("awww.so", [("Text", "awww.so", 0, 7)]),
    # emoji
    "emoji": ("Hi 👋!", [("Text", "Hi ", 0, 3), ("Emoji", "👋", 3, 4), ("Text", "!", 4, 5)]),
    "skin tone": ("👍🏽", [("Emoji", "👍🏽", 0, 2)]),
    "zwj family": ("👨\u200d👩\u200d👧\u200d👦", [("Emoji", "👨\u200d👩\u200d👧\u200d👦", 0, 7)]),
    "zwj with a text-style symbol": ("👩\u200d⚕️", [("Emoji", "👩\u200d⚕️", 0, 4)]),
    "flag": ("🇫🇷", [("Emoji", "🇫🇷", 0, 2)]),
    "two flags": ("🇫🇷🇩🇪", [("Emoji", "🇫🇷", 0, 2), ("Emoji", "🇩🇪", 2, 4)]),
    "subdivision flag": (SCOTLAND, [("Emoji", SCOTLAND, 0, 7)]),
    "keycap": ("Press 1️⃣", [("Text", "Press ", 0, 6), ("Emoji", "1️⃣", 6, 9)]),
    "keycap asterisk": ("*️⃣", [("Emoji", "*️⃣", 0, 3)]),
    "heart with selector": ("❤️", [("Emoji", "❤️", 0, 2)]),
    "heart without selector": ("I ❤ it", [("Text", "I ❤ it", 0, 6)]),
    "default emoji in the BMP": ("✅ done", [("Emoji", "✅", 0, 1), ("Text", " done", 1, 6)]),
    "raised finger with skin tone": ("☝🏽", [("Emoji", "☝🏽", 0, 2)]),
    "copyright sign": ("© 2024 Shop™", [("Text", "© 2024 Shop™", 0, 12)]),
}


@pytest.mark.parametrize(("source", "expected"), CASES.values(), ids=CASES.keys())
def test_nodes(source, expected):
    assert shapes(source) == expected


PLACEHOLDERS = {
    "{{1}}": ("positional", 1, None),
    "{{12}}": ("positional", 12, None),
    "{{first_name}}": ("named", None, "first_name"),
    "{{FirstName}}": ("named", None, "FirstName"),
    "{{_x1}}": ("named", None, "_x1"),
}


@pytest.mark.parametrize(("source", "expected"), PLACEHOLDERS.items(), ids=PLACEHOLDERS.keys())
def test_placeholder(source, expected):
    (node,) = parse_text(source).nodes
    assert isinstance(node, Placeholder)
    assert (node.kind, node.number, node.name) == expected
    assert node.span == Span(0, len(source))


MALFORMED = {
    "{1}": ("single-braces", 1, None, "{{1}}"),
    "{name}": ("single-braces", None, "name", "{{name}}"),
    "{ 1 }": ("single-braces", 1, None, "{{1}}"),
    "{{1}": ("unbalanced", 1, None, "{{1}}"),
    "{1}}": ("unbalanced", 1, None, "{{1}}"),
    "{{name}": ("unbalanced", None, "name", "{{name}}"),
    "{{ 2 }": ("unbalanced", 2, None, "{{2}}"),
    "{{1": ("unbalanced", 1, None, "{{1}}"),
    "{{name": ("unbalanced", None, "name", "{{name}}"),
    "{{ name": ("unbalanced", None, "name", "{{name}}"),
    "{{ 1 }}": ("spaces", 1, None, "{{1}}"),
    "{{ name }}": ("spaces", None, "name", "{{name}}"),
    "{{1 }}": ("spaces", 1, None, "{{1}}"),
    "{{\tname}}": ("spaces", None, "name", "{{name}}"),
    "{{}}": ("empty", None, None, None),
    "{{  }}": ("empty", None, None, None),
    "{{1a}}": ("invalid", None, None, None),
    "{{#}}": ("invalid", None, None, None),
    "{{$name}}": ("invalid", None, None, None),
    "{{first-name}}": ("invalid", None, None, None),
    "{{1.5}}": ("invalid", None, None, None),
    "{{first name}}": ("invalid", None, None, None),
    "{{😀}}": ("invalid", None, None, None),
}


@pytest.mark.parametrize(("source", "expected"), MALFORMED.items(), ids=MALFORMED.keys())
def test_malformed(source, expected):
    (node,) = parse_text(source).nodes
    assert isinstance(node, MalformedPlaceholder)
    assert (node.reason, node.number, node.name, node.suggestion) == expected
    assert node.span == Span(0, len(source))


def test_queries_look_inside_formatting():
    parsed = parse_text("Hi {{1}}! *Order {{2}}* ships _soon {1}_ 👍 https://x.io ~*a*~")
    assert [node.text for node in parsed.placeholders()] == ["{{1}}", "{{2}}"]
    assert [node.text for node in parsed.malformed()] == ["{1}"]
    assert [node.text for node in parsed.formatted()] == ["*Order {{2}}*", "_soon {1}_", "~*a*~", "*a*"]
    assert [node.text for node in parsed.urls()] == ["https://x.io"]
    assert [node.text for node in parsed.emoji()] == ["👍"]
    assert all(not isinstance(leaf, Formatted) for leaf in parsed.leaves())


def test_nodes_are_frozen():
    node = parse_text("x").nodes[0]
    assert isinstance(node, Text)
    with pytest.raises(dataclasses.FrozenInstanceError):
        node.text = "y"
