"""Machine output: one JSON object (schema documented in the README)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from ..version import __version__

if TYPE_CHECKING:
    from ..engine.linting import Report
    from . import ReportOptions

SCHEMA_VERSION = 1


def render(report: "Report", options: "ReportOptions") -> str:
    payload = {
        "version": SCHEMA_VERSION,
        "copylint": __version__,
        "files": report.files,  # linted; failed and skipped ones apart:
        "failed": len(report.failed),
        "skipped": len(report.skipped),
        "findings": [f.to_dict() for f in report.findings],
        "errors": [{"path": getattr(e, "path", None), "message": str(e),
                    "skipped": bool(getattr(e, "skipped", False))} for e in report.errors],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
