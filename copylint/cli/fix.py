"""``copylint fix`` and ``copylint check --fix/--diff``: apply the safe fixes
(and with ``--unsafe-fixes`` the unsafe ones), write files atomically (or print
a diff), then report what remains."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click

from ..reporters.escape import printable, valid_utf8
from ..fixes.files import FixReport, fix_document, fix_paths, fixing_rules
from ..config.model import Config
from ..fixes.diff import unified_diff
from ..errors import CopylintError
from ..inputs.files import DEFAULT_READ, ReadOptions
from ..reporters.text import fix_counts
from ..ruleset import RuleSet
from ..fixes.writer import decode_with_encoding, encode
from .common import (
    EXIT_CLEAN,
    EXIT_ERROR,
    EXIT_FINDINGS,
    build,
    comma_list,
    configure,
    fail,
    level,
    output_options,
    run_options,
    read_options_from,
    output_width,
    plural,
    resolve_color,
    resolve_format,
    rule_options,
)

#: The "Fixed …" line names the files it changed when there are at most this many.
MAX_NAMED_FILES = 5


def run_fix(paths: tuple[Path, ...], ruleset: RuleSet, config: Config, *, fmt: str,
            color: bool | None, stdin_filename: str, diff: bool, quiet: bool = False,
            read: ReadOptions = DEFAULT_READ, follow_symlinks: bool = False,
            unsafe: bool = False, apply_hint: str = "apply with --fix", summary: bool = True,
            only_changes: bool = False, jobs: int = 1) -> NoReturn:
    """Fix (or diff) ``paths``; ``-`` reads standard input and, unless ``diff``,
    writes the fixed text to standard output with the report on stderr.
    ``read`` gives the encoding and size limit; undecodable bytes are never
    replaced when fixing (that would lose them).  Unsafe fixes are applied
    only when ``unsafe``.  ``apply_hint`` names, after a diff, what applies it.
    ``only_changes`` lists the fixes applied, one line each, and counts what
    remains instead of listing it (the check hook that follows lists it)."""
    if read.errors != "strict":
        raise fail("--encoding-errors replace cannot be used to fix files: the replaced bytes would be lost")
    from ..reporters import REPORTERS, ReportOptions

    files = [p for p in paths if str(p) != "-"]
    use_stdin = len(files) != len(paths)
    if use_stdin and files and not diff:
        raise fail("'-' cannot be combined with other paths when fixing (the fixed text goes to stdout)")
    rules = fixing_rules(ruleset, config.min_level)
    report = FixReport()
    stdin_output: bytes | None = None
    if use_stdin:
        try:
            data = sys.stdin.buffer.read()
        except OSError as exc:  # a closed standard input
            raise fail(f"cannot read standard input: {exc.strerror or exc}") from None
        try:
            text, codec, bom = decode_with_encoding(data, stdin_filename, read.encoding)
        except CopylintError as exc:
            report.errors.append(exc)
            stdin_output = data  # pass unreadable input through untouched
        else:
            outcome = fix_document(text, config.rules_for_path(rules, stdin_filename), stdin_filename,
                                   report, config.inline_config, unsafe, config.format_for(stdin_filename))
            stdin_output = encode(outcome.after, codec, bom)
    if files:
        found = fix_paths(files, rules, write=not diff, config=config, read=read,
                          follow_symlinks=follow_symlinks, unsafe=unsafe, jobs=jobs)
        report.files += found.files
        report.findings.extend(found.findings)
        report.errors.extend(found.errors)
        report.fixed.extend(found.fixed)
    report.sort()
    for error in report.errors:
        click.echo(f"copylint: {printable(str(error))}", err=True)

    remaining_fail = any(f.level >= config.fail_level for f in report.findings)
    if diff:
        click.echo(valid_utf8("".join(unified_diff(f.before, f.after, f.path) for f in report.fixed)), nl=False)
        remaining = len(report.findings)
        _, hidden = fix_counts(report, unsafe)
        more = f" ({plural(hidden, 'hidden fix', 'hidden fixes')} can be enabled with --unsafe-fixes)" \
            if hidden else ""
        click.echo(f"{plural(report.applied, 'fix', 'fixes')} in {plural(report.changed_files, 'file')} "
                   f"({apply_hint}); {remaining} remaining{more}.", err=True)
        code = EXIT_FINDINGS if report.changed_files or remaining_fail else EXIT_CLEAN
    else:
        to_stdout = stdin_output is None
        stream = sys.stdout if to_stdout else sys.stderr
        use_color = resolve_color(color, stream)
        options = ReportOptions(color=use_color, show_context=not quiet, summary=summary and not quiet,
                                rules=ruleset, unsafe_fixes=unsafe, width=output_width(stream))
        output = changes(report) if only_changes else REPORTERS[fmt](report, options)
        if stdin_output is not None:
            sys.stdout.buffer.write(stdin_output)
            sys.stdout.buffer.flush()
        click.echo(valid_utf8(output), nl=False, color=use_color, err=not to_stdout)
        if report.applied and summary and not quiet:
            names = [f.path for f in report.fixed if f.changed]
            where = f" ({printable(', '.join(names))})" if len(names) <= MAX_NAMED_FILES else ""
            click.echo(f"Fixed {plural(report.applied, 'problem')} in "
                       f"{plural(report.changed_files, 'file')}{where}.",
                       err=not to_stdout or fmt != "text")
        code = EXIT_FINDINGS if remaining_fail else EXIT_CLEAN
    raise click.exceptions.Exit(EXIT_ERROR if report.failed else code)


def changes(report: FixReport) -> str:
    """``path:line:col: fixed rule 'old' -> 'new'`` for each fix applied, then,
    if anything remains, how much (about the files of this run only)."""
    out = []
    for fixed in report.fixed:
        if fixed.changed:
            for f in fixed.applied:
                change = f"deleted {f.match!r}" if f.fix == "" else f"{f.match!r} -> {f.fix!r}"
                out.append(f"{f.path}:{f.line}:{f.column}: fixed {f.rule} {change}")
    if report.findings:
        files = len({f.path for f in report.findings})
        out.append(f"{plural(len(report.findings), 'problem')} left that fixing cannot repair, in "
                   f"{plural(files, 'file')} (copylint check lists them).")
    return "".join(line + "\n" for line in out)


@click.command("fix")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, allow_dash=True))
@rule_options
@output_options
@run_options
@click.option("--only-changes", is_flag=True,
              help="List each fix applied and count what remains instead of listing it: for a "
                   "pre-commit fix hook followed by the check hook (text format only).")
@click.option("--vale-config", type=click.Path(path_type=Path, dir_okay=False),
              help="Fix with the Vale styles of this .vale.ini instead of copylint's rules.")
@click.option("--vale", "vale_auto", is_flag=True,
              help="Fix with the nearest .vale.ini (searched from the current folder up).")
def fix_command(paths: tuple[Path, ...], rule_dirs: tuple[Path, ...], builtin: bool | None,
                style: str | None, config_path: Path | None, no_config: bool, select: tuple[str, ...],
                ignore: tuple[str, ...], fmt: str | None, min_level: str | None,
                fail_level: str | None, no_inline_config: bool, color: bool | None,
                stdin_filename: str, quiet: bool, encoding: str, encoding_errors: str,
                max_file_size: int, diff: bool, follow_symlinks: bool = False,
                unsafe_fixes: bool = False, jobs: int = 0, regex_timeout: float | None = None,
                no_summary: bool = False, only_changes: bool = False, vale_config: Path | None = None,
                vale_auto: bool = False) -> None:
    """Apply every safe fix in PATHS (- : fixed stdin to stdout), report what remains.
    Unsafe fixes only with --unsafe-fixes."""
    if not paths:
        raise fail("no paths given (use - to read standard input)")
    if only_changes and resolve_format(fmt) != "text":
        raise fail("--only-changes prints text: use it with --format text")
    if vale_config is not None or vale_auto:  # Vale styles: copylint's configuration does not apply
        from ..vale.cli import vale_setup

        ruleset, config, paths = vale_setup(paths, vale_config, level(min_level), level(fail_level),
                                            inline_config=not no_inline_config)
    else:
        config = configure(config_path, no_config, builtin=builtin, style=style,
                            select=comma_list(select), ignore=comma_list(ignore), min_level=level(min_level),
                            fail_level=level(fail_level),
                            inline_config=False if no_inline_config else None)
        ruleset = build(config, rule_dirs)
    if regex_timeout is not None:
        ruleset.regex_timeout = regex_timeout
    run_fix(paths, ruleset, config, fmt=resolve_format(fmt), color=color,
            stdin_filename=stdin_filename, diff=diff, quiet=quiet,
            read=read_options_from(encoding, encoding_errors, max_file_size),
            follow_symlinks=follow_symlinks, unsafe=unsafe_fixes,
            apply_hint="apply by running the same command without --diff",
            summary=not no_summary, only_changes=only_changes, jobs=jobs)
