"""The command line: a thin layer over :mod:`copylint.api`."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import __version__
from .api import Report
from .errors import CopylintError
from .files import decode
from .findings import LEVEL_NAMES, Finding, Level
from .ruleset import RuleSet, load_rules

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
LEVEL_CHOICE = click.Choice(LEVEL_NAMES, case_sensitive=False)


def _fail(message: str) -> "click.exceptions.Exit":
    click.echo(f"copylint: {message}", err=True)
    return click.exceptions.Exit(EXIT_ERROR)


def _load(rule_dirs: tuple[Path, ...], builtin: bool) -> RuleSet:
    try:
        return load_rules(rule_dirs, builtin=builtin)
    except CopylintError as exc:
        raise _fail(str(exc)) from None


rules_option = click.option(
    "--rules", "rule_dirs", multiple=True, type=click.Path(path_type=Path),
    help="Extra rule file or directory (repeatable).")
builtin_option = click.option(
    "--builtin/--no-builtin", default=True, show_default=True,
    help="Load the built-in newsroom rules.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="copylint")
def main() -> None:
    """copylint: a copy-editing linter for news copy."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, allow_dash=True))
@rules_option
@builtin_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "vale-line"]), default="text",
              show_default=True, help="Output format (vale-line: path:line:col:Style.Rule:message).")
@click.option("--vale-config", type=click.Path(path_type=Path, dir_okay=False),
              help="Lint with the Vale styles of this .vale.ini instead of copylint's rules.")
@click.option("--vale", "vale_auto", is_flag=True,
              help="Lint with the nearest .vale.ini (searched from the current folder up).")
@click.option("--min-level", type=LEVEL_CHOICE, default="suggestion", show_default=True,
              help="Report findings at this level and above.")
@click.option("--fail-level", type=LEVEL_CHOICE, default="error", show_default=True,
              help="Exit 1 when a finding at this level or above is reported.")
@click.option("--color/--no-color", default=None,
              help="Colour the text output (default: on a terminal, unless NO_COLOR is set).")
@click.option("--stdin-filename", default="-", help="Name to report for text read from stdin.")
def check(paths: tuple[Path, ...], rule_dirs: tuple[Path, ...], builtin: bool, fmt: str,
          vale_config: Path | None, vale_auto: bool, min_level: str, fail_level: str,
          color: bool | None, stdin_filename: str) -> None:
    """Lint PATHS (files, directories, or - for stdin)."""
    from .api import lint_paths, lint_text
    from .reporters import REPORTERS, ReportOptions

    if not paths:
        raise _fail("no paths given (use - to read standard input)")
    if vale_config is not None or vale_auto:
        from .vale.cli import run_vale

        raise click.exceptions.Exit(run_vale(paths, vale_config, fmt, min_level, fail_level,
                                             stdin_filename=stdin_filename))
    ruleset = _load(rule_dirs, builtin)
    minimum = Level.parse(min_level)
    report = Report()
    files = [p for p in paths if str(p) != "-"]
    if len(files) != len(paths):
        report.files += 1
        try:
            text = decode(sys.stdin.buffer.read(), stdin_filename)
            report.findings.extend(lint_text(text, ruleset, path=stdin_filename, min_level=minimum))
        except CopylintError as exc:
            report.errors.append(exc)
    if files:
        found = lint_paths(files, ruleset, min_level=minimum)
        report.files += found.files
        report.findings.extend(found.findings)
        report.errors.extend(found.errors)
    report.findings.sort(key=Finding.sort_key)
    for error in report.errors:
        click.echo(f"copylint: {error}", err=True)
    if color is None:
        color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    output = REPORTERS[fmt](report, ReportOptions(color=color))
    click.echo(output, nl=False, color=color)
    if report.errors:
        raise click.exceptions.Exit(EXIT_ERROR)
    failing = Level.parse(fail_level)
    raise click.exceptions.Exit(
        EXIT_FINDINGS if any(f.level >= failing for f in report.findings) else EXIT_CLEAN)


@main.command("rules")
@rules_option
@builtin_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def list_rules(rule_dirs: tuple[Path, ...], builtin: bool, fmt: str) -> None:
    """List every loaded rule: id, kind, level, description."""
    import json

    ruleset = _load(rule_dirs, builtin)
    if fmt == "json":
        click.echo(json.dumps([
            {"id": r.id, "kind": r.kind, "level": str(r.level), "description": r.description,
             "source": r.source, "link": r.link, "path": r.path, "line": r.line}
            for r in ruleset], indent=2, ensure_ascii=False))
        return
    width = max((len(r.id) for r in ruleset), default=0)
    for r in ruleset:
        first = " ".join(r.description.split())
        click.echo(f"{r.id:<{width}}  {r.kind:<12} {str(r.level):<10} {first}")
    click.echo(f"{len(ruleset)} rules.")


if __name__ == "__main__":  # pragma: no cover
    main()
