"""``copylint check --vale-config .vale.ini`` / ``--vale``: lint with Vale styles."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..errors import CopylintError
from ..findings import Level
from .project import lint, load, render_line
from .runner import UnsupportedFormat, ValeAlert
from .styles import applied


def run_vale(paths: tuple[Path, ...], config_path: Path | None, fmt: str, min_level: str,
             fail_level: str, stdin_filename: str = "-") -> int:
    """Lint ``paths`` with the Vale configuration; returns the exit code.
    ``-`` reads standard input, linted as ``--stdin-filename`` (its
    extension picks the format and the configuration sections; default
    ``stdin.txt``, as Vale's default ``--ext=.txt``)."""
    try:
        config, linter = load(config_path)
    except CopylintError as exc:
        click.echo(f"copylint: {exc}", err=True)
        return 2
    for rule_id, reason in linter.styles.skipped:
        if applied(config, rule_id):
            click.echo(f"copylint: skipped Vale rule {rule_id}: {reason}", err=True)
    for key in sorted(set(config.unsupported)):
        click.echo(f"copylint: {config.path}: '{key}' is not supported and has no effect", err=True)
    report = lint([p for p in paths if str(p) != "-"], linter)
    if any(str(p) == "-" for p in paths):
        shown = "stdin.txt" if stdin_filename == "-" else stdin_filename
        data = sys.stdin.buffer.read().decode("utf-8", errors="replace")
        content = data.replace("\r\n", "\n").replace("\r", "\n")
        try:
            report.alerts.extend(linter.lint_text(content, shown, Path(shown).suffix.lower() or ".txt"))
            report.files += 1
        except UnsupportedFormat as exc:
            report.errors.append(str(exc))
        report.alerts.sort(key=ValeAlert.sort_key)
    minimum = Level.parse(min_level)
    alerts = [a for a in report.alerts if a.level >= minimum]
    for problem in sorted(report.errors + report.skipped):
        click.echo(f"copylint: {problem}", err=True)
    if fmt == "json":
        click.echo(json.dumps({"version": 1, "files": report.files, "failed": len(report.errors),
                               "skipped": len(report.skipped), "findings": [
            {"path": a.path, "line": a.line, "column": a.column, "rule": a.check,
             "level": str(a.level), "message": a.message, "match": a.match} for a in alerts],
            "errors": report.errors}, indent=2, ensure_ascii=False))
    elif fmt == "vale-line":
        click.echo(render_line(alerts), nl=False)
    else:
        for a in alerts:
            click.echo(f"{a.path}:{a.line}:{a.column}: {a.level} {a.check} {a.message}")
        line = f"Found {len(alerts)} alerts in {report.files} file{'s' if report.files != 1 else ''}."
        if report.errors:
            line += f" {len(report.errors)} file{'s' if len(report.errors) != 1 else ''} could not be linted."
        if report.skipped:
            line += f" {len(report.skipped)} file{'s' if len(report.skipped) != 1 else ''} skipped."
        click.echo(line)
    if report.errors:
        return 2
    failing = Level.parse(fail_level)
    return 1 if any(a.level >= failing for a in alerts) else 0
