"""Pure-data results derived from rule authors' patterns, remembered.

Building the engine derives, for every rule author's regex, the literals
every match of it contains (:func:`~copylint.patterns.literals.required_literals`,
from the one analysis :func:`~copylint.patterns.analysis.analyse`),
by parsing the pattern with Python's pure-Python regex parser: about 10–20 ms
for the default rule set, on every start.  The results depend only on the
pattern, its flags and the deriving code, so they are

- memoized in the process (:func:`copylint.patterns.memo.memoized`), and
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
from pathlib import Path
from typing import Any

from ..patterns import memo
from ..patterns.memo import memoized, recording  # noqa: F401 - what the rule cache records
from .signed_store import sha256
from .signed_store import read_signed
from .signed_store import write_signed

#: The modules whose code derives the stored results.
_DERIVING = ("syntax.py", "casefold.py", "analysis.py", "literals.py", "re2_exact.py", "unicode_classes.py")


def code_version() -> str:
    """A hash of the code that derives the results: editing it (without a
    version bump, in a checkout) must not reuse results it would not give."""

    folder = Path(__file__).resolve().parent.parent / "patterns"
    try:
        return sha256(b"".join((folder / name).read_bytes() for name in _DERIVING)).hexdigest()[:16]
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

        try:
            version, results = read_signed(self.path)
        except Exception:  # noqa: BLE001 - missing, corrupt or foreign: derive again
            return
        if version != code_version() or not isinstance(results, dict):
            return
        for key, value in results.items():
            memo._MEMO.setdefault(key, value)
        self._stored = set(results)

    def save(self, used: set[tuple]) -> None:
        """Write the results of ``used`` (and those already stored) when the
        file lacks one of them; never fails."""
        stored = self._stored if self._stored is not None else set()
        if used <= stored:
            return
        keys = (stored | used) & memo._MEMO.keys()
        results = {key: memo._MEMO[key] for key in keys}

        if write_signed(self.path, (code_version(), results)):
            self._stored = set(keys)
