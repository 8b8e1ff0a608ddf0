"""One matcher for many literal terms.

Word-list rules (existence tokens, substitution swaps, consistency variants)
can hold thousands of terms.  Instead of one regex per term, the terms are
compiled into a single regular expression shaped like a trie, so the cost of a
scan grows with the length of the text, not with the number of terms.  A match
is then mapped back to its term(s) with a dictionary lookup.

Compiling that expression with Python's pure-Python regex compiler costs
about 10 ms for the default packs' place names (300 ms for 10,000 terms),
which a pre-commit run over one small file would pay for a handful of
words.  So documents are scanned with a trie of only the terms whose first
word they contain (found through the set of their word runs, at C speed),
compiled in well under a millisecond and kept for the next document that
needs the same terms; only after :data:`SUBSET_DOCUMENTS` different subsets
does a run compile the whole trie once (the 3,002 news stories need 14
subsets in all, of 10 terms: the whole tries of the default packs are
never compiled).  A term
whose first word is absent matches nowhere in the document, so leaving it
out of the trie changes no match: the findings are the same either way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import AbstractSet, Generic, Iterable, Iterator, TypeVar

from ..document.model import Document
from ..patterns.trie import trie_pattern
from .base import anchored_finditer
from .fastscan import Trigger, escape, foldable

T = TypeVar("T")

_SPACE = re.compile(r"\s+")
#: Between the words of a multi-word term: spaces, or one line break.
#: A term starts after a non-word character; it may end before a possessive
#: ('s) or a hyphen (Kiev-based), but not inside a contraction (don't).
_BEFORE = r"(?<!\w)"
_AFTER = r"(?!\w|['’](?![sS]\b)\w)"
_BEFORE_MATCH = re.compile(_BEFORE).match
_AFTER_MATCH = re.compile(_AFTER, re.IGNORECASE).match
_GAP = r"(?:[ \t\u00a0]+|[ \t\u00a0]*(?:\r\n|\r|\n)[ \t\u00a0]*)"

#: Different subsets a matcher compiles a trie for (documents that may
#: contain the terms of one already compiled reuse it) before it compiles
#: the trie of all its terms.
SUBSET_DOCUMENTS = 16
#: A document that may contain more terms than this gets the whole trie.
SUBSET_MAX_TERMS = 64
#: Subset tries a matcher keeps compiled (documents of a run share few:
#: the news corpus's 3,002 stories need 10 of the 156 swap terms).
SUBSET_CACHE = 256
#: Looking for every first word costs (characters × first words); above
#: this, compiling the whole trie is the cheaper way.
SUBSET_MAX_WORK = 20_000_000
#: A list of this many terms is never compiled whole while documents can do
#: with a trie of their own terms: Python's regex compiler takes about 0.7 s
#: of CPU for 10,000 terms and 18 s for 200,000, on every run (a compiled
#: pattern cannot be cached).  Each document's terms are found through its
#: words instead: the set of its words meets the set of first words (C
#: speed), and the few terms found get a trie of their own (which ``re``
#: keeps in its cache when the same few come again).
BIG_LIST = 2_000
#: Documents whose words a big list looks up in its set of first words
#: before it builds an automaton of them (:class:`WordScan`: about 5 ms for
#: 10,000 words, and 25 µs saved on each 2 kB story), so that a run over a
#: few files does not pay for it.
SCAN_AFTER = 200
#: A document of a big list with more terms than this gets the whole trie.
SUBSET_MAX_TERMS_BIG = 5_000
_WORD_RUN = re.compile(r"\w+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
#: UTF-8 bytes -> themselves for the bytes of ``\w`` (and every non-ASCII
#: byte), a space for the rest: ``split()`` then cuts the runs of ``\w``.
_WORD_BYTES = bytes(c if chr(c).isalnum() or c == 0x5F or c >= 0x80 else 0x20 for c in range(256))


def _word_bytes(lower: str) -> bytes:
    r"""``lower`` UTF-8 encoded, with a space for every character not in ``\w``."""
    if not lower.isascii():
        # ``\w`` is ``str.isalnum()`` or ``_``; other characters become spaces
        for char in set(_NON_ASCII.findall(lower)):
            if not char.isalnum():
                lower = lower.replace(char, " ")
    return lower.encode("utf-8", "surrogatepass").translate(_WORD_BYTES)


def word_runs(lower: str) -> set[bytes]:
    r"""The distinct runs of ``\w`` characters of ``lower``, UTF-8 encoded:
    ``{w.encode() for w in re.findall(r"\w+", lower)}``, twice as fast (a
    byte translation and a split, at C speed)."""
    return set(_word_bytes(lower).split())


def words_among(lower: str, vocabulary: frozenset[bytes]) -> AbstractSet[bytes]:
    """``word_runs(lower) & vocabulary``, without building the set of all the
    document's words (each run is looked up in ``vocabulary`` instead)."""
    return vocabulary.intersection(_word_bytes(lower).split())


