"""walint.validation: the fast path agrees with pydantic, and a run where everything fits never imports it.

The equivalence tests generate data for every dataclass walint validates, from the class's own type
hints: values of the right type, then one value spoiled (of the wrong type, or one that pydantic's lax
mode would convert: "5", 1.0, true, a tuple for a list), unknown keys, missing keys and nested junk,
for the class as a whole and for each of its fields in turn. Whenever the fast path accepts, pydantic
must accept and build the same value; and `validate()` must agree with pydantic on every input.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib.util
import subprocess
import sys
import typing
from pathlib import Path
from typing import Annotated, Any, Literal, Union

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

from walint import model, validation
from walint.checks import get_check
from walint.config import Settings
from walint.rule_packs import PackError, RuleDocs, RulePack, RuleSpec, Source, builtin_pack_texts, load_rules
from walint.validation import After, Before, Ge, Gt, MinLen, Pattern, Strict

REPO = Path(__file__).resolve().parent.parent


def _all_dataclasses() -> list[type]:
    """Every class walint validates: the template model, the settings, the rule packs and the options
    of every registered check."""
    rules = load_rules().rules
    options = {rule.check.options for rule in rules if rule.check is not None}
    model_classes = {cls for cls in vars(model).values() if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == model.__name__}
    found = {*model_classes, Settings, RulePack, RuleSpec, RuleDocs, Source, *options}
    for cls in list(found):  # and the dataclasses they contain (structure.Bounds)
        found.update(_nested(cls))
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


def _nested(cls: type) -> set[type]:
    found = set()
    for hint in typing.get_type_hints(cls, include_extras=True).values():
        stack = [hint]
        while stack:
            current = stack.pop()
            if isinstance(current, type) and dataclasses.is_dataclass(current):
                found.add(current)
            stack.extend(typing.get_args(current))
    return found


CLASSES = _all_dataclasses()

# --- data from type hints -------------------------------------------------------------------------------

_scalar_junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-3, max_value=3),
    st.sampled_from([0.0, 1.0, 2.5, -1.0, 10**20]),
    st.sampled_from(["", "5", "0", "-1", "true", "false", "yes", "1.0", "x", "body", "BODY", "URL", "a\n", "WA401", "en", "*"]),
    st.text(max_size=6),
    st.just(b"bytes"),
    st.just(("a", 1)),
)
_junk_keys = st.one_of(st.text(max_size=4), st.integers(0, 2))
_shallow_junk = st.one_of(_scalar_junk, st.lists(_scalar_junk, max_size=3), st.dictionaries(_junk_keys, _scalar_junk, max_size=3))
_junk = st.one_of(_shallow_junk, st.lists(_shallow_junk, max_size=2), st.dictionaries(_junk_keys, _shallow_junk, max_size=2))


def _fitting(hint: Any, depth: int = 0) -> st.SearchStrategy:
    """Values of the hinted type all the way down (a nested dataclass's mapping may spoil one of its
    own values); below two levels of dataclasses, an empty mapping, or a template would never end."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is Any:
        return _junk
    if hint in (str, Path):
        return st.text(max_size=8)
    if hint is int:
        return st.integers(min_value=-5, max_value=2000)
    if hint is bool:
        return st.booleans()
    if hint is type(None):
        return st.none()
    if dataclasses.is_dataclass(hint):
        return _mappings(hint, depth + 1) if depth < 2 else st.just({})
    if origin is Annotated:
        return st.one_of(_fitting(args[0], depth), _keys(hint))
    if origin is Literal:
        return st.sampled_from(args)
    if origin in (Union, type(int | None)):
        return st.one_of(*(_fitting(arg, depth) for arg in args))
    if origin in (list, tuple):
        items = st.lists(_fitting(args[0], depth), max_size=3)
        return items if origin is list else items.map(tuple)
    if origin is dict:
        return st.dictionaries(_keys(args[0]), _fitting(args[1], depth), max_size=3)
    raise AssertionError(f"no strategy for {hint!r}")


