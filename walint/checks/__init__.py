"""The check functions that rules call by name: the vocabulary of the rule packs.

A rule pack says `check: max_length` with `options: {field: body, max: 1024}`; this registry maps the
name to a function and validates the options into the function's options class when the pack loads.
Built-in checks live in the modules of this package; third-party checks register through the entry
point group `walint.checks` (the entry point names a module or a function decorated with `@check`).
"""

import dataclasses
import importlib
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Literal

from walint.records import FrozenRecord, Record

Path = tuple[Any, ...]
ENTRY_POINT_GROUP = "walint.checks"
BUILTIN_MODULES = (
    "naming",
    "language",
    "category",
    "length",
    "placeholders",
    "across",
    "structure",
    "header_footer",
    "field_content",
    "variables",
    "examples",
    "buttons",
    "button_values",
    "url_buttons",
    "components",
    "carousel",
    "content",
)


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Finding(FrozenRecord):
    """What a check found: where (a path in the template and, for a string, the character range
    inside it) and the values the rule's message is formatted with."""

    path: Path
    start: int | None = None
    end: int | None = None
    args: dict[str, Any] = field(default_factory=dict)
    # a run-scope check says which template a finding belongs to (index into the units it was given)
    unit: int | None = None
    # other places the finding concerns, as (unit index, path): the engine adds their positions to the
    # message as the argument {related}
    related: tuple[tuple[int, Path], ...] = ()


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class Options(Record):
    """The base of a check's options: a dataclass validated by walint.validation, where a key the
    check does not know is an error. (A third-party check may also give a pydantic model.)

    The built-in options classes are declared `init=False` and take walint.records' shared `__init__`:
    each is built once per rule, so compiling one per class (some 50 of them, at every start) would
    cost more than it saves."""

    __pydantic_config__ = {"extra": "forbid"}


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class NoOptions(Options):
    """A check that takes no options."""


@dataclass(init=False, slots=True, eq=False, repr=False)
class CheckSpec(FrozenRecord):
    """A registered check: its function, its options class and whether it sees one template or the run."""
    name: str
    function: Callable[..., Iterable[Finding]]
    options: type
    scope: Literal["template", "run"]


_REGISTRY: dict[str, CheckSpec] = {}
_builtins_loaded = False
_entry_points_loaded = False


def check(name: str, *, options: type = NoOptions, scope: Literal["template", "run"] = "template"):
    """Register a check. A template check is called as `fn(unit, options)`, a run check as
    `fn(units, options)`; both yield Findings."""

    def register(function: Callable[..., Iterable[Finding]]) -> Callable[..., Iterable[Finding]]:
        _REGISTRY[name] = CheckSpec(name, function, options, scope)
        return function

    return register


def get_check(name: str) -> CheckSpec | None:
    """The check registered under `name`; third-party entry points are imported only when a pack
    names a check that the built-ins do not have, so a plain run pays nothing for them."""
    _load_builtins()
    if name not in _REGISTRY:
        _load_entry_points()
    return _REGISTRY.get(name)


def _load_builtins() -> None:
    global _builtins_loaded
    if not _builtins_loaded:
        _builtins_loaded = True
        for module in BUILTIN_MODULES:
            importlib.import_module(f"{__name__}.{module}")


def _load_entry_points() -> None:
    global _entry_points_loaded
    if _entry_points_loaded:
        return
    _entry_points_loaded = True
    from importlib.metadata import entry_points

    for entry_point in entry_points(group=ENTRY_POINT_GROUP):
        entry_point.load()  # importing the module runs its @check decorators
