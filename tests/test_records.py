"""walint.records stands in for the methods `dataclasses` would compile per class: the same `==`,
repr and hash for every kind of class walint declares, and for the classes built a fixed number of
times per run, the same `__init__` and, when frozen, the same refusals and pickling."""

from __future__ import annotations

import dataclasses

import pytest

from walint.ast import Placeholder, Span
from walint.checks import Finding
from walint.diagnostics import Diagnostic
from walint.load.source import Position, Range
from walint.records import FrozenRecord, Record


def _as_generated(cls: type, frozen: bool) -> type:
    """The same fields as a dataclass that generates its own methods."""
    fields = [(f.name, f.type, f) for f in dataclasses.fields(cls)]
    return dataclasses.make_dataclass(cls.__name__, fields, frozen=frozen)


SAMPLES = [
    (Span, [{"start": 1, "end": 4}, {"start": 1, "end": 5}]),
    (Position, [{"row": 3, "column": 7}, {"row": 3, "column": 8}]),
    (Range, [{"start": Position(1, 2), "end": Position(1, 9)}, {"start": Position(1, 2), "end": Position(2, 1)}]),
    (Placeholder, [
        {"span": Span(0, 5), "text": "{{1}}", "kind": "positional", "number": 1, "name": None},
        {"span": Span(0, 6), "text": "{{ab}}", "kind": "named", "number": None, "name": "ab"},
    ]),
]


@pytest.mark.parametrize(("cls", "values"), SAMPLES, ids=[cls.__name__ for cls, _ in SAMPLES])
def test_a_frozen_record_compares_hashes_and_shows_as_a_generated_dataclass(cls: type, values: list[dict]) -> None:
    generated = _as_generated(cls, frozen=True)
    one, other = values
    assert cls(**one) == cls(**one) and generated(**one) == generated(**one)
    assert cls(**one) != cls(**other)
    assert hash(cls(**one)) == hash(generated(**one))
    assert len({cls(**one), cls(**one), cls(**other)}) == 2
    assert repr(cls(**one)) == repr(generated(**one)).replace(generated.__qualname__, cls.__qualname__)
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(cls(**one), next(iter(one)), None)


def test_equality_compares_field_tuples_as_dataclasses_do() -> None:
    """A tuple comparison takes an object as equal to itself: a NaN held twice is the same value."""
    nan = float("nan")
    assert Finding(("body",), start=nan) == Finding(("body",), start=nan)
    assert Finding(("body",), 0, 1) != Finding(("body",), 0, 2)
    assert Finding(("body",)) != ("body",)


def test_a_frozen_record_with_an_unhashable_field_is_unhashable_as_a_dataclass_would_be() -> None:
    with pytest.raises(TypeError):
        hash(Finding(("body",), args={"a": 1}))


def test_a_record_that_is_not_frozen_has_no_hash() -> None:
    from walint.diagnostics import RunResult

    assert RunResult() == RunResult()
    with pytest.raises(TypeError):
        hash(RunResult())


def test_a_diagnostic_repr_lists_its_fields_in_order() -> None:
    diagnostic = Diagnostic(filename="t.yaml", template="t", code="WA001", name="n", severity="error", message="m",
                            row=1, column=2, end_row=1, end_column=3, url="u")
    shown = repr(diagnostic)
    assert shown.startswith("Diagnostic(filename='t.yaml', template='t', code='WA001'")
    assert [f.name for f in dataclasses.fields(Diagnostic) if f.repr] == [part.split("=")[0] for part in shown[len("Diagnostic("):-1].split(", ")]


def _builtin_options_classes() -> list[type]:
    from walint.checks import _REGISTRY, get_check

    get_check("max_length")  # loads the built-in checks
    return sorted({spec.options for spec in _REGISTRY.values()}, key=lambda cls: cls.__qualname__)


@pytest.mark.parametrize("cls", _builtin_options_classes(), ids=lambda cls: cls.__qualname__)
def test_an_options_class_inits_as_a_generated_kw_only_dataclass(cls: type) -> None:
    """The built-in options classes share Options.__init__: same defaults, same refusals."""
    fields = [(f.name, f.type, f) for f in dataclasses.fields(cls)]
    generated = dataclasses.make_dataclass(cls.__name__, fields, kw_only=True, namespace={"__post_init__": getattr(cls, "__post_init__", lambda self: None)})
    required = [f.name for f in dataclasses.fields(cls) if f.init and f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING]
    if not required:
        assert [getattr(cls(), f.name) for f in dataclasses.fields(cls)] == [getattr(generated(), f.name) for f in dataclasses.fields(cls)]
    else:
        with pytest.raises(TypeError, match=f"missing 1 required keyword-only argument: '{required[0]}'"):
            cls(**{name: None for name in required[1:]})
    with pytest.raises(TypeError, match="unexpected keyword argument 'no_such_option'"):
        cls(no_such_option=1)
    assert "__init__" not in cls.__dict__, "a built-in options class compiles its own __init__ (declare it init=False)"


