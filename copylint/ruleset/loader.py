"""Load and validate YAML rule files.

A rule file is a mapping with a ``rules:`` list (and optional ``defaults:``
merged into every rule of the file), or a bare list of rules.  Every problem
is reported as ``file:line: rule-id: what is wrong`` (:class:`RuleError`).
"""

from __future__ import annotations

import re
import stat
from pathlib import Path
from typing import Any, Iterable

from ..checks import KINDS
from ..errors import CopylintError, RuleError
from ..findings import APPLICABILITY_NAMES, LEVEL_NAMES, Applicability, Level
from ..inputs.safeload import shown
from . import fields as f
from .cache import cached_rule_set
from .model import Rule, RuleSet
from .packs import DEFAULT_STYLE, disabled_ids, is_manifest, merge_override, read_manifest, resolve_style
from .validate import check_rule, did_you_mean, matching_fields, unknown_key, unrestated_texts
from .yaml_lines import LineDict, YamlProblem, load_yaml


def _builtin_rules_dir() -> Path:
    here = Path(__file__).resolve().parent.parent
    packaged = here / "_rules"  # inside an installed wheel
    return packaged if packaged.is_dir() else here.parent / "rules"


BUILTIN_RULES_DIR = _builtin_rules_dir()
RULE_FILE_SUFFIXES = (".yml", ".yaml")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")

COMMON_FIELDS: dict[str, f.Field] = {
    "id": f.Field(f.nonempty_string, required=True, doc="unique id, e.g. places.kyiv"),
    "kind": f.Field(f.nonempty_string, required=True, doc="which check runs the rule"),
    "level": f.Field(f.choice(*LEVEL_NAMES), required=True, doc="error, warning or suggestion"),
    "message": f.Field(f.nonempty_string, doc="shown to the writer; %s and {match} interpolate"),
    "description": f.Field(f.nonempty_string, required=True, doc="what the rule checks and why"),
    "link": f.Field(f.string, doc="URL with more information"),
    "source": f.Field(f.string, doc="where the house-style fact comes from"),
    "scope": f.Field(f.choice("sentence", "paragraph", "document", "heading"), default="paragraph",
                     doc="the part of the document the rule looks at (consistency: document)"),
    "ignorecase": f.Field(f.boolean, default=False, doc="match regardless of case"),
    "fix-applicability": f.Field(f.choice(*APPLICABILITY_NAMES), default=None,
                                 doc="safe (cannot change what a sentence says: `copylint fix` applies it) "
                                     "or unsafe (needs an editor: applied with --unsafe-fixes); "
                                     "default: the kind's"),
    "context-downgrade": f.Field(f.boolean, default=None,
                                 doc="inside a URL or file name the match is not reported; inside a "
                                     "quotation, a title or where the word itself is discussed it is at "
                                     "most a suggestion and is never fixed safely; default: the kind's"),
    "exceptions": f.Field(f.regex_list, default=[], doc="a match inside one of these is not flagged"),
    "exceptions-from": f.Field(f.string_list, default=[],
                               doc="also honour the exceptions of these rules (ids or globs)"),
    "examples": f.Field(f.examples, doc="{bad: [...], good: [...]}: run by the test suite"),
}


class EmptyRuleSet(CopylintError):
    """Loading gave no rule at all: a run would silently report nothing."""


def rule_files(directory: Path) -> list[Path]:
    """Rule files under ``directory``, recursively, in a stable order (a pack
    manifest, ``pack.yml``, is not a rule file)."""
    return sorted(p for p in directory.rglob("*")
                  if p.suffix in RULE_FILE_SUFFIXES and p.is_file() and not is_manifest(p))


def load_rule_files(paths: Iterable[Path]) -> list[Rule]:
    rules: list[Rule] = []
    seen: dict[str, Rule] = {}
    for path in paths:
        for rule in _load_file(Path(path)):
            if rule.id in seen:
                first = seen[rule.id]
                raise RuleError(str(path), rule.line, rule.id,
                                f"duplicate rule id (first defined at {first.path}:{first.line})")
            seen[rule.id] = rule
            rules.append(rule)
    return rules