def _keys(hint: Any) -> st.SearchStrategy:
    """Text, and text that matches the hint's pattern if it has one (a lexicon's language keys)."""
    patterns = [marker.regex for marker in getattr(hint, "__metadata__", ()) if isinstance(marker, Pattern)]
    return st.one_of(st.text(max_size=8), *(st.from_regex(pattern) for pattern in patterns))


class _Word(str):
    """A str subclass (like a str enum's member): pydantic may hand back another value than the input."""


class _Number(int):
    pass


def _near_misses(hint: Any, depth: int) -> st.SearchStrategy:
    """Values that pydantic's lax mode converts, or that look right and are not: a fast path that
    took them would build another value than pydantic does."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is Annotated:
        return _near_misses(args[0], depth)
    if hint is int:
        return st.sampled_from([True, False, "5", " 7", "-1", 5.0, 1.0, _Number(3)])
    if hint in (str, Path):
        return st.sampled_from([b"text", 5, 2.5, True, None, _Word("body")])
    if hint is bool:
        return st.sampled_from([1, 0, "true", "false", "yes", "off", 1.0, "1"])
    if origin is Literal:
        words = [a for a in args if isinstance(a, str)]
        return st.sampled_from([*map(_Word, words), *(a.encode() for a in words), *(a.lower() for a in words), 1])
    if origin in (Union, type(int | None)):
        return st.one_of(*(_near_misses(arg, depth) for arg in args if arg is not type(None)))
    if origin in (list, tuple):
        items = st.lists(_fitting(args[0], depth), max_size=2)
        spoiled_items = st.lists(st.one_of(_fitting(args[0], depth), _near_misses(args[0], depth)), min_size=1, max_size=3)
        return st.one_of(items.map(list if origin is tuple else tuple), spoiled_items, spoiled_items, st.just("text"), st.just(frozenset()))
    if origin is dict:
        bad_keys = st.dictionaries(st.sampled_from([1, None, True, b"key"]), _fitting(args[1], depth), min_size=1, max_size=2)
        bad_values = st.dictionaries(_keys(args[0]), _near_misses(args[1], depth), min_size=1, max_size=2)
        return st.one_of(bad_keys, bad_values, bad_values, st.sampled_from([[("a", "b")], [], "text"]))
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return st.sampled_from([[("a", "b")], [], (), "text", None])
    return _junk


def _mappings(cls: type, depth: int = 0, spoil: str | None = None) -> st.SearchStrategy:
    """A mapping for a dataclass: some of its keys (by name, or by alias for the settings) with
    fitting values, then, more often than not, one value spoiled (a near miss or junk): the field
    `spoil` if given, which is then always there; and maybe an unknown key. Now and then (without
    `spoil`) not a mapping at all."""
    hints = typing.get_type_hints(cls, include_extras=True)
    fields = [f for f in dataclasses.fields(cls) if f.init]
    alias = getattr(cls, "__pydantic_config__", {}).get("alias_generator") or (lambda name: name)
    extra = st.one_of(st.none(), st.none(), st.none(), st.tuples(st.sampled_from(["zzz", "_matchers", "id", 3, None]), _junk))

    @st.composite
    def build(draw):
        data, hint_of = {}, {}
        for dc_field in fields:
            required = dc_field.default is dataclasses.MISSING and dc_field.default_factory is dataclasses.MISSING
            if dc_field.name == spoil or draw(st.integers(0, 9)) < (9 if required else 5):
                key = draw(st.sampled_from([alias(dc_field.name), dc_field.name]))
                data[key] = draw(_fitting(hints[dc_field.name], depth))
                hint_of[key] = hints[dc_field.name]
        spoiled = draw(st.sampled_from([None, *hint_of] if spoil is None else [None, *(key for key in hint_of if key in (spoil, alias(spoil)))] * 2))
        if spoiled is not None:
            data[spoiled] = draw(st.one_of(_near_misses(hint_of[spoiled], depth), _near_misses(hint_of[spoiled], depth), _junk))
        more = draw(extra)
        if more is not None:
            data[more[0]] = more[1]
        return data

    return st.one_of(build(), build(), build(), build(), _junk) if spoil is None else build()


# --- equivalence ----------------------------------------------------------------------------------------

_AS_FOR_MODELS = {"unexpected_keyword_argument": "extra_forbidden", "dataclass_type": "model_type"}


@functools.cache
def _adapter(cls: type) -> TypeAdapter:
    return TypeAdapter(cls)


def _pydantic(cls: type, data: Any) -> tuple[str, Any]:
    try:
        return "ok", _adapter(cls).validate_python(data)
    except ValidationError as error:
        return "error", [(_AS_FOR_MODELS.get(d["type"], d["type"]), d["loc"]) for d in error.errors(include_url=False)]


def _ours(cls: type, data: Any) -> tuple[str, Any]:
    try:
        return "ok", validation.validate(cls, data)
    except ValidationError as error:
        return "error", [(d["type"], d["loc"]) for d in error.errors(include_url=False)]


def _same_value(ours: Any, theirs: Any) -> bool:
    """Equal, and of the same types all the way down (1 == True == 1.0, but they are not the same value)."""
    if type(ours) is not type(theirs):
        return False
    if dataclasses.is_dataclass(ours):
        return all(_same_value(getattr(ours, f.name), getattr(theirs, f.name)) for f in dataclasses.fields(ours))
    if isinstance(ours, (list, tuple)):
        return len(ours) == len(theirs) and all(_same_value(a, b) for a, b in zip(ours, theirs))
    if isinstance(ours, dict):
        return list(ours) == list(theirs) and all(_same_value(ours[k], theirs[k]) for k in ours)
    return ours == theirs or ours is theirs


EQUIVALENCE = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])


# each class as a whole, then each of its fields spoiled in turn
CASES = [(cls, None) for cls in CLASSES] + [(cls, f.name) for cls in CLASSES for f in dataclasses.fields(cls) if f.init]


@pytest.mark.parametrize(("cls", "spoil"), CASES, ids=[f"{cls.__qualname__}.{spoil or '*'}" for cls, spoil in CASES])
def test_the_fast_path_accepts_only_what_pydantic_accepts_and_builds_the_same_value(cls: type, spoil: str | None) -> None:
    left_to_pydantic = []

    @EQUIVALENCE
    @given(_mappings(cls, spoil=spoil))
    def check(data: Any) -> None:
        ours, theirs = _ours(cls, data), _pydantic(cls, data)
        assert ours[0] == theirs[0], (data, ours, theirs)
        if ours[0] == "ok":
            assert _same_value(ours[1], theirs[1]), (data, ours[1], theirs[1])
        else:
            assert ours[1] == theirs[1], (data, ours[1], theirs[1])
        if validation.takes_fast_path(cls, data):
            assert theirs[0] == "ok" and _same_value(validation.validate(cls, data), theirs[1])
        else:
            left_to_pydantic.append(data)

    check()
    assert left_to_pydantic, "the data never left the fast path: the generator is too tame"


def test_every_built_in_rule_takes_the_fast_path() -> None:
    """A rule whose options fall back to pydantic would import it in every run: none may."""
    for rule in load_rules().rules:
        if rule.check is not None:
            assert validation.takes_fast_path(rule.check.options, rule.spec.options), rule.code


def test_the_built_in_packs_take_the_fast_path() -> None:
    for name, text in builtin_pack_texts():
        assert validation.takes_fast_path(RulePack, yaml.safe_load(text)), name


def test_the_examples_take_the_fast_path() -> None:
    """Each component and button of the example templates, as the model's builder validates them."""
    checked = 0
    for path in sorted((REPO / "examples" / "good").iterdir()):
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
        for template in loaded if isinstance(loaded, list) else [loaded]:
            assert validation.takes_fast_path(model.Template, {k: v for k, v in template.items() if k != "components"})
            for component in template["components"]:
                shallow = {k: v for k, v in component.items() if k not in ("buttons", "cards")}
                assert validation.takes_fast_path(model.COMPONENT_CLASSES[component["type"]], shallow), component
                for button in component.get("buttons", []):
                    assert validation.takes_fast_path(model.BUTTON_CLASSES[button["type"]], button), button
                    checked += 1
    assert checked


