"""The methods that `dataclasses` would compile for each class, written once for all of them.

A dataclass compiles every method it generates with `exec`: about 0.25 ms each on Python 3.11, and a
frozen class has six. walint declares some 120 dataclasses, and a cold run of a small file pays for all
of them before it reads a byte. So its classes take `==`, `repr` and `hash` from these bases, which
behave as the generated ones do. A class whose instances grow with the input (syntax nodes, model parts,
text fields, findings and diagnostics) still asks `dataclasses` for its `__init__`, which is 1.7 to 2.4
times faster per call; a class built a fixed number of times per run or per file (rules, options,
settings, files) is declared `init=False` and takes the shared `__init__` here, and, if it is frozen,
FrozenRecord's guards instead of two more compiled methods.
"""

from __future__ import annotations

import dataclasses
from typing import Any, NamedTuple


class Record:
    """The base of a dataclass declared `eq=False, repr=False`: its `==` and repr as `dataclasses`
    would generate them, and, like a dataclass with `eq` and not frozen, no hash."""

    __slots__ = ()
    __hash__ = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """For a class declared `init=False`: the arguments, defaults, refusals and `__post_init__`
        call of the `__init__` that `dataclasses` would generate (a class with `init=True` has its own)."""
        cls = type(self)
        signature = _SIGNATURES.get(cls) or _signature_of(cls)
        positional = signature.positional
        if len(args) > len(positional):
            takes = f"{len(positional) + 1} positional argument{'s' if positional else ''}"
            raise TypeError(f"{cls.__qualname__}.__init__() takes {takes} but {len(args) + 1} were given")
        values = dict(zip(positional, args))
        for name, value in kwargs.items():
            if name not in signature.accepted:
                raise TypeError(f"{cls.__qualname__}.__init__() got an unexpected keyword argument '{name}'")
            if name in values:
                raise TypeError(f"{cls.__qualname__}.__init__() got multiple values for argument '{name}'")
            values[name] = value
        missing = dataclasses.MISSING
        for name, default, factory, taken_as in signature.fields:
            if name in values:
                value = values[name]
            elif default is not missing:
                value = default
            elif factory is not missing:
                value = factory()
            elif taken_as:
                raise TypeError(f"{cls.__qualname__}.__init__() missing 1 required {taken_as} argument: '{name}'")
            else:
                continue
            _set(self, name, value)
        if signature.post_init:
            self.__post_init__()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        compared = [f.name for f in dataclasses.fields(self) if f.compare]
        return tuple(getattr(self, name) for name in compared) == tuple(getattr(other, name) for name in compared)

    def __repr__(self) -> str:
        shown = (f"{f.name}={getattr(self, f.name)!r}" for f in dataclasses.fields(self) if f.repr)
        return f"{self.__class__.__qualname__}({', '.join(shown)})"


class FrozenRecord(Record):
    """The base of a frozen dataclass declared `eq=False, repr=False`: a Record with the hash that
    `dataclasses` gives a frozen class, over the fields it compares.

    A class declared `init=False` (and not `frozen`) is frozen by the guards here; one declared
    `frozen=True` replaces them with the ones `dataclasses` generates."""

    __slots__ = ()

    def __hash__(self) -> int:
        hashed = (f for f in dataclasses.fields(self) if (f.compare if f.hash is None else f.hash))
        return hash(tuple(getattr(self, f.name) for f in hashed))

    def __setattr__(self, name: str, value: Any) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot assign to field '{name}'")

    def __delattr__(self, name: str) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot delete field '{name}'")

    def __getstate__(self) -> list[Any]:
        """Pickle and copy would restore the fields one `setattr` at a time, which the guards refuse:
        these restore them past the guards, as `dataclasses` does for a frozen class with slots."""
        return [getattr(self, f.name) for f in dataclasses.fields(self)]

    def __setstate__(self, state: list[Any]) -> None:
        for spec, value in zip(dataclasses.fields(self), state):
            _set(self, spec.name, value)


_set = object.__setattr__


class _Signature(NamedTuple):
    """What the shared `__init__` needs to know of a class, worked out once per class."""

    positional: tuple[str, ...]  # the fields it takes by position, in order
    accepted: frozenset[str]  # all the fields it takes
    # every field as (name, default, default factory, how `__init__` takes it: "positional",
    # "keyword-only", or "" for a field it does not take)
    fields: tuple[tuple[str, Any, Any, str], ...]
    post_init: bool


_SIGNATURES: dict[type, _Signature] = {}


def _signature_of(cls: type) -> _Signature:
    specs = dataclasses.fields(cls)
    taken = [f for f in specs if f.init]
    fields = tuple(
        (f.name, f.default, f.default_factory, ("keyword-only" if f.kw_only else "positional") if f.init else "")
        for f in specs
    )
    signature = _SIGNATURES[cls] = _Signature(
        tuple(f.name for f in taken if not f.kw_only), frozenset(f.name for f in taken), fields, hasattr(cls, "__post_init__")
    )
    return signature
