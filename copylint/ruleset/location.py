"""Where the rule cache lives (a module of its own: the regex store reads it
before anything else of copylint is imported)."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path | None:
    """``$COPYLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/copylint``, else
    ``~/.cache/copylint``; ``None`` when ``COPYLINT_NO_CACHE`` is set."""
    if os.environ.get("COPYLINT_NO_CACHE"):
        return None
    explicit = os.environ.get("COPYLINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "copylint"
