"""Project configuration: the house settings a desk commits with its content.

``.copylint.yaml`` (or ``.copylint.yml``, or a ``[tool.copylint]`` table in
``pyproject.toml``) is found by looking in the working directory and then in
each parent; the first directory that has one wins, and in one directory the
YAML file wins over ``pyproject.toml``.  ``--config PATH`` names the file
instead; ``--no-config`` ignores them all.  Paths and globs in the file are
relative to the directory the file is in.  Every key is validated: an unknown
key or a bad value is an error naming the file and the line (exit 2).
"""

from __future__ import annotations

import dataclasses
import inspect
import re
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec


from ..errors import CopylintError, RuleError
from ..findings import LEVEL_NAMES, Level
from ..formats import DEFAULT_EXTENSIONS
from ..ruleset import RuleSet, load_rules
from ..ruleset.loader import EmptyRuleSet
from ..ruleset.yaml_lines import LineDict, YamlProblem, load_yaml
from ..inputs.safeload import TomlProblem, load_toml, shown
from ..engine.suppression import closest_rule
from ..formats import FORMATS

CONFIG_NAMES = (".copylint.yaml", ".copylint.yml")


def _gitignore_spec(lines: list[str]) -> "GitIgnoreSpec":
    from pathspec import GitIgnoreSpec  # imported when a glob is first used

    return GitIgnoreSpec.from_lines(lines)


PYPROJECT = "pyproject.toml"


class ConfigError(CopylintError):
    """A configuration file that cannot be used: ``file:line: what is wrong``."""

    def __init__(self, path: str, line: int | None, problem: str):
        self.path = path
        self.line = line
        self.problem = problem
        super().__init__(f"{path}:{line}: {problem}" if line else f"{path}: {problem}")


# -- value converters: value -> Python value, or ValueError ------------------------
def _string(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"must be a non-empty string, not {_kind(value)}")
    return value.strip()


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"must be true or false, not {_kind(value)}")
    return value


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise ValueError(f"must be a list of strings, not {_kind(value)}")
    for i, item in enumerate(value, 1):
        if not isinstance(item, str) or not item.strip():
            raise ValueError(f"item {i} must be a non-empty string, not {_kind(item)}")
    return [item.strip() for item in value]


def _rule_patterns(value: Any) -> list[str]:
    """Rule ids or globs; a comma-separated string is accepted too."""
    if isinstance(value, str):
        value = [v for v in re.split(r"[,\s]+", value) if v]
    items = _strings(value)
    for item in items:
        if not re.fullmatch(r"[A-Za-z0-9_.\-*?\[\]!]+", item):
            raise ValueError(f"{shown(item)} is not a rule id or glob")
    return items


def _level(value: Any) -> Level:
    if not isinstance(value, str) or value.strip().lower() not in LEVEL_NAMES:
        raise ValueError(f"must be one of {', '.join(LEVEL_NAMES)}, not {shown(value)}")
    return Level.parse(value)


def _levels(value: Any) -> dict[str, Level]:
    if not isinstance(value, dict):
        raise ValueError(f"must be a mapping of rule id or glob to level, not {_kind(value)}")
    out = {}
    for key, level in value.items():
        if not isinstance(key, str):
            raise ValueError(f"key {shown(key)} must be a rule id or glob")
        (pattern,) = _rule_patterns([key])
        try:
            out[pattern] = _level(level)
        except ValueError as exc:
            raise ValueError(f"{key}: {exc}") from None
    return out


def _globs(value: Any) -> list[str]:
    items = _strings(value)
    for item in items:
        try:
            _gitignore_spec([item])
        except Exception as exc:  # pathspec raises several types for a bad pattern
            raise ValueError(f"bad glob {shown(item)}: {exc}") from None
    return items


def _extensions(value: Any) -> tuple[str, ...]:
    items = _strings(value)
    out = []
    for item in items:
        ext = item.lower() if item.startswith(".") else "." + item.lower()
        if not re.fullmatch(r"\.[a-z0-9][a-z0-9._-]*", ext):
            raise ValueError(f"{shown(item)} is not a file extension")
        out.append(ext)
    return tuple(out)


def _per_path(value: Any) -> dict[str, list[str]]:
    if not isinstance(value, dict):
        raise ValueError(f"must be a mapping of path glob to rule ids, not {_kind(value)}")
    out = {}
    for key, ids in value.items():
        if not isinstance(key, str) or not key.strip():
            raise ValueError(f"key {shown(key)} must be a path glob")
        _globs([key])
        try:
            out[key.strip()] = _rule_patterns(ids)
        except ValueError as exc:
            raise ValueError(f"{key}: {exc}") from None
    return out


