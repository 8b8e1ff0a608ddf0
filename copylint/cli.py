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


def output_options(command):
    """Options shared by ``check`` and ``fix``."""
    from .reporters import REPORTERS

    for option in reversed([
        click.option("--format", "fmt", type=click.Choice(list(REPORTERS)), default=None,
                     help="Output format (default: text; github when GITHUB_ACTIONS=true; "
                          "vale-line: path:line:col:Style.Rule:message)."),
        click.option("--min-level", type=LEVEL_CHOICE, default="suggestion", show_default=True,
                     help="Report (and fix) findings at this level and above."),
        click.option("--fail-level", type=LEVEL_CHOICE, default="error", show_default=True,
                     help="Exit 1 when a finding at this level or above is reported."),
        click.option("--color/--no-color", default=None,
                     help="Colour the text output (default: on a terminal, unless NO_COLOR is set)."),
        click.option("--stdin-filename", default="-",
                     help="Name to report for text read from stdin (its extension picks the format)."),
    ]):
        command = option(command)
    return command


def resolve_format(fmt: str | None) -> str:
    if fmt:
        return fmt
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def resolve_color(color: bool | None, stream=None) -> bool:
    if color is not None:
        return color
    return (stream or sys.stdout).isatty() and not os.environ.get("NO_COLOR")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, allow_dash=True))
@rules_option
@builtin_option
@output_options
@click.option("--vale-config", type=click.Path(path_type=Path, dir_okay=False),
              help="Lint with the Vale styles of this .vale.ini instead of copylint's rules.")
@click.option("--vale", "vale_auto", is_flag=True,
              help="Lint with the nearest .vale.ini (searched from the current folder up).")
@click.option("--fix", is_flag=True, help="Apply every safe fix, then report what remains.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff; write nothing.")
def check(paths: tuple[Path, ...], rule_dirs: tuple[Path, ...], builtin: bool, fmt: str | None,
          min_level: str, fail_level: str, color: bool | None, stdin_filename: str,
          vale_config: Path | None = None, vale_auto: bool = False,
          fix: bool = False, diff: bool = False) -> None:
    """Lint PATHS (files, directories, or - for stdin)."""
    from .api import lint_paths, lint_text
    from .reporters import REPORTERS, ReportOptions

    if not paths:
        raise _fail("no paths given (use - to read standard input)")
    fmt = resolve_format(fmt)
    if vale_config is not None or vale_auto:
        from .vale.cli import run_vale

        if fix or diff:
            raise _fail("--fix and --diff are not supported with Vale styles")
        raise click.exceptions.Exit(run_vale(paths, vale_config, fmt, min_level, fail_level))
    ruleset = _load(rule_dirs, builtin)
    if fix or diff:
        from .cli_fix import run_fix

        run_fix(paths, ruleset, fmt=fmt, min_level=min_level, fail_level=fail_level, color=color,
                stdin_filename=stdin_filename, diff=diff)
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
    color = resolve_color(color)
    output = REPORTERS[fmt](report, ReportOptions(color=color, rules=ruleset))
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



@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 or :: to let other machines in).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on (0 picks a free one).")
@rules_option
@builtin_option
@click.option("--max-request-size", "max_bytes", type=click.IntRange(1024), default=1024 * 1024,
              show_default=True, help="Largest request body accepted, in bytes (larger: 413).")
@click.option("--open/--no-open", "open_browser", default=False, show_default=True,
              help="Open the page in the default web browser.")
@click.option("--quiet", is_flag=True, help="Do not log each request.")
def serve(host: str, port: int, rule_dirs: tuple[Path, ...], builtin: bool, max_bytes: int,
          open_browser: bool, quiet: bool) -> None:
    """Run the editors' desk: a local web page and JSON API (Ctrl+C stops it)."""
    from .server import StyleBook, make_server

    try:
        server = make_server(host, port, StyleBook(rule_dirs, builtin=builtin), max_bytes, quiet)
    except CopylintError as exc:
        raise _fail(str(exc)) from None
    except OSError as exc:
        raise _fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    click.echo(f"copylint desk: {server.url}  (Ctrl+C to stop)")
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo("copylint: note: listening beyond this machine; anyone who can reach "
                   "this address can use the desk", err=True)
    if open_browser:
        import webbrowser

        webbrowser.open(server.url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("copylint desk: stopped")
    finally:
        server.server_close()


from .cli_fix import fix_command  # noqa: E402  (registers ``copylint fix``)

main.add_command(fix_command)

if __name__ == "__main__":  # pragma: no cover
    main()
