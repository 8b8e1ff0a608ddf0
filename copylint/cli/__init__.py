"""The command line: a thin layer over :mod:`copylint.api`, one module per
command (check, fix, rules/explain/styles, init, serve, test) on shared options.
A command's module is imported only when that command runs (or ``--help``
lists them), so a pre-commit run of ``copylint check`` loads no more than it needs."""

from __future__ import annotations

import errno
import io
import os
import sys
from importlib import import_module

import click

from ..version import __version__
from .common import (
    EXIT_CLEAN,
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_INTERNAL,
    PROGRESS_MIN_FILES,
    resolve_color,
    resolve_format,
    show_progress,
)
from .ending import finish

#: Command name -> (module in this package, attribute).
COMMANDS = {
    "archive": ("archive", "archive"),
    "check": ("check", "check"),
    "explain": ("rules", "explain"),
    "fix": ("fix", "fix_command"),
    "init": ("init", "init"),
    "lsp": ("lsp", "lsp"),
    "rules": ("rules", "list_rules"),
    "serve": ("serve", "serve"),
    "styles": ("rules", "styles"),
    "test": ("test", "test_command"),
}

#: Kept for callers of the old name.
_show_progress = show_progress


class LazyGroup(click.Group):
    #: The command this run resolved (for :func:`.ending.finish`).
    ran: str | None = None

    def main(self, *args, **kwargs):  # type: ignore[no-untyped-def,override]
        _closed_streams()
        # The process's own command line (the console script, python -m copylint), not a caller's
        # (click's test runner passes its arguments).
        own = not args and kwargs.get("args") is None and kwargs.get("standalone_mode", True)
        try:
            try:
                return super().main(*args, **kwargs)
            except OSError as error:
                if not _output_failed(error):
                    raise
                raise SystemExit(EXIT_ERROR) from None
        except SystemExit as stop:
            if own:
                finish(self.ran, stop)
            raise

    def resolve_command(self, ctx: click.Context, args: list[str]):  # type: ignore[no-untyped-def]
        name, command, rest = super().resolve_command(ctx, args)
        self.ran = name
        return name, command, rest

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, attribute = COMMANDS[name]
        return getattr(import_module(f".{module}", __name__), attribute)


#: A write to standard output or error that fails with one of these (a full disk or quota, a file
#: too big, an I/O error) is reported in one line, exit 2.  A closed pipe (``| head``) is not here:
#: Python's own handling of it stays.
_OUTPUT_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO})


def _output_failed(error: OSError) -> bool:
    """Was ``error`` a failed write of the report (no file name: a stream, not a path)?  If so,
    say so in one line and point standard output at ``os.devnull``, so that the text still
    buffered is dropped instead of failing again as the process ends."""
    if error.filename is not None or error.errno not in _OUTPUT_ERRORS:
        return False
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        pass
    click.echo(f"copylint: cannot write the output: {os.strerror(error.errno)}", err=True)
    return True


def _closed_streams() -> None:
    """A standard stream closed by the caller (``copylint check - <&-``,
    ``>&-``) is ``None`` in Python.  Closed standard error: messages are
    dropped.  Closed standard output: nothing can be reported, a one-line
    error and exit 2.  Closed standard input: reading ``-`` is the error
    (exit 2), anything else runs as usual."""

    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - for the whole run
    if sys.stdout is None:
        click.echo("copylint: standard output is closed: nothing can be reported", err=True)
        raise SystemExit(EXIT_ERROR)
    if sys.stdin is None:
        sys.stdin = _ClosedInput()  # type: ignore[assignment]


class _ClosedInput:
    """Stands for a closed standard input: reading it is an ``OSError``."""

    closed = True
    buffer = property(lambda self: self)

    def read(self, *args: object) -> bytes:
        raise OSError(errno.EBADF, "standard input is closed")

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        raise io.UnsupportedOperation("standard input is closed")


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="copylint")
def main() -> None:
    """copylint: a copy-editing linter for news copy."""


__all__ = ["COMMANDS", "EXIT_CLEAN", "EXIT_ERROR", "EXIT_FINDINGS", "EXIT_INTERNAL",
           "PROGRESS_MIN_FILES", "main", "resolve_color", "resolve_format", "show_progress"]
