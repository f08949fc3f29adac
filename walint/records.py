"""The methods that `dataclasses` would compile for each class, written once for all of them.

A dataclass compiles every method it generates with `exec`: about 0.25 ms each on Python 3.11, and a
frozen class has six. walint declares some 120 dataclasses, and a cold run of a small file pays for all
of them before it reads a byte. Its classes therefore ask `dataclasses` only for `__init__` (and, when
frozen, the two methods that enforce it) and take `==`, `repr` and `hash` from these bases, which
behave as the generated ones do.
"""

from __future__ import annotations

import dataclasses


class Record:
    """The base of a dataclass declared `eq=False, repr=False`: its `==` and repr as `dataclasses`
    would generate them, and, like a dataclass with `eq` and not frozen, no hash."""

    __slots__ = ()
    __hash__ = None

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
    `dataclasses` gives a frozen class, over the fields it compares."""

    __slots__ = ()

    def __hash__(self) -> int:
        hashed = (f for f in dataclasses.fields(self) if (f.compare if f.hash is None else f.hash))
        return hash(tuple(getattr(self, f.name) for f in hashed))
