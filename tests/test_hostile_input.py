"""Hostile and broken input through the real command line (issue 7): a diagnostic or one line on stderr,
never a traceback, never a hang, never more than a bounded amount of memory, never a change to the files.

Every run is a subprocess with a timeout (a hang fails the test) under an address-space limit (an
alias bomb that expanded would die of it).
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import stat
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import lint_text
from hostile_files import BAD_TEMPLATE, HOSTILE_FILES, OVERSIZED, SENTINEL, Hostile, template, write_oversized

from walint import checks
from walint.discover import discover
from walint.engine import Linter
from walint.rule_packs import load_rules

REPO = Path(__file__).resolve().parent.parent
TIMEOUT = 120  # seconds; every case ends in a few, this only turns a hang into a failure
MEMORY_LIMIT = 768 * 2**20  # address space; the worst file (30 MB string) peaks near 190 MB resident


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def walint(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "walint", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env={**os.environ, **(env or {})},
        timeout=TIMEOUT,
        preexec_fn=_limit_memory if sys.platform.startswith("linux") else None,
    )


def assert_clean_failure(done: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in done.stderr and "Traceback" not in done.stdout, done.stderr
    assert all(line.startswith("walint: ") for line in done.stderr.splitlines()), done.stderr


def assert_reported(diagnostics: list[dict], hostile: Hostile, filename: str) -> None:
    for code, words in hostile.expected:
        found = [d for d in diagnostics if d["filename"] == filename and d["code"] == code and words in d["message"]]
        assert found, f"{filename}: no {code} saying {words!r} in {[(d['code'], d['message'][:80]) for d in diagnostics]}"
    if hostile.where is not None:
        first = found_first(diagnostics, hostile, filename)
        assert (first["location"]["row"], first["location"]["column"]) == hostile.where


def found_first(diagnostics: list[dict], hostile: Hostile, filename: str) -> dict:
    code, words = hostile.expected[0]
    return next(d for d in diagnostics if d["filename"] == filename and d["code"] == code and words in d["message"])


def assert_positions_are_ordered(diagnostics: list[dict]) -> None:
    for d in diagnostics:
        start, end = (d["location"]["row"], d["location"]["column"]), (d["end_location"]["row"], d["end_location"]["column"])
        assert 1 <= start[0] and 1 <= start[1] and start <= end, d


# --- each hostile file alone ----------------------------------------------------------------------------


@pytest.mark.parametrize("hostile", HOSTILE_FILES, ids=lambda hostile: hostile.filename)
def test_each_hostile_file_alone(tmp_path: Path, hostile: Hostile) -> None:
    hostile.write(tmp_path)
    done = walint("check", "--format", "json", hostile.filename, cwd=tmp_path)
    assert_clean_failure(done)
    assert (done.returncode, done.stderr) == (hostile.exit_code, "")
    diagnostics = json.loads(done.stdout)
    assert_reported(diagnostics, hostile, hostile.filename)
    assert_positions_are_ordered(diagnostics)
    assert not (tmp_path / SENTINEL).exists()


def test_control_characters_from_a_file_do_not_reach_the_terminal(tmp_path: Path) -> None:
    hostile = next(h for h in HOSTILE_FILES if h.filename == "control_characters.json")
    hostile.write(tmp_path)
    done = walint("check", hostile.filename, cwd=tmp_path)
    assert done.returncode == 1
    assert "\x1b" not in done.stdout and "\x07" not in done.stdout
    assert "`␛` `[` `J` `␇`" in done.stdout  # the characters the name may not have, made visible


@pytest.mark.parametrize("counting", ["code-points", "utf-16"])
def test_lone_surrogates_are_written_as_escapes(tmp_path: Path, counting: str) -> None:
    """They used to fail the whole output with a UnicodeEncodeError, and UTF-16 counting with it."""
    hostile = next(h for h in HOSTILE_FILES if h.filename == "lone_surrogates.json")
    hostile.write(tmp_path)
    text = walint("check", "--character-counting", counting, hostile.filename, cwd=tmp_path)
    as_json = walint("check", "--format", "json", "--character-counting", counting, hostile.filename, cwd=tmp_path)
    assert (text.returncode, text.stderr, as_json.returncode, as_json.stderr) == (1, "", 1, "")
    assert "(`\\ud800`)" in text.stdout
    assert {d["template"] for d in json.loads(as_json.stdout)} == {"bad\ud800name"}


def test_a_file_name_that_is_not_utf_8_is_written_as_an_escape(tmp_path: Path) -> None:
    try:
        (tmp_path / os.fsdecode(b"caf\xe9.json")).write_text(json.dumps(template(name="Bad")), encoding="utf-8")
    except (OSError, UnicodeError):
        pytest.skip("this file system only takes UTF-8 names")
    done = walint("check", ".", cwd=tmp_path)
    assert (done.returncode, done.stderr) == (1, "")
    assert done.stdout.startswith("caf\\udce9.json:1:11: WA101")


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    write_oversized(tmp_path)
    done = walint("check", "--format", "json", OVERSIZED, cwd=tmp_path)
    assert_clean_failure(done)
    [diagnostic] = json.loads(done.stdout)
    assert (done.returncode, diagnostic["code"]) == (1, "WA002")
    assert diagnostic["message"] == "file larger than 64 MB; walint does not read it"


def test_a_syntax_error_names_where_its_construct_began_once(tmp_path: Path) -> None:
    (tmp_path / "t.yaml").write_text("name: first\n---\nname: second\nbody: [1, 2\nnext: 3\n", encoding="utf-8")
    done = walint("check", "--format", "json", "t.yaml", cwd=tmp_path)
    [syntax] = [d for d in json.loads(done.stdout) if d["code"] == "WA001"]
    assert syntax["message"] == "YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence at line 4, column 7)"
    assert "first at" not in syntax["message"]


def test_many_copies_of_one_template_name_a_few_of_the_others_each() -> None:
    """Each of n copies used to list all n-1 others: 20,000 copies were killed for memory."""
    result = lint_text(json.dumps([template()] * 50), "copies.json")
    duplicates = [d for d in result.diagnostics if d.code == "WA701"]
    assert len(duplicates) == 50
    assert all("defined 50 times" in d.message and d.message.count("copies.json:") == 5 for d in duplicates)


# --- paths that cannot be used --------------------------------------------------------------------------


def test_a_path_that_does_not_exist_is_one_line_and_exit_2(tmp_path: Path) -> None:
    BAD_TEMPLATE.write(tmp_path)
    done = walint("check", "--format", "json", "nope.yaml", BAD_TEMPLATE.filename, cwd=tmp_path)
    assert_clean_failure(done)
    assert (done.returncode, done.stderr) == (2, "walint: nope.yaml: no such file or directory\n")
    assert_reported(json.loads(done.stdout), BAD_TEMPLATE, BAD_TEMPLATE.filename)


def test_an_unreadable_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    locked = tmp_path / "locked.yaml"
    locked.write_text("name: x\n", encoding="utf-8")
    locked.chmod(0)
    if os.access(locked, os.R_OK):
        pytest.skip("this user reads files whatever their mode (root); the symlink loop test covers an unreadable entry")
    BAD_TEMPLATE.write(tmp_path)
    done = walint("check", "--format", "json", ".", cwd=tmp_path)
    assert_clean_failure(done)
    assert (done.returncode, done.stderr) == (2, "walint: locked.yaml: cannot read: permission denied\n")
    assert_reported(json.loads(done.stdout), BAD_TEMPLATE, BAD_TEMPLATE.filename)


def test_a_symlink_to_itself_cannot_be_read_and_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "self.yaml").symlink_to("self.yaml")
    BAD_TEMPLATE.write(tmp_path)
    in_folder = walint("check", "--format", "json", ".", cwd=tmp_path)
    named = walint("check", "--format", "json", "self.yaml", cwd=tmp_path)
    for done in (in_folder, named):
        assert_clean_failure(done)
        assert done.returncode == 2
    assert in_folder.stderr == "walint: self.yaml: cannot read: too many levels of symbolic links\n"
    assert named.stderr == "walint: self.yaml: too many levels of symbolic links\n"
    assert_reported(json.loads(in_folder.stdout), BAD_TEMPLATE, BAD_TEMPLATE.filename)


def test_a_folder_with_a_symlink_loop_is_searched_once(tmp_path: Path) -> None:
    inner = tmp_path / "templates" / "inner"
    inner.mkdir(parents=True)
    (inner / "up").symlink_to("..", target_is_directory=True)
    (inner / "back_to_the_top").symlink_to(tmp_path, target_is_directory=True)
    BAD_TEMPLATE.write(inner)
    done = walint("check", "--format", "json", ".", cwd=tmp_path)
    assert_clean_failure(done)
    diagnostics = json.loads(done.stdout)
    assert {d["filename"] for d in diagnostics} == {f"templates/inner/{BAD_TEMPLATE.filename}"}
    assert done.returncode == 1 and len([d for d in diagnostics if d["code"] == "WA401"]) == 1


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_named_pipe_is_passed_over_in_a_folder_and_refused_when_named(tmp_path: Path) -> None:
    """Reading a pipe blocks until someone writes to it: a folder search used to hang on one."""
    os.mkfifo(tmp_path / "pipe.yaml")
    BAD_TEMPLATE.write(tmp_path)
    in_folder = walint("check", "--format", "json", ".", cwd=tmp_path)
    assert_clean_failure(in_folder)
    assert (in_folder.returncode, in_folder.stderr) == (1, "")
    named = walint("check", "pipe.yaml", cwd=tmp_path)
    assert (named.returncode, named.stderr) == (2, "walint: pipe.yaml: not a regular file or directory\n")


# --- configuration files (issue 5 builds them) ----------------------------------------------------------

CONFIG_CASES = [
    pytest.param("select: [WA1]\nignore: WA2: WA3\n", 2, "", id="syntax-error"),
    pytest.param("select: [WA1]\nfrobnicate: 3\n", 2, "frobnicate", id="unknown-key"),
]


@pytest.mark.parametrize("discovered", [False, True], ids=["--config", ".walint.yaml"])
@pytest.mark.parametrize(("text", "line", "key"), CONFIG_CASES)
def test_a_bad_config_file_is_one_line_naming_file_line_and_key(tmp_path: Path, discovered: bool, text: str, line: int, key: str) -> None:
    config = tmp_path / (".walint.yaml" if discovered else "walint-settings.yaml")
    config.write_text(text, encoding="utf-8")
    BAD_TEMPLATE.write(tmp_path)
    options = [] if discovered else ["--config", config.name]
    done = walint("check", *options, BAD_TEMPLATE.filename, cwd=tmp_path)
    assert_clean_failure(done)
    [message] = done.stderr.splitlines()
    assert done.returncode == 2
    assert config.name in message and str(line) in message.replace(config.name, "") and key in message


# --- a third-party check that raises --------------------------------------------------------------------

CRASHING_CHECK = '''
from walint.checks import check

@check("always_crashes")
def always_crashes(unit, options):
    raise RuntimeError("the check fell over")
'''

CRASHING_PACK = """
rules:
  - code: ACME001
    name: crashing-check
    severity: error
    summary: A third-party rule whose check raises.
    message: never shown
    confidence: S
    check: always_crashes
    docs: {what: w, why: w, example: e, fix: f}
