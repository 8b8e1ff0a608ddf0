"""House styles the desk can lint with: a name -> a loaded :class:`RuleSet`.

The desk applies the configuration exactly as ``copylint check`` does: the
rules of a style are built by :meth:`Config.build_rules` (the style pack, the
configuration's ``rules`` plus ``--rules``, then ``select``, ``ignore`` and
``levels``), each request's ``path`` gets the ``per-path-ignores`` that match
it, and ``min-level`` and ``inline-config`` are the configuration's.

The styles offered are the desk's own first (the configuration's ``style:``
or the ``--style`` options, by the pack's name; the first is the default),
then the built-in styles.  A built-in style the desk did not choose is offered
with the same configuration, except that a ``select``/``ignore``/``levels``
entry naming a rule only the desk's pack has does not stop it loading.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from ..config.model import Config
from ..errors import CopylintError
from ..findings import Level
from ..engine.linting import engine_for
from ..ruleset import BUILTIN_RULES_DIR, DEFAULT_STYLE, RuleSet, available_styles
from ..ruleset.packs import read_manifest, resolve_style

#: The desk's name for the styles of a Vale configuration (``serve --vale``).
VALE_STYLE = "vale"
#: The style used when ``--no-builtin`` leaves only the ``--rules`` directories.
CUSTOM_STYLE = "custom"


def builtin_styles() -> list[str]:
    """Names of the built-in rule packs, the default one first."""
    return available_styles()


class UnknownStyle(CopylintError):
    def __init__(self, name: str, available: Sequence[str]):
        super().__init__(f"unknown style {name!r} (available: {', '.join(available)})")


@dataclass(frozen=True)
class StyleInfo:
    name: str
    rules: int
    default: bool
    #: "desk" for a style the desk chose (configuration or --style), else "builtin".
    origin: str = "builtin"


def _is_path(ref: str) -> bool:
    return "/" in ref or "\\" in ref or ref.startswith(".") or Path(ref).is_dir()


def _pack_name(ref: str) -> str:
    """The name a pack directory gives itself (``name:`` in pack.yml)."""

    return read_manifest(resolve_style(ref, BUILTIN_RULES_DIR)).name


class StyleBook:
    """Loads each style's rules once (thread-safe) and hands out rule sets.

    ``config`` is the desk's configuration (default: none, i.e. ``Config()``);
    ``extra_rules`` are the ``--rules`` files added to it; ``styles`` the
    ``--style`` values (replacing the configuration's ``style``); ``builtin``
    False (``--no-builtin``) offers one style, ``custom``, made of the rule
    files alone (None: the configuration's ``builtin-rules``); ``vale`` the
    rule set of a Vale configuration, offered first as the style ``vale``."""

    def __init__(self, extra_rules: Sequence[Path | str] = (), builtin: bool | None = None, *,
                 config: Config | None = None, styles: Sequence[str] = (), vale: RuleSet | None = None):
        self.config = config or Config()
        self.extra_rules = [Path(p) for p in extra_rules]
        self.builtin = self.config.builtin if builtin is None else builtin
        if builtin is not None:
            self.config = self.config.override(builtin=builtin)
        #: style name -> the reference given to the loader (a built-in name or a path)
        self._refs: dict[str, str] = {}
        self._desk: list[str] = []
        if not self.builtin:
            if styles:
                raise CopylintError("--style cannot be combined with --no-builtin")
            self._refs[CUSTOM_STYLE] = ""
            self._desk.append(CUSTOM_STYLE)
        else:
            chosen = list(styles) or ([self.config._style_ref()] if self.config.style else [])
            for ref in chosen:
                name = _pack_name(ref) if _is_path(ref) else ref
                if name in self._refs:
                    name = ref  # two packs of one name: tell them apart by path
                self._refs[name] = ref
                self._desk.append(name)
            for name in builtin_styles():
                self._refs.setdefault(name, name)
        self._sets: dict[str, RuleSet] = {}
        if vale is not None:  # the rules of a Vale configuration, offered first
            self._refs = {VALE_STYLE: "", **self._refs}
            self._desk.insert(0, VALE_STYLE)
            self._sets[VALE_STYLE] = vale
        self.names = list(self._refs)
        if not self.names:
            raise CopylintError("no house style found (no built-in rule pack)")
        self._lock = threading.Lock()

    @property
    def default(self) -> str:
        if self._desk:
            return self._desk[0]
        return DEFAULT_STYLE if DEFAULT_STYLE in self.names else self.names[0]

    @property
    def min_level(self) -> Level:
        return self.config.min_level

    @property
    def inline_config(self) -> bool:
        return self.config.inline_config

    def load_all(self) -> None:
        """Load and compile every style now, so a bad rule file fails at start-up."""
        for name in self.names:
            engine_for(self.get(name))  # compiles the checks

    def get(self, name: str | None = None) -> RuleSet:
        name = name or self.default
        if name not in self.names:
            raise UnknownStyle(name, self.names)
        with self._lock:
            rules = self._sets.get(name)
            if rules is None:
                rules = self._sets[name] = self._load(name)
            return rules

    def rules_for(self, name: str | None, path: str) -> RuleSet:
        """The rules of style ``name`` for a document at ``path`` (the
        configuration's ``per-path-ignores`` applied)."""
        return self.config.rules_for_path(self.get(name), path)

    def _load(self, name: str) -> RuleSet:
        ref = self._refs[name]
        if not self.builtin:
            return self.config.build_rules(self.extra_rules)
        # a style named on the command line is relative to the working directory,
        # as for `copylint check --style` (override() forgets the file's line)
        config = self.config if self.config.style and ref == self.config._style_ref() \
            else self.config.override(style=ref)
        return config.build_rules(self.extra_rules, strict=name == self.default)

    def info(self) -> list[StyleInfo]:
        return [StyleInfo(n, len(self.get(n)), n == self.default,
                          "desk" if n in self._desk else "builtin")
                for n in self.names]
