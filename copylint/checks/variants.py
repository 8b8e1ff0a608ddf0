"""``variants``: one name spelled two ways in one story, found without a list.

Translated wire copy spells the same person or place two ways (``Kyrylenko``
and ``Kirilenko``, ``Haidai`` and ``Gaidai``, ``Zaluzhnyi`` and
``Zaluzhny``).  A ``variants`` rule carries a table of transliteration
equivalences (``kh ~ h ~ g``, ``-skyy ~ -sky ~ -ski``…) as data.  Each
capitalised word of a document is reduced to a *key* by rewriting every
alternative of the table to its class's first spelling (leftmost-longest,
end-anchored classes first, then start-anchored, then the rest; doubled
letters collapsed).  Two different spellings with the same key are
candidates; they are reported only when nothing in the context says that
they are two people or two places:

* blocked: the two spellings follow (or precede) different given names
  (``Andrei Kirilenko`` and ``Pavlo Kyrylenko``), a sentence with the
  minority spelling speaks of family (``his brother``), or of spelling
  itself (``also spelled``, ``known in Russian as``), or quotes the spelling
  from a news outlet;
* needing support: a word of the rule's ``common-names`` list (Western names
  with variants of their own, ``Smith``/``Smyth``, ``Phillips``/``Philips``)
  or an ordinary word (the story also uses it in lower case) is reported only
  when the same given name or the same title (``Governor``) comes before both
  spellings.

The spelling used most wins (ties: the one used first), unless one of the
spellings is the house spelling of the style's own lists (a substitution's
right side, the first of a ``prefer: first`` consistency group, a ``person``
rule's name): then it wins and the message says so.  A spelling that a list
rule of the style already reports is left to that rule.  Fixes are unsafe:
only an editor knows which spelling is right.

Cost: a rule's ``markers`` (signs of transliterated names: letter clusters,
endings, the regions the names come from) are searched in one linear pass of
their own: the first story of a process by RE2, then by one Aho-Corasick
DFA (``ahocorasick_rs``) when every pattern stands for a finite set of
literals, as the built-in ones do (built whole at once, where RE2 goes on
building its DFA's states lazily, at a cost that dominates a run of a few
hundred stories).  So a story without them costs that pass, and this module
holds only what building the check needs (its fields and markers).  They are
deliberately not a trigger of the engine's shared RE2 set: in the set, their
many short clusters (``zh``, ``iy``, ``yu``…) multiply the states of every
other trigger's automaton, which cost more instructions than a pass of their
own (see docs/name-variants.md).
The comparison itself (:mod:`.variants_compare`: keys, context, the style's
lists) is imported and built when a story first has the markers.
"""

from __future__ import annotations

import re
from re import _constants as _sre_constants, _parser as _sre_parser  # loaded by re: its own reading
from typing import Any, Iterable

from ..document.model import Document
from ..findings import Applicability
from ..ruleset import fields as f
from ..ruleset.model import Rule
from .base import Check, Hit, LazyRe
from .fastscan import Trigger

# -- the equivalence table -------------------------------------------------------

POSITIONS = ("anywhere", "start", "end")
_SPELLING = LazyRe(r"[a-z'’ʼʹ`-]*")


def equivalence_list(value: Any) -> list[dict]:
    """A list of equivalence classes: ``"kh ~ h ~ g"`` (anywhere in a word),
    ``"-skyy ~ -sky"`` (at the end of a word: every alternative starts with
    ``-``), ``"ye- ~ e-"`` (at the start: every alternative ends with ``-``),
    or ``{spellings: [...], at: anywhere|start|end}``.  An empty spelling
    (``"' ~ ’ ~ "``) means the others may be left out: they are dropped."""
    if not isinstance(value, list):
        raise ValueError(f"must be a list of equivalences, not {type(value).__name__}")
    out = []
    for i, item in enumerate(value, 1):
        where = f"equivalence {i}"
        if isinstance(item, str):
            spellings = [s.strip() for s in item.split("~")]
            at = "anywhere"
            real = [s for s in spellings if s]
            if real and all(s.startswith("-") and len(s) > 1 for s in real):
                at, spellings = "end", [s[1:] if s else s for s in spellings]
            elif real and all(s.endswith("-") and len(s) > 1 for s in real):
                at, spellings = "start", [s[:-1] if s else s for s in spellings]
        elif isinstance(item, dict):
            unknown = set(item) - {"spellings", "at"}
            if unknown:
                raise ValueError(f"{where}: unknown key(s) {', '.join(sorted(map(str, unknown)))}; "
                                 "use 'spellings' and 'at'")
            spellings = item.get("spellings")
            at = item.get("at", "anywhere")
            if not isinstance(spellings, list) or not all(isinstance(s, str) for s in spellings):
                raise ValueError(f"{where}: 'spellings' must be a list of strings")
            if at not in POSITIONS:
                raise ValueError(f"{where}: 'at' must be one of {', '.join(POSITIONS)}, not {at!r}")
        else:
            raise ValueError(f"{where}: must be a string 'a ~ b' or a mapping, not {type(item).__name__}")
        spellings = [s.lower() for s in spellings]
        if len(spellings) < 2:
            raise ValueError(f"{where}: give at least two spellings separated by '~'")
        if len(set(spellings)) != len(spellings):
            raise ValueError(f"{where}: a spelling is listed twice")
        for s in spellings:
            if not _SPELLING.fullmatch(s):
                raise ValueError(f"{where}: {s!r} is not a lower-case spelling (letters a-z, apostrophes, hyphens)")
        if "" in spellings:  # "may be absent": every spelling is dropped from the key
            spellings.remove("")
            spellings.insert(0, "")
        out.append({"spellings": spellings, "at": at})
    return out


