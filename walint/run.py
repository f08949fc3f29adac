"""A check over many files, each linted with the configuration that applies to it.

Files are grouped by their configuration (the nearest one, or `--config` for all) and each group
runs its own Linter with its own rules, severities and options; the results are merged and sorted.
Across-template rules (duplicate names, duplicate bodies) compare the templates of one group with
each other: a configuration marks a project, and two projects (two WhatsApp Business accounts in a
monorepo, say) may use the same template names. With one configuration, that is every template.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from walint.config import Settings
from walint.config_files import ConfigError, ConfigFile, ConfigFinder, read_config
from walint.diagnostics import Diagnostic, RunResult
from walint.discover import FileToCheck
from walint.engine import Linter, rule_matches
from walint.records import FrozenRecord, Record
from walint.rule_packs import PackError, RuleSet, configure, load_rules

SELECTOR_KEYS = ("select", "extend-select", "ignore")


@dataclass(init=False, slots=True, eq=False, repr=False)
class Overrides(FrozenRecord):
    """What the command line says; it wins over the configuration. `select` (when given) and
    `character_counting` replace the configuration's; `ignore` and `extend_select` add to it."""

    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    character_counting: str | None = None


@dataclass(init=False, slots=True, eq=False, repr=False)
class _Group(Record):
    """Files that share one configuration, and the linter configured for them."""
    config: ConfigFile | None
    files: list[FileToCheck] = field(default_factory=list)
    stdin: tuple[bytes, str] | None = None
    linter: Linter | None = None


def check(
    files: list[FileToCheck],
    stdin: tuple[bytes, str] | None,
    overrides: Overrides,
    config_path: Path | None = None,
    stdin_path: Path | None = None,
    jobs: int = 1,
) -> RunResult:
    """Lint the files (and standard input, configured as if it were the file `stdin_path`, or a file
    of the working directory). Raises ConfigError for a configuration or rule pack that cannot be used."""
    groups = _group(files, stdin, config_path, stdin_path)
    unmatched_cli = {(option, pattern) for option, patterns in _cli_selectors(overrides) for pattern in patterns}
    packs: dict[tuple[Path, ...], RuleSet] = {}  # groups that share rule packs load them once
    for group in groups:
        settings = _settings_of(group.config, overrides)
        rule_set = _rules(group.config, settings, packs)
        unmatched_cli = {(o, p) for o, p in unmatched_cli if not any(rule_matches(r, [p]) for r in rule_set.rules)}
        group.linter = Linter(rule_set, settings, jobs)
    if unmatched_cli:
        option, pattern = min(unmatched_cli)
        raise ConfigError(f'{option}: no rule matches "{pattern}"')
    merged = RunResult()
    for group in groups:
        result = group.linter.lint(group.files, group.stdin)
        if group.config is not None and group.config.settings.per_file_ignores:
            paths = {file.display: file.path for file in group.files}
            if group.stdin is not None:
                paths[group.stdin[1]] = stdin_path or Path(group.stdin[1])
            result.diagnostics = _without_per_file_ignores(result.diagnostics, group.config, paths)
        _merge(merged, result)
    merged.diagnostics.sort(key=Diagnostic.sort_key)
    return merged


def _group(files, stdin, config_path, stdin_path) -> list[_Group]:
    finder = ConfigFinder()
    groups: dict[Path | None, _Group] = {}

    def group_of(path: Path) -> _Group:
        found = config_path if config_path is not None else finder.config_for(path)
        if found not in groups:
            groups[found] = _Group(read_config(found) if found is not None else None)
        return groups[found]

    for file in files:
        group_of(file.path).files.append(file)
    if stdin is not None:
        group_of(stdin_path or Path("stdin")).stdin = stdin
    return list(groups.values())


def _settings_of(config: ConfigFile | None, overrides: Overrides) -> Settings:
    settings = config.settings if config is not None else Settings()
    update: dict = {
        "ignore": settings.ignore + overrides.ignore,
        "extend_select": settings.extend_select + overrides.extend_select,
    }
    if overrides.select is not None:
        update["select"] = overrides.select
    if overrides.character_counting is not None:
        update["character_counting"] = overrides.character_counting
    return dataclasses.replace(settings, **update)


