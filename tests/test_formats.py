"""The output formats for CI and editors (sarif, github, json-lines, concise) and the options around
them (--statistics, --output-file, --exit-zero, --stdin-filename)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from walint.cli import main

SARIF_SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))

# WA101 on the name, WA401 twice in the body (the same text twice), and what else the rules find
BAD = """\
name: Order_Update
language: en_US
category: UTILITY
components:
  - type: BODY
    text: "Hi {1}, again {1}"
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory holding templates/bad.yaml, as a repository root would."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "bad.yaml").write_text(BAD, encoding="utf-8")
    return tmp_path


def walint(*args: str, stdin: str | None = None):
    return CliRunner().invoke(main, list(args), input=stdin)


def sarif_of(*args: str) -> dict:
    done = walint("check", "--format", "sarif", *args)
    assert done.exit_code == 1, done.output
    return json.loads(done.output)


def test_sarif_validates_and_has_what_code_scanning_reads(project: Path) -> None:
    log = sarif_of("templates")
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    [run] = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "walint" and driver["version"] and driver["semanticVersion"]
    assert driver["informationUri"].startswith("https://")
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == project.as_uri() + "/"
    ids = [rule["id"] for rule in driver["rules"]]
    assert {"WA101", "WA401"} <= set(ids) and ids == sorted(ids)
    wa401 = driver["rules"][ids.index("WA401")]
    assert wa401["name"] == "malformed-placeholder"
    assert wa401["shortDescription"]["text"] and wa401["fullDescription"]["text"]
    assert "## Why is this bad?" in wa401["help"]["markdown"] and "Fix:" in wa401["help"]["text"]
    assert wa401["helpUri"].startswith("https://") and wa401["defaultConfiguration"]["level"] == "error"
    assert "placeholders" in wa401["properties"]["tags"]
    [first, second] = [r for r in run["results"] if r["ruleId"] == "WA401"]
    assert first["ruleIndex"] == ids.index("WA401") and first["level"] == "error" and "{1}" in first["message"]["text"]
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "templates/bad.yaml", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 6, "startColumn": 15, "endLine": 6, "endColumn": 18}
    # the same text twice in one field: two distinct fingerprints
    assert first["partialFingerprints"] != second["partialFingerprints"]


def test_sarif_fingerprints_survive_moved_lines_and_change_with_the_finding(project: Path) -> None:
    def fingerprints() -> list[tuple[str, str]]:
        results = sarif_of("--select", "WA101,WA401", "templates")["runs"][0]["results"]
        return sorted((r["ruleId"], r["partialFingerprints"]["walintFingerprint/v1"]) for r in results)

    before = fingerprints()
    bad = project / "templates" / "bad.yaml"
    # unrelated lines above, keys in another order, a component before the body: the findings move
    moved = "# order templates\n\n" + BAD.replace("language: en_US\ncategory: UTILITY\n", "category: UTILITY\nlanguage: en_US\n")
    bad.write_text(moved.replace("components:", "components:\n  - type: HEADER\n    format: TEXT\n    text: Your order"), encoding="utf-8")
    assert fingerprints() == before
    # other offending text is another finding; the name's finding stays the same one
    bad.write_text(BAD.replace("{1}", "{2}"), encoding="utf-8")
    changed = fingerprints()
    assert [f for f in changed if f[0] == "WA401"] != [f for f in before if f[0] == "WA401"]
    assert [f for f in changed if f[0] == "WA101"] == [f for f in before if f[0] == "WA101"]


def test_sarif_of_a_clean_run_is_valid(project: Path) -> None:
    (project / "templates" / "bad.yaml").write_text(BAD.replace("Order_Update", "order_update").replace("{1}", "{{1}}"), encoding="utf-8")
    done = walint("check", "--format", "sarif", "--select", "WA101", "templates")
    assert done.exit_code == 0
    log = json.loads(done.output)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    assert log["runs"][0]["results"] == [] and log["runs"][0]["tool"]["driver"]["rules"] == []