# --- pydantic's words and the markers -------------------------------------------------------------------


def _first_error(cls: type, data: Any) -> dict:
    with pytest.raises(ValidationError) as caught:
        validation.validate(cls, data)
    return caught.value.errors(include_url=False)[0]


def test_an_unknown_key_is_worded_as_for_a_pydantic_model() -> None:
    error = _first_error(Source, {"title": "t", "titel": "t"})
    assert (error["type"], error["loc"], error["msg"]) == ("extra_forbidden", ("titel",), "Extra inputs are not permitted")


def test_a_value_that_is_not_a_mapping_is_worded_as_for_a_pydantic_model() -> None:
    error = _first_error(RulePack, {"sources": {"meta": "a title"}})
    assert (error["type"], error["loc"], error["msg"]) == ("model_type", ("sources", "meta"), "Input should be a valid dictionary or instance of Source")


def test_a_pattern_keeps_pydantic_s_message() -> None:
    spec = {"code": "wa401", "name": "n", "severity": "error", "summary": "s", "message": "m", "confidence": "S", "docs": {"what": "", "why": "", "example": "", "fix": ""}}
    error = _first_error(RuleSpec, spec)
    assert error["msg"] == "String should match pattern '^[A-Z]{1,8}[0-9]{3}$'"


def test_a_text_with_a_final_newline_does_not_match_an_anchored_pattern() -> None:
    """Python's `$` matches before a final newline, Rust's (pydantic's) does not: pydantic decides."""
    spec = {"code": "WA401\n", "name": "n", "severity": "error", "summary": "s", "message": "m", "confidence": "S", "docs": {"what": "", "why": "", "example": "", "fix": ""}}
    assert not validation.takes_fast_path(RuleSpec, spec)
    assert _first_error(RuleSpec, spec)["type"] == "string_pattern_mismatch"


