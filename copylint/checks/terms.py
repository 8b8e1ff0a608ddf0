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

from ..document import Document
from .base import anchored_finditer
from .fastscan import Trigger, escape, foldable

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
        self._trigger: Trigger | None = None
        self._prepared = False

    def add(self, term: str, payload: T, ignorecase: bool = False) -> None:
        term = normalize(term)
        self._entries.setdefault(term.lower(), []).append((term, ignorecase, payload))
        self._pattern = self._anchor = self._trigger = None
        self._prepared = False

    def __len__(self) -> int:
        return len(self._entries)

    def __bool__(self) -> bool:
        return bool(self._entries)

    def compile(self) -> None:
        """Prepare for the run: the trigger now (it decides most documents);
        the trie regex too, unless the trigger can skip documents, in which
        case it is built when the first document needs it (a pre-commit run
        over a few files often never does)."""
        if not self._entries or self._prepared:
            return
        self._prepared = True
        self._trigger = self._first_words_trigger()
        if self._trigger is None or not self._trigger.searchable:
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

    def _first_words_trigger(self) -> Trigger | None:
        """Every occurrence of a term contains the term's first word as it is
        written (lower-cased): a document with none of them is skipped."""
        firsts = set()
        for entries in self._entries.values():
            for term, _ignorecase, _payload in entries:
                first = term.split(" ")[0]
                if not foldable(first):
                    return None
                firsts.add(escape(first.lower()))
        return Trigger.any_of(firsts)

    def triggers(self) -> list[Trigger]:
        self.compile()
        return [self._trigger] if self._trigger is not None else []

    def absent_from(self, doc: Document) -> bool:
        """True when ``doc`` certainly contains no term (a C-speed test)."""
        if not self._entries:
            return True
        self.compile()
        return self._trigger is not None and self._trigger.absent(doc)

    def find_in(self, doc: Document) -> Iterator[TermHit[T]]:
        """Occurrences in ``doc``'s prose; a document that the trigger shows
        holds none of the terms is not scanned."""
        if self.absent_from(doc):
            return iter(())
        return self.finditer(doc.prose, lower=doc.lower_prose)

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
