"""Where comparing lower-cased copies is exact: the one place that decides
whether case-insensitive matching may be replaced by lower-casing.

Every fast path that searches a lower-cased text for lower-cased literals
(the engine's triggers, Vale's requirements, the plain substring prefilter)
asks here.  Lower-casing is a faithful stand-in for case-insensitive
matching only when no character of the text or literal has extra
case-insensitive equivalents (``ſ`` for ``s``, the Kelvin sign for ``k``,
dotted and dotless ``i``) and lower-casing keeps every length.
"""

from __future__ import annotations

import re

#: Non-ASCII characters the ``regex`` module's case-insensitive matching
#: treats as equal to an ASCII character (tests/test_vale_shortcuts.py checks
#: this against every code point).
CASE_FOLDS_TO_ASCII = "\u0130\u0131\u017f\u212a"
_FOLDS_TO_ASCII = re.compile("[" + CASE_FOLDS_TO_ASCII + "]")
#: The characters of :data:`CASE_FOLDS_TO_ASCII` by the ASCII letter
#: ``regex``'s ``(?i)`` makes them equal to.  Not symmetric: ``i`` matches
#: ``İ`` and ``I`` matches ``ı`` (tests/test_patterns_re2.py checks the table
#: against ``regex``).
EXTRA_FOLDS = {"i": "\u0130", "I": "\u0131", "k": "\u212a", "K": "\u212a", "s": "\u017f", "S": "\u017f"}
#: Every ASCII letter -> every character ``regex``'s ``(?i)`` makes equal to it.
REGEX_FOLDS: dict[str, frozenset[str]] = {
    form: frozenset({form.lower(), form.upper(), *EXTRA_FOLDS.get(form, "")})
    for letter in "abcdefghijklmnopqrstuvwxyz" for form in (letter, letter.upper())}


def _case_traps() -> "re.Pattern[str]":
    """Characters with extra case-insensitive equivalents in :mod:`re`."""
    try:
        from re._casefix import _EXTRA_CASES  # type: ignore[import-not-found]
    except ImportError:  # another Python: only trust ASCII text
        return re.compile(r"[^\x00-\x7f]")
    chars = {chr(c) for key, extra in _EXTRA_CASES.items() for c in (key, *extra) if c > 0x7F}
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


_CASE_TRAPS = _case_traps()


def has_case_traps(text: str) -> bool:
    """Does ``text`` hold a character that case-insensitive matching treats
    specially (so that comparing lower-cased copies could mislead)?"""
    return not text.isascii() and _CASE_TRAPS.search(text) is not None


def foldable(literal: str) -> bool:
    """Can ``literal`` be searched for lower-cased in lower-cased prose?  Not
    when lower-casing changes its length (``İ``) or it holds a character that
    case-insensitive matching treats specially (``ſ``, ``K``)."""
    return len(literal.lower()) == len(literal) and not has_case_traps(literal)


def cased(char: str) -> bool:
    """Does case-insensitive matching give ``char`` another form?"""
    return char.lower() != char.upper()


def hay(text: str) -> str | None:
    """The lower-cased text to check case-insensitive requirements against,
    or None when the text has a character that makes lower-casing inexact
    for the ASCII literals of a ``regex``-module pattern."""
    if _FOLDS_TO_ASCII.search(text):
        return None
    return text.lower()
