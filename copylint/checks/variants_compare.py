"""The ``variants`` check's comparison of a story's names (see
:mod:`copylint.checks.variants`): imported when a story first has the
rule's markers, so that a run whose stories have none never loads it.

Each capitalised word of a marked story is reduced to a *key* by rewriting
every alternative of the rule's table to its class's first spelling
(leftmost-longest, end-anchored classes first, then start-anchored, then the
rest; doubled letters collapsed).  Two different spellings with the same key
are candidates, judged in context (see the module above).

Cost: a marked story is scanned once for capitalised words (one C-speed
``findall``).  Its words are first reduced to *signatures* (a letter map
derived from the table, :func:`signature_map`, applied to all of them at
once): two words with one key always have one signature, so a story in which
no two bases share a signature is left there, and otherwise only the words
whose signature is shared get keys.  A key is computed once per process (in
batches: one ``split`` per position over the joined words, the spellings
looked up by ``map``, ``bytes.translate`` for one-letter spellings) and
cached; only a story in which two bases share a key is judged.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from fnmatch import fnmatchcase
from itertools import compress
from typing import Iterable

from ..document.model import Document
from ..findings import Applicability
from ..ruleset.model import Rule
from .base import Hit, LazyRe, preserve_case

# -- words ----------------------------------------------------------------------

# Latin letters that can start a name (Latin Extended-A is taken whole: its
# capitals and small letters alternate, and a short class compiles fast)
_UPPER = "A-ZÀ-ÖØ-ÞĀ-ž"
_LOWER = "a-zß-öø-ÿĀ-ž"
_POSSESSIVE = LazyRe(r"['’]s$", re.M)
_COMBINING = LazyRe("[\u0300-\u036f]")


class _Shapes:
    """The patterns of word shapes that the judging and the scan use, in one
    set.  The set for ASCII text (:data:`_ASCII`) has the same classes less
    their non-ASCII members, so in ASCII text it finds exactly what the
    Unicode set finds; it compiles in a fraction of the time (a class with
    characters beyond Latin-1 is compiled to a 64K-character map, in Python:
    about 4 M instructions a pattern, paid by the first story judged in each
    process).  :func:`_shapes` picks the set for a text (``str.isascii`` is a
    flag test)."""

    def __init__(self, upper: str, lower: str, apostrophes: str) -> None:
        name = f"[{upper}][{lower}{apostrophes}-]*[{lower}]"
        #: A capitalised word (apostrophes and hyphens inside): what a name part
        #: looks like.  No look-behind, so that the scan runs at C speed; whether
        #: the match is a whole word is checked for the few candidates.
        self.caps = LazyRe(name)
        #: the same, from a given position: the name after an article's hyphen
        self.name = LazyRe(f"-{name}")
        self.letter_before = LazyRe(f"[{upper}{lower}0-9{apostrophes}]")
        #: a name part written directly before or after a candidate (one space)
        self.previous = LazyRe(f"({name})\\.? $")
        self.next = LazyRe(f" ({name})")
        self.words_before = LazyRe(f"[\\w{apostrophes}-]+")
        self.lower_word = LazyRe(f"(?<![{upper}{lower}0-9{apostrophes}-])[{lower}][{lower}{apostrophes}-]*")


_UNICODE = _Shapes(_UPPER, _LOWER, "'’")
_ASCII = _Shapes("A-Z", "a-z", "'")


def _shapes(text: str) -> _Shapes:
    return _ASCII if text.isascii() else _UNICODE


def _articles(prose: str, caps: "re.Pattern[str]") -> list[tuple[int, int, str]]:
    """Names written with the Arabic article (``al-Assad``, ``el-Sisi``,
    ``Al-Assad``): (start, end, text) of each.  Found from the ``l-`` of the
    article by a substring search, so a story without one costs a single
    ``in`` test."""
    found = []
    at = prose.find("l-")
    while at >= 0:
        if at and prose[at - 1] in "aAeE" and (at < 2 or not (prose[at - 2].isalnum()
                                                               or prose[at - 2] in "'’-")):
            m = caps.match(prose, at + 1)
            if m is not None:
                found.append((at - 1, m.end(), prose[at - 1:m.end()]))
        at = prose.find("l-", at + 1)
    return found


def _after_article(prose: str, start: int) -> bool:
    """Is the word at ``start`` the name of an ``al-``/``el-`` form?"""
    return (start >= 3 and prose[start - 1] == "-" and prose[start - 2] in "lL"
            and prose[start - 3] in "aAeE" and (start < 4 or not (prose[start - 4].isalnum()
                                                                  or prose[start - 4] in "'’-")))


#: the order in which the positions' spellings are rewritten
POSITIONS_ORDER = ("end", "start", "anywhere")


class _Table:
    """One rule's equivalences, compiled; ``keys`` caches word -> key."""

    def __init__(self, rule: Rule) -> None:
        options = rule.options
        table = list(options.get("equivalences") or []) + list(options.get("also") or [])
        self.min_length: int = options.get("min-length", 4)
        self.doubled: bool = options.get("doubled-letters", True)
        self.common = frozenset(w.lower() for w in options.get("common-names") or [])
        self.stop = frozenset(w.lower() for w in options.get("ignore") or [])
        #: the same, as a capitalised word is written (no lower-casing per word)
        self.stop_as_written = self.stop | {w[:1].upper() + w[1:] for w in self.stop}
        # the positions the rule's table was checked against (variants.POSITIONS)
        self.canon: dict[str, dict[str, str]] = {"anywhere": {}, "start": {}, "end": {}}
        for entry in table:
            canon = self.canon[entry["at"]]
            # a class that shares a spelling with an earlier one joins it ('q ~ gh'
            # added to 'k ~ q ~ ck': gh, q, k and ck become one class)
            known = [canon[s] for s in entry["spellings"] if s in canon]
            target = known[0] if known else entry["spellings"][0]
            for spelling in entry["spellings"]:
                canon.setdefault(spelling, target)
        self._patterns: dict[str, re.Pattern[str] | None] = {}
        #: word as written -> key ("\0" + the word for a word that is never a candidate)
        self.keys: dict[str, str] = {}
        #: word as written -> the word without a possessive 's
        self.bases: dict[str, str] = {}

    def _pattern(self, at: str) -> "re.Pattern[str] | None":
        if at not in self._patterns:
            canon = self.canon[at]
            # A one-letter spelling that is its class's key rewrites nothing, and
            # leaving it out of the alternation changes no match (the scan then
            # moves on by one letter, as it would after matching it); longer
            # keys stay, so that 'zh' is read as one spelling.
            skip = {s for s, key in canon.items() if not s or (s == key and len(s) == 1)}
            if at == "anywhere" and self._letters() is not None:
                # the other one-letter spellings are rewritten by str.translate
                skip |= {s for s in canon if len(s) == 1}
            alternatives = sorted((s for s in canon if s not in skip), key=lambda s: (-len(s), s))
            body = "|".join(map(re.escape, alternatives))
            # one group: ``split`` returns the spellings found between the rest
            if not body:
                self._patterns[at] = None
            elif at == "end":
                self._patterns[at] = re.compile(f"({body})$", re.M)
            elif at == "start":
                self._patterns[at] = re.compile(f"^({body})", re.M)
            else:
                self._patterns[at] = re.compile(f"({body})")
        return self._patterns[at]

    def _letters(self) -> "dict[int, str] | None":
        """A ``str.translate`` table for the one-letter spellings that occur
        anywhere (``g`` -> ``h``, ``y`` -> ``i``), when that gives what the
        leftmost-longest alternation gives: the longer spellings are rewritten
        first by the regex (a letter is read alone only where no longer spelling
        starts, in both ways), and no longer spelling's key holds such a letter."""
        if not hasattr(self, "_translate"):
            canon = self.canon["anywhere"]
            single = {s: key for s, key in canon.items() if len(s) == 1 and s != key}
            keys = "".join(key for s, key in canon.items() if len(s) > 1)
            self._translate = (str.maketrans(single) if single and not set(keys) & set(single)
                               else None)
        return self._translate

    def _ascii_letters(self) -> "tuple[bytes, bytes, list[tuple[bytes, bytes]]] | None":
        """The one-letter rewrites of :meth:`_letters` for ASCII text, as
        ``bytes.translate`` arguments (a 256-byte table, the letters dropped)
        and the rewrites to longer spellings (``j`` -> ``zh``), applied first
        by ``bytes.replace``: C speed, where ``str.translate`` with a mapping
        looks every character up in a dict.  The same result as
        ``str.translate(self._letters())`` on ASCII text (tested against it);
        None when the rewrites are not all ASCII."""
        if not hasattr(self, "_ascii_translate"):
            single = {s: key for s, key in self.canon["anywhere"].items() if len(s) == 1 and s != key}
            self._ascii_translate = None
            ascii_single = {s: key for s, key in single.items() if s.isascii()}
            # a non-ASCII spelling (’) never occurs in ASCII text: leaving it out changes nothing
            if self._letters() is not None and all(key.isascii() for key in ascii_single.values()):
                longer = [(s.encode(), key.encode()) for s, key in ascii_single.items() if len(key) > 1]
                if not any(set(key.decode()) & set(ascii_single) for _s, key in longer):
                    ones = {s: key for s, key in ascii_single.items() if len(key) == 1}
                    table = bytes.maketrans("".join(ones).encode(), "".join(ones.values()).encode())
                    dropped = "".join(s for s, key in ascii_single.items() if not key).encode()
                    self._ascii_translate = (table, dropped, longer)
        return self._ascii_translate

    def learn(self, words: Iterable[str]) -> None:
        """Compute the keys of ``words`` in one batch: the words joined by
        line breaks go through one substitution per position, so the work per
        word is done by the regex engine, not by Python code."""
        if len(self.keys) > 200_000:  # a very long run: start again
            self.keys.clear()
            self.bases.clear()
        words = list(words)
        joined = "\n".join(words)
        if "'" in joined or "’" in joined:
            joined = _POSSESSIVE.sub("", joined)
        bases = joined.split("\n")
        if "l-" in joined:  # Al-Assad at the start of a sentence is al-Assad
            bases = [b[:1].lower() + b[1:] if b[2:3] == "-" and b[1:2] in "lL" else b for b in bases]
        min_length, stop = self.min_length, self.stop_as_written
        self.bases.update(zip(words, bases))
        # short and ignored words never become candidates: no key to compute
        # (the scan finds long enough words: mostly every word is wanted, and then
        # the words and their keys are zipped as they are, with no index list)
        if min(map(len, bases)) >= min_length and stop.isdisjoint(bases):
            wanted: "list[str]" = words
            joined = joined.lower()
        else:
            self.keys.update(zip(words, map("\0".__add__, bases)))
            wanted = [w for w, b in zip(words, bases) if len(b) >= min_length and b not in stop]
            if not wanted:
                return
            joined = "\n".join(map(self.bases.__getitem__, wanted)).lower()
        if not joined.isascii():
            joined = _COMBINING.sub("", unicodedata.normalize("NFKD", joined))
        for at in ("end", "start", "anywhere"):
            pattern = self._pattern(at)
            if pattern is not None:
                joined = _rewrite(pattern, self.canon[at], joined)
        letters = self._letters()
        if letters is not None:
            ascii_letters = self._ascii_letters() if joined.isascii() else None
            if ascii_letters is not None:
                joined = _translate_ascii(joined, ascii_letters)
            else:
                joined = joined.translate(letters)
        if self.doubled:  # after the classes: 'Gh' -> 'hh', 'ee' -> 'i' first
            joined = _collapse_doubled(joined)
        keys = joined.split("\n")
        if len(keys) != len(wanted):  # cannot happen: spellings hold no line break
            self.keys.update(zip(words, map("\0".__add__, bases)))
            return
        if min(map(len, keys)) < 3:  # too short to compare: "\0" + the word
            bases_of = self.bases
            keys = [key if len(key) >= 3 else "\0" + bases_of[w] for w, key in zip(wanted, keys)]
        self.keys.update(zip(wanted, keys))

    def _signature(self) -> "tuple[dict[int, str | None], bytes, bytes, list[str]] | None":
        """The :func:`signature_map` as ``str.translate`` and ``bytes.translate``
        arguments, and the doubled letters an ASCII signature can hold; None when
        signatures cannot be used (no map, or the rule keeps doubled letters
        apart: a signature collapses them)."""
        if not hasattr(self, "_signature_tables"):
            found = signature_map(self.canon[at] for at in POSITIONS_ORDER) if self.doubled else None
            self._signature_tables = None
            if found is not None:
                table = {ord(c): (r or None) for c, r in found.items()}
                kept = {c: r for c, r in found.items() if c.isascii() and r}
                dropped = {c for c, r in found.items() if c.isascii() and not r}
                trans, drop, doubles = b"", b"", []
                if all(r.isascii() for r in kept.values()):
                    trans = bytes.maketrans("".join(kept).encode(), "".join(kept.values()).encode())
                    drop = "".join(sorted(dropped)).encode()
                    # the letters of an ASCII signature (lower case: the words are lower-cased)
                    letters = {chr(trans[b]) for b in range(ord("a"), ord("z") + 1) if chr(b) not in dropped}
                    doubles = [c + c for c in sorted(letters)]
                self._signature_tables = (table, trans, drop, doubles)
        return self._signature_tables

    def sharing(self, words: "set[str]") -> "Iterable[str]":
        """The words of ``words`` whose signature (see :func:`signature_map`)
        another base of ``words`` has too: a superset of the words of every
        candidate pair, so only they need keys (``()``: none).  Computed for
        the story's words at once, not cached: one join, ``bytes.translate``,
        doubled letters collapsed by ``str.replace`` over the few letters a
        signature holds, one ``split``.  ``words`` itself when signatures cannot
        be used."""
        tables = self._signature()
        if tables is None:
            return words
        words = words.difference(self.stop_as_written)  # never compared
        if len(words) < 2:
            return ()
        joined = "\n".join(words)  # (a set iterates in one order while unchanged)
        bases = None
        if "'" in joined or "’" in joined:
            joined = _POSSESSIVE.sub("", joined)
            bases = joined.split("\n")  # (Al-/al- left apart: a superset is safe)
        low = joined.lower()
        table, trans, drop, doubles = tables
        if low.isascii() and trans:
            low = low.encode("ascii").translate(trans, drop).decode("ascii")
            for double in doubles:  # collapsed as _collapse_doubled does
                while double in low:
                    low = low.replace(double, double[0])
        else:
            low = _collapse_doubled(_COMBINING.sub("", unicodedata.normalize("NFKD", low)).translate(table))
        sigs = low.split("\n")
        if len(sigs) != len(words):  # cannot happen: no spelling holds a line break
            return words
        if len(set(sigs)) == (len(words) if bases is None else len(set(bases))):
            return ()  # no two bases share a signature (each base has one)
        counts = Counter(sigs if bases is None else dict(zip(bases, sigs)).values())
        # the words whose signature is counted more than once, chosen in C (no
        # bytecode per word): the set iterates in the order it was joined in
        return list(compress(words, map((1).__lt__, map(counts.__getitem__, sigs))))

    def is_common(self, word: str) -> bool:
        return word.lower() in self.common


