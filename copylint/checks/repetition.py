"""``repetition``: words that the writer (or the CMS) typed twice.

``target: words`` flags an adjacent duplicated word (``the the``), also
across a line break but never across a block boundary.  Legitimate repeats are
data: ``allow`` (``had had``, ``that that``) and ``allow-capitalized`` for
reduplicated names and titles (``Walla Walla``, ``lord Lord Bingham``: the
second copy capitalised) unless the word is listed in ``always``.

``target: fragment`` flags a short lower-case "sentence" that repeats a word,
or the stem of a word, from the end of the sentence before it
(``a series of bombings. bomb.``), a typical paste or CMS slip.
"""

from __future__ import annotations

import re
from operator import eq
from typing import Iterable

from ..document import Document
from ..ruleset import fields as f
from ..ruleset.model import Rule
from .base import Check, Hit, anchored_finditer

# The word is an atomic group: giving letters back can never let the gap match
# (it starts with a blank), and not trying is what keeps this scan fast.
_DUPLICATE = re.compile(
    r"(?<![\w'’-])((?>[^\W\d_]+(?:['’][^\W\d_]+)?))"
    r"((?:[ \t\u00a0]+|[ \t\u00a0]*(?:\r\n|\r|\n)[ \t\u00a0]*))"
    r"(\1)(?![\w'’-])",
    re.IGNORECASE,
)
#: Characters a duplicated word, and the characters on either side of it, are
#: tested against (``[\w'’-]``).
_TOKEN_EXTRA = "_'’-"
#: ASCII characters outside ``[\w'’-]`` become spaces; other bytes stay.
_TOKEN_BYTES = bytes(b if b >= 0x80 or chr(b).isalnum() or chr(b) in _TOKEN_EXTRA else 0x20
                     for b in range(256))
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
#: What the first group of ``_DUPLICATE`` matches.
_ONE_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
#: Where a fragment can start: a sentence end (see ``sentences._END``), blanks,
#: then a letter that may be lower case.  Only blocks with such a place are
#: split into sentences.
_FRAGMENT_START = re.compile(r"[.!?…][\"'”’)\]]*\s+(?=[^\sA-Z0-9])")
_STEM_MIN = 3


class RepetitionCheck(Check):
    kind = "repetition"
    fields = {
        "target": f.Field(f.choice("words", "fragment"), default="words",
                          doc="duplicated adjacent words, or a fragment echoing the previous sentence"),
        "allow": f.Field(f.string_list, default=[], doc="words that may legitimately repeat"),
        "allow-capitalized": f.Field(f.boolean, default=True,
                                     doc="skip capitalised pairs such as 'Walla Walla'"),
        "always": f.Field(f.string_list, default=[],
                          doc="words flagged even when capitalised ('The the')"),
        "max-words": f.Field(f.integer, default=2, doc="longest fragment, in words"),
    }
    default_message = "'%s' is repeated."

    def __init__(self, rules: list[Rule]) -> None:
        super().__init__(rules)
        self.word_rules = [r for r in rules if r.options.get("target", "words") == "words"]
        self.fragment_rules = [r for r in rules if r.options.get("target") == "fragment"]
        self.allow = {r.id: {w.lower() for w in r.options.get("allow") or []} for r in rules}
        self.always = {r.id: {w.lower() for w in r.options.get("always") or []} for r in rules}

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
                     and not all(w in self.allow[rule.id] for rule in self.word_rules)]
            if not words:
                return
            # Every duplicate starts with one of these words: find them with a
            # literal scan of the lower-cased prose, try the full pattern there.
            anchor = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
            matches = anchored_finditer(_DUPLICATE, anchor, doc.prose, lower)
        for m in matches:
            first, second = m.group(1), m.group(3)
            if not doc.same_block(m.start(), m.end()):
                continue
            word = first.lower()
            for rule in self.word_rules:
                if word in self.allow[rule.id]:
                    continue
                if (rule.options.get("allow-capitalized", True) and second[0].isupper()
                        and word not in self.always[rule.id]):
                    continue  # "Walla Walla", "law lord Lord Bingham"
                yield Hit(rule, m.start(1), m.end(3), (second,), first, first)

    def _fragments(self, doc: Document, rule: Rule) -> Iterable[Hit]:
        limit = rule.options.get("max-words", 2)
        done = -1
        for m in _FRAGMENT_START.finditer(doc.prose):
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


def _echoes(word: str, tail: list[str]) -> bool:
    """Is ``word`` one of ``tail`` or a stem of one (bomb ~ bombings)?"""
    return any(t == word or (len(word) >= _STEM_MIN and t.startswith(word)) for t in tail)



def _repeated_runs(lower: str) -> set[str]:
    """Every word that ``lower`` (lower-cased prose) may hold twice in a row,
    found at C speed (the back-reference scan it replaces is tried by the
    regex engine at every word); usually none.

    A duplicate is a word (letters, apostrophes) with no ``[\\w'’-]``
    character before it, white space, the same word, and no ``[\\w'’-]``
    character after it.  Cut the text into maximal runs of ``[\\w'’-]``: the
    two copies are then two consecutive, equal runs.
    """
    if not lower.isascii():
        # Characters outside [\w'’-] become spaces (few distinct ones a text).
        for char in set(_NON_ASCII.findall(lower)):
            if not (char.isalnum() or char in _TOKEN_EXTRA):
                lower = lower.replace(char, " ")
    runs = lower.encode("utf-8", "surrogatepass").translate(_TOKEN_BYTES).split()
    if True not in map(eq, runs, runs[1:]):
        return set()
    return {a.decode("utf-8", "surrogatepass") for a, b in zip(runs, runs[1:]) if a == b}
