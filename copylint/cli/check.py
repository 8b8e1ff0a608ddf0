"""``copylint check``: lint files, directories or standard input."""

from __future__ import annotations

import functools
import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

import click

from ..api import Report
from ..errors import CopylintError, InputError, InternalError
from ..inputs.files import DEFAULT_MAX_FILE_SIZE, ReadOptions, decode

if TYPE_CHECKING:
    from ..config.model import Config
    from ..ruleset import RuleSet
from ..reporters.escape import printable, valid_utf8
from ..ruleset import re_store
from .common import (
    EXIT_CLEAN,
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_INTERNAL,
    build,
    comma_list,
    configure,
    fail,
    level,
    output_options,
    run_options,
    read_options_from,
    output_width,
    progress_wanted,
    resolve_color,
    resolve_format,
    rule_options,
    show_progress,
)


def _collector_off_until_the_second_file(command: Callable[..., None]) -> Callable[..., None]:
    """Run ``command`` with the garbage collector off until it reads its
    second file (:func:`_collector_back`): start-up and the first document
    make long-lived objects and no garbage worth a pass (2 % of a one-story
    run).  It is back on, if it was, when the command ends however it ends."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> None:
        global _collecting
        _collecting = gc.isenabled()
        gc.disable()
        try:
            command(*args, **kwargs)
        finally:
            if _collecting:
                gc.enable()
            _collecting = False
    return run


#: Was the collector on when the command started (and is it still to be turned back on)?
_collecting = False


def _collector_on() -> None:
    """The collector back on, if it was on when the command started."""
    global _collecting
    if _collecting:
        _collecting = False
        gc.enable()


def _collector_back(paths: Iterable[Path]) -> Iterator[Path]:
    """``paths``, turning the collector back on (if it was on) before the
    second one: a run of many files lints them with it on, and worker
    processes are started with it on."""
    for index, path in enumerate(paths):
        if index == 1:
            _collector_on()
        yield path


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, allow_dash=True, readable=False))
@rule_options
@output_options
@click.option("--vale-config", type=click.Path(path_type=Path, dir_okay=False),
              help="Lint with the Vale styles of this .vale.ini instead of copylint's rules.")
@click.option("--vale", "vale_auto", is_flag=True,
              help="Lint with the nearest .vale.ini (searched from the current folder up).")
@click.option("--statistics", is_flag=True, help="Print the number of findings per rule instead of each finding.")
@run_options
@click.option("--fix", is_flag=True, help="Apply every safe fix, then report what remains.")
@_collector_off_until_the_second_file
def check(paths: tuple[Path, ...], rule_dirs: tuple[Path, ...], builtin: bool | None,
          style: str | None, config_path: Path | None, no_config: bool, select: tuple[str, ...],
          ignore: tuple[str, ...], fmt: str | None, min_level: str | None, fail_level: str | None,
          no_inline_config: bool, color: bool | None, stdin_filename: str, quiet: bool,
          vale_config: Path | None, vale_auto: bool, statistics: bool, jobs: int = 0,
          encoding: str = "utf-8", encoding_errors: str = "strict",
          max_file_size: int = DEFAULT_MAX_FILE_SIZE, regex_timeout: float | None = None,
          fix: bool = False, diff: bool = False, follow_symlinks: bool = False,
          unsafe_fixes: bool = False, no_summary: bool = False) -> None:
    """Lint PATHS (files, directories, or - for stdin)."""
    if not paths:
        raise fail("no paths given (use - to read standard input)")
    fmt = resolve_format(fmt)
    if statistics and fmt != "text":
        raise fail("--statistics prints a text table: use it with --format text")
    read = read_options_from(encoding, encoding_errors, max_file_size)
    if vale_config is not None or vale_auto:  # Vale styles: copylint's configuration does not apply
        from ..vale.cli import vale_setup

        ruleset, config, paths = vale_setup(paths, vale_config, level(min_level), level(fail_level),
                                            inline_config=not no_inline_config)
    else:
        config = configure(config_path, no_config, builtin=builtin, style=style, select=comma_list(select),
                            ignore=comma_list(ignore), min_level=level(min_level),
                            fail_level=level(fail_level),
                            inline_config=False if no_inline_config else None)
        ruleset = build(config, rule_dirs)
    if regex_timeout is not None:
        ruleset.regex_timeout = regex_timeout
    if fix or diff:
        if statistics:
            raise fail("--statistics cannot be combined with --fix or --diff")
        from .fix import run_fix

        _collector_on()  # fixing many files: with the collector on
        run_fix(paths, ruleset, config, fmt=fmt, color=color, stdin_filename=stdin_filename,
                diff=diff, quiet=quiet, summary=not no_summary, read=read, jobs=jobs,
                follow_symlinks=follow_symlinks, unsafe=unsafe_fixes,
                apply_hint="apply with --fix --unsafe-fixes" if unsafe_fixes else "apply with --fix")
    report = Report()
    files = [p for p in paths if str(p) != "-"]
    if len(files) != len(paths):
        _lint_stdin(report, ruleset, config, stdin_filename, read)
    if files:
        _lint_files(report, files, ruleset, config, read, jobs=jobs, quiet=quiet,
                    follow_symlinks=follow_symlinks)
    report.sort()
    _render_and_exit(report, ruleset, config, fmt, color=color, quiet=quiet, no_summary=no_summary,
                     statistics=statistics, unsafe_fixes=unsafe_fixes)


def _lint_stdin(report: Report, ruleset: RuleSet, config: Config, stdin_filename: str,
                read: ReadOptions) -> None:
    """Lint standard input as ``stdin_filename`` into ``report``."""
    from ..api import lint_text

    try:
        text = decode(sys.stdin.buffer.read(), stdin_filename, read.errors, read.encoding)
        report.findings.extend(lint_text(
            text, config.rules_for_path(ruleset, stdin_filename), path=stdin_filename,
            min_level=config.min_level, inline_config=config.inline_config,
            fmt=config.format_for(stdin_filename)))
        report.files += 1
    except CopylintError as exc:
        report.errors.append(exc)
    except OSError as exc:  # a closed standard input
        report.errors.append(InputError(stdin_filename, f"cannot read standard input: {exc.strerror or exc}"))


def _lint_files(report: Report, paths: list[Path], ruleset: RuleSet, config: Config,
                read: ReadOptions, *, jobs: int, quiet: bool, follow_symlinks: bool) -> None:
    """Lint the files and folders ``paths`` into ``report``.  They are found
    once, by the API's streaming discovery, and read as they come: no list
    of every path is held, except for a progress bar (a person watching a
    terminal), which needs the count first."""
    from ..api import iter_files, lint_files

    walk_errors: list[InputError] = []
    found_files = _collector_back(iter_files(paths, config, walk_errors, follow_symlinks=follow_symlinks))
    if progress_wanted(quiet):
        listed = list(found_files)
        if show_progress(len(listed), quiet):
            with click.progressbar(length=len(listed), label="Linting", file=sys.stderr) as bar:
                found = lint_files(listed, ruleset, config=config, progress=lambda _: bar.update(1),
                                   jobs=jobs, read=read)
        else:
            found = lint_files(listed, ruleset, config=config, jobs=jobs, read=read)
    else:
        found = lint_files(found_files, ruleset, config=config, jobs=jobs, read=read)
    report.errors.extend(walk_errors)
    report.files += found.files
    report.findings.extend(found.findings)
    report.errors.extend(found.errors)


def _render_and_exit(report: Report, ruleset: RuleSet, config: Config, fmt: str, *,
                     color: bool | None, quiet: bool, no_summary: bool, statistics: bool,
                     unsafe_fixes: bool) -> None:
    """Print the errors and the report; exit with the documented code."""
    from ..reporters import REPORTERS, ReportOptions
    from ..reporters import statistics as statistics_report

    for error in report.errors:
        click.echo(f"copylint: {printable(str(error))}", err=True)
    color = resolve_color(color)
    options = ReportOptions(color=color, show_context=not quiet, summary=not (quiet or no_summary),
                            rules=ruleset,
                            unsafe_fixes=unsafe_fixes, width=output_width())
    render = statistics_report.render if statistics else REPORTERS[fmt]
    click.echo(valid_utf8(render(report, options)), nl=False, color=color)
    if report.files <= re_store.SMALL_RUN:
        re_store.save()  # the patterns this start-up compiled, for the next one
    if any(isinstance(e, InternalError) for e in report.errors):
        raise click.exceptions.Exit(EXIT_INTERNAL)
    if report.failed:
        raise click.exceptions.Exit(EXIT_ERROR)
    raise click.exceptions.Exit(
        EXIT_FINDINGS if any(f.level >= config.fail_level for f in report.findings) else EXIT_CLEAN)
