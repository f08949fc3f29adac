"""The per-template rules spread over forked processes give the output of one process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from walint import engine
from walint.checks import Finding, check
from walint.parallel import can_fork
from walint.rule_packs import load_rules
from conftest import Linter, Settings

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
from generate import write_corpus  # noqa: E402

needs_fork = pytest.mark.skipif(not can_fork(), reason="walint forks only on Linux")


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
@pytest.mark.parametrize(("jobs", "files"), [(2, 1), (3, 1), (2, 4)])
def test_templates_spread_over_forked_workers_give_the_output_of_one_process(tmp_path, monkeypatch, jobs, files) -> None:
    write_corpus(tmp_path / "corpus" / ("one.yaml" if files == 1 else ""), 90, files=files)
    rules = _rules(tmp_path)
    expected = Linter(rules, Settings()).lint(_files(tmp_path / "corpus"))
    monkeypatch.setattr(engine, "SHARDED_FROM", 10)
    got = Linter(rules, Settings(), jobs=jobs).lint(_files(tmp_path / "corpus"))
    assert expected.diagnostics and expected.run_errors  # the comparison below compares something
    assert _outcome(got) == _outcome(expected)


@needs_fork
def test_spreading_is_not_used_for_a_few_templates(tmp_path, monkeypatch) -> None:
    called = []
    monkeypatch.setattr("walint.parallel.check_units_in_shards", lambda *args: called.append(args) or False)
    linter = Linter(load_rules(), Settings(), jobs=2)
    linter.lint(_files(write_corpus(tmp_path / "few.yaml", engine.SHARDED_FROM - 1)[0]))
    assert called == []
    linter.lint(_files(write_corpus(tmp_path / "many.yaml", engine.SHARDED_FROM)[0]))
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


def _files(path: Path) -> list:
    from walint.discover import discover

    files, errors = discover([str(path)])
    assert files and not errors
    return files


@needs_fork
def test_output_buffered_before_the_fork_is_written_once(tmp_path) -> None:
    """A forked worker flushes the standard streams it inherited as it ends: what the main process had
    buffered must not come out twice (multiprocessing flushes them before it forks; this keeps it so)."""
    corpus = write_corpus(tmp_path / "large.yaml", engine.SHARDED_FROM + 10)[0]
    script = (
        "import sys\n"
        "from walint.config import Settings\nfrom walint.discover import discover\nfrom walint.engine import Linter\n"
        "from walint.rule_packs import load_rules\n"
        "sys.stdout.write('written before the run\\n')\n"
        f"files, _ = discover([{str(corpus)!r}])\n"
        "Linter(load_rules(), Settings(), jobs=2).lint(files)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "written before the run\n"


def test_the_default_jobs_are_the_cpus_other_work_leaves_idle(monkeypatch) -> None:
    from walint import parallel

    monkeypatch.setattr(parallel.os, "sched_getaffinity", lambda pid: {0, 1, 2, 3}, raising=False)
    monkeypatch.setattr(parallel, "_running_elsewhere", lambda: 9)
    for load, jobs in [(0.0, 4), (0.4, 4), (1.2, 3), (2.6, 1), (3.9, 1), (12.0, 1)]:
        monkeypatch.setattr(parallel.os, "getloadavg", lambda load=load: (load, load, load))
        assert parallel.default_jobs() == jobs, load

    def no_load_average():
        raise OSError("no load average here")

    monkeypatch.setattr(parallel.os, "getloadavg", no_load_average)
    monkeypatch.setattr(parallel, "_running_elsewhere", lambda: None)
    assert parallel.default_jobs() == 4


def test_a_busy_core_must_be_busy_now_as_well_as_over_the_last_minute(monkeypatch) -> None:
    """The load average still counts a job that ended seconds ago (or, on some virtual machines,
    reads about 1 when idle): the tasks running at this instant overrule it, and the other way round."""
    from walint import parallel

    monkeypatch.setattr(parallel.os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    monkeypatch.setattr(parallel.os, "getloadavg", lambda: (0.9, 0.9, 0.9))
    for running, jobs in [(0, 2), (1, 1), (5, 1)]:
        monkeypatch.setattr(parallel, "_running_elsewhere", lambda running=running: running)
        assert parallel.default_jobs() == jobs, running
    monkeypatch.setattr(parallel.os, "getloadavg", lambda: (0.0, 0.0, 0.0))
    monkeypatch.setattr(parallel, "_running_elsewhere", lambda: 3)
    assert parallel.default_jobs() == 2


def test_the_tasks_running_now_are_read_from_proc_loadavg(tmp_path) -> None:
    from walint import parallel

    fake = tmp_path / "loadavg"
    for text, expected in [("0.91 0.87 0.91 3/75 23949\n", 2), ("0.91 0.87 0.91 1/75 23949\n", 0), ("garbage\n", None)]:
        fake.write_text(text)
        assert parallel._running_elsewhere(str(fake)) == expected, text
    assert parallel._running_elsewhere(str(tmp_path / "missing")) is None
    if Path("/proc/loadavg").exists():
        assert isinstance(parallel._running_elsewhere(), int)
