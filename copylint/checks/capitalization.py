"""``capitalization``: the case of a whole scope unit (usually a heading).

``match`` is ``$title`` (title case; ``style: AP`` or ``Chicago``),
``$sentence`` (sentence case), ``$lower``, ``$upper``, or a regex the unit
must match.  For title and sentence case the unit passes when the share of its
words already in the expected case is above ``threshold`` (default 0.8), so a
proper noun or two does not trip it; ``exceptions`` (regexes, also multi-word
terms such as ``Axon Server``) are words kept exactly as written, ``prefix``
(a regex) is ignored at the start (``'^[a-z]\\.\\s'`` for ``a. Heading``),
and ``indicators`` are word endings (``':'``) after which a capital is
allowed.  The message's first ``%s`` is the text, the second the expected
form.  Same fields and semantics as Vale's ``capitalization``.
"""

from __future__ import annotations

from typing import Any

import regex

from ..document.model import Document
from ..ruleset import fields as f
from ..ruleset.model import Rule
from .base import Hit, RulePattern, UnitCheck

ARTICLES = {"a", "an", "the"}
CONJUNCTIONS = {"and", "but", "for", "nor", "or", "so", "yet"}
SHORT_PREPOSITIONS = {"as", "at", "by", "for", "in", "of", "off", "on", "per", "to", "up", "via"}
PREPOSITIONS = SHORT_PREPOSITIONS | {
    "about", "above", "across", "after", "against", "along", "amid", "among", "around",
    "before", "behind", "below", "beneath", "beside", "besides", "between", "beyond",
    "despite", "down", "during", "except", "from", "inside", "into", "like", "near",
    "onto", "opposite", "out", "outside", "over", "past", "since", "than", "through",
    "throughout", "till", "toward", "towards", "under", "underneath", "unlike", "until",
    "upon", "with", "within", "without",
}
#: Words title case leaves in lower case (except first and last).
SMALL_WORDS = {
    "AP": ARTICLES | CONJUNCTIONS | {p for p in SHORT_PREPOSITIONS if len(p) <= 3},
    "Chicago": ARTICLES | CONJUNCTIONS | PREPOSITIONS,
}


def exception_source(terms: list[str]) -> str | None:
    """Vale's exception matcher as a pattern: whole-word terms, longest
    first, each case-sensitive unless it starts with ``(?i)``; None when
    there are none or the pattern is not valid."""
    if not terms:
        return None
    ordered = sorted(terms, key=len, reverse=True)
    parts = [t if t.startswith("(?i)") else f"(?-i:{t})" for t in ordered]
    parts = [f"(?i:{p[4:]})" if p.startswith("(?i)") else p for p in parts]
    source = r"(?m)\b(?:" + "|".join(parts) + r")\b"
    try:
        regex.compile(source)
    except regex.error:
        return None
    return source


def exception_regex(terms: list[str]) -> "regex.Pattern[str] | None":
    """:func:`exception_source`, compiled."""
    source = exception_source(terms)
    return regex.compile(source) if source is not None else None


def _capitalize(word: str) -> str:
    for i, ch in enumerate(word):
        if ch.isalpha():
            return word[:i] + ch.upper() + word[i + 1:]
    return word


def _keep_terms(text: str, converted: list[str], words: list[str], terms: list[str]) -> None:
    """Restore the words of multi-word or single exception terms as written."""
    for term in terms:
        if not term or not all(ch.isalnum() or ch in " -'’/" for ch in term):
            continue
        parts = term.split()
        n = len(parts)
        for i in range(len(words) - n + 1):
            window = [w.strip(".,:;!?()\"'") for w in words[i:i + n]]
            if [w.lower() for w in window] == [p.lower() for p in parts]:
                for j in range(n):
                    converted[i + j] = words[i + j].replace(window[j], parts[j])


def sentence_case(text: str, terms: list[str], indicators: list[str]) -> str:
    words = text.split()
    out = []
    seen_first = False
    previous = ""
    for word in words:
        if not seen_first:
            # the first word, even without letters ('1.', a masked code span):
            # its first letter is capitalised unless a digit comes before it
            lead = next((ch for ch in word if ch.isalnum()), "")
            out.append(_capitalize(word) if lead.isalpha() else word)
            seen_first = True
        elif previous and any(previous.endswith(ind) for ind in indicators):
            out.append(word)
        elif previous and not any(ch.isalpha() for ch in previous):
            out.append(word)  # after a number or symbol ('1. An …') either case
        elif word.isupper() and sum(ch.isalpha() for ch in word) > 1:
            out.append(word)  # an acronym
        else:
            out.append(word.lower())
        previous = word
    _keep_terms(text, out, words, terms)
    return " ".join(out)


def title_case(text: str, style: str, terms: list[str]) -> str:
    small = SMALL_WORDS.get(style, SMALL_WORDS["AP"])
    words = text.split()
    out = []
    for i, word in enumerate(words):
        bare = word.strip(".,:;!?()\"'“”‘’").lower()
        after_colon = i > 0 and words[i - 1].endswith(":")
        if 0 < i < len(words) - 1 and bare in small and not after_colon:
            out.append(word.lower())
        elif "-" in word:
            out.append("-".join(p if p.lower() in small and j else _capitalize(p)
                                for j, p in enumerate(word.split("-"))))
        else:
            out.append(_capitalize(word))
    _keep_terms(text, out, words, terms)
    return " ".join(out)


