"""docs/rules.md is generated from the packs and the catalogue, is current, and every catalogue row has a rule."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import builtin_rules
from walint.rule_docs import CATALOGUE, REGENERATE, covering_rules, load_catalogue, render_document

RULES_MD = Path(__file__).resolve().parent.parent / "docs" / "rules.md"

def test_rules_md_is_current() -> None:
    expected = render_document(builtin_rules(), load_catalogue())
    assert RULES_MD.read_text(encoding="utf-8") == expected, f"docs/rules.md is stale: run `{REGENERATE}`"


def test_rule_urls_land_on_their_sections() -> None:
    """GitHub's anchor of a heading: lowercase, punctuation dropped, spaces as hyphens."""
    headings = re.findall(r"^#+ (.+)$", render_document(builtin_rules(), load_catalogue()), flags=re.M)
    anchors = {re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-") for heading in headings}
    for rule in builtin_rules().rules:
        assert rule.url.rsplit("#", 1)[1] in anchors, rule.code


def test_catalogue_ids_are_unique_and_rules_cite_existing_ones() -> None:
    ids = [row["id"] for row in load_catalogue()]
    assert len(ids) == len(set(ids))
    for rule in builtin_rules().rules:
        unknown = set(rule.spec.catalogue) - set(ids)
        assert not unknown, f"{rule.code} cites rows that {CATALOGUE.name} does not have: {sorted(unknown)}"


def test_every_catalogue_row_is_covered() -> None:
    covered = covering_rules(builtin_rules())
    uncovered = {row["id"] for row in load_catalogue()} - set(covered)
    assert not uncovered, f"catalogue rows without a rule: {sorted(uncovered)}"
