"""One archive row -> the story to lint: id, text columns, format, year.

A row that cannot be linted (a missing column, a text that is not a string,
a bad id or format) raises :class:`MalformedRecord`; the run reports it with
its id and line and goes on.  A null text is an empty text (a story without
a headline is common), not an error."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any, Mapping

from ..formats import FORMATS

#: Format names accepted in a format column, besides text/markdown/html.
FORMAT_ALIASES = {"md": "markdown", "markdown": "markdown", "htm": "html", "html": "html",
                  "txt": "text", "text": "text", "plain": "text"}


class MalformedRecord(ValueError):
    """A row that cannot be linted; ``record_id`` is None when not known."""

    def __init__(self, problem: str, record_id: Any = None):
        super().__init__(problem)
        self.problem = problem
        self.record_id = record_id


@dataclass(frozen=True)
class Columns:
    """Which columns hold what.  Each of ``text`` is linted as its own
    document: a finding's line and column count within that column's text,
    and its record names the column in ``field``."""

    id: str = "id"
    text: tuple[str, ...] = ("body",)
    format_column: str | None = None
    #: The format of every story (or of those whose format column is null).
    fmt: str = "text"
    date: str | None = None

    def __post_init__(self) -> None:
        if not self.text:
            raise ValueError("at least one text column is needed")
        if self.fmt not in FORMATS:
            raise ValueError(f"unknown format {self.fmt!r} (expected {', '.join(FORMATS)})")

    @property
    def needed(self) -> list[str]:
        """Every column read, in order, without repeats."""
        names = [self.id, *self.text, self.format_column, self.date]
        return list(dict.fromkeys(n for n in names if n is not None))


@dataclass
class Story:
    id: Any
    #: (column name, text) in the order of ``Columns.text``.
    texts: list[tuple[str, str]] = field(default_factory=list)
    fmt: str = "text"
    year: int | None = None


def extract(row: Mapping[str, Any], columns: Columns, check_surrogates: bool = False) -> Story:
    """The story of ``row``; raises :class:`MalformedRecord`."""
    if not isinstance(row, Mapping):
        raise MalformedRecord(f"a record must be an object, not {_kind(row)}")
    if columns.id not in row:
        raise MalformedRecord(f"missing column '{columns.id}'")
    record_id = row[columns.id]
    if isinstance(record_id, bool) or not isinstance(record_id, (str, int)):
        raise MalformedRecord(f"the id ('{columns.id}') is {_kind(record_id)}, not a string or "
                              "an integer")
    texts = []
    for name in columns.text:
        if name not in row:
            raise MalformedRecord(f"missing column '{name}'", record_id)
        value = row[name]
        if value is None:
            value = ""
        elif not isinstance(value, str):
            raise MalformedRecord(f"column '{name}' is {_kind(value)}, not a string", record_id)
        elif check_surrogates and not value.isascii() and _has_surrogate(value):
            raise MalformedRecord(f"column '{name}' is not valid UTF-8 (a lone surrogate escape)",
                                  record_id)
        texts.append((name, value))
    fmt = columns.fmt
    if columns.format_column is not None:
        given = row.get(columns.format_column)
        if given is not None:
            if not isinstance(given, str) or given.strip().lower() not in FORMAT_ALIASES:
                raise MalformedRecord(
                    f"column '{columns.format_column}' is {given!r}, not a format "
                    f"({', '.join(FORMATS)})", record_id)
            fmt = FORMAT_ALIASES[given.strip().lower()]
    year = year_of(row.get(columns.date)) if columns.date is not None else None
    return Story(record_id, texts, fmt, year)


def year_of(value: Any) -> int | None:
    """The year of a date column's value: a date or datetime, or a string that
    starts with a four-digit year (``2019-05-01``, ``2019``); None otherwise."""
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.year
    if isinstance(value, str):
        head = value.strip()[:4]
        if len(head) == 4 and head.isdigit():
            return int(head)
    if hasattr(value, "year") and isinstance(value.year, int):  # pandas Timestamp
        return value.year
    return None


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    return {bool: "a boolean", int: "a number", float: "a number", list: "a list",
            dict: "an object", str: "a string"}.get(type(value), f"a {type(value).__name__}")