def _formats(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ValueError(f"must be a mapping of path glob to format, not {_kind(value)}")
    out = {}
    for key, fmt in value.items():
        if not isinstance(key, str) or not key.strip():
            raise ValueError(f"key {key!r} must be a path glob")
        _globs([key])
        if fmt not in FORMATS:
            raise ValueError(f"{key}: unknown format {fmt!r} (known: {', '.join(FORMATS)})")
        out[key.strip()] = fmt
    return out


def _typographers(value: Any) -> dict[str, bool]:
    if not isinstance(value, dict):
        raise ValueError(f"must be a mapping of path glob to true or false, not {_kind(value)}")
    out = {}
    for key, smart in value.items():
        if not isinstance(key, str) or not key.strip():
            raise ValueError(f"key {key!r} must be a path glob")
        _globs([key])
        if not isinstance(smart, bool):
            raise ValueError(f"{key}: must be true or false, not {_kind(smart)}")
        out[key.strip()] = smart
    return out


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    return {dict: "a mapping", list: "a list", str: "a string", bool: "a boolean"}.get(
        type(value), type(value).__name__)


#: key in the file -> (Config attribute, converter).  The README's table lists them.
KEYS: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "style": ("style", _string),
    "builtin-rules": ("builtin", _boolean),
    "rules": ("rules", _strings),
    "select": ("select", _rule_patterns),
    "ignore": ("ignore", _rule_patterns),
    "levels": ("levels", _levels),
    "min-level": ("min_level", _level),
    "fail-level": ("fail_level", _level),
    "extensions": ("extensions", _extensions),
    "include": ("include", _globs),
    "exclude": ("exclude", _globs),
    "per-path-ignores": ("per_path_ignores", _per_path),
    "format": ("formats", _formats),
    "typographer": ("typographers", _typographers),
    "respect-gitignore": ("respect_gitignore", _boolean),
    "inline-config": ("inline_config", _boolean),
}


