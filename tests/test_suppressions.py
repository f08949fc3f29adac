"""Inline suppressions: what each comment form removes, and what it does not. (The report of unused
entries, rule WA009, has its cases in tests/rules/input.yaml.)"""

from __future__ import annotations

from pathlib import Path

from conftest import lint_text

TEMPLATE = """\
name: Order_Update{name_comment}
language: en_US
category: UTILITY
components:
  - type: BODY
{above}    text: "Hi {{1}} and {{2}}"{body_comment}
"""


def found(text: str, filename: str = "case.yaml") -> set[tuple[str, int]]:
    result = lint_text(text, filename, select=["WA101", "WA401", "WA009"])
    assert not result.run_errors
    return {(d.code, d.row) for d in result.diagnostics}


def template(name_comment: str = "", above: str = "", body_comment: str = "") -> str:
    return TEMPLATE.format(name_comment=name_comment, above=above, body_comment=body_comment)


def test_without_comments_both_rules_report() -> None:
    assert found(template()) == {("WA101", 1), ("WA401", 6)}


def test_on_the_same_line_by_code_prefix_or_name() -> None:
    assert found(template(body_comment="  # walint: ignore[WA401]")) == {("WA101", 1)}
    assert found(template(body_comment="  # walint: ignore[WA4]")) == {("WA101", 1)}
    assert found(template(name_comment="  # walint: ignore[name-charset]")) == {("WA401", 6)}


def test_alone_on_the_line_above() -> None:
    assert found(template(above="    # walint: ignore[WA401]\n")) == {("WA101", 1)}


def test_a_suppression_covers_its_line_only() -> None:
    # on the name's line, it does not reach the body; the unused entry is reported
    assert found(template(name_comment="  # walint: ignore[WA401]")) == {("WA101", 1), ("WA401", 6), ("WA009", 1)}


def test_ignore_file_anywhere() -> None:
    text = template() + "# walint: ignore-file[WA101, WA401]\n"
    assert found(text) == set()


def test_a_comment_on_the_first_line_of_a_block_scalar_covers_the_whole_string() -> None:
    text = "name: order_update\ncomponents:\n  - type: BODY\n    text: |  # walint: ignore[WA401]\n      Hello\n      {1} there\n"
    assert found(text) == set()
    assert found(text.replace("  # walint: ignore[WA401]", "")) == {("WA401", 6)}


def test_text_inside_a_string_is_not_a_comment() -> None:
    text = template().replace('"Hi {1} and {2}"', '"Hi {1} # walint: ignore[WA401]"')
    assert ("WA401", 6) in found(text)


def test_json_files_have_no_comments() -> None:
    text = '{"name": "order_update", "components": [{"type": "BODY", "text": "Hi {1} # walint: ignore[WA401]"}]}'
    assert found(text, "case.json") == {("WA401", 1)}


def test_in_a_file_that_does_not_parse_nothing_is_reported_unused() -> None:
    broken = template(body_comment="  # walint: ignore[WA401]") + "oops: \"\n"
    result = lint_text(broken, "case.yaml", select=["WA001", "WA009"])
    assert [d.code for d in result.diagnostics] == ["WA001"]
    result = lint_text(broken + "# walint: ignore-file[syntax-error]\n", "case.yaml", select=["WA001", "WA009"])
    assert result.diagnostics == []


def test_the_readme_example_suppresses_everything_it_shows() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Suppressing a diagnostic in YAML") :]
    example = section[section.index("```yaml\n") + 8 : section.index("```", section.index("```yaml\n") + 8)]
    assert lint_text(example).diagnostics == []
    assert {d.code for d in lint_text(example.replace("# walint:", "# ---")).diagnostics} >= {"WA101", "WA202", "WA401", "WA404"}


def test_suppressions_hold_when_files_are_checked_in_several_processes(tmp_path) -> None:
    """With --jobs, workers check the files and the main process applies the comments: same output."""
    import subprocess
    import sys

    for index in range(3):
        (tmp_path / f"t{index}.yaml").write_text(
            "name: x\nlanguage: en\ncategory: UTILITY\ncomponents:\n"
            f"  - type: BODY\n    text: \"Hi {{{index}}} there\"  # walint: ignore[WA401, WA101]\n",
            encoding="utf-8",
        )
    outputs = [
        subprocess.run([sys.executable, "-m", "walint", "check", "--format", "concise", "--jobs", jobs, str(tmp_path)],
                       capture_output=True, text=True, timeout=120).stdout
        for jobs in ("1", "2")
    ]
    assert outputs[0] == outputs[1]
    assert "WA401" not in outputs[0] and outputs[0].count("WA009") == 3  # WA101 suppresses nothing, in each file
