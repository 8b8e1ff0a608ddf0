"""``person``: one person's name in its accepted spelling.

A rule describes one frequently reported person: ``name`` is the accepted
spelling (``Pavlo Kyrylenko``), ``given`` and ``surname`` list wrong forms
(``Pavel``; ``Kirilenko``); ``also`` lists other accepted spellings of the
surname where house styles differ (``Zelensky``).  The rule only acts in a story that names the
person (a given-name form directly followed by a surname form), so a bare
``Kirilenko`` in a basketball story about Andrei Kirilenko is left alone, and
a Russian given name is only flagged in front of this person's surname.  Then
every wrong surname is flagged, bare or not, with the accepted one as the fix.
"""

from __future__ import annotations

import re
from typing import Iterable

from ..document.model import Document
from ..ruleset import fields as f
from ..ruleset.model import Rule
from .base import Check, Hit, LazyRe, preserve_case
from .fastscan import SPACES, Trigger, foldable, phrase


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


class PersonCheck(Check):
    kind = "person"
    message_values = 2  # the right spelling, the match
    fields = {
        "name": f.Field(f.nonempty_string, required=True,
                        doc="the accepted spelling, given name(s) then surname"),
        "given": f.Field(f.string_list, default=[], doc="wrong spellings of the given name"),
        "surname": f.Field(f.string_list, default=[], doc="wrong spellings of the surname"),
        "also": f.Field(f.string_list, default=[],
                        doc="other accepted spellings of the surname (house styles differ): "
                            "they identify the person but are not flagged"),
    }
    context_downgrade = True
    default_message = "Spell this person's name '%s', not '%s'."

    @classmethod
    def validate(cls, options: dict) -> None:
        if len(options["name"].split()) < 2:
            raise ValueError("name: give the given name and the surname")
        if not options.get("given") and not options.get("surname"):
            raise ValueError("surname: give wrong 'given' or 'surname' spellings")

    def __init__(self, rules: list[Rule]) -> None:
        super().__init__(rules)
        self.compiled = []
        for rule in rules:
            *given, surname = rule.options["name"].split()
            right_given = " ".join(given)
            givens = [right_given, *rule.options["given"]]
            surnames = [surname, *rule.options["surname"], *rule.options["also"]]
            flags = re.IGNORECASE if rule.ignorecase else 0
            full = LazyRe(rf"(?<!\w)({_alternation(givens)})\s+({_alternation(surnames)})(?![\w-]|['’](?![sS]\b)\w)", flags)
            bare = (LazyRe(rf"(?<!\w)({_alternation(rule.options['surname'])})(?![\w-]|['’](?![sS]\b)\w)", flags)
                    if rule.options["surname"] else None)
            trigger = None
            if all(foldable(w) for w in [*givens, *surnames]):
                # the check acts only where the person is named in full
                trigger = Trigger(f"(?:{'|'.join(sorted({phrase(g.lower()) for g in givens}))}){SPACES}"
                                  f"(?:{'|'.join(sorted({phrase(n.lower()) for n in surnames}))})")
            self.compiled.append((rule, right_given, surname, full, bare, trigger))

    def triggers(self) -> list[Trigger]:
        return [entry[-1] for entry in self.compiled if entry[-1] is not None]

    def run(self, doc: Document) -> Iterable[Hit]:
        text = doc.prose
        for rule, right_given, surname, full, bare, trigger in self.compiled:
            if trigger is not None and trigger.absent(doc):
                continue
            named = list(full.finditer(text))
            if not named:
                continue
            for m in named:
                if m.group(1).lower() != right_given.lower():
                    fix = preserve_case(m.group(1), right_given)
                    yield Hit(rule, m.start(1), m.end(1), (fix, m.group(1)), fix, fix)
            if bare is not None:
                for m in bare.finditer(text):
                    fix = preserve_case(m.group(1), surname)
                    yield Hit(rule, m.start(1), m.end(1), (fix, m.group(1)), fix, fix)
