"""A cache of validated rule sets, so that ``copylint check one-file.txt`` in a
pre-commit hook does not parse and validate every YAML rule file each time.

The key is a SHA-256 of the copylint version, the Python version and the path
and exact bytes of every rule file, so editing a rule file (or upgrading
copylint) misses the cache and reloads from YAML.  Only successful loads are
cached.  The cache lives in ``$COPYLINT_CACHE_DIR``, else
``$XDG_CACHE_HOME/copylint``, else ``~/.cache/copylint``; set
``COPYLINT_NO_CACHE=1`` to bypass it.  Any problem with the cache (read-only
directory, corrupt, unsigned or foreign file) falls back to loading the YAML.

The rules are stored as plain data (:func:`rules_to_data`), never pickled, in
files signed with a per-user secret, in a directory only the user can write
(:mod:`.signed_store`): a cache directory shared with, or planted by, another
user cannot make copylint run code; a directory that is not the user's own or
is writable by others is refused with a one-line note.
"""

from __future__ import annotations

import sys
from dataclasses import fields
from enum import Enum
from pathlib import Path
from typing import Any, Callable

from ..findings import Applicability, Level
from ..version import __version__
from .derived import DerivedStore
from .location import cache_dir
from .model import Rule
from .signed_store import private_dir, read_signed, sha256, write_signed
from .yaml_lines import LineDict

#: How many rule sets (distinct ``--rules`` combinations) stay cached.
KEEP = 16
#: Bump when the stored shape of :class:`Rule` changes (5: a ``raw`` field
#: equal to its option is stored once, see :func:`_shared_raw`).
FORMAT = 5
#: Cached rule sets and derived results: signed plain data (:mod:`.signed_store`).
SUFFIX = ".signed"


def cache_key(files: list[Path], salt: str = "") -> str | None:
    """Hash of everything the loaded rules depend on; ``None`` if a file is unreadable
    (the loader then reports it properly)."""

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

    if not private_dir(directory):  # another user's, or writable by others: said once
        return load(files), None

    store = DerivedStore(directory / f"derived-{key}{SUFFIX}")
    target = directory / f"rules-{key}{SUFFIX}"
    try:
        rules = rules_from_data(read_signed(target))
    except Exception:  # noqa: BLE001 - missing, corrupt or another shape: reload
        rules = None
    if rules is not None:
        return rules, store
    rules = load(files)
    _store(directory, target, rules)
    return rules, store


