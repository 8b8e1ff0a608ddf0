"""Patterns compiled when first used.

Python's regex compilers are slow (the :mod:`re` compiler is pure Python:
about a millisecond a pattern) and most documents of a run never need most
patterns, so both families are compiled on first use: :class:`LazyRegex`
for a rule author's pattern (the ``regex`` module, or RE2 where RE2 finds
exactly its matches, see :mod:`.re2_exact`) and :class:`LazyRe` for the
engine's own patterns (:mod:`re`).  :func:`compile_lazy_patterns` compiles
every :class:`LazyRe` at once, before forking workers.
"""

from __future__ import annotations

import re
import weakref
from typing import TYPE_CHECKING, Any

from . import re2_exact

if TYPE_CHECKING:  # imported when a pattern is first compiled
    import regex

    from .re2_exact import Re2Pattern


class LazyRegex:
    """A rule author's pattern, compiled by the :mod:`regex` module when it
    is first used: most documents of a run (and every document of a short
    pre-commit run) are skipped by a trigger or prefilter before a pattern is
    needed, so start-up does not pay for compiling them all.  Rules are
    validated (their patterns compiled) when they are loaded."""

    __slots__ = ("pattern", "ignorecase", "_compiled", "_linear")

    def __init__(self, pattern: str, ignorecase: bool) -> None:
        self.pattern = pattern
        self.ignorecase = ignorecase
        self._compiled: "regex.Pattern[str] | None" = None
        self._linear: "Re2Pattern | None | bool" = False  # False: not translated yet

    @property
    def compiled(self) -> "regex.Pattern[str]":
        if self._compiled is None:
            import regex

            self._compiled = regex.compile(
                self.pattern, regex.V0 | (regex.IGNORECASE if self.ignorecase else 0))
        return self._compiled

    @property
    def linear(self) -> "Re2Pattern | None":
        """The pattern compiled by RE2 when RE2 finds exactly its matches
        (see :mod:`.re2_exact`), else None."""
        if self._linear is False:
            self._linear = None
            if re2_exact.enabled():
                found = re2_exact.translate(self.pattern, self.ignorecase)
                if found is not None:
                    self._linear = re2_exact.Re2Pattern(found[0], found[1], self)
        return self._linear  # type: ignore[return-value]

    def linear_for(self, text: str) -> "Re2Pattern | None":
        """:attr:`linear` when it gives ``regex``'s matches on ``text``."""
        linear = self.linear
        return linear if linear is not None and linear.usable(text) else None

    def finditer(self, text: str, *args: Any, **kwargs: Any) -> Any:
        """The matches in ``text``: by RE2 (no timeout needed) for a whole
        text it runs exactly, else by ``regex`` with the arguments given."""
        if not args and kwargs.keys() <= {"timeout"}:
            linear = self.linear_for(text)
            if linear is not None:
                return iter(linear.finditer(text))
        return self.compiled.finditer(text, *args, **kwargs)

    def search(self, text: str, *args: Any, **kwargs: Any) -> Any:
        """The first match in ``text`` (by RE2 where it runs exactly)."""
        if not args and kwargs.keys() <= {"timeout"}:
            linear = self.linear_for(text)
            if linear is not None:
                return linear.search(text)
        return self.compiled.search(text, *args, **kwargs)

    def __getattr__(self, name: str) -> Any:  # match, sub, flags...
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.compiled, name)

    def __getstate__(self) -> tuple[str, bool]:
        return self.pattern, self.ignorecase

    def __setstate__(self, state: tuple[str, bool]) -> None:
        self.pattern, self.ignorecase = state
        self._compiled = None
        self._linear = False


def compile_user_regex(pattern: str, ignorecase: bool) -> "LazyRegex":
    return LazyRegex(pattern, ignorecase)


class LazyRe:
    """One of the engine's own patterns, compiled by :mod:`re` when first
    used (``search``, ``finditer``… are those of the compiled pattern).
    Python's regex compiler is pure Python: a check's patterns cost about a
    millisecond each, and most documents never need most of them."""

    __slots__ = ("_source", "_flags", "_compiled", "__weakref__")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._source = pattern
        self._flags = flags
        self._compiled: "re.Pattern[str] | None" = None
        _LAZY_RE.add(self)

    @property
    def compiled(self) -> "re.Pattern[str]":
        if self._compiled is None:
            self._compiled = re.compile(self._source, self._flags)
        return self._compiled

    def __getattr__(self, name: str) -> Any:
        return getattr(self.compiled, name)

    def __reduce__(self):  # noqa: ANN204 - pickled uncompiled
        return LazyRe, (self._source, self._flags)


#: Every :class:`LazyRe` alive (see :func:`compile_lazy_patterns`).
_LAZY_RE: "weakref.WeakSet[LazyRe]" = weakref.WeakSet()


def compile_lazy_patterns() -> None:
    """Compile every :class:`LazyRe` now (before forking workers, which
    then share them, or before a benchmark's clock)."""
    for lazy in list(_LAZY_RE):
        lazy.compiled  # noqa: B018
