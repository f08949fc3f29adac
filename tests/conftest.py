"""Shared helpers: lint a text as if it were a file, without touching the disk."""

from __future__ import annotations

import functools

import pytest

from walint.config import Settings
from walint.engine import Linter
from walint.rule_packs import configure, load_rules

__all__ = ["Linter", "Settings", "builtin_rules", "lint_text"]


@functools.lru_cache(maxsize=1)
def builtin_rules():
    return load_rules()


def lint_text(text: str, filename: str = "case.yaml", **settings):
    """The RunResult of linting `text` as the file `filename` with the given settings (their
    per-rule severities and options applied as the CLI applies them)."""
    config = Settings(**settings)
    rules = builtin_rules()
    if config.severity or config.rule_options:
        rules = configure(rules, config.severity, config.rule_options)
    linter = Linter(rules, config)
    return linter.lint([], stdin=(text.encode("utf-8"), filename))


@pytest.fixture
def lint():
    return lint_text
