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
"""

from __future__ import annotations

from functools import lru_cache
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


@lru_cache(maxsize=4096)
def _site_root(directory: Path) -> tuple[Path, str] | None:
    found = _root_format(directory)
    if found is not None:
        return directory, found
    if (directory / ".git").exists() or directory.parent == directory:
        return None
    return _site_root(directory.parent)


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
