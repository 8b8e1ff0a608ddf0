"""Complete validation of one rule when it is loaded, so that nothing a rule
author wrote can fail later, at lint time (exit 3, an HTTP 500 on the desk).

:func:`check_rule` runs after the fields have been converted and the kind's
own cross-field checks have passed.  It checks

* every field that holds a regular expression, in every kind, as the check
  will compile it (an existence token ``Kiev[`` is a bad regex even though the
  check wraps it in word boundaries), naming the field and the entry;
* the message template: no more ``%s``/``%d`` placeholders than the kind
  provides values for, and no ``{name}`` other than ``{match}``,
  ``{suggestion}`` and ``{other}``;
* replacement templates (``replace:``: ``\\1``, ``\\g<name>``) against the
  groups of their pattern;
* finally, the kind's own compilation: the check is built for this rule alone
  and every pattern it holds is compiled, so a mistake the field checks did not
  foresee is still a load error.

Each problem raises ``ValueError("field: problem")``; the loader turns it into
``file:line: rule-id: field: problem`` pointing at the field's line.
"""

from __future__ import annotations

import re
from typing import Any, Iterable

from ..checks import KINDS
from ..patterns.lazy import LazyRegex
from ..inputs.safeload import shown
from .model import Rule

NAMED_PLACEHOLDERS = ("match", "suggestion", "other")
_POSITIONAL = re.compile(r"%[sd]")
_NAMED = re.compile(r"\{([A-Za-z_][A-Za-z0-9_-]*)\}")
_REGEX_SYNTAX = set("\\.^$*+?{}[]|()")


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """``"; did you mean 'x'?"`` for the closest choice, or ``""``."""
    if len(word) > 200:  # no close match, and not worth comparing
        return ""
    import difflib  # only for a suggestion (about 4 ms to import)

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def _a(word: str) -> str:
    return f"{'an' if word[:1] in 'aeiou' else 'a'} {word}"


def unknown_key(key: str, kind: str, known: Iterable[str]) -> str:
    known = sorted(known)
    hint = did_you_mean(key, known)
    return f"unknown key {shown(key)} for {_a(kind)} rule{hint or ' (known keys: ' + ', '.join(known) + ')'}"


def check_rule(rule: Rule) -> None:
    """Every check listed in the module docstring; ``ValueError`` on the first problem."""
    _check_patterns(rule)
    _check_message(rule)
    _check_replacement(rule)
    _check_compiles(rule)


# -- patterns ---------------------------------------------------------------
def _compile(pattern: str, ignorecase: bool = False) -> Any:
    import regex

    return regex.compile(pattern, regex.V0 | (regex.IGNORECASE if ignorecase else 0))


def _bad(field: str, entry: str, exc: Exception, whole: str | None = None) -> ValueError:
    what = f"bad regex {shown(entry)}" if whole is None else f"bad regex {shown(entry)} (as used: {shown(whole)})"
    return ValueError(f"{field}: {what}: {exc}")


def _try(field: str, entry: str, pattern: str, ignorecase: bool) -> None:
    import regex

    errors = (regex.error, ValueError, OverflowError, RecursionError)
    try:  # each entry must be a regex by itself: 'a)|(b' only compiles inside a wrapper
        _compile(entry, ignorecase)
    except errors as exc:
        raise _bad(field, entry, exc) from None
    # the entry as the check wraps it (word boundaries): compiled with the rest of
    # the rule's patterns by _check_compiles; here only to name the entry that breaks it
    if pattern != entry and _is_suspect(entry):
        try:
            _compile(pattern, ignorecase)
        except errors as exc:
            raise _bad(field, entry, exc, pattern) from None


def _is_suspect(entry: str) -> bool:
    """An entry that could break the wrapper around it (a backslash or bracket at its end)."""
    return entry.endswith(("\\", "[", "(", "|")) or "(?" in entry


def _is_literal(token: str) -> bool:
    return not (_REGEX_SYNTAX & set(token))


def _check_patterns(rule: Rule) -> None:
    # ``exceptions``, ``pattern``, ``token``, ``first``, ``second``, ``prefix``
    # and ``filters`` were compiled by their field converters (fields.regex_*)
    o, ic = rule.options, rule.ignorecase
    if rule.kind == "existence":
        for token in o.get("tokens") or []:
            if not _is_literal(token) and not o.get("nonword"):
                _try("tokens", token, rf"(?<!\w)(?:{token})(?!\w)", ic)
            elif not _is_literal(token):
                _try("tokens", token, token, ic)
        if o.get("raw"):
            _try("raw", "".join(o["raw"]), "".join(o["raw"]), ic)
    elif rule.kind == "substitution":
        for key in o.get("swap") or {}:
            if not _is_literal(key):
                _try("swap", key, key if o.get("nonword") else rf"(?<!\w)(?:{key})(?!\w)", ic)
    elif rule.kind == "dates" and o.get("mode") == "relative":
        for word in o.get("words") or []:
            _try("words", word, rf"(?<!\w)(?:{word})(?!\w)", ic)
    elif rule.kind == "spelling":
        for word in o.get("accept") or []:
            if any(ch in word for ch in "[]()*+?\\|{}^$"):
                _try("accept", word, word, False)


