"""Field types for rule validation: each turns a YAML value into a Python value
or raises ``ValueError`` with a message a rule author can act on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from ..inputs.safeload import shown

Converter = Callable[[Any], Any]


@dataclass(frozen=True)
class Field:
    convert: Converter
    required: bool = False
    default: Any = None
    doc: str = ""


def string(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"must be a string, not {_kind(value)}")
    return value


def nonempty_string(value: Any) -> str:
    value = string(value)
    if not value.strip():
        raise ValueError("must not be empty")
    return value


def boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"must be true or false, not {_kind(value)}")
    return value


def integer(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"must be an integer, not {_kind(value)}")
    return value


def choice(*options: str) -> Converter:
    def convert(value: Any) -> str:
        value = string(value)
        if value not in options:
            raise ValueError(f"must be one of {', '.join(options)}, not {shown(value)}")
        return value

    return convert


def string_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list):
        raise ValueError(f"must be a list of strings, not {_kind(value)}")
    out = []
    for i, item in enumerate(value, 1):
        if isinstance(item, (int, float)) and not isinstance(item, bool):
            item = str(item)
        if not isinstance(item, str) or not item.strip():
            raise ValueError(f"item {i} must be a non-empty string, not {_kind(item)}")
        out.append(item)
    return out


def string_map(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ValueError(f"must be a mapping of strings, not {_kind(value)}")
    out = {}
    for key, item in value.items():
        if not isinstance(key, str) or not key.strip():
            raise ValueError(f"key {shown(key)} must be a non-empty string")
        if isinstance(item, (int, float)) and not isinstance(item, bool):
            item = str(item)
        if not isinstance(item, str):
            raise ValueError(f"value of {shown(key)} must be a string, not {_kind(item)}")
        out[key] = item
    return out


def string_groups(value: Any) -> list[list[str]]:
    if not isinstance(value, list):
        raise ValueError(f"must be a list of lists of strings, not {_kind(value)}")
    groups = []
    for i, group in enumerate(value, 1):
        try:
            items = string_list(group)
        except ValueError as exc:
            raise ValueError(f"group {i}: {exc}") from None
        if len(items) < 2:
            raise ValueError(f"group {i} needs at least two variants")
        groups.append(items)
    return groups


def regex_pattern(value: Any) -> str:
    value = nonempty_string(value)
    check_regex(value)
    return value


def regex_list(value: Any) -> list[str]:
    items = string_list(value)
    for item in items:
        check_regex(item)
    return items


def check_regex(pattern: str, field: str | None = None) -> None:
    """``ValueError("bad regex ...")``, prefixed ``field: `` when given."""
    import regex  # only when rules are validated (a rule cache miss)

    try:
        regex.compile(pattern)
    except regex.error as exc:
        where = f"{field}: " if field else ""
        raise ValueError(f"{where}bad regex {shown(pattern)}: {exc}") from None


def examples(value: Any) -> dict[str, list[Any]]:
    """``{bad: [...], good: [...]}``.  A bad example may be a mapping
    ``{text: ..., fix: ...}`` stating what the rule's fix makes of it; the
    result keeps the texts in ``bad`` and those results, aligned, in
    ``fixed`` (None where none is stated).  ``[[...]]`` in a bad example
    marks the span the rule must flag (see :mod:`copylint.rule_tests`)."""
    if not isinstance(value, dict):
        raise ValueError(f"must be a mapping with 'bad' and 'good' lists, not {_kind(value)}")
    unknown = set(value) - {"bad", "good"}
    if unknown:
        raise ValueError(f"unknown key(s) {', '.join(sorted(map(str, unknown)))}: use 'bad' and 'good'")
    bad, fixed = [], []
    items = value.get("bad", [])
    for i, item in enumerate(items if isinstance(items, list) else [items], 1):
        if isinstance(item, dict):
            extra = set(item) - {"text", "fix"}
            if extra or "text" not in item:
                raise ValueError(f"bad: item {i}: a mapping takes 'text' and 'fix'"
                                 + (f", not {', '.join(sorted(map(str, extra)))}" if extra else ""))
            bad.append(nonempty_string(item["text"]))
            fix = item.get("fix")
            if fix is not None and not isinstance(fix, str):
                raise ValueError(f"bad: item {i}: fix must be a string, not {_kind(fix)}")
            fixed.append(fix)
        else:
            try:
                (text,) = string_list([item])
            except ValueError:
                raise ValueError(f"bad: item {i} must be a non-empty string or "
                                 f"{{text, fix}}, not {_kind(item)}") from None
            bad.append(text)
            fixed.append(None)
    for text in bad:
        check_marks(text)
    return {"bad": bad, "good": string_list(value.get("good", [])), "fixed": fixed}


MARK_OPEN, MARK_CLOSE = "[[", "]]"


def check_marks(example: str) -> None:
    """``[[`` and ``]]`` must pair, without nesting."""
    depth = 0
    i = 0
    while i < len(example):
        if example.startswith(MARK_OPEN, i):
            if depth:
                raise ValueError(f"bad: {shown(example)}: '[[' inside a marked span")
            depth, i = 1, i + 2
        elif example.startswith(MARK_CLOSE, i) and depth:
            depth, i = 0, i + 2
        else:
            i += 1
    if depth:
        raise ValueError(f"bad: {shown(example)}: '[[' without its ']]'")


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    return {dict: "a mapping", list: "a list", str: "a string", bool: "a boolean"}.get(
        type(value), type(value).__name__
    )
