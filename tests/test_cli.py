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


# --- the `walint` command ends its process at once (walint.cli.run) -------------------------------------


def test_the_command_ends_without_the_interpreter_teardown_but_with_its_output_flushed(tmp_path: Path) -> None:
    """What `run` skips: the teardown, where atexit handlers run. What it keeps: the exit status, and
    output still in a buffer (a pipe is block-buffered; the report goes to a file here)."""
    program = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('torn down'))\n"
        "sys.stdout.write('written before the run')\n"
        "from walint.cli import run\n"
        "sys.argv = ['walint', 'check', '--jobs', '1', '--output-file', sys.argv[1], sys.argv[2]]\n"
        "run()\n"
    )
    report = tmp_path / "report.txt"
    buffered = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
    done = subprocess.run([sys.executable, "-c", program, str(report), str(EXAMPLES / "bad")], capture_output=True, text=True, timeout=120, env=buffered)
    assert done.returncode == 1
    assert done.stdout == "written before the run"
    assert report.read_text(encoding="utf-8").rstrip().splitlines()[-1].startswith("Found ")


def test_the_command_writes_all_of_a_report_larger_than_a_pipe_holds(tmp_path: Path) -> None:
    """The report is flushed before the process ends: a pipe holds 64 KB, this report is larger."""
    body = "Hello {{1}}, your order {{2}} has shipped. Reply STOP to opt out."
    templates = [
        {"name": f"Bad Name {index}", "language": "en_US", "category": "UTILITY",
         "components": [{"type": "BODY", "text": body}]}
        for index in range(300)
    ]
    corpus = tmp_path / "many.json"
    corpus.write_text(json.dumps(templates), encoding="utf-8")
    done = run("check", "--format", "json", str(corpus))
    in_process = CliRunner().invoke(main, ["check", "--format", "json", str(corpus)])
    assert len(done.stdout.encode("utf-8")) > 65536
    assert done.returncode == in_process.exit_code == 1
    assert json.loads(done.stdout) == json.loads(in_process.output)


@pytest.mark.parametrize(("code", "status", "stderr"), [(None, 0, ""), (0, 0, ""), (1, 1, ""), (2, 2, ""), ("walint: stop", 1, "walint: stop\n")])
def test_end_process_exits_with_the_status_a_system_exit_gives(code: object, status: int, stderr: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from walint import cli

    class Ended(Exception):
        pass

    def fake_exit(value: int) -> None:
        raise Ended(value)

    monkeypatch.setattr(cli.os, "_exit", fake_exit)
    with pytest.raises(Ended) as ended:
        cli.end_process(code)
    assert ended.value.args == (status,)
    assert capsys.readouterr().err == stderr


def test_end_process_still_exits_when_the_reader_went_away(monkeypatch: pytest.MonkeyPatch) -> None:
    """`walint check | head`: flushing the rest of the report fails; the status is walint's own."""
    from walint import cli

    class ClosedPipe:
        def flush(self) -> None:
            raise BrokenPipeError(32, "Broken pipe")

    statuses: list[int] = []
    monkeypatch.setattr(cli.os, "_exit", statuses.append)
    monkeypatch.setattr(cli.sys, "stdout", ClosedPipe())
    cli.end_process(1)
    assert statuses == [1]
