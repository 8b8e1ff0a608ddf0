"""``spelling``: words missing from Hunspell dictionaries.

Dictionaries are Hunspell ``.dic``/``.aff`` pairs read by spylls (a pure
Python port of Hunspell: affixes, compounding, ICONV — no C library to
install).  ``dictionaries`` names them (``[en_US, en_medical]``) and
``dicpath`` says where they are (default: ``/usr/share/hunspell`` and
``/usr/share/myspell``, which Debian's ``hunspell-en-us`` fills); a word is
correct when any of them accepts it.  ``accept`` lists words or regexes that
are always correct (a house vocabulary), ``reject`` words that are always
flagged, ``ignore`` word-list files (one word a line) added as accepted, and
``filters`` regexes: a word matching one is not checked.  Unless
``custom: true``, the default filters skip words with characters other than
letters, ``_`` and apostrophes (numbers, URLs, hyphenated compounds),
all-capital acronyms and CamelCase identifiers — Vale's defaults.

Words are looked up once per run (a cache), so a long story costs a
dictionary probe per distinct word.
"""

from __future__ import annotations

import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import regex

from ..document.model import Document
from ..errors import CopylintError
from ..ruleset import fields as f
from ..ruleset.model import Rule
from .base import BoundedRegex, Check, Hit, scope_spans

DEFAULT_DICPATHS = ("/usr/share/hunspell", "/usr/share/myspell", "/usr/share/myspell/dicts")
_PREFIX = "$([{<\"'“‘«*_~`#"
_SUFFIX = ",.:;!?)]}>\"'”’»*_~`…"
_CAMEL = regex.compile(r"[A-Z][a-z]+[A-Z]+\w+")
_CAPS_END = regex.compile(r"[A-Z]+$")
_NOT_PLAIN = regex.compile(r"[^a-zA-Z_']")
_QUOTES = str.maketrans({"’": "'", "‘": "'"})


def tokenize(text: str) -> list[tuple[int, str]]:
    """Words with their offsets: whitespace-separated, leading and trailing
    punctuation stripped (``don't`` and ``e-mail`` stay one word)."""
    words = []
    for m in regex.finditer(r"\S+", text):
        token, start = m.group(), m.start()
        while token and token[0] in _PREFIX:
            token, start = token[1:], start + 1
        while token and token[-1] in _SUFFIX:
            token = token[:-1]
        if token:
            words.append((start, token))
    return words


def default_filtered(word: str) -> bool:
    return bool(_CAMEL.search(word) or _CAPS_END.search(word) or _NOT_PLAIN.search(word))


class DictionaryError(CopylintError):
    pass


@lru_cache(maxsize=32)
def load_dictionary(base: str) -> Any:
    """A spylls dictionary from ``base.dic``/``base.aff`` (loaded once).

    The PHONE table (used only to rank suggestions) is dropped first: spylls
    refuses some real-world tables, and copylint never asks for suggestions.
    """
    from spylls.hunspell import Dictionary

    aff, dic = Path(base + ".aff"), Path(base + ".dic")
    if not aff.is_file() or not dic.is_file():
        raise DictionaryError(f"no Hunspell dictionary at {base}.dic/.aff")
    folder = tempfile.mkdtemp(prefix="copylint-dic-")
    name = os.path.join(folder, "d")
    Path(name + ".aff").write_bytes(
        b"".join(line for line in aff.read_bytes().splitlines(keepends=True)
                 if not line.startswith(b"PHONE")))
    Path(name + ".dic").write_bytes(dic.read_bytes())
    try:
        return Dictionary.from_files(name)
    except Exception as exc:  # spylls raises plain exceptions on bad files
        raise DictionaryError(f"cannot read Hunspell dictionary {base}: {exc}") from None


def find_dictionary(name: str, dicpaths: Iterable[str]) -> str:
    for folder in dicpaths:
        base = os.path.join(folder, name)
        if os.path.isfile(base + ".dic") and os.path.isfile(base + ".aff"):
            return base
    raise DictionaryError(
        f"no Hunspell dictionary {name!r} in {', '.join(dicpaths)} "
        "(install one, e.g. apt-get install hunspell-en-us, or set 'dicpath')")


