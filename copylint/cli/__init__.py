"""The command line: a thin layer over :mod:`copylint.api`, one module per
command (check, fix, rules/explain/styles, init, serve) on shared options."""

from __future__ import annotations

import click

from .. import __version__
from .check import check
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
from .fix import fix_command
from .init import init
from .rules import explain, list_rules, styles
from .serve import serve

#: Kept for callers of the old name.
_show_progress = show_progress


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="copylint")
def main() -> None:
    """copylint: a copy-editing linter for news copy."""


for command in (check, fix_command, list_rules, explain, styles, init, serve):
    main.add_command(command)

__all__ = ["EXIT_CLEAN", "EXIT_ERROR", "EXIT_FINDINGS", "EXIT_INTERNAL", "PROGRESS_MIN_FILES",
           "main", "resolve_color", "resolve_format", "show_progress"]
