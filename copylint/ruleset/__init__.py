"""Rules: YAML rule files and style packs -> validated, compiled rule objects."""

from .loader import BUILTIN_RULES_DIR, load_rule_files, load_rules, load_style
from .model import Rule, RuleSet
from .packs import DEFAULT_STYLE, builtin_styles


def available_styles() -> list[str]:
    """Names of the built-in house styles, the default one first."""
    names = list(builtin_styles(BUILTIN_RULES_DIR))
    if DEFAULT_STYLE in names:
        names.remove(DEFAULT_STYLE)
        names.insert(0, DEFAULT_STYLE)
    return names

__all__ = ["BUILTIN_RULES_DIR", "DEFAULT_STYLE", "Rule", "RuleSet", "available_styles", "builtin_styles",
           "load_rule_files", "load_rules", "load_style"]
