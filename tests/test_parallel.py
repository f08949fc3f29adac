"""Work spread over processes gives the output of one process: files over workers, and one file's
templates over forked workers."""

from __future__ import annotations

import multiprocessing
import subprocess
import sys
from pathlib import Path

import pytest

from walint import engine
from walint.checks import Finding, check
from walint.rule_packs import load_rules
from conftest import Linter, Settings

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
from generate import write_corpus  # noqa: E402

needs_fork = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="the platform cannot fork")


@check("test_fails_on_every_third")
def _fails_on_every_third(unit, options):
    """A third-party check with a bug: the engine reports it as a rule error and goes on."""
    if unit.name and unit.name.endswith(("0", "3", "6", "9")):
        raise ValueError(f"cannot read {unit.name}")
    yield Finding(("name",), 0, 1, {})


def _rules(tmp_path: Path):
    pack = tmp_path / "buggy.yaml"
    pack.write_text(
        "rules:\n  - {code: TST001, name: buggy-check, severity: info, confidence: R, summary: s, message: first letter,\n"
        "     check: test_fails_on_every_third, docs: {what: w, why: y, example: e, fix: f}}\n",
        encoding="utf-8",
    )
    return load_rules([pack])


def _outcome(result) -> tuple:
    return [d.__repr__() for d in result.diagnostics], result.run_errors, result.templates_checked


@needs_fork
@pytest.mark.parametrize("jobs", [2, 3])
def test_one_file_spread_over_forked_workers_gives_the_output_of_one_process(tmp_path, monkeypatch, jobs) -> None:
    corpus = write_corpus(tmp_path / "one.yaml", 90)[0]
    rules = _rules(tmp_path)
    single = Linter(rules, Settings())
    expected = single.lint([_file(corpus)])
    monkeypatch.setattr(engine, "SHARDED_FROM", 10)
    spread = Linter(rules, Settings())
    spread.template_jobs = jobs
    got = spread.lint([_file(corpus)])
    assert expected.diagnostics and expected.run_errors  # the comparison below compares something
    assert _outcome(got) == _outcome(expected)


@needs_fork
def test_spreading_is_not_used_for_a_few_templates(tmp_path, monkeypatch) -> None:
    called = []
    monkeypatch.setattr("walint.parallel.check_units_in_shards", lambda *args: called.append(args) or False)
    linter = Linter(load_rules(), Settings())
    linter.template_jobs = 2
    linter.lint([_file(write_corpus(tmp_path / "few.yaml", engine.SHARDED_FROM - 1)[0])])
    assert called == []
    linter.lint([_file(write_corpus(tmp_path / "many.yaml", engine.SHARDED_FROM)[0])])
    assert len(called) == 1


def test_the_cli_gives_the_same_output_whatever_the_jobs_for_one_large_file(tmp_path) -> None:
    corpus = write_corpus(tmp_path / "large.yaml", engine.SHARDED_FROM + 50)[0]
    outputs = {
        jobs: subprocess.run([sys.executable, "-m", "walint", "check", "--format", "json", "--jobs", jobs, str(corpus)],
                             capture_output=True, text=True, timeout=300)
        for jobs in ("1", "2")
    }
    assert outputs["1"].returncode == outputs["2"].returncode == 1
    assert outputs["1"].stdout == outputs["2"].stdout
    assert '"code": "WA' in outputs["1"].stdout


def _file(path: Path):
    from walint.discover import discover

    files, errors = discover([str(path)])
    assert not errors
    return files[0]
