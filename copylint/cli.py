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


def _load(rule_dirs: tuple[Path, ...], builtin: bool, style: str | None = None) -> RuleSet:
    try:
        return load_rules(rule_dirs, builtin=builtin, style=style)
    except CopylintError as exc:
        raise _fail(str(exc)) from None


rules_option = click.option(
    "--rules", "rule_dirs", multiple=True, type=click.Path(path_type=Path),
    help="Extra rule file or directory (repeatable).")
builtin_option = click.option(
    "--builtin/--no-builtin", default=True, show_default=True,
    help="Load a built-in style pack (--no-builtin: only the --rules files).")
# Hook for a configuration file's ``style:`` key: pass its value as ``style``.
style_option = click.option(
    "--style", default=None, metavar="NAME|PATH",
    help="House style: a built-in pack (newsroom, ap, reuters, bbc) or a pack directory. "
         "Default: newsroom.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="copylint")
def main() -> None:
    """copylint: a copy-editing linter for news copy."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, allow_dash=True))
@rules_option
@builtin_option
@style_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@click.option("--min-level", type=LEVEL_CHOICE, default="suggestion", show_default=True,
              help="Report findings at this level and above.")
@click.option("--fail-level", type=LEVEL_CHOICE, default="error", show_default=True,
              help="Exit 1 when a finding at this level or above is reported.")
@click.option("--color/--no-color", default=None,
              help="Colour the text output (default: on a terminal, unless NO_COLOR is set).")
@click.option("--stdin-filename", default="-", help="Name to report for text read from stdin.")
def check(paths: tuple[Path, ...], rule_dirs: tuple[Path, ...], builtin: bool, style: str | None, fmt: str,
          min_level: str, fail_level: str, color: bool | None, stdin_filename: str) -> None:
    """Lint PATHS (files, directories, or - for stdin)."""
    from .api import lint_paths, lint_text
    from .reporters import REPORTERS, ReportOptions

    if not paths:
        raise _fail("no paths given (use - to read standard input)")
    ruleset = _load(rule_dirs, builtin, style)
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
@style_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def list_rules(rule_dirs: tuple[Path, ...], builtin: bool, style: str | None, fmt: str) -> None:
    """List every loaded rule: id, kind, level, description."""
    import json

    ruleset = _load(rule_dirs, builtin, style)
    if fmt == "json":
        click.echo(json.dumps([
            {"id": r.id, "kind": r.kind, "level": str(r.level), "description": r.description,
             "source": r.source, "link": r.link, "path": r.path, "line": r.line,
             "style": r.pack or None}
            for r in ruleset], indent=2, ensure_ascii=False))
        return
    width = max((len(r.id) for r in ruleset), default=0)
    for r in ruleset:
        first = " ".join(r.description.split())
        click.echo(f"{r.id:<{width}}  {r.kind:<12} {str(r.level):<10} {first}")
    click.echo(f"{len(ruleset)} rules.")


@main.command()
@click.argument("rule_id")
@rules_option
@builtin_option
@style_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def explain(rule_id: str, rule_dirs: tuple[Path, ...], builtin: bool, style: str | None,
            fmt: str) -> None:
    """Explain RULE_ID: description, rationale, source, and its examples."""
    import json

    from .explain import explain as explain_rule, render_text

    ruleset = _load(rule_dirs, builtin, style)
    try:
        explanation = explain_rule(rule_id, ruleset)
    except CopylintError as exc:
        raise _fail(str(exc)) from None
    if fmt == "json":
        click.echo(json.dumps(explanation.as_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(render_text(explanation), nl=False)


@main.command()
def styles() -> None:
    """List the built-in house styles (use one with --style NAME)."""
    from .ruleset import BUILTIN_RULES_DIR, DEFAULT_STYLE, builtin_styles
    from .ruleset.packs import manifest_in, read_manifest

    try:
        packs = [read_manifest(manifest_in(d)) for d in builtin_styles(BUILTIN_RULES_DIR).values()]  # type: ignore[arg-type]
    except CopylintError as exc:
        raise _fail(str(exc)) from None
    width = max((len(p.name) for p in packs), default=0)
    for pack in packs:
        base = f" (extends {pack.extends})" if pack.extends else ""
        default = " [default]" if pack.name == DEFAULT_STYLE else ""
        click.echo(f"{pack.name:<{width}}  {pack.description}{base}{default}")


if __name__ == "__main__":  # pragma: no cover
    main()
