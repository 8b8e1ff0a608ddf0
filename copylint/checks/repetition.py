"""``repetition``: words that the writer (or the CMS) typed twice.

``target: words`` finds an adjacent duplicated word (``the the``), also
across a line break but never across a block boundary, nor across a gap of
a tab or three spaces (columns of a table).  Each duplicate gets a verdict:

* *legitimate* when a context in ``legitimate`` describes it (``sworn in in
  May``, ``gave her her phone``, ``He had had enough``, ``hush hush``,
  ``Walla Walla``, ``E.ON on``), or its word is in ``allow``, or (with
  ``allow-capitalized``) its second copy is capitalised and the word is not in
  ``always``;
* *doubtful* when the first context that describes it says ``verdict:
  doubtful``, or its word is not in ``certain``;
* *certain* otherwise (``the the``, ``up to to``).

``report`` says which verdicts a rule reports (``any``, ``certain``,
``doubtful``), so that a pack can report certain slips as errors with a safe
fix and doubtful ones as warnings whose fix needs an editor's eye (doubtful
hits carry an unsafe fix).  The contexts are data: each is a mapping whose
keys all have to hold (see :class:`Context`); the first that holds decides.

``target: fragment`` flags a short lower-case "sentence" that repeats a word,
or the stem of a word, from the end of the sentence before it
(``a series of bombings. bomb.``), a typical paste or CMS slip.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice
from operator import eq
from typing import Any, Iterable, Iterator

from ..document.model import Document
from ..findings import Applicability
from ..ruleset import fields as f
from ..ruleset.model import Rule
from ..inputs.safeload import shown
from .base import BoundedRegex, Check, Hit, LazyRe, LazyRegex

# The word is an atomic group: giving letters back can never let the gap match
# (it starts with a blank), and not trying is what keeps this scan fast.
_DUPLICATE = re.compile(
    r"(?<![\w'’-])((?>[^\W\d_]+(?:['’][^\W\d_]+)?))"
    r"((?:[ \t\u00a0]+|[ \t\u00a0]*(?:\r\n|\r|\n)[ \t\u00a0]*))"
    r"(\1)(?![\w'’+#-])",  # 'A+', 'C++', 'C#': another token than the bare letter
    re.IGNORECASE,
)
#: Characters a duplicated word, and the characters on either side of it, are
#: tested against (``[\w'’-]``).
_TOKEN_EXTRA = "_'’-"
#: ASCII characters outside ``[\w'’-]`` become spaces; other bytes stay.
_TOKEN_BYTES = bytes(b if b >= 0x80 or chr(b).isalnum() or chr(b) in _TOKEN_EXTRA else 0x20
                     for b in range(256))
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
#: Two equal runs of token bytes in a row (in the translated text, where only
#: spaces separate runs; a space is put in front of the text): the first
#: copy, possessive (a run is never given back), must be followed by spaces
#: and the same bytes ending a run.
_EQUAL_RUNS = re.compile(rb" ([^ ]++) ++\1(?![^ ])")
#: What the first group of ``_DUPLICATE`` matches.
_ONE_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
#: Where a fragment can start: a sentence end (see ``sentences._END``), blanks,
#: then a letter that may be lower case.  Only blocks with such a place are
#: split into sentences.
_FRAGMENT_START = LazyRe(r"[.!?…][\"'”’)\]]*\s+(?=[^\sA-Z0-9])")
#: ``_FRAGMENT_START`` in a text without ``!``, ``?`` or ``…`` (nine stories
#: in ten): the same matches, found by a scan for the literal full stop
#: (about 6× faster than the class scan).
_FRAGMENT_START_STOPS = re.compile(r"\.[\"'”’)\]]*\s+(?=[^\sA-Z0-9])")
_STEM_MIN = 3
#: A gap between the copies that is a column layout, not a slip (searched in
#: the source: markup removed from the prose leaves blanks of its own).
_COLUMN_GAP = re.compile(r"\t|[ \u00a0]{3}")
#: The word right before / after a duplicate (within its sentence).
_LAST_WORD = re.compile(r"([\w'’-]+)[\"'”’)\]]*\Z")
_FIRST_WORD = re.compile(r"[\w'’-]+")
#: After these the pair starts a sentence (or a quotation) as far as
#: ``previous: [^]`` is concerned; before these it ends one (``next: [$]``).
_OPENERS = ".!?…:;\"'“‘([—–"
_CLOSERS = ".!?…:;\"'”’)]"
#: How much text either side a context looks at.
_CONTEXT_CHARS = 120

#: Keys of one ``legitimate`` context and what each must be.
_CONTEXT_KEYS = {
    "note": "string", "words": "list", "not-words": "list", "match": "regex",
    "previous": "list", "not-previous": "list", "next": "list", "not-next": "list",
    "before": "regex", "not-before": "regex", "after": "regex", "not-after": "regex",
    "capitalized": "bool", "acronym": "bool", "verdict": "verdict",
}
VERDICTS = ("legitimate", "doubtful")


def _contexts(value: Any) -> list[dict[str, Any]]:
    """Validate a ``legitimate`` list (field converter)."""
    if not isinstance(value, list):
        raise ValueError("must be a list of mappings (contexts)")
    out = []
    for i, item in enumerate(value, 1):
        if not isinstance(item, dict) or not item:
            raise ValueError(f"context {i} must be a non-empty mapping")
        unknown = set(item) - set(_CONTEXT_KEYS)
        if unknown:
            raise ValueError(f"context {i}: unknown key(s) "
                             f"{', '.join(shown(k, 40) for k in sorted(map(str, unknown))[:5])}; "
                             f"known: {', '.join(_CONTEXT_KEYS)}")
        context: dict[str, Any] = {}
        for key, raw in item.items():
            kind = _CONTEXT_KEYS[key]
            try:
                if kind == "list":
                    context[key] = f.string_list(raw)
                elif kind == "regex":
                    context[key] = f.regex_pattern(raw)
                elif kind == "bool":
                    context[key] = f.boolean(raw)
                elif kind == "verdict":
                    context[key] = f.choice(*VERDICTS)(raw)
                else:
                    context[key] = f.string(raw)
            except ValueError as exc:
                raise ValueError(f"context {i}: {key}: {exc}") from None
        if set(context) <= {"note", "verdict"}:
            raise ValueError(f"context {i} says nothing about the repeat (give words, previous, after…)")
        out.append(context)
    return out


@dataclass(slots=True)
class Repeat:
    """One duplicate and what surrounds it (the words compared lower-cased)."""

    first: str
    second: str
    before: str  # text of the block before the first copy (up to _CONTEXT_CHARS)
    after: str  # text of the block after the second copy
    previous: str  # the word before ('^' at a sentence start)
    next: str  # the word after ('$' at a sentence end)

    @property
    def word(self) -> str:
        return self.first.lower()


class Context:
    """One ``legitimate`` entry: every key it gives must hold.

    ``words``/``not-words``: the repeated word is / is not one of these;
    ``match``: a regex the whole word (as written, first copy) matches;
    ``previous``/``not-previous``, ``next``/``not-next``: the word right
    before / after the pair is / is not one of these (``^`` stands for the
    start of the sentence, ``$`` for its end); ``before``/``not-before``: a
    regex that matches / does not match the text just before the pair (it is
    anchored at the pair); ``after``/``not-after``: likewise for the text just
    after the pair (anchored there, leading blanks skipped); ``capitalized``:
    both copies start with a capital letter (or, false, not both);
    ``acronym``: one copy is an acronym (two or three capitals, or capitals
    joined to a dotted name) and the other is not (``E.ON on``, ``the WHO
    who``; but ``KIEV kiev`` is a slip).  ``verdict`` is what the context makes of the repeat:
    ``legitimate`` (the default) or ``doubtful``."""

    __slots__ = ("verdict", "_tests")

    def __init__(self, spec: dict[str, Any], rule: Rule | None = None, owner: Check | None = None) -> None:
        self.verdict = spec.get("verdict", "legitimate")
        tests = []

        def _pattern(source: str, prefix: str, suffix: str) -> Any:
            # a rule author's regex: under the rule's time budget when there is a rule
            pattern = _wrapped(source, prefix, suffix)
            return pattern if rule is None else BoundedRegex(pattern, rule, owner)

        low = lambda items: {w.lower() for w in items}  # noqa: E731
        if "words" in spec:
            words = low(spec["words"])
            tests.append(lambda r: r.word in words)
        if "not-words" in spec:
            not_words = low(spec["not-words"])
            tests.append(lambda r: r.word not in not_words)
        if "match" in spec:
            match = _pattern(spec["match"], "", r"\Z")
            tests.append(lambda r: match.fullmatch(r.first) is not None)
        for key, attr, positive in (("previous", "previous", True), ("not-previous", "previous", False),
                                    ("next", "next", True), ("not-next", "next", False)):
            if key in spec:
                items = low(spec[key])
                tests.append(lambda r, items=items, attr=attr, positive=positive:
                             (getattr(r, attr).lower() in items) is positive)
        for key, positive in (("before", True), ("not-before", False)):
            if key in spec:
                pattern = _pattern(spec[key], "", r"[ \t\u00a0\r\n]*\Z")
                tests.append(lambda r, p=pattern, positive=positive: (p.search(r.before) is not None) is positive)
        for key, positive in (("after", True), ("not-after", False)):
            if key in spec:
                pattern = _pattern(spec[key], "", "")
                tests.append(lambda r, p=pattern, positive=positive:
                             (p.match(r.after.lstrip()) is not None) is positive)
        if "capitalized" in spec:
            want = spec["capitalized"]
            tests.append(lambda r: (r.first[:1].isupper() and r.second[:1].isupper()) is want)
        if "acronym" in spec:
            want = spec["acronym"]
            tests.append(lambda r: _acronym_pair(r) is want)
        self._tests = tests

    def holds(self, repeat: Repeat) -> bool:
        return all(test(repeat) for test in self._tests)


_FLAGS = re.compile(r"\(\?([aiLmsux]+)\)")


def _wrapped(source: str, prefix: str, suffix: str) -> LazyRegex:
    """A rule author's regex wrapped as ``prefix(?:source)suffix`` (leading
    global flags such as ``(?i)`` kept in front), compiled on first use."""
    flags = _FLAGS.match(source)
    lead = flags.group() if flags else ""
    body = source[flags.end():] if flags else source
    return LazyRegex(f"{lead}{prefix}(?:{body}){suffix}", False)


def _acronym_pair(repeat: "Repeat") -> bool:
    """One copy is an acronym and the other is not: two or three capitals
    ('the WHO who'), or capitals joined to a dotted name ('E.ON on')."""
    def acronym(word: str, joined: bool) -> bool:
        return len(word) > 1 and word.isupper() and (len(word) <= 3 or joined)
    joined = repeat.before[-1:] in (".", "&")
    return acronym(repeat.first, joined) != acronym(repeat.second, False)


class _WordRule:
    """What one ``target: words`` rule decides, compiled."""

    def __init__(self, rule: Rule, owner: Check | None = None) -> None:
        o = rule.options
        self.rule = rule
        self.report = o.get("report", "any")
        self.allow = {w.lower() for w in o.get("allow") or []}
        self.always = {w.lower() for w in o.get("always") or []}
        self.certain = {w.lower() for w in o.get("certain") or []}
        self.allow_capitalized = o.get("allow-capitalized", True)
        self.contexts = [Context(c, rule, owner) for c in o.get("legitimate") or []]

    def verdict(self, repeat: Repeat) -> str:
        """'legitimate', 'doubtful' or 'certain'."""
        word = repeat.word
        if word in self.allow:
            return "legitimate"
        for context in self.contexts:
            if context.holds(repeat):
                return context.verdict
        if self.allow_capitalized and repeat.second[0].isupper() and word not in self.always:
            return "legitimate"  # "Walla Walla", "law lord Lord Bingham"
        return "certain" if word in self.certain else "doubtful"

    def reports(self, verdict: str) -> bool:
        return verdict != "legitimate" and self.report in ("any", verdict)


class RepetitionCheck(Check):
    kind = "repetition"

    @classmethod
    def values_in_message(cls, options: dict[str, Any]) -> int:
        return 2 if options.get("target") == "fragment" else 1  # the fragment and the word it echoes
    #: Deleting a word or fragment can change a sentence: a rule whose repeats
    #: are certainly wrong says ``fix-applicability: safe`` (repetition.words).
    default_applicability = Applicability.UNSAFE
    fields = {
        "target": f.Field(f.choice("words", "fragment"), default="words",
                          doc="duplicated adjacent words, or a fragment echoing the previous sentence"),
        "report": f.Field(f.choice("any", "certain", "doubtful"), default="any",
                          doc="which duplicates the rule reports: certain slips, doubtful ones, or any"),
        "certain": f.Field(f.string_list, default=[],
                           doc="words whose repeat is certainly a slip unless a context excuses it"),
        "legitimate": f.Field(_contexts, default=[],
                              doc="contexts where a repeat is meant (or only doubtful): see the docs"),
        "allow": f.Field(f.string_list, default=[], doc="words that may legitimately repeat"),
        "allow-capitalized": f.Field(f.boolean, default=True,
                                     doc="skip pairs whose second copy is capitalised ('Walla Walla')"),
        "always": f.Field(f.string_list, default=[],
                          doc="words flagged even when capitalised ('The the')"),
        "max-words": f.Field(f.integer, default=2, doc="longest fragment, in words"),
    }
    default_message = "'%s' is repeated."

    def __init__(self, rules: list[Rule]) -> None:
        super().__init__(rules)
        self.word_rules = [_WordRule(r, self) for r in rules if r.options.get("target", "words") == "words"]
        self.fragment_rules = [r for r in rules if r.options.get("target") == "fragment"]

    def run(self, doc: Document) -> Iterable[Hit]:
        if self.word_rules:
            yield from self._duplicates(doc)
        for rule in self.fragment_rules:
            yield from self._fragments(doc, rule)

    def _duplicates(self, doc: Document) -> Iterable[Hit]:
        lower = doc.lower_prose
        if lower is None:
            matches = _DUPLICATE.finditer(doc.prose)
        else:
            words = [w for w in _repeated_runs(lower) if _ONE_WORD.fullmatch(w)
                     and not all(w in rule.allow for rule in self.word_rules)]
            if not words:
                return
            # Every duplicate starts with one of these words: find them with a
            # literal scan of the lower-cased prose, try the full pattern there.
            matches = _matches_at_words(doc.prose, lower, words)
        for m in matches:
            if not doc.same_block(m.start(), m.end()) or _COLUMN_GAP.search(doc.text, m.start(2), m.end(2)):
                continue
            repeat = _repeat(doc, m)
            for rule in self.word_rules:
                verdict = rule.verdict(repeat)
                if not rule.reports(verdict):
                    continue
                first = m.group(1)
                yield Hit(rule.rule, m.start(1), m.end(3), (m.group(3), first), first, first,
                          applicability=Applicability.UNSAFE if verdict == "doubtful" else None)

    def _fragments(self, doc: Document, rule: Rule) -> Iterable[Hit]:
        limit = rule.options.get("max-words", 2)
        done = -1
        for m in fragment_starts(doc.prose):
            if not doc.prose[m.end()].islower() or m.end() < done:
                continue
            block = doc.block_at(m.end())
            done = block.end
            yield from self._fragments_in(doc, rule, doc.sentences_in(block), limit)

    def _fragments_in(self, doc: Document, rule: Rule, sentences: list, limit: int) -> Iterable[Hit]:
        for prev, cur in zip(sentences, sentences[1:]):
            if not cur.text[:1].islower() or not doc.same_block(prev.start, cur.end):
                continue
            words = _WORD.findall(cur.text)
            if not words or len(words) > limit:
                continue
            tail = [w.lower() for w in _WORD.findall(prev.text)[-3:]]
            if all(_echoes(w.lower(), tail) for w in words):
                echoed = next(t for t in tail if _echoes(words[0].lower(), [t]))
                yield Hit(rule, prev.end, cur.end, (cur.text, echoed), "", "", other=echoed)


def fragment_starts(text: str) -> Iterator["re.Match[str]"]:
    """``_FRAGMENT_START.finditer(text)``, by the literal full-stop scan when
    ``text`` holds no ``!``, ``?`` or ``…`` (each match holds exactly one of
    the marks, so the matches are the same)."""
    if "!" not in text and "?" not in text and "…" not in text:
        return _FRAGMENT_START_STOPS.finditer(text)
    return _FRAGMENT_START.finditer(text)


def _repeat(doc: Document, m: "re.Match[str]") -> Repeat:
    block = doc.block_at(m.start())
    text = doc.prose
    before = text[max(block.start, m.start() - _CONTEXT_CHARS):m.start()]
    after = text[m.end():min(max(block.end, m.end()), m.end() + _CONTEXT_CHARS)]
    tail = before.rstrip()
    last = _LAST_WORD.search(tail)
    if last is not None:
        previous = last.group(1)
    else:
        previous = "^" if not tail or tail[-1] in _OPENERS else tail[-1]
    head = after.lstrip()
    first = _FIRST_WORD.match(head)
    if first is not None:
        following = first.group()
    else:
        following = "$" if not head or head[0] in _CLOSERS else head[0]
    return Repeat(m.group(1), m.group(3), before, after, previous, following)


def _echoes(word: str, tail: list[str]) -> bool:
    """Is ``word`` one of ``tail`` or a stem of one (bomb ~ bombings)?"""
    return any(t == word or (len(word) >= _STEM_MIN and t.startswith(word)) for t in tail)



def _token_bytes(lower: str) -> bytes:
    """``lower`` as UTF-8 with every character outside ``[\\w'’-]`` a space:
    runs of token bytes separated by spaces."""
    if not lower.isascii():
        # Characters outside [\w'’-] become spaces (few distinct ones a text).
        for char in set(_NON_ASCII.findall(lower)):
            if not (char.isalnum() or char in _TOKEN_EXTRA):
                lower = lower.replace(char, " ")
    return lower.encode("utf-8", "surrogatepass").translate(_TOKEN_BYTES)


def _repeated_runs(lower: str) -> set[str]:
    """Every word that ``lower`` (lower-cased prose) may hold twice in a row,
    found at C speed (the back-reference scan it replaces is tried by the
    regex engine at every word); usually none.

    A duplicate is a word (letters, apostrophes) with no ``[\\w'’-]``
    character before it, white space, the same word, and no ``[\\w'’-]``
    character after it.  Cut the text into maximal runs of ``[\\w'’-]``: the
    two copies are then two consecutive, equal runs.
    """
    runs = b" " + _token_bytes(lower)
    # two equal runs in a row: one scan for a blank (no list of the words,
    # no comparison of each word with the next in Python)
    return {a.decode("utf-8", "surrogatepass") for a in _EQUAL_RUNS.findall(runs)}


def _repeated_runs_plain(lower: str) -> set[str]:
    """:func:`_repeated_runs` by splitting the runs and comparing each with
    the next (the plain path the tests compare it with)."""
    runs = _token_bytes(lower).split()
    if not any(map(eq, runs, islice(runs, 1, None))):
        return set()
    return {a.decode("utf-8", "surrogatepass") for a, b in zip(runs, runs[1:]) if a == b}


def _matches_at_words(text: str, lower: str, words: list[str]) -> Iterator["re.Match[str]"]:
    """Exactly ``anchored_finditer(_DUPLICATE, re.compile("|".join(map(re.escape,
    words))), text, lower)``, without compiling a regex for each document's
    words (about 0.15 ms each, a tenth of the stories): every offset where
    one of ``words`` occurs in ``lower`` (``str.find``, C speed), in order,
    is tried by ``_DUPLICATE`` unless an earlier match covers it."""
    offsets: set[int] = set()
    for word in words:
        at = lower.find(word)
        while at >= 0:
            offsets.add(at)
            at = lower.find(word, at + 1)
    match = _DUPLICATE.match
    pos = 0
    for start in sorted(offsets):
        if start < pos:
            continue
        m = match(text, start)
        if m is None:
            continue
        yield m
        pos = max(m.end(), start + 1)
