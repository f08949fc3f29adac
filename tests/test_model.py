"""The model turns what does not fit into sentences on the right node, and keeps the rest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from walint.model import Body, Buttons, UrlButton, build_template

META_EXAMPLES = sorted((Path(__file__).parent / "data" / "meta-examples").glob("*.json"))


@pytest.mark.parametrize("path", META_EXAMPLES, ids=lambda p: p.stem)
def test_meta_examples_fit_the_model(path: Path) -> None:
    template, problems = build_template(json.loads(path.read_text(encoding="utf-8")))
    assert problems == []
    assert template.components


def test_one_bad_button_does_not_hide_the_others() -> None:
    template, problems = build_template(
        {
            "name": "x",
            "language": "en",
            "category": "UTILITY",
            "components": [
                {"type": "BODY", "text": "Hi"},
                {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Go"}, {"type": "URL", "text": "Ok", "url": "https://x.com"}]},
            ],
        }
    )
    assert [(p.kind, p.path) for p in problems] == [("missing-field", ("components", 1, "buttons", 0))]
    assert "URL button has no `url`" in problems[0].message
    buttons = template.first(Buttons).buttons
    assert len(buttons) == 1 and isinstance(buttons[0], UrlButton) and buttons[0].path == ("components", 1, "buttons", 1)


def test_wrong_types_are_sentences_and_pruned() -> None:
    template, problems = build_template(
        {"name": 5, "language": False, "category": "UTILITY", "components": [{"type": "BODY", "text": "Hi", "example": {"body_text": "Ana"}}]}
    )
    messages = {p.path: p.message for p in problems}
    assert messages[("name",)] == "template: `name` must be a string, not the number 5"
    assert messages[("language",)] == "template: `language` must be a string, not the boolean false"
    assert messages[("components", 0, "example", "body_text")] == 'BODY component: `body_text` must be a list, not the string "Ana"'
    assert template.name is None and template.body.text == "Hi"


def test_unknown_types_name_the_choices_and_the_case_mistake() -> None:
    _, problems = build_template({"components": [{"type": "header", "format": "TEXT"}, {"type": "BUTTONS", "buttons": [{"type": "LINK"}]}]})
    kinds = {p.kind: p for p in problems}
    assert kinds["unknown-component"].path == ("components", 0, "type")
    assert "`HEADER`" in kinds["unknown-component"].message
    assert kinds["unknown-button"].path == ("components", 1, "buttons", 0, "type")


def test_literal_choices_and_no_double_report() -> None:
    _, problems = build_template({"components": [{"type": "HEADER", "format": "TXT"}]})
    header_problems = [p for p in problems if p.path[:2] == ("components", 0)]
    assert len(header_problems) == 1
    assert "must be one of TEXT, IMAGE, VIDEO, GIF, DOCUMENT, LOCATION, PRODUCT" in header_problems[0].message


def test_numbers_in_examples_are_text() -> None:
    template, problems = build_template({"components": [{"type": "BODY", "text": "Pay {{1}} now", "example": {"body_text": [[25]]}}]})
    assert [p for p in problems if p.kind != "missing-field"] == []
    assert template.first(Body).example.body_text == [["25"]]


def test_pruning_leaves_the_raw_data_as_the_file_has_it() -> None:
    """Rules read example values from the raw data by index; pruning a bad value must not shift them."""
    raw = {"components": [{"type": "BODY", "text": "Hi {{1}} {{2}} {{3}}", "example": {"body_text": [["Ana", None, "Bea"]]}}]}
    template, problems = build_template(raw)
    assert [p.path for p in problems if p.kind == "wrong-type"] == [("components", 0, "example", "body_text", 0, 1)]
    assert template.body.example.body_text == [["Ana", "Bea"]]
    assert raw["components"][0]["example"]["body_text"] == [["Ana", None, "Bea"]]


def test_a_choice_in_the_wrong_case_names_the_right_one() -> None:
    _, problems = build_template({"parameter_format": "named"})
    assert [p.message for p in problems if p.kind == "wrong-type"] == [
        'template: `parameter_format` must be one of POSITIONAL, NAMED; got "named" (values are upper case: `NAMED`)'
    ]
