"""Vale scope selectors: does a rule's ``scope`` apply to a block?

A block's scope is dotted (``text.heading.h2.md``, ``sentence.text.md``,
``raw.md``); a rule's scope is a list of alternatives, each an ``&`` of
parts, each part dotted and optionally negated with ``~``
(``heading & ~heading.h1``).  A part matches when all its sections are among
the block's sections.  A sentence only answers to a rule that asks for
``sentence``; negated parts never apply to ``raw`` or ``summary``.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=4096)
def _parse(scope: str) -> tuple[tuple[bool, frozenset[str]], ...]:
    parts = []
    for part in scope.split("&"):
        part = part.strip()
        negated = part.startswith("~")
        parts.append((negated, frozenset(part.lstrip("~").strip().split("."))))
    return tuple(parts)


def matches(rule_scopes: list[str], block_scope: str, parent_scope: str | None = None) -> bool:
    target = frozenset(block_scope.split("."))
    parent = frozenset((parent_scope or block_scope).split("."))
    sentence = "sentence" in target and parent_scope is not None and parent_scope != block_scope
    for scope in rule_scopes:
        parts = _parse(scope)
        if sentence and not any(not neg and "sentence" in secs for neg, secs in parts):
            continue
        if _part_matches(parts, target, parent):
            return True
    return False


def _part_matches(parts, target: frozenset[str], parent: frozenset[str]) -> bool:
    for negated, sections in parts:
        in_target = sections <= target
        in_parent = sections <= parent
        if negated and not in_parent:
            if "raw" in target or "summary" in target:
                return False
        elif (not negated and not in_target) or (negated and in_parent):
            return False
    return True


def wants(rule_scopes: list[str], section: str) -> bool:
    """Does any alternative name ``section`` (e.g. ``sentence``, ``paragraph``)?"""
    return any(section in scope.replace("&", ".").replace("~", "").replace(" ", "").split(".")
               for scope in rule_scopes)
