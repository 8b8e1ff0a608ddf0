"""One self-contained HTML file a CI job can keep as an artifact: totals, bar
charts of findings by rule and by file (inline SVG), and every finding with
its line, the match highlighted, and the fix or suggestion.  No scripts, no
external stylesheets, fonts or images; every piece of user text is escaped."""

from __future__ import annotations

from collections import Counter
from html import escape
from typing import TYPE_CHECKING

from ..findings import Finding, Level
from ..version import __version__

if TYPE_CHECKING:
    from ..engine.linting import Report
    from . import ReportOptions

CHART_ROWS = 15
_CONTEXT = 60
_COLORS = {Level.ERROR: "#c62828", Level.WARNING: "#b26a00", Level.SUGGESTION: "#1565c0"}

_CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1b1b1b;background:#fff}
h1{font-size:1.6rem;margin:0 0 .5rem}h2{font-size:1.2rem;margin:2rem 0 .5rem}h3{font-size:1rem;margin:1.5rem 0 .3rem;font-family:ui-monospace,monospace}
.totals{display:flex;flex-wrap:wrap;gap:.75rem;margin:1rem 0;padding:0;list-style:none}
.totals li{border:1px solid #ccc;border-radius:6px;padding:.4rem .8rem}.totals b{font-size:1.3rem;display:block}
.charts{display:flex;flex-wrap:wrap;gap:2rem}.charts figure{margin:0}figcaption{font-weight:600;margin-bottom:.3rem}
table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid #e3e3e3}
td.pos{font-family:ui-monospace,monospace;white-space:nowrap}.ctx{font-family:ui-monospace,monospace;white-space:pre-wrap;word-break:break-word}
mark{background:#ffe082;color:inherit;border-radius:2px}.lvl{font-weight:600}
.error{color:#c62828}.warning{color:#b26a00}.suggestion{color:#1565c0}.fix{color:#2e7d32}.fix.unsafe,.unsafe{color:#8e24aa}.problems{color:#c62828}
@media (prefers-color-scheme:dark){body{background:#161616;color:#e6e6e6}.totals li{border-color:#444}th,td{border-color:#333}mark{background:#6d5200}svg text{fill:#e6e6e6}}
"""


def render(report: "Report", options: "ReportOptions") -> str:
    counts = Counter(f.level for f in report.findings)
    fixable = sum(1 for f in report.findings if f.can_fix(options.unsafe_fixes))
    hidden = sum(1 for f in report.findings if f.fix is not None and not f.can_fix(options.unsafe_fixes))
    by_file: dict[str, list[Finding]] = {}
    for f in report.findings:
        by_file.setdefault(f.path, []).append(f)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>copylint report</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>copylint report</h1><p>copylint {escape(__version__)}</p>",
        '<ul class="totals">',
        _total("files linted", report.files),
        _total("findings", len(report.findings)),
        *(_total(f"{lv}s", counts[lv], str(lv)) for lv in (Level.ERROR, Level.WARNING, Level.SUGGESTION)),
        _total("fixable with --fix", fixable, "fix"),
        *([_total("more with --unsafe-fixes", hidden, "unsafe")] if hidden else []),
        *([_total("files not linted", len(report.errors), "problems")] if report.errors else []),
        "</ul>",
    ]
    if report.errors:
        parts.append("<h2>Files that could not be linted</h2><ul>")
        parts.extend(f"<li>{escape(str(e))}</li>" for e in report.errors)
        parts.append("</ul>")
    if not report.findings:
        parts.append("<p>No problems found.</p>")
    else:
        rule_counts = Counter(f.rule for f in report.findings)
        file_counts = Counter(f.path for f in report.findings)
        parts.append('<h2>Overview</h2><div class="charts">')
        parts.append(bar_chart("Findings by rule", rule_counts))
        parts.append(bar_chart("Findings by file", file_counts))
        parts.append("</div><h2>Findings</h2>")
        for path, findings in by_file.items():
            parts.append(f"<h3>{escape(path)} ({len(findings)})</h3>")
            parts.append("<table><thead><tr><th>line:col</th><th>level</th><th>rule</th>"
                         "<th>message, context and fix</th></tr></thead><tbody>")
            parts.extend(_row(f) for f in findings)
            parts.append("</tbody></table>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _total(label: str, value: int, css: str = "") -> str:
    cls = f' class="{css}"' if css else ""
    return f"<li{cls}><b>{value}</b>{escape(label)}</li>"


def bar_chart(title: str, counts: Counter[str]) -> str:
    """A horizontal bar chart as inline SVG: the ``CHART_ROWS`` largest counts,
    the rest summed into one "other" bar."""
    items = counts.most_common()
    if len(items) > CHART_ROWS:
        rest = sum(n for _, n in items[CHART_ROWS - 1:])
        items = items[:CHART_ROWS - 1] + [(f"({len(counts) - CHART_ROWS + 1} others)", rest)]
    label_width, bar_width, row = 300, 220, 22
    peak = max(n for _, n in items)
    height = row * len(items) + 4
    rows = []
    for i, (label, n) in enumerate(items):
        y = i * row + 2
        width = max(2, round(bar_width * n / peak))
        shown = label if len(label) <= 42 else "…" + label[-41:]
        rows.append(
            f'<text x="{label_width - 6}" y="{y + 15}" text-anchor="end" font-size="12">'
            f"<title>{escape(label)}</title>{escape(shown)}</text>"
            f'<rect x="{label_width}" y="{y + 3}" width="{width}" height="{row - 6}" fill="#5c6bc0"/>'
            f'<text x="{label_width + width + 4}" y="{y + 15}" font-size="12">{n}</text>')
    total_width = label_width + bar_width + 40
    return (f"<figure><figcaption>{escape(title)}</figcaption>"
            f'<svg role="img" width="{total_width}" height="{height}" '
            f'viewBox="0 0 {total_width} {height}" aria-label="{escape(title)}">'
            + "".join(rows) + "</svg></figure>")


def _row(f: Finding) -> str:
    rule = escape(f.rule)
    if f.link and f.link.startswith(("https://", "http://")):
        rule = f'<a href="{escape(f.link)}">{rule}</a>'
    cells = [f"<div>{escape(f.message)}</div>"]
    if f.context:
        cells.append(f'<div class="ctx">{_context(f)}</div>')
    if f.fix is not None:
        fix = f"delete {f.match!r}" if f.fix == "" else f"{f.match!r} → {f.fix!r}"
        if f.safe_fix:
            cells.append(f'<div class="fix">fix: {escape(fix)}</div>')
        else:
            cells.append(f'<div class="fix unsafe" title="applied only with --unsafe-fixes">'
                         f'unsafe fix: {escape(fix)}</div>')
    elif f.suggestion:
        cells.append(f"<div>suggestion: {escape(f.suggestion)}</div>")
    return (f'<tr><td class="pos">{f.line}:{f.column}</td>'
            f'<td class="lvl {f.level}">{f.level}</td><td>{rule}</td><td>{"".join(cells)}</td></tr>')


def _context(f: Finding) -> str:
    line = f.context
    start = f.column - 1
    end = f.end_column - 1 if f.end_line == f.line else len(line)
    left = max(0, start - _CONTEXT)
    right = min(len(line), end + _CONTEXT)
    before = ("…" if left else "") + line[left:start]
    after = line[end:right] + ("…" if right < len(line) else "")
    return f"{escape(before)}<mark>{escape(line[start:end])}</mark>{escape(after)}"
