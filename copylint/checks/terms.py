"""One matcher for many literal terms.

Word-list rules (existence tokens, substitution swaps, consistency variants)
can hold thousands of terms.  Instead of one regex per term, the terms are
compiled into a single regular expression shaped like a trie, so the cost of a
scan grows with the length of the text, not with the number of terms.  A match
is then mapped back to its term(s) with a dictionary lookup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Generic, Iterator, TypeVar

from .base import anchored_finditer

T = TypeVar("T")

_SPACE = re.compile(r"\s+")
#: Between the words of a multi-word term: spaces, or one line break.
#: A term starts after a non-word character; it may end before a possessive
#: ('s) or a hyphen (Kiev-based), but not inside a contraction (don't).
_BEFORE = r"(?<!\w)"
_AFTER = r"(?!\w|['’](?![sS]\b)\w)"
_GAP = r"(?:[ \t\u00a0]+|[ \t\u00a0]*(?:\r\n|\r|\n)[ \t\u00a0]*)"


def normalize(term: str) -> str:
    return _SPACE.sub(" ", term.strip())


def _trie_regex(terms: list[str]) -> str:
    trie: dict = {}
    for term in terms:
        node = trie
        for ch in term:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        branches = []
        for ch in sorted(k for k in node if k):
            piece = _GAP if ch == " " else re.escape(ch)
            branches.append(piece + build(node[ch]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            # a shorter term ends here; prefer the longer one
            return "(?:" + body + ")?" if len(branches) > 1 or len(body) > 1 else body + "?"
        return body

    return build(trie)


@dataclass(slots=True)
class TermHit(Generic[T]):
    start: int
    end: int
    text: str
    payloads: list[T]


class TermMatcher(Generic[T]):
    """Find whole-word occurrences of many literal terms in one pass.

    ``add(term, payload, ignorecase)``; then ``finditer(text)`` yields each
    occurrence with the payloads of every term it matches (a term may belong
    to several rules).  Case-sensitive terms only match their exact form.
    """

    def __init__(self) -> None:
        self._entries: dict[str, list[tuple[str, bool, T]]] = {}
        self._pattern: re.Pattern[str] | None = None
        self._anchor: re.Pattern[str] | None = None

    def add(self, term: str, payload: T, ignorecase: bool = False) -> None:
        term = normalize(term)
        self._entries.setdefault(term.lower(), []).append((term, ignorecase, payload))
        self._pattern = self._anchor = None

    def __len__(self) -> int:
        return len(self._entries)

    def __bool__(self) -> bool:
        return bool(self._entries)

    def compile(self) -> None:
        """Build the matcher now (once per run) rather than on the first document."""
        if self._entries:
            self.pattern  # noqa: B018

    @property
    def pattern(self) -> re.Pattern[str]:
        if self._pattern is None:
            # match case-insensitively in the regex; filter case in Python
            body = _trie_regex(sorted(self._entries))
            self._pattern = re.compile(_BEFORE + body + _AFTER, re.IGNORECASE)
            # The same trie, case-sensitive, after one non-word character instead
            # of a look-behind: the regex engine skips ahead to such characters
            # (a look-behind would be tried at every offset).
            self._anchor = re.compile(r"[^\w](?:" + body + ")")
        return self._pattern

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None,
                 lower: str | None = None) -> Iterator[TermHit[T]]:
        """Occurrences in ``text[pos:endpos]``.  ``lower`` is an optional
        lower-cased copy of ``text`` with the same offsets (see
        :attr:`Document.lower_prose`): the scan is then much faster."""
        if not self._entries:
            return
        entries = self._entries
        pattern = self.pattern
        if lower is not None and pos == 0 and endpos is None:
            assert self._anchor is not None
            matches = anchored_finditer(pattern, self._anchor, text, lower, lead=1)
        else:
            matches = pattern.finditer(text, pos, len(text) if endpos is None else endpos)
        for m in matches:
            found = m.group()
            key = normalize(found).lower()
            candidates = entries.get(key)
            if not candidates:
                continue
            flat = normalize(found)
            payloads = [p for term, ic, p in candidates if ic or term == flat]
            if payloads:
                yield TermHit(m.start(), m.end(), found, payloads)
