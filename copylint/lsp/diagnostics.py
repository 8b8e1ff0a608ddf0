"""Findings as LSP diagnostics: the range in the client's units, the rule id
as the code with a link to the rule, the level as the severity."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lsprotocol import types

from ..findings import Finding, Level
from ..ruleset import RuleSet
from .positions import LineIndex

SOURCE = "copylint"

SEVERITIES = {
    Level.ERROR: types.DiagnosticSeverity.Error,
    Level.WARNING: types.DiagnosticSeverity.Warning,
    Level.SUGGESTION: types.DiagnosticSeverity.Information,
}


def lsp_range(index: LineIndex, start: int, end: int, encoding: str) -> types.Range:
    """The LSP range of code-point offsets ``start``-``end`` of ``index``'s text."""
    line, character = index.position(start, encoding)
    end_line, end_character = index.position(end, encoding)
    return types.Range(types.Position(line, character), types.Position(end_line, end_character))


def rule_link(rule_id: str, rules: RuleSet | None) -> str | None:
    """Where the rule is documented: its ``link``, else its definition in its
    YAML file (description, source and examples), as a ``file:`` URI at the line."""
    rule = rules.by_id.get(rule_id) if rules is not None else None
    if rule is None:
        return None
    if rule.link:
        return rule.link
    path = Path(rule.path)
    if not path.is_absolute() or not path.exists():
        return None
    return path.as_uri() + (f"#L{rule.line}" if rule.line else "")


def to_diagnostic(finding: Finding, index: LineIndex, shift: int, encoding: str,
                  rules: RuleSet | None, links: dict[str, str | None]) -> dict[str, Any]:
    """The diagnostic for ``finding`` as the JSON the protocol sends (built
    directly: a story with hundreds of findings is published on every pause
    in typing).  ``shift`` is 1 when the client's text starts with a byte
    order mark (copylint's offsets count from after it); ``links`` caches
    rule links."""
    if finding.rule not in links:
        links[finding.rule] = finding.link or rule_link(finding.rule, rules)
    link = links[finding.rule]
    line, character = index.position(finding.offset + shift, encoding)
    end_line, end_character = index.position(finding.end_offset + shift, encoding)
    diagnostic: dict[str, Any] = {
        "range": {"start": {"line": line, "character": character},
                  "end": {"line": end_line, "character": end_character}},
        "severity": SEVERITIES[finding.level].value,
        "code": finding.rule,
        "source": SOURCE,
        "message": finding.message,
    }
    if link:
        diagnostic["codeDescription"] = {"href": link}
    if finding.fix is not None:
        diagnostic["data"] = {"fix": finding.fix, "applicability": str(finding.applicability)}
    return diagnostic
