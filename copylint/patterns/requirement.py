"""Strings every match of a Vale rule's regex must contain, checked against a block.

Most Vale rules find nothing in most blocks, yet running a regex over a
block costs a scan of it (and, for a rule made of many alternatives, a try
of each alternative at each position).  :func:`required_strings` takes from
the one analysis of the pattern (:func:`.analysis.analyse`) a small set of
strings such that every match of the pattern contains at least one of them:
``[a-z]*[!]{2,}|[a-z]*\\?{2,}`` needs ``!!`` or ``??``;
``(?:bunch|herd) of cats`` needs ``bunch of cats`` or ``herd of cats``;
``air(?:m[ae]n|wom[ae]n)`` needs ``airman``, ``airmen``, ``airwoman`` or
``airwomen``.  A block containing none of them cannot match, so the rule is
not run on it: a necessary condition, never a change to what is found.

Where a string is known to sit between word boundaries (``\\b``, as Vale's
word template puts around every token), its whole words must be words of
the block: that is checked against the block's set of lower-cased words (an
index lookup) instead of searching the text.

Case-insensitive patterns (and patterns with a case-insensitive part) are
checked against the lower-cased block, which is exact for ASCII letters;
the few other characters that Unicode case folding makes equal to an ASCII
character (``İ``, ``ı``, ``ſ``, the Kelvin sign) switch the shortcut off for
a block that contains them (:func:`.casefold.hay`).  What the analysis does
not model (see :mod:`.analysis`) gives no requirement: the rule always runs.
"""

from __future__ import annotations

import re
from typing import Any

import regex

from .analysis import BOUNDARY, analyse
from .casefold import has_case_traps
from .trie import trie_pattern as _trie

_WORD_RUNS = regex.compile(r"\w+")


def whole_words(string: str) -> frozenset[str]:
    """The lower-cased words of a derived string that are whole words wherever
    it occurs: all but a first or last word that touches the string's edge
    (it may continue outside).  :data:`BOUNDARY` is an edge that does not."""
    lowered = string.lower()
    runs = list(_WORD_RUNS.finditer(lowered))
    if runs and runs[0].start() == 0:
        runs = runs[1:]
    if runs and runs[-1].end() == len(lowered):
        runs = runs[:-1]
    return frozenset(m.group() for m in runs)


class Requirement:
    """Every match contains one of ``strings`` (lower-cased when ``ignorecase``;
    ``beyond_ascii``: a case-insensitive character outside ASCII was
    lower-cased, so a text with a case trap may hold a match without them)."""

    def __init__(self, strings: "tuple[str, ...] | list[str]", ignorecase: bool,
                 beyond_ascii: bool = False) -> None:
        #: as derived, with :data:`BOUNDARY` marks
        self.marked = tuple(sorted(set(strings)))
        self.strings = tuple(sorted({s.replace(BOUNDARY, "") for s in strings}))
        self.ignorecase = ignorecase
        self.beyond_ascii = beyond_ascii
        # strings with whole words: looked up in a block's word set
        self._index: dict[str, list[frozenset[str]]] = {}
        rest: list[str] = []
        for string in self.marked:
            words = whole_words(string)
            if words:
                self._index.setdefault(max(words, key=len), []).append(words)
            else:
                rest.append(string.replace(BOUNDARY, ""))
        self._keys = frozenset(self._index)
        self._rest = tuple(rest)
        # compiled when first needed (Python's re compiler is slow for a big
        # set, and a word-set lookup often answers first)
        self._searches: dict[bool, Any] = {}

    def _searcher(self, rest: bool) -> Any:
        """The trie search for every string (or for those without whole words)."""
        search = self._searches.get(rest)
        if search is None:
            search = self._searches[rest] = re.compile(trie_pattern(self._rest if rest else self.strings)).search
        return search

    def __repr__(self) -> str:
        return f"Requirement({self.strings!r}, ignorecase={self.ignorecase})"

    def met_by(self, text: str, lowered: str | None, words: frozenset[str] | None = None) -> bool:
        """Could a match occur in ``text``?  ``lowered`` is :func:`.casefold.hay` of it;
        ``words``, when given, its lower-cased words (``\\w+`` runs)."""
        if self.ignorecase:
            if lowered is None or self.beyond_ascii and has_case_traps(text):
                return True
            text = lowered
        if words is None or not self._keys:
            return self._searcher(False)(text) is not None
        for key in self._keys & words:
            for needed in self._index[key]:
                if needed <= words:
                    return True
        return bool(self._rest) and self._searcher(True)(text) is not None


def any_of(requirements: "list[Requirement]") -> "Requirement | None":
    """A requirement met whenever one of ``requirements`` is (all of one case mode)."""
    if not requirements or len({r.ignorecase for r in requirements}) != 1:
        return None
    return Requirement([s for r in requirements for s in r.marked], requirements[0].ignorecase,
                       any(r.beyond_ascii for r in requirements))


def trie_pattern(strings: "tuple[str, ...] | list[str]") -> str:
    """A ``re`` pattern that finds an occurrence of any of ``strings``: the
    shared trie (:func:`copylint.patterns.trie.trie_pattern`), stopping at the
    first complete string, since a string with another string of the set as
    its prefix adds nothing."""
    return _trie(strings, presence=True)


def required_strings(pattern: str) -> Requirement | None:
    """What every match of ``pattern`` contains, or None when nothing useful
    is known (the pattern must then always run): the strings of the one
    analysis of the pattern (:func:`.analysis.analyse`)."""
    facts = analyse(pattern)
    if facts is None or facts.strings is None:
        return None
    return Requirement(facts.strings, facts.folded, facts.folded_beyond_ascii)
