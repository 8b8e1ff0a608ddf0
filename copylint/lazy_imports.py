"""Every import inside a function in copylint, and why it is not at the top.

Imports belong at the top of a module.  The ones below are deferred because
start-up would otherwise pay for them on runs that never use them: a
``copylint check`` of one small file (a pre-commit hook), the language server
starting, ``copylint --help``.  The measure is which modules such a run
loads (``python -X importtime``, or ``sys.modules`` after
``copylint check story.txt``): every import listed here loads a module that
run does not need, or is a fallback chain (``try``/``except ImportError``).
An import of a module every check loads anyway belongs at the top.

``tests/test_import_graph.py`` fails on an import inside a function that is
not listed here (or listed but gone), and on any circle in the import graph of
``copylint``, counting imports inside functions.
"""

#: Reasons, measured on ``copylint check`` of one plain-text story.
REGEX = "regex: about 20 ms to import; only rule authors' patterns RE2 does not run need it"
YAML = "PyYAML: only a rule-cache miss or a configuration file reads YAML"
PATHSPEC = "pathspec: only a .gitignore or a glob in the configuration needs it"
ARCHIVE = "pandas, pyarrow, dask: only `copylint archive` (an optional extra) needs them"
SPELLING = "spylls: only the spelling kind, and only on its first word list"
WORKERS = "concurrent.futures (and its process pool): only --jobs or a large fix run starts workers"
READERS = "a format reader is imported for the first document of its format (markdown-it for Markdown)"
FALLBACK = "a fallback chain: the built-in module first, then the slower one (try/except ImportError)"
RARE = "a rare path (an error, a timeout, a fix of a file) in a module every run loads"
DID_YOU_MEAN = "difflib: only a misspelt rule id, key or option needs a 'did you mean'"
FRONT_END = "the front end is chosen at run time (Vale mode, fixing, the desk's browser)"
OWNED_ELSEWHERE = "in a module another change is rewriting (left as it was)"
COMMAND = ("a command's module imports what only that command uses (the CLI loads one command's "
           "module per run); tests replace these names on their home module")
DERIVING = ("the pattern analysis: only a rule-cache miss derives a rule's triggers (a warm run reads "
            "them from the cache)")
RULESET_NAMES = ("the rule model and loader are imported when a name is first asked for, so that the "
                 "re store can be read before anything else of copylint is imported")
CALL_TIME = "read at call time from its home module (--jobs settings and tests replace them there)"

