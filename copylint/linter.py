"""A picklable batch linter for texts that are not files (archives, data frames).

``Linter`` holds a rule set plus the settings of a run.  Pickling it ships the
rules, never the compiled engine; a process that unpickles a linter whose rule
set it has already seen (same hash) reuses the engine it compiled then, so a
worker compiles the rules once however many tasks it runs.

>>> linter = Linter()
>>> [r["rule"] for r in linter.lint_texts([("s1", "The mayor of Kiev spoke.")])]
['places.kyiv']
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from .config.model import Config, load_config
from .findings import Finding, Level
from .formats import FORMATS, make_document
from .engine.linting import engine_for
from .ruleset import RuleSet
from .ruleset.signed_store import sha256
from .version import __version__

#: Rule sets already compiled in this process, by hash.
_COMPILED: dict[str, RuleSet] = {}

#: The keys of a finding record, in order.
RECORD_KEYS = ("id", "line", "column", "end_line", "end_column", "rule", "level", "message",
               "match", "suggestion", "fix", "fix_applicability")

Record = tuple[Any, str] | tuple[Any, str, str | None]


class Linter:
    """Lint many texts with one rule set, in this process or (pickled) in others.

    ``style`` is a house style (a built-in pack name or a pack directory),
    ``rules`` either a ready :class:`~copylint.ruleset.RuleSet` or extra rule
    files and directories, ``config`` a :class:`~copylint.config.model.Config` or the
    path of a configuration file (default: none, the built-in rules).
    ``min_level`` and ``inline_config`` default to the configuration's."""

    def __init__(self, style: str | None = None, rules: RuleSet | Iterable[Path | str] | None = None,
                 config: Config | Path | str | None = None, *, min_level: Level | str | None = None,
                 inline_config: bool | None = None, regex_timeout: float | None = None) -> None:
        if config is None:
            config = Config()
        elif not isinstance(config, Config):
            config = load_config(config)
        if style is not None:
            config = config.override(style=style)
        if isinstance(rules, RuleSet):
            ruleset = rules
        else:
            ruleset = config.build_rules(list(rules or ()))
        if regex_timeout is not None:
            ruleset.regex_timeout = regex_timeout
        if isinstance(min_level, str):
            min_level = Level.parse(min_level)
        self.min_level: Level = config.min_level if min_level is None else min_level
        self.fail_level: Level = config.fail_level
        self.inline_config: bool = config.inline_config if inline_config is None else inline_config
        self.key = _ruleset_hash(ruleset)
        self._rules = _COMPILED.setdefault(self.key, ruleset)

    # -- pickling: the rules and settings, never the compiled engine ---------
    def __getstate__(self) -> dict[str, Any]:
        return {"key": self.key, "rules": self._rules, "min_level": int(self.min_level),
                "fail_level": int(self.fail_level), "inline_config": self.inline_config}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.key = state["key"]
        self.min_level = Level(state["min_level"])
        self.fail_level = Level(state["fail_level"])
        self.inline_config = state["inline_config"]
        self._rules = _COMPILED.setdefault(self.key, state["rules"])

    @property
    def rules(self) -> RuleSet:
        return self._rules

    def compile(self) -> "Linter":
        """Compile the engine now (otherwise: on the first text)."""
        engine_for(self._rules)
        return self

    # -- linting ---------------------------------------------------------------
    def findings(self, text: str, fmt: str | None = None, path: str = "<text>") -> list[Finding]:
        """The findings of one text (``fmt``: text, markdown or html; default text)."""
        if not isinstance(text, str):
            raise TypeError(f"the text is a {type(text).__name__}, not a string")
        if fmt is not None and fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r} (expected {', '.join(FORMATS)})")
        doc = make_document(text, path=path, fmt=fmt or "text", inline_config=self.inline_config)
        minimum = self.min_level
        return [f for f in engine_for(self._rules).lint(doc) if f.level >= minimum]

    def lint_record(self, record_id: Any, text: str, fmt: str | None = None) -> list[dict[str, Any]]:
        """The finding records of one text (see :meth:`lint_texts`)."""
        return [to_record(record_id, f) for f in self.findings(text, fmt)]

    def lint_texts(self, records: Iterable[Sequence[Any]]) -> Iterator[dict[str, Any]]:
        """Lint ``(id, text)`` or ``(id, text, format)`` items, yielding one plain
        dict per finding, in input order then position order: ``id``, ``line``,
        ``column``, ``end_line``, ``end_column`` (1-based, in characters, end
        exclusive), ``rule``, ``level``, ``message``, ``match``, ``suggestion``,
        ``fix`` and ``fix_applicability`` (``safe``/``unsafe``, None without a
        fix).  A text that is not a string raises :class:`TypeError`."""
        for item in records:
            if len(item) == 2:
                record_id, text = item
                fmt = None
            else:
                record_id, text, fmt = item
            yield from self.lint_record(record_id, text, fmt)

    def __repr__(self) -> str:
        return f"Linter({len(self._rules)} rules, hash {self.key[:12]})"


def to_record(record_id: Any, finding: Finding) -> dict[str, Any]:
    """A finding as a plain, JSON- and Arrow-friendly record keyed by ``record_id``."""
    return {
        "id": record_id,
        "line": finding.line,
        "column": finding.column,
        "end_line": finding.end_line,
        "end_column": finding.end_column,
        "rule": finding.rule,
        "level": str(finding.level),
        "message": finding.message,
        "match": finding.match,
        "suggestion": finding.suggestion,
        "fix": finding.fix,
        "fix_applicability": str(finding.applicability) if finding.fix is not None else None,
    }


def _ruleset_hash(ruleset: RuleSet) -> str:
    """A hash of what decides the findings: the rules, the ids known to
    suppression comments and the regex timeout (and the copylint build)."""
    import pickle  # only for a Linter, not at every start-up

    payload = pickle.dumps((__version__, ruleset.rules, sorted(ruleset.known_ids),
                            ruleset.regex_timeout), protocol=pickle.HIGHEST_PROTOCOL)
    return sha256(payload).hexdigest()


__all__ = ["RECORD_KEYS", "Linter", "to_record"]
