"""Validate plain data (parsed YAML, JSON or TOML) into stdlib dataclasses, with pydantic's semantics.

Importing pydantic and building its validators costs more than a whole small run, so the common case,
data that fits, takes a fast path in pure Python: one converter per field, planned once per class from
its type hints. The fast path accepts only values it is sure of (exact types, no lax conversion such as
"5" to 5) and builds exactly the value pydantic would. At the least doubt it gives up, and pydantic,
imported then, decides: its value or its ValidationError is the answer. So the semantics are always
pydantic's; only the speed differs.

A class's pydantic configuration is its `__pydantic_config__` dict. Constraints are the markers below,
which both paths understand (pydantic through `__get_pydantic_core_schema__`). The annotations of a
module with `from __future__ import annotations` are resolved from its globals by both paths: a marker
must be reachable there by name. The modules of the classes planned at every run (the checks' options,
the settings, the rule packs, the template model) do without that import: evaluated when the class is
made, their annotations spare each plan an `eval` per field (about 10 ms of a cold run for 57 classes).
"""

from __future__ import annotations

import dataclasses
import functools
import re
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Callable, Literal, Union

from walint.records import FrozenRecord

Converter = Callable[[Any], Any]


def validate(cls: type, data: Any) -> Any:
    """An instance of `cls` made from `data`, or pydantic's ValidationError. `cls` is a stdlib
    dataclass, or a pydantic model (a third-party check's options), which validates itself."""
    try:
        return _plan(cls)(data)
    except _GiveUp:
        return _validate_with_pydantic(cls, data)


def takes_fast_path(cls: type, data: Any) -> bool:
    """Whether the fast path alone accepts `data` for a dataclass (what the tests hold walint's own
    classes to)."""
    try:
        _plan(cls)(data)
    except _GiveUp:
        return False
    return True


def __getattr__(name: str) -> Any:
    """`validation.ValidationError` is pydantic's, imported on first use: an `except` clause names it
    only once an exception is on its way, so a run where everything fits never imports it."""
    if name == "ValidationError":
        from pydantic_core import ValidationError

        return ValidationError
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class _GiveUp(Exception):
    """The fast path is not sure of a value: pydantic decides."""


# --- markers: constraints that both paths apply --------------------------------------------------------


@dataclass(init=False, eq=False, repr=False)
class Strict(FrozenRecord):
    """No lax conversion for this type (pydantic's Strict): the fast path never converts anyway.
    Put it first in Annotated, so that it marks the type itself and not a validator around it."""

    def fast(self, convert: Converter) -> Converter:
        return convert

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        return {**handler(source), "strict": True}


@dataclass(init=False, eq=False, repr=False)
class Before(FrozenRecord):
    """Call `function` on the input before the type validates it (pydantic's BeforeValidator)."""

    function: Callable[[Any], Any]

    def fast(self, convert: Converter) -> Converter:
        function = self.function
        return lambda value: convert(_call(function, value))

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_before_validator_function(self.function, handler(source))


@dataclass(init=False, eq=False, repr=False)
class After(FrozenRecord):
    """Call `function` on the validated value; a ValueError is a validation error (AfterValidator)."""

    function: Callable[[Any], Any]

    def fast(self, convert: Converter) -> Converter:
        function = self.function
        return lambda value: _call(function, convert(value))

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(self.function, handler(source))


@dataclass(init=False, eq=False, repr=False)
class Pattern(FrozenRecord):
    """A string that matches the regex (pydantic's `Field(pattern=...)`, with the same message)."""

    regex: str

    def fast(self, convert: Converter) -> Converter:
        try:
            search = re.compile(self.regex).search
        except re.error:  # a pattern only Rust's regex engine reads
            return _unsupported

        def matching(value: Any) -> Any:
            text = convert(value)
            # pydantic matches with Rust's regex engine, where `$` does not match before a final
            # newline as Python's does: a text with a newline is left to pydantic
            if "\n" in text or search(text) is None:
                raise _GiveUp
            return text

        return matching

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        return {**handler(source), "pattern": self.regex}


@dataclass(init=False, eq=False, repr=False)
class MinLen(FrozenRecord):
    """A list of at least `length` items (pydantic's `Field(min_length=...)`)."""

    length: int

    def fast(self, convert: Converter) -> Converter:
        return _checked(convert, lambda items: len(items) >= self.length)

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        return {**handler(source), "min_length": self.length}


