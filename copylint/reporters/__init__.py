"""Reporters: one module per output format.  Each exposes
``render(report, options) -> str``.  A format's module is imported when the
format is used, so a run pays only for the format it prints."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from ..engine.linting import Report
    from ..ruleset import RuleSet


@dataclass(frozen=True)
class ReportOptions:
    color: bool = False
    show_context: bool = True
    summary: bool = True
    #: The rules of the run, for formats that describe them (SARIF, HTML).
    rules: "RuleSet | None" = None
    #: The run applies (or would apply) unsafe fixes too (``--unsafe-fixes``).
    unsafe_fixes: bool = False
    #: Terminal columns to fit the text output to (long messages wrap); None:
    #: not a terminal, lines are cut to a fixed width and never wrapped.
    width: int | None = None


Renderer = Callable[["Report", ReportOptions], str]

#: Format name -> the module (in this package) whose ``render`` prints it.
FORMAT_MODULES = {
    "text": "text",
    "json": "json_format",
    "sarif": "sarif",
    "github": "github",
    "concise": "concise",
    "html": "html_report",
    "vale-line": "vale_line",
}


class _Renderers(Mapping[str, Renderer]):
    """``REPORTERS[name]`` imports the format's module on first use."""

    def __getitem__(self, name: str) -> Renderer:
        return import_module(f".{FORMAT_MODULES[name]}", __name__).render

    def __iter__(self) -> Iterator[str]:
        return iter(FORMAT_MODULES)

    def __len__(self) -> int:
        return len(FORMAT_MODULES)


REPORTERS: Mapping[str, Renderer] = _Renderers()

__all__ = ["FORMAT_MODULES", "REPORTERS", "ReportOptions", "Renderer"]
