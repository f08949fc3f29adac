"""walint's speed against the cost of reading its input, measured in one run on the same files.

    python benchmarks/run.py            # the figures of benchmarks/README.md (a few minutes)
    python benchmarks/run.py --quick    # small sizes: checks that the harness works (CI runs it)

Every timing is taken in a fresh subprocess (so one measurement's heap does not slow the next one's
garbage collector), repeated, and the best kept; ratios compare figures taken in the same run, on a
machine that may be busy. "in-process" times Linter.lint alone (start-up and rule packs excluded);
"CLI" times the whole `walint check` command as a user runs it.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import write_corpus  # noqa: E402

HERE = Path(__file__).resolve().parent

# the floors: reading the file and nothing else
COMPOSE = """
import gc, sys, time, yaml
text = open(sys.argv[1], encoding="utf-8").read()
if sys.argv[2] == "paused":
    gc.disable()
start = time.perf_counter()
yaml.compose(text, Loader=yaml.CSafeLoader)
print(time.perf_counter() - start)
"""
JSON_LOADS = """
import json, sys, time
text = open(sys.argv[1], encoding="utf-8").read()
start = time.perf_counter()
json.loads(text)
print(time.perf_counter() - start)
"""
# walint in-process: the engine alone, with the collector off as in the CLI; prints time and peak memory
LINTER = """
import gc, json, resource, sys, time
from walint.config import Settings
from walint.discover import discover
from walint.engine import Linter
from walint.rule_packs import load_rules
rules = load_rules()
files, _ = discover(sys.argv[1:])
gc.disable()
start = time.perf_counter()
result = Linter(rules, Settings()).lint(files)
elapsed = time.perf_counter() - start
print(json.dumps({"seconds": elapsed, "templates": result.templates_checked, "diagnostics": len(result.diagnostics),
                  "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


# Every process may write and read its bytecode: an installed tool has it (pip compiles it at install),
# but a machine that sets PYTHONDONTWRITEBYTECODE would make an editable walint compile its ~7,000
# lines at every start while yamllint, installed by pip, does not.
ENVIRONMENT = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def python_snippet(code: str, *args: str) -> str:
    done = subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True, check=True, env=ENVIRONMENT)
    return done.stdout.strip().splitlines()[-1]


def best_of(repeats: int, measure) -> float:
    return min(measure() for _ in range(repeats))


def timed_command(command: list[str]) -> tuple[float, str]:
    """Wall time of a whole command, and its standard output."""
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=ENVIRONMENT)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr.strip()}")
    return elapsed, done.stdout


def tool(name: str) -> list[str] | None:
    """The console script installed beside this Python (what a user runs), if there is one."""
    script = Path(sys.executable).parent / name
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", name] if importlib.util.find_spec(name) is not None else None


def in_process(paths: list[Path], repeats: int) -> dict:
    runs = [json.loads(python_snippet(LINTER, *paths)) for _ in range(repeats)]
    return min(runs, key=lambda run: run["seconds"])


def section(title: str) -> None:
    print(f"\n## {title}")


def bench_yaml(corpus: Path, count: int, repeats: int) -> bool:
    section(f"1. {count:,} templates in one YAML file vs yaml.compose with CSafeLoader (goal <= 2.0)")
    path = corpus / f"one_{count}.yaml"
    write_corpus(path, count, "yaml")
    bare = best_of(repeats, lambda: float(python_snippet(COMPOSE, path, "bare")))
    paused = best_of(repeats, lambda: float(python_snippet(COMPOSE, path, "paused")))
    linter = in_process([path], repeats)["seconds"]
    outputs = set()

    def cli_run(*jobs: str) -> float:
        elapsed, output = timed_command([*tool("walint"), "check", "--format", "json", *jobs, str(path)])
        outputs.add(output)
        return elapsed

    one_job = best_of(repeats, lambda: cli_run("--jobs", "1"))
    many = best_of(repeats, lambda: cli_run("--jobs", str(os.cpu_count())))
    cli = best_of(repeats, cli_run)
    size = path.stat().st_size / 1e6
    print(f"file: {size:.1f} MB")
    print(f"floor: yaml.compose, bare (collector on, as Python runs it)   {bare:7.2f} s")
    print(f"floor: yaml.compose, collector paused (the stricter floor)    {paused:7.2f} s")
    print(f"walint in-process (Linter.lint, one process)                  {linter:7.2f} s   ratio {linter / bare:.2f} (bare)  {linter / paused:.2f} (paused)")
    print(f"walint CLI, --jobs 1 (start-up, rule packs, output included)  {one_job:7.2f} s   ratio {one_job / bare:.2f} (bare)  {one_job / paused:.2f} (paused)")
    print(f"walint CLI, --jobs {os.cpu_count()}                                          {many:7.2f} s   ratio {many / bare:.2f} (bare)  {many / paused:.2f} (paused)")
    print(f"walint CLI, default --jobs (idle CPUs; what a user runs)      {cli:7.2f} s   ratio {cli / bare:.2f} (bare)  {cli / paused:.2f} (paused)")
    print(f"outputs of --jobs 1, --jobs {os.cpu_count()} and the default identical: {'yes' if len(outputs) == 1 else 'NO'}")
    return len(outputs) == 1


def bench_json(corpus: Path, count: int, repeats: int) -> None:
    section(f"2. the same {count:,} templates as JSON vs json.loads (reported)")
    path = corpus / f"one_{count}.json"
    write_corpus(path, count, "json")
    floor = best_of(repeats, lambda: float(python_snippet(JSON_LOADS, path)))
    linter = in_process([path], repeats)["seconds"]
    cli = best_of(repeats, lambda: timed_command([*tool("walint"), "check", "--format", "json", str(path)])[0])
    print(f"floor: json.loads {floor:.3f} s; walint in-process {linter:.2f} s (ratio {linter / floor:.1f}); CLI {cli:.2f} s (ratio {cli / floor:.1f})")


