"""Finding a story's dateline (``KYIV, Feb 14 (Reuters) -``, ``KYIV, Ukraine
(AP) —``, ``NEW YORK, March 3 -``) and reading the date it carries.

A dateline is looked for at the start of one of the first paragraphs (after a
headline, a caption or a byline): an upper-case place, then a date, an agency
in brackets or a dash.  The ``dates`` kind uses its year and month; the
``dateline`` kind checks it against the house pattern.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Document

MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    ["january jan", "february feb", "march mar", "april apr", "may", "june jun", "july jul",
     "august aug", "september sept sep", "october oct", "november nov", "december dec"], 1):
    for _name in _names.split():
        MONTHS[_name] = _number
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

MONTH_RE = r"(?:" + "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True)) + r")"

#: How many paragraphs from the top may hold the dateline.
SEARCH_BLOCKS = 6

_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z'’.\-]+(?:[ ][A-Z][A-Z'’.\-]+)*"
    r"(?:,[ ](?![A-Z][a-z]+\.?[ ]\d)[A-Z][A-Za-z.'’\-]+(?:[ ][A-Z][A-Za-z.'’\-]+){0,2})?)"
    r"(?:,[ ](?P<date>(?P<month>" + MONTH_RE + r")\.?[ ](?P<day>\d{1,2})(?:,?[ ](?P<year>\d{4}))?))?"
    r"(?:[ ]?\((?P<agency>[A-Za-z][\w .&/-]{0,30})\))?"
    r"(?:[ ]?(?P<dash>-{1,2}|[–—]|:)(?=[ ]))?"
)


@dataclass(frozen=True)
class Dateline:
    start: int
    end: int
    text: str
    place: str
    month: int | None
    day: int | None
    year: int | None
    agency: str | None
    dash: str | None


def find_dateline(doc: Document) -> Dateline | None:
    """The story's dateline, or ``None`` when it has none."""
    cached = getattr(doc, "_copylint_dateline", False)
    if cached is not False:
        return cached  # type: ignore[return-value]
    found = None
    for block in doc.blocks[:SEARCH_BLOCKS]:
        m = _DATELINE.match(doc.prose, block.start, block.end)
        if not m or not (m.group("date") or m.group("agency") or m.group("dash")):
            continue
        place = m.group("place").split(",")[0]
        if len(place.replace(" ", "")) < 3 or not any(c.isalpha() for c in place):
            continue
        rest = doc.prose[m.end():block.end]
        if len(rest.split()) < 5:
            continue  # a headline, not a dateline
        month = MONTHS.get(m.group("month").lower()) if m.group("month") else None
        found = Dateline(
            start=m.start(), end=m.end(), text=m.group(), place=m.group("place"), month=month,
            day=int(m.group("day")) if m.group("day") else None,
            year=int(m.group("year")) if m.group("year") else None,
            agency=m.group("agency"), dash=m.group("dash"))
        break
    try:
        doc._copylint_dateline = found  # type: ignore[attr-defined]
    except AttributeError:  # pragma: no cover - a Document with __slots__
        pass
    return found