@dataclass(init=False, eq=False, repr=False)
class Ge(FrozenRecord):
    """A number at least `bound` (pydantic's `Field(ge=...)`)."""

    bound: int

    def fast(self, convert: Converter) -> Converter:
        return _checked(convert, lambda number: number >= self.bound)

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        return {**handler(source), "ge": self.bound}


@dataclass(init=False, eq=False, repr=False)
class Gt(FrozenRecord):
    """A number above `bound` (pydantic's `Field(gt=...)`)."""

    bound: int

    def fast(self, convert: Converter) -> Converter:
        return _checked(convert, lambda number: number > self.bound)

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        return {**handler(source), "gt": self.bound}


PositiveInt = Annotated[int, Gt(0)]
NonNegativeInt = Annotated[int, Ge(0)]
_MARKERS = (Strict, Before, After, Pattern, MinLen, Ge, Gt)


def _call(function: Callable[[Any], Any], value: Any) -> Any:
    try:
        return function(value)
    except Exception:  # pydantic turns a ValueError into its message, and lets anything else through
        raise _GiveUp from None


def _checked(convert: Converter, holds: Callable[[Any], bool]) -> Converter:
    def checked(value: Any) -> Any:
        converted = convert(value)
        if not holds(converted):
            raise _GiveUp
        return converted

    return checked


# --- the fast path -------------------------------------------------------------------------------------

# configuration keys whose meaning the fast path implements; any other key leaves the class to pydantic
_KNOWN_CONFIG = {"extra", "alias_generator", "populate_by_name", "title"}
# field metadata that only documents (pydantic reads a stdlib field's metadata as Field() arguments)
_KNOWN_METADATA = {"description"}


@functools.cache
def _plan(cls: type) -> Converter:
    """The converter of a dataclass from a mapping: each key's converter, then the constructor (which
    runs `__post_init__`). Missing keys take the dataclass's defaults, as they do in pydantic."""
    if not dataclasses.is_dataclass(cls):
        return cls.model_validate  # a pydantic model: its ValidationError is the answer
    config = getattr(cls, "__pydantic_config__", {})
    fields = [f for f in dataclasses.fields(cls) if f.init]
    alias_of = config.get("alias_generator") or (lambda name: name)
    if (
        set(config) - _KNOWN_CONFIG
        or config.get("extra", "ignore") not in ("ignore", "forbid")  # "allow" keeps the unknown keys
        or not callable(alias_of)  # pydantic's AliasGenerator, with its separate aliases
        or any(set(f.metadata) - _KNOWN_METADATA for f in fields)
    ):
        return _unsupported
    hints = typing.get_type_hints(cls, include_extras=True)
    by_key: dict[str, tuple[str, Converter]] = {}
    for dc_field in fields:
        target = (dc_field.name, _converter(hints[dc_field.name]))
        by_key[alias_of(dc_field.name)] = target
        if config.get("populate_by_name"):
            by_key.setdefault(dc_field.name, target)
    forbid = config.get("extra") == "forbid"

    def convert(value: Any) -> Any:
        if type(value) is not dict:
            raise _GiveUp
        kwargs = {}
        for key, item in value.items():
            target = by_key.get(key) if type(key) is str else None
            if target is None:
                if forbid or type(key) is not str:
                    raise _GiveUp
                continue  # extra="ignore"
            name, convert_item = target
            if name in kwargs:  # both the alias and the name: pydantic has its own rule
                raise _GiveUp
            kwargs[name] = convert_item(item)
        try:
            return cls(**kwargs)
        except Exception:  # a required field missing, or __post_init__ refusing: pydantic words it
            raise _GiveUp from None

    return convert


