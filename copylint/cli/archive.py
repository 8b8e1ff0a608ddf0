"""``copylint archive``: lint the stories of JSON lines or Parquet archives."""

from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path

import click

from ..errors import CopylintError
from .common import (
    EXIT_ERROR,
    EXIT_INTERNAL,
    ByteSize,
    comma_list,
    configure,
    fail,
    level,
    LEVEL_CHOICE,
    rule_options,
)


@click.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--output", "-o", required=True, metavar="PATH",
              help="Findings file: .jsonl, .jsonl.gz, .parquet, or - for JSON lines on stdout.")
@rule_options
@click.option("--id-column", default="id", show_default=True, help="Column holding the story id.")
@click.option("--text-column", "text_columns", multiple=True, metavar="NAME",
              help="Column to lint (repeatable, e.g. --text-column headline --text-column body; "
                   "each is its own document, positions count within it).  [default: body]")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "html"]), default="text",
              show_default=True, help="Format of the texts.")
@click.option("--format-column", default=None, metavar="NAME",
              help="Column giving each story's format (text, markdown, html; null: --format).")
@click.option("--date-column", default=None, metavar="NAME",
              help="Column giving each story's date: adds a summary by year.")
@click.option("--min-level", type=LEVEL_CHOICE, default=None,
              help="Report findings at this level and above (default: suggestion).")
@click.option("--fail-level", type=LEVEL_CHOICE, default=None,
              help="Exit 1 when a finding at this level or above is reported (default: error).")
@click.option("--no-inline-config", is_flag=True,
              help="Ignore copylint-disable/enable comments in the stories.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, show_default=True,
              help="Worker processes (0: one per CPU; 1: this process only).")
@click.option("--scheduler", default=None, metavar="local|tcp://HOST:PORT",
              help="Lint on Dask: 'local' starts a local cluster, an address uses a running one "
                   "(needs copylint[dask]).")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Workers of the --scheduler local cluster (default: one per CPU).")
@click.option("--partition-size", type=ByteSize(), default="4M", show_default=True,
              help="Bytes of plain JSON lines per partition (Parquet: one per row group; "
                   ".jsonl.gz: one per file).")
@click.option("--regex-timeout", type=click.FloatRange(min=0, min_open=True), default=None,
              help="Seconds a rule's regexes may spend on one text.  [default: 2]")
