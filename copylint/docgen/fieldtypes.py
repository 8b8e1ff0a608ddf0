"""The type of a rule field, in words, from its converter: the shared
converters of :mod:`copylint.ruleset.fields` by name, a ``choice`` by its
options, any other converter by its return annotation (or the default's type)."""

from __future__ import annotations

import inspect
from typing import Any

from ..ruleset.fields import Field

_NAMED = {
    "string": "string",
    "nonempty_string": "string (not empty)",
    "boolean": "boolean",
    "integer": "integer",
    "string_list": "list of strings",
    "string_map": "mapping of strings",
    "string_groups": "list of lists of strings (two or more each)",
    "regex_pattern": "regex",
    "regex_list": "list of regexes",
    "examples": "mapping `{bad: [...], good: [...]}`",
}

_ANNOTATIONS = {
    "str": "string", "bool": "boolean", "int": "integer", "float": "number",
    "list[str]": "list of strings", "dict[str, str]": "mapping of strings",
    "list[dict]": "list of mappings", "list[dict[str, Any]]": "list of mappings",
    "list[list[str]]": "list of lists of strings",
}


def choices(field: Field) -> tuple[str, ...] | None:
    """The options of a ``fields.choice(...)`` converter, else None."""
    convert = field.convert
    if not getattr(convert, "__qualname__", "").startswith("choice.<locals>"):
        return None
    for cell in convert.__closure__ or ():
        if isinstance(cell.cell_contents, tuple):
            return cell.cell_contents
    return None


def type_name(field: Field) -> str:
    options = choices(field)
    if options is not None:
        return "one of " + ", ".join(f"`{o}`" for o in options)
    convert = field.convert
    name = getattr(convert, "__name__", "")
    if getattr(convert, "__module__", "") == "copylint.ruleset.fields" and name in _NAMED:
        return _NAMED[name]
    try:
        annotation = inspect.signature(convert).return_annotation
    except (TypeError, ValueError):
        annotation = inspect.Signature.empty
    if annotation is not inspect.Signature.empty:
        text = annotation if isinstance(annotation, str) else getattr(annotation, "__name__", str(annotation))
        return _ANNOTATIONS.get(text.replace("typing.", ""), text)
    if field.default is not None:
        return _ANNOTATIONS.get(type(field.default).__name__, type(field.default).__name__)
    return "see the description"


def default_text(field: Field) -> str:
    """The default as a rule author would write it in YAML ("" for none)."""
    value: Any = field.default
    if field.required:
        return "required"
    if value is None or value == [] or value == {}:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
