"""Rule packs: YAML files that give each rule its code, name, severity, message, docs and check.

The built-in packs ship in `rules/` (the package `walint.rules`); a user's own packs come from paths.
A pack is validated when it loads (walint.validation), and each rule's options with its check's options
class, so a mistake in a pack is one clear error naming the file and the rule, never a late crash.
"""

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml

from walint import validation
from walint.checks import CheckSpec, get_check
from walint.package_data import data_folder
from walint.pack_snapshot import snapshot_data
from walint.records import FrozenRecord, Record
from walint.validation import Pattern

DOCS_URL = "https://github.com/walint/walint/blob/main/docs/rules.md#{anchor}"
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class PackError(Exception):
    """A rule pack that cannot be used: the run stops with exit code 2 and this one line."""


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class _PackPart(Record):
    """A part of a rule pack: a key it does not know is a mistake in the pack."""

    __pydantic_config__ = {"extra": "forbid"}


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class Source(_PackPart):
    """A source a rule cites: a title and where to read it."""
    title: str
    url: str | None = None


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class RuleDocs(_PackPart):
    """A rule's documentation: what it finds, why it matters, an example and the fix."""
    what: str
    why: str
    example: str
    fix: str


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class RuleSpec(_PackPart):
    """A rule as a pack declares it."""
    code: Annotated[str, Pattern(r"^[A-Z]{1,8}[0-9]{3}$")]
    name: Annotated[str, Pattern(r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    severity: Literal["error", "warning", "info"]
    summary: str
    message: str
    # S: stated by Meta or a provider; R: widely repeated; C: sources disagree (meta-template-rules.md)
    confidence: Literal["S", "R", "C"]
    # the check function that finds it; none for the rules the loader and the model report themselves
    check: str | None = None
    options: dict[str, Any] = dataclasses.field(default_factory=dict)
    docs: RuleDocs
    references: list[str] = dataclasses.field(default_factory=list)
    # the rows of meta-template-rules.md this rule covers (ids from docs/catalogue.yaml)
    catalogue: list[str] = dataclasses.field(default_factory=list)


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class RulePack(_PackPart):
    """A rule pack file: shared definitions, the sources its rules cite, the rules."""
    # values the pack's rules share through YAML anchors (a list of languages, a lexicon)
    definitions: dict[str, Any] = dataclasses.field(default_factory=dict)
    sources: dict[str, Source] = dataclasses.field(default_factory=dict)
    rules: list[RuleSpec] = dataclasses.field(default_factory=list)


@dataclass(init=False, slots=True, eq=False, repr=False)
class Rule(FrozenRecord):
    """A rule ready to run: its spec, its check, its validated options and its severity (the pack's
    default unless the configuration overrides it)."""

    spec: RuleSpec
    check: CheckSpec | None
    options: Any  # an instance of the check's options class; None for a rule without a check
    pack: str
    severity: str = ""

    def __post_init__(self) -> None:
        if not self.severity:
            object.__setattr__(self, "severity", self.spec.severity)

    @property
    def code(self) -> str:
        return self.spec.code

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def url(self) -> str:
        return DOCS_URL.format(anchor=f"{self.spec.code}-{self.spec.name}".lower())


@dataclass(init=False, slots=True, eq=False, repr=False)
class RuleSet(FrozenRecord):
    """The rules of a run, sorted by code, and the sources they cite."""
    rules: tuple[Rule, ...]
    sources: dict[str, Source]

    def find(self, code_or_name: str) -> Rule | None:
        """A rule by its code (any case) or its name."""
        wanted = code_or_name.strip()
        return next((r for r in self.rules if r.code == wanted.upper() or r.name == wanted.lower()), None)


def builtin_pack_texts() -> list[tuple[str, str]]:
    """(pack name, YAML text) of the packs shipped in walint.rules, in name order."""
    entries = sorted(data_folder("walint.rules").glob("*.yaml"), key=lambda e: e.name)
    return [(f"rules/{entry.name}", entry.read_text(encoding="utf-8")) for entry in entries]


def load_rules(extra_packs: list[Path] = ()) -> RuleSet:
    """The built-in packs, then the user's; a code defined twice is an error."""
    packs = builtin_pack_data()
    for path in extra_packs:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise PackError(f"{path}: cannot read rule pack: {error}") from None
        packs.append((str(path), parse_pack_text(str(path), text)))
    rules: list[Rule] = []
    sources: dict[str, Source] = {}
    seen: dict[str, str] = {}
    for pack_name, data in packs:
        pack = _validate_pack(pack_name, data)
        sources.update(pack.sources)
        for spec in pack.rules:
            for key in (spec.code, spec.name):
                if key in seen:
                    raise PackError(f"{pack_name}: rule {spec.code} ({spec.name}): `{key}` is already defined in {seen[key]}")
                seen[key] = pack_name
            rules.append(_bind(pack_name, spec))
    for rule in rules:
        unknown = [ref for ref in rule.spec.references if ref not in sources]
        if unknown:
            raise PackError(f"{rule.pack}: rule {rule.code}: unknown reference {', '.join(unknown)} (define it under `sources`)")
    return RuleSet(tuple(sorted(rules, key=lambda r: r.code)), sources)


def configure(rule_set: RuleSet, severity: dict[str, str], options: dict[str, dict[str, Any]]) -> RuleSet:
    """The rules with the user's severity and option overrides, keyed by code or name. Options are
    merged over the pack's and validated again by the check's model, so a bad value is one clear error."""
    for key in (*severity, *options):
        if rule_set.find(key) is None:
            raise PackError(f"configuration: no rule {key!r} (a code such as WA301 or a name such as body-too-long)")
    configured = []
    for rule in rule_set.rules:
        new_severity = _lookup(severity, rule) or rule.severity
        override = _lookup(options, rule)
        bound = rule.options
        if override is not None:
            if rule.check is None:
                raise PackError(f"configuration: rule {rule.code} takes no options")
            bound = _validate_options(rule.check, {**rule.spec.options, **override}, f"configuration: rule {rule.code}")
        configured.append(Rule(rule.spec, rule.check, bound, rule.pack, new_severity))
    return RuleSet(tuple(configured), rule_set.sources)


def _lookup(table: dict[str, Any], rule: Rule) -> Any:
    for key, value in table.items():
        if key.upper() == rule.code or key.lower() == rule.name:
            return value
    return None


def builtin_pack_data() -> list[tuple[str, Any]]:
    """(pack name, data) of the built-in packs: from the snapshot made ahead of time when it is
    current (walint.pack_snapshot), else parsed from their YAML."""
    texts = builtin_pack_texts()
    return snapshot_data(texts) or [(name, parse_pack_text(name, text)) for name, text in texts]


def parse_pack_text(pack_name: str, text: str) -> Any:
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as error:
        raise PackError(f"{pack_name}: not valid YAML: {' '.join(str(error).split())}") from None


def _validate_pack(pack_name: str, data: Any) -> RulePack:
    try:
        return validation.validate(RulePack, data or {})
    except validation.ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"])
        raise PackError(f"{pack_name}: `{where}`: {first['msg']}") from None


def _bind(pack_name: str, spec: RuleSpec) -> Rule:
    if spec.check is None:
        return Rule(spec, None, None, pack_name)
    check = get_check(spec.check)
    if check is None:
        raise PackError(f"{pack_name}: rule {spec.code}: unknown check `{spec.check}`")
    return Rule(spec, check, _validate_options(check, spec.options, f"{pack_name}: rule {spec.code}"), pack_name)


def _validate_options(check: CheckSpec, options: dict[str, Any], where: str) -> Any:
    try:
        return validation.validate(check.options, options)
    except validation.ValidationError as error:
        first = error.errors(include_url=False)[0]
        option = ".".join(str(part) for part in first["loc"])
        raise PackError(f"{where}: option `{option}`: {first['msg']}") from None
