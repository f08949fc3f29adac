"""Runs the rules: files -> load -> templates -> model -> parsed texts -> rules -> sorted diagnostics.

Each stage hands the next plain values. Checks never see files or raw text: they get a TemplateUnit
and report Findings (a path and a character range); this module turns those into file positions
through the loader's source map.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable

from walint.checks import Finding
from walint.config import Settings
from walint.diagnostics import Diagnostic, RunResult
from walint.discover import FileToCheck, os_error_reason
from walint.fields import TextField, iter_text_fields
from walint.load import MAX_FILE_BYTES, LoadedFile, Position, Range, SourceMap, load_bytes
from walint.model import build_template
from walint.records import Record
from walint.rule_packs import Rule, RuleSet
from walint.shapes import FoundTemplate, NotATemplate, find_templates
from walint.syntax import parse_text
from walint.unit import TemplateUnit

if TYPE_CHECKING:
    from walint.suppressions import Unused

Path = tuple[Any, ...]
# fewer templates are checked in one process: forking would cost more than it saves
SHARDED_FROM = 400

# what the loader and the model report, by the name of the rule that says it
LOAD_PROBLEM_RULES = {
    "size": "refused-input",
    "encoding": "syntax-error",
    "syntax": "syntax-error",
    "tag": "refused-input",
    "alias": "refused-input",
    "depth": "refused-input",
    "number": "refused-input",
    "duplicate-key": "duplicate-key",
    "key": "wrong-type",
}
MODEL_PROBLEM_RULES = {
    "missing-field": "missing-field",
    "wrong-type": "wrong-type",
    "unknown-component": "unknown-component-type",
    "unknown-button": "unknown-button-type",
}


def rule_matches(rule: Rule, patterns: Iterable[str]) -> bool:
    """A pattern is a code ("WA401"), a code prefix ("WA4", "WA") or a rule name."""
    return any(rule.code.startswith(p.upper()) or rule.name == p.lower() for p in patterns)


@dataclass(init=False, slots=True, eq=False, repr=False)
class CheckedFile(Record):
    """A file once loaded: what the rules across templates and the suppressions need from it."""
    display: str
    source_map: SourceMap
    text: str
    kind: str | None
    parsed: bool  # False: the rules did not see the whole file, so an unused suppression proves nothing
    units: list[TemplateUnit] = field(default_factory=list)


class Linter:
    """One configured run. `lint()` can be called once per batch of files."""

    def __init__(self, rules: RuleSet, settings: Settings | None = None, jobs: int = 1) -> None:
        self.settings = settings or Settings()
        self.rule_set = rules
        self.enabled = [r for r in rules.rules if self._enabled(r)]
        self.by_name = {r.name: r for r in self.enabled}
        # the per-template rules as check_unit calls them, looked up once rather than once per template
        self._template_checks = [(r, r.check.function, r.options) for r in self.enabled if r.check is not None and r.check.scope == "template"]
        self.run_rules = [r for r in self.enabled if r.check is not None and r.check.scope == "run"]
        # processes that may share the per-template rules (walint.parallel)
        self.jobs = jobs

    def _enabled(self, rule: Rule) -> bool:
        selected = not self.settings.select or rule_matches(rule, self.settings.select)
        selected = selected or rule_matches(rule, self.settings.extend_select)
        return selected and not rule_matches(rule, self.settings.ignore)

    # --- the run --------------------------------------------------------------------------------------

    def lint(self, files: list[FileToCheck], stdin: tuple[bytes, str] | None = None) -> RunResult:
        result = RunResult(rules={r.code: r for r in self.enabled}, sources=dict(self.rule_set.sources))
        checked = [found for found in (self.load_path(file, result) for file in files) if found is not None]
        if stdin is not None:
            checked.append(self.load_stdin(stdin, result))
        self.check_units([(unit, file.source_map) for file in checked for unit in file.units], result)
        self.finish(checked, result)
        return result

    def load_path(self, file: FileToCheck, result: RunResult) -> CheckedFile | None:
        """A file read, loaded and its templates built (what does not load or fit the model is
        reported); None when it cannot be read. The rules run later, over every file's templates."""
        try:
            with file.path.open("rb") as stream:
                data = stream.read(MAX_FILE_BYTES + 1)  # enough to tell that a file is too large
        except OSError as error:
            result.run_errors.append(f"{file.display}: cannot read: {os_error_reason(error)}")
            return None
        return self._load_file(data, file.display, file.explicit, result)

    def load_stdin(self, stdin: tuple[bytes, str], result: RunResult) -> CheckedFile:
        data, display = stdin
        return self._load_file(data, display, True, result)

    def finish(self, checked: list[CheckedFile], result: RunResult) -> None:
        """The rules across all templates, the suppressions, then the diagnostics in their stable order."""
        self._run_across(checked, result)
        self._apply_suppressions(checked, result)
        result.diagnostics.sort(key=Diagnostic.sort_key)

    def _load_file(self, data: bytes, display: str, explicit: bool, result: RunResult) -> CheckedFile:
        loaded = load_bytes(data, display)
        checked = CheckedFile(display, loaded.source_map, loaded.text, loaded.kind,
                               not any(p.kind in ("syntax", "encoding") for p in loaded.problems))
        result.files_checked += 1
        result.line_getters[display] = loaded.source_map.line_text
        for problem in loaded.problems:
            detail = problem.message
            if problem.kind == "duplicate-key" and problem.related is not None:
                # a syntax problem's related place (where the construct began) is named in its message
                detail += f" (first at line {problem.related.start.row}, column {problem.related.start.column})"
            self._emit(result, LOAD_PROBLEM_RULES.get(problem.kind, "syntax-error"), display, None, problem.range, {"detail": detail})
        if explicit and not loaded.problems and all(document is None for document in loaded.documents):
            # a file the user named must hold templates; in a folder search an empty file is passed over
            self._emit(result, "not-a-template", display, None, _START, {"detail": "the file holds no template: it is empty or has only comments"})
        for index, document in enumerate(loaded.documents):
            for found in find_templates(document, (index,)):
                if isinstance(found, NotATemplate):
                    # a folder search meets other YAML (CI config, lock files): only a file the user
                    # named, or an item of a list of templates, is expected to hold templates
                    if explicit or len(found.path) > 1:
                        where = loaded.source_map.node(found.path) or _START
                        self._emit(result, "not-a-template", display, None, _first_line(where, loaded.source_map), {"detail": found.message})
                    continue
                checked.units.append(self._build_unit(found, display, loaded, result))
        return checked

    def _build_unit(self, found: FoundTemplate, display: str, loaded: LoadedFile, result: RunResult) -> TemplateUnit:
        """A template's model and parsed texts; what does not fit the model is reported here."""
        template, problems = build_template(found.raw)
        fields = [TextField(kind, path, parse_text(text)) for kind, path, text in iter_text_fields(template)]
        unit = TemplateUnit(display, found.path, found.raw, template, fields, self.settings, found.name_from_key)
        result.templates_checked += 1
        for problem in problems:
            where = self._locate(unit, loaded.source_map, problem.path, None, None)
            self._emit(result, MODEL_PROBLEM_RULES[problem.kind], display, unit.name, where, {"detail": problem.message}, _stable_path(found.raw, problem.path))
        return unit

    def check_units(self, units: list[tuple[TemplateUnit, SourceMap]], result: RunResult) -> None:
        """Every per-template rule over every template (with its file's source map). With `jobs`
        above one and enough templates, spread over forked processes (walint.parallel), same output."""
        if self.jobs > 1 and len(units) >= SHARDED_FROM:
            from walint.parallel import check_units_in_shards

            if check_units_in_shards(self, units, result):
                return
        for unit, source_map in units:
            self.check_unit(unit, source_map, result)

    def check_unit(self, unit: TemplateUnit, source_map: SourceMap, result: RunResult) -> None:
        for rule, function, options in self._template_checks:
            try:
                findings = list(function(unit, options))
            except Exception as error:  # a third-party check must not take the run down with it
                result.run_errors.append(_internal_error(rule, unit, error))
                continue
            for finding in findings:
                self._report(result, rule, unit, source_map, finding, [unit])

    def _run_across(self, checked: list[CheckedFile], result: RunResult) -> None:
        units = [unit for file in checked for unit in file.units]
        maps = {id(unit): file.source_map for file in checked for unit in file.units}
        for rule in self.run_rules:
            try:
                findings = list(rule.check.function(units, rule.options))
            except Exception as error:
                result.run_errors.append(_internal_error(rule, None, error))
                continue
            for finding in findings:
                unit = units[finding.unit]
                self._report(result, rule, unit, maps[id(unit)], finding, units, maps)

    def _apply_suppressions(self, checked: list[CheckedFile], result: RunResult) -> None:
        """Drop what `# walint: ignore[...]` comments suppress; report the entries that suppress nothing."""
        by_file: dict[str, list[Diagnostic]] = {}
        for diagnostic in result.diagnostics:
            by_file.setdefault(diagnostic.filename, []).append(diagnostic)
        unused_by_file: dict[str, list[Unused]] = {}
        for file in checked:
            if file.kind == "yaml" and "walint:" in file.text:
                from walint.suppressions import apply_suppressions  # only files with such a comment need it

                kept, unused = apply_suppressions(file.text, by_file.get(file.display, []), self._judged)
                by_file[file.display] = kept
                unused_by_file[file.display] = unused if file.parsed else []
        result.diagnostics = [d for diagnostics in by_file.values() for d in diagnostics]
        for filename, unused in unused_by_file.items():
            for entry in unused:
                where = Range(Position(entry.row, entry.column), Position(entry.row, entry.end_column))
                reason = "it suppresses nothing here" if entry.known else "no rule has this code or name"
                self._emit(result, "unused-suppression", filename, None, where, {"entry": entry.pattern, "reason": reason})

    def _judged(self, pattern: str) -> bool | None:
        """True: the pattern names a rule that ran; None: only rules that did not run; False: no rule."""
        if any(rule_matches(rule, [pattern]) for rule in self.enabled):
            return True
        return None if any(rule_matches(rule, [pattern]) for rule in self.rule_set.rules) else False

    # --- from findings to diagnostics -----------------------------------------------------------------

    def _report(self, result: RunResult, rule: Rule, unit: TemplateUnit, source_map: SourceMap, finding: Finding,
                units: list[TemplateUnit], maps: dict[int, SourceMap] | None = None) -> None:
        args = dict(finding.args)
        if finding.related:
            places = []
            for index, path in finding.related:
                other = units[index]
                other_map = maps[id(other)] if maps else source_map
                where = self._locate(other, other_map, path, None, None)
                places.append(f"{other.filename}:{where.start.row}:{where.start.column}")
            args["related"] = ", ".join(places)
        where = self._locate(unit, source_map, finding.path, finding.start, finding.end)
        self._add(result, rule, unit.filename, unit.name, where, args, _stable_path(unit.raw, finding.path))

    def _emit(self, result: RunResult, rule_name: str, filename: str, template: str | None, where: Range, args: dict,
              stable_path: str = "") -> None:
        rule = self.by_name.get(rule_name)
        if rule is not None:
            self._add(result, rule, filename, template, where, args, stable_path)

    def _add(self, result: RunResult, rule: Rule, filename: str, template: str | None, where: Range, args: dict,
             stable_path: str = "") -> None:
        result.diagnostics.append(
            Diagnostic(
                filename=filename,
                template=template,
                code=rule.code,
                name=rule.name,
                severity=rule.severity,
                message=_format(rule.spec.message, args),
                row=where.start.row,
                column=where.start.column,
                end_row=where.end.row,
                end_column=where.end.column,
                url=rule.url,
                where=stable_path,
            )
        )

    @staticmethod
    def _locate(unit: TemplateUnit, source_map: SourceMap, path: Path, start: int | None, end: int | None) -> Range:
        """The file range of a finding: inside the string when it has a character range, else the
        node; for a path that does not exist (a missing field), the nearest node that does."""
        if path[:1] == ("name",) and unit.name_from_key is not None and "name" not in unit.raw:
            return source_map.key(unit.prefix) or _START
        absolute = unit.prefix + tuple(path)
        found = source_map.text(absolute, start, end if end is not None else start) if start is not None else None
        if found is not None:
            return found
        while absolute:
            found = source_map.node(absolute)
            if found is not None:
                return _first_line(found, source_map)
            absolute = absolute[:-1]
        return _START