@dataclass
class Config:
    """Settings for one run.  ``Config()`` is the default: every built-in rule,
    every level, the default extensions, ``.gitignore`` respected."""

    path: Path | None = None
    root: Path = field(default_factory=Path)
    style: str | None = None
    builtin: bool = True
    rules: list[Path] = field(default_factory=list)
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    levels: dict[str, Level] = field(default_factory=dict)
    min_level: Level = Level.SUGGESTION
    fail_level: Level = Level.ERROR
    extensions: tuple[str, ...] = DEFAULT_EXTENSIONS
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    per_path_ignores: dict[str, list[str]] = field(default_factory=dict)
    #: path glob -> format (the last matching glob wins); unmatched: detected
    formats: dict[str, str] = field(default_factory=dict)
    #: path glob -> whether the site renderer curls straight quotes (the last
    #: matching glob wins); unmatched: the format's default (hugo, jekyll: yes)
    typographers: dict[str, bool] = field(default_factory=dict)
    respect_gitignore: bool = True
    inline_config: bool = True
    #: Line of each key in the file (for errors found after loading).
    key_lines: dict[str, int] = field(default_factory=dict, repr=False)
    _path_rules: dict = field(default_factory=dict, repr=False, compare=False)

    def override(self, **changes: Any) -> "Config":
        """A copy with the given settings replaced; ``None`` values are ignored
        (so a CLI flag that was not given leaves the file's value)."""
        given = {k: v for k, v in changes.items() if v is not None}
        # a setting the command line replaced no longer comes from a line of the file
        key_lines = {k: line for k, line in self.key_lines.items() if k not in given}
        return dataclasses.replace(self, **given, key_lines=key_lines, _path_rules={})

    # -- rules ---------------------------------------------------------------
    def build_rules(self, extra: Iterable[Path | str] = (), strict: bool = True) -> RuleSet:
        """Load the configured rules (plus ``extra`` rule files or directories),
        then apply ``select``, ``ignore`` and ``levels``.  ``strict=False``
        tolerates an entry that matches no loaded rule (the desk offering
        a style other than the configured one)."""
        kwargs: dict[str, Any] = {}
        if self.style is not None:
            if "style" not in inspect.signature(load_rules).parameters:
                raise self.error("style", "house style packs are not available in this copylint")
            kwargs["style"] = self._style_ref()
        try:
            loaded = load_rules([*self.rules, *extra], builtin=self.builtin, **kwargs)
        except EmptyRuleSet as exc:
            if "builtin-rules" in self.key_lines:  # the file switched the built-in rules off
                raise self.error("builtin-rules", f"builtin-rules: false, and {exc}") from None
            raise
        except RuleError as exc:
            if self.style is not None and exc.path == str(kwargs["style"]) and "style" in self.key_lines:
                raise self.error("style", f"style: {exc.problem}") from None  # the file's style: value
            raise
        ids = [rule.id for rule in loaded]
        for key, patterns in (("select", self.select), ("ignore", self.ignore),
                              ("levels", list(self.levels)),
                              ("per-path-ignores", [p for v in self.per_path_ignores.values() for p in v])):
            for pattern in patterns:
                if strict and not any(fnmatchcase(i, pattern) for i in ids):
                    close = closest_rule(pattern, ids)
                    hint = f"; did you mean '{close}'?" if close else ""
                    raise self.error(key, f"{key}: '{pattern}' matches no loaded rule{hint}")

        def keep(rule_id: str) -> bool:
            if self.select and not any(fnmatchcase(rule_id, p) for p in self.select):
                return False
            return not any(fnmatchcase(rule_id, p) for p in self.ignore)

        rules = []
        for rule in loaded:
            if not keep(rule.id):
                continue
            level = self._level_for(rule.id)
            rules.append(rule if level is None or level == rule.level else dataclasses.replace(rule, level=level))
        return RuleSet(rules, known_ids=loaded.known_ids, derived=loaded.derived)

    def _style_ref(self) -> str:
        """The style as given, or, for a pack directory written in the file
        (``style: ./house``), that path relative to the file's directory."""
        style = str(self.style)
        is_path = "/" in style or "\\" in style or style.startswith(".")
        if is_path and "style" in self.key_lines and not Path(style).is_absolute():
            return str(self.root / style)
        return style

    def _level_for(self, rule_id: str) -> Level | None:
        """An exact id wins over a glob; among globs, the longest (most specific)."""
        if rule_id in self.levels:
            return self.levels[rule_id]
        matching = [p for p in self.levels if fnmatchcase(rule_id, p)]
        return self.levels[max(matching, key=len)] if matching else None

    def rules_for_path(self, ruleset: RuleSet, path: Path | str) -> RuleSet:
        """``ruleset`` without the rules ``per-path-ignores`` switches off for ``path``."""
        if not self.per_path_ignores:
            return ruleset
        relative = self.relative(Path(path))
        ignored = tuple(sorted({rule_id for glob, ids in self.per_path_ignores.items()
                                if _spec(glob).match_file(relative) for rule_id in ids}))
        if not ignored:
            return ruleset
        key = (id(ruleset), ignored)
        if key not in self._path_rules:
            self._path_rules[key] = ruleset.select(
                lambda rule: not any(fnmatchcase(rule.id, p) for p in ignored))
        return self._path_rules[key]

    def format_for(self, path: Path | str) -> str | None:
        """The format ``format:`` sets for ``path`` (None: detect it), with
        ``+smart``/``-smart`` appended when ``typographer:`` sets it (a
        format of just ``+smart``/``-smart`` is detected, then set so)."""
        if not self.formats and not self.typographers:
            return None
        relative = self.relative(Path(path))
        found = None
        for glob, fmt in self.formats.items():
            if _spec(glob).match_file(relative):
                found = fmt
        smart = None
        for glob, value in self.typographers.items():
            if _spec(glob).match_file(relative):
                smart = value
        if smart is None:
            return found
        return (found or "") + ("+smart" if smart else "-smart")

    # -- paths ---------------------------------------------------------------
    def relative(self, path: Path) -> str:
        """``path`` relative to the configuration's directory (POSIX form), or
        as given when it lies outside it."""
        try:
            return path.absolute().relative_to(self.root.absolute()).as_posix()
        except ValueError:
            return path.as_posix()

    def error(self, key: str, problem: str) -> ConfigError:
        return ConfigError(str(self.path or "<config>"), self.key_lines.get(key), problem)


_SPECS: dict[str, GitIgnoreSpec] = {}


def _spec(glob: str) -> GitIgnoreSpec:
    if glob not in _SPECS:
        _SPECS[glob] = _gitignore_spec([glob])
    return _SPECS[glob]


