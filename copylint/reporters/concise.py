"""One line per finding, nothing else, in the ``file:line:col: level: message``
shape that compilers use and editors already parse (Vim's default
``errorformat``, Emacs ``compilation-mode``):

    story.txt:3:136: error: Stray full stop after the end of the sentence: delete ' .'. [punctuation.stray-stop]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..linting import Report
    from . import ReportOptions


def render(report: "Report", options: "ReportOptions") -> str:
    from .escape import printable

    lines = [printable(f"{f.path}:{f.line}:{f.column}: {f.level}: {' '.join(f.message.split())} [{f.rule}]")
             for f in report.findings]
    return "".join(line + "\n" for line in lines)
