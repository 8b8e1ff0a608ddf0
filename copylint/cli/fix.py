"""``copylint fix`` and ``copylint check --fix/--diff``: apply the safe fixes
(and with ``--unsafe-fixes`` the unsafe ones), write files atomically (or print
a diff), then report what remains."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click

from ..autofix import FixReport, fix_document, fix_paths, fixing_rules
from ..config import Config
from ..diffing import unified_diff
from ..errors import CopylintError
from ..files import DEFAULT_READ, ReadOptions
from ..reporters.text import fix_counts
from ..ruleset import RuleSet
from ..writer import decode_with_encoding, encode
from .common import (
    EXIT_CLEAN,
    EXIT_ERROR,
    EXIT_FINDINGS,
    build,
    comma_list,
    configure,
    fail,
    follow_symlinks_option,
    level,
    output_options,
    read_options,
    read_options_from,
    resolve_color,
    resolve_format,
    rule_options,
)

#: The "Fixed …" line names the files it changed when there are at most this many.
MAX_NAMED_FILES = 5


def _plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def run_fix(paths: tuple[Path, ...], ruleset: RuleSet, config: Config, *, fmt: str,
            color: bool | None, stdin_filename: str, diff: bool, quiet: bool = False,
            read: ReadOptions = DEFAULT_READ, follow_symlinks: bool = False,
            unsafe: bool = False) -> NoReturn:
    """Fix (or diff) ``paths``; ``-`` reads standard input and, unless ``diff``,
    writes the fixed text to standard output with the report on stderr.
    ``read`` gives the encoding and size limit; undecodable bytes are never
    replaced when fixing (that would lose them).  Unsafe fixes are applied
    only when ``unsafe``."""
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
        data = sys.stdin.buffer.read()
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
                          follow_symlinks=follow_symlinks, unsafe=unsafe)
        report.files += found.files
        report.findings.extend(found.findings)
        report.errors.extend(found.errors)
        report.fixed.extend(found.fixed)
    report.sort()
    for error in report.errors:
        click.echo(f"copylint: {error}", err=True)

    remaining_fail = any(f.level >= config.fail_level for f in report.findings)
    if diff:
        click.echo("".join(unified_diff(f.before, f.after, f.path) for f in report.fixed), nl=False)
        remaining = len(report.findings)
        _, hidden = fix_counts(report, unsafe)
        more = f" ({_plural(hidden, 'hidden fix', 'hidden fixes')} can be enabled with --unsafe-fixes)" \
            if hidden else ""
        apply = "apply with --fix --unsafe-fixes" if unsafe else "apply with --fix"
        click.echo(f"{_plural(report.applied, 'fix', 'fixes')} in {_plural(report.changed_files, 'file')} "
                   f"({apply}); {remaining} remaining{more}.", err=True)
        code = EXIT_FINDINGS if report.changed_files or remaining_fail else EXIT_CLEAN
    else:
        to_stdout = stdin_output is None
        stream = sys.stdout if to_stdout else sys.stderr
        use_color = resolve_color(color, stream)
        options = ReportOptions(color=use_color, show_context=not quiet, summary=not quiet, rules=ruleset,
                                unsafe_fixes=unsafe)
        output = REPORTERS[fmt](report, options)
        if stdin_output is not None:
            sys.stdout.buffer.write(stdin_output)
            sys.stdout.buffer.flush()
        click.echo(output, nl=False, color=use_color, err=not to_stdout)
        if report.applied and not quiet:
            names = [f.path for f in report.fixed if f.changed]
            where = f" ({', '.join(names)})" if len(names) <= MAX_NAMED_FILES else ""
            click.echo(f"Fixed {_plural(report.applied, 'problem')} in "
                       f"{_plural(report.changed_files, 'file')}{where}.",
                       err=not to_stdout or fmt != "text")
        code = EXIT_FINDINGS if remaining_fail else EXIT_CLEAN
    raise click.exceptions.Exit(EXIT_ERROR if report.failed else code)


@click.command("fix")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, allow_dash=True))
@rule_options
@output_options
@read_options
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff; write nothing.")
@follow_symlinks_option
@click.option("--unsafe-fixes", "unsafe_fixes", is_flag=True,
              help="Also apply the fixes that need an editor's eye (inside quotations, deleted words, "
                   "renamed places).")
def fix_command(paths: tuple[Path, ...], rule_dirs: tuple[Path, ...], builtin: bool | None,
                style: str | None, config_path: Path | None, no_config: bool, select: tuple[str, ...],
                ignore: tuple[str, ...], fmt: str | None, min_level: str | None,
                fail_level: str | None, no_inline_config: bool, color: bool | None,
                stdin_filename: str, quiet: bool, encoding: str, encoding_errors: str,
                max_file_size: int, diff: bool, follow_symlinks: bool = False,
                unsafe_fixes: bool = False) -> None:
    """Apply every safe fix in PATHS (- : fixed stdin to stdout), report what remains.
    Unsafe fixes only with --unsafe-fixes."""
    if not paths:
        raise fail("no paths given (use - to read standard input)")
    config = configure(config_path, no_config, builtin=builtin, style=style,
                        select=comma_list(select), ignore=comma_list(ignore), min_level=level(min_level),
                        fail_level=level(fail_level),
                        inline_config=False if no_inline_config else None)
    run_fix(paths, build(config, rule_dirs), config, fmt=resolve_format(fmt), color=color,
            stdin_filename=stdin_filename, diff=diff, quiet=quiet,
            read=read_options_from(encoding, encoding_errors, max_file_size),
            follow_symlinks=follow_symlinks, unsafe=unsafe_fixes)
