"""Configuration files: which one applies to a template file, and reading it into Settings.

Like ruff, a file's settings come from the closest configuration in its folder or the folders above
it, stopping at the first found: `.walint.yaml`, `.walint.yml`, or a `pyproject.toml` with a
`[tool.walint]` table (in that order within one folder). A mistake in a file is a ConfigError: one
line with the file, the line of the key where it can be found, and the key.
"""

from __future__ import annotations

import dataclasses
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from walint import validation
from walint.config import Settings
from walint.records import FrozenRecord

CONFIG_NAMES = (".walint.yaml", ".walint.yml", "pyproject.toml")


class ConfigError(Exception):
    """A configuration that cannot be used: the run stops with exit code 2 and this one line."""


@dataclass(init=False, slots=True, eq=False, repr=False)
class ConfigFile(FrozenRecord):
    """A configuration as read: its settings (rule-packs already relative to the working directory),
    where it is, and a way to name the line of a key in error messages."""

    path: Path
    settings: Settings
    text: str

    @property
    def folder(self) -> Path:
        return self.path.parent

    def where(self, *key: str | int) -> str:
        """`file:line` of a key path such as ("severity", "WA401"), or just `file` if it is not found."""
        line = _line_of(self.text, key, toml=self.path.suffix == ".toml")
        return f"{self.path}:{line}" if line else str(self.path)


class ConfigFinder:
    """Finds the configuration of each folder once (a folder's answer is cached for its files)."""

    def __init__(self) -> None:
        self._by_folder: dict[Path, Path | None] = {}

    def config_for(self, file: Path) -> Path | None:
        folder = file.absolute().parent
        visited = []
        found: Path | None = None
        for candidate in (folder, *folder.parents):
            if candidate in self._by_folder:
                found = self._by_folder[candidate]
                break
            visited.append(candidate)
            found = _config_in(candidate)
            if found is not None:
                break
        for seen in visited:
            self._by_folder[seen] = found
        return found


def _config_in(folder: Path) -> Path | None:
    for name in CONFIG_NAMES:
        path = folder / name
        if not path.is_file():
            continue
        if name != "pyproject.toml":
            return path
        try:
            if re.search(r"^\s*\[\s*tool\.walint\b", path.read_text(encoding="utf-8"), re.MULTILINE):
                return path
        except (OSError, UnicodeDecodeError):
            continue
    return None


def read_config(path: Path) -> ConfigFile:
    """Settings from `.walint.yaml`-style YAML or from the `[tool.walint]` table of a TOML file."""
    shown = _shown(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{shown}: no such configuration file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{shown}: cannot read: {error}") from None
    toml = path.suffix == ".toml"
    data = _toml_table(text, shown) if toml else _yaml_mapping(text, shown)
    config = ConfigFile(shown, Settings(), text)
    try:
        settings = validation.validate(Settings, data)
    except validation.ValidationError as error:
        first = error.errors(include_url=False)[0]
        key = tuple(first["loc"])
        dotted = ".".join(str(part) for part in key)
        if first["type"] == "extra_forbidden":
            raise ConfigError(f'{config.where(*key)}: unknown key "{dotted}"') from None
        raise ConfigError(f'{config.where(*key)}: "{dotted}": {first["msg"]}') from None
    packs = [pack if pack.is_absolute() else shown.parent / pack for pack in settings.rule_packs]
    return ConfigFile(shown, dataclasses.replace(settings, rule_packs=packs), text)


def _yaml_mapping(text: str, shown: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{shown}:{mark.line + 1}" if mark is not None else str(shown)
        problem = getattr(error, "problem", None) or str(error)
        raise ConfigError(f"{where}: not valid YAML: {problem}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{shown}:1: the configuration must be a mapping of keys such as `select:`")
    return data


def _toml_table(text: str, shown: Path) -> dict[str, Any]:
    # imported here: only a pyproject.toml with a [tool.walint] table needs it (15 ms of imports)
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{shown}: not valid TOML: {error}") from None
    table = data.get("tool", {}).get("walint", {})
    if not isinstance(table, dict):
        raise ConfigError(f"{shown}: [tool.walint] must be a table")
    return table


def _line_of(text: str, key: tuple[str | int, ...], toml: bool) -> int | None:
    """The line of the deepest part of `key` that can be found (None if not even the first)."""
    if toml:
        return _toml_line_of(text, [part for part in key if isinstance(part, str)])
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    line = None
    for part in key:
        if isinstance(node, yaml.MappingNode):
            match = next(((k, v) for k, v in node.value if k.value == part), None)
            if match is None:
                break
            line, node = match[0].start_mark.line + 1, match[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    return line


def _toml_line_of(text: str, parts: list[str]) -> int | None:
    """TOML has no positions in tomllib: look for the keys, in order, inside the [tool.walint] tables."""
    line = None
    in_walint = False
    remaining = list(parts)
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if stripped.startswith("["):
            header = stripped.strip("[] ").replace('"', "")
            in_walint = header == "tool.walint" or header.startswith("tool.walint.")
            if in_walint and remaining and header.split(".")[-1] == remaining[0]:
                line = number
                remaining.pop(0)
            continue
        if not in_walint or not remaining:
            continue
        assigned = re.match(r"""\s*["']?([^"'=\s]+)["']?\s*=""", raw)
        if assigned and assigned.group(1) == remaining[0]:
            line = number
            remaining.pop(0)
    return line


def _shown(path: Path) -> Path:
    """The path as error messages show it: relative to the working directory when below it."""
    try:
        return path.absolute().relative_to(Path.cwd())
    except ValueError:
        return path