_START = Range(Position(1, 1), Position(1, 1))


def _stable_path(raw: Any, path: Path) -> str:
    """Where a finding is in its template, in words that survive edits elsewhere: list items by their
    `type` ("components[BODY].text"), so adding a HEADER does not renumber the BODY."""
    text = ""
    node = raw
    for step in path:
        item = node[step] if isinstance(node, (list, dict)) and _has(node, step) else None
        if isinstance(step, int):
            kind = item.get("type") if isinstance(item, dict) else None
            text += f"[{kind}]" if isinstance(kind, str) else f"[{step}]"
        else:
            text += f".{step}" if text else str(step)
        node = item
    return text


def _has(node: list | dict, step: Any) -> bool:
    return step in node if isinstance(node, dict) else isinstance(step, int) and -len(node) <= step < len(node)


def _first_line(where: Range, source_map: SourceMap) -> Range:
    """A mapping or a list spans many lines; a diagnostic about it points at its first line."""
    if where.end.row == where.start.row:
        return where
    line = source_map.line_text(where.start.row)
    return Range(where.start, Position(where.start.row, max(len(line) + 1, where.start.column)))


class _Defaulting(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _format(message: str, args: dict) -> str:
    try:
        return string.Formatter().vformat(message, (), _Defaulting(args))
    except (ValueError, TypeError, IndexError, AttributeError):
        return message


def _internal_error(rule: Rule, unit: TemplateUnit | None, error: Exception) -> str:
    where = f" on template {unit.name or '?'} in {unit.filename}" if unit else ""
    return f"internal error in rule {rule.code} ({rule.name}, check {rule.spec.check}){where}: {type(error).__name__}: {error}"