def _rewrite(pattern: "re.Pattern[str]", canon: dict[str, str], text: str) -> str:
    """``text`` with every spelling ``pattern`` finds (leftmost-longest)
    replaced by its class's key: ``split`` puts the spellings found at the odd
    places, ``map`` looks them up (C speed, where ``sub`` with a function calls
    Python code for each match)."""
    parts = pattern.split(text)
    if len(parts) > 1:
        parts[1::2] = map(canon.__getitem__, parts[1::2])
        return "".join(parts)
    return text


def _translate_ascii(text: str, letters: "tuple[bytes, bytes, list[tuple[bytes, bytes]]]") -> str:
    """``text`` (ASCII) with the one-letter rewrites of ``letters`` (see
    :meth:`_Table._ascii_letters`) applied at once."""
    table, dropped, longer = letters
    data = text.encode("ascii")
    for source, key in longer:  # their keys hold no rewritten letter: order is free
        if source in data:
            data = data.replace(source, key)
    return data.translate(table, dropped).decode("ascii")


_DOUBLED = LazyRe(r"([^\W\d_])\1+")
_DOUBLED_ASCII = LazyRe(r"([a-z])\1+")


def _collapse_doubled(text: str) -> str:
    """Every run of one letter written as one letter (lower-case text):
    ``split`` on the runs keeps each run's letter (the group) between the
    rest, so joining the parts collapses them at C speed, where ``sub`` with a
    template calls Python code for each match."""
    parts = (_DOUBLED_ASCII if text.isascii() else _DOUBLED).split(text)
    return "".join(parts) if len(parts) > 1 else text