def _cli_selectors(overrides: Overrides) -> list[tuple[str, list[str]]]:
    return [("--select", overrides.select or []), ("--ignore", overrides.ignore), ("--extend-select", overrides.extend_select)]


def _rules(config: ConfigFile | None, settings: Settings, packs: dict[tuple[Path, ...], RuleSet]) -> RuleSet:
    """The group's rules with its overrides; every code, name and option the file names is checked
    here, so a mistake is reported at its line before anything is linted."""
    key = tuple(settings.rule_packs)
    try:
        rule_set = packs[key] = packs[key] if key in packs else load_rules(list(key))
    except PackError as error:
        raise ConfigError(str(error)) from None
    if config is not None:
        _check_names(config, rule_set)
    try:
        return configure(rule_set, settings.severity, settings.rule_options)
    except PackError as error:  # only reachable without a file: the file's keys were checked above
        raise ConfigError(str(error)) from None


def _check_names(config: ConfigFile, rule_set: RuleSet) -> None:
    settings = config.settings
    lists = {"select": settings.select, "extend-select": settings.extend_select, "ignore": settings.ignore}
    for key, patterns in lists.items():
        for index, pattern in enumerate(patterns):
            if not any(rule_matches(rule, [pattern]) for rule in rule_set.rules):
                raise ConfigError(f'{config.where(key, index)}: "{key}": no rule matches "{pattern}"')
    for glob, patterns in settings.per_file_ignores.items():
        for pattern in patterns:
            if not any(rule_matches(rule, [pattern]) for rule in rule_set.rules):
                raise ConfigError(f'{config.where("per-file-ignores", glob)}: "per-file-ignores": no rule matches "{pattern}"')
    for key, table in (("severity", settings.severity), ("rule-options", settings.rule_options)):
        for name in table:
            if rule_set.find(name) is None:
                raise ConfigError(f'{config.where(key, name)}: "{key}": no rule "{name}" (a code such as WA301 or a name such as body-too-long)')
    for name, options in settings.rule_options.items():
        try:
            configure(rule_set, {}, {name: options})
        except PackError as error:
            detail = str(error).removeprefix("configuration: ")
            raise ConfigError(f'{config.where("rule-options", name)}: "rule-options": {detail}') from None


def _without_per_file_ignores(diagnostics: list[Diagnostic], config: ConfigFile, paths: dict[str, Path]) -> list[Diagnostic]:
    from walint.suppressions import names_rule_of  # here: only a configuration with per-file-ignores needs it

    ignores = [(_glob(pattern.removeprefix("/")), "/" in pattern, codes) for pattern, codes in config.settings.per_file_ignores.items()]
    folder = config.folder.absolute()
    ignored_by_file: dict[str, list[str]] = {}
    for filename, path in paths.items():
        try:
            relative = PurePosixPath(path.absolute().relative_to(folder).as_posix())
        except ValueError:
            relative = PurePosixPath(path.as_posix())
        ignored_by_file[filename] = [
            code for regex, has_slash, codes in ignores if regex.fullmatch(str(relative) if has_slash else relative.name) for code in codes
        ]
    return [d for d in diagnostics if not any(names_rule_of(d, code) for code in ignored_by_file.get(d.filename, ()))]


def _glob(pattern: str) -> re.Pattern[str]:
    """A glob as in .gitignore: `*` and `?` stay within a folder name, `**` crosses folders."""
    regex = ""
    index = 0
    while index < len(pattern):
        if pattern.startswith("**/", index):
            regex, index = regex + "(?:.*/)?", index + 3
        elif pattern.startswith("**", index):
            regex, index = regex + ".*", index + 2
        elif pattern[index] == "*":
            regex, index = regex + "[^/]*", index + 1
        elif pattern[index] == "?":
            regex, index = regex + "[^/]", index + 1
        else:
            regex, index = regex + re.escape(pattern[index]), index + 1
    return re.compile(regex)


def _merge(merged: RunResult, result: RunResult) -> None:
    merged.diagnostics.extend(result.diagnostics)
    merged.files_checked += result.files_checked
    merged.templates_checked += result.templates_checked
    merged.line_getters.update(result.line_getters)
    merged.run_errors.extend(result.run_errors)
    merged.rules.update(result.rules)
    merged.sources.update(result.sources)
