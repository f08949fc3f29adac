"""The grammar's lexer as a table, computed by Lark ahead of time and shipped beside the grammar.

The grammar of a text field is flat (one token per item), so Lark's lexer decides everything and the
LALR parser only hands each token to its rule. Building that lexer means compiling the grammar: about
half a second per process, more than a whole pre-commit run may take, and in CI every run is a cold
start, so a user cache would never be warm. Instead `grammar/template.tokens.json` records what Lark
derives from `grammar/template.lark`: each terminal's regular expression, in the order Lark's basic
lexer tries them, and the rule it belongs to. A run reads it and never imports Lark.

The table names a checksum of the grammar it was made from; if the grammar changed since (an edited
checkout), the table is rebuilt from Lark, slowly but correctly. tests/test_lexer_table.py fails when
the shipped table is stale. Regenerate it with `python -m walint.lexer_table`.
"""

from __future__ import annotations

import json
import zlib
from typing import NamedTuple

from walint.package_data import data_folder

GRAMMAR = "template.lark"
TABLE = "template.tokens.json"


class Terminal(NamedTuple):
    name: str  # PLACEHOLDER, TEXT ...
    regex: str
    rule: str  # the grammar rule the terminal stands for: text, placeholder, malformed ...


def grammar_text() -> str:
    return (data_folder("walint.grammar") / GRAMMAR).read_text(encoding="utf-8")


def grammar_hash(text: str) -> str:
    """A CRC of the grammar: enough to tell an edited grammar (the test compares the table with Lark's
    parse), and zlib is loaded already, where hashlib would cost milliseconds of imports at every start."""
    return f"{zlib.crc32(text.encode('utf-8')):08x}"


def load_table() -> list[Terminal]:
    """The shipped table when it was made from the current grammar, else the table Lark computes now."""
    grammar = grammar_text()
    try:
        shipped = json.loads((data_folder("walint.grammar") / TABLE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        shipped = None
    if shipped is not None and shipped.get("grammar_crc32") == grammar_hash(grammar):
        return [Terminal(*row) for row in shipped["terminals"]]
    return build_table(grammar)


def build_table(grammar: str) -> list[Terminal]:
    """Lark's basic lexer for the grammar: its terminals in the order it tries them (priority, then
    longest), each with the one rule that consists of it."""
    from walint.syntax_lark import build_lark_parser

    parser = build_lark_parser(grammar)
    rule_of = {}
    for rule in parser.rules:
        if not rule.origin.name.startswith("_") and rule.origin.name != "start":
            (symbol,) = rule.expansion  # the grammar is flat: each item rule is one terminal
            rule_of[symbol.name] = rule.origin.name
    lexer = parser._build_lexer()  # the lexer Lark itself would run, terminals already in match order
    return [Terminal(t.name, t.pattern.to_regexp(), rule_of[t.name]) for t in lexer.terminals]


def table_json(grammar: str) -> str:
    """The table as JSON, one terminal a line, so that a change to the grammar reads well in a diff."""
    rows = ",\n".join("  " + json.dumps(list(terminal)) for terminal in build_table(grammar))
    return f'{{"grammar_crc32": "{grammar_hash(grammar)}",\n "terminals": [\n{rows}\n]}}\n'


def main() -> None:
    """Write the table beside the grammar (in a checkout: grammar/template.tokens.json)."""
    target = data_folder("walint.grammar") / TABLE
    with open(str(target), "w", encoding="utf-8") as out:
        out.write(table_json(grammar_text()))
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
