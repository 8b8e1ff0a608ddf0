"""Human output: ``path:line:col: level rule-id message``, the line with a
caret under the match, the suggestion, and a summary."""

from __future__ import annotations

import unicodedata
from collections import Counter
from typing import TYPE_CHECKING

import click

from ..findings import Finding, Level
from .escape import printable

if TYPE_CHECKING:
    from ..engine.linting import Report
    from . import ReportOptions

LEVEL_COLORS = {Level.ERROR: "red", Level.WARNING: "yellow", Level.SUGGESTION: "cyan"}
#: Columns of the output when the caller gives no width (not a terminal, no COLUMNS).
DEFAULT_WIDTH = 100
#: Characters of context shown when the output is not a terminal (nor COLUMNS set).
PIPE_CONTEXT = 100
#: Indent of the context, caret and fix rows; of a wrapped message's further lines.
_INDENT, _HANGING = "    ", "  "
#: Never lay the output out narrower than this, however narrow the terminal.
_MIN_WIDTH = 40


def headline(f: Finding) -> str:
    return printable(f"{f.path}:{f.line}:{f.column}: {f.level} {f.rule} {f.message}")


def render(report: "Report", options: "ReportOptions") -> str:
    out: list[str] = []
    width = max(options.width or DEFAULT_WIDTH, _MIN_WIDTH)
    wrap = options.width is not None
    for f in report.findings:
        out.extend(_headline(f, options.color, width if wrap else None))
        if options.show_context and f.end_offset > f.offset:
            out.extend(_context(f.context, f, options.color, width, wrap))
    if options.summary:
        out.append(summary(report, options.unsafe_fixes))
    return "\n".join(out) + ("\n" if out else "")


def _headline(f: Finding, color: bool, width: int | None) -> list[str]:
    """``path:line:col: level rule message``; with a ``width``, a message too
    long for it goes on under the line with a hanging indent."""
    path, message = printable(f.path), printable(f.message)  # no raw control characters
    head = f"{path}:{f.line}:{f.column}: {f.level} {f.rule}"
    lines = [f"{head} {message}"]
    if width is not None and display_width(lines[0]) > width:
        lines = wrap(message, width, head + " ", _HANGING)
    if color:
        level = click.style(str(f.level), fg=LEVEL_COLORS[f.level], bold=True)
        rule = click.style(f.rule, dim=True)
        lines[0] = f"{path}:{f.line}:{f.column}: {level} {rule}" + lines[0][len(head):]
    return lines


def wrap(text: str, width: int, first: str, then: str) -> list[str]:
    """``text`` in lines of at most ``width`` terminal columns (wide characters
    count two), broken at spaces: the first line starts with ``first``, the
    others with ``then``.  A word longer than a line is left whole."""
    lines: list[str] = []
    line, used = first.rstrip(" ") if not text else first, display_width(first)
    for word in text.split(" "):
        if not word:
            continue
        w = display_width(word)
        fresh = line in (first, then)
        if not fresh and used + 1 + w > width:
            lines.append(line)
            line, used, fresh = then, display_width(then), True
        line, used = (line + word, used + w) if fresh else (f"{line} {word}", used + 1 + w)
    lines.append(line)
    return lines


def _clusters(text: str) -> list[tuple[int, int, int]]:
    """``(start, end, columns)`` of each character with the combining and
    zero-width characters that follow it, so that a cut never separates them."""
    clusters: list[tuple[int, int, int]] = []
    for i, ch in enumerate(text):
        w = display_width(ch)
        if w == 0 and clusters:
            a, _, cw = clusters[-1]
            clusters[-1] = (a, i + 1, cw)
        else:
            clusters.append((i, i + 1, w))
    return clusters