#: importing module -> {imported module, as written: reason}
LAZY_IMPORTS: dict[str, dict[str, str]] = {
    "copylint.api": {".engine.parallel": CALL_TIME, ".inputs.symlinks": "only a walk of paths needs it (the default walk, which keeps links inside the tree); linting text never does"},
    "copylint.archive.dask": {"..engine.parallel": ARCHIVE, "distributed": ARCHIVE, "pandas": ARCHIVE},
    "copylint.archive.readers": {"pyarrow.parquet": ARCHIVE, "pyarrow.types": ARCHIVE},
    "copylint.archive.runner": {".dask": ARCHIVE, "concurrent.futures": WORKERS, "os": OWNED_ELSEWHERE},
    "copylint.archive.work": {"resource": ARCHIVE},
    "copylint.archive.writers": {"pyarrow": ARCHIVE, "pyarrow.parquet": ARCHIVE},
    "copylint.fixes.files": {"..engine.parallel": CALL_TIME, "concurrent.futures": WORKERS},
    "copylint.checks.existence": {"regex": REGEX},
    "copylint.checks.spelling": {"spylls.hunspell": SPELLING},
    "copylint.checks.terms": {"ahocorasick_rs": "only a word list of 2,000 terms or more (BIG_LIST) builds an automaton"},
    "copylint.checks.variants": {".variants_compare": "the comparison is imported when a story first has a rule's markers",
                                 "ahocorasick_rs": "the markers' automaton is built when a story is first searched"},
    "copylint.checks.variants_compare": {"..document.quotes": "only a story with two spellings of a name needs it",
                                         "bisect": "only a story with two spellings of a name needs it",
                                         "mmap": "reads the word list only when a name is in doubt",
                                         "os": "reads the word list only when a name is in doubt"},
    "copylint.cli.archive": {"..archive": COMMAND, "..linter": COMMAND, "..engine.parallel": COMMAND,
                             "distributed": ARCHIVE},
    "copylint.cli.check": {"..api": OWNED_ELSEWHERE, "..reporters": OWNED_ELSEWHERE,
                           "..vale.cli": FRONT_END, ".fix": FRONT_END},
    "copylint.cli.common": {"..inputs.files": COMMAND, "..reporters": COMMAND, "shutil": COMMAND},
    "copylint.cli.fix": {"..reporters": COMMAND, "..vale.cli": FRONT_END},
    "copylint.cli.init": {"..config.starter": COMMAND, "tempfile": COMMAND},
    "copylint.cli.lsp": {"..lsp": COMMAND, "..lsp.server": COMMAND},
    "copylint.cli.rules": {"..explain": COMMAND, "..reporters.text": COMMAND, "..ruleset": COMMAND,
                           "..ruleset.packs": COMMAND},
    "copylint.cli.serve": {"..server": COMMAND, "..vale.rules": FRONT_END, "webbrowser": FRONT_END},
    "copylint.cli.test": {"..rule_tests": COMMAND, "..ruleset": COMMAND, "..ruleset.loader": COMMAND,
                          "..ruleset.packs": COMMAND},
    "copylint.config.model": {"difflib": DID_YOU_MEAN, "pathspec": PATHSPEC},
    "copylint.engine.core": {".fixcontext": "only a hit of a rule with context-downgrade needs it"},
    "copylint.explain": {"textwrap": RARE},
    "copylint.inputs.files": {"pathspec": PATHSPEC},
    "copylint.formats.blocks": {"markdown_it": READERS, "mdit_py_plugins.footnote": READERS},
    "copylint.formats": {".html": READERS, ".markdown": READERS, ".site_root": READERS, ".text": READERS},
    "copylint.formats.html": {".sites": READERS},
    "copylint.formats.prose": {"html": "html.entities (a 2,000-entry table): only text with an entity needs it"},
    "copylint.linter": {"pickle": "only a Linter hashes its rule set (copylint imports linter at start-up)"},
    "copylint.lsp": {"importlib.util": "asks whether the optional LSP extra is installed, when asked"},
    "copylint.lsp.configuration": {"..engine.linting": FRONT_END, ".vale": FRONT_END},
    "copylint.lsp.server": {".vale": FRONT_END},
    "copylint.engine.parallel": {"concurrent.futures": WORKERS, "concurrent.futures.process": WORKERS},
    "copylint.patterns.casefold": {"re._casefix": FALLBACK},
    "copylint.patterns.lazy": {"regex": REGEX},
    "copylint.patterns.literals": {".analysis": DERIVING},
    "copylint.patterns.re2_exact": {"regex": REGEX, "regex._main": REGEX},
    "copylint.ruleset": {"importlib": RULESET_NAMES, ".loader": RULESET_NAMES, ".packs": RULESET_NAMES},
    "copylint.ruleset.fields": {"regex": REGEX},
    "copylint.ruleset.re_store": {"re": "re's parser and compiler: only a run that compiled a pattern the store lacks"},
    "copylint.ruleset.signed_store": {"_sha2": FALLBACK, "_sha256": FALLBACK, "hashlib": FALLBACK,
                                      "tempfile": "tempfile and random (about 2 ms): only when a cache file is written"},
    "copylint.ruleset.validate": {"difflib": DID_YOU_MEAN, "regex": REGEX},
    "copylint.inputs.safeload": {"tomllib": "only a pyproject.toml is read with it", "yaml": YAML},
    "copylint.engine.suppression": {"difflib": DID_YOU_MEAN},
    "copylint.fixes.writer": {"secrets": RARE, "tempfile": "tempfile and random (about 2 ms): only when a fix is written"},
}
