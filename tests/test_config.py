"""Configuration files: discovery per file, every key, command-line overrides, and the one-line errors
that name the file, the line and the key."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from walint.cli import main

# WA101 (name), WA201 (language), WA401 (placeholder)
BAD = """\
name: Order_Update
language: en-US
category: UTILITY
components:
  - type: BODY
    text: "Hi {1}"
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "bad.yaml").write_text(BAD, encoding="utf-8")
    return tmp_path


def codes(*args: str, stdin: str | None = None) -> set[str]:
    done = CliRunner().invoke(main, ["check", "--format", "json", *args], input=stdin)
    assert done.exit_code in (0, 1), done.output
    return {d["code"] for d in json.loads(done.output)}


def failure(*args: str) -> str:
    done = CliRunner().invoke(main, ["check", *args])
    assert done.exit_code == 2, done.output
    assert "Traceback" not in done.output and len(done.output.splitlines()) == 1
    return done.output.strip()


def test_without_configuration_every_rule_runs(repo: Path) -> None:
    assert {"WA101", "WA201", "WA401"} <= codes("templates")


@pytest.mark.parametrize("name", [".walint.yaml", ".walint.yml"])
def test_ignore_in_walint_yaml(repo: Path, name: str) -> None:
    (repo / name).write_text("ignore: [WA401, name-charset]\n", encoding="utf-8")
    found = codes("templates")
    assert "WA201" in found and not {"WA101", "WA401"} & found


def test_ignore_in_pyproject(repo: Path) -> None:
    (repo / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.walint]\nignore = ["WA4"]\n', encoding="utf-8")
    assert "WA401" not in codes("templates") and "WA101" in codes("templates")


def test_pyproject_without_tool_walint_is_not_a_configuration(repo: Path) -> None:
    (repo / "templates" / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    (repo / ".walint.yaml").write_text("ignore: [WA1]\n", encoding="utf-8")
    assert "WA101" not in codes("templates")


def test_the_nearest_configuration_applies_to_each_file(repo: Path) -> None:
    (repo / ".walint.yaml").write_text("ignore: [WA401]\n", encoding="utf-8")
    other = repo / "other"
    other.mkdir()
    (other / "bad.yaml").write_text(BAD.replace("Order_Update", "Other_Update"), encoding="utf-8")
    (other / ".walint.yaml").write_text("ignore: [WA101]\n", encoding="utf-8")
    done = CliRunner().invoke(main, ["check", "--format", "json", "templates", "other"])
    by_file = {}
    for d in json.loads(done.output):
        by_file.setdefault(d["filename"], set()).add(d["code"])
    assert "WA401" not in by_file["templates/bad.yaml"] and "WA101" in by_file["templates/bad.yaml"]
    assert "WA101" not in by_file["other/bad.yaml"] and "WA401" in by_file["other/bad.yaml"]


def test_config_option_applies_to_every_file(repo: Path) -> None:
    (repo / "templates" / ".walint.yaml").write_text("ignore: [WA401]\n", encoding="utf-8")
    (repo / "strict.yaml").write_text("select: [WA4]\n", encoding="utf-8")
    assert codes("--config", "strict.yaml", "templates") == {"WA401"}


def test_select_extend_select_and_command_line_overrides(repo: Path) -> None:
    (repo / ".walint.yaml").write_text("select: [WA1]\nextend-select: [WA201]\n", encoding="utf-8")
    assert codes("templates") == {"WA101", "WA201"}
    assert codes("--select", "WA4", "templates") == {"WA401", "WA201"}  # --select replaces select only
    assert codes("--ignore", "WA201", "templates") == {"WA101"}  # --ignore adds to the configuration
    assert codes("--extend-select", "WA401", "templates") == {"WA101", "WA201", "WA401"}


def test_severity_and_rule_options(repo: Path) -> None:
    (repo / ".walint.yaml").write_text(
        "select: [WA101, WA301]\nseverity:\n  name-charset: warning\nrule-options:\n  WA301: {max: 5}\n", encoding="utf-8"
    )
    done = CliRunner().invoke(main, ["check", "--format", "json", "templates"])
    found = {d["code"]: d["severity"] for d in json.loads(done.output)}
    assert found == {"WA101": "warning", "WA301": "error"}


def test_per_file_ignores(repo: Path) -> None:
    (repo / "templates" / "legacy").mkdir()
    (repo / "templates" / "legacy" / "old.json").write_text(json.dumps(yaml.safe_load(BAD)), encoding="utf-8")
    (repo / ".walint.yaml").write_text('per-file-ignores:\n  "templates/legacy/**": [WA1, WA4]\n  "bad.yaml": [WA201]\n', encoding="utf-8")
    done = CliRunner().invoke(main, ["check", "--format", "json", "templates"])
    by_file = {}
    for d in json.loads(done.output):
        by_file.setdefault(d["filename"], set()).add(d["code"])
    assert not {"WA101", "WA401"} & by_file["templates/legacy/old.json"] and "WA201" in by_file["templates/legacy/old.json"]
    assert "WA201" not in by_file["templates/bad.yaml"] and {"WA101", "WA401"} <= by_file["templates/bad.yaml"]


def test_stdin_filename_finds_the_configuration_and_per_file_ignores(repo: Path) -> None:
    (repo / "templates" / ".walint.yaml").write_text('ignore: [WA201]\nper-file-ignores:\n  "edited.yaml": [WA1]\n', encoding="utf-8")
    assert codes("--stdin-filename", "templates/edited.yaml", "-", stdin=BAD) == {"WA401"}
    assert {"WA101", "WA201"} <= codes("-", stdin=BAD)  # plain stdin: the working directory's (none here)


def test_rule_packs_are_relative_to_the_configuration(repo: Path) -> None:
    (repo / "config").mkdir()
    (repo / "config" / "house.yaml").write_text(
        """\
rules:
  - code: HOUSE001
    name: house-short-body
    severity: warning
    confidence: S
    summary: Bodies stay short.
    message: "the body has {length} characters; the house limit is {max}"
    check: max_length
    options: {field: body, max: 3}
    docs: {what: w, why: w, example: e, fix: f}
""",
        encoding="utf-8",
    )
    (repo / "config" / "walint.yml").write_text("rule-packs: [house.yaml]\nselect: [HOUSE]\n", encoding="utf-8")
    assert codes("--config", "config/walint.yml", "templates") == {"HOUSE001"}


def test_schema_config_is_the_json_schema_of_the_settings(repo: Path) -> None:
    done = CliRunner().invoke(main, ["schema", "config"])
    schema = json.loads(done.output)
    assert {"select", "extend-select", "ignore", "per-file-ignores", "severity", "rule-options", "rule-packs", "character-counting"} == set(schema["properties"])
    jsonschema.validate({"select": ["WA4"], "severity": {"WA401": "warning"}}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"selec": ["WA4"]}, schema)


