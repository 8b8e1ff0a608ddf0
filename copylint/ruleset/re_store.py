"""The :mod:`re` patterns a run compiles, kept compiled in the rule cache.

Python's :mod:`re` compiler is pure Python: a one-story ``copylint check``
compiled about 70 patterns (the engine's and the checks' own, and those of
the standard library and click modules it imports) on every start, 77 M
instructions, 14 % of the command.  What the compiler produces for a pattern
is plain data — the opcode list and the group names that
``_sre.compile`` turns into a pattern object — and depends only on the
pattern, its flags and the Python build.  So a command run keeps that data
for every pattern it compiled in the rule cache directory (``copylint check``
of at most :data:`SMALL_RUN` files: a run whose start-up is most of its cost;
a longer one compiles patterns of its many documents that a short one never
needs) (the file is
named after the Python build and ``_sre``'s magic number), and the next
start (:func:`load`, the first thing ``import copylint`` does) hands it to
``_sre.compile`` and puts the patterns in :mod:`re`'s own cache, where
``re.compile`` finds them: the same pattern objects, without the compiler.

The file is treated like the rest of the rule cache (:mod:`.signed_store`:
a private directory, marshal data of plain values behind an HMAC with the
user's secret; anything else reads as "not cached"), and ``_sre.compile``
checks the opcodes of every pattern it is given.  A pattern is stored only
when the pattern object rebuilt from the stored data equals the one
:mod:`re` compiled (pattern objects compare their opcodes), so another
Python, or another :mod:`re`, stores nothing instead of something wrong.
``COPYLINT_NO_CACHE=1`` turns this off with the rest of the cache.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import _sre

from .location import cache_dir
from .signed_store import read_signed, sha256, write_signed

#: Bump when the stored shape changes.
FORMAT = 1
#: Runs of at most this many files write the store.
SMALL_RUN = 16
#: At most this many patterns are kept (a one-story run compiles about 70, a
#: Markdown one about 100; re's cache holds 512): past it, the oldest stay
#: (those of the first runs: the engine's and the checks' own).
KEEP = 250
#: Flags whose patterns are never stored: DEBUG prints while compiling,
#: TEMPLATE warns (neither is cached by re either way).
_SKIPPED_FLAGS = re.DEBUG | getattr(re, "TEMPLATE", 0)

#: The stored entries read by :func:`load` (re-written with any new ones).
_stored: list[tuple[Any, ...]] = []
#: Keys of the patterns in the store (put in ``re._cache`` unless already there).
_filled: set[tuple[Any, ...]] = set()
_loaded = False


def store_path(directory: Path) -> Path:
    """The store's file in ``directory``: one per Python build and ``_sre``."""
    tag = sha256(f"{FORMAT}\0{sys.version}\0{sys.implementation.cache_tag}\0{_sre.MAGIC}\0{_sre.CODESIZE}"
                 .encode()).hexdigest()[:16]
    return directory / f"re-{tag}.signed"


def _available() -> bool:
    """This Python's :mod:`re` keeps compiled patterns in a dict ``re._cache``
    keyed ``(type, pattern, flags)`` (CPython 3.11 and later)."""
    return isinstance(getattr(re, "_cache", None), dict) and hasattr(_sre, "compile")


def load() -> None:
    """Put the stored patterns in :mod:`re`'s cache (once per process; never fails)."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    directory = cache_dir()
    if directory is None or not _available():
        return
    try:
        value = read_signed(store_path(directory))
        if not (isinstance(value, tuple) and len(value) == 2 and value[0] == FORMAT
                and isinstance(value[1], list)):
            return
        cache = re._cache  # type: ignore[attr-defined]
        room = getattr(re, "_MAXCACHE", 512) - len(cache)
        for entry in value[1][:max(room, 0)]:
            key = _key(entry)
            if key not in cache:  # (pathlib's import compiled one of urllib's before this)
                cache[key] = _sre.compile(*entry[:6])
            _filled.add(key)
            _stored.append(entry)
    except Exception:  # noqa: BLE001 - a stored pattern _sre refuses, a foreign shape: not cached
        return


def _key(entry: tuple[Any, ...]) -> tuple[Any, ...]:
    pattern = entry[0]
    if len(entry) != 7 or not isinstance(pattern, (str, bytes)) or not isinstance(entry[6], int):
        raise TypeError("not a stored pattern")
    return (type(pattern), pattern, entry[6])


def _built(entry: tuple[Any, ...]) -> tuple[Any, ...]:
    """What ``_sre.compile`` builds from ``entry``, but for the pattern's text."""
    return (type(entry[0]), entry[1], tuple(entry[2]), entry[3], tuple(sorted(entry[4].items())), entry[5])


def _entry(key: tuple[Any, ...], compiled: Any) -> tuple[Any, ...] | None:
    """What ``_sre.compile`` needs to rebuild ``compiled`` (and the flags
    ``re.compile`` was given, last), or None when the rebuilt pattern would
    not equal it."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    kind, pattern, flags = key
    if kind not in (str, bytes) or not isinstance(flags, int) or flags & _SKIPPED_FLAGS:
        return None
    try:
        tree = _parser.parse(pattern, flags)
        code = _compiler._code(tree, flags)
        groupindex = dict(tree.state.groupdict)
        indexgroup: list[str | None] = [None] * tree.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        entry = (pattern, flags | tree.state.flags, [int(op) for op in code], tree.state.groups - 1, groupindex,
                 tuple(indexgroup), flags)
        if _sre.compile(*entry[:6]) != compiled:
            return None
    except Exception:  # noqa: BLE001 - another re: store nothing for it
        return None
    return entry


def save() -> None:
    """Store the patterns this process compiled that the store lacks (a
    warm run has none, and writes nothing; never fails)."""
    directory = cache_dir()
    if directory is None or not _available():
        return
    try:
        _save(directory)
    except Exception:  # noqa: BLE001 - a store is an optimisation: never an error
        return


def _save(directory: Path) -> None:
    cache = re._cache  # type: ignore[attr-defined]
    new = [key for key in list(cache) if key not in _filled]
    if not new:
        return
    entries = [entry for key in new if (entry := _entry(key, cache.get(key))) is not None]
    if not entries:
        return
    # A new pattern replaces a stored one with its key, or with its opcodes: markdown-it builds a few
    # classes whose characters come in another order in every process (the same opcodes).
    known = {_key(entry) for entry in entries}
    built = {_built(entry) for entry in entries}
    kept = [entry for entry in _stored if _key(entry) not in known and _built(entry) not in built]
    everything = kept[:max(KEEP - len(entries), 0)] + entries[:KEEP]
    if write_signed(store_path(directory), (FORMAT, everything)):
        _stored[:] = everything
        _filled.update(_key(entry) for entry in everything)
