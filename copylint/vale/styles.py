"""Vale styles -> copylint rules.

A Vale style is a folder of YAML rules under ``StylesPath``; each has
``extends:`` (its kind) and the kind's fields.  :func:`load_styles`
translates every rule into a copylint :class:`~copylint.ruleset.Rule` with
the id ``Style.Rule``, the same kind name (``readability`` becomes
``metric``), level, message and link, and keeps what only Vale's matching
needs (its scope list, the exact regex Vale would build, ``limit``,
``action``…) in its typed ``matching`` (:class:`ValeRule`).  Rules copylint cannot honour — Tengo
``script``, ``sequence`` (needs a part-of-speech tagger), rules extending
another rule — are returned in :attr:`Styles.skipped` with the reason,
never silently dropped.

The built-in ``Vale`` style (``Vale.Spelling``, ``Vale.Repetition``, and
``Vale.Terms``/``Vale.Avoid`` made from the ``Vocab`` lists) is provided too.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from ..checks import KINDS
from ..checks.vale_kinds import ValeMatching, ValeRule
from ..checks.spelling import (
    DEFAULT_DICPATHS,
    DictionaryError,
    find_dictionary,
    read_word_list,
)
from ..findings import Applicability, Level
from ..ruleset.cache import cached_data
from ..inputs.safeload import shown
from ..ruleset.yaml_lines import YamlProblem, load_yaml
from .config import ValeConfig
from ..checks.token_filter import DEFAULT_TEMPLATE, TokenFilter

#: Vale kinds and the copylint kind that runs them.
KIND_OF = {
    "existence": "existence", "substitution": "substitution", "occurrence": "occurrence",
    "repetition": "repetition", "consistency": "consistency", "conditional": "conditional",
    "capitalization": "capitalization", "metric": "metric", "spelling": "spelling",
    "readability": "metric",
}
UNSUPPORTED = {
    "script": "Tengo scripts are not supported",
    "sequence": "sequence rules need a part-of-speech tagger; none is available",
}
#: Vale's readability metrics as metric formulas.
READABILITY = {
    "Flesch-Kincaid": "(0.39 * (words / sentences)) + (11.8 * (syllables / words)) - 15.59",
    "Gunning Fog": "0.4 * ((words / sentences) + 100 * (complex_words / words))",
    "Coleman-Liau": "(0.0588 * (characters / words) * 100) - (0.296 * (sentences / words) * 100) - 15.8",
    "SMOG": "1.0430 * math.sqrt((polysyllabic_words * 30.0) / sentences) + 3.1291",
    "Automated Readability": "(4.71 * (characters / words)) + (0.5 * (words / sentences)) - 21.43",
}


@dataclass
class Styles:
    rules: list[ValeRule] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (rule id or file, reason)
    accepted: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)

    @property
    def by_id(self) -> dict[str, ValeRule]:
        return {r.id: r for r in self.rules}


def read_vocab(config: ValeConfig) -> tuple[list[str], list[str]]:
    accepted: list[str] = []
    rejected: list[str] = []
    for name in config.vocab:
        for folder in (config.styles_path / "config" / "vocabularies" / name,
                       config.styles_path / "Vocab" / name):
            if folder.is_dir():
                accepted += read_word_list(str(folder / "accept.txt"))
                rejected += read_word_list(str(folder / "reject.txt"))
                break
    return accepted, rejected


def style_names(config: ValeConfig) -> list[str]:
    """Every style the configuration mentions (BasedOnStyles and Style.Rule keys)."""
    names: list[str] = list(config.global_styles)
    for key in config.global_rules:
        names.append(key.split(".", 1)[0])
    for section in config.sections:
        names += section.base_styles or []
        names += [key.split(".", 1)[0] for key in section.rules]
    seen: list[str] = []
    for name in names:
        if name not in seen:
            seen.append(name)
    return seen


def applied(config: ValeConfig, rule_id: str) -> bool:
    """Would any section of the configuration run this rule?  (A style is
    loaded when only one of its rules is switched on; its other rules are
    not applied and their problems are not worth reporting.)"""
    style = rule_id.split(".", 1)[0]
    scopes = [(config.global_rules, config.global_styles)]
    scopes += [({**config.global_rules, **s.rules}, s.base_styles if s.base_styles is not None
                else config.global_styles) for s in config.sections]
    for rules, based in scopes:
        switch = rules.get(rule_id)
        if (switch is not None and switch != "NO") or (switch is None and style in based):
            return True
    return False


def load_styles(config: ValeConfig) -> Styles:
    styles = Styles()
    styles.accepted, styles.rejected = read_vocab(config)
    files: list[tuple[str, Path]] = []
    for name in style_names(config):
        folder = config.styles_path / name
        if name != "Vale" and folder.is_dir():
            files += [(f"{name}.{path.stem}", path)
                      for path in sorted(folder.glob("*.yml")) + sorted(folder.glob("*.yaml"))]
    read = read_styles([path for _id, path in files])
    for (rule_id, path), data in zip(files, read):
        if isinstance(data, tuple):  # ("problem", why)
            styles.skipped.append((rule_id, f"cannot read {path}: {data[1]}"))
            continue
        if not isinstance(data, dict):
            styles.skipped.append((rule_id, f"{path}: not a mapping"))
            continue
        try:
            made = field_type_problem(data) or translate(rule_id, dict(data), config, styles, str(path))
        except (ValueError, TypeError, AttributeError, KeyError, regex.error, RecursionError) as exc:
            made = f"cannot use this rule: {shown(str(exc), 120)}"
        if isinstance(made, ValeRule):
            styles.rules.append(made)
        else:
            styles.skipped.append((rule_id, made))
    for made in builtin_rules(config, styles):
        styles.rules.append(made)
    return styles


def read_styles(paths: list[Path]) -> list[Any]:
    """Each style file's YAML, or ``("problem", why)``; from the rule cache
    when no file changed (``COPYLINT_NO_CACHE=1`` bypasses it)."""

    def read() -> list[Any]:
        out: list[Any] = []
        for path in paths:
            try:
                out.append(_plain(load_yaml(path.read_text(encoding="utf-8"))))
            except (OSError, UnicodeDecodeError, YamlProblem) as exc:
                out.append(("problem", str(getattr(exc, "problem", exc))))
        return out

    return cached_data(paths, read, salt="vale-styles", prefix="vale-styles")


def _plain(value: Any) -> Any:
    """YAML as plain dicts and lists (the loader's mappings know their lines)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


#: Vale rule fields and the YAML types Vale accepts for them (Vale refuses a
#: style whose field has another type; copylint skips that rule with a note).
FIELD_TYPES: dict[str, tuple[type, ...]] = {
    "extends": (str,), "message": (str,), "description": (str,), "link": (str,), "level": (str,),
    "limit": (int,), "max": (int,), "min": (int,), "ignorecase": (bool,), "nonword": (bool,),
    "vocab": (bool,), "alpha": (bool,), "capitalize": (bool,), "custom": (bool,), "append": (bool,),
    "scope": (str, list), "tokens": (list, str), "exceptions": (list,), "filters": (list,),
    "swap": (dict,), "either": (dict,), "action": (dict,), "token": (str,), "first": (str,),
    "second": (str,), "match": (str,), "prefix": (str,), "style": (str,), "indicators": (list,),
    "threshold": (int, float), "grade": (int, float), "metrics": (list,), "formula": (str,),
    "condition": (str,), "dictionaries": (list,), "dicpath": (str,), "ignore": (list, str),
    "raw": (list, str), "pattern": (str,),
}
#: Fields whose list items may be anything (a sequence rule's tokens are mappings).
_ANY_ITEMS = {"tokens", "raw"}


def field_type_problem(data: dict) -> str | None:
    """Why a field of this Vale rule has a type Vale would refuse (None: fine)."""
    if data.get("extends") in UNSUPPORTED:
        return None  # said why when translated
    for key, value in data.items():
        wanted = FIELD_TYPES.get(key) if isinstance(key, str) else None
        if wanted is None or value is None:
            continue
        ok = isinstance(value, wanted) and not (isinstance(value, bool) and bool not in wanted)
        if ok and isinstance(value, list) and key not in _ANY_ITEMS:
            ok = all(isinstance(item, (str, int, float)) and not isinstance(item, bool) for item in value)
        if ok and key == "swap":
            ok = all(isinstance(k, str) and isinstance(v, (str, int, float)) for k, v in value.items())
        if not ok:
            names = " or ".join({"str": "a string", "int": "an integer", "bool": "true or false",
                                 "list": "a list", "dict": "a mapping", "float": "a number"}[t.__name__]
                                for t in wanted)
            return f"{key}: must be {names}, not {shown(value, 40)}"
    return None


def builtin_rules(config: ValeConfig, styles: Styles) -> list[ValeRule]:
    """The ``Vale`` style: Spelling, Repetition, and Terms/Avoid from the vocabularies."""
    wanted = "Vale" in style_names(config)
    out: list[ValeRule] = []
    definitions: list[tuple[str, dict]] = []
    if wanted:
        definitions.append(("Vale.Repetition", {
            "extends": "repetition", "message": "'%s' is repeated!", "level": "error",
            "ignorecase": True, "alpha": True, "tokens": [r"[^\s.!?]+"],
            "action": {"name": "edit", "params": ["truncate", " "]}}))
        definitions.append(("Vale.Spelling", {
            "extends": "spelling", "message": "Did you really mean '%s'?", "level": "error",
            "_builtin": True}))
    if styles.accepted:
        definitions.append(("Vale.Terms", {
            "extends": "substitution", "message": "Use '%s' instead of '%s'.", "level": "error",
            "ignorecase": True, "vocab": False, "swap": _terms_swap(styles.accepted)}))
    if styles.rejected:
        definitions.append(("Vale.Avoid", {
            "extends": "existence", "message": "Avoid using '%s'.", "level": "error",
            "tokens": list(styles.rejected)}))
    for rule_id, data in definitions:
        made = translate(rule_id, data, config, styles, "<builtin>")
        if isinstance(made, ValeRule):
            out.append(made)
        else:
            styles.skipped.append((rule_id, made))
    return out


def _terms_swap(accepted: list[str]) -> dict[str, str]:
    """Vale.Terms' swap: each accepted term replaces any other casing of itself;
    of terms differing only in case, the last one listed wins."""
    by_key: dict[str, str] = {}
    for term in accepted:
        by_key[term.lower()] = term
    return {term: term for term in by_key.values()}


def _list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value if v is not None]
    return [str(value)]


