"""A rule's documentation as Markdown, in ruff's sections; `walint rule CODE` prints it."""

from __future__ import annotations

from walint.rule_packs import Rule, Source

CONFIDENCE = {
    "S": "stated in a source: Meta rejects templates that break it",
    "R": "widely repeated, not confirmed in a primary source",
    "C": "the sources disagree",
}


def render_rule(rule: Rule, sources: dict[str, Source]) -> str:
    spec = rule.spec
    docs = spec.docs
    lines = [
        f"# {spec.code} {spec.name}",
        "",
        f"{spec.summary}",
        "",
        f"Default severity: {spec.severity}. Confidence: {spec.confidence} ({CONFIDENCE[spec.confidence]}).",
        "",
        "## What it does",
        docs.what.strip(),
        "",
        "## Why is this bad?",
        docs.why.strip(),
        "",
        "## Example",
        _code_or_prose(docs.example),
        "",
        "## Fix",
        _code_or_prose(docs.fix),
        "",
    ]
    if spec.references:
        lines += ["## References"]
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

