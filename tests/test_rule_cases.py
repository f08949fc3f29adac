"""The rule cases in tests/rules/*.yaml, one parametrized test each (as sqlfluff does).

A case is a whole file (`yaml:` or `json:`), linted with only the rule under test selected; `expect`
lists every diagnostic it must give, with its exact position. `expect: []` is a case that passes.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import builtin_rules, lint_text

CASES_DIR = Path(__file__).parent / "rules"


def _cases():
    for case_file in sorted(CASES_DIR.glob("*.yaml")):
        for code, cases in yaml.safe_load(case_file.read_text(encoding="utf-8")).items():
            for case in cases:
                yield pytest.param(code, case, id=f"{code}-{case['name']}")


@pytest.mark.parametrize(("code", "case"), list(_cases()))
def test_rule_case(code: str, case: dict) -> None:
    filename, text = ("case.json", case["json"]) if "json" in case else ("case.yaml", case["yaml"])
    result = lint_text(text, filename, select=[code], **_settings(case))
    assert not result.run_errors
    got = [d for d in result.diagnostics if d.code == code]
    expected = case["expect"]
    assert len(got) == len(expected), "\n".join(f"{d.row}:{d.column}-{d.end_row}:{d.end_column} {d.message}" for d in got)
    for diagnostic, want in zip(got, expected):
        assert (diagnostic.row, diagnostic.column) == (want["line"], want["column"]), diagnostic.message
        if "end_column" in want:
            assert (diagnostic.end_row, diagnostic.end_column) == (want.get("end_line", want["line"]), want["end_column"])
        if "message" in want:
            assert want["message"] in diagnostic.message


def _settings(case: dict) -> dict:
    return {key.replace("-", "_"): value for key, value in case.get("settings", {}).items()}


def test_every_rule_has_a_passing_and_a_failing_case() -> None:
    covered: dict[str, set[str]] = {}
    for param in _cases():
        code, case = param.values
        covered.setdefault(code, set()).add("fail" if case["expect"] else "pass")
    for rule in builtin_rules().rules:
        assert covered.get(rule.code) == {"pass", "fail"}, f"{rule.code} needs cases that pass and cases that fail"