# -- templates --------------------------------------------------------------
def message_values(rule: Rule) -> int:
    """How many ``%s``/``%d`` values ``rule``'s kind fills into its message."""

    check = KINDS.get(rule.kind)
    return check.values_in_message(rule.options) if check is not None else 1


def _check_message(rule: Rule) -> None:
    wanted = len(_POSITIONAL.findall(rule.message))
    provided = message_values(rule)
    if wanted > provided:
        mode = f" (mode: {rule.options['mode']})" if "mode" in rule.options else ""
        raise ValueError(
            f"message: has {wanted} %s/%d placeholders but {_a(rule.kind)} rule{mode} fills in "
            f"{provided}: the message would show a bare '%s' ({shown(rule.message)})")
    for name in _NAMED.findall(rule.message):
        if name not in NAMED_PLACEHOLDERS:
            hint = did_you_mean(name, NAMED_PLACEHOLDERS)
            raise ValueError(f"message: unknown placeholder '{{{name}}}' (known: "
                             f"{', '.join('{' + n + '}' for n in NAMED_PLACEHOLDERS)}){hint}")


def _check_replacement(rule: Rule) -> None:
    template = rule.options.get("replace") if rule.kind == "punctuation" else None
    if template is None:
        return
    # a match with the pattern's groups (all unmatched): expanding the template
    # raises exactly the errors a real match would
    try:
        empty = _compile(f"(?:{rule.options['pattern']})??", rule.ignorecase).match("")
    except Exception:  # noqa: BLE001 - the pattern itself was checked above
        return
    if empty is None:
        return
    try:
        empty.expand(template)
    except Exception as exc:  # noqa: BLE001 - regex raises error, IndexError...
        raise ValueError(f"replace: bad replacement {shown(template)} for pattern "
                         f"{shown(rule.options['pattern'])}: {exc}") from None


# -- the kind's own compilation ---------------------------------------------
#: Kinds not built here: spelling loads dictionaries (checked when it runs).
_NOT_BUILT = {"spelling"}


def _check_compiles(rule: Rule) -> None:
    if rule.kind in _NOT_BUILT or rule.kind not in KINDS:
        return
    try:
        check = KINDS[rule.kind]([rule])
        # the rule author's patterns, as the check joined and wrapped them (the
        # engine's own LazyRe patterns hold only escaped words)
        for pattern in _patterns_in(check.__dict__, (LazyRegex,)):
            pattern.compiled  # noqa: B018 - compiles it
    except Exception as exc:  # noqa: BLE001 - any failure here would be an internal error later
        field = next((k for k in rule.options if isinstance(rule.options[k], (str, list, dict))),
                     "kind")
        raise ValueError(f"{field}: the {rule.kind} check cannot use this rule: "
                         f"{type(exc).__name__}: {' '.join(str(exc).split())}") from None


def _patterns_in(value: Any, types: tuple[type, ...], depth: int = 0) -> Iterable[Any]:
    if depth > 6:
        return
    if isinstance(value, types):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _patterns_in(item, types, depth + 1)
    elif isinstance(value, (list, tuple, set)):
        for item in value:
            yield from _patterns_in(item, types, depth + 1)


# -- overrides --------------------------------------------------------------
#: Kind fields that change how a finding is fixed or shown, not what is matched.
PRESENTATION_FIELDS = {"autofix", "expected", "month-names"}
#: What a rule says about itself, restated by an override that changes its matching.
STATED_FIELDS = ("message", "description")


def matching_fields(rule: Rule) -> set[str]:
    """The fields that decide what ``rule`` matches: its kind's own fields
    (``swap``, ``tokens``, ``pattern``, ``datelined-only``...) and ``kind``."""

    check = KINDS.get(rule.kind)
    own = set(check.fields) - check.message_neutral_fields if check is not None else set()
    return (own - PRESENTATION_FIELDS) | {"kind"}


def unrestated_texts(rule: Rule, fields: dict[str, Any]) -> list[str]:
    """An override that changes what ``rule`` matches must restate its
    message and description (they name the inherited choice: "AP spells the
    president's name 'Zelenskyy'"); the ones it leaves as inherited, or []
    when it changes no matching field.  A message the kind supplies (the rule
    wrote none) says nothing the change could make untrue."""
    changes = {str(k) for k in fields} & matching_fields(rule)
    if not changes:
        return []
    missing = [name for name in STATED_FIELDS if name not in fields]
    if "message" in missing and "message" not in rule.raw:
        missing.remove("message")
    return missing