def _copylint_scope(scopes: list[str]) -> str:
    joined = " ".join(scopes)
    if "sentence" in joined:
        return "sentence"
    if "heading" in joined:
        return "heading"
    if "raw" in joined or "summary" in joined:
        return "document"
    return "paragraph"


def translate(rule_id: str, data: dict, config: ValeConfig, styles: Styles, path: str) -> ValeRule | str:
    """A copylint rule for one Vale rule, or the reason it cannot be honoured."""
    extends = data.get("extends")
    if not isinstance(extends, str):
        return "missing 'extends'"
    if extends in UNSUPPORTED:
        return UNSUPPORTED[extends]
    if extends not in KIND_OF:
        return f"unknown kind {shown(extends)}" if "." not in extends else "extending another rule is not supported"
    level = str(data.get("level") or "suggestion").lower()
    if level not in ("suggestion", "warning", "error"):
        return f"bad level {shown(level)}"
    scopes = _list(data.get("scope")) or ["text"]
    if extends in ("metric", "readability") and scopes == ["text"]:
        scopes = ["summary"]
    message = str(data.get("message") or "")
    if not message:
        return "missing 'message'"
    ignorecase = bool(data.get("ignorecase", False))
    exceptions = _list(data.get("exceptions"))
    action = data.get("action") or {}
    matching = ValeMatching(
        extends=extends, scopes=scopes, limit=int(data.get("limit") or 0),
        action_name=str(action.get("name") or ""), action_params=list(action.get("params") or []),
        vocab=data.get("vocab", True) is not False, ignorecase=ignorecase, exceptions=exceptions,
        nonword=bool(data.get("nonword", False)),
        fix_applicability=_applicability(data.get("fix-applicability")))
    kind = KIND_OF[extends]
    try:
        options = OPTIONS[extends](data, matching, config, styles)
    except (ValueError, regex.error, DictionaryError) as exc:
        return str(exc)
    check = KINDS[kind]
    converted: dict[str, Any] = {}
    for key, spec in check.fields.items():
        if key in options:
            try:
                converted[key] = spec.convert(options[key])
            except ValueError as exc:
                return f"{key}: {exc}"
        else:
            converted[key] = spec.default
    try:
        check.validate(converted)
    except ValueError as exc:
        return str(exc)
    return ValeRule(
        id=rule_id, kind=kind, level=Level.parse(level), message=message,
        description=str(data.get("description") or message), options=converted,
        link=data.get("link") if isinstance(data.get("link"), str) else None,
        scope=_copylint_scope(scopes), ignorecase=ignorecase if kind not in ("existence", "substitution") else False,
        exceptions=[e for e in exceptions if _compiles(e)], path=path, line=1, matching=matching,
    )


