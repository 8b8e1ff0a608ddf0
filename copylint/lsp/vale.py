"""Vale mode in the editor: with the client setting ``vale: true`` a
workspace folder is linted with the Vale styles of the nearest ``.vale.ini``
(searched from the folder up, as ``copylint check --vale`` run there
searches), instead of copylint's rules.  Vale's alerts become findings so
that diagnostics and hovers work alike; a Vale substitution with a single replacement carries its fix."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ..findings import Finding
from ..formats import make_document
from ..engine.linting import engine_for
from ..vale.rules import EXTENSIONS, ValeRuleSet, load_vale_rules


@dataclass
class ValeSetup:
    rules: ValeRuleSet
    root: Path


def load_vale(start: Path | None) -> ValeSetup:
    """The Vale rule set of the nearest Vale configuration (raises a
    :class:`~copylint.errors.CopylintError` naming the problem)."""
    rules = load_vale_rules(None, start=start or Path.cwd())
    return ValeSetup(rules, Path(rules.config.path).parent)


def vale_findings(setup: ValeSetup, body: str, path: Path | None, fmt: str) -> list[Finding]:
    """Vale's findings for ``body`` (BOM removed), with offsets in it; a
    substitution with a single replacement carries its fix."""
    if path is not None:
        try:
            shown = path.resolve().relative_to(setup.root.resolve()).as_posix()
        except ValueError:
            shown = path.name
        if not Path(shown).suffix:
            shown += EXTENSIONS[fmt]
    else:
        shown = "untitled" + EXTENSIONS[fmt]
    doc = make_document(body, path=shown, fmt=fmt)
    return [replace(f, path=str(path or shown)) for f in engine_for(setup.rules).lint(doc)]
