"""``--statistics``: how many findings each rule produced, most frequent first
(for triaging a large repository), followed by the usual summary line."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from .text import summary

if TYPE_CHECKING:
    from ..engine.linting import Report
    from . import ReportOptions


def render(report: "Report", options: "ReportOptions") -> str:
    counts = Counter(f.rule for f in report.findings)
    fixable = Counter(f.rule for f in report.findings if f.safe_fix)
    unsafe = Counter(f.rule for f in report.findings if f.fix is not None and not f.safe_fix)
    levels = {f.rule: str(f.level) for f in report.findings}
    width = max((len(rule) for rule in counts), default=0)
    digits = max((len(str(n)) for n in counts.values()), default=1)
    out = []
    for rule, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        line = f"{count:>{digits}}  {rule:<{width}}  {levels[rule]:<10}"
        fixes = ([f"{fixable[rule]} fixable"] if fixable[rule] else []) + \
            ([f"{unsafe[rule]} unsafe fix{'es' if unsafe[rule] != 1 else ''}"] if unsafe[rule] else [])
        if fixes:
            line += "  " + ", ".join(fixes)
        out.append(line.rstrip())
    if options.summary:
        out.append(summary(report, options.unsafe_fixes))
    return "\n".join(out) + ("\n" if out else "")