def test_github_annotations(project: Path) -> None:
    done = walint("check", "--format", "github", "--select", "WA101,WA401", "templates")
    lines = done.output.splitlines()
    message = json.loads(walint("check", "--format", "json", "--select", "WA101", "templates").output)[0]["message"]
    assert lines[0] == f"::error file=templates/bad.yaml,line=1,col=7,endLine=1,endColumn=8,title=WA101 name-charset::{message}"
    assert all(line.startswith("::error ") for line in lines) and len(lines) == 3


def test_github_escapes_data_and_properties() -> None:
    from walint.diagnostics import Diagnostic
    from walint.report.github import annotation

    d = Diagnostic("a,b:c.yaml", None, "WA001", "syntax-error", "info", "100% wrong\r\nhere", 1, 2, 1, 3, "u")
    assert annotation(d) == "::notice file=a%2Cb%3Ac.yaml,line=1,col=2,endLine=1,endColumn=3,title=WA001 syntax-error::100%25 wrong%0D%0Ahere"


def test_json_lines_has_the_json_keys(project: Path) -> None:
    as_json = json.loads(walint("check", "--format", "json", "templates").output)
    lines = walint("check", "--format", "json-lines", "templates").output.splitlines()
    assert [json.loads(line) for line in lines] == as_json


def test_concise(project: Path) -> None:
    done = walint("check", "--format", "concise", "--select", "WA401", "templates")
    message = json.loads(walint("check", "--format", "json", "--select", "WA401", "templates").output)[0]["message"]
    assert done.output.splitlines() == [f"templates/bad.yaml:6:15: WA401 {message}", f"templates/bad.yaml:6:26: WA401 {message}"]


def test_statistics_counts_per_rule_most_frequent_first(project: Path) -> None:
    done = walint("check", "--statistics", "--select", "WA101,WA401", "templates")
    assert done.output.splitlines() == ["2  WA401  malformed-placeholder", "1  WA101  name-charset"]
    assert done.exit_code == 1
    rows = json.loads(walint("check", "--statistics", "--format", "json", "--select", "WA101,WA401", "templates").output)
    assert rows == [{"code": "WA401", "name": "malformed-placeholder", "count": 2}, {"code": "WA101", "name": "name-charset", "count": 1}]


def test_output_file_and_exit_zero(project: Path) -> None:
    done = walint("check", "--format", "sarif", "--output-file", "walint.sarif", "--exit-zero", "templates")
    assert done.exit_code == 0 and done.output == ""
    assert json.loads((project / "walint.sarif").read_text(encoding="utf-8"))["runs"][0]["results"]


def test_exit_zero_keeps_exit_2_for_a_failed_run(project: Path) -> None:
    assert walint("check", "--exit-zero", "templates", "missing.yaml").exit_code == 2


def test_unwritable_output_file_is_exit_2(project: Path) -> None:
    done = walint("check", "--output-file", str(project / "no" / "such" / "dir.txt"), "templates")
    assert done.exit_code == 2 and "cannot write" in done.output and "Traceback" not in done.output


def test_stdin_filename_names_the_diagnostics(project: Path) -> None:
    done = walint("check", "--format", "json", "--stdin-filename", "templates/edited.yaml", "-", stdin=BAD)
    assert {d["filename"] for d in json.loads(done.output)} == {"templates/edited.yaml"}
    # without a path, --stdin-filename reads standard input as well
    alone = walint("check", "--format", "json", "--stdin-filename", "templates/edited.yaml", stdin=BAD)
    assert json.loads(alone.output) == json.loads(done.output)


def test_stdin_filename_with_paths_but_no_dash_is_a_usage_error(project: Path) -> None:
    done = walint("check", "--stdin-filename", "x.yaml", "templates")
    assert done.exit_code == 2 and "Traceback" not in done.output


def test_skip_non_templates_passes_over_named_files_without_templates(project: Path) -> None:
    (project / "docker-compose.yml").write_text("services:\n  web:\n    image: nginx\n", encoding="utf-8")
    named = json.loads(walint("check", "--format", "json", "docker-compose.yml").output)
    assert [d["code"] for d in named] == ["WA004"]
    skipped = walint("check", "--format", "json", "--skip-non-templates", "docker-compose.yml", "templates/bad.yaml")
    assert "docker-compose.yml" not in {d["filename"] for d in json.loads(skipped.output)} and skipped.exit_code == 1
