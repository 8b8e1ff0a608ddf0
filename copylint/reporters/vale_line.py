"""``--format vale-line``: one line per finding, ``path:line:col:rule:message``,
sorted by path, line and column; a line break in a message becomes a
space, other white space is kept as Vale keeps it — the shape of ``vale --output=line --sort
--normalize --relative``, so results compare line for line with Vale's."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..engine.linting import Report


def render(report: "Report", options: object) -> str:
    rows = sorted(report.findings, key=lambda f: (f.path.replace("\\", "/"), f.line, f.column, f.rule))
    return "".join(f"{f.path.replace(chr(92), '/')}:{f.line}:{f.column}:{f.rule}:{' '.join(f.message.splitlines())}\n"
                   for f in rows)