def _converter(annotation: Any) -> Converter:
    """The fast converter of one type; an annotation it does not know gives up on every value."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if annotation is Any:
        return _same
    if annotation in (str, int, bool):
        return _exact(annotation)
    if annotation is type(None):
        return _exact(type(None))
    if annotation is Path:
        return _path
    if isinstance(annotation, type) and dataclasses.is_dataclass(annotation):
        return lambda value: _plan(annotation)(value)  # looked up when used: classes may nest themselves
    if origin is Annotated:
        convert = _converter(args[0])
        for marker in annotation.__metadata__:
            if not isinstance(marker, _MARKERS):
                return _unsupported
            convert = marker.fast(convert)
        return convert
    if origin is Literal:
        return _literal(args)
    if origin in (Union, types.UnionType):
        return _union(args)
    if origin is list:
        return _list(_converter(args[0]))
    if origin is dict:
        return _dict(_converter(args[0]), _converter(args[1]))
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _tuple(_converter(args[0]))
    return _unsupported


def _unsupported(value: Any) -> Any:
    raise _GiveUp


def _same(value: Any) -> Any:
    return value


def _exact(kind: type) -> Converter:
    """Only that very type: pydantic's lax mode would turn "5" into 5 or 1 into True, its strict mode
    would not, and a subclass (a str enum) may come out as another value."""

    def exact(value: Any) -> Any:
        if type(value) is not kind:
            raise _GiveUp
        return value

    return exact


def _path(value: Any) -> Any:
    if type(value) is not str:
        raise _GiveUp
    return Path(value)


def _literal(choices: tuple[Any, ...]) -> Converter:
    # (type, value): True == 1, but Literal[1] does not take True
    allowed = {(type(choice), choice) for choice in choices}
    kinds = {type(choice) for choice in choices}

    def literal(value: Any) -> Any:
        if type(value) not in kinds or (type(value), value) not in allowed:
            raise _GiveUp
        return value

    return literal


def _union(members: tuple[Any, ...]) -> Converter:
    """`X | None`, or a union of scalar types, where at most one member can take a value. A union of
    containers or dataclasses is pydantic's to decide (its smart mode weighs how well each fits)."""
    none = type(None) in members
    others = [member for member in members if member is not type(None)]
    if len(others) == 1 and none:
        return _nullable(_converter(others[0]))
    if not all(_is_scalar(member) for member in others):
        return _unsupported
    converters = [_converter(member) for member in others]

    def union(value: Any) -> Any:
        if value is None and none:
            return None
        accepted = []
        for convert in converters:
            try:
                accepted.append(convert(value))
            except _GiveUp:
                continue
        if len(accepted) != 1:
            raise _GiveUp
        return accepted[0]

    return union


def _nullable(convert: Converter) -> Converter:
    return lambda value: None if value is None else convert(value)


def _is_scalar(annotation: Any) -> bool:
    if typing.get_origin(annotation) is Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation in (str, int, bool) or typing.get_origin(annotation) is Literal


def _list(convert_item: Converter) -> Converter:
    def convert(value: Any) -> Any:
        if type(value) is not list:
            raise _GiveUp
        return [convert_item(item) for item in value]

    return convert


def _tuple(convert_item: Converter) -> Converter:
    def convert(value: Any) -> Any:
        if type(value) is not tuple:
            raise _GiveUp
        return tuple(convert_item(item) for item in value)

    return convert


def _dict(convert_key: Converter, convert_value: Converter) -> Converter:
    def convert(value: Any) -> Any:
        if type(value) is not dict:
            raise _GiveUp
        return {convert_key(key): convert_value(item) for key, item in value.items()}

    return convert


# --- the slow path -------------------------------------------------------------------------------------


@functools.cache
def _adapter(cls: type) -> Any:
    from pydantic import TypeAdapter

    return TypeAdapter(cls)


# pydantic words a few errors of dataclasses differently from those of models; walint's messages (and
# its users) have always seen the models' wording
_AS_FOR_MODELS = {"unexpected_keyword_argument": "extra_forbidden", "dataclass_type": "model_type"}


def _validate_with_pydantic(cls: type, data: Any) -> Any:
    from pydantic_core import PydanticCustomError, ValidationError
    from pydantic_core.core_schema import ErrorType

    try:
        return _adapter(cls).validate_python(data)
    except ValidationError as error:
        details = error.errors(include_url=False)
        if not any(detail["type"] in _AS_FOR_MODELS for detail in details):
            raise
        known = set(typing.get_args(ErrorType))
        line_errors = []
        for detail in details:
            kind = _AS_FOR_MODELS.get(detail["type"], detail["type"])
            line_error = {"type": kind, "loc": detail["loc"], "input": detail["input"]}
            if kind not in known:  # a validator's own error type: keep its message as it was
                line_error["type"] = PydanticCustomError(kind, detail["msg"])
            elif "ctx" in detail:
                line_error["ctx"] = detail["ctx"]
            line_errors.append(line_error)
        raise ValidationError.from_exception_data(error.title, line_errors) from None