@click.option("--quiet", "-q", is_flag=True, help="No summary and no progress bar.")
def archive(inputs: tuple[Path, ...], output: str, rule_dirs: tuple[Path, ...],
            builtin: bool | None, style: str | None, config_path: Path | None, no_config: bool,
            select: tuple[str, ...], ignore: tuple[str, ...], id_column: str,
            text_columns: tuple[str, ...], fmt: str, format_column: str | None,
            date_column: str | None, min_level: str | None, fail_level: str | None,
            no_inline_config: bool, jobs: int, scheduler: str | None, workers: int | None,
            partition_size: int, regex_timeout: float | None, quiet: bool) -> None:
    """Lint the stories of INPUT archives (.jsonl, .jsonl.gz, .parquet) into OUTPUT.

    One finding per line (or row): id, field (the text column), line, column,
    end_line, end_column, rule, level, message, match, suggestion, fix,
    fix_applicability.  Malformed records are reported on stderr with their
    file, line and id; the run goes on.  Exit codes as check: 0 clean,
    1 findings at --fail-level, 2 unreadable input or malformed record,
    3 internal error."""
    # Arrow's default allocator keeps freed memory: ~60 MB more peak per
    # worker reading Parquet (set before pyarrow is imported; workers inherit it)
    os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")
    from ..archive import Columns, open_writer, run_archive
    from ..linter import Linter
    from ..engine.parallel import resolve_jobs

    if partition_size <= 0:
        raise fail("--partition-size must be more than 0")
    try:
        columns = Columns(id=id_column, text=tuple(text_columns) or ("body",),
                          format_column=format_column, fmt=fmt, date=date_column)
    except ValueError as exc:
        raise fail(str(exc)) from None
    config = configure(config_path, no_config, builtin=builtin, style=style,
                       select=comma_list(select), ignore=comma_list(ignore),
                       min_level=level(min_level), fail_level=level(fail_level),
                       inline_config=False if no_inline_config else None)
    try:
        rules = config.build_rules(rule_dirs)
        linter = Linter(rules=rules, config=config, regex_timeout=regex_timeout)
    except CopylintError as exc:
        raise fail(str(exc)) from None
    if workers is not None and scheduler != "local":
        raise fail("--workers sizes the cluster of --scheduler local")
    if scheduler is not None:
        try:
            import distributed  # noqa: F401
        except ImportError:
            raise fail("--scheduler needs Dask: pip install 'copylint[dask]'") from None
    try:
        writer = open_writer(output)
    except CopylintError as exc:
        raise fail(str(exc)) from None
    except OSError as exc:
        raise fail(f"{output}: {exc.strerror or exc}") from None

    bar = _Progress(enabled=not quiet and sys.stderr.isatty() and not os.environ.get("CI"))
    try:
        summary = run_archive(inputs, writer, linter, columns, jobs=resolve_jobs(jobs),
                              scheduler=scheduler, workers=workers, partition_size=partition_size,
                              on_error=bar.error, progress=bar.advance, on_plan=bar.start)
    except OSError as exc:  # the output disk filled up, no scheduler at that address
        raise fail(f"{exc.strerror or exc}") from None
    except Exception as exc:  # a worker killed too often (Dask), a broken process pool
        if os.environ.get("COPYLINT_DEBUG"):
            raise
        click.echo(f"copylint: the run failed: {type(exc).__name__}: {' '.join(str(exc).split())} "
                   "(the output is incomplete; set COPYLINT_DEBUG=1 for a traceback)", err=True)
        raise click.exceptions.Exit(EXIT_INTERNAL) from None
    finally:
        try:
            writer.close()
        finally:
            bar.finish()
    if not quiet:
        _summarise(summary, date_column is not None)
    raise click.exceptions.Exit(summary.exit_code(linter.fail_level))


class _Progress:
    """A progress bar in bytes of archive, on a terminal only; errors are
    printed above it as they come."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bar = None

    def start(self, partitions) -> None:  # noqa: ANN001
        total = sum(p.size for p in partitions)
        if self.enabled and total:
            self.bar = click.progressbar(length=total, label="Linting", file=sys.stderr)
            self.bar.__enter__()

    def advance(self, size: int) -> None:
        if self.bar is not None:
            self.bar.update(size)

    def error(self, error: object) -> None:
        if self.bar is not None:
            sys.stderr.write("\r\033[K")
        click.echo(f"copylint: {error}", err=True)

    def finish(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def _summarise(summary, by_year: bool) -> None:  # noqa: ANN001
    echo = lambda text="": click.echo(text, err=True)  # noqa: E731
    problems = summary.record_errors + len(summary.input_errors)
    echo(f"{summary.stories} stories, {summary.findings} findings"
         + (f", {problems} records or inputs not linted" if problems else "")
         + f" ({summary.partitions} partitions)")
    if summary.by_rule:
        width = max(len(rule) for rule in summary.by_rule)
        echo(f"{'rule'.ljust(width)}  findings")
        for rule, count in sorted(summary.by_rule.items(), key=lambda item: (-item[1], item[0])):
            echo(f"{rule.ljust(width)}  {count:>8}")
    if by_year:
        years: Counter = summary.stories_by_year
        echo(f"{'year':<7}  {'stories':>8}  findings  per story")
        for year in sorted(years, key=lambda y: (y is None, y or 0)):
            stories, found = years[year], summary.findings_by_year[year]
            label = str(year) if year is not None else "unknown"
            echo(f"{label:<7}  {stories:>8}  {found:>8}  {found / stories if stories else 0:>9.2f}")


__all__ = ["archive", "EXIT_ERROR"]
