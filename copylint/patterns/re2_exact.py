"""Rule authors' patterns that RE2 runs with exactly the matches of ``regex``.

A rule author's pattern is written for the ``regex`` module (version 0, the
:mod:`re` dialect), which backtracks: a careless pattern can take
exponential time, so every call runs under a time budget, and every call
with a timeout reads the CPU clock.  RE2 (``google-re2``) runs in time
linear in the text and needs no budget.  :func:`translate` rewrites a
pattern into RE2 syntax when RE2 then finds the same matches with the same
groups (RE2's leftmost-first matching is Perl's and ``regex``'s), and
refuses when it cannot be sure:

- look-arounds, back-references, conditionals, atomic groups and possessive
  repeats: RE2 has none of them (but ``(?<!\\w)`` before, or ``(?!\\w)``
  after, what always starts or ends with a word character is exactly ``\\b``
  there, and is written so: the common ``(?<!\\w)(?:Kiev|Kyiv)(?!\\w)``);
- a pattern or a repeated part that can match the empty string, or a
  capturing group inside a repeat (the engines differ on empty iterations and
  on what such a group keeps);
- ``$`` without multi-line mode (``regex`` also matches before a final
  line break), a repeat count over 1,000 (RE2's limit), the ASCII/locale
  flags, and syntax Python's parser does not read as ``regex`` does;
- a case-insensitive character outside ASCII that has case.

What differs in meaning is spelt out: every character is written as a code
point, and under case folding an ASCII letter becomes the class of every
character ``regex`` makes equal to it (``k`` is also the Kelvin sign, ``i``
also ``İ`` and ``ı``), so folding is exact.  ``\\d``, ``\\s`` and ``\\w``
become the classes of exactly the characters ``regex`` puts in them (read
from ``regex`` on every code point: RE2's own are ASCII-only, and its Unicode
tables are of another version).  RE2's ``\\b`` is
ASCII-only and cannot be rewritten, so a pattern with ``\\b`` or ``\\B``
runs in RE2 only on a text without a non-ASCII word character
(:func:`ascii_words`); otherwise in ``regex``.
"""

from __future__ import annotations

import os
import re
from typing import Any

from .casefold import REGEX_FOLDS, cased
from .memo import memoized
from .syntax import C, parse
from .unicode_classes import CLASSES

try:  # optional: a wheel-distributed binding of Google's RE2
    from re2 import _re2  # type: ignore[import-not-found]

    _UNANCHORED = _re2.RE2.Anchor.UNANCHORED
except Exception:  # noqa: BLE001 - not installed, or an incompatible version
    _re2 = None

_MAX_REPEAT = 1000  # RE2's limit
#: ``regex``'s Unicode categories, whose members the Unicode version of
#: ``regex`` decides (RE2's ``\\p{…}`` tables may be older or newer).
_CATEGORIES = {"DIGIT": r"\d", "SPACE": r"\s", "WORD": r"\w"}


def read_unicode_class(name: str) -> str:
    """The members of ``regex``'s ``\\d``, ``\\s`` or ``\\w`` (``name``
    DIGIT, SPACE or WORD) as RE2 class ranges, read from ``regex`` itself on
    every code point (about 0.1 s: :mod:`.unicode_classes` keeps the result)."""
    import regex  # only to regenerate the table, and in its test

    ranges: list[tuple[int, int]] = []
    for low, high in ((0, 0xD7FF), (0xE000, 0x10FFFF)):
        every = "".join(map(chr, range(low, high + 1)))
        for m in regex.finditer(_CATEGORIES[name] + "+", every):
            ranges.append((low + m.start(), low + m.end() - 1))
    return _ranges(ranges)


#: for each ASCII letter, every character ``regex``'s ``(?i)`` makes equal to it
_FOLDS: dict[int, tuple[int, ...]] = {ord(form): tuple(sorted(map(ord, chars))) for form, chars in REGEX_FOLDS.items()}


class _Refused(Exception):
    pass


def translate(pattern: str, ignorecase: bool) -> tuple[str, bool] | None:
    """``(RE2 pattern, needs ASCII words)`` for a rule author's pattern that
    RE2 runs with the same matches, or None.  The second value is true when
    the pattern has ``\\b`` or ``\\B`` (see :func:`ascii_words`).
    Remembered like the required literals (parsing is slow)."""
    found = memoized("re2_translation", _translate, pattern, bool(ignorecase))
    return None if found is None else (found[0], found[1])