def bench_cold_start(corpus: Path, repeats: int) -> None:
    section("3. one small file, cold process: walint check vs yamllint (goal <= 1.0)")
    path = corpus / "small.yaml"
    write_corpus(path, 3, "yaml")
    yamllint = tool("yamllint")
    if yamllint is None:
        print("yamllint is not installed beside this Python: `pip install -e '.[bench]'`; skipped")
        return
    # what any Python tool built on walint's libraries pays before its own work: the interpreter, then
    # PyYAML, then click (which also imports inspect, enum, typing, datetime ...); argparse, which yamllint
    # uses, for comparison; then the standard modules walint's own code needs
    floors = {
        "python": [sys.executable, "-c", "pass"],
        "python + yaml": [sys.executable, "-c", "import yaml"],
        "python + yaml + argparse": [sys.executable, "-c", "import yaml, argparse"],
        "python + yaml + click": [sys.executable, "-c", "import yaml, click"],
        "python + yaml + click + dataclasses, pathlib, json": [sys.executable, "-c", "import yaml, click, dataclasses, pathlib, json"],
    }
    commands = {"walint check": [*tool("walint"), "check", str(path)], "yamllint": [*yamllint, str(path)], **floors}
    for command in commands.values():
        timed_command(command)  # not timed: writes walint's bytecode if missing
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeats):  # interleaved, so that all meet the same load on the machine
        for name, command in commands.items():
            times[name].append(timed_command(command)[0])
    median = {name: statistics.median(runs) for name, runs in times.items()}
    walint_time, yamllint_time = median["walint check"], median["yamllint"]
    print(f"walint check {walint_time * 1000:.0f} ms, yamllint {yamllint_time * 1000:.0f} ms (medians of {repeats}): ratio {walint_time / yamllint_time:.2f}")
    for name in floors:
        print(f"  floor: {name} {median[name] * 1000:.0f} ms ({median[name] / yamllint_time:.2f} of yamllint)")


def bench_scaling(corpus: Path, counts: list[int], repeats: int) -> None:
    section("4. scaling: time per template and peak memory (in-process, one YAML file)")
    for count in counts:
        path = corpus / f"one_{count}.yaml"
        if not path.exists():
            write_corpus(path, count, "yaml")
        run = in_process([path], repeats if count < 100_000 else 1)
        per_template = run["seconds"] / run["templates"] * 1e6
        print(f"{count:>8,} templates: {run['seconds']:7.2f} s, {per_template:6.0f} µs per template, peak RSS {run['max_rss_mb']:7.0f} MB")


def bench_jobs(corpus: Path, count: int, files: int, repeats: int) -> bool:
    section(f"5. {files} files ({count:,} templates) with --jobs {os.cpu_count()} (one per CPU) vs --jobs 1")
    if "--jobs" not in subprocess.run([*tool("walint"), "check", "--help"], capture_output=True, text=True).stdout:
        print("this walint has no --jobs option; skipped")
        return True
    folder = corpus / f"many_{files}_{count}"
    if not folder.exists():
        write_corpus(folder, count, "yaml", files=files)
    outputs = {}
    times = {}
    for jobs in ("1", str(os.cpu_count())):
        runs = [timed_command([*tool("walint"), "check", "--format", "json", "--jobs", jobs, str(folder)]) for _ in range(repeats)]
        times[jobs] = min(elapsed for elapsed, _ in runs)
        outputs[jobs] = {output for _, output in runs}
    same = len(outputs["1"] | outputs[str(os.cpu_count())]) == 1
    one, many = times["1"], times[str(os.cpu_count())]
    print(f"--jobs 1 {one:.2f} s, --jobs {os.cpu_count()} {many:.2f} s: speed-up {one / many:.2f}x; outputs identical: {'yes' if same else 'NO'}")
    return same


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, one repeat: checks the harness, not the speed")
    parser.add_argument("--corpus", type=Path, help="where the generated files go (default: benchmarks/corpus/, or a temporary folder with --quick)")
    parser.add_argument("--repeats", type=int, help="runs per measurement; the best is kept")
    parser.add_argument("--only", type=lambda text: {int(part) for part in text.split(",")}, default={1, 2, 3, 4, 5},
                        help="the sections to run, e.g. `--only 1,3` (default: all five)")
    args = parser.parse_args()
    quick = args.quick
    repeats = args.repeats or (1 if quick else 3)
    temporary = tempfile.mkdtemp(prefix="walint-bench-") if quick and args.corpus is None else None
    corpus = Path(temporary) if temporary else (args.corpus or HERE / "corpus")
    corpus.mkdir(parents=True, exist_ok=True)
    print(f"# walint benchmarks{' (quick)' if quick else ''}: Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, corpus in {corpus}")
    try:
        same = True
        if 1 in args.only:  # quick: enough templates for one file to be spread over processes
            same = bench_yaml(corpus, 450 if quick else 10_000, repeats)
        if 2 in args.only:
            bench_json(corpus, 450 if quick else 10_000, repeats)
        if 3 in args.only:
            bench_cold_start(corpus, 3 if quick else 15)
        if 4 in args.only:
            bench_scaling(corpus, [100, 300, 1000] if quick else [1_000, 10_000, 100_000], repeats)
        if 5 in args.only:
            same = bench_jobs(corpus, 400 if quick else 10_000, 10 if quick else 100, repeats) and same
    finally:
        if temporary:
            shutil.rmtree(temporary, ignore_errors=True)
    if not same:
        raise SystemExit("the output of --jobs 1 and --jobs N differ")


if __name__ == "__main__":
    main()
