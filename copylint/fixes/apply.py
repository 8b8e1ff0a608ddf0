"""Applying fixes: every finding whose ``fix`` is safe (or, when asked, any
``fix``) is applied, overlapping
fixes are deferred to the next pass, and the text is re-linted until nothing
fixable remains (or nothing changes), so the result is idempotent."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..engine.core import DROPPED_FIXES
from ..engine.linting import engine_for
from ..findings import Finding
from ..formats import make_document, resolve_format
from ..ruleset import RuleSet

MAX_PASSES = 10


@dataclass
class FixResult:
    text: str
    applied: list[Finding] = field(default_factory=list)
    remaining: list[Finding] = field(default_factory=list)
    #: fixes dropped because they would have changed non-prose (markup,
    #: site syntax, code, URLs), counted over every pass
    dropped: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.applied)


def apply_fixes(text: str, findings: list[Finding], unsafe: bool = False) -> tuple[str, list[Finding]]:
    """Apply the non-overlapping fixes among ``findings`` to ``text`` (offsets
    as in the document, i.e. after any BOM): the safe ones, and the unsafe
    ones too when ``unsafe``.  Returns the new text and the findings applied;
    a fix overlapping an earlier one is left for a later pass."""
    chosen: list[Finding] = []
    last_end = -1
    for f in sorted((f for f in findings if f.can_fix(unsafe)),
                    key=lambda f: (f.offset, f.end_offset)):
        if f.offset < last_end or (f.offset == last_end and f.offset == f.end_offset):
            continue
        if text[f.offset:f.end_offset] != f.match:
            continue  # stale finding: never edit text we did not see
        chosen.append(f)
        last_end = max(last_end, f.end_offset)
    pieces: list[str] = []
    cursor = 0
    for f in chosen:
        pieces.append(text[cursor:f.offset])
        pieces.append(f.fix or "")
        cursor = f.end_offset
    pieces.append(text[cursor:])
    return "".join(pieces), chosen


def fix_text(text: str, rules: RuleSet, path: str = "<text>", fmt: str | None = None,
             inline_config: bool = True, unsafe: bool = False) -> FixResult:
    """Fix ``text`` until no fixable finding remains; BOM kept if present.
    Only safe fixes are applied unless ``unsafe``.  A finding suppressed by
    an inline comment is not fixed (unless ``inline_config=False``)."""
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text[len(bom):]
    applied: list[Finding] = []
    fmt = resolve_format(fmt, path, body)  # decided once: a fix never changes the format
    doc = make_document(body, path=path, fmt=fmt, inline_config=inline_config)
    findings = engine_for(rules).lint(doc)
    dropped = int(doc.memo.get(DROPPED_FIXES, 0))  # type: ignore[call-overload]
    for _ in range(MAX_PASSES):
        new_body, done = apply_fixes(body, findings, unsafe)
        if not done or new_body == body:
            break
        applied.extend(done)
        body = new_body
        doc = make_document(body, path=path, fmt=fmt, inline_config=inline_config)
        findings = engine_for(rules).lint(doc)
        dropped = max(dropped, int(doc.memo.get(DROPPED_FIXES, 0)))  # type: ignore[call-overload]
    return FixResult(bom + body, applied, findings, dropped)
