"""Linting one text, one file, or a list of files in this process: the core
that the public API (:mod:`copylint.api`) and the worker pool
(:mod:`copylint.engine.parallel`) are both built on."""

from __future__ import annotations

import os
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from ..config.model import Config
from ..document.model import Document
from ..errors import CopylintError, InternalError
from ..findings import Finding, Level
from ..formats import make_document
from ..inputs.files import DEFAULT_READ, ReadOptions, read_text
from ..ruleset import RuleSet, load_rules
from ..ruleset.derived import recording
from .core import Engine


_default_rules: RuleSet | None = None
#: rule set -> (its regex timeout, the engine built from it)
_ENGINES: "weakref.WeakKeyDictionary[RuleSet, tuple[float, Engine]]" = weakref.WeakKeyDictionary()


def engine_for(rules: RuleSet) -> Engine:
    """The engine that runs ``rules`` (any rule set: copylint's own, or a
    Vale configuration's, whose ``scoped_front`` the engine's ``scoped``
    kind uses): built once per rule set (and again when its regex timeout
    changes), then reused for every document.  What building derives from
    the rules' patterns is read from and kept in the rule cache
    (:class:`~copylint.ruleset.derived.DerivedStore`)."""
    kept = _ENGINES.get(rules)
    if kept is not None and kept[0] == rules.regex_timeout:
        return kept[1]
    if rules.derived is not None:
        rules.derived.load()
    with recording() as used:
        engine = Engine(rules.rules, rules.known_ids, rules.regex_timeout, rules.scoped_front)
    if rules.derived is not None:
        rules.derived.save(used)
    _ENGINES[rules] = (rules.regex_timeout, engine)
    return engine


def default_rules() -> RuleSet:
    """The built-in rule packs, loaded once per process."""
    global _default_rules
    if _default_rules is None:
        _default_rules = load_rules()
    return _default_rules


def lint_text(text: str, rules: RuleSet | None = None, path: str = "<text>",
              fmt: str | None = None, min_level: Level = Level.SUGGESTION,
              inline_config: bool = True) -> list[Finding]:
    """Lint one text; findings sorted by position.  ``fmt`` (``text``,
    ``markdown``, ``html``) defaults to the one ``path``'s extension implies;
    ``inline_config=False`` ignores suppression comments."""
    ruleset = rules if rules is not None else default_rules()
    doc = make_document(text, path=path, fmt=fmt, inline_config=inline_config)
    return [f for f in engine_for(ruleset).lint(doc) if f.level >= min_level]


def lint_file(path: Path | str, rules: RuleSet | None = None,
              min_level: Level = Level.SUGGESTION, inline_config: bool = True,
              read: ReadOptions = DEFAULT_READ, fmt: str | None = None) -> list[Finding]:
    """Lint one file (raises :class:`~copylint.errors.InputError` if unreadable);
    ``fmt`` defaults to the format its extension and content imply."""
    name = os.fspath(path)
    return lint_text(read_text(name, options=read), rules, path=name, min_level=min_level,
                     inline_config=inline_config, fmt=fmt)


@dataclass
class Report:
    """The result of linting many files: findings plus per-file input errors."""

    findings: list[Finding] = field(default_factory=list)
    errors: list[CopylintError] = field(default_factory=list)
    #: Files linted (read and checked); those that failed or were skipped are
    #: in ``errors`` (:attr:`failed`, :attr:`skipped`), not counted here.
    files: int = 0

    @property
    def failed(self) -> list[CopylintError]:
        """Inputs that could not be linted, not counting skipped non-text files."""
        return [e for e in self.errors if not getattr(e, "skipped", False)]

    @property
    def skipped(self) -> list[CopylintError]:
        return [e for e in self.errors if getattr(e, "skipped", False)]

    def sort(self) -> None:
        """Put findings and errors in a canonical order, so that the same
        inputs give the same output whatever order they were given in."""
        self.findings.sort(key=Finding.sort_key)
        self.errors.sort(key=lambda e: (str(getattr(e, "path", "")), str(e)))


def lint_files_into(report: Report, files: Iterable[str | Path], rules: RuleSet, config: Config,
                    minimum: Level, progress: Callable[[Path], None] | None = None,
                    read: ReadOptions = DEFAULT_READ) -> Report:
    """Lint ``files`` in this process, adding to ``report``.  A bug met while
    linting one file is reported for that file; the others are still linted."""
    for path in files:
        try:
            report.findings.extend(lint_file(path, config.rules_for_path(rules, path), minimum,
                                             inline_config=config.inline_config, read=read,
                                             fmt=config.format_for(path)))
            report.files += 1  # linted: a file that failed or was skipped is counted in errors
        except CopylintError as exc:
            report.errors.append(exc)
        except Exception as exc:  # a bug: report it for this file, lint the others
            if os.environ.get("COPYLINT_DEBUG"):
                raise
            report.errors.append(InternalError(
                str(path), f"internal error: {type(exc).__name__}: {' '.join(str(exc).split())} "
                           "(please report this; set COPYLINT_DEBUG=1 for a traceback)"))
        if progress is not None:
            progress(Path(path))
    return report