def _translate(pattern: str, ignorecase: bool) -> tuple[str, bool] | None:
    parsed = parse(pattern)
    if parsed is None:
        return None
    flags = parsed.state.flags
    if flags & (re.ASCII | re.LOCALE) or parsed.getwidth()[0] == 0:
        return None
    names = {number: name for name, number in parsed.state.groupdict.items()}
    writer = _Writer(names)
    try:
        body = writer.sequence(list(parsed), bool(ignorecase or flags & re.IGNORECASE),
                               bool(flags & re.MULTILINE), bool(flags & re.DOTALL), False)
    except (_Refused, IndexError, KeyError, TypeError, ValueError, OverflowError):
        return None
    return body, writer.boundaries


def _char(code: int) -> str:
    return f"\\x{{{code:x}}}"


def _ranges(codes: list[tuple[int, int]]) -> str:
    return "".join(_char(lo) if lo == hi else f"{_char(lo)}-{_char(hi)}" for lo, hi in codes)


def _folded(code: int, ignorecase: bool) -> list[tuple[int, int]]:
    """The characters a literal character matches, as ranges."""
    if not ignorecase or not cased(chr(code)):
        return [(code, code)]
    if code in _FOLDS:
        return [(c, c) for c in _FOLDS[code]]
    raise _Refused("a cased character outside ASCII under case folding")


class _Writer:
    """Writes the RE2 form of a parse tree (raises :class:`_Refused`)."""

    def __init__(self, names: dict[int, str]) -> None:
        self.names = names
        #: does the pattern use ``\\b`` or ``\\B``?
        self.boundaries = False

    def sequence(self, items: list, fold: bool, lines: bool, dotall: bool, repeated: bool) -> str:
        out = []
        for index, (op, av) in enumerate(items):
            if op is C.ASSERT_NOT and _is_word_guard(av):
                # (?<!\w) before a word character, (?!\w) after one: a \b
                if _sequence_edge(items[index + 1:], True) if av[0] < 0 else _sequence_edge(items[:index], False):
                    self.boundaries = True
                    out.append(r"\b")
                    continue
            out.append(self.item(op, av, fold, lines, dotall, repeated))
        return "".join(out)

    def item(self, op: Any, av: Any, fold: bool, lines: bool, dotall: bool,  # noqa: C901, PLR0911
             repeated: bool) -> str:
        if op is C.LITERAL:
            folded = _folded(av, fold)
            return _char(av) if len(folded) == 1 else "[" + _ranges(folded) + "]"
        if op is C.NOT_LITERAL:
            return "[^" + _ranges(_folded(av, fold)) + "]"
        if op is C.ANY:
            return r"[\x{0}-\x{10ffff}]" if dotall else r"[^\x{a}]"
        if op is C.IN:
            return self.klass(av, fold)
        if op is C.BRANCH:
            return "(?:" + "|".join(self.sequence(list(b), fold, lines, dotall, repeated)
                                    for b in av[1]) + ")"
        if op is C.SUBPATTERN:
            return self.group(av, fold, lines, dotall, repeated)
        if op in (C.MAX_REPEAT, C.MIN_REPEAT):
            return self.repeat(op, av, fold, lines, dotall)
        if op is C.AT:
            return self.at(av, lines)
        raise _Refused(str(op))  # look-arounds, references, atomic, possessive

    def group(self, av: Any, fold: bool, lines: bool, dotall: bool, repeated: bool) -> str:
        number, add, remove, sub = av
        if (add | remove) & ~(re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE):
            raise _Refused("flags")
        fold = bool(add & re.IGNORECASE) or (fold and not remove & re.IGNORECASE)
        lines = bool(add & re.MULTILINE) or (lines and not remove & re.MULTILINE)
        dotall = bool(add & re.DOTALL) or (dotall and not remove & re.DOTALL)
        inner = self.sequence(list(sub), fold, lines, dotall, repeated)
        if number is None:
            return "(?:" + inner + ")"
        if repeated:
            raise _Refused("a capturing group inside a repeat")
        name = self.names.get(number)
        return (f"(?P<{name}>" if name else "(") + inner + ")"

    def repeat(self, op: Any, av: Any, fold: bool, lines: bool, dotall: bool) -> str:
        low, high, sub = av
        if sub.getwidth()[0] == 0 or low > _MAX_REPEAT or (high != C.MAXREPEAT and high > _MAX_REPEAT):
            raise _Refused("an empty or too long repeat")
        inner = "(?:" + self.sequence(list(sub), fold, lines, dotall, True) + ")"
        count = f"{{{low},}}" if high == C.MAXREPEAT else f"{{{low},{high}}}"
        return inner + count + ("?" if op is C.MIN_REPEAT else "")

    def at(self, av: Any, lines: bool) -> str:
        if av is C.AT_BEGINNING:
            return "(?m:^)" if lines else r"\A"
        if av is C.AT_BEGINNING_STRING:
            return r"\A"
        if av is C.AT_END and lines:
            return "(?m:$)"
        if av is C.AT_END_STRING:
            return r"\z"
        if av in (C.AT_BOUNDARY, C.AT_NON_BOUNDARY):
            self.boundaries = True
            return r"\b" if av is C.AT_BOUNDARY else r"\B"
        raise _Refused(str(av))  # $ without multi-line mode

    def klass(self, items: list, fold: bool) -> str:
        if len(items) == 1 and items[0][0] is C.CATEGORY and items[0][1] in _NEGATED:
            return "[^" + CLASSES[_NEGATED[items[0][1]]] + "]"  # \\D, \\S, \\W on their own
        negated = False
        parts: list[str] = []
        for kind, value in items:
            if kind is C.NEGATE:
                negated = True
            elif kind is C.LITERAL:
                parts.append(_ranges(_folded(value, fold)))
            elif kind is C.RANGE:
                parts.append(self.range(value, fold))
            elif kind is C.CATEGORY:
                parts.append(_category(value))
            else:
                raise _Refused(str(kind))
        if not parts:
            raise _Refused("an empty class")
        return ("[^" if negated else "[") + "".join(parts) + "]"

    @staticmethod
    def range(value: tuple[int, int], fold: bool) -> str:
        low, high = value
        if not fold:
            return _ranges([(low, high)])
        if high > 0x7F:
            raise _Refused("a case-folded range outside ASCII")
        codes: list[tuple[int, int]] = []
        for code in range(low, high + 1):
            codes += _folded(code, True)
        return _ranges(codes)


