"""Results derived from rule authors' patterns, remembered in the process.

Parsing a pattern with Python's pure-Python regex parser costs about a
millisecond; the results depend only on the pattern, its flags and the
deriving code.  :func:`memoized` keeps them for the process; the rule cache
(:class:`copylint.ruleset.derived.DerivedStore`) stores the keys an engine
used (:func:`recording`) next to the cached rule set, so a second run of
the same rule set derives nothing.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Callable, Iterator

#: (function name, *arguments) -> result, for this process.
_MEMO: dict[tuple, Any] = {}
#: The keys the engine being built has asked for (None: not recording).
_recording: set[tuple] | None = None


def memoized(name: str, compute: Callable[..., Any], *args: Any) -> Any:
    """``compute(*args)``, remembered under ``(name, *args)``."""
    key = (name, *args)
    if _recording is not None:
        _recording.add(key)
    try:
        return _MEMO[key]
    except KeyError:
        value = _MEMO[key] = compute(*args)
        return value


@contextmanager
def recording() -> Iterator[set[tuple]]:
    """Collect the keys :func:`memoized` is asked for inside the block."""
    global _recording
    outer, _recording = _recording, set()
    try:
        yield _recording
    finally:
        used, _recording = _recording, outer
        if outer is not None:
            outer |= used
