"""The JSON API, independent of HTTP: a parsed request body in, a response
object out, or an :class:`ApiError` carrying the status and a one-line message.

Offsets in responses are given twice: ``offset``/``end_offset`` count Unicode
code points (Python ``str`` indices), ``offset16``/``end_offset16`` count UTF-16
code units (JavaScript string indices, what a browser's ``textarea`` uses).
Both index the submitted ``text`` exactly as sent (a leading BOM included).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace
from typing import Any, Mapping

from ..fixes.files import fixing_rules
from ..errors import CopylintError
from ..findings import LEVEL_NAMES, Finding, Level
from ..fixes.apply import apply_fixes, fix_text
from ..formats import FORMATS, format_for, make_document
from ..engine.linting import engine_for
from ..ruleset import RuleSet
from ..version import __version__
from .styles import StyleBook

API_VERSION = 1
#: At most this many findings (and applied fixes) are listed in one response;
#: ``total``/``truncated`` say how many there were.  A 1 MiB text can hold
#: hundreds of thousands of findings: listed in full, hundreds of megabytes.
MAX_FINDINGS = 1000
_FIELDS = {
    "lint": {"text", "format", "style", "path", "min_level"},
    "fix": {"text", "format", "style", "path", "ids", "unsafe"},
}


class ApiError(Exception):
    """A request the API refuses: HTTP ``status`` and a message for the caller."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class Request:
    text: str
    fmt: str
    style: str
    path: str
    rules: RuleSet
    inline_config: bool = True


class Utf16Index:
    """Converts code-point offsets of one text to UTF-16 code-unit offsets."""

    def __init__(self, text: str):
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]

    def __call__(self, offset: int) -> int:
        return offset + bisect.bisect_left(self._astral, offset)


def finding_id(finding: Finding, bom: int = 0) -> str:
    """A finding's id: stable for the same text, so a client can send it back."""
    return f"{finding.rule}@{finding.offset + bom}-{finding.end_offset + bom}"


def _identified(findings: list[Finding], bom: int) -> list[tuple[str, Finding]]:
    seen: dict[str, int] = {}
    out = []
    for f in findings:
        base = finding_id(f, bom)
        seen[base] = seen.get(base, 0) + 1
        out.append((base if seen[base] == 1 else f"{base}#{seen[base]}", f))
    return out


def _finding_json(fid: str, f: Finding, bom: int, utf16: Utf16Index) -> dict[str, Any]:
    start, end = f.offset + bom, f.end_offset + bom
    data = f.to_dict()
    del data["path"]
    data.update(id=fid, offset=start, end_offset=end, offset16=utf16(start),
                end_offset16=utf16(end), fixable=f.fixable, link=f.link)
    return data


def _counts(findings: list[Finding]) -> dict[str, int]:
    counts = {name: 0 for name in LEVEL_NAMES}
    for f in findings:
        counts[str(f.level)] += 1
    return counts


def _summary(text: str, findings: list[Finding], req: Request) -> dict[str, Any]:
    bom = 1 if text.startswith("\ufeff") else 0
    utf16 = Utf16Index(text)
    listed = _identified(findings, bom)[:MAX_FINDINGS]
    return {
        "version": API_VERSION,
        "copylint": __version__,
        "style": req.style,
        "format": req.fmt,
        "counts": _counts(findings),
        # what "apply all" applies; fixes that need an editor are counted apart
        "fixable": sum(f.safe_fix for f in findings),
        "unsafe_fixable": sum(f.fixable and not f.safe_fix for f in findings),
        "total": len(findings),
        "truncated": len(findings) > len(listed),
        "findings": [_finding_json(fid, f, bom, utf16) for fid, f in listed],
    }


def _parse(body: Any, endpoint: str, styles: StyleBook) -> Request:
    if not isinstance(body, dict):
        raise ApiError(400, "the request body must be a JSON object")
    unknown = sorted(set(body) - _FIELDS[endpoint])
    if unknown:
        raise ApiError(400, f"unknown field {unknown[0]!r} (expected: "
                            f"{', '.join(sorted(_FIELDS[endpoint]))})")
    text = body.get("text")
    if not isinstance(text, str):
        raise ApiError(400, "field 'text' is required and must be a string")
    path = _optional_str(body, "path") or "<text>"
    fmt = _optional_str(body, "format") or format_for(path, text)
    if fmt not in FORMATS:
        raise ApiError(400, f"unknown format {fmt!r} (expected one of: {', '.join(FORMATS)})")
    style = _optional_str(body, "style") or styles.default
    try:
        rules = styles.rules_for(style, path)  # the configuration's per-path-ignores too
    except CopylintError as exc:
        raise ApiError(400, str(exc)) from None
    return Request(text, fmt, style, path, rules, styles.inline_config)


