"""Vale's matching semantics, as rule kinds of their own.

A rule translated from a Vale style carries a :class:`ValeMatching` (typed:
the exact regex Vale builds, its scopes, ``limit``, ``action``, the swap's
keys and replacements…).  ``existence``, ``substitution``, ``repetition``
and ``consistency`` match as Vale matches (:func:`find`); the other Vale
kinds run copylint's own checks of the same name (``occurrence``,
``conditional``, ``capitalization``, ``metric``, ``spelling``) and only
their messages are Vale's (:func:`find_by_check`).  Each function takes a
block's text and returns what it found as
``(start, end, message, match, anchored[, (fix, safe)])``.
"""

from __future__ import annotations

import itertools
import operator
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Callable, Protocol

import regex

from ..document.sentences import split_sentences
from . import KINDS
from .base import Check
from .capitalization import exception_regex
from .spelling import Speller, read_word_list

from ..ruleset.model import Rule

if TYPE_CHECKING:
    from ..formats.blocks import Block
    from .token_filter import TokenFilter

#: (start, end, message, match, anchored) and, for a fix, ((replacement, safe),)
Found = tuple
Excepted = Callable[[str, int, int], bool]


@dataclass
class ValeMatching:
    """What Vale's matching of one rule needs, as the translator built it."""

    extends: str
    scopes: list[str] = field(default_factory=lambda: ["text"])
    limit: int = 0
    action_name: str = ""
    action_params: list[Any] = field(default_factory=list)
    vocab: bool = True
    ignorecase: bool = False
    exceptions: list[str] = field(default_factory=list)
    nonword: bool = False
    #: copylint's ``fix-applicability`` key (None: safe when only the case changes)
    fix_applicability: str | None = None
    #: existence, substitution, repetition: the regex exactly as Vale builds it
    pattern: "regex.Pattern[str] | None" = None
    #: existence, substitution: the same as a word-list index (long token lists)
    filter: "TokenFilter | None" = None
    #: substitution: the swap's keys (longest first) and their replacements
    keys: list[str] = field(default_factory=list)
    replacements: list[str] = field(default_factory=list)
    capitalize: bool = False
    #: repetition
    max: int = 0
    alpha: bool = False
    #: consistency: one pattern with groups ``a`` and ``b`` per ``either`` pair
    steps: list[tuple["regex.Pattern[str]", str, str]] = field(default_factory=list)
    #: spelling: the dictionaries' base paths
    dictionary_bases: list[str] = field(default_factory=list)


@dataclass(eq=False)
class ValeRule(Rule):
    """A copylint rule translated from a Vale rule, with how Vale matches it."""

    matching: ValeMatching = field(default_factory=lambda: ValeMatching(""))


# -- messages ------------------------------------------------------------------------

_VERB = re.compile(r"%[%sdvq]")


@lru_cache(maxsize=1024)
def _message_parts(message: str) -> tuple[str, ...]:
    """A message split into literal text (even indexes) and verbs (odd: ``s``,
    ``d``, ``v`` or ``q``); ``%%`` is literal text."""
    parts: list[str] = []
    literal: list[str] = []
    last = 0
    for m in _VERB.finditer(message):
        literal.append(message[last:m.start()])
        if m.group() == "%%":
            literal.append("%")
        else:
            parts += ["".join(literal), m.group()[1]]
            literal = []
        last = m.end()
    literal.append(message[last:])
    parts.append("".join(literal))
    return tuple(parts)