def signature_map(canons: "Iterable[dict[str, str]]") -> "dict[str, str] | None":
    """A letter map for cheap *signatures*: every character of the table's
    spellings mapped to a class letter, or to '' (dropped), such that each
    spelling and its class's key map to the same letters once doubled letters
    are collapsed.  Then two words with one key have one signature (the
    rewrites that make a key change nothing the map keeps), so a word whose
    signature no other word of the story has cannot be in a candidate pair.

    Derived from the table, as data: letters that stand for one another in
    spellings of the same length are joined (``i ~ y``, ``-v ~ -w``), then
    the letters in which spellings of different lengths differ are dropped
    (``kh ~ h``: ``k``), joining again where a drop leaves two spellings of
    one length (``ph ~ f`` once ``h`` is dropped: ``p`` and ``f``).  For the
    built-in table: ``a e i y`` one class, ``o u`` one, ``f p v w`` one,
    ``c d g h j k q s t x z`` and the apostrophes and hyphens dropped.  None
    when the result does not check out (it always should)."""
    pairs = [(s, t) for canon in canons for s, t in canon.items() if s != t]
    parent = {c: c for s, t in pairs for c in s + t}
    dropped: set[str] = set()

    def find(c: str) -> str:
        while parent.get(c, c) != c:
            c = parent[c]
        return c

    def sig(text: str) -> str:
        out = "".join([r for r in map(find, text) if r not in dropped])
        # as keys collapse (letters only); most spellings have no doubled
        # character, and then the regex is not run (derived once per process,
        # but in the first marked story's time)
        for a, b in zip(out, out[1:]):
            if a == b:
                return _collapse_doubled(out)
        return out

    for phase in ("join", "drop"):
        for _round in range(10 * len(pairs) + 10):
            changed = False
            for s, t in pairs:
                a, b = sig(s), sig(t)
                if a == b:
                    continue
                if len(a) == len(b):
                    for x, y in zip(a, b):
                        x, y = find(x), find(y)
                        if x != y:
                            parent[max(x, y)] = min(x, y)
                            changed = True
                elif phase == "drop":
                    changed = True
                    i = 0
                    while i < min(len(a), len(b)) and a[i] == b[i]:
                        i += 1
                    j = 0
                    while j < min(len(a), len(b)) - i and a[-1 - j] == b[-1 - j]:
                        j += 1
                    dropped.update(a[i:len(a) - j], b[i:len(b) - j])
            if not changed:
                break
    found = {c: "" if find(c) in dropped else find(c) for c in parent}
    if any(sig(s) != sig(t) for s, t in pairs) or \
            any(c.isalpha() and r and not r.isalpha() for c, r in found.items()):
        return None  # (a letter must stay a letter for doubled letters to collapse alike)
    return found


