"""Rules: YAML rule files and style packs -> validated, compiled rule objects."""

from .loader import BUILTIN_RULES_DIR, load_rule_files, load_rules, load_style
from .model import Rule, RuleSet
from .packs import DEFAULT_STYLE, builtin_styles

__all__ = ["BUILTIN_RULES_DIR", "DEFAULT_STYLE", "Rule", "RuleSet", "builtin_styles",
           "load_rule_files", "load_rules", "load_style"]
