"""Reading a rule author's pattern: the parse tree of Python's own regex
parser, the one reader every analysis in this package uses.

Rule authors' patterns run in the ``regex`` module, whose syntax is a
superset of :mod:`re`'s.  :func:`parse` refuses what Python's parser would
read differently (POSIX classes, fuzzy matching, version flags) and what it
cannot read at all; every analysis then treats the pattern as unknown (no
shortcut, the pattern always runs as written).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

try:  # the parser behind re.compile (Python >= 3.11)
    from re import _constants as C  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - another Python: no analysis
    C = None
    _parser = None

#: ``regex``-module syntax Python's parser would read differently:
#: POSIX classes, fuzzy matching, version flags.
FOREIGN = re.compile(r"\[:|\{[^}]*[<>a-zA-Z]|\(\?[a-zA-Z]*V")
#: Line and dot-all flags in the middle of a pattern: the ``regex`` module
#: allows them, Python's parser refuses them.
LINE_FLAGS = re.compile(r"(?<!\\)\(\?[ms]+\)")
#: The repeat operators (possessive ones only where Python has them).
REPEATS = tuple(op for op in (getattr(C, "MAX_REPEAT", None), getattr(C, "MIN_REPEAT", None),
                              getattr(C, "POSSESSIVE_REPEAT", None)) if op is not None)

#: ``(?>…)`` (Python >= 3.11), or None.
ATOMIC = getattr(C, "ATOMIC_GROUP", None)


def class_chars(items: list[tuple[Any, Any]], limit: int) -> frozenset[str] | None:
    """The characters of a character class's parsed ``items`` (literals and
    small ranges), or None when it has more than ``limit`` of them or holds
    what cannot be listed (a negation, a category, a large range)."""
    chars: set[str] = set()
    for op, av in items:
        if op is C.LITERAL:
            chars.add(chr(av))
        elif op is C.RANGE and av[1] - av[0] < limit:
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        else:
            return None
        if len(chars) > limit:
            return None
    return frozenset(chars)


def available() -> bool:
    """Can patterns be analysed on this Python?"""
    return _parser is not None


def parse_tree(pattern: str, flags: int = 0) -> Any:
    """Python's parse tree of ``pattern`` (raises on syntax it lacks)."""
    if _parser is None:
        raise ValueError("no regex parser on this Python")
    return _parser.parse(pattern, flags)


@lru_cache(maxsize=1024)
def parse(pattern: str) -> Any:
    """Python's parse tree of a pattern, or None when it has syntax only the
    ``regex`` module knows (or that Python's parser would read differently)."""
    if _parser is None or FOREIGN.search(pattern):
        return None
    try:
        return _parser.parse(pattern, 0)
    except Exception:  # noqa: BLE001 - syntax Python's parser lacks
        return None
