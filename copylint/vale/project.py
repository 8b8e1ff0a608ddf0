"""Running Vale styles over files: the files Vale would lint, linted with
copylint's own pipeline (:func:`copylint.api.lint_paths`)."""

from __future__ import annotations

import os
from pathlib import Path

from ..api import Report, lint_paths
from ..config.model import Config
from ..inputs.files import DEFAULT_READ, ReadOptions
from ..findings import Level
from .config import ValeConfig
from .rules import ValeRuleSet

IGNORED_DIRS = {"node_modules", ".git"}


def discover(paths: list[Path], config: ValeConfig) -> list[tuple[Path, str]]:
    """Files to lint with the path to show (relative to the working folder),
    walking folders like Vale: every file a configuration section names."""
    out: list[tuple[Path, str]] = []
    cwd = Path.cwd()
    for path in paths:
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if d not in IGNORED_DIRS and not d.startswith("."))
                for name in sorted(files):
                    full = Path(root) / name
                    shown = _relative(full, cwd)
                    if config.lints(shown) and not _is_config(full, config):
                        out.append((full, shown))
        else:
            out.append((path, _relative(path, cwd)))
    return out


def _is_config(path: Path, config: ValeConfig) -> bool:
    try:
        full = path.resolve()
        styles = config.styles_path.resolve()
        if full == config.path.resolve():
            return True
        return styles in full.parents and (full.suffix in (".yml", ".yaml")
                                           or (styles / "config") in full.parents)
    except OSError:
        return False


def _relative(path: Path, cwd: Path) -> str:
    try:
        shown = os.path.relpath(path.resolve(), cwd.resolve())
    except ValueError:
        shown = str(path)
    return shown.replace(os.sep, "/")


class ValeSettings(Config):
    """The copylint configuration of a Vale run: only the levels (Vale's
    ``MinAlertLevel`` is the rule set's).  Each file is read in the format
    its name and text imply, as copylint reads it: Vale's blocks come from
    the scoped reader, and copylint's reading of the prose keeps every fix
    off markup, code and URLs (a Vale rule scoped to ``raw`` or ``code``
    still reports there, without a fix)."""


def vale_settings(min_level: Level | None = None, fail_level: Level | None = None,
                  inline_config: bool = True) -> Config:
    return ValeSettings(min_level=min_level or Level.SUGGESTION, fail_level=fail_level or Level.ERROR,
                        inline_config=inline_config)


def lint(paths: list[Path], ruleset: ValeRuleSet, jobs: int = 1, read: ReadOptions = DEFAULT_READ) -> Report:
    """Lint ``paths`` (walked as Vale walks them) with a Vale rule set."""
    files = [Path(shown) for _full, shown in discover(paths, ruleset.config)]
    return lint_paths(files, ruleset, config=vale_settings(), jobs=jobs, read=read, follow_symlinks=True)