@dataclasses.dataclass(kw_only=True)
class _Marked:
    __pydantic_config__ = {"extra": "forbid"}
    positive: Annotated[int, Gt(0)] = 1
    at_least_two: Annotated[int, Ge(2)] = 2
    some: Annotated[list[str], MinLen(1)] = dataclasses.field(default_factory=lambda: ["a"])
    shouted: Annotated[str, After(str.upper)] = ""
    listed: Annotated[list[str], Before(lambda value: [value] if isinstance(value, str) else value)] = dataclasses.field(default_factory=list)
    exact: Annotated[int, Strict()] = 0


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        ({"positive": 0}, "greater_than"),
        ({"at_least_two": 1}, "greater_than_equal"),
        ({"some": []}, "too_short"),
        ({"exact": "5"}, "int_type"),
        ({"exact": True}, "int_type"),
        ({"positive": "5"}, None),  # lax: pydantic takes it, the fast path leaves it to pydantic
    ],
)
def test_markers_constrain_both_paths(data: dict, kind: str | None) -> None:
    assert not validation.takes_fast_path(_Marked, data)
    if kind is None:
        assert validation.validate(_Marked, data) == TypeAdapter(_Marked).validate_python(data)
    else:
        assert _first_error(_Marked, data)["type"] == kind


def test_markers_build_the_same_value_on_both_paths() -> None:
    data = {"positive": 3, "at_least_two": 2, "some": ["x"], "shouted": "hi", "listed": "one", "exact": 4}
    assert validation.takes_fast_path(_Marked, data)
    assert validation.validate(_Marked, data) == TypeAdapter(_Marked).validate_python(data) == _Marked(positive=3, some=["x"], shouted="HI", listed=["one"], exact=4)


