"""GitHub Actions workflow commands: ``::error file=…,line=…,col=…::message``,
one per finding, so that findings annotate the pull request.  Used by default
when ``GITHUB_ACTIONS=true`` and no ``--format`` is given."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..findings import Level
from .paths import relative_posix
from .text import summary

if TYPE_CHECKING:
    from ..engine.linting import Report
    from . import ReportOptions

COMMANDS = {Level.ERROR: "error", Level.WARNING: "warning", Level.SUGGESTION: "notice"}


def escape_data(value: str) -> str:
    """Escape a command's message (GitHub's ``escapeData``)."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a property value (GitHub's ``escapeProperty``)."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **properties: object) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items()
                     if value is not None)
    return f"::{name} {props}::{escape_data(message)}" if props else f"::{name}::{escape_data(message)}"


def render(report: "Report", options: "ReportOptions") -> str:
    out: list[str] = []
    for f in report.findings:
        message = f.message
        if f.fix is not None:
            label = "fix" if f.safe_fix else "unsafe fix"
            message += f" ({label}: delete {f.match!r})" if f.fix == "" else f" ({label}: {f.fix!r})"
        out.append(command(
            COMMANDS[f.level], message,
            file=relative_posix(f.path), line=f.line, col=f.column,
            endLine=f.end_line if f.end_line != f.line else None,
            title=f"copylint {f.rule}"))
    for error in report.errors:  # a skipped file is a note, not a failure of the workflow
        path = getattr(error, "path", None)
        out.append(command("warning" if getattr(error, "skipped", False) else "error", str(error),
                           file=relative_posix(path) if path else None, title="copylint"))
    if options.summary:
        out.append(summary(report, options.unsafe_fixes))
    return "\n".join(out) + "\n"