def _is_word_guard(av: Any) -> bool:
    """Is a negative look-around ``(?<!\\w)`` or ``(?!\\w)``?"""
    direction, sub = av
    items = list(sub)
    return (direction in (-1, 1) and len(items) == 1 and items[0][0] is C.IN
            and list(items[0][1]) in ([(C.CATEGORY, C.CATEGORY_WORD)], [(C.CATEGORY, C.CATEGORY_UNI_WORD)]))


_ASCII_WORD = frozenset(map(ord, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"))
#: categories all of whose members are word characters (every \\d is a \\w)
_WORD_CATEGORIES = (C.CATEGORY_WORD, C.CATEGORY_UNI_WORD, C.CATEGORY_DIGIT, C.CATEGORY_UNI_DIGIT) if C else ()


def _word_edge(item: tuple[Any, Any], first: bool) -> bool:
    """Is the first (or last) character of every match of ``item`` certainly
    a word character?  Then ``(?<!\\w)`` before it (``(?!\\w)`` after it)
    means exactly ``\\b``."""
    op, av = item
    if op is C.LITERAL:
        return av in _ASCII_WORD
    if op is C.IN:
        members = list(av)
        return bool(members) and all(
            (kind is C.LITERAL and value in _ASCII_WORD)
            or (kind is C.RANGE and all(c in _ASCII_WORD for c in range(value[0], value[1] + 1)))
            or (kind is C.CATEGORY and value in _WORD_CATEGORIES)
            for kind, value in members)
    if op is C.SUBPATTERN:
        return _sequence_edge(list(av[3]), first)
    if op is C.BRANCH:
        return all(_sequence_edge(list(branch), first) for branch in av[1])
    if op in (C.MAX_REPEAT, C.MIN_REPEAT):
        return av[0] >= 1 and _sequence_edge(list(av[2]), first)
    return False


def _sequence_edge(items: list, first: bool) -> bool:
    """:func:`_word_edge` of a sequence: its first (last) item, and the next
    one too while an item may be absent (``s?``); False if it can be empty."""
    for op, av in (items if first else items[::-1]):
        if op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] == 0:
            if not _sequence_edge(list(av[2]), first):
                return False
            continue
        return _word_edge((op, av), first)
    return False


_PLAIN = {C.CATEGORY_DIGIT: "DIGIT", C.CATEGORY_UNI_DIGIT: "DIGIT", C.CATEGORY_SPACE: "SPACE",
          C.CATEGORY_UNI_SPACE: "SPACE", C.CATEGORY_WORD: "WORD", C.CATEGORY_UNI_WORD: "WORD"} if C else {}
_NEGATED = {C.CATEGORY_NOT_DIGIT: "DIGIT", C.CATEGORY_UNI_NOT_DIGIT: "DIGIT", C.CATEGORY_NOT_SPACE: "SPACE",
            C.CATEGORY_UNI_NOT_SPACE: "SPACE", C.CATEGORY_NOT_WORD: "WORD",
            C.CATEGORY_UNI_NOT_WORD: "WORD"} if C else {}


def _category(value: Any) -> str:
    """A category inside a class, in RE2 syntax.  A negated one (``\\W``)
    is refused there: RE2 cannot negate a union of properties inside a
    class (on its own it is written as a negated class)."""
    if value in _PLAIN:
        return CLASSES[_PLAIN[value]]
    raise _Refused("a negated category inside a class")


_UNKNOWN = object()
#: non-ASCII character -> is it a word character for ``regex``?
_WORDY: dict[str, bool] = {}
_WORD_CHAR = None
_last: tuple[Any, bool] = (None, False)
_last_utf8: tuple[Any, bytes | None] = (None, None)


def utf8(text: str) -> bytes | None:
    """``text`` as UTF-8 (what RE2 searches), or None when it holds a lone
    surrogate (``regex`` then searches it).  The last one is kept: every
    pattern of a document searches the same text."""
    global _last_utf8
    last_text, data = _last_utf8
    if last_text is text:
        return data
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        data = None
    _last_utf8 = (text, data)
    return data


def ascii_words(text: str) -> bool:
    """Does ``text`` have no non-ASCII word character (so that RE2's ASCII
    ``\\b`` and ``\\B`` agree with ``regex``'s Unicode ones on it)?  The last
    answer is kept: the checks of one document ask about the same text."""
    global _last, _WORD_CHAR
    last_text, answer = _last
    if last_text is text:
        return answer
    answer = True
    if not text.isascii():
        if _WORD_CHAR is None:
            import regex

            _WORD_CHAR = regex.compile(r"\w").match
        wordy = _WORDY
        for char in set(text):
            known = wordy.get(char, _UNKNOWN)
            if known is _UNKNOWN:
                known = wordy[char] = char > "\x7f" and _WORD_CHAR(char) is not None
            if known:
                answer = False
                break
    _last = (text, answer)
    return answer


class Re2Pattern:
    """A rule author's pattern compiled by RE2 (see :func:`translate`):
    ``search`` and ``finditer`` over a whole text, giving matches with
    ``regex``'s offsets (characters), groups and ``expand``."""

    __slots__ = ("source", "boundaries", "_regexp", "groups", "groupindex", "_owner")

    def __init__(self, source: str, boundaries: bool, owner: Any) -> None:
        self.source = source
        self.boundaries = boundaries
        options = _re2.RE2.Options()
        options.max_mem = 64 << 20
        options.log_errors = False
        regexp = _re2.RE2(source.encode("utf-8"), options)
        if not regexp.ok():
            raise ValueError(regexp.error())
        self._regexp = regexp
        self.groups = regexp.NumberOfCapturingGroups()
        self.groupindex = {name.decode() if isinstance(name, bytes) else name: number
                           for name, number in regexp.NamedCapturingGroups()}
        #: the :class:`~.lazy.LazyRegex` (its ``regex`` form expands templates)
        self._owner = owner

    def usable(self, text: str) -> bool:
        """Does RE2 give ``regex``'s matches on ``text``?"""
        return utf8(text) is not None and (not self.boundaries or ascii_words(text))

    def finditer(self, text: str, limit: int = -1) -> list["Re2Match"]:
        """Every match in ``text`` (the first ``limit``), leftmost first,
        none empty (the pattern cannot match the empty string).  Only for a
        text it is :meth:`usable` on."""
        data = utf8(text)
        assert data is not None, "a text RE2 cannot search"
        same = len(data) == len(text)  # ASCII: byte offsets are character offsets
        match, anchor, end = self._regexp.Match, _UNANCHORED, len(data)
        found: list[Re2Match] = []
        position = byte_at = char_at = 0
        while len(found) != limit:
            spans = match(anchor, data, position, end)
            if spans[0][0] < 0:
                break
            position = spans[0][1]
            if not same:  # offsets only grow: convert from the last one converted
                table: dict[int, int] = {}
                for offset in sorted({o for span in spans for o in span if o >= 0}):
                    char_at += _re2.BytesToCharLen(data, byte_at, offset)
                    byte_at = offset
                    table[offset] = char_at
                spans = [(table[a], table[b]) if a >= 0 else (-1, -1) for a, b in spans]
            found.append(Re2Match(self, text, spans))
            if position >= end:
                break
        return found

    def search(self, text: str) -> "Re2Match | None":
        found = self.finditer(text, 1)
        return found[0] if found else None


class Re2Match:
    """A match found by RE2, with the parts of ``regex``'s match API the
    checks use."""

    __slots__ = ("re", "string", "_spans")

    def __init__(self, pattern: Re2Pattern, text: str, spans: list[tuple[int, int]]) -> None:
        self.re = pattern
        self.string = text
        self._spans = spans

    def _index(self, group: int | str) -> int:
        return self.re.groupindex[group] if isinstance(group, str) else group

    def span(self, group: int | str = 0) -> tuple[int, int]:
        return tuple(self._spans[self._index(group)])  # type: ignore[return-value]

    def start(self, group: int | str = 0) -> int:
        return self._spans[self._index(group)][0]

    def end(self, group: int | str = 0) -> int:
        return self._spans[self._index(group)][1]

    def group(self, *groups: int | str) -> Any:
        if not groups:
            groups = (0,)
        values = []
        for group in groups:
            start, end = self._spans[self._index(group)]
            values.append(None if start < 0 else self.string[start:end])
        return values[0] if len(values) == 1 else tuple(values)

    def __getitem__(self, group: int | str) -> Any:
        return self.group(group)

    def groups(self, default: Any = None) -> tuple[Any, ...]:
        return tuple(default if s < 0 else self.string[s:e] for s, e in self._spans[1:])

    def groupdict(self, default: Any = None) -> dict[str, Any]:
        return {name: (self.group(name) if self.start(name) >= 0 else default)
                for name in self.re.groupindex}

    @property
    def lastindex(self) -> int | None:
        """The group that closed last (``regex``'s ``lastindex``): the one
        ending last, and of those the outermost."""
        closed = [(end, -start, -number) for number, (start, end) in enumerate(self._spans[1:], 1)
                  if start >= 0]
        return -max(closed)[2] if closed else None

    def expand(self, template: str) -> str:
        """``template`` with group references filled in, as ``regex`` reads it."""
        if "\\" not in template:
            return template
        from regex._main import _compile_replacement_helper  # the template reader of regex

        parts = _compile_replacement_helper(self.re._owner.compiled, template)
        return "".join(part if isinstance(part, str) else (self.group(part) or "") for part in parts)


def enabled() -> bool:
    """Do rule authors' patterns run in RE2 where they can?  Not without
    ``google-re2``, nor with ``COPYLINT_REGEX_ONLY=1`` in the environment
    (every pattern then runs in ``regex``: for comparisons and benchmarks)."""
    return _re2 is not None and not os.environ.get("COPYLINT_REGEX_ONLY")


def _write_unicode_classes() -> None:
    """Regenerate :mod:`.unicode_classes` from the installed ``regex``."""
    lines = ['"""The members of ``regex``\'s ``\\\\d``, ``\\\\s`` and ``\\\\w`` as RE2 class ranges,',
             "read from ``regex`` on every code point (RE2's own classes are ASCII-only and",
             "its Unicode tables are of another version).  Generated by",
             "``python -m copylint.patterns.re2_exact``; tests/test_patterns_re2.py fails when",
             'the installed ``regex`` no longer agrees (regenerate then)."""', "", "# fmt: off", "CLASSES = {"]
    for name in _CATEGORIES:
        items = re.findall(r"\\x\{[0-9a-f]+\}(?:-\\x\{[0-9a-f]+\})?", read_unicode_class(name))
        lines.append(f'    "{name}": (')
        line = ""
        for item in items:
            if len(line) + len(item) > 92:
                lines.append(f'        r"{line}"')
                line = ""
            line += item
        lines += [f'        r"{line}"', "    ),"]
    lines.append("}")
    target = os.path.join(os.path.dirname(os.path.abspath(__file__)), "unicode_classes.py")
    with open(target, "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    _write_unicode_classes()