def test_post_init_refusing_is_a_validation_error() -> None:
    error = _first_error(get_check("type_category").options, {"kind": "button", "types": ["QUIK_REPLY"], "categories": ["MARKETING"]})
    assert error["type"] == "value_error"
    assert "unknown button type QUIK_REPLY" in error["msg"]


class _ThirdPartyOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")
    limit: int = 3


def test_a_pydantic_model_validates_itself() -> None:
    assert validation.validate(_ThirdPartyOptions, {"limit": "4"}).limit == 4
    with pytest.raises(ValidationError):
        validation.validate(_ThirdPartyOptions, {"limt": 4})


def test_settings_read_kebab_case_and_snake_case_keys() -> None:
    settings = validation.validate(Settings, {"extend-select": ["WA4"], "rule_packs": ["p.yaml"]})
    assert settings.extend_select == ["WA4"] and settings.rule_packs == [Path("p.yaml")]
    assert _first_error(Settings, {"selec": []})["type"] == "extra_forbidden"


def test_a_bad_rule_pack_is_still_one_line_naming_the_key(tmp_path: Path) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text("rules:\n  - code: XX001\n    nam: x\n", encoding="utf-8")
    with pytest.raises(PackError, match=r"`rules.0.name`: Field required"):
        load_rules([pack])


# --- pydantic stays out of a run where everything fits --------------------------------------------------

_RUN = """
import sys
from walint.cli import main
sys.argv = ["walint", "check", *sys.argv[1:]]
try:
    main()
except SystemExit as done:
    code = done.code
print("exit", code, "pydantic" in sys.modules, "pydantic_core" in sys.modules)
"""


def _run_cli(*paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", _RUN, *map(str, paths)], capture_output=True, text=True, timeout=120)


def test_a_run_on_valid_templates_never_imports_pydantic(tmp_path: Path) -> None:
    """The examples, and 300 templates from the benchmark generator (their problems are rule findings,
    none a value of the wrong type)."""
    spec = importlib.util.spec_from_file_location("walint_benchmark_generate", REPO / "benchmarks" / "generate.py")
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    corpus = tmp_path / "corpus.yaml"
    corpus.write_text(generate.dump(generate.make_templates(300), "yaml"), encoding="utf-8")
    for target in (REPO / "examples" / "good", corpus):
        done = _run_cli(target)
        assert done.stdout.splitlines()[-1] in ("exit 0 False False", "exit 1 False False"), done.stdout + done.stderr


def test_a_wrong_typed_field_is_reported_through_pydantic_as_before(tmp_path: Path) -> None:
    template = tmp_path / "t.yaml"
    template.write_text("name: t\nlanguage: en\ncategory: UTILITY\ncomponents:\n  - type: BODY\n    text: 5\n", encoding="utf-8")
    done = _run_cli(template)
    assert "BODY component: `text` must be a string, not the number 5" in done.stdout
    assert done.stdout.splitlines()[-1] == "exit 1 True True"


def test_record_equality_and_repr_are_those_a_dataclass_generates() -> None:
    """Record's __eq__ and __repr__ stand in for the ones dataclasses would generate per class."""
    import dataclasses as dc

    from walint.checks.length import MaxLengthOptions
    from walint.model import Body

    generated = dc.make_dataclass("MaxLengthOptions", [(f.name, f.type, f) for f in dc.fields(MaxLengthOptions)], kw_only=True)
    some, other = {"field": "body", "max": 10}, {"field": "body", "max": 11}
    assert MaxLengthOptions(**some) == MaxLengthOptions(**some)
    assert MaxLengthOptions(**some) != MaxLengthOptions(**other)
    assert repr(MaxLengthOptions(**some)) == repr(generated(**some))
    assert Body(type="BODY", text="a") != Body(type="BODY", text="b")
    assert Body(type="BODY", text="a") != MaxLengthOptions(**some)
    with pytest.raises(TypeError):
        hash(Body(type="BODY"))
