"""``dates``: dates and time words that contradict or repeat themselves.

``mode: weekday``: a weekday that is not the weekday of the date beside it
(``Tuesday, Feb. 15, 2023`` was a Wednesday).  Written as ``Tuesday, Feb. 15,
2023``, ``Tuesday 15 February 2023`` or ``Tuesday (Feb. 15)``; a date without
a year takes the year of the story's dateline (the year before or after when
the dateline is in January and the date in December, or the reverse), and is
not checked when the story gives no year at all.

``mode: impossible``: a date that does not exist (``Feb. 30``, ``April 31``).

``mode: relative``: ``words`` (``yesterday``, ``tomorrow``…; regexes allowed)
in datelined copy, where the reader cannot know which day they mean.  Direct
quotations are left alone; with ``datelined-only: false`` undatelined copy is
checked too.

``mode: redundant``: a time-of-day word that repeats what the adverb already
says (``early on Tuesday morning``): ``pairs`` maps the adverb to the words it
makes redundant; the fix drops the repeated word.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Iterable, Iterator

from ..document.datelines import MONTH_RE, MONTHS, WEEKDAYS, find_dateline
from ..document.model import Document
from ..findings import Applicability
from ..document.quotes import inside, quoted_spans_by_block
from ..ruleset import fields as f
from ..ruleset.model import Rule
from .base import Check, Hit, LazyRe, RulePattern
from .fastscan import SPACES, LiteralStarts, Trigger, foldable, matches_at, phrase, words_trigger

_WEEKDAY_RE = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_MONTH = r"(?P<month>" + MONTH_RE + r")\.?"
_WEEKDAY_DATE = LazyRe(
    _WEEKDAY_RE + r"(?:"
    r",?[ \t]+\(?" + _MONTH + r"[ \t]+" + _DAY + r"(?!\d)(?:\)|,?[ \t]+" + _YEAR + r"(?!\d))?"
    r"|,?[ \t]+(?:the[ \t]+)?" + _DAY.replace("day>", "day2>") + r"(?:[ \t]+of)?[ \t]+"
    + _MONTH.replace("month>", "month2>") + r"(?:,?[ \t]+" + _YEAR.replace("year>", "year2>")
    + r"(?!\d))?"
    r")"
)
_DATE = LazyRe(
    r"(?<!\w)" + _MONTH + r"[ \t]+(?P<day>[0-3]?\d)(?!\d|[ \t]*(?:%|percent|per[ \t]cent))"
    r"(?=[ \t]*(?:[,.;:)]|$|\n|[ \t]+(?:1[89]|20)\d\d(?!\d)))"
    r"|(?<![\w.,])(?P<day2>[0-3]?\d)[ \t]+" + _MONTH.replace("month>", "month2>")
    + r"(?=[,.;:)]?[ \t]+(?:1[89]|20)\d\d(?!\d))"
)


#: Every month's name and abbreviation starts with one of these (case as
#: ``MONTH_RE`` writes them): found by ``str.find``.
_MONTH_STARTS = LiteralStarts(sorted({name[:3].capitalize() for name in MONTHS}))


def date_matches(text: str) -> Iterator["re.Match[str]"]:
    """Exactly ``_DATE.finditer(text)``, with ``_DATE`` tried only where a
    match can start: at a month's name (its first branch), or at the one or
    two digits before the blanks before one (its second branch: the day's
    digits end where that run of blanks starts).  Two regex scans for a
    first character cost about ten times more (they test every character)."""
    starts: set[int] = set()
    for at in _MONTH_STARTS.starts(text):
        starts.add(at)
        gap = at
        while gap > 0 and text[gap - 1] in " \t":
            gap -= 1
        if gap < at:
            starts.update(range(max(gap - 2, 0), gap))
    return matches_at(_DATE, sorted(starts), text)

# Triggers (see .fastscan): what every match contains, lower-cased.  Every
# month name and abbreviation starts with one of these.
_MONTH3 = "(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
_WEEKDAY3 = "(?:" + "|".join(WEEKDAYS) + ")"
#: Python's \\d: an ASCII digit, or any non-ASCII character (RE2's Unicode
#: tables need not be those of this Python)
_DIGIT = r"(?:[0-9]|[^\x00-\x7f])"
#: a weekday, then a month (maybe bracketed), 'the' or the day's digits
_WEEKDAY_TRIGGER = _WEEKDAY3 + r",?[ \t]+(?:\(|the|" + _DIGIT + "|" + _MONTH3[3:-1] + ")"
#: A month then a day, or a day then a month, where the day can be
#: impossible.  Every month has 29 days or more, so only a day of 0 or of 30 and
#: more is: its digits (``[0-3]?\d``) start with 0 or 3 or are one non-ASCII
#: digit, and end, before the month, in 0, in 3 and a digit, or in one
#: non-ASCII digit (a day of 1-29 never is).
_IMPOSSIBLE_TRIGGER = (_MONTH3 + r"[a-z]*\.?[ \t]+(?:[03]|[^\x00-\x7f])"
                       r"|(?:0|3[0-9]|[^\x00-\x7f])[ \t]+" + _MONTH3)


def _int(m: re.Match[str], *names: str) -> int | None:
    for name in names:
        value = m.group(name)
        if value:
            return int(value)
    return None


def _month(m: re.Match[str]) -> int | None:
    name = m.group("month") or m.group("month2")
    return MONTHS.get(name.lower()) if name else None


class DatesCheck(Check):
    kind = "dates"

    @classmethod
    def values_in_message(cls, options: dict[str, Any]) -> int:
        # weekday: the date, the weekday written, the right one; impossible: the date, the
        # month's last day; redundant: the phrase, the part kept; relative: the phrase
        return {"weekday": 3, "impossible": 2, "relative": 1, "redundant": 2}.get(options.get("mode"), 1)
    #: A date rewrite touches a fact (which of weekday and date is wrong, what
    #: a dropped time of day meant): an editor decides.
    default_applicability = Applicability.UNSAFE
    fields = {
        "mode": f.Field(f.choice("weekday", "impossible", "relative", "redundant"), required=True,
                        doc="weekday | impossible | relative | redundant"),
        "words": f.Field(f.string_list, doc="time words (regexes allowed) (mode: relative)"),
        "datelined-only": f.Field(f.boolean, default=True,
                                  doc="check only datelined copy (mode: relative)"),
        "pairs": f.Field(f.string_map, doc="adverb -> redundant time-of-day words, '|'-separated "
                                            "(mode: redundant)"),
    }
    default_message = "'%s': check this date."

    @classmethod
    def validate(cls, options: dict) -> None:
        if options["mode"] == "relative" and not options.get("words"):
            raise ValueError("words: required when mode is 'relative'")
        if options["mode"] == "relative":
            for word in options["words"]:
                f.check_regex(word, "words")
        if options["mode"] == "redundant" and not options.get("pairs"):
            raise ValueError("pairs: required when mode is 'redundant'")

    def __init__(self, rules: list[Rule]) -> None:
        super().__init__(rules)
        #: (rule, its pattern, its trigger): the rule author's words (relative) as a
        #: RulePattern, the kind's own pattern built from the adverbs (redundant)
        self.compiled: list[tuple[Rule, "RulePattern | LazyRe | None", Trigger | None]] = []
        for rule in rules:
            o = rule.options
            pattern: "RulePattern | LazyRe | None" = None
            trigger = None
            if o["mode"] == "weekday":
                trigger = Trigger(_WEEKDAY_TRIGGER)
            elif o["mode"] == "impossible":
                trigger = Trigger(_IMPOSSIBLE_TRIGGER)
            if o["mode"] == "relative":
                body = "|".join(f"(?:{w})" for w in o["words"])
                pattern = RulePattern.of(rule, rf"(?<!\w)(?:{body})(?!\w)",
                                         words_trigger(o["words"], rule.ignorecase), owner=self)
                trigger = pattern.trigger
            elif o["mode"] == "redundant":
                alternatives = []
                for adverb, words in o["pairs"].items():
                    later = "|".join(re.escape(w.strip()).replace(r"\ ", r"\s+") for w in words.split("|"))
                    alternatives.append(rf"{re.escape(adverb)}(?:\s+on)?\s+(?:{'|'.join(WEEKDAYS)})(\s+(?:{later}))")
                flags = re.IGNORECASE if rule.ignorecase else 0
                pattern = LazyRe(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", flags)
                if all(foldable(a) for a in o["pairs"]):
                    adverbs = "|".join(sorted(phrase(a.lower()) for a in o["pairs"]))
                    trigger = Trigger(f"(?:{adverbs}){SPACES}(?:on{SPACES})?{_WEEKDAY3}")
            self.compiled.append((rule, pattern, trigger))

    def triggers(self) -> list[Trigger]:
        return [trigger for *_, trigger in self.compiled if trigger is not None]

    def run(self, doc: Document) -> Iterable[Hit]:
        for rule, pattern, trigger in self.compiled:
            if trigger is not None and trigger.absent(doc):
                continue
            mode = rule.options["mode"]
            if mode == "weekday":
                yield from self._weekdays(rule, doc)
            elif mode == "impossible":
                yield from self._impossible(rule, doc)
            elif mode == "relative":
                yield from self._relative(rule, pattern, doc)  # type: ignore[arg-type]
            else:
                for m in pattern.finditer(doc.prose):  # type: ignore[union-attr]
                    span = next(i for i in range(1, (m.lastindex or 0) + 1) if m.group(i))
                    if doc.same_block(m.start(), m.end()):
                        kept = doc.prose[m.start():m.start(span)]
                        yield Hit(rule, m.start(), m.end(), (m.group().strip(), kept), kept, kept)

    @staticmethod
    def _year_for(doc: Document, month: int) -> int | None:
        dateline = find_dateline(doc)
        if dateline is None or dateline.year is None:
            return None
        year = dateline.year
        if dateline.month is not None:
            if dateline.month <= 2 and month >= 11:
                return year - 1
            if dateline.month >= 11 and month <= 2:
                return year + 1
        return year

    def _weekdays(self, rule: Rule, doc: Document) -> Iterable[Hit]:
        for m in _WEEKDAY_DATE.finditer(doc.prose):
            month, day = _month(m), _int(m, "day", "day2")
            if month is None or day is None or not doc.same_block(m.start(), m.end()):
                continue
            year = _int(m, "year", "year2") or self._year_for(doc, month)
            if year is None:
                continue
            try:
                date = dt.date(year, month, day)
            except ValueError:
                continue  # an impossible date: the 'impossible' mode reports it
            actual = WEEKDAYS[date.weekday()].capitalize()
            written = m.group("weekday")
            if actual != written:
                label = date.strftime("%B %d, %Y").replace(" 0", " ")
                yield Hit(rule, m.start("weekday"), m.end("weekday"), (written, label, actual), actual)

    def _impossible(self, rule: Rule, doc: Document) -> Iterable[Hit]:
        for m in date_matches(doc.prose):
            month, day = _month(m), _int(m, "day", "day2")
            if month is None or day is None:
                continue
            limit = 29 if month == 2 else (30 if month in (4, 6, 9, 11) else 31)
            if day == 0 or day > limit:
                yield Hit(rule, m.start(), m.end(), (m.group(), str(limit)))

    def _relative(self, rule: Rule, pattern: RulePattern, doc: Document) -> Iterable[Hit]:
        dateline = find_dateline(doc)
        if dateline is None and rule.options.get("datelined-only", True):
            return
        spans: list[tuple[int, int]] | None = None
        for m in pattern.finditer(doc, self.regex_timeout):
            if spans is None:  # only for a document with a match
                spans = quoted_spans_by_block(doc)
            if m.end() > m.start() and not inside(spans, m.start(), m.end()):
                yield Hit(rule, m.start(), m.end(), (m.group(),))
