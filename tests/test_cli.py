"""The command line, through click's runner and as a real subprocess: formats, exit codes, errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from walint import __version__
from walint.cli import main

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
JSON_KEYS = {"filename", "template", "code", "name", "severity", "message", "location", "end_location", "url", "fix"}

BAD_YAML = 'name: x\nlanguage: en_US\ncategory: UTILITY\ncomponents:\n  - type: BODY\n    text: "Caf\\u00e9 \\"x\\" {1} ok"\n'


def run(*args: str, stdin: str | None = None, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "walint", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def test_good_examples_pass_with_exit_0() -> None:
    done = run("check", str(EXAMPLES / "good"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("All checks passed")
    assert done.stderr == ""


def test_bad_examples_fail_with_exit_1_and_exact_positions() -> None:
    done = run("check", "examples/bad", "--format", "json", cwd=REPO)
    assert done.returncode == 1
    diagnostics = json.loads(done.stdout)
    assert all(JSON_KEYS <= set(d) for d in diagnostics)
    found = {(d["filename"], d["code"], d["location"]["row"], d["location"]["column"]) for d in diagnostics}
    # the seed's single braces, inside a double-quoted YAML string
    assert ("examples/bad/rappel_rendez_vous.yaml", "WA401", 8, 20) in found
    # after JSON escapes (\n, \", \u2014), the gap in the numbering
    assert ("examples/bad/order_shipped.json", "WA402", 12, 94) in found


def test_json_contract(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(BAD_YAML, encoding="utf-8")
    done = run("check", "--format", "json", str(path))
    [diagnostic] = [d for d in json.loads(done.stdout) if d["code"] == "WA401"]
    assert diagnostic == {
        "filename": diagnostic["filename"],
        "template": "x",
        "code": "WA401",
        "name": "malformed-placeholder",
        "severity": "error",
        "message": "malformed placeholder `{1}`: single braces are not a placeholder; WhatsApp uses double braces; write `{{1}}`",
        "location": {"row": 6, "column": 28},
        "end_location": {"row": 6, "column": 31},
        "url": diagnostic["url"],
        "fix": None,
    }
    assert diagnostic["url"].startswith("https://")


def test_text_format_has_source_line_caret_and_summary(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(BAD_YAML, encoding="utf-8")
    done = run("check", str(path))
    lines = done.stdout.splitlines()
    assert done.returncode == 1
    headline = next(i for i, line in enumerate(lines) if ": WA401 [error]" in line)
    assert lines[headline].endswith("t.yaml:6:28: WA401 [error] malformed placeholder `{1}`: single braces are not a placeholder; WhatsApp uses double braces; write `{{1}}`")
    assert lines[headline + 1] == '6 |     text: "Caf\\u00e9 \\"x\\" {1} ok"'
    assert lines[headline + 2] == "  |                            ^^^"
    assert lines[-1] == "Found 1 error in 1 template in 1 file."
    assert "\x1b[" not in done.stdout  # not a TTY: no colors


def test_stdin() -> None:
    done = run("check", "-", "--format", "json", stdin=BAD_YAML)
    assert done.returncode == 1
    assert {d["filename"] for d in json.loads(done.stdout)} == {"<stdin>"}


def test_missing_path_is_exit_2_and_other_files_still_checked(tmp_path: Path) -> None:
    good = EXAMPLES / "good" / "order_update.yaml"
    done = run("check", str(tmp_path / "nope.yaml"), str(good))
    assert done.returncode == 2
    assert done.stderr.strip() == f"walint: {tmp_path / 'nope.yaml'}: no such file or directory"
    assert "1 template in 1 file" in done.stdout
    assert "Traceback" not in done.stderr


def test_broken_file_is_a_diagnostic_and_others_still_checked(tmp_path: Path) -> None:
    (tmp_path / "a_broken.yaml").write_text("name: x\n  language: [\n", encoding="utf-8")
    (tmp_path / "b_bad.yaml").write_text(BAD_YAML, encoding="utf-8")
    done = run("check", "--format", "json", str(tmp_path))
    codes = {(Path(d["filename"]).name, d["code"]) for d in json.loads(done.stdout)}
    assert ("a_broken.yaml", "WA001") in codes and ("b_bad.yaml", "WA401") in codes
    assert done.returncode == 1 and "Traceback" not in done.stderr


def test_bad_usage_is_exit_2() -> None:
    done = run("check", "--format", "xml", "x")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


def test_select_and_ignore(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(BAD_YAML.replace("name: x", "name: X"), encoding="utf-8")
    runner = CliRunner()
    both = runner.invoke(main, ["check", "--format", "json", str(path)])
    codes = {d["code"] for d in json.loads(both.output)}
    assert {"WA101", "WA401"} <= codes
    only = runner.invoke(main, ["check", "--format", "json", "--select", "WA1", str(path)])
    assert {d["code"] for d in json.loads(only.output)} == {"WA101"}
    ignored = runner.invoke(main, ["check", "--format", "json", "--ignore", "malformed-placeholder,WA1", str(path)])
    assert not {"WA101", "WA401"} & {d["code"] for d in json.loads(ignored.output)}


def test_version() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0 and result.output.strip() == f"walint {__version__}"


def test_rules_lists_every_rule() -> None:
    result = CliRunner().invoke(main, ["rules"])
    assert result.exit_code == 0
    assert any(line.startswith("WA401  malformed-placeholder") and "error" in line for line in result.output.splitlines())
    rows = json.loads(CliRunner().invoke(main, ["rules", "--format", "json"]).output)
    assert {"code", "name", "severity", "summary", "url"} <= set(rows[0])


@pytest.mark.parametrize("key", ["WA203", "wa203", "invalid-category"])
def test_rule_prints_its_docs(key: str) -> None:
    result = CliRunner().invoke(main, ["rule", key])
    assert result.exit_code == 0
    for section in ("# WA203 invalid-category", "## What it does", "## Why is this bad?", "## Example", "## Fix", "## References"):
        assert section in result.output


def test_unknown_rule_is_exit_2() -> None:
    result = CliRunner().invoke(main, ["rule", "WA999"])
    assert result.exit_code == 2 and "no rule 'WA999'" in result.output


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).parent / "walint"
    if not script.exists():
        pytest.skip("walint is not installed as a console script in this environment")
    done = subprocess.run([str(script), "--version"], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == f"walint {__version__}"