def glob_spec(globs: list[str]) -> GitIgnoreSpec | None:
    """One matcher for a list of gitignore-style globs (None when empty)."""
    return _gitignore_spec(globs) if globs else None


# -- finding and reading files -----------------------------------------------------
def find_config(start: Path | None = None) -> Path | None:
    """The configuration file for ``start`` (default: the working directory)."""
    here = (start or Path.cwd()).absolute()
    for directory in (here, *here.parents):
        for name in CONFIG_NAMES:
            if (directory / name).is_file():
                return directory / name
        pyproject = directory / PYPROJECT
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


def _has_tool_table(pyproject: Path) -> bool:
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return re.search(r"^\s*\[\s*tool\s*\.\s*copylint\s*[.\]]", text, re.MULTILINE) is not None


def load_config(path: Path | str | None = None, start: Path | None = None) -> Config:
    """Read ``path``, or the file :func:`find_config` finds; ``Config()`` if none."""
    if path is None:
        path = find_config(start)
        if path is None:
            return Config()
    path = Path(path)
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(name, None, "no such configuration file") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(name, None, f"not valid UTF-8 at byte {exc.start}") from None
    except OSError as exc:
        raise ConfigError(name, None, f"cannot read: {exc.strerror or exc}") from None
    if path.suffix == ".toml":
        data, lines = _read_toml(name, text)
    else:
        data, lines = _read_yaml(name, text)
    config = Config(path=path, root=path.absolute().parent, key_lines=lines)
    for key, value in data.items():
        if key not in KEYS:
            import difflib  # only for a misspelt key

            close = difflib.get_close_matches(str(key), list(KEYS), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f" (known keys: {', '.join(KEYS)})"
            raise ConfigError(name, lines.get(str(key)), f"unknown key {shown(key)}{hint}")
        attribute, convert = KEYS[key]
        try:
            converted = convert(value)
        except ValueError as exc:
            line = lines.get(key)
            if isinstance(value, LineDict):  # point at the nested key when the problem names it
                line = next((value.line_of(k) for k in value if str(exc).startswith(f"{k}:")), line)
            raise ConfigError(name, line, f"{key}: {exc}") from None
        if key == "rules":
            converted = [config.root / p for p in converted]
        setattr(config, attribute, converted)
    return config


def _read_yaml(name: str, text: str) -> tuple[dict[str, Any], dict[str, int]]:
    try:
        data = load_yaml(text)
    except YamlProblem as exc:
        raise ConfigError(name, exc.line, exc.problem) from None
    if data is None:
        return {}, {}
    if not isinstance(data, LineDict):
        raise ConfigError(name, 1, f"the configuration must be a mapping of keys, not {_kind(data)}")
    return dict(data), dict(data.key_lines)


def _read_toml(name: str, text: str) -> tuple[dict[str, Any], dict[str, int]]:
    try:
        document = load_toml(text)
    except TomlProblem as exc:
        raise ConfigError(name, exc.line, exc.problem) from None
    table = document.get("tool", {}).get("copylint")
    if table is None:
        raise ConfigError(name, None, "no [tool.copylint] table")
    if not isinstance(table, dict):
        raise ConfigError(name, None, "[tool.copylint] must be a table")
    return table, _toml_key_lines(text, table)


_TOML_KEY = r"""(?:([A-Za-z0-9_-]+)|"([^"\\]*)"|'([^']*)')"""


def _toml_key_lines(text: str, table: dict[str, Any]) -> dict[str, int]:
    """Best-effort line of each key of ``[tool.copylint]`` (tomllib keeps none):
    one pass over the lines, whatever the number of keys."""
    header, table_start = re.compile(r"\s*\["), re.compile(r"\s*\[\s*tool\s*\.\s*copylint\s*\]")
    subtable = re.compile(rf"\s*\[+\s*tool\s*\.\s*copylint\s*\.\s*{_TOML_KEY}\s*[.\]]")
    assignment = re.compile(rf"\s*{_TOML_KEY}\s*[=.]")
    first: dict[str, int] = {}
    seen_header = inside = False
    for number, line in enumerate(text.splitlines(), 1):
        if header.match(line):
            sub = subtable.match(line)
            if sub:
                first.setdefault(next(g for g in sub.groups() if g is not None), number)
            inside = not seen_header and bool(table_start.match(line))
            seen_header = seen_header or inside
            continue
        if inside:
            assign = assignment.match(line)
            if assign:
                first.setdefault(next(g for g in assign.groups() if g is not None), number)
    return {key: first[key] for key in table if key in first}