class _House:
    """What the style's own lists say about spellings (lower-cased)."""

    def __init__(self) -> None:
        #: spelling -> rule id that makes it the house spelling
        self.preferred: dict[str, str] = {}
        #: spelling -> rule id of a list rule that reports it
        self.listed: dict[str, str] = {}
        #: spelling -> ids of consistency groups holding it (both spellings in one group: listed)
        self.groups: dict[str, set[tuple[str, int]]] = defaultdict(set)

    def add(self, rule: Rule) -> None:
        o = rule.options
        if rule.kind == "substitution":
            for wrong, right in (o.get("swap") or {}).items():
                if " " in wrong.strip():
                    continue
                self.listed.setdefault(wrong.lower(), rule.id)
                if "|" not in right and " " not in right.strip():
                    self.preferred.setdefault(right.lower(), rule.id)
        elif rule.kind == "consistency":
            groups = list(o.get("groups") or []) + [[a, b] for a, b in (o.get("either") or {}).items()]
            for g, group in enumerate(groups):
                for v, variant in enumerate(group):
                    self.groups[variant.lower()].add((rule.id, g))
                    if v == 0 and o.get("prefer") == "first":
                        self.preferred.setdefault(variant.lower(), rule.id)
        elif rule.kind == "person":
            *_given, surname = o.get("name", "").split() or [""]
            if surname:
                self.preferred.setdefault(surname.lower(), rule.id)
            for wrong in o.get("surname") or []:
                self.listed.setdefault(wrong.lower(), rule.id)

    def reported(self, minority: str, majority: str) -> bool:
        """Does a list rule already report ``minority`` (next to ``majority``)?"""
        low = minority.lower()
        if low in self.listed:
            return True
        return bool(self.groups.get(low, set()) & self.groups.get(majority.lower(), set()))

