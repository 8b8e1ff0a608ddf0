"""Rules: YAML rule files and style packs -> validated, compiled rule objects.

The names below are imported from their modules when first asked for, so
that :mod:`.re_store` and :mod:`.signed_store` can be imported before the
rest of copylint (the engine's patterns are then compiled from the store).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .loader import BUILTIN_RULES_DIR, load_rule_files, load_rules, load_style
    from .model import Rule, RuleSet
    from .packs import DEFAULT_STYLE, builtin_styles

#: name -> the module of this package that defines it
_HOMES = {"BUILTIN_RULES_DIR": "loader", "load_rule_files": "loader", "load_rules": "loader",
          "load_style": "loader", "Rule": "model", "RuleSet": "model", "DEFAULT_STYLE": "packs",
          "builtin_styles": "packs"}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value


def available_styles() -> list[str]:
    """Names of the built-in house styles, the default one first."""
    from .loader import BUILTIN_RULES_DIR
    from .packs import DEFAULT_STYLE, builtin_styles

    names = list(builtin_styles(BUILTIN_RULES_DIR))
    if DEFAULT_STYLE in names:
        names.remove(DEFAULT_STYLE)
        names.insert(0, DEFAULT_STYLE)
    return names

__all__ = ["BUILTIN_RULES_DIR", "DEFAULT_STYLE", "Rule", "RuleSet", "available_styles", "builtin_styles",
           "load_rule_files", "load_rules", "load_style"]