def fit_window(line: str, start: int, end: int, columns: int) -> tuple[int, int]:
    """The characters ``line[left:right]`` to show in ``columns`` terminal
    columns (an ellipsis, one column, marks each cut end): the match
    ``line[start:end]`` with as much context as fits on either side, centred
    where the line allows.  A match too long to fit is shown from its start.
    Only a stretch of a few widths around the match is measured, so a very long
    line costs no more than a short one."""
    reach = 4 * columns
    lo_char, hi_char = max(0, start - reach), min(len(line), max(end, start + 1) + reach)
    if lo_char or hi_char < len(line):
        while lo_char and display_width(line[lo_char]) == 0:  # do not start on a combining mark
            lo_char -= 1
        left, right = fit_window(line[lo_char:hi_char], start - lo_char, min(end, start + reach) - lo_char,
                                 columns)
        return left + lo_char, right + lo_char
    if display_width(line) <= columns:
        return 0, len(line)
    clusters = _clusters(line)
    first = next((k for k, (a, b, _) in enumerate(clusters) if b > start), len(clusters) - 1)
    last = next((k for k, (a, b, _) in enumerate(clusters) if b >= end), len(clusters) - 1)
    last = max(last, first)
    lo, hi = first, last + 1  # clusters shown: clusters[lo:hi]
    budget = columns - 2 - sum(w for _, _, w in clusters[lo:hi])  # room left beside both ellipses
    if budget < 0:  # the match alone is too wide: show its start
        lo, hi, used = first, first, 0
        while hi < len(clusters) and used + clusters[hi][2] <= columns - 2:
            used += clusters[hi][2]
            hi += 1
        return clusters[lo][0], clusters[max(hi, lo + 1) - 1][1]
    left_budget = budget // 2
    while lo > 0 and clusters[lo - 1][2] <= left_budget:
        lo -= 1
        left_budget -= clusters[lo][2]
        budget -= clusters[lo][2]
    while hi < len(clusters) and clusters[hi][2] <= budget:
        budget -= clusters[hi][2]
        hi += 1
    while lo > 0 and clusters[lo - 1][2] <= budget:  # the line ended on the right: more on the left
        lo -= 1
        budget -= clusters[lo][2]
    return clusters[lo][0], clusters[hi - 1][1]


def _context(line: str, f: Finding, color: bool, width: int = DEFAULT_WIDTH,
             wrap: bool = False) -> list[str]:
    """The line of the finding cut around the match to ``width`` columns, the
    caret under the match, and the fix or suggestion."""
    line = line.replace("\t", " ")
    start = min(f.column - 1, len(line))
    end = f.end_column - 1 if f.end_line == f.line else len(line)
    end = min(max(end, start + 1), max(len(line), start + 1))
    if wrap:
        left, right = fit_window(line, start, end, width - len(_INDENT))
    else:  # not a terminal: a fixed window of characters, the same on every machine
        left = max(0, start - PIPE_CONTEXT // 2)
        right = min(len(line), max(end, left + PIPE_CONTEXT))
    prefix = "…" if left else ""
    suffix = "…" if right < len(line) else ""
    # escaped piece by piece, so that the caret stays under the match
    before = printable(line[left:start])
    inside = printable(line[start:min(end, right)])
    shown = before + inside + printable(line[min(end, right):right])
    caret = " " * display_width(prefix + before) + "^" * max(1, display_width(inside))
    if color:
        caret = click.style(caret, fg=LEVEL_COLORS[f.level], bold=True)
    rows = [f"{_INDENT}{prefix}{shown}{suffix}", f"{_INDENT}{caret}"]
    if f.fix is not None:
        note = (f"{fix_label(f)}: delete {f.match!r}" if f.fix == "" else
                f"{fix_label(f)}: {f.match!r} -> {f.fix!r}")
    elif f.suggestion:
        note = f"suggestion: {printable(f.suggestion)}"
    else:
        return rows
    if wrap and len(_INDENT) + display_width(note) > width:
        rows.extend(wrap(note, width, _INDENT, _INDENT + _HANGING))
    else:
        rows.append(_INDENT + note)
    return rows


def fix_label(f: Finding) -> str:
    """``fix`` for a safe fix, ``fix (unsafe)`` for one that needs ``--unsafe-fixes``."""
    return "fix" if f.safe_fix else "fix (unsafe)"


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes: wide (East Asian, most emoji) characters
    take two, combining marks and zero-width characters none, so the caret
    lines up under the match however the line is written.  Every ASCII
    character takes one column, so only the distinct other characters are
    measured (:func:`display_width_by_character` measures each)."""
    width = len(text)
    if text.isascii():
        return width
    for ch in set(text):
        if ch > "\x7f":
            extra = _char_width(ch) - 1
            if extra:
                width += extra * text.count(ch)
    return width


def _char_width(ch: str) -> int:
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width_by_character(text: str) -> int:
    """:func:`display_width`, character by character (the plain path)."""
    return sum(_char_width(ch) for ch in text)


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