class _Occurrence:
    __slots__ = ("start", "end", "word", "base", "previous", "next", "title", "sentence")

    def __init__(self, start: int, end: int, word: str, base: str) -> None:
        self.start, self.end, self.word, self.base = start, end, word, base
        self.previous: str | None = None
        self.next: str | None = None
        self.title: str | None = None
        self.sentence: tuple[int, int] = (start, end)


class Comparer:
    """One check's rules, compared in marked stories."""

    def __init__(self, rules: list[Rule], style: list[Rule]) -> None:
        self.rules = rules
        self._style = style
        self._tables = {rule.id: _Table(rule) for rule in rules}
        self._house = {rule.id: _House() for rule in rules}
        self._house_built = False
        # capitalised words of at least the shortest min-length (fewer matches to build)
        shortest = min((table.min_length for table in self._tables.values()), default=4)
        self._caps = LazyRe(f"[{_UPPER}][{_LOWER}'’-]{{{max(shortest - 2, 0)},}}[{_LOWER}]")
        #: the same for ASCII prose (most stories): the same matches there, and
        #: 256-bit classes that ``re`` tests with fewer instructions per character
        self._caps_ascii = LazyRe(f"[A-Z][a-z'-]{{{max(shortest - 2, 0)},}}[a-z]")

    def _house_of(self, rule: Rule) -> _House:
        """The style's list rules, read when a story first has a candidate pair."""
        if not self._house_built:
            self._house_built = True
            for own in self.rules:
                house = self._house[own.id] = _House()
                globs = own.options.get("house-rules") or []
                for other in self._style:
                    if other.kind in ("substitution", "consistency", "person") and \
                            any(fnmatchcase(other.id, g) for g in globs):
                        house.add(other)
        return self._house[rule.id]

    # -- a story with markers ----------------------------------------------------
    def run(self, doc: Document, rules: list[Rule]) -> Iterable[Hit]:
        """The findings of ``rules`` (those whose markers ``doc`` has)."""
        words: set[str] | None = None
        for rule in rules:
            table = self._tables[rule.id]
            if words is None:
                prose = doc.prose
                caps = self._caps_ascii if prose.isascii() else self._caps
                words = set(caps.compiled.findall(prose))
                if "l-" in prose:
                    words.update(text for _start, _end, text in _articles(prose, _shapes(prose).name.compiled))
            if len(words) < 2:
                return
            shared = table.sharing(words)
            if not shared:
                continue  # no two bases share a signature, so none share a key
            keys = table.keys
            missing = set(shared).difference(keys)
            if missing:
                table.learn(missing)
            distinct = len(set(map(keys.__getitem__, shared)))
            if distinct == len(shared) or distinct == len(set(map(table.bases.__getitem__, shared))):
                continue  # no two different words share a key (Putin's and Putin do)
            yield from self._judge(doc, rule, table, set(shared))

    # -- the candidates -----------------------------------------------------------
    def _judge(self, doc: Document, rule: Rule, table: _Table, words: set[str]) -> Iterable[Hit]:
        by_key: dict[str, set[str]] = defaultdict(set)
        for word in words:
            key = table.keys[word]
            if key[0] != "\0":
                by_key[key].add(table.bases[word])
        groups = {k: v for k, v in by_key.items() if len(v) > 1}
        if not groups:
            return
        wanted = {b for bases in groups.values() for b in bases}
        prose = doc.prose
        shapes = _shapes(prose)
        letter_before = shapes.letter_before.compiled
        occurrences: dict[str, list[_Occurrence]] = defaultdict(list)
        for m in shapes.caps.finditer(prose):
            word = m.group()
            base = table.bases.get(word)
            if base not in wanted:
                continue
            start = m.start()
            if start and letter_before.match(prose, start - 1):
                continue  # part of a longer word (McDonald)
            if _after_article(prose, start):
                continue  # the name of an al- form, found below
            end = start + len(base)
            if end < len(prose) and (prose[end].isalnum() or prose[end] == "-" and
                                     end + 1 < len(prose) and prose[end + 1].isalnum()):
                continue
            occurrences[base].append(_Occurrence(start, end, word, base))
        if "l-" in prose:
            for start, _end, word in _articles(prose, shapes.name.compiled):
                base = table.bases.get(word)
                if base in wanted:
                    occurrences[base].append(_Occurrence(start, start + len(base), word, base))
                    occurrences[base].sort(key=lambda o: o.start)
        if not occurrences:
            return
        self._context(doc, table, rule, occurrences)
        if rule.scope == "document":
            yield from self._report(doc, rule, table, groups, occurrences)
            return
        units: dict[int | None, dict[str, list[_Occurrence]]] = defaultdict(lambda: defaultdict(list))
        for base, occs in occurrences.items():
            for occ in occs:
                units[doc.unit_of(rule.scope, occ.start)][base].append(occ)
        for unit, found in units.items():
            if unit is not None:
                yield from self._report(doc, rule, table, groups, found)

    def _report(self, doc: Document, rule: Rule, table: _Table, groups: dict[str, set[str]],
                occurrences: dict[str, list[_Occurrence]]) -> Iterable[Hit]:
        prose = doc.prose
        lower = None
        house = self._house_of(rule)
        for bases in groups.values():
            present = [b for b in bases if occurrences.get(b)]
            if len(present) < 2:
                continue
            winner = self._winner(present, occurrences, house)
            for base in present:
                if base == winner:
                    continue
                if house.reported(base, winner):
                    continue
                if lower is None:
                    lower = _same_length_lower(doc)
                if not self._same_name(rule, table, base, winner, occurrences, lower, doc):
                    continue
                first = occurrences[winner][0]
                line, _ = doc.position(first.start)
                other = f"line {line}"
                by = house.preferred.get(winner.lower())
                if by is not None:
                    other += f"; '{winner}' is the house spelling ({by})"
                for occ in occurrences[base]:
                    written = prose[occ.start:occ.end]
                    fix = preserve_case(written, winner)
                    yield Hit(rule, occ.start, occ.end, (written, winner), fix,
                              fix if rule.options.get("autofix", True) else None,
                              other=other, applicability=Applicability.UNSAFE)

    @staticmethod
    def _winner(present: list[str], occurrences: dict[str, list[_Occurrence]], house: _House) -> str:
        preferred = [b for b in present if b.lower() in house.preferred]
        if len(preferred) == 1:
            return preferred[0]
        return max(present, key=lambda b: (len(occurrences[b]), -occurrences[b][0].start))

    def _context(self, doc: Document, table: _Table, rule: Rule,
                 occurrences: dict[str, list[_Occurrence]]) -> None:
        prose = doc.prose
        shapes = _shapes(prose)
        titles = {t.lower() for t in rule.options.get("titles") or []}
        sentences = doc.sentences
        starts = [s.start for s in sentences]
        from bisect import bisect_right

        for occs in occurrences.values():
            for occ in occs:
                i = bisect_right(starts, occ.start) - 1
                s_start, s_end = (sentences[i].start, sentences[i].end) if i >= 0 else (0, len(prose))
                occ.sentence = (s_start, s_end)
                before = prose[max(s_start, occ.start - 40):occ.start]
                m = shapes.previous.search(before)
                if m is not None:
                    word = m.group(1).lower()
                    if word not in titles and word not in table.stop:
                        occ.previous = m.group(1)
                after = prose[occ.end:min(s_end, occ.end + 40)]
                if occ.word != occ.base:
                    after = ""  # a possessive: what follows is not a name part
                n = shapes.next.match(after)
                if n is not None and n.group(1).lower() not in table.stop:
                    occ.next = n.group(1)
                window = [w.lower() for w in shapes.words_before.findall(prose[max(s_start, occ.start - 60):occ.start])][-4:]
                for w in reversed(window):
                    if w in titles:
                        occ.title = w
                        break

    def _dictionary(self, rule: Rule) -> "_Words | None":
        name = rule.options.get("dictionary", "en_US")
        if not name:
            return None
        folders = [rule.options["dicpath"]] if rule.options.get("dicpath") else list(_DICPATHS)
        where = (name, tuple(folders))
        if where not in _WORDS:
            _WORDS[where] = _Words.open(name, folders)
        return _WORDS[where]

    def _key(self, table: _Table, word: str) -> str:
        if word not in table.keys:
            table.learn([word])
        key = table.keys[word]
        return key if key[0] != "\0" else key.lower()

    def _same_name(self, rule: Rule, table: _Table, base: str, winner: str,
                   occurrences: dict[str, list[_Occurrence]], lower: str, doc: Document) -> bool:
        """Do ``base`` and ``winner`` name the same person or place here?"""
        mine, theirs = occurrences[base], occurrences[winner]
        support = False
        for side in ("previous", "next"):
            a = {self._key(table, getattr(o, side)) for o in mine if getattr(o, side)}
            b = {self._key(table, getattr(o, side)) for o in theirs if getattr(o, side)}
            if a and b:
                if a & b:
                    support = True
                else:
                    return False  # different given names (or different second parts)
        # one spelling only ever a given name (a name part follows, none comes
        # before), the other never: a first name and a surname (Michel Gondry,
        # Roger Michell), two people
        given_a = all(o.next and not o.previous for o in mine)
        given_b = all(o.next and not o.previous for o in theirs)
        if given_a != given_b and not (any(o.next for o in mine) and any(o.next for o in theirs)):
            return False
        titles_a = {o.title for o in mine if o.title}
        titles_b = {o.title for o in theirs if o.title}
        if titles_a & titles_b:
            support = True
        family = {w.lower() for w in rule.options.get("family") or []}
        spelling = _phrases(rule.options.get("spelling-words"))
        outlets = _phrases(rule.options.get("outlets"))
        from ..document.quotes import inside, quoted_spans_by_block

        quoted = None
        for occ in mine:
            s, e = occ.sentence
            sentence = lower[s:e]
            words = set(_shapes(sentence).words_before.findall(sentence))
            if words & family:
                return False
            if spelling is not None and spelling.search(sentence):
                return False
            if outlets is not None and outlets.search(sentence):
                if quoted is None:
                    quoted = quoted_spans_by_block(doc)
                if inside(quoted, occ.start, occ.end) or _single_quoted(doc.prose, occ):
                    return False
        if support:
            return True
        words = self._dictionary(rule)
        if words is not None and (words.common(base) or words.common(winner) or words.name(base)):
            return False  # an English word, or the minority spelling is a name of its own
        for word in (base, winner):
            if table.is_common(word):
                return False
            if word.lower() in _lower_case_words(doc):
                return False  # an ordinary word, also written in lower case
        return True

