"""A word-list matcher built from (term, ignorecase) pairs, each term its own
payload: what the tests comparing the matcher's paths start from."""

from __future__ import annotations

from typing import Iterable

from copylint.checks.terms import TermMatcher


def matcher_of(terms: Iterable[tuple[str, bool]]) -> TermMatcher[str]:
    matcher: TermMatcher[str] = TermMatcher()
    for term, ignorecase in terms:
        matcher.add(term, term, ignorecase)
    matcher.compile()
    return matcher