def share_ok(text: str, expected: str, exceptions: "RulePattern | None", threshold: float) -> bool:
    words = text.split()
    if not words:
        return True
    wanted = expected.split()
    good = 0
    for i, word in enumerate(words):
        if (i < len(wanted) and word == wanted[i]) or _found(exceptions, word):
            good += 1
    return good / len(words) > threshold


class CapitalizationCheck(UnitCheck):
    kind = "capitalization"
    message_values = 2  # the text, the expected form
    fields = {
        "match": f.Field(f.nonempty_string, required=True,
                         doc="$title, $sentence, $lower, $upper, or a regex"),
        "style": f.Field(f.choice("AP", "Chicago"), default="AP", doc="title-case style"),
        "threshold": f.Field(lambda v: _ratio(v), default=0.8,
                             doc="share of words that must already be in the expected case"),
        "indicators": f.Field(f.string_list, default=[],
                              doc="word endings after which a capital is allowed ($sentence)"),
        "prefix": f.Field(f.regex_pattern, doc="a regex ignored at the start of the text"),
    }
    default_message = "'%s' should be in the expected case ('%s')."

    @classmethod
    def validate(cls, options: dict) -> None:
        if not options["match"].startswith("$"):
            f.check_regex(options["match"], "match")
        elif options["match"] not in ("$title", "$sentence", "$lower", "$upper"):
            raise ValueError("match: must be $title, $sentence, $lower, $upper or a regex")

    def __init__(self, rules: list[Rule]) -> None:
        super().__init__(rules)
        # every rule author's pattern runs as a RulePattern: trigger, RE2 or the rule's time budget
        self._exceptions: dict[str, RulePattern | None] = {}
        self._match: dict[str, RulePattern] = {}
        self._prefix: dict[str, RulePattern] = {}
        for rule in rules:
            source = exception_source(rule.exceptions)
            self._exceptions[rule.id] = None if source is None else self._pattern(rule, source)
            if not rule.options["match"].startswith("$"):
                self._match[rule.id] = self._pattern(rule, rule.options["match"])
            if rule.options.get("prefix"):
                self._prefix[rule.id] = self._pattern(rule, rule.options["prefix"])

    def _pattern(self, rule: Rule, pattern: str) -> RulePattern:
        return RulePattern.of(rule, pattern, owner=self, ignorecase=False)

    def _patterns(self) -> list[RulePattern]:
        return [p for table in (self._exceptions, self._match, self._prefix) for p in table.values()
                if p is not None]

    def triggers(self) -> list[Any]:
        return [p.trigger for p in self._patterns() if p.trigger is not None]

    def prepare(self, rule: Rule, doc: Document, state: dict) -> bool:
        # the rule's patterns whose trigger shows they match nowhere in the document
        state["absent"] = frozenset(name for name, table in _TABLES.items()
                                    if (p := getattr(self, table).get(rule.id)) is not None and p.absent(doc))
        return True

    def expected(self, rule: Rule, text: str, absent: frozenset[str] = frozenset()) -> tuple[str, bool]:
        """The expected form of ``text`` and whether ``text`` passes
        (``absent``: the names, of ``exceptions``, ``match`` and ``prefix``,
        of patterns known to match nowhere in the text)."""
        match = rule.options["match"]
        exceptions = None if "exceptions" in absent else self._exceptions[rule.id]
        if match == "$lower":
            return text.lower(), text == text.lower() or _found(exceptions, text)
        if match == "$upper":
            return text.upper(), text == text.upper() or _found(exceptions, text)
        if not match.startswith("$"):
            found = "match" not in absent and self._match[rule.id].search_in(text) is not None
            return match, found or _found(exceptions, text)
        body = text
        if rule.id in self._prefix and "prefix" not in absent:
            body = self._prefix[rule.id].sub_in("", text, count=1)
        if match == "$title":
            wanted = title_case(body, rule.options["style"], rule.exceptions)
        else:
            wanted = sentence_case(body, rule.exceptions, rule.options["indicators"])
        return wanted, share_ok(body, wanted, exceptions, rule.options["threshold"])

    def scan(self, rule: Rule, text: str, state: Any = None) -> list[Hit]:
        if not text.strip():
            return []
        wanted, ok = self.expected(rule, text, state.get("absent", frozenset()) if state else frozenset())
        if ok:
            return []
        return [Hit(rule, 0, len(text), (text, wanted), suggestion=wanted)]


#: the name of each of a rule's patterns -> the table that holds it
_TABLES = {"exceptions": "_exceptions", "match": "_match", "prefix": "_prefix"}


def _found(exceptions: "RulePattern | None", text: str) -> bool:
    return exceptions is not None and exceptions.search_in(text) is not None


def _ratio(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise ValueError("must be a number between 0 and 1")
    return float(value) or 0.8
