"""Reading a Vale configuration file (``.vale.ini``, ``_vale.ini``, ``.vale``,
``_vale``).

Understood keys — top level: ``StylesPath``, ``MinAlertLevel``, ``Vocab``,
``WordTemplate``, ``IgnoredScopes``, ``SkippedScopes``, ``IgnoredClasses``;
in glob sections (``[*]``, ``[*.md]``, ``[*.{md,txt}]``, ``[docs/*.md]``):
``BasedOnStyles``, ``Style.Rule = YES|NO|error|warning|suggestion``,
``BlockIgnores``, ``TokenIgnores``.  Other keys (``Packages``, ``Lang``,
``Transform``…) are kept but have no effect; :attr:`ValeConfig.unsupported`
lists them so the CLI can say so.
"""

from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CopylintError
from ..inputs.safeload import shown

CONFIG_NAMES = (".vale.ini", "_vale.ini", ".vale", "_vale")
LEVELS = ("suggestion", "warning", "error")
_SECTION = re.compile(r"^\[(.+)\]\s*$")
_KEY = re.compile(r"^([^=]+?)\s*=\s*(.*)$")
_SUPPORTED_GLOBAL = {"stylespath", "minalertlevel", "vocab", "wordtemplate", "ignoredscopes",
                     "skippedscopes", "ignoredclasses"}
_SUPPORTED_SECTION = {"basedonstyles", "blockignores", "tokenignores", "ignorepatterns"}


class ValeConfigError(CopylintError):
    pass


@dataclass
class Section:
    """One glob section of the configuration, in file order."""

    pattern: str
    base_styles: list[str] | None = None
    rules: dict[str, str] = field(default_factory=dict)  # Style.Rule -> YES/NO/level
    block_ignores: list[str] = field(default_factory=list)
    token_ignores: list[str] = field(default_factory=list)

    def matches(self, path: str) -> bool:
        return glob_match(self.pattern, path)


@dataclass
class ValeConfig:
    path: Path
    styles_path: Path
    min_level: str = "suggestion"
    vocab: list[str] = field(default_factory=list)
    word_template: str = ""
    ignored_scopes: list[str] = field(default_factory=list)
    skipped_scopes: list[str] = field(default_factory=list)
    ignored_classes: list[str] = field(default_factory=list)
    global_styles: list[str] = field(default_factory=list)
    global_rules: dict[str, str] = field(default_factory=dict)
    sections: list[Section] = field(default_factory=list)
    unsupported: list[str] = field(default_factory=list)

    @property
    def root(self) -> Path:
        return self.path.parent

    def styles_for(self, path: str) -> list[str]:
        styles = list(self.global_styles)
        for section in self.sections:
            if section.base_styles is not None and section.matches(path):
                styles = list(section.base_styles)
        return styles

    def rules_for(self, path: str) -> dict[str, str]:
        switches: dict[str, str] = {}
        for section in self.sections:
            if section.matches(path):
                switches.update(section.rules)
        return switches

    def ignores_for(self, path: str) -> tuple[list[str], list[str]]:
        blocks: list[str] = []
        tokens: list[str] = []
        for section in self.sections:
            if section.matches(path):
                blocks += section.block_ignores
                tokens += section.token_ignores
        return blocks, tokens

    def lints(self, path: str) -> bool:
        """Does any section apply to ``path`` (Vale skips files no section names)?"""
        return bool(self.global_styles or self.global_rules) or any(s.matches(path) for s in self.sections)


def _expand_braces(pattern: str) -> list[str]:
    m = re.search(r"\{([^{}]*)\}", pattern)
    if not m:
        return [pattern]
    out = []
    for option in m.group(1).split(","):
        out += _expand_braces(pattern[:m.start()] + option.strip() + pattern[m.end():])
    return out


def glob_match(pattern: str, path: str) -> bool:
    """Vale's section globs: ``*`` matches across folders, ``{a,b}`` alternatives;
    a pattern without a folder also matches the file name alone."""
    path = path.replace(os.sep, "/")
    if path.startswith("./"):
        path = path[2:]
    name = path.rsplit("/", 1)[-1]
    for option in _expand_braces(pattern):
        if fnmatch.fnmatchcase(path, option) or ("/" not in option and fnmatch.fnmatchcase(name, option)):
            return True
    return False


def _split_list(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def _split_patterns(value: str) -> list[str]:
    """Ignore patterns are separated by ', ' (a comma inside a regex stays)."""
    return [v.strip() for v in value.split(", ") if v.strip()]


def _check_level(value: str, where: str) -> str:
    if value.lower() not in LEVELS:
        raise ValeConfigError(f"{where}: level must be one of {', '.join(LEVELS)}, not {shown(value)}")
    return value.lower()


def read_config(path: Path | str) -> ValeConfig:
    """Parse ``path``; raise :class:`ValeConfigError` naming the line on a problem."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValeConfigError(f"{path}: cannot read Vale configuration: {exc}") from None
    config = ValeConfig(path=path, styles_path=path.parent)
    section: Section | None = None
    styles_path = ""
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        number = i + 1
        i += 1
        if not line or line.startswith(("#", ";")):
            continue
        m = _SECTION.match(line)
        if m:
            section = Section(pattern=m.group(1).strip())
            config.sections.append(section)
            continue
        m = _KEY.match(line)
        if not m:
            raise ValeConfigError(f"{path}:{number}: expected 'key = value', got {shown(line)}")
        key, value = m.group(1).strip(), m.group(2).strip()
        # a value may continue on indented lines (Vale's ini allows it for ignores)
        while i < len(lines) and lines[i][:1] in (" ", "\t") and lines[i].strip() \
                and not _KEY.match(lines[i].strip()):
            value += lines[i].strip()
            i += 1
        if value[:3] in ('"""', "'''"):
            value = value[3:-3] if value.endswith(value[:3]) and len(value) >= 6 else value[3:]
        lower = key.lower()
        where = f"{path}:{number}"
        if section is None:
            if lower == "stylespath":
                styles_path = value
            elif lower == "minalertlevel":
                config.min_level = _check_level(value, where)
            elif lower == "vocab":
                config.vocab = _split_list(value)
            elif lower == "wordtemplate":
                config.word_template = value
            elif lower == "ignoredscopes":
                config.ignored_scopes = _split_list(value)
            elif lower == "skippedscopes":
                config.skipped_scopes = _split_list(value)
            elif lower == "ignoredclasses":
                config.ignored_classes = _split_list(value)
            elif lower == "basedonstyles":
                config.global_styles = _split_list(value)
            elif "." in key:
                config.global_rules[key] = _switch(value, where)
            else:
                config.unsupported.append(key)
            continue
        if lower == "basedonstyles":
            section.base_styles = _split_list(value)
        elif lower in ("blockignores", "ignorepatterns"):
            section.block_ignores += _split_patterns(value)
        elif lower == "tokenignores":
            section.token_ignores += _split_patterns(value)
        elif "." in key and " " not in key:
            section.rules[key] = _switch(value, where)
        elif lower not in _SUPPORTED_SECTION:
            config.unsupported.append(key)
    base = path.parent
    config.styles_path = (base / styles_path).resolve() if styles_path else base
    return config


def _switch(value: str, where: str) -> str:
    upper = value.upper()
    if upper in ("YES", "NO", "ON", "OFF"):
        return "NO" if upper in ("NO", "OFF") else "YES"
    return _check_level(value, where)


def find_config(start: Path | str) -> Path | None:
    """The nearest Vale configuration file in ``start`` or a parent folder."""
    folder = Path(start).resolve()
    if folder.is_file():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            if (candidate / name).is_file():
                return candidate / name
    return None
