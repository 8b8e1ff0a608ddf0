"""The command line: a thin layer over :mod:`copylint.api`."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import __version__
from .api import Report
from .config import CONFIG_NAMES, Config, load_config
from .errors import CopylintError, InputError, InternalError
from .files import DEFAULT_MAX_FILE_SIZE, ENCODING_ERRORS, ReadOptions, decode
from .findings import LEVEL_NAMES, Level
from .ruleset import RuleSet

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERNAL = 0, 1, 2, 3
LEVEL_CHOICE = click.Choice(LEVEL_NAMES, case_sensitive=False)
_SIZE_UNITS = {"": 1, "k": 1024, "m": 1024 ** 2, "g": 1024 ** 3}


class ByteSize(click.ParamType):
    """A size in bytes: ``500000``, ``512K``, ``10M``, ``1G``; 0 = no limit."""

    name = "size"

    def convert(self, value, param, ctx):  # type: ignore[no-untyped-def]
        if isinstance(value, int):
            return value
        text = str(value).strip().lower().removesuffix("b")
        unit = text[-1:] if text[-1:] in _SIZE_UNITS else ""
        number = text[: len(text) - len(unit)]
        if not number.isdigit():
            self.fail(f"{value!r} is not a size (examples: 0, 500000, 512K, 10M)", param, ctx)
        return int(number) * _SIZE_UNITS[unit]


def _fail(message: str) -> "click.exceptions.Exit":
    click.echo(f"copylint: {message}", err=True)
    return click.exceptions.Exit(EXIT_ERROR)


def _comma_list(values: tuple[str, ...]) -> list[str] | None:
    """``--select a,b --select c`` -> ``[a, b, c]``; None when not given."""
    if not values:
        return None
    return [item for value in values for item in value.replace(",", " ").split() if item]


def _configure(config_path: Path | None, no_config: bool, **overrides: object) -> Config:
    """The configuration file (unless ``--no-config``), then the CLI flags on top."""
    try:
        config = Config() if no_config else load_config(config_path)
    except CopylintError as exc:
        raise _fail(str(exc)) from None
    return config.override(**overrides)


def _build(config: Config, rule_dirs: tuple[Path, ...]) -> RuleSet:
    try:
        return config.build_rules(rule_dirs)
    except CopylintError as exc:
        raise _fail(str(exc)) from None


def _level(name: str | None) -> Level | None:
    return Level.parse(name) if name else None


rules_option = click.option(
    "--rules", "rule_dirs", multiple=True, type=click.Path(path_type=Path),
    help="Extra rule file or directory (repeatable).")
builtin_option = click.option(
    "--builtin/--no-builtin", default=None,
    help="Load a built-in style pack (default: yes, or the config's builtin-rules; "
         "--no-builtin: only the --rules files).")
style_option = click.option(
    "--style", default=None, metavar="NAME|PATH",
    help="House style: a built-in pack (newsroom, ap, reuters, bbc) or a pack directory "
         "(default: the config's style, else newsroom).")
serve_builtin_option = click.option(
    "--builtin/--no-builtin", default=True, show_default=True,
    help="Load the built-in newsroom rules.")
config_option = click.option(
    "--config", "config_path", type=click.Path(path_type=Path, dir_okay=False),
    help="Configuration file to use instead of the discovered .copylint.yaml / pyproject.toml.")
no_config_option = click.option(
    "--no-config", is_flag=True, help="Ignore configuration files.")
select_option = click.option(
    "--select", multiple=True, metavar="IDS",
    help="Only these rule ids or globs, comma-separated (replaces the config's select).")
ignore_option = click.option(
    "--ignore", multiple=True, metavar="IDS",
    help="Skip these rule ids or globs, comma-separated (replaces the config's ignore).")

#: Below this many files a run is quick enough not to need a progress bar.
PROGRESS_MIN_FILES = 20


def _show_progress(files: int, quiet: bool) -> bool:
    """A progress bar only for a person watching: stderr on a terminal, not in
    CI, not quiet, and enough files to wait for."""
    return (files >= PROGRESS_MIN_FILES and not quiet and sys.stderr.isatty()
            and not os.environ.get("CI"))


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
        click.option("--min-level", type=LEVEL_CHOICE, default=None,
                     help="Report (and fix) findings at this level and above (default: suggestion)."),
        click.option("--fail-level", type=LEVEL_CHOICE, default=None,
                     help="Exit 1 when a finding at this level or above is reported (default: error)."),
        click.option("--no-inline-config", is_flag=True,
                     help="Ignore copylint-disable/enable comments in the documents."),
        click.option("--color/--no-color", default=None,
                     help="Colour the text output (default: on a terminal, unless NO_COLOR is set)."),
        click.option("--stdin-filename", default="-",
                     help="Name to report for text read from stdin (its extension picks the format "
                          "and the per-path configuration)."),
        click.option("--quiet", "-q", is_flag=True,
                     help="Print findings only, one line each: no context, summary or progress bar."),
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
@style_option
@config_option
@no_config_option
@select_option
@ignore_option
@output_options
@click.option("--vale-config", type=click.Path(path_type=Path, dir_okay=False),
              help="Lint with the Vale styles of this .vale.ini instead of copylint's rules.")
@click.option("--vale", "vale_auto", is_flag=True,
              help="Lint with the nearest .vale.ini (searched from the current folder up).")
@click.option("--statistics", is_flag=True, help="Print the number of findings per rule instead of each finding.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, show_default=True,
              help="Worker processes for many files (0: one per CPU; 1: no workers).")
@click.option("--encoding", default="utf-8", show_default=True,
              help="Encoding of files without a UTF-16/32 byte order mark (e.g. latin-1).")
@click.option("--encoding-errors", type=click.Choice(ENCODING_ERRORS), default="strict",
              show_default=True,
              help="strict: undecodable files are errors; replace: lint them with U+FFFD.")
@click.option("--max-file-size", type=ByteSize(), default=DEFAULT_MAX_FILE_SIZE,
              help="Skip larger files with a note (e.g. 512K, 50M; 0 = no limit).  [default: 10M]")
@click.option("--regex-timeout", type=click.FloatRange(min=0, min_open=True), default=None,
              help="Seconds a rule's regexes may spend on one file before the rule is "
                   "reported and skipped for it.  [default: 2]")
@click.option("--fix", is_flag=True, help="Apply every safe fix, then report what remains.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff; write nothing.")
def check(paths: tuple[Path, ...], rule_dirs: tuple[Path, ...], builtin: bool | None,
          style: str | None, config_path: Path | None, no_config: bool, select: tuple[str, ...],
          ignore: tuple[str, ...], fmt: str | None, min_level: str | None, fail_level: str | None,
          no_inline_config: bool, color: bool | None, stdin_filename: str, quiet: bool,
          vale_config: Path | None, vale_auto: bool, statistics: bool, jobs: int = 0,
          encoding: str = "utf-8", encoding_errors: str = "strict",
          max_file_size: int = DEFAULT_MAX_FILE_SIZE, regex_timeout: float | None = None,
          fix: bool = False, diff: bool = False) -> None:
    """Lint PATHS (files, directories, or - for stdin)."""
    from .api import collect_files, lint_paths, lint_text
    from .reporters import REPORTERS, ReportOptions
    from .reporters import statistics as statistics_report

    if not paths:
        raise _fail("no paths given (use - to read standard input)")
    fmt = resolve_format(fmt)
    if vale_config is not None or vale_auto:  # Vale styles: copylint's configuration does not apply
        from .vale.cli import run_vale

        if fix or diff:
            raise _fail("--fix and --diff are not supported with Vale styles")
        raise click.exceptions.Exit(run_vale(paths, vale_config, fmt, min_level or "suggestion",
                                             fail_level or "error", stdin_filename=stdin_filename))
    if statistics and fmt != "text":
        raise _fail("--statistics prints a text table: use it with --format text")
    try:
        read = ReadOptions(encoding, encoding_errors, max_file_size)
    except ValueError as exc:
        raise _fail(str(exc)) from None
    config = _configure(config_path, no_config, builtin=builtin, style=style, select=_comma_list(select),
                        ignore=_comma_list(ignore), min_level=_level(min_level),
                        fail_level=_level(fail_level),
                        inline_config=False if no_inline_config else None)
    ruleset = _build(config, rule_dirs)
    if regex_timeout is not None:
        ruleset.regex_timeout = regex_timeout
    if fix or diff:
        if statistics:
            raise _fail("--statistics cannot be combined with --fix or --diff")
        from .cli_fix import run_fix

        run_fix(paths, ruleset, config, fmt=fmt, color=color, stdin_filename=stdin_filename,
                diff=diff, quiet=quiet)
    report = Report()
    files = [p for p in paths if str(p) != "-"]
    if len(files) != len(paths):
        report.files += 1
        try:
            text = decode(sys.stdin.buffer.read(), stdin_filename, read.errors, read.encoding)
            report.findings.extend(lint_text(
                text, config.rules_for_path(ruleset, stdin_filename), path=stdin_filename,
                min_level=config.min_level, inline_config=config.inline_config))
        except CopylintError as exc:
            report.errors.append(exc)
    if files:
        walk_errors: list[InputError] = []
        found_files = collect_files(files, config, walk_errors)
        report.errors.extend(walk_errors)
        if _show_progress(len(found_files), quiet):
            with click.progressbar(length=len(found_files), label="Linting", file=sys.stderr) as bar:
                found = lint_paths(found_files, ruleset, config=config,
                                   progress=lambda _: bar.update(1), jobs=jobs, read=read)
        else:
            found = lint_paths(found_files, ruleset, config=config, jobs=jobs, read=read)
        report.files += found.files
        report.findings.extend(found.findings)
        report.errors.extend(found.errors)
    report.sort()
    for error in report.errors:
        click.echo(f"copylint: {error}", err=True)
    color = resolve_color(color)
    options = ReportOptions(color=color, show_context=not quiet, summary=not quiet, rules=ruleset)
    render = statistics_report.render if statistics else REPORTERS[fmt]
    click.echo(render(report, options), nl=False, color=color)
    if any(isinstance(e, InternalError) for e in report.errors):
        raise click.exceptions.Exit(EXIT_INTERNAL)
    if report.failed:
        raise click.exceptions.Exit(EXIT_ERROR)
    raise click.exceptions.Exit(
        EXIT_FINDINGS if any(f.level >= config.fail_level for f in report.findings) else EXIT_CLEAN)


@main.command("rules")
@rules_option
@builtin_option
@style_option
@config_option
@no_config_option
@select_option
@ignore_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def list_rules(rule_dirs: tuple[Path, ...], builtin: bool | None, style: str | None,
               config_path: Path | None,
               no_config: bool, select: tuple[str, ...], ignore: tuple[str, ...], fmt: str) -> None:
    """List the rules a check would run (after the configuration): id, kind, level, description."""
    import json

    config = _configure(config_path, no_config, builtin=builtin, style=style,
                        select=_comma_list(select), ignore=_comma_list(ignore))
    ruleset = _build(config, rule_dirs)
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
@config_option
@no_config_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def explain(rule_id: str, rule_dirs: tuple[Path, ...], builtin: bool | None, style: str | None,
            config_path: Path | None, no_config: bool, fmt: str) -> None:
    """Explain RULE_ID: description, rationale, source, and its examples run through it."""
    import json

    from .explain import explain as explain_rule, render_text

    config = _configure(config_path, no_config, builtin=builtin, style=style)
    ruleset = _build(config, rule_dirs)
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
    """List the built-in house styles (use one with --style NAME or 'style:' in the config)."""
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


@main.command()
@click.argument("directory", required=False, default=".",
                type=click.Path(path_type=Path, file_okay=False))
@click.option("--style", default=None, metavar="NAME",
              help="House style pack the desk follows (written as 'style:').")
@click.option("--force", is_flag=True, help="Overwrite an existing .copylint.yaml.")
def init(directory: Path, style: str | None, force: bool) -> None:
    """Write a commented starter .copylint.yaml for a desk in DIRECTORY."""
    from .starter import starter_config

    import tempfile

    target = directory / CONFIG_NAMES[0]
    if target.exists() and not force:
        raise _fail(f"{target} already exists (use --force to overwrite)")
    text = starter_config(style)
    with tempfile.TemporaryDirectory() as scratch:  # what we write must load, style included
        trial = Path(scratch) / CONFIG_NAMES[0]
        trial.write_text(text, encoding="utf-8")
        try:
            load_config(trial).build_rules()
        except CopylintError as exc:
            raise _fail(str(exc).replace(str(trial), str(target))) from None
    try:
        directory.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise _fail(f"{target}: cannot write: {exc.strerror or exc}") from None
    click.echo(f"Wrote {target}. Commit it so the whole desk lints with the same settings.")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 or :: to let other machines in).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on (0 picks a free one).")
@rules_option
@serve_builtin_option
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
