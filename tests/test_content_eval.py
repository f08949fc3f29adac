"""The content rules on the labelled evaluation set: precision and recall of at least 0.9 per class."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "content_eval.py"


def _content_eval():
    spec = importlib.util.spec_from_file_location("content_eval", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


content_eval = _content_eval()


@pytest.fixture(scope="module")
def scores():
    return content_eval.evaluate()


def test_the_set_is_large_enough_and_covers_every_language() -> None:
    templates = content_eval.load_set()
    assert len(templates) >= 80
    assert {item["language"].split("_")[0] for item in templates} >= {"en", "fr", "es", "pt", "de", "it", "nl"}
    for name in content_eval.CLASSES:
        assert sum(name in item["expect"] for item in templates) >= 10, name


@pytest.mark.parametrize("name", list(content_eval.CLASSES))
def test_precision_and_recall_per_class(name: str, scores) -> None:
    score = scores[name]
    assert score.precision >= 0.9 and score.recall >= 0.9, score.mistakes
