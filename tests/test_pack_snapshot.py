"""The built-in packs' JSON snapshot is current, and a stale one is never used."""

from __future__ import annotations

import pytest

from walint import pack_snapshot, rule_packs
from walint.rule_packs import builtin_pack_data, builtin_pack_texts, parse_pack_text

def test_the_shipped_snapshot_holds_exactly_what_the_yaml_packs_say() -> None:
    texts = builtin_pack_texts()
    snapshot = pack_snapshot.snapshot_data(texts)
    assert snapshot is not None, "rules/builtin-packs.json is stale: run `python -m walint.pack_snapshot`"
    assert snapshot == [(name, parse_pack_text(name, text)) for name, text in texts]

def test_packs_that_differ_from_the_snapshot_are_parsed_from_their_yaml(monkeypatch) -> None:
    texts = builtin_pack_texts()
    name, text = texts[0]
    edited = [(name, text.replace("summary:", "summary: EDITED", 1)), *texts[1:]]
    assert pack_snapshot.snapshot_data(edited) is None
    monkeypatch.setattr(rule_packs, "builtin_pack_texts", lambda: edited)
    assert builtin_pack_data()[0] == (name, parse_pack_text(name, edited[0][1]))
    assert "EDITED" in str(builtin_pack_data()[0][1])

def test_data_that_json_cannot_hold_is_refused() -> None:
    with pytest.raises(ValueError, match="JSON cannot represent"):
        pack_snapshot.build_snapshot([("rules/x.yaml", "")], lambda name, text: {1: "one"})
