"""Code actions: apply this fix, apply every safe fix in the file, disable
this rule on this line.  Each is a precise edit: only the characters that
change are replaced, so the cursor, folds and other marks stay put."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from lsprotocol import types

from ..findings import Finding
from ..fixes.apply import apply_fixes, fix_text
from ..formats import make_document
from ..engine.linting import engine_for
from ..ruleset import RuleSet
from .diagnostics import SOURCE, lsp_range
from .positions import LineIndex

FIX_ALL_KIND = f"{types.CodeActionKind.SourceFixAll.value}.{SOURCE}"
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
#: An end-of-line ``copylint-disable-line`` comment already on the line.
_DISABLE_LINE = re.compile(r"<!--[ \t]*copylint-disable-line\b(?P<ids>[^\r\n]*?)[ \t]*-->[ \t]*$")


@dataclass
class Target:
    """The document the actions edit."""

    uri: str
    version: int | None
    text: str
    fmt: str
    path: str
    encoding: str
    #: 1 when the text starts with a byte order mark copylint's offsets skip.
    shift: int
    index: LineIndex
    #: The client takes versioned ``documentChanges``.
    document_changes: bool = True
    #: Suppression comments count (the configuration's ``inline-config``).
    inline_config: bool = True


def workspace_edit(target: Target, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
    if target.document_changes:
        document = types.OptionalVersionedTextDocumentIdentifier(uri=target.uri, version=target.version)
        return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(document, edits)])
    return types.WorkspaceEdit(changes={target.uri: edits})


def describe_fix(finding: Finding) -> str:
    match = _short(finding.match)
    if finding.fix == "":
        what = f"Delete {match}"
    elif not finding.match:
        what = f"Insert {_short(finding.fix or '')}"
    else:
        what = f"Replace {match} with {_short(finding.fix or '')}"
    unsafe = "" if finding.safe_fix else " (unsafe fix: check the meaning)"
    return f"{what}{unsafe} [{finding.rule}]"


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split()) if text.strip() else text
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def fix_action(target: Target, finding: Finding, diagnostic: types.Diagnostic | None) -> types.CodeAction:
    """Apply one finding's fix."""
    edit = types.TextEdit(lsp_range(target.index, finding.offset + target.shift,
                                    finding.end_offset + target.shift, target.encoding),
                          finding.fix or "")
    return types.CodeAction(
        title=describe_fix(finding), kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic] if diagnostic else None, is_preferred=finding.safe_fix,
        edit=workspace_edit(target, [edit]))


def fix_all_edits(target: Target, rules: RuleSet) -> tuple[list[types.TextEdit], int]:
    """The edits that apply every safe fix in the document, as ``copylint
    fix`` would (passes repeated until nothing is left to fix), and how many
    fixes they carry.  When one pass does it all, each fix is its own edit;
    otherwise the edits are the changed runs of the fully fixed text."""
    body = target.text[target.shift:]
    result = fix_text(body, rules, path=target.path, fmt=target.fmt,
                      inline_config=target.inline_config, unsafe=False)
    if not result.changed:
        return [], 0
    findings = engine_for(rules).lint(make_document(body, path=target.path, fmt=target.fmt,
                                               inline_config=target.inline_config))
    once, applied = apply_fixes(body, findings)
    if once == result.text:
        return [types.TextEdit(lsp_range(target.index, f.offset + target.shift,
                                         f.end_offset + target.shift, target.encoding), f.fix or "")
                for f in applied], len(applied)
    return minimal_edits(target, target.text, target.text[:target.shift] + result.text), len(result.applied)


def fix_all_action(target: Target, rules: RuleSet, kind: str) -> types.CodeAction | None:
    edits, count = fix_all_edits(target, rules)
    if not edits:
        return None
    plural = "" if count == 1 else "es"
    return types.CodeAction(title=f"Apply all safe copylint fixes in this file ({count} fix{plural})",
                            kind=kind, edit=workspace_edit(target, edits))


def minimal_edits(target: Target, before: str, after: str) -> list[types.TextEdit]:
    """Text edits turning ``before`` into ``after``: one per changed run of
    lines, trimmed to the characters that differ."""
    old_lines, new_lines = _LINE.findall(before), _LINE.findall(after)
    old_starts = _starts(old_lines)
    new_starts = _starts(new_lines)
    edits = []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        a, b = old_starts[i1], old_starts[i2]
        c, d = new_starts[j1], new_starts[j2]
        old, new = before[a:b], after[c:d]
        prefix = _common_prefix(old, new)
        suffix = _common_prefix(old[prefix:][::-1], new[prefix:][::-1])
        edits.append(types.TextEdit(
            lsp_range(target.index, a + prefix, b - suffix, target.encoding),
            new[prefix:len(new) - suffix]))
    return edits


def _starts(lines: list[str]) -> list[int]:
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    return starts


def _common_prefix(a: str, b: str) -> int:
    n = min(len(a), len(b))
    i = 0
    while i < n and a[i] == b[i]:
        i += 1
    return i


def disable_action(target: Target, finding: Finding,
                   diagnostic: types.Diagnostic | None) -> types.CodeAction:
    """Add ``<!-- copylint-disable-line RULE -->`` at the end of the finding's
    line (the comment works in plain text, Markdown and HTML alike), or add
    the rule to such a comment already there."""
    line = target.index.line_of(finding.offset + target.shift)
    text = target.index.line_text(line)
    start = target.index.starts[line]
    existing = _DISABLE_LINE.search(text)
    if existing:
        at = start + existing.end("ids")
        ids = existing.group("ids").strip()
        insert = f", {finding.rule}" if ids else f" {finding.rule}"
    else:
        at = start + len(text.rstrip(" \t"))
        insert = f" <!-- copylint-disable-line {finding.rule} -->"
    edit = types.TextEdit(lsp_range(target.index, at, at, target.encoding), insert)
    return types.CodeAction(
        title=f"Disable {finding.rule} on this line", kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic] if diagnostic else None, edit=workspace_edit(target, [edit]))
