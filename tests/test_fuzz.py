"""Fuzzing the loader and the engine together (the grammar alone: test_syntax_properties.py).

Whatever the bytes or the tree, linting returns a result: no exception escapes, every diagnostic sits
at 1-based positions with its start before its end, and both reporters render it (the JSON one as
valid JSON). Found crashers are kept in tests/data/fuzz-regressions/ and replayed by a plain test.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml
from conftest import Linter, Settings, builtin_rules
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from walint.report import get_reporter

REGRESSIONS = Path(__file__).parent / "data" / "fuzz-regressions"
# bounded for every test run; a longer campaign: WALINT_FUZZ_EXAMPLES=20000 pytest tests/test_fuzz.py
FUZZ = settings(max_examples=int(os.environ.get("WALINT_FUZZ_EXAMPLES", "200")), deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def lint_bytes(data: bytes, filename: str, counting: str = "code-points"):
    return Linter(builtin_rules(), Settings(character_counting=counting)).lint([], stdin=(data, filename))


def assert_sound(result) -> None:
    assert result.run_errors == []  # a check that raised: the engine keeps the run going, but it is a bug
    for d in result.diagnostics:
        assert d.row >= 1 and d.column >= 1, d
        assert (d.row, d.column) <= (d.end_row, d.end_column), d
    rendered = json.loads(get_reporter("json")(result, False))
    assert len(rendered) == len(result.diagnostics)
    get_reporter("text")(result, False)


# --- template-like trees ---------------------------------------------------------------------------------

KEYS = ["name", "language", "category", "components", "type", "format", "text", "buttons", "example", "cards",
        "url", "phone_number", "otp_type", "header_text", "body_text", "add_security_recommendation", "data", "sub_type"]
WORDS = ["BODY", "HEADER", "FOOTER", "BUTTONS", "CAROUSEL", "TEXT", "IMAGE", "URL", "QUICK_REPLY", "OTP", "COPY_CODE",
         "PHONE_NUMBER", "MARKETING", "UTILITY", "AUTHENTICATION", "en_US", "pt_BR", "order_update", "Order Update"]
TEXT_PIECES = ["{{1}}", "{{2}}", "{{ 3 }}", "{{name}}", "{1}", "{{", "}}", "{", "}", "*", "_", "~", "```", "\n", "\t", " ",
               "é", "😀", "\u200d", "\x00", "\x1b", "\r\n", "\\", '"', "'", ": ", "- ", "#", "&a", "*a", "!!str", "x"]

placeholder_text = st.lists(st.sampled_from(TEXT_PIECES), max_size=30).map("".join)
long_text = st.builds(lambda piece, count: piece * count, st.sampled_from(["x", "{{1}} ", "{", "*_~", "é"]), st.integers(0, 3000))
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(-(10**80), 10**80), st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(WORDS), st.text(max_size=20), placeholder_text, long_text,
)
template_trees = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=5), children, max_size=6),
    ),
    max_leaves=40,
)
templates = st.fixed_dictionaries(
    {},
    optional={key: template_trees for key in ("name", "language", "category", "components")},
)
documents = st.one_of(templates, st.lists(templates, max_size=3), st.fixed_dictionaries({"data": st.lists(templates, max_size=3)}), template_trees)


def dump_json(tree, indent: int | None, ensure_ascii: bool) -> str:
    return json.dumps(tree, indent=indent, ensure_ascii=ensure_ascii)


def dump_yaml(tree, flow: bool | None, style: str | None, width: int) -> str:
    return yaml.safe_dump(tree, default_flow_style=flow, default_style=style, allow_unicode=True, width=width)


counting = st.sampled_from(["code-points", "utf-16"])


@FUZZ
@given(tree=documents, indent=st.sampled_from([None, 0, 2]), ensure_ascii=st.booleans(), counting=counting)
def test_any_json_tree_lints(tree, indent, ensure_ascii, counting):
    assert_sound(lint_bytes(dump_json(tree, indent, ensure_ascii).encode(), "fuzz.json", counting))


@FUZZ
@given(
    trees=st.lists(documents, min_size=1, max_size=3),
    flow=st.sampled_from([None, True, False]),
    style=st.sampled_from([None, '"', "'", "|", ">"]),
    width=st.sampled_from([20, 80, 10_000]),
    counting=counting,
)
def test_any_yaml_tree_lints(trees, flow, style, width, counting):
    text = "---\n".join(dump_yaml(tree, flow, style, width) for tree in trees)
    assert_sound(lint_bytes(text.encode(), "fuzz.yaml", counting))


# --- arbitrary bytes -------------------------------------------------------------------------------------


@FUZZ
@given(data=st.binary(max_size=400), filename=st.sampled_from(["fuzz.json", "fuzz.yaml", "fuzz.txt"]), counting=counting)
def test_any_bytes_lint(data, filename, counting):
    assert_sound(lint_bytes(data, filename, counting))


# what a damaged file gets slipped in: random bytes, or pieces that reach the corners of the loaders
INSERTS = st.binary(max_size=4) | st.sampled_from(
    [b"\\ud800", b"\\udfff", b"\\u0000", b"\x1b", b"&a ", b"*a", b"<<: ", b"!!python/object:os.system ", b"{{1}}", b"? ", b"\r"]
)


@FUZZ
@given(
    tree=documents,
    cuts=st.lists(st.tuples(st.floats(0, 1), INSERTS), max_size=3),
    filename=st.sampled_from(["fuzz.json", "fuzz.yaml"]),
    counting=counting,
)
def test_any_damaged_template_file_lints(tree, cuts, filename, counting):
    """A real template file with bytes cut out or slipped in: near-valid input reaches deeper code."""
    data = bytearray((dump_json(tree, 2, False) if filename.endswith(".json") else dump_yaml(tree, False, None, 80)).encode())
    for where, inserted in cuts:
        at = int(where * len(data))
        data[at : at + 1] = inserted
    assert_sound(lint_bytes(bytes(data), filename, counting))


# --- found cases, replayed ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(p for p in REGRESSIONS.iterdir() if p.suffix != ".md"), ids=lambda path: path.name)
@pytest.mark.parametrize("counting", ["code-points", "utf-16"])
def test_fuzz_regressions(path: Path, counting: str):
    assert_sound(lint_bytes(path.read_bytes(), path.name, counting))
