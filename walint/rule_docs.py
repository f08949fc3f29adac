"""Rule documentation as Markdown, in ruff's sections.

`walint rule CODE` prints one rule; `python -m walint.rule_docs > docs/rules.md` writes the whole
reference: every built-in rule, and a table from each row of the rule catalogue (docs/catalogue.yaml)
to the rules that cover it. The anchors are those of `Rule.url`, so a diagnostic's link lands on its rule.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from walint.rule_packs import Rule, RuleSet, Source, load_rules

CATALOGUE = Path(__file__).resolve().parent.parent / "docs" / "catalogue.yaml"
REGENERATE = "python -m walint.rule_docs > docs/rules.md"

CONFIDENCE = {
    "S": "stated in a source: Meta rejects templates that break it",
    "R": "widely repeated, not confirmed in a primary source",
    "C": "the sources disagree",
}
COUNTING = (
    "Characters are counted as Unicode code points; with `character-counting: utf-16` in the configuration, "
    "as UTF-16 units (an emoji outside the Basic Multilingual Plane then counts 2). Meta does not say which it counts."
)


def render_rule(rule: Rule, sources: dict[str, Source], level: int = 1) -> str:
    """One rule; `level` is the Markdown level of its heading (its sections are one below)."""
    spec = rule.spec
    docs = spec.docs
    heading, section = "#" * level, "#" * (level + 1)
    lines = [
        f"{heading} {spec.code} {spec.name}",
        "",
        f"{spec.summary}",
        "",
        f"Default severity: {spec.severity}. Confidence: {spec.confidence} ({CONFIDENCE[spec.confidence]}).",
        "",
    ]
    if spec.catalogue:
        lines += ["Catalogue rows: " + ", ".join(f"`{row}`" for row in spec.catalogue) + ".", ""]
    if "character-counting" in spec.catalogue:
        lines += [COUNTING, ""]
    lines += [
        f"{section} What it does",
        docs.what.strip(),
        "",
        f"{section} Why is this bad?",
        docs.why.strip(),
        "",
        f"{section} Example",
        _code_or_prose(docs.example),
        "",
        f"{section} Fix",
        _code_or_prose(docs.fix),
        "",
    ]
    if spec.references:
        lines += [f"{section} References"]
        for key in spec.references:
            source = sources[key]
            lines.append(f"- {key}: {source.title}" + (f" <{source.url}>" if source.url else ""))
        lines.append("")
    return "\n".join(lines)


def _code_or_prose(text: str) -> str:
    """Block scalars in the pack (ending with a newline) are code; plain ones are prose."""
    if text.endswith("\n"):
        return "```\n" + text.rstrip("\n") + "\n```"
    return text.strip()


def load_catalogue(path: Path = CATALOGUE) -> list[dict]:
    """The rows of the rule catalogue: id, section, text, conf."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))["rows"]


def covering_rules(rule_set: RuleSet) -> dict[str, list[Rule]]:
    """Catalogue row id -> the rules that cite it, in code order."""
    covering: dict[str, list[Rule]] = {}
    for rule in rule_set.rules:
        for row in rule.spec.catalogue:
            covering.setdefault(row, []).append(rule)
    return covering


def render_document(rule_set: RuleSet, catalogue: list[dict]) -> str:
    covering = covering_rules(rule_set)
    lines = [
        "# walint rules",
        "",
        f"<!-- Generated from rules/*.yaml and docs/catalogue.yaml by `{REGENERATE}`; do not edit. -->",
        "",
        "Every rule has a code, a name, a default severity (error: Meta rejects the template; warning: a risk) and a "
        "confidence: S, " + CONFIDENCE["S"] + "; R, " + CONFIDENCE["R"] + "; C, " + CONFIDENCE["C"] + ".",
        "",
        "## Catalogue coverage",
        "",
        "Each row of the rule catalogue (what Meta and the providers reject) and the rules that check it.",
        "",
        "| section | row | conf. | rules |",
        "|---|---|---|---|",
    ]
    for row in catalogue:
        codes = ", ".join(_link(rule) for rule in covering.get(row["id"], [])) or "not covered"
        lines.append(f"| {row['section']} | {_cell(row['text'])} (`{row['id']}`) | {row['conf']} | {codes} |")
    lines += ["", "## Rules", "", "| code | name | severity | summary |", "|---|---|---|---|"]
    for rule in rule_set.rules:
        lines.append(f"| {_link(rule)} | {rule.name} | {rule.spec.severity} | {_cell(rule.spec.summary)} |")
    lines.append("")
    for rule in rule_set.rules:
        lines.append(render_rule(rule, rule_set.sources, level=3))
    return "\n".join(lines)


def _link(rule: Rule) -> str:
    return f"[{rule.code}](#{rule.url.rsplit('#', 1)[1]})"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def main() -> None:
    if not CATALOGUE.is_file():
        sys.exit(f"walint.rule_docs: {CATALOGUE} not found; run it from a checkout of walint")
    sys.stdout.buffer.write(render_document(load_rules(), load_catalogue()).encode("utf-8"))


if __name__ == "__main__":
    main()
