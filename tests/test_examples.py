"""Meta's published examples lint with no error; the repository's own examples say what they show."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import lint_text

HERE = Path(__file__).parent
META_EXAMPLES = sorted((HERE / "data" / "meta-examples").glob("*.json"))
EXAMPLES = HERE.parent / "examples"


@pytest.mark.parametrize("path", META_EXAMPLES, ids=lambda p: p.stem)
def test_meta_example_has_no_error(path: Path) -> None:
    result = lint_text(path.read_text(encoding="utf-8"), path.name)
    assert result.templates_checked == 1
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    assert not result.run_errors


@pytest.mark.parametrize("path", sorted((EXAMPLES / "good").iterdir()), ids=lambda p: p.name)
def test_good_example_is_clean(path: Path) -> None:
    result = lint_text(path.read_text(encoding="utf-8"), path.name)
    assert result.diagnostics == []


@pytest.mark.parametrize("path", sorted((EXAMPLES / "bad").iterdir()), ids=lambda p: p.name)
def test_bad_example_has_errors(path: Path) -> None:
    result = lint_text(path.read_text(encoding="utf-8"), path.name)
    assert result.has_errors