def _applicability(value: Any) -> str | None:
    """copylint's own ``fix-applicability: safe|unsafe`` key (Vale ignores it)."""
    if value is None:
        return None
    return str(Applicability.parse(str(value)))


def _compiles(pattern: str) -> bool:
    try:
        regex.compile(pattern)
        return True
    except regex.error:
        return False


def _word_template(config: ValeConfig) -> str:
    return config.word_template or r"\b(?:%s)\b"


def _existence(data: dict, matching: ValeMatching, config: ValeConfig, styles: Styles) -> dict:
    prefix = "(?i)" if matching.ignorecase else ""
    tokens = [t for t in _list(data.get("tokens")) if t.strip()]
    raw = "".join(_list(data.get("raw")))
    if tokens and not matching.nonword:
        body = _word_template(config).replace("%s", "|".join(tokens))
    else:
        body = "(?:" + "|".join(tokens) + ")" if tokens else ""
    pattern = (body + raw) if data.get("append") else (raw + body)
    if not pattern:
        raise ValueError("existence rule with no tokens or raw")
    matching.pattern = regex.compile(prefix + "(?m)" + pattern)
    if tokens and not raw and not matching.nonword and _word_template(config) == DEFAULT_TEMPLATE:
        head = prefix + "(?m)"
        matching.filter = TokenFilter(
            tokens, lambda kept: regex.compile(head + DEFAULT_TEMPLATE.replace("%s", "|".join(kept))),
            source=lambda kept: head + DEFAULT_TEMPLATE.replace("%s", "|".join(kept)))
    return {"raw": [pattern], "nonword": True}


