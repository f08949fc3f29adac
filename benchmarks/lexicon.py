"""The lexicon rules' cost, this tree against another one (`--before`: a source tree of the commit to
compare with, whose `walint` package is put first on the path), measured in the same run on the same input.

    git archive 9b77af0 | tar -x -C /tmp/before      # the commit before the term index
    python benchmarks/lexicon.py --before /tmp/before
    python benchmarks/lexicon.py --before /tmp/before --repeats 3 --skip-hostile

Every figure comes from a fresh subprocess (nothing warm from the previous one), the two trees
interleaved, and the median and the best of the repeats are printed: the machine is shared. In-process
figures are CPU time of the process (other jobs on the machine disturb them less); the CLI's is wall time.
- start-up: the first `matchers(language)` and the first find of the four lexicon rules, in one language;
- cold CLI: a whole `walint check` of the 3-template file, as a user runs it;
- corpus: the four lexicon rules' check functions over every template of the corpus (first pass, as a run
  does it, so the terms compiled on the way are counted; a second pass; a third with `find_terms` doing
  nothing, the checks' own cost), in microseconds per template;
- hostile: each lexicon rule over a 30 MB body, `x` repeated (the hostile file of tests/hostile_files.py)
  and 30 MB of words, with the peak resident memory of the process.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import write_corpus  # noqa: E402

SAMPLES = {
    "en": "Your order {{1}} has shipped. Enjoy 20% off your next purchase with code THANKS20, and never share your PIN.",
    "es": "Su pedido {{1}} fue enviado. Aproveche un 20 % de descuento en su próxima compra: envíe su número de tarjeta.",
    "fr": "Votre commande {{1}} est partie. Profitez de 20 % de réduction sur votre prochain achat, dernière chance !",
}
HOSTILE_WORDS = ("your order has shipped and will arrive soon thank you for shopping with us our summer sale ends this "
                 "weekend don't miss the best prices, send us your card number. Last chance! 20% off {{1}}").split(" ")
HOSTILE_SIZE = 30_000_000


def lexicon_rules():
    from walint.rule_packs import load_rules

    return [rule for rule in load_rules().rules if rule.check is not None and rule.check.name == "lexicon" and rule.options.terms]


# --- what a child process measures ------------------------------------------------------------------------


def child_startup(language: str) -> dict:
    import walint.checks.content as content

    rules = lexicon_rules()
    start = time.process_time()
    for rule in rules:
        pattern, exceptions = rule.options.matchers(language)
        list(content.find_terms(SAMPLES[language], pattern, exceptions))
    return {"seconds": time.process_time() - start}


def child_cli(path: str) -> dict:
    from walint.cli import main

    try:
        main(["check", path], standalone_mode=False)
    except SystemExit:
        pass
    return {}


def child_corpus(path: str) -> dict:
    import gc

    import walint.checks.content as content
    from walint.config import Settings
    from walint.discover import FileToCheck
    from walint.diagnostics import RunResult
    from walint.engine import Linter
    from walint.rule_packs import load_rules

    rules = lexicon_rules()
    others = [rule.code for rule in load_rules().rules if rule not in rules]
    linter = Linter(load_rules(), Settings(select=others[:1]))  # one other rule: the units, not their findings
    checked = linter.check_path(FileToCheck(Path(path), path, True), RunResult(rules={}, sources={}))
    units = checked.units
    gc.disable()

    def one_pass() -> tuple[float, int]:
        start = time.process_time()
        findings = sum(len(list(rule.check.function(unit, rule.options))) for unit in units for rule in rules)
        return (time.process_time() - start) / len(units) * 1e6, findings

    (first, findings), (second, _) = one_pass(), one_pass()
    content.find_terms = lambda text, terms, exceptions=None: iter(())  # the floor: the checks without matching
    floor, _ = one_pass()
    return {"first_us": first, "second_us": second, "floor_us": floor, "findings": findings}


def child_hostile(kind: str) -> dict:
    import random
    import resource

    import walint.checks.content as content
    from walint.lexicon import fold

    if kind == "x":
        text = "x" * HOSTILE_SIZE
    else:
        chooser, parts, size = random.Random(6), [], 0
        while size < HOSTILE_SIZE:
            parts.append(chooser.choice(HOSTILE_WORDS))
            size += len(parts[-1]) + 1
        text = " ".join(parts)
    rules = lexicon_rules()
    fold(text)  # once per text, shared by the rules
    seconds, matches = {}, {}
    for rule in rules:
        pattern, exceptions = rule.options.matchers("en_US")
        start = time.process_time()
        matches[rule.name] = sum(1 for _ in content.find_terms(text, pattern, exceptions))
        seconds[rule.name] = time.process_time() - start
    return {"seconds": seconds, "matches": matches, "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


CHILDREN = {"startup": child_startup, "cli": child_cli, "corpus": child_corpus, "hostile": child_hostile}


# --- the parent: fresh processes, trees interleaved -------------------------------------------------------


def run_child(tree: Path | None, *args: str) -> tuple[dict, float]:
    """The child's figures and its wall time; `tree`: the source tree whose walint it imports (None: this one)."""
    env = {**os.environ, "PYTHONPATH": str(tree)} if tree is not None else None
    start = time.perf_counter()
    done = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{args}: {done.stderr[-2000:]}")
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    expected = (tree or HERE.parent).resolve() / "walint"
    if Path(figures.pop("walint")).resolve() != expected:
        raise RuntimeError(f"the child imported walint from {figures['walint']}, not {expected}")
    return figures, elapsed


