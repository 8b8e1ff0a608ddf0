"""Finding the matches of the engine's own patterns faster: by a literal
anchor that a fast scan finds, then the exact pattern tried only there."""

from __future__ import annotations

import re
from typing import Iterator

def anchored_finditer(exact: "re.Pattern[str]", anchor: "re.Pattern[str]", text: str,
                      anchor_text: str | None = None, lead: int = 0) -> Iterator["re.Match[str]"]:
    r"""Exactly the matches of ``exact.finditer(text)``, found faster.

    ``anchor`` must match (in ``anchor_text``, by default ``text``; it may be a
    lower-cased copy with the same offsets) at every offset where a match of
    ``exact`` can start.  A pattern that begins with look-behinds is tried by
    the regex engine at every character; a literal anchor is found by a fast
    scan, and ``exact`` is then tried only there.  Look-behinds of ``exact``
    still see the text before the candidate.  With ``lead=1`` the anchor
    starts one character early (it matches the character before a word, as
    in ``\W(?:terms)``), and offset 0 is tried first.
    """
    search = anchor.search
    match = exact.match
    source = text if anchor_text is None else anchor_text
    pos = 0
    if lead:
        first = match(text, 0)
        if first is not None:
            yield first
        pos = max(first.end(), 1) if first is not None else 1
    while True:
        candidate = search(source, max(pos - lead, 0))
        if candidate is None:
            return
        start = candidate.start() + lead
        m = match(text, start)
        if m is None:
            pos = start + 1
            continue
        yield m
        pos = max(m.end(), start + 1)


class FirstOf:
    """Several anchors searched as one (for :func:`anchored_finditer`): the
    leftmost match of any.  The regex engine scans quickly for a pattern
    that starts with a literal or a small class, but not for an alternation
    of such patterns; each is searched on its own and its next match kept
    until the scan passes it, so every character is scanned once per anchor."""

    def __init__(self, *anchors: "re.Pattern[str]") -> None:
        self.anchors = anchors
        self._text: str | None = None
        self._next: list[tuple[int, "re.Match[str] | None"]] = []

    def search(self, text: str, pos: int = 0) -> "re.Match[str] | None":
        if text is not self._text:
            self._text = text
            self._next = [(-1, None)] * len(self.anchors)
        best = None
        for i, anchor in enumerate(self.anchors):
            searched_from, found = self._next[i]
            # the leftmost match from ``searched_from`` is also the leftmost
            # from any later ``pos`` up to its start
            if searched_from < 0 or pos < searched_from or (found is not None and found.start() < pos):
                found = anchor.search(text, pos)
                self._next[i] = (pos, found)
            if found is not None and (best is None or found.start() < best.start()):
                best = found
        return best