def _substitution(data: dict, matching: ValeMatching, config: ValeConfig, styles: Styles) -> dict:
    prefix = "(?i)" if matching.ignorecase else ""
    swap = data.get("swap") or {}
    if not isinstance(swap, dict) or not swap:
        raise ValueError("substitution rule with no swap")
    keys = sorted((str(k) for k in swap), key=len, reverse=True)
    groups = []
    inner: list[str] = []
    for key in keys:
        if key.count("(") != key.count("(?") + key.count("\\("):
            key = regex.sub(r"(?<!\\)\((?!\?)", "(?:", key)
        inner.append(key)
        groups.append(f"({key})")
    body = "|".join(groups)
    template = _word_template(config) if not matching.nonword else "(?:%s)"
    matching.pattern = regex.compile(prefix + "(?m)" + template.replace("%s", body))
    if template == DEFAULT_TEMPLATE:
        head = prefix + "(?m)"
        matching.filter = TokenFilter(inner, lambda kept: regex.compile(
            head + DEFAULT_TEMPLATE.replace("%s", "|".join(f"({k})" for k in kept))),
            source=lambda kept: head + DEFAULT_TEMPLATE.replace("%s", "|".join(f"({k})" for k in kept)))
    matching.keys = keys
    matching.replacements = [str(swap[k]) if swap[k] is not None else "" for k in keys]
    matching.capitalize = bool(data.get("capitalize", False))
    return {"swap": {k: str(v) for k, v in swap.items()}, "nonword": matching.nonword}


def _occurrence(data: dict, matching: ValeMatching, config: ValeConfig, styles: Styles) -> dict:
    token = str(data.get("token") or "")
    if not token:
        raise ValueError("occurrence rule with no token")
    prefix = "(?i)" if matching.ignorecase else ""
    return {"token": (prefix + f"(?:{token})"), "max": int(data.get("max") or 0),
            "min": int(data.get("min") or 0)}


def _repetition(data: dict, matching: ValeMatching, config: ValeConfig, styles: Styles) -> dict:
    tokens = _list(data.get("tokens"))
    if not tokens:
        raise ValueError("repetition rule with no tokens")
    prefix = "(?i)" if matching.ignorecase else ""
    matching.pattern = regex.compile(prefix + "(" + "|".join(tokens) + ")")
    matching.max = int(data.get("max") or 0)
    matching.alpha = bool(data.get("alpha", False))
    return {}


def _consistency(data: dict, matching: ValeMatching, config: ValeConfig, styles: Styles) -> dict:
    either = data.get("either") or {}
    if not isinstance(either, dict) or not either:
        raise ValueError("consistency rule with no either")
    prefix = "(?i)" if matching.ignorecase else ""
    template = _word_template(config) if not matching.nonword else "(?:%s)"
    matching.steps = [
        (regex.compile(prefix + "(?m)" + template.replace("%s", f"(?P<a>{a})|(?P<b>{b})")), str(a), str(b))
        for a, b in either.items()]
    return {"either": {str(a): str(b) for a, b in either.items()}}


