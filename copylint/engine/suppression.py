"""Inline suppression: comments in a document that switch rules off.

Markdown, HTML and plain text::

    <!-- copylint-disable places.kyiv, repetition.* -->   … until enabled again
    <!-- copylint-enable places.kyiv -->                  (no ids: every rule)
    <!-- copylint-disable-next-line places.kyiv -->        the next line only
    Kiev is quoted here. <!-- copylint-disable-line -->   this line only

Plain text also takes a line of its own starting with ``#``:
``# copylint-disable-next-line places.kyiv``.  Ids are separated by commas or
spaces and may be globs (``places.*``); no ids means every rule.  For each
rule, the last disable or enable before a finding that names the rule (or
names no rule: every rule) decides, so ``copylint-enable places.kyiv`` inside a
bare ``copylint-disable`` switches that one rule back on.  A disable without a
matching enable lasts to the end of the document.

An id that matches no loaded rule, or a misspelt directive, is reported as a
``suppression.unknown-rule`` / ``suppression.unknown-directive`` warning: a
typo in a suppression would otherwise hide nothing and go unnoticed forever.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from fnmatch import fnmatchcase

from ..document.model import Comment, Document
from ..findings import Finding, Level

UNKNOWN_RULE = "suppression.unknown-rule"
UNKNOWN_DIRECTIVE = "suppression.unknown-directive"
#: Ids of the findings this module reports itself (never suppressed by a comment).
META_RULES = (UNKNOWN_RULE, UNKNOWN_DIRECTIVE)
VERBS = ("disable", "enable", "disable-next-line", "disable-line")
ALL = "*"

_DIRECTIVE = re.compile(r"copylint(?P<sep>[-:\s]?)(?P<verb>[A-Za-z-]*)(?P<rest>.*)", re.DOTALL)
_ID_SPLIT = re.compile(r"[,\s]+")


@dataclass(frozen=True)
class Directive:
    verb: str
    ids: tuple[str, ...]  # empty: every rule
    comment: Comment


def parse(comment: Comment) -> Directive | str | None:
    """A directive, an error message for a misspelt one, or None (not ours)."""
    m = _DIRECTIVE.fullmatch(comment.body.strip())
    if not m:
        return None
    verb = m.group("verb").lower()
    if m.group("sep") != "-" or verb not in VERBS:
        written = comment.body.strip().split()[0]
        import difflib  # only for a suggestion (about 4 ms to import)

        close = difflib.get_close_matches(written, [f"copylint-{v}" for v in VERBS], n=1)
        hint = f"; did you mean '{close[0]}'?" if close else f" (known: {', '.join(VERBS)})"
        return f"unknown copylint directive '{written}'{hint}"
    ids = tuple(i for i in _ID_SPLIT.split(m.group("rest").strip()) if i)
    return Directive(verb, ids, comment)


def apply_suppressions(doc: Document, findings: list[Finding], known_ids: Collection[str]) -> list[Finding]:
    """Drop the findings the document's comments suppress; add warnings for
    suppressions that name no known rule."""
    if not doc.comments:
        return findings
    # block directives in document order: (offset from which it applies, disables?, patterns);
    # for a rule, the last block directive that names it (or names every rule) decides
    blocks: list[tuple[int, bool, tuple[str, ...]]] = []
    lines: list[tuple[int, str]] = []  # line, rule pattern
    problems: list[Finding] = []
    for comment in sorted(doc.comments, key=lambda c: c.start):
        directive = parse(comment)
        if directive is None:
            continue
        if isinstance(directive, str):
            problems.append(_problem(doc, UNKNOWN_DIRECTIVE, comment.start, comment.end, directive))
            continue
        for rule_id in directive.ids:
            if not any(fnmatchcase(known, rule_id) for known in known_ids):
                problems.append(_unknown_rule(doc, comment, rule_id, directive.verb, known_ids))
        patterns = directive.ids or (ALL,)
        if directive.verb == "disable":
            blocks.append((comment.end, True, patterns))
        elif directive.verb == "enable":
            blocks.append((comment.start, False, patterns))
        else:
            line = doc.position(comment.start)[0]
            if directive.verb == "disable-next-line":
                line = doc.position(max(comment.start, comment.end - 1))[0] + 1
            lines.extend((line, pattern) for pattern in patterns)

    def block_disabled(f: Finding) -> bool:
        disabled = False
        for start, disables, patterns in blocks:
            if start > f.offset:
                break
            if any(_matches(f.rule, p) for p in patterns):
                disabled = disables
        return disabled

    def suppressed(f: Finding) -> bool:
        if f.rule in META_RULES:
            return False
        return block_disabled(f) or any(line == f.line and _matches(f.rule, p) for line, p in lines)

    kept = [f for f in findings if not suppressed(f)]
    return sorted(kept + problems, key=Finding.sort_key)


def _matches(rule_id: str, pattern: str) -> bool:
    return pattern == ALL or fnmatchcase(rule_id, pattern)


def closest_rule(pattern: str, known_ids: Collection[str]) -> str | None:
    """The known rule id (or, for a glob, the family glob ``places.*``) closest
    to a misspelt ``pattern``."""
    candidates = set(known_ids)
    if any(c in pattern for c in "*?["):
        candidates = {i.rsplit(".", 1)[0] + ".*" for i in known_ids if "." in i}
    import difflib  # only for a suggestion (about 4 ms to import)

    close = difflib.get_close_matches(pattern, sorted(candidates), n=1)
    return close[0] if close else None


def _unknown_rule(doc: Document, comment: Comment, rule_id: str, verb: str,
                  known_ids: Collection[str]) -> Finding:
    found = doc.text.find(rule_id, comment.start, comment.end)
    start = found if found >= 0 else comment.start
    close = closest_rule(rule_id, known_ids)
    hint = f"; did you mean '{close}'?" if close else ""
    message = f"copylint-{verb} names '{rule_id}', which matches no loaded rule{hint}"
    return _problem(doc, UNKNOWN_RULE, start, start + len(rule_id) if found >= 0 else comment.end, message)


def _problem(doc: Document, rule: str, start: int, end: int, message: str) -> Finding:
    line, column = doc.position(start)
    end_line, end_column = doc.position(end)
    return Finding(rule=rule, level=Level.WARNING, message=message, offset=start, end_offset=end,
                   line=line, column=column, end_line=end_line, end_column=end_column,
                   match=doc.text[start:end], path=doc.path, context=doc.line_text(line))