def spread(values: list[float], scale: float = 1.0, unit: str = "") -> str:
    return f"median {statistics.median(values) * scale:8.1f}{unit}  best {min(values) * scale:8.1f}{unit}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, help="the source tree to compare with (its walint/ is imported)")
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--corpus", type=Path, default=HERE / "corpus" / "one_10000.yaml", help="made (10,000 templates) when missing")
    parser.add_argument("--small", type=Path, default=HERE / "corpus" / "small.yaml", help="made (3 templates) when missing")
    parser.add_argument("--skip-hostile", action="store_true")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        import walint

        name, argument = args.child
        print(json.dumps({**CHILDREN[name](argument), "walint": str(Path(walint.__file__).parent)}))
        return 0
    trees = {"before": args.before, "after": None} if args.before else {"after": None}
    for path, count in ((args.corpus, 10_000), (args.small, 3)):
        if not path.exists():
            write_corpus(path, count)

    def measure(repeats: int, *child: str) -> dict[str, list[tuple[dict, float]]]:
        runs: dict[str, list[tuple[dict, float]]] = {label: [] for label in trees}
        for _ in range(repeats):
            for label, tree in trees.items():
                runs[label].append(run_child(tree, *child))
        return runs

    print("start-up: first matchers(language) + first find, four lexicon rules (ms)")
    for language in SAMPLES:
        for label, runs in measure(args.repeats, "startup", language).items():
            print(f"  {language} {label:<7} {spread([figures['seconds'] for figures, _ in runs], 1000, ' ms')}")

    print(f"cold CLI: walint check {args.small.name}, whole process (ms)")
    for label, runs in measure(args.repeats, "cli", str(args.small)).items():
        print(f"  {label:<7} {spread([elapsed for _, elapsed in runs], 1000, ' ms')}")

    print(f"corpus {args.corpus.name}: four lexicon rules, µs per template")
    for label, runs in measure(max(1, args.repeats // 2), "corpus", str(args.corpus)).items():
        first, second, floor = ([figures[key] for figures, _ in runs] for key in ("first_us", "second_us", "floor_us"))
        print(f"  {label:<7} first pass {spread(first, 1, ' µs')} | second pass {spread(second, 1, ' µs')}"
              f" | without matching {spread(floor, 1, ' µs')} | {runs[0][0]['findings']} findings")

    if not args.skip_hostile:
        repeats = max(1, args.repeats // 3)
        for kind in ("x", "words"):
            print(f"hostile 30 MB body ({kind}): seconds per rule (best of {repeats}), peak RSS of the process")
            for label, runs in measure(repeats, "hostile", kind).items():
                best = {name: min(figures["seconds"][name] for figures, _ in runs) for name in runs[0][0]["seconds"]}
                cells = "  ".join(f"{name} {seconds:5.2f} s" for name, seconds in best.items())
                rss = max(figures["max_rss_mb"] for figures, _ in runs)
                print(f"  {label:<7} {cells}  total {sum(best.values()):5.2f} s  peak {rss:.0f} MB  matches {runs[0][0]['matches']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