def marker_literals(pattern: str, limit: int = 5000) -> "list[str] | None":
    """Every string ``pattern`` matches, when it matches a finite set of
    literals (letters, classes of characters, alternations and groups, no
    repetition, anchors or flags), as read by the parser of Python's
    :mod:`re` (so that the set is what ``re`` would match); None otherwise,
    or when there would be more than ``limit`` of them."""
    c = _sre_constants
    try:
        tree = _sre_parser.parse(pattern)
    except Exception:  # noqa: BLE001 - an unreadable pattern is not a literal set
        return None
    if tree.state.flags & ~c.SRE_FLAG_UNICODE:
        return None

    def strings(items: Any) -> "list[str] | None":
        out = [""]
        for op, av in items:
            if op is c.LITERAL:
                alternatives = [chr(av)]
            elif op is c.IN:
                alternatives = []
                for kind, value in av:
                    if kind is c.LITERAL:
                        alternatives.append(chr(value))
                    elif kind is c.RANGE and value[1] - value[0] < 256:
                        alternatives.extend(map(chr, range(value[0], value[1] + 1)))
                    else:
                        return None  # a negated class, a category (\w), a huge range
            elif op is c.BRANCH:
                alternatives = []
                for branch in av[1]:
                    found = strings(branch)
                    if found is None:
                        return None
                    alternatives.extend(found)
            elif op is c.SUBPATTERN:
                if av[1] or av[2]:  # (?i:...)
                    return None
                alternatives = strings(av[3])
                if alternatives is None:
                    return None
            else:
                return None  # repetition, anchors, look-around, back-references
            out = [a + b for a in out for b in alternatives]
            if len(out) > limit:
                return None
        return out

    return strings(tree)


class _Markers:
    """A rule's ``markers``, searched in a story's lower-cased UTF-8 text by
    the cheapest means that answers exactly.  The first story of a process
    (:attr:`SWITCH`) is searched by one RE2 pattern (compiled at once; its
    DFA's states are built lazily, as the text reaches them, which is cheaper
    than building an automaton for one story); from then on, when every
    pattern stands for a finite set of literals (the built-in ones do), by
    one Aho-Corasick DFA
    (``ahocorasick_rs``), built whole in about 3 M instructions, where RE2
    would go on building states (about 23 M over 300 stories).  Neither is in
    the engine's shared RE2 set (see the module's docstring).  The same
    pattern for Python's :mod:`re` answers when neither can (no RE2, or text
    RE2 does not search)."""

    #: stories searched by RE2 before the automaton is built: a one-file run
    #: imports and builds nothing more.  Not more: RE2 builds most of its
    #: states in a process's first full stories (16 of them cost about 14 M
    #: instructions more than the automaton on 300 stories)
    SWITCH = 1

    def __init__(self, patterns: list[str]) -> None:
        self.patterns = list(patterns)
        self.pattern = "|".join(f"(?:{p})" for p in patterns) if patterns else None
        self.trigger: Trigger | None = None
        self._python = LazyRe(self.pattern) if self.pattern else None
        self._automaton: Any = None
        self._searched = 0
        if self.pattern:
            trigger = Trigger(self.pattern)
            if trigger.searchable:
                self.trigger = trigger

    @property
    def literals(self) -> "list[bytes] | None":
        """The literals every pattern stands for (UTF-8), when they are finite."""
        found = [marker_literals(p) for p in self.patterns]
        if not found or any(f is None for f in found):
            return None
        return sorted({s.encode("utf-8") for f in found for s in f})  # type: ignore[union-attr]

    def _find(self) -> Any:
        """The automaton's search, or None when literals cannot be searched so."""
        if self._automaton is None:
            self._automaton = False
            literals = self.literals
            if literals and b"" not in literals:
                try:
                    import ahocorasick_rs
                except ImportError:  # a dependency; without it, RE2 answers
                    return None
                self._automaton = ahocorasick_rs.BytesAhoCorasick(
                    literals, matchkind=ahocorasick_rs.MATCHKIND_LEFTMOST_FIRST,
                    implementation=ahocorasick_rs.Implementation.DFA).find_matches_as_indexes
        return self._automaton or None

    def absent(self, doc: Document) -> "bool | None":
        """True when ``doc`` certainly has none of the markers, False when it
        certainly has one, None when only Python's ``re`` can tell."""
        if self.pattern is None:
            return False
        data = doc.lower_utf8
        if data is None:
            return None
        trigger = self.trigger
        if self._searched < self.SWITCH and trigger is not None:
            self._searched += 1
            return trigger.absent(doc)  # RE2 answers exactly for this document
        find = self._find()
        if find is not None:
            return not find(data)
        if trigger is not None:
            return trigger.absent(doc)
        return None

    def present(self, doc: Document) -> bool:
        absent = self.absent(doc)
        if absent is not None:
            return not absent
        lower = doc.lower_prose
        return self._python.search(lower if lower is not None else doc.prose.lower()) is not None


