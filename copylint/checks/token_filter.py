"""Skip token alternatives that cannot match a block.

Vale styles are mostly long lists of literal words and phrases joined into
one ``\\b(?:a|b|c…)\\b`` regex (write-good's clichés have ~700).  Trying
every alternative at every position is what makes them slow.  Under that
word-bounded template, every word (``\\w+`` run) of a *literal* token must
appear as a whole word of any text it matches — so a block whose words do
not include all the words of a token cannot match that token.

:class:`TokenFilter` indexes each literal token under its longest word
(lower-cased); for a block's set of lower-cased words it keeps the tokens
whose words are all there, plus every token that is not a plain literal,
and runs each kept token's own compiled pattern (compiled once, on first
use).  It then rebuilds what the alternation would find: at each position
the first token in the rule's order that matches there wins and the scan
resumes after it, so the matches are exactly the full regex's.  (Should a
kept token match the empty string, the kept tokens are joined into one
regex instead.)  A token that is not a plain literal is kept only when the
block contains one of the strings its every match contains
(:func:`~copylint.patterns.requirement.required_strings`), so regex-only lists
(proselint's GroupTerms and GenderBias) are filtered too.
"""

from __future__ import annotations

from typing import Callable

import regex

from ..patterns.casefold import hay
from ..patterns.requirement import Requirement, any_of, required_strings

DEFAULT_TEMPLATE = r"\b(?:%s)\b"
#: A token made only of word characters, spaces, apostrophes and harmless
#: punctuation (or escaped punctuation): a plain literal.
_LITERAL = regex.compile(r"(?:[\w ,'’\-!:;\"/&%@#=<>~`]|\\[^\w\s])+")
_WORDS = regex.compile(r"\w+")
_CACHE_SIZE = 512
_UNSET: object = object()


def literal_words(token: str) -> frozenset[str] | None:
    """The words every match of a literal token contains, or None."""
    if not _LITERAL.fullmatch(token):
        return None
    words = _WORDS.findall(regex.sub(r"\\(.)", r"\1", token).lower())
    return frozenset(words) if words else None


class TokenFilter:
    """Runs one rule's token alternation on a block, trying only the tokens
    that can match there."""

    def __init__(self, tokens: list[str], build: Callable[[list[str]], "regex.Pattern[str]"],
                 source: Callable[[list[str]], str] | None = None) -> None:
        """``build``: the compiled pattern for some of the tokens; ``source``:
        its text, when it can be had without compiling (to analyse a token
        that may never need running)."""
        self.tokens = tokens
        self.build = build
        self.source = source
        self.always: list[int] = []
        self.index: dict[str, list[tuple[int, frozenset[str]]]] = {}
        for i, token in enumerate(tokens):
            words = literal_words(token)
            if words is None:
                self.always.append(i)
            else:
                self.index.setdefault(max(words, key=len), []).append((i, words))
        self.keys = frozenset(self.index)
        self._single: dict[int, "regex.Pattern[str]"] = {}
        self._combined: dict[tuple[int, ...], "regex.Pattern[str]"] = {}
        self._requires: dict[int, Requirement | None] = {}
        self._any: "Requirement | None | object" = _UNSET

    def possible(self, text: str, lowered: "str | None | object" = _UNSET,
                 among: list[int] | None = None, words: frozenset[str] | None = None) -> list[int]:
        """The tokens that are not plain literals (of ``among``, by default all
        of them) that can match ``text``: those whose required strings occur
        in it, and those with none.  ``words``: :func:`block_words` of the
        text, when the caller has them."""
        tokens = self.always if among is None else among
        if not tokens:
            return []
        if lowered is _UNSET:
            lowered = hay(text)
        if self._any is _UNSET:
            requirements = [self._requirement(i) for i in self.always]
            self._any = any_of([r for r in requirements if r is not None])
        if isinstance(self._any, Requirement) and not self._any.met_by(text, lowered, words):  # type: ignore[arg-type]
            return [i for i in tokens if self._requirement(i) is None]
        return [i for i in tokens if self._may_match(i, text, lowered, words)]  # type: ignore[arg-type]

    def candidates(self, words: frozenset[str], text: str | None = None,
                   lowered: "str | None | object" = _UNSET, always: list[int] | None = None) -> list[int]:
        """Indexes (in order) of the tokens that can match a block with these
        words (and, when given, this text and its :func:`~.literals.hay`;
        ``always``: :meth:`possible` for it when the caller has it)."""
        if lowered is _UNSET and text is not None:
            lowered = hay(text)
        if lowered is None:
            # a character case folding makes ASCII (İ, ı, ſ, K): the
            # lower-cased words may miss a case-insensitive match
            return list(range(len(self.tokens)))
        if always is not None:
            kept = list(always)
        elif text is None:
            kept = list(self.always)
        else:
            kept = self.possible(text, lowered)
        for word in words & self.keys:
            kept += [i for i, needed in self.index[word] if needed <= words]
        return sorted(kept)

    def _requirement(self, i: int) -> Requirement | None:
        if i in self._requires:
            return self._requires[i]
        text = self.source([self.tokens[i]]) if self.source is not None else self._pattern(i).pattern
        requirement = self._requires[i] = required_strings(text)
        return requirement

    def _may_match(self, i: int, text: str, lowered: str | None, words: frozenset[str] | None = None) -> bool:
        requirement = self._requirement(i)
        return requirement is None or requirement.met_by(text, lowered, words)

    def _pattern(self, i: int) -> "regex.Pattern[str]":
        pattern = self._single.get(i)
        if pattern is None:
            pattern = self._single[i] = self.build([self.tokens[i]])
        return pattern

    def finditer(self, text: str, words: frozenset[str], timeout: float = 2.0,
                 lowered: "str | None | object" = _UNSET,
                 kept: list[int] | None = None) -> "list[tuple[regex.Match[str], int]]":
        """What ``build(tokens).finditer(text)`` finds, each match with the
        index of the token that matched (the match of a one-token pattern,
        so its groups are that token's).  ``lowered``: :func:`~.literals.hay`
        of the text when the caller has it; ``kept``: :meth:`candidates`
        when the caller has computed them."""
        if kept is None:
            kept = self.candidates(words, text, lowered)
        if not kept:
            return []
        if len(kept) == 1:
            return [(m, kept[0]) for m in self._pattern(kept[0]).finditer(text, timeout=timeout)]
        # Alternation order: at each position the first token that matches
        # there wins; the scan resumes where that match ends.
        starts: dict[int, list[tuple[int, "regex.Match[str]"]]] = {}
        for i in kept:
            for m in self._pattern(i).finditer(text, overlapped=True, timeout=timeout):
                if m.start() == m.end():
                    return self._fallback(kept, text, timeout)
                starts.setdefault(m.start(), []).append((i, m))
        out: list[tuple["regex.Match[str]", int]] = []
        end = -1
        for pos in sorted(starts):
            if pos < end:
                continue
            i, m = min(starts[pos], key=lambda pair: pair[0])
            out.append((m, i))
            end = m.end()
        return out

    def _fallback(self, kept: list[int], text: str, timeout: float) -> "list[tuple[regex.Match[str], int]]":
        key = tuple(kept)
        pattern = self._combined.get(key)
        if pattern is None:
            if len(self._combined) >= _CACHE_SIZE:
                self._combined.clear()
            pattern = self._combined[key] = self.build([self.tokens[i] for i in kept])
        out = []
        for m in pattern.finditer(text, timeout=timeout):
            group = next((g for g, value in enumerate(m.groups()) if value is not None), 0)
            out.append((m, kept[group] if m.groups() else -1))
        return out
