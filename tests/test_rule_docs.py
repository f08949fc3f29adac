"""docs/rules.md is generated from the packs and the catalogue, is current, and every catalogue row has a rule."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import builtin_rules
from walint.rule_docs import CATALOGUE, REGENERATE, covering_rules, load_catalogue, render_document

RULES_MD = Path(__file__).resolve().parent.parent / "docs" / "rules.md"

# rows that part A of issue 3 (structure, header, footer, placeholders, examples) covers on its own
# branch; the lead empties this set after merging it
PART_A_ROWS = {
    "header-text-content", "header-media-example", "header-location", "header-gif", "footer-authentication",
    "footer-lto", "components-cardinality", "send-ttl", "variables-adjacent", "variable-ratio",
    "placeholder-repeated", "named-parameter-names", "variable-alone-on-line", "body-examples", "example-count",
    "example-value-format", "example-value-empty", "filled-body-length", "body-newlines", "carousel-card-body",
}
# content and policy rows, for the content rules still to come
CONTENT_ROWS = {"utility-promotional", "sensitive-data", "threats", "link-shorteners", "spam-heuristics", "marketing-opt-out"}


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


def test_every_catalogue_row_is_covered_except_the_named_sets() -> None:
    """Exactly the rows of the two sets lack a rule: a row covered since must leave its set."""
    covered = covering_rules(builtin_rules())
    uncovered = {row["id"] for row in load_catalogue()} - set(covered)
    assert not uncovered - PART_A_ROWS - CONTENT_ROWS, "catalogue rows without a rule"
    assert not (PART_A_ROWS | CONTENT_ROWS) - uncovered, "rows now covered: remove them from PART_A_ROWS / CONTENT_ROWS"