def load_rules(directories: Iterable[Path | str] = (), builtin: bool = True,
               style: str | Path | None = None) -> RuleSet:
    """Load a style pack (``style``: a built-in name such as ``newsroom``,
    ``ap`` or ``reuters``, or a pack directory; default ``newsroom``) and every
    rule file under ``directories`` (files may be given directly too).
    ``builtin=False`` loads no pack, only ``directories``."""
    if not builtin and style is not None:
        raise RuleError(str(style), None, None, "a style cannot be combined with --no-builtin")
    files: list[Path] = []
    for entry in directories:
        entry = Path(entry)
        try:
            mode = entry.stat().st_mode
        except OSError as exc:
            problem = "no such rule file or directory" if isinstance(exc, FileNotFoundError) \
                else f"cannot read: {exc.strerror or exc}"
            raise RuleError(str(entry), None, None, problem) from None
        if stat.S_ISDIR(mode):
            files.extend(rule_files(entry))
        elif stat.S_ISREG(mode):
            files.append(entry)
        else:
            raise RuleError(str(entry), None, None, "not a regular file or directory")
    if not builtin:
        if not files:
            given = [str(e) for e in directories]
            raise EmptyRuleSet(
                f"{', '.join(given)}: no rule files in {'it' if len(given) == 1 else 'them'}" if given
                else "no rules to run: without the built-in rules (--no-builtin), give rule files "
                     "with --rules FILE|DIR or 'rules:' in the configuration")
        rules, derived = cached_rule_set(files, load_rule_files)
        if not rules:
            raise EmptyRuleSet(f"{', '.join(map(str, files))}: no rules in "
                               f"{'this file' if len(files) == 1 else 'these files'}, and the "
                               "built-in rules are off (--no-builtin): there would be nothing to check")
        return RuleSet(rules, derived=derived)
    manifest = resolve_style(style or DEFAULT_STYLE, BUILTIN_RULES_DIR).resolve()

    def load(_files: list[Path]) -> list[Rule]:
        rules = _load_pack(manifest, [])
        seen = {rule.id: rule for rule in rules}
        for rule in load_rule_files(files):
            if rule.id in seen:
                first = seen[rule.id]
                raise RuleError(rule.path, rule.line, rule.id,
                                f"duplicate rule id (first defined at {first.path}:{first.line})")
            rules.append(rule)
        return rules

    rules, derived = cached_rule_set([*_style_files(manifest), *files], load, salt=str(manifest))
    return RuleSet(rules, derived=derived)


def _style_files(manifest: Path) -> list[Path]:
    """Every file a style's rules depend on (the cache key): the manifests and
    rule files of the pack and of each pack it extends."""
    builtin = BUILTIN_RULES_DIR.resolve()
    out: list[Path] = []
    seen: set[Path] = set()
    while manifest not in seen:
        seen.add(manifest)
        if len(seen) > MAX_PACK_DEPTH:
            raise RuleError(str(manifest), None, None, _TOO_DEEP)
        if manifest.is_relative_to(builtin):  # built-in packs only extend built-in packs
            return out + sorted(p for p in builtin.rglob("*") if p.suffix in RULE_FILE_SUFFIXES and p.is_file())
        out += [manifest, *rule_files(manifest.parent)]
        pack = read_manifest(manifest)
        if not pack.extends:
            break
        manifest = resolve_style(pack.extends, BUILTIN_RULES_DIR, relative_to=pack.directory,
                                 where=(str(manifest), pack.extends_line)).resolve()
    return out


def load_style(style: str | Path) -> list[Rule]:
    """The rules of a style pack: what it inherits (minus ``disable``, with
    ``override`` applied), then its own rule files."""
    return _load_pack(resolve_style(style, BUILTIN_RULES_DIR), [])


#: How many style packs one chain of ``extends:`` may hold.
MAX_PACK_DEPTH = 32
_TOO_DEEP = f"style packs extend each other more than {MAX_PACK_DEPTH} deep"


def _load_pack(manifest: Path, chain: list[Path]) -> list[Rule]:
    manifest = manifest.resolve()
    if len(chain) >= MAX_PACK_DEPTH:
        raise RuleError(str(manifest), None, None, _TOO_DEEP)
    if manifest in chain:
        cycle = " -> ".join(str(p.parent.name) for p in [*chain, manifest])
        raise RuleError(str(manifest), None, None, f"style packs extend each other in a cycle: {cycle}")
    pack = read_manifest(manifest)
    inherited: list[Rule] = []
    if pack.extends:
        where = (str(manifest), pack.extends_line)
        parent = resolve_style(pack.extends, BUILTIN_RULES_DIR, relative_to=pack.directory, where=where)
        inherited = _load_pack(parent, [*chain, manifest])
    dropped = disabled_ids(pack, [r.id for r in inherited])
    by_id = {r.id: r for r in inherited}
    for rule_id, (fields, line) in pack.override.items():
        if rule_id not in by_id:
            raise RuleError(str(manifest), line, rule_id,
                            f"override: no inherited rule has this id{did_you_mean(rule_id, by_id)}")
        if rule_id in dropped:
            raise RuleError(str(manifest), line, rule_id, "override: the rule is also disabled")
    rules: list[Rule] = []
    for rule in inherited:
        if rule.id in dropped:
            continue
        if rule.id in pack.override:
            fields, line = pack.override[rule.id]
            unrestated = unrestated_texts(rule, fields)
            if unrestated:
                changed_keys = ", ".join(sorted(k for k in map(str, fields) if k in matching_fields(rule)))
                raise RuleError(str(manifest), line, rule.id,
                                f"override: changes what the rule matches ({changed_keys}) but keeps the "
                                f"inherited {' and '.join(unrestated)}, which may no longer be true "
                                f"(message: {shown(rule.message)}); restate {' and '.join(unrestated)} "
                                "in the override")
            changed = _build_rule(str(manifest), merge_override(rule.raw, fields, line), {})
            changed.path, changed.line, changed.pack = rule.path, rule.line, rule.pack
            if "examples" not in fields:  # still the inherited rule's examples, where it wrote them
                changed.examples_path, changed.examples_lines = rule.examples_path, rule.examples_lines
            changed.overridden_by = [*rule.overridden_by, f"{manifest}:{line}"]
            rule = changed
        rules.append(rule)
    seen = {r.id: r for r in inherited}
    for rule in load_rule_files(rule_files(pack.directory)):
        if rule.id in seen:
            first = seen[rule.id]
            raise RuleError(rule.path, rule.line, rule.id,
                            f"the style '{pack.name}' inherits this id from {first.path}:{first.line}; "
                            "use 'override:' in pack.yml to change it")
        rule.pack = pack.name
        rules.append(rule)
    return rules


