"""Rules: YAML rule files -> validated, compiled rule objects."""

from .loader import BUILTIN_RULES_DIR, load_rule_files, load_rules
from .model import Rule, RuleSet

__all__ = ["BUILTIN_RULES_DIR", "Rule", "RuleSet", "load_rule_files", "load_rules"]
