"""SARIF 2.1.0, for code-scanning dashboards (GitHub code scanning, Azure
DevOps, IDE viewers).  Columns are counted in Unicode code points, as copylint
counts them, and the run says so (``columnKind``)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from ..findings import Finding, Level
from ..version import __version__
from .paths import relative_posix

if TYPE_CHECKING:
    from ..engine.linting import Report
    from ..ruleset import Rule
    from . import ReportOptions

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
_FIRST_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
SARIF_LEVELS = {Level.ERROR: "error", Level.WARNING: "warning", Level.SUGGESTION: "note"}


def artifact_uri(path: str) -> dict[str, str]:
    """An ``artifactLocation``: relative paths against ``%SRCROOT%`` (the
    checkout), absolute ones as ``file://`` URIs."""
    rel = relative_posix(path)
    if Path(rel).is_absolute():
        return {"uri": Path(rel).as_uri()}
    # the exact bytes of the name, percent-encoded (an undecodable byte too)
    return {"uri": quote(rel.encode("utf-8", "surrogateescape")), "uriBaseId": "%SRCROOT%"}


def _region(f: Finding) -> dict[str, int]:
    return {"startLine": f.line, "startColumn": f.column,
            "endLine": f.end_line, "endColumn": f.end_column,
            "charOffset": f.offset, "charLength": f.end_offset - f.offset}


def _rule_descriptor(rule_id: str, rule: "Rule | None", link: str | None) -> dict[str, object]:
    descriptor: dict[str, object] = {"id": rule_id}
    if rule is None:
        if link:
            descriptor["helpUri"] = link
        return descriptor
    description = " ".join(rule.description.split())
    first = _FIRST_SENTENCE.split(description, maxsplit=1)[0]
    descriptor["shortDescription"] = {"text": first}
    descriptor["fullDescription"] = {"text": description}
    help_uri = rule.link or _first_url(rule.source)
    if help_uri:
        descriptor["helpUri"] = help_uri
    descriptor["defaultConfiguration"] = {"level": SARIF_LEVELS[rule.level]}
    properties: dict[str, object] = {"kind": rule.kind, "tags": [rule.kind, str(rule.level)]}
    if rule.source:
        properties["source"] = rule.source
    descriptor["properties"] = properties
    return descriptor


def _first_url(source: str | None) -> str | None:
    for part in (source or "").replace(";", " ").split():
        if part.startswith(("https://", "http://")):
            return part
    return None


def _result(f: Finding, rule_index: int) -> dict[str, object]:
    location = {"physicalLocation": {"artifactLocation": artifact_uri(f.path), "region": _region(f)}}
    result: dict[str, object] = {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": SARIF_LEVELS[f.level],
        "message": {"text": f.message},
        "locations": [location],
    }
    if f.fix is not None:
        text = f"Delete {f.match!r}" if f.fix == "" else f"Replace {f.match!r} with {f.fix!r}"
        if not f.safe_fix:
            text += " (unsafe: review before applying; copylint applies it only with --unsafe-fixes)"
        result["fixes"] = [{
            "description": {"text": text},
            # SARIF 2.1.0 has no field for a fix's safety: the property bag says it
            "properties": {"applicability": str(f.applicability)},
            "artifactChanges": [{
                "artifactLocation": artifact_uri(f.path),
                "replacements": [{"deletedRegion": _region(f), "insertedContent": {"text": f.fix}}],
            }],
        }]
    if f.suggestion is not None:
        result["properties"] = {"suggestion": f.suggestion, "match": f.match}
    return result


def render(report: "Report", options: "ReportOptions") -> str:
    rules = options.rules
    ids = sorted({f.rule for f in report.findings})
    links = {f.rule: f.link for f in report.findings}
    index = {rule_id: i for i, rule_id in enumerate(ids)}
    descriptors = [_rule_descriptor(i, rules.by_id.get(i) if rules else None, links.get(i)) for i in ids]
    notifications = [{
        "level": "error",
        "message": {"text": str(e)},
        **({"locations": [{"physicalLocation": {"artifactLocation": artifact_uri(e.path)}}]}
           if getattr(e, "path", None) else {}),
    } for e in report.errors]
    run = {
        "tool": {"driver": {
            "name": "copylint",
            "version": __version__,
            "semanticVersion": __version__,
            "rules": descriptors,
        }},
        "invocations": [{
            "executionSuccessful": not report.errors,
            "toolExecutionNotifications": notifications,
        }],
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, index[f.rule]) for f in report.findings],
    }
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
