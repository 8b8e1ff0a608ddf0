"""A cache of validated rule sets, so that ``copylint check one-file.txt`` in a
pre-commit hook does not parse and validate every YAML rule file each time.

The key is a SHA-256 of the copylint version, the Python version and the path
and exact bytes of every rule file, so editing a rule file (or upgrading
copylint) misses the cache and reloads from YAML.  Only successful loads are
cached.  The cache lives in ``$COPYLINT_CACHE_DIR``, else
``$XDG_CACHE_HOME/copylint``, else ``~/.cache/copylint``; set
``COPYLINT_NO_CACHE=1`` to bypass it.  Any problem with the cache (read-only
directory, corrupt or foreign file) silently falls back to loading the YAML.
"""

from __future__ import annotations

import os
import pickle
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from .model import Rule

if TYPE_CHECKING:
    from .derived import DerivedStore

#: How many rule sets (distinct ``--rules`` combinations) stay cached.
KEEP = 16
#: Bump when the pickled shape of :class:`Rule` changes.
FORMAT = 3


def sha256(data: bytes = b""):  # noqa: ANN201 - a hashlib-style hash object
    """SHA-256 from CPython's built-in module when there is one: importing
    :mod:`hashlib` loads OpenSSL, a few milliseconds of every start."""
    try:
        from _sha2 import sha256 as built_in  # type: ignore[import-not-found]  # Python >= 3.12
    except ImportError:
        try:
            from _sha256 import sha256 as built_in  # type: ignore[import-not-found,no-redef]
        except ImportError:
            from hashlib import sha256 as built_in  # type: ignore[assignment]
    return built_in(data)


def cache_dir() -> Path | None:
    if os.environ.get("COPYLINT_NO_CACHE"):
        return None
    explicit = os.environ.get("COPYLINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "copylint"


def cache_key(files: list[Path], salt: str = "") -> str | None:
    """Hash of everything the loaded rules depend on; ``None`` if a file is unreadable
    (the loader then reports it properly)."""
    from .. import __version__

    digest = sha256(f"{FORMAT}\0{__version__}\0{sys.version}\0{salt}\0".encode())
    for path in files:
        try:
            data = path.read_bytes()
        except OSError:
            return None
        digest.update(str(path).encode("utf-8", "surrogateescape") + b"\0")
        digest.update(len(data).to_bytes(8, "little") + data)
    return digest.hexdigest()


def cached_rules(files: list[Path], load: Callable[[list[Path]], list[Rule]],
                 salt: str = "") -> list[Rule]:
    """``load(files)``, or its result from the cache when the files (and
    ``salt``, e.g. the house style chosen) are unchanged."""
    return cached_rule_set(files, load, salt)[0]


def cached_rule_set(files: list[Path], load: Callable[[list[Path]], list[Rule]],
                    salt: str = "") -> "tuple[list[Rule], DerivedStore | None]":
    """:func:`cached_rules`, and the store for what the engine derives from
    these rules (``None`` when there is no cache)."""
    directory = cache_dir()
    key = cache_key(files, salt) if directory is not None else None
    if directory is None or key is None:
        return load(files), None
    from .derived import DerivedStore

    store = DerivedStore(directory / f"derived-{key}.pickle")
    target = directory / f"rules-{key}.pickle"
    try:
        with target.open("rb") as handle:
            rules = pickle.load(handle)
        if isinstance(rules, list) and all(isinstance(rule, Rule) for rule in rules):
            return rules, store
    except Exception:  # noqa: BLE001 - missing, corrupt or foreign: reload
        pass
    rules = load(files)
    _store(directory, target, rules)
    return rules, store


def _store(directory: Path, target: Path, rules: list[Rule]) -> None:
    import tempfile  # only on a cache miss

    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=directory, prefix=".rules-", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(rules, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, target)
        _prune(directory, keep=target)
    except Exception:  # noqa: BLE001 - a cache is optional
        try:
            os.unlink(temp)  # type: ignore[possibly-undefined]
        except Exception:  # noqa: BLE001
            pass


def _prune(directory: Path, keep: Path) -> None:
    """Keep the :data:`KEEP` most recently written rule sets (and what was
    derived from them)."""
    entries = sorted(directory.glob("rules-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in entries[KEEP:]:
        if stale != keep:
            stale.unlink(missing_ok=True)
            stale.with_name("derived-" + stale.name[len("rules-"):]).unlink(missing_ok=True)
