"""`walint check --jobs N`: the work spread over N processes, with the same output as one process.

Several files: a file is the unit of work. Each worker loads its files and runs every per-template rule; it sends
back the diagnostics and the templates (TemplateUnits). The main process then runs the rules across
all templates (duplicate names) over every file's templates, in file order, and sorts: the output is
byte for byte that of a run in one process. Source maps hold the whole YAML node tree and do not travel
between processes: the main process reloads a file only if a cross-template finding needs a position
in it, and reads a file's lines (no parsing) only when the text reporter shows them.

One file (a provider's export of thousands of templates): the main process loads it and builds the
templates, then forks; each process runs the per-template rules over its share of the templates,
reading the loaded file and templates it inherited, and only the diagnostics travel back. Where the
platform cannot fork (Windows, and macOS's default), the file is checked in one process.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Callable

from walint.diagnostics import Diagnostic, RunResult
from walint.discover import FileToCheck
from walint.engine import CheckedFile, Linter
from walint.load import SourceMap, load_bytes
from walint.load.source import LineIndex, decode_source
from walint.unit import TemplateUnit


def default_jobs() -> int:
    return os.cpu_count() or 1


def lint_files(linter: Linter, files: list[FileToCheck], stdin: tuple[bytes, str] | None, jobs: int) -> RunResult:
    """Linter.lint, spread over up to `jobs` processes when there is more than one file to check."""
    if len(files) + (stdin is not None) <= 1:
        linter.template_jobs = jobs  # one file: its templates are spread instead (check_units_in_shards)
        return linter.lint(files, stdin)
    jobs = min(jobs, len(files))
    if jobs <= 1:
        return linter.lint(files, stdin)
    from concurrent.futures import ProcessPoolExecutor  # here: 25 ms of imports a one-file run does not pay

    result = RunResult(rules={r.code: r for r in linter.enabled}, sources=dict(linter.rule_set.sources))
    checked: list[CheckedFile] = []
    with ProcessPoolExecutor(jobs, initializer=_start_worker, initargs=(linter,)) as pool:
        # map keeps the order of the files; small chunks keep the workers evenly busy
        for file, outcome in zip(files, pool.map(_check_in_worker, files, chunksize=max(1, len(files) // (jobs * 8)))):
            _merge(result, outcome)
            if outcome.units is not None:
                checked.append(CheckedFile(file.display, _ReloadedSourceMap(file), outcome.suppression_text, outcome.kind, outcome.parsed, outcome.units))
                result.line_getters[file.display] = _FileLines(file).line_text
    if stdin is not None:
        checked.append(linter.check_stdin(stdin, result))
    linter.finish(checked, result)
    return result


@dataclass(slots=True)
class _Outcome:
    """What a worker sends back about one file; units is None when the file could not be read."""

    diagnostics: list[Diagnostic]
    files_checked: int
    templates_checked: int
    run_errors: list[str]
    units: list[TemplateUnit] | None
    # what the main process needs to apply `# walint: ignore[...]` comments: the text only when it has one
    suppression_text: str = ""
    kind: str | None = None
    parsed: bool = False


_worker_linter: Linter | None = None


def _start_worker(linter: Linter) -> None:
    global _worker_linter
    _worker_linter = linter


def _check_in_worker(file: FileToCheck) -> _Outcome:
    result = RunResult()
    checked = _worker_linter.check_path(file, result)
    if checked is None:
        return _Outcome(result.diagnostics, result.files_checked, result.templates_checked, result.run_errors, None)
    text = checked.text if "walint:" in checked.text else ""
    return _Outcome(result.diagnostics, result.files_checked, result.templates_checked, result.run_errors,
                    checked.units, text, checked.kind, checked.parsed)


def _merge(result: RunResult, outcome: _Outcome) -> None:
    result.diagnostics.extend(outcome.diagnostics)
    result.files_checked += outcome.files_checked
    result.templates_checked += outcome.templates_checked
    result.run_errors.extend(outcome.run_errors)


class _FileLines:
    """A file's lines for the reporter, read on first use."""

    def __init__(self, file: FileToCheck) -> None:
        self._file = file
        self._lines: LineIndex | None = None

    def line_text(self, row: int) -> str:
        if self._lines is None:
            text, _problem = decode_source(self._file.path.read_bytes())
            self._lines = LineIndex(text)
        return self._lines.line_text(row)


class _ReloadedSourceMap:
    """A worker's file's source map, loaded again in this process on the first question."""

    def __init__(self, file: FileToCheck) -> None:
        self._file = file
        self._map: SourceMap | None = None

    def __getattr__(self, name: str) -> Callable:
        if self._map is None:
            self._map = load_bytes(self._file.path.read_bytes(), self._file.display).source_map
        return getattr(self._map, name)


# --- one file's templates over forked processes ---------------------------------------------------------

# what the forked workers inherit: set just before the pool forks, cleared once it is done
_shard_job: tuple[Linter, list[TemplateUnit], SourceMap] | None = None


def check_units_in_shards(linter: Linter, units: list[TemplateUnit], source_map: SourceMap, result: RunResult, jobs: int) -> bool:
    """Linter.check_units over `jobs` processes: this one takes the first share, forked workers the
    others. The diagnostics are merged in template order, as one process would list them. False when
    the platform cannot fork or a worker died: the caller then checks the templates itself."""
    global _shard_job
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    if "fork" not in multiprocessing.get_all_start_methods():
        return False
    shards = min(jobs, len(units))
    _shard_job = (linter, units, source_map)
    try:
        with ProcessPoolExecutor(shards - 1, mp_context=multiprocessing.get_context("fork")) as pool:
            futures = [pool.submit(_check_shard, shard, shards) for shard in range(1, shards)]
            found = _check_shard(0, shards)
            for future in futures:
                found.extend(future.result())
    except (BrokenProcessPool, OSError):
        return False
    finally:
        _shard_job = None
    found.sort(key=lambda entry: entry[0])
    for _index, diagnostics, run_errors in found:
        result.diagnostics.extend(diagnostics)
        result.run_errors.extend(run_errors)
    return True


def _check_shard(shard: int, shards: int) -> list[tuple[int, list[Diagnostic], list[str]]]:
    """(template index, its diagnostics, its rule errors) for every `shards`-th template from `shard`."""
    linter, units, source_map = _shard_job
    found = []
    for index in range(shard, len(units), shards):
        unit_result = RunResult()
        linter.check_unit(units[index], source_map, unit_result)
        if unit_result.diagnostics or unit_result.run_errors:
            found.append((index, unit_result.diagnostics, unit_result.run_errors))
    return found