def _conditional(data: dict, matching: ValeMatching, config: ValeConfig, styles: Styles) -> dict:
    prefix = "(?i)" if matching.ignorecase else ""
    return {"first": prefix + str(data.get("first") or ""), "second": prefix + str(data.get("second") or "")}


def _capitalization(data: dict, matching: ValeMatching, config: ValeConfig, styles: Styles) -> dict:
    options: dict[str, Any] = {"match": str(data.get("match") or "")}
    if data.get("style"):
        options["style"] = str(data["style"])
    if data.get("threshold"):
        options["threshold"] = float(data["threshold"])
    if data.get("indicators"):
        options["indicators"] = _list(data["indicators"])
    if data.get("prefix"):
        options["prefix"] = str(data["prefix"])
    matching.exceptions = matching.exceptions + (styles.accepted if matching.vocab else [])
    return options


def _metric(data: dict, matching: ValeMatching, config: ValeConfig, styles: Styles) -> dict:
    return {"formula": str(data.get("formula") or ""), "condition": str(data.get("condition") or "")}


def _readability(data: dict, matching: ValeMatching, config: ValeConfig, styles: Styles) -> dict:
    metrics = _list(data.get("metrics"))
    formulas = [READABILITY[m] for m in metrics if m in READABILITY]
    if not formulas:
        raise ValueError("readability rule with no known metrics")
    formula = "(" + " + ".join(f"({x})" for x in formulas) + f") / {len(formulas)}"
    return {"formula": formula, "condition": f"> {float(data.get('grade') or 8)}"}


def _spelling(data: dict, matching: ValeMatching, config: ValeConfig, styles: Styles) -> dict:
    dict_dir = config.styles_path / "config" / "dictionaries"
    searched: list[str] = []
    if data.get("dicpath"):
        raw = str(data["dicpath"])
        for candidate in (Path(raw), config.styles_path / raw, Path.cwd() / raw):
            if candidate.is_dir():
                searched = [str(candidate)]
                break
        if not searched:
            raise ValueError(f"unable to resolve dicpath {shown(raw)}")
    else:
        searched = [str(dict_dir), *DEFAULT_DICPATHS]
    names = _list(data.get("dictionaries")) or ["en_US"]
    if data.get("_builtin") and not data.get("dicpath") and not data.get("dictionaries"):
        # Vale.Spelling uses Vale's embedded en_US-web dictionary unless the
        # styles provide one by that name; the system's Hunspell en_US (Debian
        # package hunspell-en-us) stands in for the embedded one.
        try:
            names, searched = ["en_US-web"], [str(dict_dir)]
            find_dictionary("en_US-web", searched)
        except DictionaryError:
            names, searched = ["en_US"], list(DEFAULT_DICPATHS)
    if data.get("dic") and data.get("aff"):
        names = [str(Path(str(data["dic"])).with_suffix(""))]
        searched = [str(config.styles_path), *searched]
    bases = []
    for name in names:
        bases.append(find_dictionary(name, searched))
    if data.get("append") and not data.get("dictionaries"):
        pass
    elif data.get("append"):
        try:
            bases.insert(0, find_dictionary("en_US", [str(dict_dir), *DEFAULT_DICPATHS]))
        except DictionaryError:
            pass
    ignore_files: list[str] = []
    if data.get("_builtin"):
        folder = config.styles_path / "config" / "ignore"
        if folder.is_dir():
            ignore_files = [str(p) for p in sorted(folder.rglob("*")) if p.is_file()]
    else:
        for entry in _list(data.get("ignore")):
            for candidate in (Path(entry), config.styles_path / entry,
                              config.styles_path / "config" / "ignore" / entry):
                if candidate.is_file():
                    ignore_files.append(str(candidate))
                    break
    matching.dictionary_bases = bases
    filters = _list(data.get("filters"))
    return {
        "dicpath": os.path.dirname(bases[0]),
        "dictionaries": [os.path.basename(bases[0])],
        "ignore": ignore_files,
        "filters": filters,
        "custom": bool(data.get("custom", False)),
        "accept": [],
    }


#: The copylint options of each Vale kind (each also fills in what Vale's own
#: matching needs, in the rule's :class:`ValeMatching`).
OPTIONS = {
    "existence": _existence, "substitution": _substitution, "occurrence": _occurrence,
    "repetition": _repetition, "consistency": _consistency, "conditional": _conditional,
    "capitalization": _capitalization, "metric": _metric, "readability": _readability,
    "spelling": _spelling,
}
