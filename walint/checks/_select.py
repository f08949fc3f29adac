"""Where a check applies: the field kinds a rule pack may name in `field:` / `fields:`."""

from typing import Any, Literal

from walint.fields import TEXT_FIELD_KINDS
from walint.unit import TemplateUnit

Path = tuple[Any, ...]

SCALAR_KINDS = ("name", "language", "category")
FieldKind = Literal["name", "language", "category", "body", "header", "footer", "button_text", "button_url", "offer_text", "card_body"]
TextKind = Literal["body", "header", "footer", "button_text", "button_url", "offer_text", "card_body"]
assert set(TextKind.__args__) == set(TEXT_FIELD_KINDS)  # type: ignore[attr-defined]

LABELS = {
    "name": "name",
    "language": "language",
    "category": "category",
    "body": "body",
    "header": "header text",
    "footer": "footer text",
    "button_text": "button text",
    "button_url": "button URL",
    "offer_text": "limited-time offer text",
    "card_body": "carousel card body",
}


def strings_of(unit: TemplateUnit, kind: str) -> list[tuple[Path, str]]:
    """(path, text) of every string of that kind in the template."""
    if kind in SCALAR_KINDS:
        value = getattr(unit.template, kind)
        if kind == "name" and value is None:
            value = unit.name_from_key
        return [((kind,), value)] if isinstance(value, str) else []
    return [(f.path, f.text) for f in unit.fields_of(kind)]


def raw_value(unit: TemplateUnit, path: Path) -> Any:
    """The value at `path` in the template as the file has it, or None. The model drops what does
    not fit; a check that must tell "missing" from "of the wrong type" looks here."""
    value: Any = unit.raw
    for part in path:
        if isinstance(value, dict) and part in value:
            value = value[part]
        elif isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value):
            value = value[part]
        else:
            return None
    return value
