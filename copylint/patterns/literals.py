"""The engine's view of :mod:`.analysis`: the literals its triggers search
for (:mod:`copylint.checks.fastscan`).

:func:`required_literals` gives a few strings one of which every text the
pattern matches contains (compared lower-cased, so that one search of the
lower-cased prose serves case-sensitive and case-insensitive rules alike);
:func:`line_start_prefixes` gives, for a pattern anchored at a line start,
the literal words a matching line begins with.  Both are read from the one
analysis of the pattern (:func:`.analysis.analyse`), are necessary
conditions, never a change to what is found, and are remembered in the
process and in the rule cache (:mod:`.memo`): parsing patterns is slow.
"""

from __future__ import annotations

from .memo import memoized

#: A literal shorter than this is not worth a trigger.
_MIN_LENGTH = 2
#: Fewer literals that every match starts with are left to ``regex``'s own search.
_MIN_STARTS = 2


def required_literals(pattern: str, ignorecase: bool) -> tuple[str, ...] | None:
    """A few strings one of which every text that ``pattern`` matches
    contains, when both are lower-cased (as :mod:`.fastscan` triggers compare
    them: case flags, inline or not, then make no difference); None when no
    such set is found.  Remembered, in the process and in the rule cache
    (:mod:`.memo`): parsing patterns is slow."""
    return memoized("required_literals", _derive_required_literals, pattern, bool(ignorecase))


def _derive_required_literals(pattern: str, ignorecase: bool) -> tuple[str, ...] | None:
    from .analysis import analyse

    facts = analyse(pattern, ignorecase)
    if facts is None or facts.strings is None:
        return None
    found = tuple(sorted({s.lower() for s in facts.plain()}))
    return found if all(len(s) >= _MIN_LENGTH for s in found) else None


def line_start_prefixes(pattern: str) -> tuple[str, ...] | None:
    """For a pattern anchored at the start of a line (or of the text) and
    then, after optional blanks, beginning with one of a few literal words
    (``(?m)^[ \\t]*(?:Tags|Read more)…``): those words' literal beginnings.
    Every match then starts a line with blanks and one of them, which the
    :mod:`.fastscan` trigger ``^[ \\t]*(?:…)`` looks for (far rarer than the
    words anywhere); a space in one stands for a run of blanks.  None when
    the pattern does not have that shape.  Remembered like
    :func:`required_literals`."""
    if "^" not in pattern and "\\A" not in pattern:
        return None  # the common case: no parsing, nothing to remember
    return memoized("line_start_prefixes", _derive_line_start_prefixes, pattern)


def _derive_line_start_prefixes(pattern: str) -> tuple[str, ...] | None:
    from .analysis import analyse

    facts = analyse(pattern)
    return facts.line_starts if facts is not None else None


def match_starts(pattern: str, ignorecase: bool) -> tuple[tuple[str, ...], bool] | None:
    """The literals one of which every match of ``pattern`` starts with,
    after its zero-width assertions (a leading look-behind, ``\\b``, ``^``),
    each at least two characters, two to a few, and whether they are lower-cased
    (then look for them in a faithful lower-cased copy of the text, see
    :attr:`copylint.document.model.Document.lower_prose`); None when a
    match can start otherwise.  See :func:`.analysis.match_starts`.
    Remembered like :func:`required_literals`."""
    return memoized("match_starts", _derive_match_starts, pattern, bool(ignorecase))


def _derive_match_starts(pattern: str, ignorecase: bool) -> tuple[tuple[str, ...], bool] | None:
    from .analysis import match_starts as derive

    starts = derive(pattern, ignorecase)
    # one literal: ``regex`` finds a required literal itself, in C (trying
    # the pattern at each place Python's ``str.find`` finds it costs more)
    if starts is None or len(starts.literals) < _MIN_STARTS:
        return None
    return (starts.literals, starts.folded)