class WordScan:
    r"""The words of a big vocabulary that occur in a text, found by one
    Aho-Corasick automaton (``ahocorasick_rs``, compiled Rust) instead of a
    split of the text into words and a set lookup of each.

    The text's runs of ``\w`` are cut out by :func:`_word_bytes` (every other
    character becomes a space), so a pattern `` word `` (a space on each
    side) matches exactly where ``word`` is a whole run.  Overlapping
    matches are asked for: two neighbouring words share the space between
    them.  Building the automaton takes about 5 ms for 10,000 words (less
    than a saved one takes to load); scanning is about 2.5 times faster
    than :func:`words_among` over the news corpus.  Without the library,
    :func:`words_among` gives the same sets (:attr:`available`)."""

    def __init__(self, vocabulary: Iterable[bytes]) -> None:
        #: the words, in the order given (an automaton's match names its index)
        self.words = list(dict.fromkeys(vocabulary))
        self._automaton = None
        try:
            import ahocorasick_rs
        except ImportError:  # the library is a dependency; without it, the set lookup
            return
        if self.words:
            words = self.words
            if any(b"\n" in word for word in words):
                patterns = [b" " + w + b" " for w in words]
            else:  # b" word " for each, in one join and split
                patterns = (b" " + b" \n ".join(words) + b" ").split(b"\n")
            self._automaton = ahocorasick_rs.BytesAhoCorasick(patterns)

    @property
    def available(self) -> bool:
        return self._automaton is not None

    @cached_property
    def vocabulary(self) -> frozenset[bytes]:
        return frozenset(self.words)

    def among(self, lower: str) -> AbstractSet[bytes]:
        """``words_among(lower, self.vocabulary)``."""
        if self._automaton is None:
            return words_among(lower, self.vocabulary)
        words = self.words
        found = self._automaton.find_matches_as_indexes(b" " + _word_bytes(lower) + b" ", overlapping=True)
        return {words[index] for index, _start, _end in found}

    def places(self, lower: str) -> list[tuple[bytes, int, int]] | None:
        r"""Every occurrence in ``lower`` of a vocabulary word as a whole run
        of ``\w``: the word and its character offsets, in the order of the
        text (``None`` without the automaton).  ``{w for w, _s, _e in
        places(lower)} == among(lower)``."""
        if self._automaton is None:
            return None
        runs = _word_bytes(lower)
        found = self._automaton.find_matches_as_indexes(b" " + runs + b" ", overlapping=True)
        if not found:
            return []
        words = self.words
        # the match of b" word " at [s, e) of the padded text is the run
        # runs[s:e - 2]; UTF-8 offsets are character offsets in ASCII text
        if lower.isascii():
            places = [(words[index], start, end - 2) for index, start, end in found]
        else:
            places = []
            char = byte = 0  # the character offset of byte offset ``byte``
            for index, start, end in sorted(found, key=lambda m: m[1]):
                char += len(runs[byte:start].decode("utf-8", "surrogatepass"))
                word = words[index]
                size = len(word.decode("utf-8", "surrogatepass"))
                places.append((word, char, char + size))
                byte, char = start + len(word), char + size
        places.sort(key=lambda place: place[1])
        return places


def _single_words(terms: list[str]) -> bool:
    """Is every term one run of letters and digits (no space, no line break)?"""
    return "".join(terms).isalnum() and all(terms)


def _single_word_keys(terms: list[str]) -> list[str] | None:
    """``[normalize(t).lower() for t in terms]`` when every term is one run of
    letters and digits (then ``normalize`` leaves it as it is), lower-cased
    in one pass; else None.  (Lower-casing a line break's neighbours alone
    is lower-casing each: a final sigma's context ends at a line break.)"""
    if not _single_words(terms):
        return None
    return "\n".join(terms).lower().split("\n")


