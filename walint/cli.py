"""The command line: `walint check`, `walint rules`, `walint rule CODE`.

Exit codes (design.md): 0 no error-severity diagnostic, 1 at least one, 2 the run itself failed (bad
usage, a bad rule pack, an unreadable path, a check that crashed), with one line on stderr and never
a traceback.
"""

from __future__ import annotations

import gc
import os
import sys

import click

from walint import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_FAILURE = 0, 1, 2


class RunFailure(click.ClickException):
    """The run itself cannot go on (a bad rule pack, an unknown rule): one line, exit code 2."""

    exit_code = EXIT_FAILURE


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
            click.echo(f"walint: internal error: {type(error).__name__}: {error}", err=True)
            sys.exit(EXIT_FAILURE)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="walint", message="%(prog)s %(version)s")
def main() -> None:
    """Lint WhatsApp Business message templates before Meta reviews them."""


def _load_rules(settings=None):
    """The built-in packs, the user's packs and the user's overrides; a problem is exit code 2."""
    from walint.rule_packs import PackError, configure, load_rules

    try:
        rules = load_rules(settings.rule_packs if settings else [])
        return configure(rules, settings.severity, settings.rule_options) if settings else rules
    except PackError as error:
        raise RunFailure(str(error)) from None


def _use_color(stream) -> bool:
    return stream.isatty() and "NO_COLOR" not in os.environ


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True, help="Output format.")
@click.option("--select", multiple=True, metavar="CODE", help="Only these rules: codes, code prefixes or names (repeatable, or comma-separated).")
@click.option("--ignore", multiple=True, metavar="CODE", help="Not these rules: codes, code prefixes or names (repeatable, or comma-separated).")
@click.option("--character-counting", type=click.Choice(["code-points", "utf-16"]), default="code-points", show_default=True, help="How lengths are counted.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Processes that check files at once.  [default: the number of CPUs]")
def check(paths: tuple[str, ...], output_format: str, select: tuple[str, ...], ignore: tuple[str, ...], character_counting: str, jobs: int | None) -> None:
    """Check template files (JSON or YAML). PATHS are files or folders (searched for *.json, *.yaml,
    *.yml); `-` reads standard input. Default: the current folder."""
    # A run is one short process that makes almost no reference cycles, while the collector would
    # rescan every loaded YAML node and template again and again: a third of a large run's time.
    gc.disable()
    from walint.config import Settings
    from walint.discover import discover
    from walint.engine import Linter
    from walint.parallel import default_jobs, lint_files
    from walint.report import get_reporter

    settings = Settings(select=_split(select), ignore=_split(ignore), character_counting=character_counting)
    wants_stdin = "-" in paths
    files, path_errors = discover([p for p in paths if p != "-"] or ([] if wants_stdin else ["."]))
    stdin = (sys.stdin.buffer.read(), "<stdin>") if wants_stdin else None
    result = lint_files(Linter(_load_rules(settings), settings), files, stdin, jobs or default_jobs())
    result.run_errors[:0] = path_errors
    click.echo(get_reporter(output_format)(result, _use_color(sys.stdout)), nl=False)
    for line in result.run_errors:
        click.echo(f"walint: {line}", err=True)
    sys.exit(EXIT_FAILURE if result.run_errors else EXIT_FINDINGS if result.has_errors else EXIT_OK)


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


if __name__ == "__main__":
    main()
