"""Findings: what a check reports, positioned in the original text."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum, StrEnum


class Level(IntEnum):
    """Severity of a finding; ordered so that ``Level.ERROR > Level.WARNING``."""

    SUGGESTION = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> "Level":
        try:
            return cls[name.strip().upper()]
        except KeyError:
            raise ValueError(
                f"unknown level {name!r} (expected error, warning or suggestion)"
            ) from None

    def __str__(self) -> str:
        return self.name.lower()


LEVEL_NAMES = tuple(str(level) for level in sorted(Level, reverse=True))


class Applicability(StrEnum):
    """How far a fix can be trusted (as ruff has it).

    ``SAFE``: applying it cannot change what the sentence says (deleting a
    stray ``.`` after a full stop, collapsing ``,,``); ``copylint fix`` applies
    it.  ``UNSAFE``: it needs an editor's eye (deleting a repeated word that
    may be grammatical, respelling a name inside a quotation); it is applied
    only with ``--unsafe-fixes``."""

    SAFE = "safe"
    UNSAFE = "unsafe"

    @classmethod
    def parse(cls, name: str) -> "Applicability":
        try:
            return cls(name.strip().lower())
        except ValueError:
            raise ValueError(f"unknown fix applicability {name!r} (expected safe or unsafe)") from None


APPLICABILITY_NAMES = tuple(a.value for a in Applicability)


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at one place.

    ``offset``/``end_offset`` are character offsets into the decoded text (BOM
    removed); ``line``/``column``/``end_line``/``end_column`` are 1-based and
    counted in characters, the end being exclusive.  ``fix`` is the replacement
    for the span when it is safe to apply without a human; ``suggestion`` is
    what the message proposes (it may be set when ``fix`` is not).
    ``applicability`` says whether ``fix`` is safe to apply unattended or
    needs an editor (meaningless when there is no fix).
    """

    rule: str
    level: Level
    message: str
    offset: int
    end_offset: int
    line: int
    column: int
    end_line: int
    end_column: int
    match: str
    suggestion: str | None = None
    fix: str | None = None
    path: str = "<text>"
    applicability: Applicability = Applicability.SAFE
    link: str | None = field(default=None, compare=False)
    #: The source line the finding starts on (for reporters that show context).
    context: str = field(default="", compare=False, repr=False)

    @property
    def fixable(self) -> bool:
        return self.fix is not None

    @property
    def safe_fix(self) -> bool:
        """It has a fix that ``copylint fix`` applies without ``--unsafe-fixes``."""
        return self.fix is not None and self.applicability is Applicability.SAFE

    def can_fix(self, unsafe: bool = False) -> bool:
        """It has a fix applied by a run that does (``unsafe``) or does not
        apply unsafe fixes."""
        return self.fix is not None and (unsafe or self.applicability is Applicability.SAFE)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.offset, self.end_offset, self.rule, self.message)

    def to_dict(self) -> dict[str, object]:
        """The stable JSON shape (see README, "JSON output")."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "level": str(self.level),
            "message": self.message,
            "match": self.match,
            "suggestion": self.suggestion,
            "fix": self.fix,
            "fix_applicability": str(self.applicability) if self.fix is not None else None,
        }
