"""Style packs: a directory of rule files plus a ``pack.yml`` manifest.

A pack may extend another pack (a built-in name such as ``newsroom``, or a path
relative to the pack's directory) and then change what it inherits without
copying it::

    # rules/ap/pack.yml
    name: ap
    description: Associated Press house style.
    extends: newsroom
    disable: [places.dnieper]            # rule ids or globs (places.*)
    override:
      dates.relative-day: {level: warning}

``disable`` drops inherited rules, ``override`` replaces fields of an inherited
rule (the rule is validated again after the change), and the rule files in the
pack's directory add rules of its own.  A rule of the pack may not reuse an
inherited id: override it instead, so that a house change is always visible.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import RuleError
from ..inputs.safeload import shown
from .validate import did_you_mean
from .yaml_lines import LineDict, YamlProblem, load_yaml

MANIFEST_NAMES = ("pack.yml", "pack.yaml")
MANIFEST_KEYS = {"name", "description", "extends", "disable", "override"}
#: The style used when none is given.
DEFAULT_STYLE = "newsroom"


@dataclass
class Pack:
    """A parsed pack manifest."""

    name: str
    directory: Path
    manifest: Path
    description: str = ""
    extends: str | None = None
    extends_line: int | None = None
    disable: list[tuple[str, int]] = field(default_factory=list)  # (id or glob, line)
    override: dict[str, tuple[LineDict, int]] = field(default_factory=dict)


def manifest_in(directory: Path) -> Path | None:
    for name in MANIFEST_NAMES:
        candidate = directory / name
        if candidate.is_file():
            return candidate
    return None


def is_manifest(path: Path) -> bool:
    return path.name in MANIFEST_NAMES


def builtin_styles(builtin_dir: Path) -> dict[str, Path]:
    """Built-in style name -> its directory (every subdirectory with a manifest)."""
    if not builtin_dir.is_dir():
        return {}
    return {d.name: d for d in sorted(builtin_dir.iterdir()) if d.is_dir() and manifest_in(d)}


def resolve_style(ref: str | Path, builtin_dir: Path, relative_to: Path | None = None,
                  where: tuple[str, int | None] | None = None) -> Path:
    """The manifest of the pack ``ref`` names.  A bare name (no ``/``) is a
    built-in style when one has that name; anything else is a path, relative to
    ``relative_to`` (the extending pack's directory) when given: a pack
    directory or its manifest."""
    text = str(ref)
    styles = builtin_styles(builtin_dir)
    bare = "/" not in text and "\\" not in text and not text.startswith(".")
    if bare and text in styles:
        return manifest_in(styles[text])  # type: ignore[return-value]
    candidate = Path(text).expanduser()
    if relative_to is not None and not candidate.is_absolute():
        candidate = relative_to / candidate
    if candidate.is_file() and is_manifest(candidate):
        return candidate
    if candidate.is_dir():
        manifest = manifest_in(candidate)
        if manifest is None:
            raise RuleError(str(candidate), None, None,
                            "not a style pack: the directory has no pack.yml")
        return manifest

    known = ", ".join(styles) or "none"
    path, line = where if where else (text, None)
    hint = did_you_mean(text, styles) if bare else ""
    raise RuleError(path, line, None,
                    f"unknown style {shown(text)}{hint} (built-in styles: {known}; or give a pack directory)")


def read_manifest(path: Path) -> Pack:
    name = str(path)
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise RuleError(name, None, None, f"not valid UTF-8 at byte {exc.start}") from None
    except OSError as exc:
        raise RuleError(name, None, None, f"cannot read: {exc.strerror or exc}") from None
    except YamlProblem as exc:
        raise RuleError(name, exc.line, None, exc.problem) from None
    if data is None:
        data = LineDict()
        data.line, data.key_lines = 1, {}
    if not isinstance(data, LineDict):
        raise RuleError(name, None, None, "a pack manifest must be a mapping")
    unknown = sorted(map(str, set(data) - MANIFEST_KEYS))
    if unknown:
        raise RuleError(name, data.line_of(unknown[0]), None,
                        f"unknown key {shown(unknown[0])}{did_you_mean(unknown[0], MANIFEST_KEYS)} "
                        f"(expected {', '.join(sorted(MANIFEST_KEYS))})")

    def text_field(key: str) -> str | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            raise RuleError(name, data.line_of(key), None, f"{key}: must be a non-empty string")
        return value

    pack = Pack(name=text_field("name") or path.parent.name, directory=path.parent, manifest=path,
                description=" ".join((text_field("description") or "").split()),
                extends=text_field("extends"), extends_line=data.line_of("extends"))
    disable = data.get("disable") or []
    if isinstance(disable, str):
        disable = [disable]
    if not isinstance(disable, list) or not all(isinstance(d, str) and d.strip() for d in disable):
        raise RuleError(name, data.line_of("disable"), None, "disable: must be a list of rule ids")
    pack.disable = [(d, data.line_of("disable")) for d in disable]
    override = data.get("override")
    if override is None:
        return pack
    if not isinstance(override, LineDict):
        raise RuleError(name, data.line_of("override"), None,
                        "override: must be a mapping of rule id -> fields to change")
    for rule_id, fields in override.items():
        line = override.line_of(str(rule_id))
        if not isinstance(fields, LineDict) or not fields:
            raise RuleError(name, line, str(rule_id), "override: give a mapping of fields to change")
        if "id" in fields:
            raise RuleError(name, fields.line_of("id"), str(rule_id),
                            "override: a rule's id cannot change (disable it and add a new rule)")
        pack.override[str(rule_id)] = (fields, line)
    return pack


def disabled_ids(pack: Pack, ids: list[str]) -> set[str]:
    """The inherited ids ``pack.disable`` removes; an entry that matches no
    inherited rule is an error (a typo would otherwise disable nothing)."""
    out: set[str] = set()
    for pattern, line in pack.disable:
        hits = [i for i in ids if fnmatch.fnmatchcase(i, pattern)]
        if not hits:
            raise RuleError(str(pack.manifest), line, pattern,
                            f"disable: no inherited rule has this id{did_you_mean(pattern, ids)}")
        out.update(hits)
    return out


def merge_override(base: dict[str, Any], fields: LineDict, line: int) -> LineDict:
    """The inherited rule's fields with ``fields`` replacing theirs; every key
    reports the override's line, so a validation error points at the pack."""

    merged = LineDict({**base, **fields})
    merged.line = line
    merged.key_lines = {str(k): fields.line_of(str(k)) for k in fields}
    return merged
