"""Configuration of the server: the project's file for each workspace folder,
found as ``copylint check`` run in that folder finds it (``.copylint.yaml``,
``.copylint.yml`` or ``[tool.copylint]`` in ``pyproject.toml``, in the folder
or a parent), with the client's settings on top, the way command-line flags
go on top of the file.

Client settings (``initializationOptions`` or ``workspace/didChangeConfiguration``,
either flat or under a ``copylint`` key):

``style``        house style: a built-in pack name or a pack directory
``min-level``    ``error``, ``warning`` or ``suggestion``: hide findings below it
``debounce-ms``  wait this long after the last keystroke before linting (default 20)
``enable``       ``false`` switches diagnostics off
``vale``         ``true``: lint with the Vale styles of the nearest ``.vale.ini``
                 instead (as ``copylint check --vale``)
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config.model import CONFIG_NAMES, PYPROJECT, Config, find_config, load_config
from ..errors import CopylintError
from ..findings import LEVEL_NAMES, Level
from ..formats import FORMATS, format_for
from ..ruleset import RuleSet
from ..vale.config import CONFIG_NAMES as VALE_CONFIG_NAMES

if TYPE_CHECKING:
    from .vale import ValeSetup

DEFAULT_DEBOUNCE_MS = 20
#: The names a configuration file can have (copylint's, then Vale's): saving
#: or changing one reloads.
CONFIG_FILE_NAMES = (*CONFIG_NAMES, PYPROJECT, *VALE_CONFIG_NAMES)

#: LSP language id -> copylint format.
LANGUAGES = {
    "plaintext": "text", "text": "text",
    "markdown": "markdown", "md": "markdown",
    "html": "html", "htm": "html", "xhtml": "html",
}


class SettingsError(ValueError):
    """A client setting that cannot be used."""


@dataclass(frozen=True)
class Settings:
    """What the client asked for; ``None`` leaves the configuration file's value."""

    style: str | None = None
    min_level: Level | None = None
    debounce_ms: int = DEFAULT_DEBOUNCE_MS
    enable: bool = True
    vale: bool = False

    @classmethod
    def parse(cls, raw: Any) -> "Settings":
        """Settings from the client's JSON; raises :class:`SettingsError`
        naming the bad key (unknown keys are ignored: a client may send its own)."""
        if raw is None:
            return cls()
        if not isinstance(raw, dict):
            raise SettingsError(f"settings must be an object, not {type(raw).__name__}")
        if isinstance(raw.get("copylint"), dict):
            raw = raw["copylint"]
        values: dict[str, Any] = {}
        style = _get(raw, "style")
        if style is not None:
            if not isinstance(style, str) or not style.strip():
                raise SettingsError("setting 'style' must be a non-empty string")
            values["style"] = style.strip()
        level = _get(raw, "min-level")
        if level is not None:
            if not isinstance(level, str) or level.strip().lower() not in LEVEL_NAMES:
                raise SettingsError(f"setting 'min-level' must be one of {', '.join(LEVEL_NAMES)}, "
                                    f"not {level!r}")
            values["min_level"] = Level.parse(level)
        debounce = _get(raw, "debounce-ms")
        if debounce is not None:
            if isinstance(debounce, bool) or not isinstance(debounce, int) or not 0 <= debounce <= 10_000:
                raise SettingsError("setting 'debounce-ms' must be a whole number from 0 to 10000")
            values["debounce_ms"] = debounce
        for key in ("enable", "vale"):
            flag = _get(raw, key)
            if flag is not None:
                if not isinstance(flag, bool):
                    raise SettingsError(f"setting '{key}' must be true or false")
                values[key] = flag
        return cls(**values)


def _get(raw: dict[str, Any], key: str) -> Any:
    """``min-level``, ``min_level`` or ``minLevel``: clients spell keys differently."""
    camel = key.split("-")[0] + "".join(part.title() for part in key.split("-")[1:])
    for name in (key, key.replace("-", "_"), camel):
        if name in raw:
            return raw[name]
    return None


@dataclass
class Setup:
    """The rules and settings that lint documents of one folder, or the error
    that stops them from loading."""

    config: Config | None
    rules: RuleSet | None
    error: CopylintError | None = None
    #: Vale mode: the Vale styles that lint instead of ``rules``.
    vale: "ValeSetup | None" = None

    @property
    def min_level(self) -> Level:
        return self.config.min_level if self.config is not None else Level.SUGGESTION


@dataclass
class Configurations:
    """Workspace folders and the setup each uses; loaded on first use and
    kept until :meth:`reload`."""

    folders: list[Path] = field(default_factory=list)
    settings: Settings = field(default_factory=Settings)
    _setups: dict[tuple[str, ...], Setup] = field(default_factory=dict)

    def reload(self) -> None:
        """Forget every loaded configuration (a file changed, or the settings did)."""
        self._setups.clear()

    def folder_for(self, path: Path | None) -> Path | None:
        """The innermost workspace folder holding ``path`` (the first folder
        for a document that has no path, None without folders)."""
        if path is None:
            return self.folders[0] if self.folders else None
        best = None
        for folder in self.folders:
            if path == folder or folder in path.parents:
                if best is None or len(folder.parts) > len(best.parts):
                    best = folder
        return best

    def setup_for(self, path: Path | None) -> Setup:
        """The setup for a document: the configuration file of its workspace
        folder (outside every folder: of its own directory), with the client's
        settings on top."""
        folder = self.folder_for(path)
        start = folder or (path.parent if path is not None else None)
        if self.settings.vale:
            key = ("vale", str(start), str(self.settings))
            if key not in self._setups:
                self._setups[key] = self._load_vale(start)
            return self._setups[key]
        config_path = find_config(start) if start is not None else None
        key = (str(config_path), str(self.settings))
        if key not in self._setups:
            self._setups[key] = self._load(config_path)
        return self._setups[key]

    def _load(self, config_path: Path | None) -> Setup:
        try:
            config = load_config(config_path) if config_path is not None else Config()
            config = config.override(style=self.settings.style, min_level=self.settings.min_level)
            from ..engine.linting import default_rules

            uses_defaults = config.path is None and config.style is None
            rules = default_rules() if uses_defaults else config.build_rules()
        except CopylintError as exc:
            return Setup(None, None, exc)
        return Setup(config, rules)

    def _load_vale(self, start: Path | None) -> Setup:
        from .vale import load_vale

        try:
            vale = load_vale(start)
        except CopylintError as exc:
            return Setup(None, None, exc)
        return Setup(Config(), None, vale=vale)

    def loaded_errors(self) -> list[CopylintError]:
        return [setup.error for setup in self._setups.values() if setup.error is not None]

    def watches(self, path: Path) -> bool:
        """Whether a change to ``path`` may change a setup: a configuration
        file, or a file under a configuration's rule files."""
        if path.name in CONFIG_FILE_NAMES:
            return True
        for setup in self._setups.values():
            if setup.config is None:
                continue
            for rules in setup.config.rules:
                if path == rules or rules in path.parents:
                    return True
        return False


def document_format(language_id: str | None, path: str, extensions: tuple[str, ...]) -> str | None:
    """The format a document is linted as, or None when it is not prose
    copylint reads (a Python file the editor attached the server to)."""
    if language_id and language_id.lower() in LANGUAGES:
        return LANGUAGES[language_id.lower()]
    if language_id and language_id.lower() in FORMATS:
        return language_id.lower()
    suffix = os.path.splitext(path)[1].lower()
    if suffix and suffix in extensions:
        return format_for(path)
    return None
