"""House styles the desk can lint with: a name -> a loaded :class:`RuleSet`.

A style is a built-in rule pack (a directory under the built-in rules, e.g.
``newsroom``) plus any extra rule directories the server was started with.
When the rule loader knows house styles itself (``load_rules(style=...)``),
that is used instead, so the page and the CLI agree on what a style means.
"""

from __future__ import annotations

import inspect
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from ..errors import CopylintError
from ..ruleset import BUILTIN_RULES_DIR, RuleSet, load_rules

#: The style used when ``--no-builtin`` leaves only the ``--rules`` directories.
CUSTOM_STYLE = "custom"


def _loader_knows_styles() -> bool:
    return "style" in inspect.signature(load_rules).parameters


def builtin_styles() -> list[str]:
    """Names of the built-in rule packs, the default one first."""
    from .. import ruleset

    lister = getattr(ruleset, "available_styles", None)
    if _loader_knows_styles() and callable(lister):
        return list(lister())
    packs = sorted(p.name for p in BUILTIN_RULES_DIR.iterdir()
                   if p.is_dir() and not p.name.startswith((".", "_")))
    if "newsroom" in packs:
        packs.remove("newsroom")
        packs.insert(0, "newsroom")
    return packs


class UnknownStyle(CopylintError):
    def __init__(self, name: str, available: Sequence[str]):
        super().__init__(f"unknown style {name!r} (available: {', '.join(available)})")


@dataclass(frozen=True)
class StyleInfo:
    name: str
    rules: int
    default: bool


class StyleBook:
    """Loads each style's rules once (thread-safe) and hands out rule sets."""

    def __init__(self, extra_rules: Sequence[Path | str] = (), builtin: bool = True):
        self.extra_rules = [Path(p) for p in extra_rules]
        self.builtin = builtin
        if builtin:
            self.names = builtin_styles()
        else:
            if not self.extra_rules:
                raise CopylintError("--no-builtin needs at least one --rules directory")
            self.names = [CUSTOM_STYLE]
        if not self.names:
            raise CopylintError("no house style found (no built-in rule pack)")
        self._sets: dict[str, RuleSet] = {}
        self._lock = threading.Lock()

    @property
    def default(self) -> str:
        return self.names[0]

    def load_all(self) -> None:
        """Load and compile every style now, so a bad rule file fails at start-up."""
        for name in self.names:
            self.get(name).engine  # noqa: B018 - compiles the checks

    def get(self, name: str | None = None) -> RuleSet:
        name = name or self.default
        if name not in self.names:
            raise UnknownStyle(name, self.names)
        with self._lock:
            rules = self._sets.get(name)
            if rules is None:
                rules = self._sets[name] = self._load(name)
            return rules

    def _load(self, name: str) -> RuleSet:
        if not self.builtin:
            return load_rules(self.extra_rules, builtin=False)
        if _loader_knows_styles():
            return load_rules(self.extra_rules, style=name)  # type: ignore[call-arg]
        return load_rules([BUILTIN_RULES_DIR / name, *self.extra_rules], builtin=False)

    def info(self) -> list[StyleInfo]:
        return [StyleInfo(n, len(self.get(n)), n == self.default) for n in self.names]