"""


def _install_crashing_check(site: Path) -> None:
    """A distribution with an entry point in the group walint.checks, as pip would leave it on sys.path."""
    site.mkdir()
    (site / "walint_crashing_check.py").write_text(CRASHING_CHECK, encoding="utf-8")
    dist_info = site / "walint_crashing_check-1.0.dist-info"
    dist_info.mkdir()
    (dist_info / "METADATA").write_text("Metadata-Version: 2.1\nName: walint-crashing-check\nVersion: 1.0\n", encoding="utf-8")
    (dist_info / "entry_points.txt").write_text("[walint.checks]\ncrashing = walint_crashing_check\n", encoding="utf-8")


def test_a_third_party_check_that_raises_is_one_line_per_template_and_the_run_goes_on(tmp_path: Path, monkeypatch) -> None:
    _install_crashing_check(tmp_path / "site")
    (tmp_path / "pack.yaml").write_text(CRASHING_PACK, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    monkeypatch.setattr(checks, "_REGISTRY", dict(checks._REGISTRY))  # what the entry point adds goes away after
    monkeypatch.setattr(checks, "_entry_points_loaded", False)
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "good.json").write_text(json.dumps(template(name="order_shipped")), encoding="utf-8")
    BAD_TEMPLATE.write(folder)
    files, errors = discover([str(folder)])
    result = Linter(load_rules([tmp_path / "pack.yaml"])).lint(files)
    where = folder.as_posix()
    assert errors == [] and result.run_errors == [
        f"internal error in rule ACME001 (crashing-check, check always_crashes) on template order_shipped in {where}/good.json: RuntimeError: the check fell over",
        f"internal error in rule ACME001 (crashing-check, check always_crashes) on template order_update in {where}/{BAD_TEMPLATE.filename}: RuntimeError: the check fell over",
    ]
    assert [(d.code, d.row, d.column) for d in result.diagnostics] == [("WA401", 6, 17)]


def test_a_third_party_check_that_raises_through_the_command_line_is_exit_2(tmp_path: Path) -> None:
    _install_crashing_check(tmp_path / "site")
    (tmp_path / "pack.yaml").write_text(CRASHING_PACK, encoding="utf-8")
    (tmp_path / "walint-settings.yaml").write_text("rule-packs: [pack.yaml]\n", encoding="utf-8")
    BAD_TEMPLATE.write(tmp_path)
    done = walint("check", "--config", "walint-settings.yaml", BAD_TEMPLATE.filename, cwd=tmp_path, env={"PYTHONPATH": str(tmp_path / "site")})
    assert_clean_failure(done)
    assert done.returncode == 2
    [line] = done.stderr.splitlines()
    assert "ACME001" in line and "order_update" in line and "RuntimeError: the check fell over" in line
    assert f"{BAD_TEMPLATE.filename}:6:17: WA401" in done.stdout


# --- all of them in one folder, beside one bad template ---------------------------------------------------


@pytest.fixture(scope="module")
def hostile_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    for hostile in [*HOSTILE_FILES, BAD_TEMPLATE]:
        hostile.write(folder)
    write_oversized(folder)
    (folder / "unreadable.yaml").symlink_to("unreadable.yaml")
    (folder / "loop").mkdir()
    (folder / "loop" / "up").symlink_to("..", target_is_directory=True)
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pipe.yaml")
    return folder


@dataclass
class FolderRun:
    done: subprocess.CompletedProcess
    before: dict[str, tuple]  # the folder's entries before the run and after it
    after: dict[str, tuple]


@pytest.fixture(scope="module")
def hostile_folder_run(hostile_folder: Path) -> FolderRun:
    """One JSON run over the whole folder, shared by the tests that read it (it takes seconds)."""
    before = _snapshot(hostile_folder)
    done = walint("check", "--format", "json", ".", cwd=hostile_folder, env={"PYTHONHASHSEED": "1"})
    return FolderRun(done, before, _snapshot(hostile_folder))


def _snapshot(folder: Path) -> dict[str, tuple]:
    """Every entry's kind, size, time and content hash, without following links or opening pipes."""
    entries = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if stat.S_ISREG(info.st_mode) else None
        entries[path.relative_to(folder).as_posix()] = (stat.S_IFMT(info.st_mode), info.st_size, info.st_mtime_ns, digest)
    return entries


