"""Human output: ``path:line:col: level rule-id message``, the line with a
caret under the match, the suggestion, and a summary."""

from __future__ import annotations

import unicodedata
from collections import Counter
from typing import TYPE_CHECKING

import click

from ..findings import Finding, Level

if TYPE_CHECKING:
    from ..linting import Report
    from . import ReportOptions

LEVEL_COLORS = {Level.ERROR: "red", Level.WARNING: "yellow", Level.SUGGESTION: "cyan"}
_CONTEXT_WIDTH = 100


def headline(f: Finding) -> str:
    return f"{f.path}:{f.line}:{f.column}: {f.level} {f.rule} {f.message}"


def render(report: "Report", options: "ReportOptions") -> str:
    out: list[str] = []
    for f in report.findings:
        level = click.style(str(f.level), fg=LEVEL_COLORS[f.level], bold=True) if options.color else str(f.level)
        rule = click.style(f.rule, dim=True) if options.color else f.rule
        out.append(f"{f.path}:{f.line}:{f.column}: {level} {rule} {f.message}")
        if options.show_context and f.end_offset > f.offset:
            out.extend(_context(f.context, f, options.color))
    if options.summary:
        out.append(summary(report, options.unsafe_fixes))
    return "\n".join(out) + ("\n" if out else "")


def _context(line: str, f: Finding, color: bool) -> list[str]:
    start = f.column - 1
    end = f.end_column - 1 if f.end_line == f.line else len(line)
    end = max(end, start + 1)
    left = max(0, start - _CONTEXT_WIDTH // 2)
    right = min(len(line), max(end, left + _CONTEXT_WIDTH))
    shown = line[left:right].replace("\t", " ")
    prefix = "…" if left else ""
    suffix = "…" if right < len(line) else ""
    caret = " " * display_width(prefix + shown[: start - left]) + "^" * max(
        1, display_width(shown[start - left: min(end, right) - left]))
    if color:
        caret = click.style(caret, fg=LEVEL_COLORS[f.level], bold=True)
    rows = [f"    {prefix}{shown}{suffix}", f"    {caret}"]
    if f.fix is not None:
        rows.append(f"    {fix_label(f)}: delete {f.match!r}" if f.fix == "" else
                    f"    {fix_label(f)}: {f.match!r} -> {f.fix!r}")
    elif f.suggestion:
        rows.append(f"    suggestion: {f.suggestion}")
    return rows


def fix_label(f: Finding) -> str:
    """``fix`` for a safe fix, ``fix (unsafe)`` for one that needs ``--unsafe-fixes``."""
    return "fix" if f.safe_fix else "fix (unsafe)"


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes: wide (East Asian, most emoji) characters
    take two, combining marks and zero-width characters none, so the caret
    lines up under the match however the line is written."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def fix_counts(report: "Report", unsafe_fixes: bool = False) -> tuple[int, int]:
    """(findings a fix run would fix, findings whose fix needs ``--unsafe-fixes``
    and that it would not): with ``unsafe_fixes`` every fix counts as fixable."""
    fixable = sum(1 for f in report.findings if f.can_fix(unsafe_fixes))
    hidden = sum(1 for f in report.findings if f.fix is not None and not f.can_fix(unsafe_fixes))
    return fixable, hidden


def fixable_note(fixable: int, hidden: int) -> str:
    """``3 fixable with --fix; 2 hidden fixes can be enabled with --unsafe-fixes``
    (empty when there is nothing to fix)."""
    notes = []
    if fixable:
        notes.append(f"{fixable} fixable with --fix")
    if hidden:
        notes.append(f"{hidden} hidden fix{'es' if hidden != 1 else ''} can be enabled with --unsafe-fixes")
    return "; ".join(notes)


def summary(report: "Report", unsafe_fixes: bool = False) -> str:
    counts = Counter(f.level for f in report.findings)
    note = fixable_note(*fix_counts(report, unsafe_fixes))
    # linted, failed and skipped files are counted apart (report.files: linted only)
    files = f"{report.files} file{'s' if report.files != 1 else ''}"
    if not report.findings and not report.files:
        text = "Nothing linted."
    elif not report.findings:
        text = f"No problems found in {files}."
    else:
        parts = [f"{counts[lv]} {lv}{'s' if counts[lv] != 1 else ''}" for lv in
                 (Level.ERROR, Level.WARNING, Level.SUGGESTION) if counts[lv]]
        text = f"Found {', '.join(parts)} in {files}"
        text += f" ({note})." if note else "."
    failed, skipped = len(report.failed), len(report.skipped)
    if failed:
        text += f" {failed} file{'s' if failed != 1 else ''} could not be linted."
    if skipped:
        text += f" {skipped} file{'s' if skipped != 1 else ''} skipped."
    return text