# --- errors: exit 2, one line naming the file, the line and the key -----------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("select: [WA1]\nselec: [WA4]\n", 'walint: .walint.yaml:2: unknown key "selec"'),
        ("character-counting: bytes\n", 'walint: .walint.yaml:1: "character-counting": Input should be \'code-points\' or \'utf-16\''),
        ("severity:\n  WA401: fatal\n", 'walint: .walint.yaml:2: "severity.WA401": Input should be \'error\', \'warning\' or \'info\''),
        ("severity:\n  WA999: error\n", 'walint: .walint.yaml:2: "severity": no rule "WA999" (a code such as WA301 or a name such as body-too-long)'),
        ("ignore:\n  - WA1\n  - WA99\n", 'walint: .walint.yaml:3: "ignore": no rule matches "WA99"'),
        ("per-file-ignores:\n  x.yaml: WA1\n", 'walint: .walint.yaml:2: "per-file-ignores.x.yaml": Input should be a valid list'),
        ("rule-options:\n  WA301:\n    max: lots\n", "walint: .walint.yaml:2: \"rule-options\": rule WA301: option `max`: Input should be a valid integer, unable to parse string as an integer"),
        ("select: [WA1\n", "walint: .walint.yaml:2: not valid YAML: expected ',' or ']', but got '<stream end>'"),
        ("- WA1\n", "walint: .walint.yaml:1: the configuration must be a mapping of keys such as `select:`"),
    ],
)
def test_bad_walint_yaml(repo: Path, text: str, expected: str) -> None:
    (repo / ".walint.yaml").write_text(text, encoding="utf-8")
    assert failure("templates") == expected


def test_bad_pyproject(repo: Path) -> None:
    (repo / "pyproject.toml").write_text('[tool.walint]\nselect = ["WA1"]\nignored = ["WA4"]\n', encoding="utf-8")
    assert failure("templates") == 'walint: pyproject.toml:3: unknown key "ignored"'
    (repo / "pyproject.toml").write_text("[tool.walint]\nselect = [\n", encoding="utf-8")
    assert failure("templates").startswith("walint: pyproject.toml: not valid TOML: ")


def test_missing_config_option_file_and_unknown_cli_rule(repo: Path) -> None:
    assert failure("--config", "nope.yaml", "templates") == "walint: nope.yaml: no such configuration file"
    assert failure("--select", "WA99", "templates") == 'walint: --select: no rule matches "WA99"'


@pytest.mark.parametrize(("language", "name"), [("yaml", ".walint.yaml"), ("toml", "pyproject.toml")])
def test_the_readme_examples_are_valid_configurations(repo: Path, language: str, name: str) -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Configuration") :]
    example = section[section.index(f"```{language}\n") + len(language) + 4 : section.index("```", section.index(f"```{language}\n") + 4)]
    (repo / "lint").mkdir()
    (repo / "lint" / "house-rules.yaml").write_text("rules: []\n", encoding="utf-8")
    (repo / name).write_text(example, encoding="utf-8")
    assert "WA101" in codes("templates")


def test_banned_words_from_a_config_file_are_enforced(tmp_path) -> None:
    """A user's own banned words, from .walint.yaml (and from pyproject.toml), without writing Python."""
    import json
    import subprocess
    import sys

    template = "name: delivery\nlanguage: en\ncategory: UTILITY\ncomponents:\n  - type: BODY\n    text: \"Delivery is guaranteed by {{1}} today.\"\n"
    for config_name, config in (
        (".walint.yaml", "rule-options:\n  banned-words: {terms: [guaranteed]}\n"),
        ("pyproject.toml", "[tool.walint.rule-options.banned-words]\nterms = [\"guaranteed\"]\n"),
    ):
        project = tmp_path / config_name.strip(".").replace(".", "_")
        project.mkdir()
        (project / config_name).write_text(config, encoding="utf-8")
        (project / "t.yaml").write_text(template, encoding="utf-8")
        done = subprocess.run([sys.executable, "-m", "walint", "check", "--format", "json", "t.yaml"], cwd=project,
                              capture_output=True, text=True, timeout=120)
        banned = [d for d in json.loads(done.stdout) if d["name"] == "banned-words"]
        assert [(d["location"], d["end_location"]) for d in banned] == [({"row": 6, "column": 24}, {"row": 6, "column": 34})], config_name
        assert done.returncode == 1
