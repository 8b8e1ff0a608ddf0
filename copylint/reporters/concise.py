"""One line per finding, nothing else, in the ``file:line:col: level: message``
shape that compilers use and editors already parse (Vim's default
``errorformat``, Emacs ``compilation-mode``):

    story.txt:3:136: error: Stray full stop after the end of the sentence: delete ' .'. [punctuation.stray-stop] (fixable)
    story.txt:5:12: suggestion: Use 'Kyiv' instead of 'Kiev'. [places.kyiv] (unsafe fix)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .escape import printable

if TYPE_CHECKING:
    from ..engine.linting import Report
    from . import ReportOptions


#: What the line ends with: nothing without a fix, `` (fixable)`` for a safe
#: fix, `` (unsafe fix)`` for one applied only with ``--unsafe-fixes``.
_FIX_MARK = {None: "", True: " (fixable)", False: " (unsafe fix)"}


def render(report: "Report", options: "ReportOptions") -> str:
    lines = [printable(f"{f.path}:{f.line}:{f.column}: {f.level}: {' '.join(f.message.split())} [{f.rule}]")
             + _FIX_MARK[f.safe_fix if f.fix is not None else None]
             for f in report.findings]
    return "".join(line + "\n" for line in lines)
