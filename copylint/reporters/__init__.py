"""Reporters: one module per output format.  Each exposes
``render(report, options) -> str``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from ..api import Report
from . import concise, github, html_report, json_format, sarif, text, vale_line

if TYPE_CHECKING:
    from ..ruleset import RuleSet


@dataclass(frozen=True)
class ReportOptions:
    color: bool = False
    show_context: bool = True
    summary: bool = True
    #: The rules of the run, for formats that describe them (SARIF, HTML).
    rules: "RuleSet | None" = None


Renderer = Callable[[Report, ReportOptions], str]

REPORTERS: dict[str, Renderer] = {
    "text": text.render,
    "json": json_format.render,
    "sarif": sarif.render,
    "github": github.render,
    "concise": concise.render,
    "html": html_report.render,
    "vale-line": vale_line.render,
}

__all__ = ["REPORTERS", "ReportOptions", "Renderer"]
