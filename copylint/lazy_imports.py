"""Every import inside a function in copylint, and why it is not at the top.

Imports belong at the top of a module.  The ones below are deferred to keep
start-up short (`copylint check` on one small file, a pre-commit hook, the
language server starting): a third-party or standard-library module that only
one feature needs, or a copylint module on a path most runs never take (the
desk, the language server, archives, explain, rule tests, a rule-cache miss,
--jobs).  ``tests/test_import_graph.py`` fails on an import inside a function
that is not listed here, and on any circle in the import graph (counting these).

``copylint/vale/`` is left out of the listing for now: Vale mode is being
rebuilt as a front end of the engine, and its imports change with it.
"""

#: why an import is deferred
THIRD_PARTY = "a third-party module only one feature needs (measured: regex ~20 ms, yaml, pandas and pyarrow far more)"
STANDARD = "a standard-library module only a rare path needs"
ON_DEMAND = "a copylint module on a path most runs never take"

#: importing module -> {imported module, as written: reason}
LAZY_IMPORTS: dict[str, dict[str, str]] = {
    "copylint.api": {
        ".parallel": ON_DEMAND,
        ".symlinks": ON_DEMAND,
    },
    "copylint.archive.dask": {
        "..parallel": ON_DEMAND,
        "distributed": THIRD_PARTY,
        "pandas": THIRD_PARTY,
    },
    "copylint.archive.readers": {
        "pyarrow.parquet": THIRD_PARTY,
        "pyarrow.types": THIRD_PARTY,
    },
    "copylint.archive.runner": {
        ".dask": ON_DEMAND,
        "concurrent.futures": STANDARD,
        "os": STANDARD,
    },
    "copylint.archive.work": {
        "resource": STANDARD,
    },
    "copylint.archive.writers": {
        "pyarrow": THIRD_PARTY,
        "pyarrow.parquet": THIRD_PARTY,
    },
    "copylint.autofix": {
        ".parallel": ON_DEMAND,
        "concurrent.futures": STANDARD,
    },
    "copylint.checks.existence": {
        "regex": THIRD_PARTY,
    },
    "copylint.checks.spelling": {
        "spylls.hunspell": THIRD_PARTY,
    },
    "copylint.checks.variants": {
        "..quotes": ON_DEMAND,
        "bisect": STANDARD,
        "mmap": STANDARD,
        "os": STANDARD,
    },
    "copylint.cli": {
        "errno": STANDARD,
        "io": STANDARD,
        "os": STANDARD,
        "sys": STANDARD,
    },
    "copylint.cli.archive": {
        "..archive": ON_DEMAND,
        "..linter": ON_DEMAND,
        "..parallel": ON_DEMAND,
        "distributed": THIRD_PARTY,
    },
    "copylint.cli.check": {
        "..api": ON_DEMAND,
        "..reporters": ON_DEMAND,
        "..vale.cli": ON_DEMAND,
        ".fix": ON_DEMAND,
    },
    "copylint.cli.common": {
        "..files": ON_DEMAND,
        "..reporters": ON_DEMAND,
        "shutil": STANDARD,
    },
    "copylint.cli.fix": {
        "..reporters": ON_DEMAND,
    },
    "copylint.cli.init": {
        "..starter": ON_DEMAND,
        "tempfile": STANDARD,
    },
    "copylint.cli.lsp": {
        "..lsp": ON_DEMAND,
        "..lsp.server": ON_DEMAND,
    },
    "copylint.cli.rules": {
        "..explain": ON_DEMAND,
        "..reporters.text": ON_DEMAND,
        "..ruleset": ON_DEMAND,
        "..ruleset.packs": ON_DEMAND,
    },
    "copylint.cli.serve": {
        "..server": ON_DEMAND,
        "webbrowser": STANDARD,
    },
    "copylint.cli.test": {
        "..rule_tests": ON_DEMAND,
        "..ruleset": ON_DEMAND,
        "..ruleset.loader": ON_DEMAND,
        "..ruleset.packs": ON_DEMAND,
    },
    "copylint.config": {
        ".formats": ON_DEMAND,
        "pathspec": THIRD_PARTY,
    },
    "copylint.engine": {
        ".fixcontext": ON_DEMAND,
    },
    "copylint.explain": {
        ".api": ON_DEMAND,
        ".rule_tests": ON_DEMAND,
        "os": STANDARD,
        "textwrap": STANDARD,
    },
    "copylint.files": {
        "pathspec": THIRD_PARTY,
    },
    "copylint.formats": {
        ".html": ON_DEMAND,
        ".markdown": ON_DEMAND,
        ".site_root": ON_DEMAND,
        ".text": ON_DEMAND,
    },
    "copylint.formats.html": {
        ".sites": ON_DEMAND,
    },
    "copylint.formats.prose": {
        "html": STANDARD,
    },
    "copylint.linter": {
        ".version": ON_DEMAND,
    },
    "copylint.lsp": {
        "importlib.util": STANDARD,
    },
    "copylint.lsp.configuration": {
        "..linting": ON_DEMAND,
        ".vale": ON_DEMAND,
    },
    "copylint.lsp.server": {
        ".vale": ON_DEMAND,
    },
    "copylint.parallel": {
        ".errors": ON_DEMAND,
        "concurrent.futures": STANDARD,
        "concurrent.futures.process": STANDARD,
    },
    "copylint.patterns.casefold": {
        "re._casefix": STANDARD,
    },
    "copylint.patterns.lazy": {
        "regex": THIRD_PARTY,
    },
    "copylint.patterns.re2_exact": {
        "regex": THIRD_PARTY,
        "regex._main": THIRD_PARTY,
    },
    "copylint.reporters.concise": {
        ".escape": ON_DEMAND,
    },
    "copylint.reporters.html_report": {
        "..version": ON_DEMAND,
    },
    "copylint.reporters.json_format": {
        "..version": ON_DEMAND,
    },
    "copylint.reporters.sarif": {
        "..version": ON_DEMAND,
    },
    "copylint.rule_tests": {
        ".fixing": ON_DEMAND,
        ".linting": ON_DEMAND,
    },
    "copylint.ruleset.cache": {
        "..findings": ON_DEMAND,
        "..version": ON_DEMAND,
        ".derived": ON_DEMAND,
        ".signed_store": ON_DEMAND,
        ".yaml_lines": ON_DEMAND,
    },
    "copylint.ruleset.derived": {
        ".signed_store": ON_DEMAND,
    },
    "copylint.ruleset.fields": {
        "regex": THIRD_PARTY,
    },
    "copylint.ruleset.loader": {
        "..checks": ON_DEMAND,
        ".yaml_lines": ON_DEMAND,
    },
    "copylint.ruleset.model": {
        "fnmatch": STANDARD,
    },
    "copylint.ruleset.packs": {
        ".validate": ON_DEMAND,
        ".yaml_lines": ON_DEMAND,
    },
    "copylint.ruleset.signed_store": {
        "_operator": STANDARD,
        "_sha2": STANDARD,
        "_sha256": STANDARD,
        "hashlib": STANDARD,
        "marshal": STANDARD,
        "tempfile": STANDARD,
    },
    "copylint.ruleset.validate": {
        "..checks": ON_DEMAND,
        "..patterns.lazy": ON_DEMAND,
        "regex": THIRD_PARTY,
    },
    "copylint.safeload": {
        "re": STANDARD,
        "reprlib": STANDARD,
        "tomllib": THIRD_PARTY,
        "yaml": THIRD_PARTY,
    },
    "copylint.server.api": {
        "..formats": ON_DEMAND,
    },
    "copylint.server.app": {
        "..version": ON_DEMAND,
    },
    "copylint.server.styles": {
        "..ruleset": ON_DEMAND,
        "..ruleset.packs": ON_DEMAND,
    },
    "copylint.writer": {
        ".ruleset.signed_store": ON_DEMAND,
        "secrets": STANDARD,
        "tempfile": STANDARD,
    },
}
