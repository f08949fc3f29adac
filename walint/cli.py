"""The command line: `walint check`, `walint rules`, `walint rule CODE`, `walint schema config`.

Exit codes (design.md): 0 no error-severity diagnostic, 1 at least one, 2 the run itself failed (bad
usage, a bad rule pack, an unreadable path, a check that crashed), with one line on stderr and never
a traceback.

The `walint` command is `run`: `main`, then the process ends at once. `main` is the click group, for
tests (click's runner) and for anyone calling walint from Python.
"""

from __future__ import annotations

import dataclasses
import gc
import os
import sys
from pathlib import Path
from typing import NoReturn

import click

from walint import __version__
from walint.report import FORMATS

EXIT_OK, EXIT_FINDINGS, EXIT_FAILURE = 0, 1, 2


class RunFailure(click.ClickException):
    """The run itself cannot go on (a bad rule pack, an unknown rule): one line, exit code 2."""

    exit_code = EXIT_FAILURE

    def show(self, file=None) -> None:
        click.echo(f"walint: {self.format_message()}", err=True)


class _Group(click.Group):
    """Turns any unexpected exception into one line on stderr and exit code 2."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("walint: interrupted", err=True)
            sys.exit(EXIT_FAILURE)
        except Exception as error:  # the last guard: a bug must still be one readable line
            echo(f"walint: internal error: {type(error).__name__}: {error}\n", err=True)
            sys.exit(EXIT_FAILURE)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="walint", message="%(prog)s %(version)s")
def main() -> None:
    """Lint WhatsApp Business message templates before Meta reviews them."""


def _load_rules():
    """The built-in rule packs; a problem in one is exit code 2."""
    from walint.rule_packs import PackError, load_rules

    try:
        return load_rules()
    except PackError as error:
        raise RunFailure(str(error)) from None


def echo(text: str, err: bool = False) -> None:
    """Output that quotes the user's files: a lone surrogate (the JSON escape \\ud800, a file name that is
    not UTF-8) or a character the terminal's encoding lacks is written as a backslash escape; it used to
    fail the whole output with a UnicodeEncodeError."""
    encoding = getattr(sys.stderr if err else sys.stdout, "encoding", None) or "utf-8"
    click.echo(text.encode(encoding, "backslashreplace"), nl=False, err=err)


def _use_color(stream) -> bool:
    return stream.isatty() and "NO_COLOR" not in os.environ


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True, help="Output format.")
@click.option("--select", multiple=True, metavar="CODE", help="Only these rules: codes, code prefixes or names (repeatable, or comma-separated); replaces the configuration's `select`.")
@click.option("--extend-select", multiple=True, metavar="CODE", help="Also these rules, on top of the selection.")
@click.option("--ignore", multiple=True, metavar="CODE", help="Not these rules: codes, code prefixes or names (repeatable, or comma-separated).")
@click.option("--character-counting", type=click.Choice(["code-points", "utf-16"]), help="How lengths are counted (default: code-points).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), help="Use this configuration file (.walint.yaml or pyproject.toml) for every file instead of the nearest one.")
@click.option("--stdin-filename", type=click.Path(path_type=Path), help="Standard input is this file: its configuration, its per-file-ignores and its name in the output.")
@click.option("--output-file", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write the report to this file instead of standard output.")
@click.option("--statistics", is_flag=True, help="Print how many diagnostics each rule gave, most frequent first, instead of the diagnostics.")
@click.option("--exit-zero", is_flag=True, help="Exit with 0 even when errors are found (a run that fails still exits with 2).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Processes that run the rules at once (Linux; elsewhere one).  [default: the CPUs not already busy]")
@click.option("--skip-non-templates", is_flag=True, help="Pass over a named file that holds no template at all, as a folder search does (for pre-commit, which names every YAML and JSON file).")
def check(
    paths: tuple[str, ...],
    output_format: str,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    character_counting: str | None,
    config_path: Path | None,
    stdin_filename: Path | None,
    output_file: Path | None,
    statistics: bool,
    exit_zero: bool,
    jobs: int | None,
    skip_non_templates: bool,
) -> None:
    """Check template files (JSON or YAML). PATHS are files or folders (searched for *.json, *.yaml,
    *.yml); `-` reads standard input. Default: the current folder."""
    # A run is one short process that makes almost no reference cycles, while the collector would
    # rescan every loaded YAML node and template again and again: a third of a large run's time.
    gc.disable()
    from walint.config_files import ConfigError
    from walint.parallel import default_jobs
    from walint.discover import discover
    from walint.load import MAX_FILE_BYTES
    from walint.report import get_reporter
    from walint.run import Overrides
    from walint.run import check as run_check

    if stdin_filename is not None and paths and "-" not in paths:
        raise click.UsageError("--stdin-filename names standard input: add `-` to the paths (or give no path)")
    wants_stdin = "-" in paths or (stdin_filename is not None and not paths)
    files, path_errors = discover([p for p in paths if p != "-"] or ([] if wants_stdin else ["."]))
    if skip_non_templates:
        files = [dataclasses.replace(file, explicit=False) for file in files]
    stdin = (sys.stdin.buffer.read(MAX_FILE_BYTES + 1), str(stdin_filename or "<stdin>")) if wants_stdin else None
    overrides = Overrides(_split(select) or None, _split(ignore), _split(extend_select), character_counting)
    try:
        result = run_check(files, stdin, overrides, config_path, stdin_filename, jobs or default_jobs())
    except ConfigError as error:
        raise RunFailure(str(error)) from None
    result.run_errors[:0] = path_errors
    if statistics:
        from walint.report.statistics import render as render_statistics

        report = render_statistics(result, as_json=output_format == "json")
    else:
        report = get_reporter(output_format)(result, output_file is None and _use_color(sys.stdout))
    if output_file is None:
        echo(report)
    else:
        try:
            output_file.write_text(report, encoding="utf-8", errors="backslashreplace")
        except OSError as error:
            raise RunFailure(f"{output_file}: cannot write: {error.strerror or error}") from None
    for line in result.run_errors:
        echo(f"walint: {line}\n", err=True)
    if result.run_errors:
        sys.exit(EXIT_FAILURE)
    sys.exit(EXIT_FINDINGS if result.has_errors and not exit_zero else EXIT_OK)


def _split(values: tuple[str, ...]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


@main.command("rules")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def list_rules(output_format: str) -> None:
    """List every rule: code, name, default severity and summary."""
    import json

    rules = _load_rules().rules
    if output_format == "json":
        rows = [{"code": r.code, "name": r.name, "severity": r.severity, "summary": r.spec.summary, "url": r.url} for r in rules]
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    name_width = max(len(r.name) for r in rules)
    for rule in rules:
        click.echo(f"{rule.code}  {rule.name:<{name_width}}  {rule.severity:<7}  {rule.spec.summary}")


@main.command("rule")
@click.argument("code_or_name")
def show_rule(code_or_name: str) -> None:
    """Print the documentation of one rule, by code (WA401) or name (malformed-placeholder)."""
    from walint.rule_docs import render_rule

    rule_set = _load_rules()
    rule = rule_set.find(code_or_name)
    if rule is None:
        raise RunFailure(f"no rule {code_or_name!r}; `walint rules` lists them")
    click.echo(render_rule(rule, rule_set.sources), nl=False)


@main.command("schema")
@click.argument("what", type=click.Choice(["config"]))
def schema(what: str) -> None:
    """Print a JSON Schema: `config` is the schema of .walint.yaml and [tool.walint] (for editors)."""
    import json

    from pydantic import TypeAdapter

    from walint.config import Settings

    click.echo(json.dumps(TypeAdapter(Settings).json_schema(by_alias=True), indent=2))


def run() -> NoReturn:
    """The `walint` command: `main`, then the process ends without tearing the interpreter down, as
    mypy's does. The teardown (a last garbage collection over every module, rule and template, then
    freeing each object, all of which the system reclaims anyway) took 20-45 ms of a 300 ms run on a
    small file, and 0.2 s of a 10,000-template one. The output is flushed first; nothing else of
    walint's is left to finish (the --jobs workers are shut down before the report is written)."""
    try:
        main()
    except SystemExit as done:
        end_process(done.code)
    end_process(0)


def end_process(code: object) -> NoReturn:
    """Flush the output and exit with the status a SystemExit with `code` would give."""
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # as Python does for sys.exit("message")
        sys.stderr.write(f"{code}\n")
        status = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # the reader went away (`walint check | head`), or it is closed
            pass
    os._exit(status)


if __name__ == "__main__":
    run()
