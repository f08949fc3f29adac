"""The built-in packs load, every rule is documented and cites a known source."""

from __future__ import annotations

import pytest

from walint.rule_packs import PackError, load_rules
from conftest import builtin_rules


def test_codes_follow_the_design_groups() -> None:
    for rule in builtin_rules().rules:
        assert rule.code.startswith("WA") and len(rule.code) == 5
        for section in ("what", "why", "example", "fix"):
            assert getattr(rule.spec.docs, section).strip(), f"{rule.code} lacks docs: {section}"
        assert rule.spec.references, f"{rule.code} cites no source"


def test_a_pack_with_an_unknown_check_is_one_clear_error(tmp_path) -> None:
    pack = tmp_path / "mine.yaml"
    pack.write_text(
        "rules:\n  - {code: XX001, name: my-rule, severity: error, confidence: S, summary: s, message: m,\n"
        "     check: no_such_check, docs: {what: w, why: y, example: e, fix: f}}\n"
    )
    with pytest.raises(PackError, match=r"mine.yaml: rule XX001: unknown check `no_such_check`"):
        load_rules([pack])


def test_a_pack_with_bad_options_names_the_option(tmp_path) -> None:
    pack = tmp_path / "mine.yaml"
    pack.write_text(
        "rules:\n  - {code: XX002, name: short-body, severity: warning, confidence: R, summary: s, message: m,\n"
        "     check: max_length, options: {field: body, max: -3}, docs: {what: w, why: y, example: e, fix: f}}\n"
    )
    with pytest.raises(PackError, match=r"rule XX002: option `max`"):
        load_rules([pack])


def test_a_user_pack_adds_a_rule_without_code(tmp_path) -> None:
    """Data, not code: a stricter provider limit is one YAML entry."""
    from conftest import Linter, Settings

    pack = tmp_path / "provider.yaml"
    pack.write_text(
        "rules:\n  - {code: PRV301, name: provider-body-length, severity: warning, confidence: R,\n"
        "     summary: Our provider cuts bodies at 500, message: '{field} is {length} {unit}; our provider allows {max}',\n"
        "     check: max_length, options: {field: body, max: 10}, docs: {what: w, why: y, example: e, fix: f}}\n"
    )
    linter = Linter(load_rules([pack]), Settings(select=["PRV"]))
    result = linter.lint([], stdin=(b"name: x\ncomponents:\n  - {type: BODY, text: 'Hello there, world'}\n", "t.yaml"))
    assert [(d.code, d.column, d.message) for d in result.diagnostics] == [
        ("PRV301", 35, "body is 18 characters; our provider allows 10")
    ]


def test_duplicate_code_is_refused(tmp_path) -> None:
    pack = tmp_path / "dup.yaml"
    pack.write_text(
        "rules:\n  - {code: WA101, name: other, severity: error, confidence: S, summary: s, message: m,\n"
        "     docs: {what: w, why: y, example: e, fix: f}}\n"
    )
    with pytest.raises(PackError, match="already defined"):
        load_rules([pack])


def test_configured_severity_and_options_apply_by_code_or_name() -> None:
    from walint.rule_packs import configure
    from conftest import Linter, Settings

    settings = Settings(severity={"body-too-long": "warning"}, rule_options={"WA301": {"max": 5}}, select=["WA301"])
    rules = configure(builtin_rules(), settings.severity, settings.rule_options)
    result = Linter(rules, settings).lint([], stdin=(b"name: x\ncomponents:\n  - {type: BODY, text: 'Hello there'}\n", "t.yaml"))
    [diagnostic] = result.diagnostics
    assert (diagnostic.severity, diagnostic.message, diagnostic.column) == ("warning", "body is 11 characters; Meta allows 5", 30)


@pytest.mark.parametrize(
    ("severity", "options", "error"),
    [
        ({"WA999": "error"}, {}, "no rule 'WA999'"),
        ({}, {"WA301": {"max": "many"}}, "rule WA301: option `max`"),
        ({}, {"WA001": {"max": 3}}, "rule WA001 takes no options"),
    ],
)
def test_bad_overrides_are_one_clear_error(severity, options, error) -> None:
    from walint.rule_packs import configure

    with pytest.raises(PackError, match=error):
        configure(builtin_rules(), severity, options)