class Speller:
    """Several dictionaries plus accepted and rejected words, with a cache."""

    def __init__(self, bases: list[str], accept: Iterable[str] = (), reject: Iterable[str] = ()):
        self.dictionaries = [load_dictionary(b) for b in bases]
        literal = [w for w in accept if not _is_pattern(w)]
        patterns = [w for w in accept if _is_pattern(w)]
        self.accepted = {w.lower() for w in literal}
        self.accepted_exact = set(literal)
        self.accept_pattern = regex.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None
        self.rejected = set(reject)
        self._cache: dict[str, bool] = {}

    def bound(self, rule: Rule, owner: Check) -> "Speller":
        """Run the ``accept`` regexes under ``rule``'s time budget."""
        if self.accept_pattern is not None and not isinstance(self.accept_pattern, BoundedRegex):
            self.accept_pattern = BoundedRegex(self.accept_pattern, rule, owner)
        return self

    def correct(self, word: str) -> bool:
        known = self._cache.get(word)
        if known is None:
            known = self._lookup(word)
            self._cache[word] = known
        return known

    def _lookup(self, word: str) -> bool:
        if word in self.rejected:
            return False
        if word in self.accepted_exact or word.lower() in self.accepted:
            return True
        if self.accept_pattern is not None and self.accept_pattern.fullmatch(word):
            return True
        plain = word.translate(_QUOTES)
        return any(d.lookup(plain) for d in self.dictionaries)


def _is_pattern(word: str) -> bool:
    return any(ch in word for ch in "[]()*+?\\|{}^$")


def _word_list(value: Any) -> list[str]:
    return f.string_list(value)


class SpellingCheck(Check):
    kind = "spelling"
    fields = {
        "dictionaries": f.Field(f.string_list, default=["en_US"], doc="Hunspell dictionary names"),
        "dicpath": f.Field(f.string, doc="folder holding the .dic/.aff files"),
        "accept": f.Field(_word_list, default=[], doc="words (or regexes) always accepted"),
        "reject": f.Field(_word_list, default=[], doc="words always flagged"),
        "ignore": f.Field(f.string_list, default=[], doc="word-list files of accepted words"),
        "filters": f.Field(f.regex_list, default=[], doc="a word matching one of these is skipped"),
        "custom": f.Field(f.boolean, default=False, doc="turn off the default filters"),
    }
    default_message = "Did you really mean '%s'?"

    @classmethod
    def validate(cls, options: dict) -> None:
        paths = [options["dicpath"]] if options.get("dicpath") else list(DEFAULT_DICPATHS)
        for name in options["dictionaries"]:
            try:
                find_dictionary(name, paths)
            except DictionaryError as exc:
                raise ValueError(f"dictionaries: {exc}") from None
        for file in options["ignore"]:
            if not os.path.isfile(file):
                raise ValueError(f"ignore: no such word-list file {file!r}")

    def __init__(self, rules: list[Rule]) -> None:
        super().__init__(rules)
        self.spellers = {rule.id: make_speller(rule.options).bound(rule, self) for rule in rules}
        self.filters = {rule.id: [BoundedRegex(regex.compile(p), rule, self) for p in rule.options["filters"]]
                        for rule in rules}

    def run(self, doc: Document) -> Iterable[Hit]:
        for rule in self.rules:
            scope = "document" if rule.scope == "paragraph" else rule.scope
            for start, end in scope_spans(doc, scope):
                for hit in self.scan(rule, doc.prose[start:end]):
                    hit.start += start
                    hit.end += start
                    yield hit

    def scan(self, rule: Rule, text: str, state: Any = None) -> list[Hit]:
        speller = self.spellers[rule.id]
        filters = self.filters[rule.id]
        custom = rule.options["custom"]
        hits = []
        for start, word in tokenize(text):
            plain = word.translate(_QUOTES)
            if not custom and default_filtered(plain):
                continue
            if any(p.search(plain) for p in filters):
                continue
            if speller.correct(word):
                continue
            hits.append(Hit(rule, start, start + len(word), (word,)))
        return hits


def make_speller(options: dict) -> Speller:
    paths = [options["dicpath"]] if options.get("dicpath") else list(DEFAULT_DICPATHS)
    bases = [find_dictionary(name, paths) for name in options["dictionaries"]]
    accept = list(options.get("accept") or [])
    for file in options.get("ignore") or []:
        accept += read_word_list(file)
    return Speller(bases, accept, options.get("reject") or [])


def read_word_list(path: str) -> list[str]:
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