def _load_file(path: Path) -> list[Rule]:
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise RuleError(name, None, None, f"not valid UTF-8 at byte {exc.start}") from None
    except OSError as exc:
        raise RuleError(name, None, None, f"cannot read: {exc.strerror or exc}") from None
    try:
        data = load_yaml(text)
    except YamlProblem as exc:
        raise RuleError(name, exc.line, None, exc.problem) from None
    if data is None:
        return []
    defaults: dict[str, Any] = {}
    if isinstance(data, dict):
        unknown = set(data) - {"rules", "defaults"}
        if unknown:
            key = sorted(map(str, unknown))[0]
            raise RuleError(name, data.line_of(key), None,
                            f"unknown top-level key {shown(key)}{did_you_mean(key, ['rules', 'defaults'])} "
                            "(expected 'rules' and 'defaults')")
        defaults = data.get("defaults") or {}
        if not isinstance(defaults, dict):
            raise RuleError(name, data.line_of("defaults"), None, "'defaults' must be a mapping")
        data = data.get("rules") or []
    if not isinstance(data, list):
        raise RuleError(name, getattr(data, "line", None), None, "'rules' must be a list of rules")
    return [_build_rule(name, item, defaults) for item in data]


def _example_lines(examples: Any) -> dict[str, int]:
    line_of = getattr(examples, "line_of", None)
    return {key: line_of(key) for key in ("bad", "good")} if line_of else {}


def _build_rule(path: str, raw: Any, defaults: dict[str, Any]) -> Rule:
    if not isinstance(raw, LineDict):
        raise RuleError(path, None, None, "each rule must be a mapping")
    merged: dict[str, Any] = {**defaults, **raw}
    rule_id = merged.get("id") if isinstance(merged.get("id"), str) else None

    def fail(key: str | None, problem: str) -> RuleError:
        line = raw.line_of(key) if key and key in raw else raw.line
        return RuleError(path, line, rule_id, problem)

    if rule_id is not None and not _ID.match(rule_id):
        raise fail("id", f"invalid id {shown(rule_id)}: use letters, digits, '.', '-' and '_'")
    kind = merged.get("kind")
    if not isinstance(kind, str) or kind not in KINDS:
        known = ", ".join(sorted(KINDS))
        problem = "missing 'kind'" if kind is None else f"unknown kind {shown(kind)}"
        hint = did_you_mean(kind, KINDS) if isinstance(kind, str) else ""
        raise fail("kind", f"{problem}{hint} (known kinds: {known})")
    check = KINDS[kind]
    schema = {**COMMON_FIELDS, **check.fields}
    values: dict[str, Any] = {}
    for key, value in merged.items():
        if key not in schema:
            raise fail(key, unknown_key(str(key), kind, schema))
        try:
            values[key] = schema[key].convert(value)
        except ValueError as exc:
            raise fail(key, f"{key}: {exc}") from None
    for key, spec in schema.items():
        if key not in values:
            if spec.required:
                raise fail(None, f"missing required key {shown(key)}")
            values[key] = check.default_scope if key == "scope" else spec.default
    options = {key: values[key] for key in check.fields}
    try:
        check.validate(options)
    except ValueError as exc:
        field = str(exc).split(":", 1)[0]
        raise fail(field if field in raw else None, str(exc)) from None
    rule = Rule(
        id=values["id"],
        kind=kind,
        level=Level.parse(values["level"]),
        message=values["message"] or check.default_message,
        description=values["description"],
        options=options,
        link=values["link"],
        source=values["source"],
        scope=values["scope"],
        ignorecase=values["ignorecase"],
        fix_applicability=(check.default_applicability if values["fix-applicability"] is None
                           else Applicability.parse(values["fix-applicability"])),
        context_downgrade=(check.context_downgrade if values["context-downgrade"] is None
                           else values["context-downgrade"]),
        exceptions=values["exceptions"],
        exceptions_from=values["exceptions-from"],
        examples=values["examples"] or {"bad": [], "good": [], "fixed": []},
        examples_path=path,
        examples_lines=_example_lines(merged.get("examples")),
        path=path,
        line=raw.line,
        raw=merged,
    )
    try:
        check_rule(rule)  # patterns and templates as the check will use them
    except ValueError as exc:
        field = str(exc).split(":", 1)[0]
        raise fail(field if field in raw else None, str(exc)) from None
    return rule
