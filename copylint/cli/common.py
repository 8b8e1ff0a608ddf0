"""What the commands share: exit codes, option decorators, configuration and
output helpers."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..config.model import Config, load_config
from ..errors import CopylintError
from ..findings import LEVEL_NAMES, Level
from ..ruleset import RuleSet

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


def fail(message: str) -> "click.exceptions.Exit":
    click.echo(f"copylint: {message}", err=True)
    return click.exceptions.Exit(EXIT_ERROR)


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 rule``, ``2 rules``, ``0 fixes`` (with ``many``)."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def comma_list(values: tuple[str, ...]) -> list[str] | None:
    """``--select a,b --select c`` -> ``[a, b, c]``; None when not given."""
    if not values:
        return None
    return [item for value in values for item in value.replace(",", " ").split() if item]


def configure(config_path: Path | None, no_config: bool, **overrides: object) -> Config:
    """The configuration file (unless ``--no-config``), then the CLI flags on top."""
    try:
        config = Config() if no_config else load_config(config_path)
    except CopylintError as exc:
        raise fail(str(exc)) from None
    return config.override(**overrides)


def build(config: Config, rule_dirs: tuple[Path, ...]) -> RuleSet:
    try:
        return config.build_rules(rule_dirs)
    except CopylintError as exc:
        raise fail(str(exc)) from None


def level(name: str | None) -> Level | None:
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

follow_symlinks_option = click.option(
    "--follow-symlinks", is_flag=True,
    help="Follow symbolic links that lead out of the named folders (default: skip them with a note).")


def rule_options(command):
    """The options that pick the rules of a run: --rules, --builtin, --style,
    --config, --no-config, --select, --ignore (check, fix and rules)."""
    for option in reversed([rules_option, builtin_option, style_option, config_option,
                            no_config_option, select_option, ignore_option]):
        command = option(command)
    return command


def _read_options() -> list:
    """--encoding, --encoding-errors, --max-file-size (part of :func:`run_options`)."""
    from ..inputs.files import DEFAULT_MAX_FILE_SIZE, ENCODING_ERRORS

    return [
        click.option("--encoding", default="utf-8", show_default=True,
                     help="Encoding of files without a UTF-16/32 byte order mark (e.g. latin-1)."),
        click.option("--encoding-errors", type=click.Choice(ENCODING_ERRORS), default="strict",
                     show_default=True,
                     help="strict: undecodable files are errors; replace: lint them with U+FFFD "
                          "(never with --fix: it would lose bytes)."),
        click.option("--max-file-size", type=ByteSize(), default=DEFAULT_MAX_FILE_SIZE,
                     help="Skip larger files with a note (e.g. 512K, 50M; 0 = no limit).  "
                          "[default: 10M]"),
    ]


def read_options(command):
    """--encoding, --encoding-errors, --max-file-size alone."""
    for option in reversed(_read_options()):
        command = option(command)
    return command


def read_options_from(encoding: str, encoding_errors: str, max_file_size: int):
    """The :class:`~copylint.inputs.files.ReadOptions` of the flags (one-line error if bad)."""
    from ..inputs.files import ReadOptions

    try:
        return ReadOptions(encoding, encoding_errors, max_file_size)
    except ValueError as exc:
        raise fail(str(exc)) from None


#: Below this many files a run is quick enough not to need a progress bar.
PROGRESS_MIN_FILES = 20


def progress_wanted(quiet: bool) -> bool:
    """Is a person watching (stderr on a terminal, not in CI, not quiet)?"""
    return not quiet and sys.stderr.isatty() and not os.environ.get("CI")


def show_progress(files: int, quiet: bool) -> bool:
    """A progress bar only for a person watching (:func:`progress_wanted`)
    and enough files to wait for."""
    return files >= PROGRESS_MIN_FILES and progress_wanted(quiet)


def run_options(command):
    """How a run reads, lints and fixes: --jobs, --encoding, --encoding-errors,
    --max-file-size, --regex-timeout, --diff, --follow-symlinks, --unsafe-fixes
    (check and fix, defined once so that the two take the same options)."""
    for option in reversed([
        click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, show_default=True,
                     help="Worker processes for many files (0: one per CPU; 1: no workers)."),
        *_read_options(),
        click.option("--regex-timeout", type=click.FloatRange(min=0, min_open=True), default=None,
                     help="Seconds a rule's regexes may spend on one file before the rule is "
                          "reported and skipped for it.  [default: 2]"),
        click.option("--diff", is_flag=True, help="Print the fixes as a unified diff; write nothing."),
        follow_symlinks_option,
        click.option("--unsafe-fixes", "unsafe_fixes", is_flag=True,
                     help="Also apply the fixes that need an editor's eye (inside quotations, deleted "
                          "words, renamed places); a check without --fix/--diff counts them as fixable."),
    ]):
        command = option(command)
    return command


#: Options of ``check`` that ``fix`` does not take, and why (docs/cli.md lists them too).
CHECK_ONLY_OPTIONS = {
    "--fix": "fix always fixes",
    "--statistics": "a table of findings per rule, not a fix report",
}


def output_options(command):
    """Options shared by ``check`` and ``fix``."""
    from ..reporters import REPORTERS

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
        click.option("--no-summary", is_flag=True,
                     help="No summary line: for callers that run copylint on batches of files, "
                          "as pre-commit does."),
    ]):
        command = option(command)
    return command


def resolve_format(fmt: str | None) -> str:
    if fmt:
        return fmt
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def output_width(stream=None) -> int | None:
    """Columns to fit the text output to: ``COLUMNS`` when set, else the
    terminal's width when ``stream`` (stdout) is a terminal, else None (a
    fixed width, no wrapping, for pipes and files)."""
    columns = os.environ.get("COLUMNS", "")
    if columns.strip().isdigit() and int(columns) > 0:
        return int(columns)
    if (stream or sys.stdout).isatty():
        import shutil  # only for a terminal: it imports bz2 and lzma (about 10 ms)

        return shutil.get_terminal_size().columns
    return None


def resolve_color(color: bool | None, stream=None) -> bool:
    if color is not None:
        return color
    return (stream or sys.stdout).isatty() and not os.environ.get("NO_COLOR")


