"""Vale mode in the editor: with the client setting ``vale: true`` a
workspace folder is linted with the Vale styles of the nearest ``.vale.ini``
(searched from the folder up, as ``copylint check --vale`` run there
searches), instead of copylint's rules.  Vale's alerts become findings so
that diagnostics and hovers work alike; Vale rules carry no fixes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import CopylintError
from ..findings import Finding
from ..vale.project import load
from ..vale.runner import UnsupportedFormat, ValeLinter
from .positions import LineIndex

#: copylint format -> the extension Vale's sections and scopes go by, for a
#: document whose name has none (an unsaved buffer).
EXTENSIONS = {"markdown": ".md", "html": ".html", "text": ".txt"}


@dataclass
class ValeSetup:
    linter: ValeLinter
    root: Path


def load_vale(start: Path | None) -> ValeSetup:
    """The Vale linter of the nearest Vale configuration (raises a
    :class:`~copylint.errors.CopylintError` naming the problem)."""
    config, linter = load(None, start=start or Path.cwd())
    return ValeSetup(linter, Path(config.path).parent)


def vale_findings(setup: ValeSetup, body: str, path: Path | None, fmt: str) -> list[Finding]:
    """Vale's alerts for ``body`` (BOM removed) as findings with offsets in it."""
    if path is not None:
        try:
            shown = path.resolve().relative_to(setup.root.resolve()).as_posix()
        except ValueError:
            shown = path.name
        ext = path.suffix.lower() or EXTENSIONS[fmt]
    else:
        ext = EXTENSIONS[fmt]
        shown = "untitled" + ext
    # Vale reads the text with every line break as "\n": columns count code
    # points within a line, and the lines are the protocol's own
    content = body.replace("\r\n", "\n").replace("\r", "\n")
    try:
        alerts = setup.linter.lint_text(content, shown, ext)
    except UnsupportedFormat as exc:
        raise CopylintError(str(exc)) from None
    index = LineIndex.of(body)
    findings = []
    for alert in alerts:
        line = min(max(alert.line - 1, 0), len(index.starts) - 1)
        start = min(index.starts[line] + alert.column - 1, index.line_end(line))
        end = min(start + len(alert.match), len(body))
        end_line = index.line_of(end)
        findings.append(Finding(
            rule=alert.check, level=alert.level, message=alert.message, offset=start,
            end_offset=end, line=line + 1, column=start - index.starts[line] + 1,
            end_line=end_line + 1, end_column=end - index.starts[end_line] + 1,
            match=body[start:end], path=str(path or shown)))
    return findings