def test_all_hostile_files_in_one_folder_still_report_the_bad_template(hostile_folder: Path, hostile_folder_run: FolderRun) -> None:
    done = hostile_folder_run.done
    assert_clean_failure(done)
    assert done.returncode == 2  # the unreadable entry
    assert done.stderr == "walint: unreadable.yaml: cannot read: too many levels of symbolic links\n"
    diagnostics = json.loads(done.stdout)
    assert_positions_are_ordered(diagnostics)
    assert_reported(diagnostics, BAD_TEMPLATE, BAD_TEMPLATE.filename)
    for hostile in HOSTILE_FILES:
        if hostile.in_folder_search:
            assert_reported(diagnostics, hostile, hostile.filename)
        else:
            assert all(d["filename"] != hostile.filename for d in diagnostics), hostile.filename
    assert any(d["filename"] == OVERSIZED and d["code"] == "WA002" for d in diagnostics)
    assert not (hostile_folder / SENTINEL).exists()


def test_checking_the_hostile_folder_changes_no_file(hostile_folder_run: FolderRun) -> None:
    assert hostile_folder_run.after == hostile_folder_run.before


# --- the same input, the same bytes out -----------------------------------------------------------------


def test_the_hostile_folder_gives_byte_identical_output_with_another_hash_seed(hostile_folder: Path, hostile_folder_run: FolderRun) -> None:
    first = hostile_folder_run.done
    again = walint("check", "--format", "json", ".", cwd=hostile_folder, env={"PYTHONHASHSEED": "4242"})
    assert (again.returncode, again.stdout, again.stderr) == (first.returncode, first.stdout, first.stderr)


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_the_examples_give_byte_identical_output_run_after_run(output_format: str) -> None:
    runs = [walint("check", "--format", output_format, "examples", "tests/data", cwd=REPO, env={"PYTHONHASHSEED": seed}) for seed in ("0", "1")]
    assert runs[0].stdout  # there is something to compare
    assert all((run.returncode, run.stdout, run.stderr) == (runs[0].returncode, runs[0].stdout, runs[0].stderr) for run in runs[1:])