def normalize(term: str) -> str:
    term = term.strip()
    return term if term.isalnum() else _SPACE.sub(" ", term)  # one word: nothing to do (C speed)


def _compile_trie(keys: Iterable[str]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The matcher of the (lower-cased) terms ``keys``, and its anchor."""
    # match case-insensitively in the regex; filter case in Python
    body = trie_pattern(sorted(keys), gap=_GAP)
    pattern = re.compile(_BEFORE + body + _AFTER, re.IGNORECASE)
    # The same trie, case-sensitive, after one non-word character instead
    # of a look-behind: the regex engine skips ahead to such characters
    # (a look-behind would be tried at every offset).
    anchor = re.compile(r"[^\w](?:" + body + ")")
    return pattern, anchor


@dataclass(slots=True)
class TermHit(Generic[T]):
    start: int
    end: int
    text: str
    payloads: list[T]


class TermMatcher(Generic[T]):
    """Find whole-word occurrences of many literal terms in one pass.

    ``add(term, payload, ignorecase)``; then ``finditer(text)`` yields each
    occurrence with the payloads of every term it matches (a term may belong
    to several rules).  Case-sensitive terms only match their exact form.
    """

    def __init__(self) -> None:
        self._entries: dict[str, list[tuple[str, bool, T]]] = {}
        self._pattern: re.Pattern[str] | None = None
        self._anchor: re.Pattern[str] | None = None
        self._trigger: Trigger | None = None
        #: can every term be found through its lower-cased first word?
        self._foldable = False
        self._prepared = False
        #: lower-cased first word -> the keys of the terms that start with it
        self._by_first: dict[str, list[str]] | None = None
        #: the first words that are not one run of word characters
        self._odd_first: dict[str, list[str]] = {}
        #: the other first words, UTF-8 encoded (to meet a document's word runs)
        self._plain_first: dict[bytes, list[str]] = {}
        self._plain_set: frozenset[bytes] = frozenset()
        self._solo: frozenset[bytes] = frozenset()
        #: a big list's automaton of those first words (see :class:`WordScan`),
        #: built after :data:`SCAN_AFTER` documents
        self._scan: WordScan | None = None
        self._documents_until_scan = SCAN_AFTER
        self._subset_documents = SUBSET_DOCUMENTS
        #: the tries of the subsets compiled so far (documents often share one)
        self._subset_tries: dict[frozenset[str], tuple[re.Pattern[str], re.Pattern[str]]] = {}

    def add(self, term: str, payload: T, ignorecase: bool = False) -> None:
        self.add_all(((term, payload, ignorecase),))

    def add_all(self, items: Iterable[tuple[str, T, bool]]) -> None:
        """``add(term, payload, ignorecase)`` for each item (a rule pack's
        thousands of terms: what is built from the terms is reset once)."""
        entries = self._entries
        items = list(items)
        written = [item[0] for item in items]
        keys = _single_word_keys(written) if not entries else None
        if keys is not None and len(set(keys)) == len(keys):
            # a pack of distinct single words (the usual big list): each its
            # own entry, normalized and lower-cased in C-speed passes
            entries.update(zip(keys, [[(term, ignorecase, payload)] for term, payload, ignorecase in items]))
        else:
            for term, payload, ignorecase in items:
                term = normalize(term)
                key = term.lower()
                found = entries.get(key)
                if found is None:
                    entries[key] = [(term, ignorecase, payload)]
                else:
                    found.append((term, ignorecase, payload))
        self._pattern = self._anchor = self._trigger = None
        self._prepared = False
        self._by_first = None
        self._subset_tries.clear()

    def __len__(self) -> int:
        return len(self._entries)

    def __bool__(self) -> bool:
        return bool(self._entries)

    def compile(self) -> None:
        """Prepare for the run: the trigger now (it decides most documents);
        the trie regex too, unless the trigger can skip documents, in which
        case it is built when the first document needs it (a pre-commit run
        over a few files often never does)."""
        if not self._entries or self._prepared:
            return
        self._prepared = True
        if len(self._entries) >= BIG_LIST and self._written_ascii():
            self._foldable = True  # ASCII first words are all foldable; no trigger (below)
            return
        firsts = self._first_words()
        self._foldable = firsts is not None
        if firsts is not None and len(self._entries) >= BIG_LIST:
            # No trigger: each document's word set finds its terms (see
            # :meth:`_subset_in`), and an RE2 automaton of thousands of first
            # words costs more to build on every run (about 60 ms for 10,000)
            # and to search (about 20 µs a document) than the few documents
            # it would spare from the word sets save.
            return
        self._trigger = None if firsts is None else Trigger.any_of(escape(first.lower()) for first in firsts)
        if self._trigger is None or not self._trigger.searchable:
            self.pattern  # noqa: B018

    def warm(self) -> None:
        """Compile now what documents would otherwise compile (before worker
        processes fork): the whole trie, unless the list is big enough for
        documents to find their terms through their words (:data:`BIG_LIST`),
        which compile only a small trie of their own terms."""
        if not self._entries:
            return
        self.compile()
        if len(self._entries) < BIG_LIST or not self._foldable:
            self.pattern  # noqa: B018
        else:
            self._build_scan()  # the automaton, built once for all workers

    @property
    def pattern(self) -> re.Pattern[str]:
        if self._pattern is None:
            self._pattern, self._anchor = _compile_trie(self._entries)
        return self._pattern

    def _written_ascii(self) -> bool:
        """Are all the terms, as written, ASCII?"""
        return "".join(term for entries in self._entries.values() for term, _ic, _p in entries).isascii()

    def _first_words(self) -> set[str] | None:
        """Every occurrence of a term contains the term's first word as it is
        written (lower-cased): a document with none of them is skipped.  The
        first words as written, or None when one of them cannot be searched
        for lower-cased."""
        firsts = {term.split(" ")[0] for entries in self._entries.values() for term, _ic, _p in entries}
        # ASCII words are all foldable: one C-speed test instead of one a word
        if not "".join(firsts).isascii() and not all(foldable(first) for first in firsts):
            return None
        return firsts

    def triggers(self) -> list[Trigger]:
        self.compile()
        return [self._trigger] if self._trigger is not None else []

    def absent_from(self, doc: Document) -> bool:
        """True when ``doc`` certainly contains no term (a C-speed test)."""
        if not self._entries:
            return True
        self.compile()
        return self._trigger is not None and self._trigger.absent(doc)

    def find_in(self, doc: Document) -> Iterator[TermHit[T]]:
        """Occurrences in ``doc``'s prose; a document that the trigger shows
        holds none of the terms is not scanned."""
        if self.absent_from(doc):
            return iter(())
        lower = doc.lower_prose
        big = len(self._entries) >= BIG_LIST
        if self._pattern is None and lower is not None and (self._subset_documents > 0 or big):
            found = self._terms_in(lower)
            if found is not None:
                subset, places = found
                if not subset:
                    return iter(())
                if places is not None:  # single words, found where they are
                    return self._hits_at(doc.prose, places)
                key = frozenset(subset)
                compiled = self._subset_tries.get(key)
                if compiled is None:
                    # only a new subset costs a compile, and counts
                    self._subset_documents -= 0 if big else 1
                    compiled = _compile_trie(subset)
                    if len(self._subset_tries) >= SUBSET_CACHE:
                        self._subset_tries.clear()
                    self._subset_tries[key] = compiled
                pattern, anchor = compiled
                return self._hits(anchored_finditer(pattern, anchor, doc.prose, lower, lead=1))
        return self.finditer(doc.prose, lower=lower)

    def _index_first_words(self) -> None:
        keys = list(self._entries)
        if _single_words(keys):
            # every key is one run of letters and digits: its own first word,
            # encoded in one pass (no key holds a line break)
            self._by_first = {key: [key] for key in keys}
            self._odd_first = {}
            self._plain_first = dict(zip("\n".join(keys).encode("utf-8", "surrogatepass").split(b"\n"),
                                         self._by_first.values()))
            self._plain_set = self._solo = frozenset(self._plain_first)
            self._scan = None
            self._documents_until_scan = SCAN_AFTER
            return
        by_first: dict[str, list[str]] = {}
        for key in self._entries:
            by_first.setdefault(key.split(" ")[0], []).append(key)
        self._by_first = by_first
        self._odd_first = {first: keys for first, keys in by_first.items()
                           if not first.isalnum() and _WORD_RUN.fullmatch(first) is None}
        self._plain_first = {first.encode("utf-8", "surrogatepass"): keys
                             for first, keys in by_first.items() if first not in self._odd_first}
        self._plain_set = frozenset(self._plain_first)
        #: the first words that are whole terms of their own (no other term
        #: starts with them): their occurrences are the terms' occurrences
        self._solo = frozenset(word for word, keys in self._plain_first.items()
                               if len(keys) == 1 and " " not in keys[0])
        self._scan = None
        self._documents_until_scan = SCAN_AFTER

    def _build_scan(self) -> None:
        """A big list's automaton of its first words (see :class:`WordScan`)."""
        if self._by_first is None:
            self._index_first_words()
        if len(self._entries) >= BIG_LIST and self._scan is None:
            self._scan = WordScan(self._plain_first)

    def _subset_in(self, lower: str) -> list[str] | None:
        """The keys of the terms whose first word ``lower`` (a document's
        lower-cased prose) contains, or None when the whole trie is the
        better choice (there are many, or the search would cost more)."""
        found = self._terms_in(lower, places=False)
        return None if found is None else found[0]

    def _terms_in(self, lower: str, places: bool = True) -> tuple[list[str], list[tuple[int, int]] | None] | None:
        """:meth:`_subset_in`, and (with ``places``) where those terms are,
        when a big list's automaton found them and each is a single word
        that begins no other term: the character offsets of their whole-word
        occurrences in ``lower`` (None: scan with a trie of the keys)."""
        if not self._foldable:  # a term cannot be searched for lower-cased
            return None
        if self._by_first is None:
            self._index_first_words()
        # a term starts and ends at word boundaries, so a first word that is
        # one run of word characters occurs as one of the document's runs
        if len(lower) * len(self._odd_first) > SUBSET_MAX_WORK:
            return None
        plain = self._plain_first
        big = len(self._entries) >= BIG_LIST
        # each of the document's words is looked up in the set of first words
        # (dict.keys() & set would first copy every first word; one ``in``
        # test of the text per first word costs 0.1 ms a story for 200 words)
        if self._scan is None and big:
            self._documents_until_scan -= 1
            if self._documents_until_scan < 0:
                self._build_scan()
        scan = self._scan
        found = scan.places(lower) if scan is not None and places else None
        if found is not None:
            solo = self._solo
            words = {word for word, _start, _end in found}
            if not self._odd_first and words <= solo:
                return [plain[word][0] for word in words], [(start, end) for _word, start, end in found]
        elif scan is not None:
            words = scan.among(lower)
        else:
            words = words_among(lower, self._plain_set)
        keys = [key for word in words for key in plain[word]]
        keys += [key for first, odd in self._odd_first.items() if first in lower for key in odd]
        limit = SUBSET_MAX_TERMS_BIG if big else SUBSET_MAX_TERMS
        return (keys, None) if len(keys) <= limit else None

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None,
                 lower: str | None = None) -> Iterator[TermHit[T]]:
        """Occurrences in ``text[pos:endpos]``.  ``lower`` is an optional
        lower-cased copy of ``text`` with the same offsets (see
        :attr:`Document.lower_prose`): the scan is then much faster."""
        if not self._entries:
            return iter(())
        pattern = self.pattern
        if lower is not None and pos == 0 and endpos is None:
            assert self._anchor is not None
            matches = anchored_finditer(pattern, self._anchor, text, lower, lead=1)
        else:
            matches = pattern.finditer(text, pos, len(text) if endpos is None else endpos)
        return self._hits(matches)

    def _hits(self, matches: Iterator[re.Match[str]]) -> Iterator[TermHit[T]]:
        entries = self._entries
        for m in matches:
            found = m.group()
            key = normalize(found).lower()
            candidates = entries.get(key)
            if not candidates:
                continue
            flat = normalize(found)
            payloads = [p for term, ic, p in candidates if ic or term == flat]
            if payloads:
                yield TermHit(m.start(), m.end(), found, payloads)

    def _hits_at(self, text: str, places: list[tuple[int, int]]) -> Iterator[TermHit[T]]:
        """:meth:`_hits` of the trie's matches in ``text``, given where the
        (single-word) terms occur as whole runs of word characters: the
        trie's look-behind holds there, its look-ahead is tried at the end
        (a contraction, ``Kiev’d``, is no match; a possessive is)."""
        entries = self._entries
        after = _AFTER_MATCH
        for start, end in places:
            if after(text, end) is None or _BEFORE_MATCH(text, start) is None:
                continue
            found = text[start:end]
            candidates = entries.get(found.lower())
            if not candidates:
                continue
            payloads = [p for term, ic, p in candidates if ic or term == found]
            if payloads:
                yield TermHit(start, end, found, payloads)