def go_format(message: str, *args: str) -> str:
    """Go's ``fmt.Sprintf`` for Vale messages: ``%s``/``%d``/``%v`` filled in
    order, extra arguments ignored, ``%%`` a percent sign."""
    parts = _message_parts(message)
    if len(parts) == 1:
        return parts[0].replace("\n", " ")
    out: list[str] = []
    for index, part in enumerate(parts):
        if not index % 2:
            out.append(part)
        elif index // 2 < len(args):
            value = args[index // 2]
            out.append(f'"{value}"' if part == "q" else value)
        else:
            out.append(f"%!{part}(MISSING)")
    return "".join(out).replace("\n", " ")


def cap_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def is_phrase(text: str) -> bool:
    return all(ch.isalpha() or ch.isdigit() or ch in " -" for ch in text)


def to_sentence(words: list[str], joiner: str) -> str:
    if not words:
        return ""
    if len(words) == 1:
        return f"'{words[0]}'"
    if len(words) == 2:
        return f"'{words[0]}' {joiner} '{words[1]}'"
    quoted = [f"'{w}'" for w in words]
    quoted[-1] = f"{joiner} {quoted[-1]}"
    return ", ".join(quoted)


def match_token(expected: str, observed: str) -> bool:
    if is_phrase(expected):
        return expected == observed
    try:
        return regex.fullmatch(f"(?:{expected})", observed) is not None
    except regex.error:
        return expected == observed


def options_of(expected: str) -> list[str]:
    return [o.replace("PIPE", "|") for o in expected.replace("\\|", "PIPE").split("|") if o]


_PATTERN_SYNTAX = regex.compile(r"[\\\[\](){}*+?|^$]")


def single_replacement(expected: str, observed: str, matching: ValeMatching) -> tuple[str, bool] | None:
    """The fix of a substitution: its replacement when that is one literal
    text (no alternatives, no pattern syntax), with whether it is safe (only
    the letter case changes, as Vale.Terms does, unless the rule's
    ``fix-applicability`` says otherwise)."""
    if _PATTERN_SYNTAX.search(expected) or not expected.strip() or expected == observed:
        return None
    stated = matching.fix_applicability
    safe = expected.lower() == observed.lower() if stated is None else stated == "safe"
    return expected, safe


# -- exceptions ----------------------------------------------------------------------

def phrase_regex(terms: list[str], ignorecase: bool = True) -> "regex.Pattern[str] | None":
    phrases = [t for t in terms if " " in t or "\t" in t or "\\s" in t]
    if not phrases:
        return None
    try:
        return regex.compile(("(?i)" if ignorecase else "") + r"\b(?:" + "|".join(phrases) + r")\b")
    except regex.error:
        return None


def excepted_by(pattern: "regex.Pattern[str] | None", phrases: "regex.Pattern[str] | None",
                whole: bool, text: str, timeout: float) -> Excepted:
    """Is a match an exception (or accepted vocabulary)?  ``pattern`` must
    match the observed text (all of it when ``whole``, as for substitutions)
    or a phrase must cover the match in the block's ``text``."""

    def excepted(observed: str, start: int, end: int) -> bool:
        if pattern is not None and (pattern.fullmatch(observed, timeout=timeout) if whole
                                    else pattern.search(observed, timeout=timeout)):
            return True
        if phrases is not None:
            return any(s <= start and end <= e
                       for s, e in (m.span() for m in phrases.finditer(text, timeout=timeout)))
        return False

    return excepted


# -- the kinds -----------------------------------------------------------------------

def find_existence(rule: Rule, matching: ValeMatching, text: str, words: Any, kept: Any,
                   excepted: Excepted, timeout: float) -> list[Found]:
    if matching.filter is not None:
        found = [m for m, _i in matching.filter.finditer(text, words, timeout, kept=kept)]
    else:
        assert matching.pattern is not None
        found = matching.pattern.finditer(text, timeout=timeout)
    out: list[Found] = []
    for m in found:
        if not m.group() or excepted(m.group().strip(), m.start(), m.end()):
            continue
        out.append((m.start(), m.end(), go_format(rule.message, m.group()), m.group(), True))
    return out


def find_substitution(rule: Rule, matching: ValeMatching, text: str, words: Any, kept: Any,
                      excepted: Excepted, timeout: float) -> list[Found]:
    if matching.filter is not None:
        found = matching.filter.finditer(text, words, timeout, kept=kept)
    else:
        assert matching.pattern is not None
        found = [(m, -1) for m in matching.pattern.finditer(text, timeout=timeout)]
    out: list[Found] = []
    for m, token in found:
        group = next((i for i, g in enumerate(m.groups()) if g is not None), None)
        if group is None:
            continue
        start, end = m.span(group + 1)
        observed = m.group(group + 1)
        expected = _expected(matching, token if token >= 0 else group, observed, timeout)
        if matching.action_name == "replace":
            same = observed in options_of(expected)
        else:
            same = match_token(expected, observed)
        if same or excepted(observed, start, end):
            continue
        message, shown = _substitution_message(rule.message, matching, expected, observed)
        out.append((start, end, go_format(message, shown, observed), observed, True,
                    single_replacement(expected, observed, matching)))
    return out


def _expected(matching: ValeMatching, index: int, observed: str, timeout: float) -> str:
    """The replacement of swap key ``index`` for ``observed`` (``$1`` filled in)."""
    expected = matching.replacements[index]
    if matching.capitalize and observed == cap_first(observed):
        expected = cap_first(expected)
    if regex.search(r"\$\d", expected):
        key = ("(?i)" if matching.ignorecase else "") + matching.keys[index]
        try:
            expected = regex.sub(key, regex.sub(r"\$(\d)", r"\\\1", expected), observed, timeout=timeout)
        except regex.error:
            pass
    return expected


def _substitution_message(message: str, matching: ValeMatching, expected: str,
                          observed: str) -> tuple[str, str]:
    """The message and the replacement it shows (``action: replace`` lists
    every option: ``'a' or 'b'``)."""
    if matching.action_name != "replace" or matching.action_params:
        return message, expected
    opts = options_of(expected)
    if matching.capitalize and observed == cap_first(observed):
        opts = [cap_first(o) for o in opts]
    for spec in ("'%s'", '"%s"'):
        if message.count(spec) == 2:
            message = message.replace(spec, "%s", 1)
    return message, to_sentence(opts, "or")


def find_repetition(rule: Rule, matching: ValeMatching, text: str, excepted: Excepted, timeout: float,
                    shortcut: bool = False, linear: bool = False) -> list[Found]:
    """Vale's token walk; with ``shortcut`` a block without two equal tokens in
    a row is skipped after one ``findall`` (a ``linear`` token pattern, which
    cannot backtrack, runs without a timeout, which costs per match)."""
    assert matching.pattern is not None
    if shortcut and matching.pattern.groups == 1:
        pairs = _repeated_pairs(matching, text, None if linear else timeout)
        if not pairs:
            return []
        if not matching.max:
            return _repeats_at(rule, matching, text, pairs, excepted, None if linear else timeout)
    out: list[Found] = []
    prev = ""
    ploc: tuple[int, int] | None = None
    count = 0
    for m in matching.pattern.finditer(text, timeout=timeout):
        curr = m.group().strip()
        if matching.ignorecase:
            hit = curr != "" and curr.lower() == prev.lower()
        else:
            hit = curr != "" and curr == prev
        hit = hit and (not matching.alpha or curr.isalpha())
        if hit:
            count += 1
        if hit and count > matching.max and ploc is not None:
            converted = text[ploc[0]:m.end()]
            if len(split_sentences(converted, 0, len(converted))) == 1 \
                    and not excepted(converted, ploc[0], m.end()):
                out.append((ploc[0], m.end(), go_format(rule.message, curr), converted, True))
                count = 0
        ploc = m.span()
        prev = curr
    return out


def _repeated_pairs(matching: ValeMatching, text: str, timeout: float | None) -> list[int]:
    """Indexes of the tokens equal to the next one (only they can repeat)."""
    assert matching.pattern is not None
    tokens = map(str.strip, matching.pattern.findall(text, timeout=timeout))
    keys = list(map(str.lower, tokens) if matching.ignorecase else tokens)
    return list(itertools.compress(range(len(keys) - 1), map(operator.eq, keys, keys[1:])))


def _repeats_at(rule: Rule, matching: ValeMatching, text: str, pairs: list[int], excepted: Excepted,
                timeout: float | None) -> list[Found]:
    """With no ``max`` every repeat stands alone (the count is 1 at each):
    only the pairs are looked at, not the whole token walk."""
    assert matching.pattern is not None
    out: list[Found] = []
    found = list(matching.pattern.finditer(text, timeout=timeout))
    for i in pairs:
        before, m = found[i], found[i + 1]
        curr = m.group().strip()
        if curr == "" or (matching.alpha and not curr.isalpha()):
            continue
        converted = text[before.start():m.end()]
        if len(split_sentences(converted, 0, len(converted))) == 1 \
                and not excepted(converted, before.start(), m.end()):
            out.append((before.start(), m.end(), go_format(rule.message, curr), converted, True))
    return out


def find_consistency(rule: Rule, matching: ValeMatching, text: str, seen: set,
                     may_match: Callable[[int], bool], timeout: float) -> list[Found]:
    """Both spellings of a pair used in the file (``seen`` carries what the
    earlier blocks used); ``may_match(step)`` is False when a step cannot
    match this block."""
    out: list[Found] = []
    for index, (pattern, _a, _b) in enumerate(matching.steps):
        if not may_match(index):
            continue
        found = list(pattern.finditer(text, timeout=timeout))
        last = None
        for m in found:
            for name in ("a", "b"):
                if m.group(name) is not None:
                    seen.add((index, name))
                    last = m.span(name)
        if found and (index, "a") in seen and (index, "b") in seen and last is not None:
            match = text[last[0]:last[1]]
            first = text.find(match)
            out.append((first, first + len(match), go_format(rule.message, match), match, True))
    return out


def find_by_check(rule: Rule, check: Check, text: str, state: dict, excepted: Excepted) -> list[Found]:
    """A Vale kind copylint has a check of its own for, with Vale's messages:
    a metric (and an occurrence's count of none) is about the whole block."""
    out: list[Found] = []
    for hit in check.scan(rule, text, state):
        observed = text[hit.start:hit.end]
        if rule.kind in ("conditional", "spelling") and excepted(observed, hit.start, hit.end):
            continue
        if rule.kind == "metric" or (rule.kind == "occurrence" and hit.args and hit.args[0] == "0"):
            out.append((0, 0, go_format(rule.message, *hit.args), "", True))
            continue
        out.append((hit.start, hit.end, go_format(rule.message, *hit.args), observed, True))
    return out


# -- a set of Vale rules, compiled -------------------------------------------------

class Shortcuts(Protocol):
    """What :meth:`ValeKinds.find` asks the shortcuts
    (:class:`~copylint.checks.vale_shortcuts.ValeShortcuts`)."""

    enabled: bool
    linear: dict[str, bool]

    def step_may_match(self, rule_id: str, block: "Block") -> Callable[[int], bool]: ...


#: The Vale kinds copylint runs with a check of its own (with Vale's messages).
CHECKED_KINDS = ("occurrence", "conditional", "capitalization", "metric", "spelling")


class ValeKinds:
    """The compiled kinds of a set of Vale rules: each rule's exceptions
    (with the accepted vocabulary), copylint's own check where it has one,
    and :meth:`find`, what one rule finds in one block."""

    def __init__(self, rules: list[ValeRule], accepted: list[str], regex_timeout: float) -> None:
        self.accepted = accepted
        #: seconds one call of a rule author's regex may take on one block
        self.regex_timeout = regex_timeout
        self.exceptions: dict[str, Any] = {}
        self.phrases: dict[str, Any] = {}
        self.checks: dict[str, Check] = {}
        for rule in rules:
            self._learn_exceptions(rule)
            if rule.kind in CHECKED_KINDS:
                self.checks[rule.id] = self._check(rule)

    def set_regex_timeout(self, seconds: float) -> None:
        self.regex_timeout = seconds
        for check in self.checks.values():
            check.regex_timeout = seconds

    def _vocab_terms(self, rule: ValeRule) -> list[str]:
        """The accepted vocabulary a rule does not flag."""
        if not rule.matching.vocab or (rule.kind == "existence" and rule.matching.nonword):
            return []
        return self.accepted

    def _learn_exceptions(self, rule: ValeRule) -> None:
        accepted = self.accepted
        if rule.kind == "spelling":
            terms = [t if t.startswith("\\b") or t.endswith("\\b") else rf"\b{t}\b" for t in accepted]
            self.exceptions[rule.id] = _compile_any(["(?i)" + "|".join(terms)] if terms else [])
            self.phrases[rule.id] = phrase_regex(accepted)
        else:
            terms = list(rule.matching.exceptions) + list(self._vocab_terms(rule))
            self.exceptions[rule.id] = exception_regex(terms)
            self.phrases[rule.id] = phrase_regex(terms, ignorecase=False)

    def _check(self, rule: ValeRule) -> Check:
        """copylint's own check of a Vale kind, for this one rule."""
        vocab_terms = self._vocab_terms(rule)
        if rule.kind == "capitalization" and vocab_terms:
            rule.exceptions = list(rule.exceptions) + [t for t in vocab_terms if _valid(t)]
        check = KINDS[rule.kind]([rule])
        check.regex_timeout = self.regex_timeout
        if rule.kind == "spelling":
            words: list[str] = []
            for file in rule.options.get("ignore") or []:
                words += read_word_list(file)
            check.spellers[rule.id] = Speller(rule.matching.dictionary_bases, words).bound(rule, check)
        return check

    def find(self, rule: ValeRule, block: "Block", state: dict, shortcuts: "Shortcuts") -> list[Found]:
        """What ``rule`` finds in ``block``; ``state`` carries what a file's
        earlier blocks left (consistency pairs seen, metrics counted)."""
        matching, text, timeout = rule.matching, block.text, self.regex_timeout
        excepted = excepted_by(self.exceptions.get(rule.id), self.phrases.get(rule.id),
                               matching.extends == "substitution", text, timeout)
        if matching.extends in ("existence", "substitution"):
            find = find_existence if matching.extends == "existence" else find_substitution
            return find(rule, matching, text, block.words(), block.memo.get(("kept", rule.id)), excepted,
                        timeout)
        if matching.extends == "repetition":
            return find_repetition(rule, matching, text, excepted, timeout, shortcut=shortcuts.enabled,
                                   linear=shortcuts.linear.get(rule.id, False))
        if matching.extends == "consistency":
            seen = state.setdefault(("consistency", rule.id), set())
            return find_consistency(rule, matching, text, seen, shortcuts.step_may_match(rule.id, block), timeout)
        rule_state = state.setdefault(rule.id, {})
        if rule.kind == "metric":
            rule_state["metrics"] = state.get("metrics", {})
        return find_by_check(rule, self.checks[rule.id], text, rule_state, excepted)


def _compile_any(patterns: list[str]) -> "regex.Pattern[str] | None":
    if not patterns:
        return None
    try:
        return regex.compile("|".join(patterns))
    except regex.error:
        return None


def _valid(pattern: str) -> bool:
    try:
        regex.compile(pattern)
        return True
    except regex.error:
        return False
