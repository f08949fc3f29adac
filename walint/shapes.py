"""The shapes templates come in, and how to find the templates in a loaded document.

Users keep templates as Meta's API shows them: one template, a list of templates, the
`{"data": [...], "paging": ...}` page that `GET /{WABA_ID}/message_templates` returns, or a map from
name to template. Each template comes out with its path in the document, so that findings can be
located in the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

from walint.records import FrozenRecord

Path = tuple[Any, ...]
TEMPLATE_KEYS = frozenset(("name", "language", "category", "components"))


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class FoundTemplate(FrozenRecord):
    """A template found in a document, with its path there."""
    path: Path  # absolute: (document index, ...)
    raw: dict[str, Any]
    name_from_key: str | None = None


@dataclass(init=False, slots=True, eq=False, repr=False)
class NotATemplate(FrozenRecord):
    """A value where a template was expected, and why it is not one."""
    path: Path
    message: str


def looks_like_template(value: Any) -> bool:
    return isinstance(value, dict) and not TEMPLATE_KEYS.isdisjoint(value)


def find_templates(document: Any, path: Path) -> Iterator[FoundTemplate | NotATemplate]:
    """The templates of one document, in order; what cannot be a template is said, not skipped."""
    if document is None:
        return  # an empty document, or one holding only comments
    if looks_like_template(document):
        yield FoundTemplate(path, document)
    elif isinstance(document, dict) and isinstance(document.get("data"), list):
        yield from _items(document["data"], path + ("data",))
    elif isinstance(document, list):
        yield from _items(document, path)
    elif isinstance(document, dict) and document and all(looks_like_template(v) for v in document.values()):
        for name, template in document.items():
            yield FoundTemplate(path + (name,), template, name_from_key=name)
    else:
        yield NotATemplate(path, f"expected a template, a list of templates, a `data` page or a map from name to template; found {_kind(document)}")


def _items(items: list[Any], path: Path) -> Iterator[FoundTemplate | NotATemplate]:
    for index, item in enumerate(items):
        if looks_like_template(item):
            yield FoundTemplate(path + (index,), item)
        else:
            yield NotATemplate(path + (index,), f"item {index + 1} of the list is not a template (it has none of name, language, category, components): {_kind(item)}")


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        keys = ", ".join(f"`{k}`" for k in list(value)[:5])
        return f"a mapping with the keys {keys}" if value else "an empty mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    return type(value).__name__