_LOWER_WORDS = object()  # doc.memo key


def _lower_case_words(doc: Document) -> set[str]:
    """The words the story writes in lower case (once per document, and only
    for a story with a candidate pair)."""
    found = doc.memo.get(_LOWER_WORDS)
    if found is None:
        found = doc.memo[_LOWER_WORDS] = set(_shapes(doc.prose).lower_word.findall(doc.prose))
    return found  # type: ignore[return-value]


def _same_length_lower(doc: Document) -> str:
    """The prose lower-cased with its offsets kept (``İ`` lower-cases to two
    characters: such a character is left as it is)."""
    lower = doc.lower_prose
    if lower is not None:
        return lower
    lower = doc.prose.lower()
    if len(lower) == len(doc.prose):
        return lower
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in doc.prose)


_PHRASES: dict[tuple[str, ...], "re.Pattern[str] | None"] = {}


def _phrases(words: list[str] | None) -> "re.Pattern[str] | None":
    """Words or phrases, found in lower-case text at the start of a word
    (``transliterat`` finds ``transliterated``)."""
    key = tuple(words or ())
    if key not in _PHRASES:
        body = "|".join(re.escape(w.lower()).replace(r"\ ", r"\s+") for w in sorted(key, key=len, reverse=True))
        _PHRASES[key] = re.compile(rf"(?<![\w'’-])(?:{body})") if body else None
    return _PHRASES[key]


