"""Precision and recall of the content rules on the labelled evaluation set (tests/data/content-eval).

Each template of the set lists the classes it must trigger; a class fires on a template when any of its
rules reports on it. Run: `python benchmarks/content_eval.py [FOLDER]`; tests/test_content_eval.py
asserts the figures.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from walint.config import Settings
from walint.engine import Linter
from walint.rule_packs import load_rules

EVAL_DIR = Path(__file__).resolve().parent.parent / "tests" / "data" / "content-eval"

# the rules whose diagnostics make a class fire
CLASSES = {
    "promotional": {"promotional-in-utility"},
    "spam": {"urgency-wording", "shouting-capitals", "repeated-punctuation", "emoji-flood", "link-shortener", "insecure-link"},
    "sensitive-data": {"sensitive-data-request"},
    "threat": {"threat-or-debt-shaming"},
}


@dataclass
class Score:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    mistakes: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        fired = self.true_positives + self.false_positives
        return self.true_positives / fired if fired else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0


def load_set(folder: Path = EVAL_DIR) -> list[dict]:
    """The labelled templates of every language file, each with its file's language."""
    templates = []
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for item in data["templates"]:
            unknown = set(item["expect"]) - set(CLASSES)
            if unknown:
                raise ValueError(f"{path.name}: {item['id']}: unknown class {', '.join(sorted(unknown))}")
            templates.append({**item, "language": item.get("language", data["language"])})
    return templates


def as_template(item: dict) -> dict:
    """The labelled item in Meta's template shape."""
    components: list[dict] = [{"type": "BODY", "text": item["body"]}]
    if "footer" in item:
        components.append({"type": "FOOTER", "text": item["footer"]})
    if "buttons" in item:
        components.append({"type": "BUTTONS", "buttons": [{"type": "QUICK_REPLY", "text": text} for text in item["buttons"]]})
    return {"name": item["id"].replace("-", "_"), "language": item["language"], "category": item["category"], "components": components}


def fired_classes(templates: list[dict]) -> dict[str, set[str]]:
    """For each template name, the classes whose rules reported on it (one lint run over the whole set)."""
    linter = Linter(load_rules(), Settings(select=["WA6"]))
    data = json.dumps([as_template(item) for item in templates], ensure_ascii=False).encode("utf-8")
    result = linter.lint([], stdin=(data, "content-eval.json"))
    if result.run_errors:
        raise RuntimeError("; ".join(result.run_errors))
    fired: dict[str, set[str]] = {}
    for diagnostic in result.diagnostics:
        for name, rules in CLASSES.items():
            if diagnostic.name in rules:
                fired.setdefault(diagnostic.template, set()).add(name)
    return fired


def evaluate(folder: Path = EVAL_DIR) -> dict[str, Score]:
    templates = load_set(folder)
    fired = fired_classes(templates)
    scores = {name: Score() for name in CLASSES}
    for item in templates:
        got = fired.get(as_template(item)["name"], set())
        for name, score in scores.items():
            expected = name in item["expect"]
            if expected and name in got:
                score.true_positives += 1
            elif name in got:
                score.false_positives += 1
                score.mistakes.append(f"false positive: {item['id']}")
            elif expected:
                score.false_negatives += 1
                score.mistakes.append(f"missed: {item['id']}")
    return scores


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else EVAL_DIR
    scores = evaluate(folder)
    print(f"{len(load_set(folder))} templates from {folder}")
    print(f"{'class':<16}{'precision':>10}{'recall':>8}{'TP':>5}{'FP':>5}{'FN':>5}")
    for name, score in scores.items():
        print(f"{name:<16}{score.precision:>10.3f}{score.recall:>8.3f}{score.true_positives:>5}{score.false_positives:>5}{score.false_negatives:>5}")
    for name, score in scores.items():
        for mistake in score.mistakes:
            print(f"  {name}: {mistake}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
