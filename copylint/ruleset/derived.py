"""Pure-data results derived from rule authors' patterns, remembered.

Building the engine derives, for every rule author's regex, the literals
every match of it contains (:func:`~copylint.checks.prefilter.required_literals`),
by parsing the pattern with Python's pure-Python regex parser: about 10–20 ms
for the default rule set, on every start.  The results depend only on the
pattern, its flags and the deriving code, so they are

- memoized in the process (:func:`memoized`), and
- stored next to the cached rule set (:class:`DerivedStore`, signed plain
  data named after the same key as the rules: rule file contents, copylint
  and Python versions), together with a hash of the deriving code.

The engine records which results its construction used
(:func:`recording`); the store writes them when one was missing, so the
second run of a rule set derives nothing.  A missing, stale or corrupt
store is ignored: the results are derived again, and are the same.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
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


def code_version() -> str:
    """A hash of the code that derives the results: editing it (without a
    version bump, in a checkout) must not reuse results it would not give."""
    from ..checks import prefilter
    from .cache import sha256

    try:
        return sha256(Path(prefilter.__file__).read_bytes()).hexdigest()[:16]
    except OSError:  # pragma: no cover - no source (a frozen build): never reuse
        return os.urandom(8).hex()


class DerivedStore:
    """The derived results of one cached rule set, in ``path``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        #: keys present in the file (None: not read yet)
        self._stored: set[tuple] | None = None

    def __getstate__(self) -> dict[str, Any]:
        return {"path": self.path, "_stored": None}  # a worker reads the file itself

    def load(self) -> None:
        """Merge the file's results into the process memo (once)."""
        if self._stored is not None:
            return
        self._stored = set()
        from .signed_store import read_signed

        try:
            version, results = read_signed(self.path)
        except Exception:  # noqa: BLE001 - missing, corrupt or foreign: derive again
            return
        if version != code_version() or not isinstance(results, dict):
            return
        for key, value in results.items():
            _MEMO.setdefault(key, value)
        self._stored = set(results)

    def save(self, used: set[tuple]) -> None:
        """Write the results of ``used`` (and those already stored) when the
        file lacks one of them; never fails."""
        stored = self._stored if self._stored is not None else set()
        if used <= stored:
            return
        keys = (stored | used) & _MEMO.keys()
        results = {key: _MEMO[key] for key in keys}
        from .signed_store import write_signed

        if write_signed(self.path, (code_version(), results)):
            self._stored = set(keys)