class VariantsCheck(Check):
    kind = "variants"
    message_values = 2  # the minority spelling, the one used (or the house's)
    #: The message names the two spellings found, not a choice of the table:
    #: a desk that extends or narrows the table keeps it true.
    message_neutral_fields = frozenset({
        "equivalences", "also", "doubled-letters", "min-length", "common-names", "ignore", "titles",
        "family", "spelling-words", "outlets", "dictionary", "dicpath", "markers", "house-rules"})
    fields = {
        "equivalences": f.Field(equivalence_list, required=True,
                                doc="transliteration equivalences: 'kh ~ h ~ g', '-skyy ~ -sky', "
                                    "or {spellings: [...], at: start|end|anywhere}"),
        "also": f.Field(equivalence_list, default=[],
                        doc="more equivalences, added to the table (for a desk's override)"),
        "doubled-letters": f.Field(f.boolean, default=True, doc="'ll' and 'l' are the same spelling"),
        "min-length": f.Field(f.integer, default=4, doc="shorter words are never compared"),
        "common-names": f.Field(f.string_list, default=[],
                                doc="names with spelling variants of their own (Smith/Smyth): "
                                    "reported only with the same given name or title before both"),
        "ignore": f.Field(f.string_list, default=[], doc="capitalised words never compared"),
        "titles": f.Field(f.string_list, default=[],
                          doc="titles and roles before a name that identify a person (Governor)"),
        "family": f.Field(f.string_list, default=[],
                          doc="words for relatives: a minority spelling in such a sentence is left alone"),
        "spelling-words": f.Field(f.string_list, default=[],
                                  doc="words that show a spelling is discussed (spelled, transliterated)"),
        "outlets": f.Field(f.string_list, default=[],
                           doc="words that name a news outlet: a quoted spelling in such a sentence is theirs"),
        "dictionary": f.Field(f.string, default="en_US",
                              doc="a Hunspell dictionary: its common words, and its names when they are "
                                  "the minority spelling, are reported only with context support; '' for none"),
        "dicpath": f.Field(f.string, default="", doc="folder holding the .dic file (default: the system's)"),
        "markers": f.Field(f.regex_list, default=[],
                           doc="lower-case patterns (letters, classes, alternation): a story is compared "
                               "only when its lower-cased text matches one (signs of transliterated names); "
                               "empty: every story"),
        "house-rules": f.Field(f.string_list, default=["*"],
                               doc="ids (or globs) of the style's list rules whose spellings are house spellings"),
        "autofix": f.Field(f.boolean, default=True, doc="offer the winning spelling as an (unsafe) fix"),
    }
    default_scope = "document"
    default_applicability = Applicability.UNSAFE
    default_message = "'%s' here, but '%s' elsewhere in this story ({other}): spell the name one way."

    @classmethod
    def validate(cls, options: dict) -> None:
        if not options.get("equivalences"):
            raise ValueError("equivalences: give at least one equivalence")
        if options.get("min-length", 4) < 2:
            raise ValueError("min-length: must be at least 2")
        for pattern in options.get("markers") or []:
            if pattern != pattern.lower():
                raise ValueError(f"markers: {pattern!r} must be lower case (it is searched in lower-cased text)")
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"markers: bad pattern {pattern!r}: {exc}") from None

    def __init__(self, rules: list[Rule]) -> None:
        super().__init__(rules)
        self._markers = [(rule, _Markers(list(rule.options.get("markers") or ()))) for rule in rules]
        #: the markers of a check with one rule (the default style's): asked first
        self._only: _Markers | None = self._markers[0][1] if len(self._markers) == 1 else None
        self._style: list[Rule] = list(rules)
        self._comparer: Any = None

    def see_rules(self, rules: list[Rule]) -> None:
        self._style = rules
        self._comparer = None

    def triggers(self) -> list:
        # The markers are searched alone (``Trigger.absent`` without a bundle), not in
        # the engine's shared set: see the module's docstring.
        return []

    def run(self, doc: Document) -> Iterable[Hit]:
        only = self._only
        absent = only.absent(doc) if only is not None else None
        if absent is not None:  # the automaton (or RE2) answers exactly
            if absent:
                return ()  # most stories: one pass, no generator, nothing imported or compiled
            marked = self.rules  # the one rule's markers are there: not asked again
        else:
            marked = [rule for rule, markers in self._markers if markers.present(doc)]
        if not marked:
            return ()
        if self._comparer is None:
            from .variants_compare import Comparer

            self._comparer = Comparer(self.rules, self._style)
        return self._comparer.run(doc, marked)
