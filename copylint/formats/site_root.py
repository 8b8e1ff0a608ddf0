"""The static-site generator a Markdown file belongs to, from the site's own
files: a Markdown file without any shortcode or Liquid tag in a Hugo site is
still rendered by Hugo (and its quotes curled by Goldmark's Typographer).

A directory is a Hugo site root when it holds ``hugo.toml``/``hugo.yaml``/
``hugo.json`` (or ``config/_default/hugo.*`` or ``config/_default/config.*``),
or a ``config.toml``/``config.yaml``/``config.json`` beside a ``content/``
folder; a Jekyll site root when it holds ``_config.yml``/``_config.yaml``/
``_config.toml``.  The nearest such directory above the file decides (for
Hugo, only the pages under its ``content/`` folder) (the
search stops at a ``.git`` directory, the top of a checkout).  A file under a
``_posts`` or ``_drafts`` folder is a Jekyll post by Jekyll's own convention.

What a folder holds is remembered for the life of the process (the desk and
the language server run for hours; a CI run asks once per file), keyed by the
modification times of the folder and of its ``config/`` and
``config/_default/`` folders: creating, deleting or renaming a configuration
file (or ``content/``, or ``.git``) changes its folder's time, so the next
look-up sees it.  A folder changed in the last :data:`RACY_SECONDS` is not
remembered (a change within the file system's time resolution would not be
seen; git's index has the same rule).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

_CONFIG_SUFFIXES = (".toml", ".yaml", ".yml", ".json")
_JEKYLL_CONFIGS = ("_config.yml", "_config.yaml", "_config.toml")
_JEKYLL_FOLDERS = frozenset({"_posts", "_drafts"})


def site_format(path: str) -> str | None:
    """``hugo`` or ``jekyll`` when ``path`` lies in such a site, else None
    (also for a path that is no file on disk, such as ``<text>``).  In a Hugo
    site only the pages under its ``content/`` folder are Hugo's (a
    ``README.md`` beside ``hugo.toml`` is rendered by the code host)."""
    if not path or path.startswith("<"):
        return None
    try:
        file = Path(path)
        if _JEKYLL_FOLDERS.intersection(file.parts[:-1]):
            return "jekyll"
        found = _site_root(file.absolute().parent)
    except (OSError, ValueError):
        return None
    if found is None:
        return None
    root, kind = found
    if kind == "hugo" and not file.absolute().is_relative_to(root / "content"):
        return None
    return kind


#: A folder modified this recently is looked at again on every look-up.
RACY_SECONDS = 2.0
_CACHE_SIZE = 4096
#: folder -> (its stamp, its site format or None, whether the search stops there)
_folders: dict[Path, tuple[tuple[int | None, ...], str | None, bool]] = {}


def _stamp(directory: Path) -> tuple[int | None, ...] | None:
    """Modification times of ``directory`` and its ``config``/``config/_default``
    folders (None for one that does not exist); None when one changed too
    recently to be trusted."""
    stamp: list[int | None] = []
    racy = time.time_ns() - int(RACY_SECONDS * 1e9)
    for folder in (directory, directory / "config", directory / "config" / "_default"):
        try:
            mtime = os.stat(folder).st_mtime_ns
        except OSError:
            stamp.append(None)
            continue
        if mtime >= racy:
            return None
        stamp.append(mtime)
    return tuple(stamp)


def _folder(directory: Path) -> tuple[str | None, bool]:
    """(the site format ``directory`` is the root of, whether the search stops there)."""
    stamp = _stamp(directory)
    if stamp is not None:
        known = _folders.get(directory)
        if known is not None and known[0] == stamp:
            return known[1], known[2]
    found = _root_format(directory)
    stop = found is None and ((directory / ".git").exists() or directory.parent == directory)
    if stamp is not None:
        if len(_folders) >= _CACHE_SIZE:
            _folders.clear()
        _folders[directory] = (stamp, found, stop)
    return found, stop


def _site_root(directory: Path) -> tuple[Path, str] | None:
    while True:
        found, stop = _folder(directory)
        if found is not None:
            return directory, found
        if stop:
            return None
        directory = directory.parent


def _root_format(directory: Path) -> str | None:
    if any((directory / name).is_file() for name in _JEKYLL_CONFIGS):
        return "jekyll"
    for suffix in _CONFIG_SUFFIXES:
        if (directory / f"hugo{suffix}").is_file():
            return "hugo"
        if (directory / "config" / "_default" / f"hugo{suffix}").is_file() \
                or (directory / "config" / "_default" / f"config{suffix}").is_file():
            return "hugo"
        if (directory / f"config{suffix}").is_file() and (directory / "content").is_dir():
            return "hugo"
    return None
