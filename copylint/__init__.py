"""copylint: a newsroom copy-editing linter.

>>> from copylint import lint_text
>>> [f.rule for f in lint_text("He said the the plan was fine.")]
['repetition.words']
"""

from __future__ import annotations

import gc as _gc

# Importing copylint makes thousands of long-lived objects (modules, classes, functions) and no
# garbage: the collector's passes over them are 2 % of a one-file run.  It is back on (if it was)
# before the import returns.
_collecting = _gc.isenabled()
_gc.disable()
try:
    # First: the re patterns compiled by an earlier run, before the imports below compile any.
    from .ruleset import re_store as _re_store

    _re_store.load()
    from .api import Report, collect_files, default_rules, lint_file, lint_paths, lint_text
    from .config.model import Config, ConfigError, load_config
    from .document.model import Document
    from .errors import CopylintError, InputError, RuleError
    from .inputs.files import ReadOptions
    from .findings import Finding, Level
    from .linter import Linter
    from .ruleset import Rule, RuleSet, load_rules
    from .version import __version__
finally:
    if _collecting:
        _gc.enable()
    del _collecting


__all__ = [
    "Config", "ConfigError", "CopylintError", "Document", "Finding", "InputError", "Level", "Linter",
    "ReadOptions", "Report", "Rule", "RuleError", "RuleSet", "__version__", "collect_files",
    "default_rules", "lint_file", "lint_paths", "lint_text", "load_config", "load_rules",
]
