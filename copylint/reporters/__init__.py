"""Reporters: one module per output format.  Each exposes
``render(report, options) -> str``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..api import Report
from . import json_format, text, vale_line


@dataclass(frozen=True)
class ReportOptions:
    color: bool = False
    show_context: bool = True
    summary: bool = True


Renderer = Callable[[Report, ReportOptions], str]

REPORTERS: dict[str, Renderer] = {
    "text": text.render,
    "json": json_format.render,
    "vale-line": vale_line.render,
}

__all__ = ["REPORTERS", "ReportOptions", "Renderer"]