def _optional_str(body: Mapping[str, Any], name: str) -> str | None:
    value = body.get(name)
    if value is not None and not isinstance(value, str):
        raise ApiError(400, f"field {name!r} must be a string")
    return value


def _lint(req: Request, text: str | None = None) -> list[Finding]:
    text = req.text if text is None else text
    return engine_for(req.rules).lint(make_document(text, path=req.path, fmt=req.fmt,
                                               inline_config=req.inline_config))


def lint(body: Any, styles: StyleBook) -> dict[str, Any]:
    """``POST /api/lint``: every finding in ``text``."""
    req = _parse(body, "lint", styles)
    level = _optional_str(body, "min_level")
    try:
        minimum = Level.parse(level) if level else styles.min_level
    except ValueError as exc:
        raise ApiError(400, f"field 'min_level': {exc}") from None
    findings = [f for f in _lint(req) if f.level >= minimum]
    return _summary(req.text, findings, req)


def fix(body: Any, styles: StyleBook) -> dict[str, Any]:
    """``POST /api/fix``: apply every safe fix (no ``ids``: repeatedly, until
    none is left) or only the findings named in ``ids`` (once).  Unsafe fixes
    are applied only when the request says ``"unsafe": true``.  Returns the
    new text, what was applied, and the findings of the new text."""
    req = _parse(body, "fix", styles)
    # as `copylint fix`: only the rules at or above the configuration's min-level
    req = replace(req, rules=fixing_rules(req.rules, styles.min_level))
    ids = body.get("ids")
    unsafe = body.get("unsafe", False)
    if not isinstance(unsafe, bool):
        raise ApiError(400, "field 'unsafe' must be true or false")
    bom = "\ufeff" if req.text.startswith("\ufeff") else ""
    if ids is None:
        result = fix_text(req.text, req.rules, path=req.path, fmt=req.fmt,
                          inline_config=req.inline_config, unsafe=unsafe)
        new_text, applied = result.text, result.applied
        remaining = result.remaining
    else:
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            raise ApiError(400, "field 'ids' must be a list of finding ids (strings)")
        current = dict(_identified(_lint(req), len(bom)))
        chosen = []
        for fid in ids:
            finding = current.get(fid)
            if finding is None:
                raise ApiError(409, f"finding {fid!r} is not in this text (lint it again)")
            if not finding.fixable:
                raise ApiError(400, f"finding {fid!r} has no safe fix; edit the text by hand")
            if not finding.can_fix(unsafe):
                raise ApiError(400, f"finding {fid!r} has an unsafe fix: send \"unsafe\": true to apply it")
            chosen.append(finding)
        body_text, applied = apply_fixes(req.text[len(bom):], chosen, unsafe)
        new_text = bom + body_text
        remaining = _lint(req, new_text) if applied else list(current.values())
    response = _summary(new_text, remaining, req)
    response["text"] = new_text
    response["changed"] = new_text != req.text
    response["applied"] = [
        {"rule": f.rule, "match": f.match, "fix": f.fix, "fix_applicability": str(f.applicability),
         "line": f.line, "column": f.column}
        for f in applied[:MAX_FINDINGS]]
    response["applied_total"] = len(applied)
    return response


def rules(styles: StyleBook, style: str | None, max_request_bytes: int) -> dict[str, Any]:
    """``GET /api/rules``: the styles, formats and levels the service accepts,
    and the rules of one style (the default unless ``?style=`` names one)."""
    try:
        chosen = styles.get(style)
    except CopylintError as exc:
        raise ApiError(400, str(exc)) from None
    return {
        "version": API_VERSION,
        "copylint": __version__,
        "styles": [{"name": s.name, "rules": s.rules, "default": s.default, "origin": s.origin}
                   for s in styles.info()],
        "style": style or styles.default,
        "formats": list(FORMATS),
        "levels": list(LEVEL_NAMES),
        "max_request_bytes": max_request_bytes,
        "rules": [
            {"id": r.id, "kind": r.kind, "level": str(r.level), "description": r.description,
             "link": r.link, "source": r.source}
            for r in chosen],
    }
