"""Patterns shaped as a trie: any of many strings, rejected at a position
after a character or two however many strings there are.  Word lists
(:mod:`copylint.checks.terms`) and Vale's required strings
(:mod:`copylint.patterns.requirement`) both build them here."""

from __future__ import annotations

import re
from typing import Iterable


def trie_pattern(strings: Iterable[str], *, presence: bool = False, gap: str | None = None) -> str:
    """A ``re`` pattern for any of ``strings``, shaped as a trie (one branch per
    next character, so a position is rejected after a character or two however
    many strings there are).  By default a longer string is preferred where a
    shorter one ends; with ``presence=True`` the pattern stops at the first
    complete string (enough to know that one occurs).  ``gap`` is the pattern
    for a space (default: a literal space)."""
    trie: dict = {}
    for string in strings:
        node = trie
        for ch in string:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        if end and presence:
            return ""
        branches = [(gap if ch == " " and gap is not None else re.escape(ch)) + build(node[ch])
                    for ch in sorted(k for k in node if k)]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            # a shorter term ends here; prefer the longer one
            return "(?:" + body + ")?" if len(branches) > 1 or len(body) > 1 else body + "?"
        return body

    return build(trie)