def _single_quoted(prose: str, occ: _Occurrence) -> bool:
    """Is the word written between quotation marks of its own (``"Kirilenko"``)?"""
    before = prose[occ.start - 1:occ.start] if occ.start else ""
    after = prose[occ.end:occ.end + 1]
    return before in "\"“‘'«" and before != "" and after in "\"”’'»" and after != ""


_DICPATHS = ("/usr/share/hunspell", "/usr/share/myspell", "/usr/share/myspell/dicts")


class _Words:
    """A Hunspell ``.dic`` word list, asked about a few words per run: the file
    is mapped into memory and searched for ``\nword/`` or ``\nword\n`` (a
    search of the 860 kB ``en_US`` list costs 0.3–0.5 ms for a word it lacks,
    so a candidate pair's look-ups cost about a millisecond; loading the list
    as a set would cost tens of milliseconds).  Stems only: affixed forms are not known."""

    def __init__(self, data: "mmap.mmap | bytes") -> None:
        self._data = data
        self._cache: dict[str, bool] = {}

    @classmethod
    def open(cls, name: str, folders: list[str]) -> "_Words | None":
        import mmap
        import os

        for folder in folders:
            path = os.path.join(folder, name + ".dic")
            try:
                with open(path, "rb") as handle:
                    return cls(mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ))
            except (OSError, ValueError):  # absent, unreadable or empty
                continue
        return None  # no dictionary: the rule's own lists only

    def _has(self, word: str) -> bool:
        found = self._cache.get(word)
        if found is None:
            raw = b"\n" + word.encode("utf-8", "replace")
            data, found = self._data, False
            at = data.find(raw)  # a fast substring search, then the character after it
            while at >= 0 and not found:
                found = data[at + len(raw):at + len(raw) + 1] in (b"/", b"\n", b"\r")
                at = data.find(raw, at + 1)
            self._cache[word] = found
        return found

    def common(self, word: str) -> bool:
        """Is the lower-cased word an ordinary English word (a lower-case entry)?"""
        return self._has(word.lower())

    def name(self, word: str) -> bool:
        """Is the word, as capitalised, a name the dictionary knows?"""
        return self._has(word[:1].upper() + word[1:])


_WORDS: dict[tuple[str, tuple[str, ...]], "_Words | None"] = {}