def test_options_init_sets_the_fields_a_caller_gives_and_runs_post_init() -> None:
    from walint.checks.length import MaxLengthOptions
    from walint.checks.content import LexiconOptions

    options = MaxLengthOptions(field="body", max=10)
    assert (options.field, options.max) == ("body", 10)
    assert LexiconOptions(terms={"*": ["x"]})._matchers == {}  # an init=False field takes its default
    with pytest.raises(TypeError):
        MaxLengthOptions("body", 10)


def _walint_dataclasses() -> list[type]:
    """Every dataclass walint declares, the check modules' included."""
    import importlib
    import pkgutil

    import walint

    _builtin_options_classes()  # imports the check modules
    for module in pkgutil.walk_packages(walint.__path__, "walint."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)
    found: dict[str, type] = {}
    pending = [Record]
    while pending:
        for cls in pending.pop().__subclasses__():
            pending.append(cls)
            if dataclasses.is_dataclass(cls) and cls.__module__.startswith("walint."):
                found[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return [found[name] for name in sorted(found)]


def _sharing_init() -> list[type]:
    return [cls for cls in _walint_dataclasses() if cls.__init__ is Record.__init__ and not cls.__name__.startswith("_")]


def _outcome(build) -> object:
    try:
        made = build()
    except Exception as error:  # noqa: BLE001 - the kind of refusal is what is compared
        return type(error)
    return [getattr(made, f.name, "<unset>") for f in dataclasses.fields(made)]


def _generated_twin(cls: type) -> type:
    fields = [(f.name, f.type, f) for f in dataclasses.fields(cls)]
    namespace = {"__post_init__": cls.__post_init__} if hasattr(cls, "__post_init__") else {}
    return dataclasses.make_dataclass(cls.__name__, fields, namespace=namespace)


def test_the_shared_init_serves_the_classes_built_a_fixed_number_of_times_per_run_or_file() -> None:
    from walint.ast import Placeholder as PlaceholderNode, Text
    from walint.fields import TextField
    from walint.model import Body, Template

    shared = {cls.__qualname__ for cls in _sharing_init()}
    assert {"Rule", "RuleSpec", "CheckSpec", "Settings", "FileToCheck", "Pattern", "MaxLengthOptions"} <= shared
    for grows_with_input in (Span, Text, PlaceholderNode, Position, Range, TextField, Body, Template, Finding, Diagnostic):
        assert "__init__" in grows_with_input.__dict__, f"{grows_with_input.__qualname__} is built per template or per finding: it keeps a compiled __init__"


@pytest.mark.parametrize("cls", _sharing_init(), ids=lambda cls: f"{cls.__module__}.{cls.__qualname__}")
def test_the_shared_init_takes_refuses_and_defaults_as_a_generated_one(cls: type) -> None:
    twin = _generated_twin(cls)
    taken = [f for f in dataclasses.fields(cls) if f.init]
    by_name = {f.name: f"<{f.name}>" for f in taken}
    by_position = [f"<{f.name}>" for f in taken if not f.kw_only]
    keyword_only = {f.name: f"<{f.name}>" for f in taken if f.kw_only}
    required = {f.name: f"<{f.name}>" for f in taken if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING}
    calls = [
        ((), by_name),
        (tuple(by_position), keyword_only),
        ((), required),
        ((), {}),
        ((*by_position, "one too many"), keyword_only),
        ((), {**by_name, "no_such_field": 1}),
    ]
    if by_position:
        calls.append(((by_position[0],), {taken[0].name: "twice", **keyword_only}))
    for args, kwargs in calls:
        assert _outcome(lambda: cls(*args, **kwargs)) == _outcome(lambda: twin(*args, **kwargs)), (args, kwargs)


def test_the_shared_init_gives_each_instance_its_own_default_from_a_factory() -> None:
    from walint.diagnostics import RunResult

    one, other = RunResult(), RunResult()
    one.diagnostics.append("x")
    assert other.diagnostics == []


@pytest.mark.parametrize("cls", [c for c in _sharing_init() if issubclass(c, FrozenRecord)], ids=lambda cls: cls.__qualname__)
def test_a_frozen_record_without_a_compiled_init_is_still_frozen_and_pickles(cls: type) -> None:
    import copy
    import pickle

    values = {f.name: f"<{f.name}>" for f in dataclasses.fields(cls) if f.init}
    if cls.__qualname__ == "Rule":
        values["severity"] = "error"  # otherwise it is read from the spec
    made = cls(**values)
    name = next(iter(values), "any_name")  # Strict has no field, and still refuses a new attribute
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(made, name, "changed")
    with pytest.raises(dataclasses.FrozenInstanceError):
        delattr(made, name)
    for copied in (pickle.loads(pickle.dumps(made)), copy.copy(made), copy.deepcopy(made)):
        assert type(copied) is cls and copied == made and copied is not made
    if values:
        assert dataclasses.replace(made, **{name: "replaced"}) != made