def cached_data(files: list[Path], compute: Callable[[], Any], salt: str, prefix: str) -> Any:
    """``compute()`` (plain data that depends only on ``files``), or its
    result from the cache when the files are unchanged: what a front end
    reads from files of its own (Vale mode's styles) is cached like rules,
    as signed plain data in ``<prefix>-<key>.signed``.  A result that is not
    plain data is simply not cached."""
    directory = cache_dir()
    key = cache_key(files, salt) if directory is not None else None
    if directory is None or key is None:
        return compute()
    if not private_dir(directory):  # another user's, or writable by others: said once
        return compute()
    target = directory / f"{prefix}-{key}{SUFFIX}"
    try:
        return read_signed(target)[1]
    except Exception:  # noqa: BLE001 - missing, corrupt or another shape: compute again
        pass
    value = compute()
    try:
        stored = write_signed(target, (key, value))
    except (ValueError, TypeError):  # not plain data (a YAML date…): not cached
        stored = False
    if stored:
        entries = sorted(directory.glob(f"{prefix}-*{SUFFIX}"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in entries[KEEP:]:
            stale.unlink(missing_ok=True)
    return value


# -- rules as plain data ---------------------------------------------------------

_FIELDS = tuple(f.name for f in fields(Rule))
#: The fields that hold an enum (stored as its value, given back as the enum).
_ENUM_FIELDS = ("level", "fix_applicability")
_PLAIN = (str, int, float, bool, type(None))


class _NotPlain(Exception):
    pass


def _plain(value: Any, path: tuple, fixups: list) -> Any:
    """``value`` as marshal-able plain data; each :class:`LineDict` inside is
    recorded in ``fixups`` (path, line, key lines) to be rebuilt on loading."""
    if isinstance(value, _PLAIN) and not isinstance(value, Enum):
        return value
    if isinstance(value, dict):
        if type(value) is not dict:
            if not hasattr(value, "key_lines"):
                raise _NotPlain(type(value).__name__)
            fixups.append((path, value.line, dict(value.key_lines)))
        out = {}
        for k, v in value.items():
            if not isinstance(k, _PLAIN) or isinstance(k, Enum):
                raise _NotPlain(type(k).__name__)
            out[k] = _plain(v, (*path, k), fixups)
        return out
    if type(value) is list:
        return [_plain(v, (*path, i), fixups) for i, v in enumerate(value)]
    if type(value) is tuple:
        return tuple(_plain(v, (*path, i), fixups) for i, v in enumerate(value))
    raise _NotPlain(type(value).__name__)


def rules_to_data(rules: list[Rule]) -> tuple | None:
    """The rules as plain data (``None`` when one holds something else)."""
    encoded = []
    for rule in rules:
        fixups: list = []
        values = []
        raw, shared = _shared_raw(rule)
        try:
            for name in _FIELDS:
                value = raw if name == "raw" else getattr(rule, name)
                if isinstance(value, Enum):
                    if name not in _ENUM_FIELDS:  # a field this format cannot give back: not cached
                        return None
                    value = value.value
                values.append(_plain(value, (name,), fixups))
        except _NotPlain:
            return None
        encoded.append((tuple(values), tuple(fixups), shared))
    return (FORMAT, _FIELDS, tuple(encoded))


def _all_str(values: Any) -> bool:
    return all(type(v) is str for v in values)


def _same_strings(raw: Any, option: Any) -> bool:
    """``raw`` (a rule's YAML field) is given back exactly by a copy of
    ``option`` (the field as converted): the same strings in the same order,
    in a :class:`LineDict` or a plain list."""
    if isinstance(raw, dict) and type(option) is dict:
        return (hasattr(raw, "key_lines") and len(raw) == len(option) and list(raw.items()) == list(option.items())
                and _all_str(option) and _all_str(option.values()))
    if type(raw) is list and type(option) is list:
        return raw == option and _all_str(option) and _all_str(raw)
    return False


def _shared_raw(rule: Rule) -> tuple[dict[str, Any], tuple]:
    """``rule.raw`` without the fields that equal their converted option
    (a big list's ``swap`` or ``tokens``: stored once, not twice), and what
    gives each back: ``(key, None)`` for a list, ``(key, (line, lines))`` for
    a :class:`LineDict` (``lines``: the first key's line when each key has a
    line of its own in order, else each key's line in the option's order, or
    the key-to-line mapping when its keys differ), after the order of all
    of ``raw``'s keys; ``()`` when nothing is shared."""
    raw, options = rule.raw, rule.options
    if type(raw) is not dict or type(options) is not dict:
        return raw, ()
    shared = []
    for key, value in raw.items():
        if isinstance(key, str) and key in options and _same_strings(value, options[key]):
            if isinstance(value, dict):
                key_lines = value.key_lines  # type: ignore[attr-defined]
                lines: Any = (tuple(key_lines.values()) if list(key_lines) == list(value)
                              else dict(key_lines))
                if (lines and type(lines) is tuple and type(lines[0]) is int
                        and lines == tuple(range(lines[0], lines[0] + len(lines)))):
                    lines = lines[0]  # one key a line, the usual shape: the first line says all
                shared.append((key, (value.line, lines)))  # type: ignore[attr-defined]
            else:
                shared.append((key, None))
    if not shared:
        return raw, ()
    names = {key for key, _ in shared}
    return {k: v for k, v in raw.items() if k not in names}, (tuple(raw), tuple(shared))


def _restore_raw(raw: dict[str, Any], options: dict[str, Any], shared: Any) -> None:
    """:func:`_shared_raw` undone in place: each shared field of ``raw`` a
    copy of its option (a :class:`LineDict` with its lines, or a list), in
    its place among the other fields."""
    order = shared[0]
    given = {}
    for key, how in shared[1]:
        option = options[key]
        if how is None:
            if type(option) is not list:
                raise ValueError("a shared field is not a list")
            given[key] = list(option)
            continue
        line, lines = how
        restored = LineDict(option)
        restored.line = line
        if type(lines) is int:  # one key a line from ``lines`` on
            restored.key_lines = dict(zip(option, range(lines, lines + len(option)), strict=True))
        elif type(lines) is tuple:
            restored.key_lines = dict(zip(option, lines, strict=True))
        else:
            restored.key_lines = dict(lines)
        given[key] = restored
    if len(order) != len(raw) + len(given) or not set(order) == raw.keys() | given.keys():
        raise ValueError("the shared fields and the others are not the rule's fields")
    merged = {key: given[key] if key in given else raw[key] for key in order}
    raw.clear()
    raw.update(merged)


def rules_from_data(data: Any) -> list[Rule] | None:
    """:func:`rules_to_data` undone (``None`` for anything else)."""
    if not isinstance(data, tuple) or len(data) != 3 or data[0] != FORMAT or data[1] != _FIELDS:
        return None

    rules = []
    new = object.__new__
    for values, fixups, shared in data[2]:
        rule = new(Rule)
        attributes = dict(zip(_FIELDS, values, strict=True))
        attributes["level"] = Level(attributes["level"])
        attributes["fix_applicability"] = Applicability(attributes["fix_applicability"])
        for path, line, key_lines in fixups:
            parent: Any = attributes
            for step in path[:-1]:
                parent = parent[step]
            restored = LineDict(parent[path[-1]])
            restored.line = line
            restored.key_lines = key_lines
            parent[path[-1]] = restored
        if shared:
            _restore_raw(attributes["raw"], attributes["options"], shared)
        rule.__dict__.update(attributes)
        rules.append(rule)
    return rules


def _store(directory: Path, target: Path, rules: list[Rule]) -> None:
    data = rules_to_data(rules)
    if data is not None and write_signed(target, data):
        try:
            _prune(directory, keep=target)
        except OSError:
            pass


def _prune(directory: Path, keep: Path) -> None:
    """Keep the :data:`KEEP` most recently written rule sets (and what was
    derived from them)."""
    for old in [*directory.glob("rules-*.pickle"), *directory.glob("derived-*.pickle")]:
        old.unlink(missing_ok=True)  # an earlier version's pickles: never read, removed
    entries = sorted(directory.glob(f"rules-*{SUFFIX}"), key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in entries[KEEP:]:
        if stale != keep:
            stale.unlink(missing_ok=True)
            stale.with_name("derived-" + stale.name[len("rules-"):]).unlink(missing_ok=True)
