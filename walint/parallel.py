"""`walint check --jobs N`: the per-template rules spread over N processes, with the output of one.

The main process reads and loads every file and builds every template (about a fifth of a run), then
forks: each process runs the per-template rules, most of a run's work, over its share of the
templates, reading the loaded files and templates it inherited, and only the diagnostics travel back.
They are merged in template order, as one process lists them; the rules across templates (duplicate
names), the suppressions and the sorting then run in the main process, once, as in a run of one
process. Nothing is pickled but diagnostics: sending templates or node trees between processes cost
a third of checking them.

Where the platform cannot fork (Windows; macOS, whose system libraries are not safe to fork), the
rules run in one process.
"""

from __future__ import annotations

import os
import sys

from walint.diagnostics import Diagnostic, RunResult
from walint.engine import Linter
from walint.load import SourceMap
from walint.unit import TemplateUnit


def default_jobs() -> int:
    """The CPUs this process may use that other work does not already keep busy. A worker that has to
    share a core with another job makes the run slower, not faster: measured 10-20% slower on a 2-CPU
    machine with one core taken."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cpus, int(cpus - _busy_cpus() + 0.5)))


def _busy_cpus() -> float:
    """How many CPUs other work keeps busy: the lower of the one-minute load average (as `make -l`
    reads it) and the tasks running elsewhere at this instant. Each alone misleads: the average lags a
    minute behind (it still counts a job that just ended) and some virtual machines report about 1 on
    an idle machine; the instant count takes a passing process for a busy core."""
    estimates = []
    try:
        estimates.append(os.getloadavg()[0])
    except (AttributeError, OSError):  # Windows has no load average
        pass
    running = _running_elsewhere()
    if running is not None:
        estimates.append(running)
    return min(estimates, default=0.0)


def _running_elsewhere(loadavg: str = "/proc/loadavg") -> int | None:
    """The runnable tasks other than this process, from /proc/loadavg's fourth field (`running/total`);
    None where there is no such file."""
    try:
        with open(loadavg, encoding="ascii") as stat:
            running = int(stat.read().split()[3].split("/")[0])
    except (OSError, ValueError, IndexError):
        return None
    return max(0, running - 1)


def can_fork() -> bool:
    return sys.platform.startswith("linux")


# what the forked workers inherit: set just before the pool forks, cleared once it is done
_shard_job: tuple[Linter, list[tuple[TemplateUnit, SourceMap]]] | None = None


def check_units_in_shards(linter: Linter, units: list[tuple[TemplateUnit, SourceMap]], result: RunResult) -> bool:
    """Linter.check_units over `linter.jobs` processes: this one takes the first share, forked workers
    the others. False when the platform cannot fork or a worker died: the caller then runs the rules
    itself, and nothing was added to `result`."""
    global _shard_job
    if not can_fork():
        return False
    # imported here: 25 ms of imports that a run of one small file does not pay
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    shards = min(linter.jobs, len(units))
    _shard_job = (linter, units)
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
    linter, units = _shard_job
    found = []
    for index in range(shard, len(units), shards):
        unit_result = RunResult()
        unit, source_map = units[index]
        linter.check_unit(unit, source_map, unit_result)
        if unit_result.diagnostics or unit_result.run_errors:
            found.append((index, unit_result.diagnostics, unit_result.run_errors))
    return found
