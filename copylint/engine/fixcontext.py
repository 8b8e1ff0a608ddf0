"""Where a match stands, for rules whose fix is right only in running prose.

A place or name spelling that is wrong in the writer's own sentence can be
right where the writer reproduces or names something:

========== ================================================ =====================================
context    example                                          what the finding becomes
========== ================================================ =====================================
token      ``Collage-of-Kiev-doors.jpg``, ``kiev_map.png``, dropped: a file name or address must
           ``example.com/kiev``, ``#Kiev``, ``@kiev_post``  match what it names
title      ``her memoir, "Summer in Old Kiev"``,            a suggestion without a fix: a title
           ``*Kiev Nights*``, ``<cite>…</cite>``            is spelled as published
mention    ``"Kiev" is how the city was spelled``,          a suggestion without a fix: the old
           ``Kyiv, formerly known as Kiev``,                spelling is the subject
           ``Kyiv, not Kiev``
quotation  ``He said: "Kiev will stand."``                  a suggestion with an *unsafe* fix: a
           (double or single quotation marks, ``<q>``,      transcribed quotation may follow house
           a Markdown or HTML block quotation)              style, a written one may not
========== ================================================ =====================================

Rules opt in with ``context-downgrade: true`` (the default of the
substitution, consistency and person kinds: place and name spellings).
:func:`downgrade` is called by the engine for each finding of such a rule.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from dataclasses import replace
from enum import StrEnum
from typing import cast

from ..document.model import OPAQUE, Document, Span
from ..document.quotes import block_quoted_spans, inside, quoted_spans_by_block
from ..findings import Applicability, Finding, Level
from ..patterns.lazy import LazyRe


class Context(StrEnum):
    PROSE = "prose"
    TOKEN = "token"
    TITLE = "title"
    MENTION = "mention"
    QUOTATION = "quotation"


#: What the message gains in each downgraded context.
NOTES = {
    Context.TITLE: "Inside the title of a work: keep the spelling it was published with.",
    Context.MENTION: "The spelling itself is discussed here: not changed automatically.",
    Context.QUOTATION: "Inside a quotation: change it only if the source's wording allows "
                       "(applied with --unsafe-fixes).",
}

# -- tokens: URLs, e-mail addresses, file names, handles, hashtags ---------------
_FILE_EXTENSIONS = (
    "jpg|jpeg|png|gif|svg|webp|tif|tiff|bmp|heic|pdf|docx?|xlsx?|pptx?|odt|rtf|txt|md|html?|php|aspx?|"
    "csv|tsv|json|xml|ya?ml|zip|gz|tar|rar|7z|mp3|mp4|m4a|wav|ogg|mov|avi|mkv|webm|kml|kmz|gpx|ics|eps|psd|ai")
_TOKEN = re.compile(
    r"[a-z][a-z0-9+.-]*://\S"                        # scheme://
    r"|^www\.\S"                                      # www.example
    r"|\S@\S*\w\.\w"                                   # e-mail address
    r"|^[@#]\w"                                        # @handle, #hashtag
    r"|\w\.(?:com|org|net|gov|edu|int|info|io|co|uk|ua|ru|eu|de|fr|pl|by|md|ge|kz|kg|tv|news)\b"  # domain
    r"|\w/\w[^/\s]*/|^/\w|^\.{1,2}/|\\\w"             # a path
    r"|\w_\w"                                          # snake_case: an identifier or file name
    rf"|\w\.(?:{_FILE_EXTENSIONS})$",                 # a file name
    re.IGNORECASE)
#: Characters that end a token when it stands at the end of a sentence.
_TRAILING = ".,;:!?)]}\"'”’»"
_LEADING = "([{\"'“‘«"
#: How far a token is followed on each side of a match (a long run without
#: spaces is cut there: the scan stays linear).
_TOKEN_REACH = 300


def _token_around(text: str, start: int, end: int) -> str:
    """The run of non-space characters holding ``text[start:end]``, without
    the punctuation of the sentence around it."""
    left, floor = start, max(0, start - _TOKEN_REACH)
    while left > floor and not text[left - 1].isspace():
        left -= 1
    right, ceiling = end, min(len(text), end + _TOKEN_REACH)
    while right < ceiling and not text[right].isspace():
        right += 1
    return text[left:right].rstrip(_TRAILING).lstrip(_LEADING)


_PLAIN = object()  # doc.memo keys: the prose with opaque content as spaces,
_HTML_QUOTES = object()  # the insides of <q> and <blockquote> elements,
_QUOTE_STARTS = object()  # where each quotation of the document starts,
_EMPHASISED = object()  # with a block's start: the emphasised spans of the block,
_SINGLES = object()  # with a block's start: its spans in single quotation marks
_BLOCK_SENTENCES = object()  # with a block's start: its sentences' bounds
_BLOCK_QUOTES = object()  # with a block's start: its spans in double quotation marks


def is_token(doc: Document, start: int, end: int) -> bool:
    """Is ``start..end`` part of a URL-, address- or file-name-like token?"""
    prose = doc.memo.get(_PLAIN)
    if prose is None:
        prose = doc.memo[_PLAIN] = doc.prose.replace(OPAQUE, " ")
    token = _token_around(prose, start, end)
    return token != prose[start:end] and _TOKEN.search(token) is not None


# -- quotations ---------------------------------------------------------------
_SINGLE_OPEN = re.compile(r"(?:^|(?<=[\s(\[{—–-]))[‘'](?=\w)")
_SINGLE_CLOSE = re.compile(r"(?<=[\w.,!?])[’'](?![\w])")


def _single_quoted(doc: Document, start: int, end: int, block_start: int, block_end: int) -> tuple[int, int] | None:
    """The span between single quotation marks (``‘…’`` or ``'…'``) that
    holds ``start..end`` in one block, marks included, or None.  Each
    opening mark is paired with the next closing one (an apostrophe inside a
    word, ``Kiev’s``, closes nothing)."""
    key = (_SINGLES, block_start)
    spans = doc.memo.get(key)
    if spans is None:
        spans = doc.memo[key] = _single_spans(doc.prose, block_start, block_end)
    return next(((s, e) for s, e in spans if s < start and end < e), None)


def _single_spans(prose: str, block_start: int, block_end: int) -> list[tuple[int, int]]:
    """What :func:`_single_spans_plain` finds, faster: both patterns begin
    with a look-behind, which the regex engine tries at every character, so
    each is tried only where its mark stands (found by ``str.find``), and
    not at all in a block without an opening mark."""
    if prose.find("'", block_start, block_end) < 0 and prose.find("‘", block_start, block_end) < 0:
        return []
    spans = []
    pos = block_start
    while (opening := _next_mark(_SINGLE_OPEN, _OPENING_MARKS, prose, pos, block_end)) is not None:
        closing = _next_mark(_SINGLE_CLOSE, _CLOSING_MARKS, prose, opening.end(), block_end)
        if closing is None:
            break
        spans.append((opening.start(), closing.end()))
        pos = closing.end()
    return spans


def _single_spans_plain(prose: str, block_start: int, block_end: int) -> list[tuple[int, int]]:
    """The spans between single quotation marks in one block: each opening
    mark paired with the next closing one (the plain scan; see
    :func:`_single_spans`)."""
    spans = []
    pos = block_start
    while (opening := _SINGLE_OPEN.search(prose, pos, block_end)) is not None:
        closing = _SINGLE_CLOSE.search(prose, opening.end(), block_end)
        if closing is None:
            break
        spans.append((opening.start(), closing.end()))
        pos = closing.end()
    return spans


_OPENING_MARKS = ("'", "‘")
_CLOSING_MARKS = ("'", "’")


def _next_mark(pattern: re.Pattern[str], marks: tuple[str, str], text: str, pos: int,
               endpos: int) -> re.Match[str] | None:
    """``pattern.search(text, pos, endpos)`` for a pattern whose every match
    starts with one of ``marks``: tried only at those characters (its
    look-behinds still see the text before them, as in a search)."""
    first, second = marks
    a = text.find(first, pos, endpos)
    b = text.find(second, pos, endpos)
    while a >= 0 or b >= 0:
        if b < 0 or 0 <= a < b:
            at, a = a, text.find(first, a + 1, endpos)
        else:
            at, b = b, text.find(second, b + 1, endpos)
        m = pattern.match(text, at, endpos)
        if m is not None:
            return m
    return None


def _double_quoted(doc: Document, start: int, end: int, block: Span) -> tuple[int, int] | None:
    """What :func:`_double_quoted_plain` gives, from the marks of the block
    that holds ``start`` (``block``, ``doc.block_at(start)``) when the
    story's quotations are not known yet: a span of another block cannot
    hold the match (an earlier block's spans end at that block's end, before
    ``start``; a later block's begin after it)."""
    key = (_BLOCK_QUOTES, block.start)
    spans = doc.memo.get(key)
    if spans is None:
        spans = block_quoted_spans(doc, block.start, block.end)
        if spans is None:
            return _double_quoted_plain(doc, start, end)
        doc.memo[key] = spans
    return next(((s, e) for s, e in spans if s <= start and end <= e), None)


def _double_quoted_plain(doc: Document, start: int, end: int) -> tuple[int, int] | None:
    spans = quoted_spans_by_block(doc)  # in order, not nested
    starts = doc.memo.get(_QUOTE_STARTS)
    if starts is None:
        starts = doc.memo[_QUOTE_STARTS] = [s for s, _ in spans]
    i = bisect_right(starts, start) - 1
    if i >= 0 and end <= spans[i][1]:
        return spans[i]
    return None


_SMALL_WORDS = frozenset("a an and at by de for from in into of on or the to with".split())
_WORDS = re.compile(r"[^\W\d_][\w'’-]*|\d+")


def _looks_like_title(inner: str) -> bool:
    """A short run of words, each capitalised but for small words: a title
    (``Summer in Old Kiev``), not a sentence someone said."""
    words = _WORDS.findall(inner)
    if len(words) < 2 or len(words) > 12 or re.search(r"[.!?;]\s", inner.strip()):
        return False
    return all(w[:1].isupper() or w.isdigit() or w.lower() in _SMALL_WORDS for w in words) \
        and words[0][:1].isupper()


def _is_mention(inner: str, match: str) -> bool:
    """The quotation marks hold the word itself (``"Kiev"``, ``‘Kiev’,``)."""
    return inner.strip().strip(".,;:!?").strip().lower() == match.lower()


_EMPHASIS = (
    LazyRe(r"(?<![\w*])(\*\*?)(?=[^\s*])(.+?)(?<=[^\s*])\1(?![\w*])"),
    LazyRe(r"(?<![\w_])(__?)(?=[^\s_])(.+?)(?<=[^\s_])\1(?![\w_])"),
    re.compile(r"<(i|em|cite|dfn)\b[^>]*>(.*?)</\1\s*>", re.IGNORECASE | re.DOTALL),
)
_HTML_QUOTE = re.compile(r"<(q|blockquote)\b[^>]*>(.*?)</\1\s*>", re.IGNORECASE | re.DOTALL)
_MARKDOWN_QUOTE_LINE = re.compile(r"[ \t]{0,3}>")


def _emphasis(doc: Document, start: int, end: int, block_start: int, block_end: int) -> str | None:
    """The emphasised text (``*…*``, ``_…_``, ``<i>``, ``<em>``, ``<cite>``)
    that holds ``start..end``, or None."""
    key = (_EMPHASISED, block_start)
    spans = doc.memo.get(key)
    if spans is None:
        spans = doc.memo[key] = _emphasis_spans(doc.text, block_start, block_end)
    for s, e in spans:
        if s <= start and end <= e:
            return doc.text[s:e]
    return None


#: The character every match of each of :data:`_EMPHASIS` holds (its
#: patterns begin with a look-behind, tried at every character of a block).
_EMPHASIS_MARKS = ("*", "_", "<")


def _emphasis_spans(text: str, block_start: int, block_end: int) -> list[tuple[int, int]]:
    """The emphasised spans of one block: each pattern of :data:`_EMPHASIS`
    searched only when the block holds its mark."""
    return [(m.start(2), m.end(2)) for pattern, mark in zip(_EMPHASIS, _EMPHASIS_MARKS)
            if text.find(mark, block_start, block_end) >= 0
            for m in pattern.finditer(text, block_start, block_end)]


def _emphasis_spans_plain(text: str, block_start: int, block_end: int) -> list[tuple[int, int]]:
    """:func:`_emphasis_spans` without the test of marks (the plain scan)."""
    return [(m.start(2), m.end(2)) for pattern in _EMPHASIS for m in pattern.finditer(text, block_start, block_end)]


def _block_quotation(doc: Document, start: int, end: int) -> bool:
    """Inside ``<q>``/``<blockquote>`` or a Markdown ``>`` quotation line."""
    text = doc.text
    line, _ = doc.position(start)
    line_start = doc.line_starts[line - 1]
    marker = _MARKDOWN_QUOTE_LINE.match(text, line_start)
    if marker is not None and not doc.prose[line_start:marker.end()].strip():
        return True
    spans = doc.memo.get(_HTML_QUOTES)
    if spans is None:
        spans = doc.memo[_HTML_QUOTES] = [m.span(2) for m in _HTML_QUOTE.finditer(text)] if "<" in text else []
    return inside(spans, start, end)


# -- mentions of the spelling itself ------------------------------------------
_MENTION_BEFORE = re.compile(
    r"\b(?:formerly|previously|originally|spelled|spelt|spellings?|transliterated|transliterations?|"
    r"romani[sz]ed|romani[sz]ations?|renamed(?:\s+from)?|known\s+as|written\s+as|named|"
    r"(?:then|once|was|were|also|is)\s+called|"
    r"(?:called|named|dubbed|knew|know|renamed)\s+(?:it|the\s+(?:city|town|capital|port|region|country|river|"
    r"village|place|settlement))(?:\s+as)?|"
    r"(?:old|former|Russian|Soviet|Soviet-era|Russian-language|previous|outdated)\s+(?:name|spelling|form))"
    r"(?:\s+(?:as|of|from))?[\s,:(“\"‘']*$",
    re.IGNORECASE)
_MENTION_AFTER = re.compile(
    r"[\s,(]*(?:as\s+it\s+was\s+(?:then\s+)?(?:spelled|spelt|known|called)"
    r"|(?:which\s+)?(?:was|is|were|had\s+been|has\s+been)\s+(?:then\s+|once\s+|formerly\s+|later\s+)?"
    r"(?:renamed|spelled|spelt|known\s+as|called|the\s+(?:old|former|Russian|Soviet|previous|"
    r"Soviet-era|Russian-language)\s+(?:name|spelling|form|transliteration)))\b",
    re.IGNORECASE)


def _is_named_spelling(doc: Document, start: int, end: int, fix: str | None) -> bool:
    """The sentence talks about the spelling (``formerly known as Kiev``,
    ``Dnipropetrovsk was renamed``) or holds the right spelling as well
    (``Kyiv, not Kiev``; ``Kyiv (Kiev)``)."""
    prose = doc.prose
    if not _may_name_spelling(prose, start, end, fix):
        return False  # the sentence's bounds (a sentence split) are not needed
    lo, hi = _sentence_bounds(doc, start, end)
    if _MENTION_BEFORE.search(prose, max(lo, start - 40), start) is not None:
        return True
    if _MENTION_AFTER.match(prose, end, hi) is not None:
        return True
    return bool(fix) and _next_to_right_spelling(prose, lo, hi, start, end, fix)


def _sentence_bounds(doc: Document, start: int, end: int) -> tuple[int, int]:
    """What :func:`_sentence_bounds_plain` gives, without splitting the whole
    document into sentences when nothing has yet: only the block holding
    ``start`` is split (a sentence lies inside its block, and the block
    holding a sentence that holds ``start`` is ``doc.block_at(start)``)."""
    if "sentences" in vars(doc):  # already split (cached_property)
        return _sentence_bounds_plain(doc, start, end)
    block = doc.block_at(start)
    key = (_BLOCK_SENTENCES, block.start)
    starts = cast("list[tuple[int, int]] | None", doc.memo.get(key))
    if starts is None:
        starts = [(s.start, s.end) for s in doc.sentences_in(block)]
        doc.memo[key] = starts
    index = bisect_right(starts, (start, sys.maxsize)) - 1
    if index >= 0 and starts[index][0] <= start < starts[index][1]:
        return starts[index]
    return block.start, end


def _sentence_bounds_plain(doc: Document, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence holding ``start``, or from the start of its
    block to ``end``."""
    index = doc.unit_of("sentence", start) - 1
    sentence = doc.sentences[index] if 0 <= index < len(doc.sentences) else None
    if sentence is not None and sentence.start <= start < sentence.end:
        return sentence.start, sentence.end
    return doc.block_at(start).start, end


#: What every match of :data:`_MENTION_AFTER` starts with (no word boundary
#: at its end, so no match of it is made by cutting the text short).
_MENTION_AFTER_START = re.compile(r"[\s,(]*(?:as|which|was|is|were|had|has)", re.IGNORECASE)


def _may_name_spelling(prose: str, start: int, end: int, fix: str | None) -> bool:
    """A necessary condition for :func:`_is_named_spelling` that needs no
    sentence bounds: each of its tests looks at most 40 characters before
    the match or from its end, inside the sentence; the same tests over
    those windows without the sentence's bounds find every match they can
    (a wider window on the left ends at the same place, and the pattern
    searched after the match needs only its first words)."""
    if _mention_before(prose, max(0, start - 40), start):
        return True
    if _MENTION_AFTER_START.match(prose, end) is not None:
        return True
    return bool(fix) and (fix in prose[max(0, start - 40):start] or fix in prose[end:end + 40])


#: Every match of :data:`_MENTION_BEFORE` holds one of these (lower-cased):
#: each alternative holds a word that begins with or contains one of them.
_MENTION_BEFORE_WORDS = ("form", "previously", "originally", "spel", "translit", "romani", "name",
                         "know", "knew", "written", "call", "dubbed")


def _mention_before(prose: str, lo: int, hi: int) -> bool:
    """``_MENTION_BEFORE.search(prose, lo, hi) is not None``, without the
    search (its alternation, tried at each of the 40 characters, costs about
    10 µs) when the window holds none of :data:`_MENTION_BEFORE_WORDS`.  Only
    an ASCII window is tested so: case-insensitive matching lets ``ſ`` and
    ``K`` (the Kelvin sign) match ``s`` and ``k``, which lower-casing does not."""
    window = prose[lo:hi]
    if window.isascii():
        window = window.lower()
        if not any(word in window for word in _MENTION_BEFORE_WORDS):
            return False
    return _MENTION_BEFORE.search(prose, lo, hi) is not None


#: What may stand between two spellings of one name that are set side by side
#: (``Kyiv (Kiev)``, ``Kyiv, not Kiev``, ``Kiev, now Kyiv``, ``Kiev/Kyiv``, ``Kiev → Kyiv``).
_BETWEEN = LazyRe(
    r"[\s,;:()\[\]/–—-]*(?:(?:→|->|=>)[\s,;:()\[\]/–—-]*)?(?:(?:not|or|and|now|formerly|once|then|previously|also|aka|a\.k\.a\.|vs\.?|versus|"
    r"rather\s+than|instead\s+of|to|from|into|became|becomes|is|was|spelled|spelt|written|known\s+as|"
    r"called)[\s,;:()\[\]/–—-]+)*",
    re.IGNORECASE)


def _next_to_right_spelling(prose: str, lo: int, hi: int, start: int, end: int, fix: str) -> bool:
    """The right spelling stands right next to the match, joined by
    punctuation or a few linking words: the two spellings are compared."""
    word = re.compile(rf"(?<!\w){re.escape(fix)}(?!\w)")
    for m in word.finditer(prose, max(lo, start - 40), start):
        if _BETWEEN.fullmatch(prose, m.end(), start):
            return True
    m = word.search(prose, end, min(hi, end + 40))
    return m is not None and _BETWEEN.fullmatch(prose, end, m.start()) is not None


# -- the decision ---------------------------------------------------------------
def context_of(doc: Document, start: int, end: int, fix: str | None = None) -> Context:
    """The context of ``doc.text[start:end]`` (``fix``: the right spelling,
    which next to the match shows that the spelling itself is discussed)."""
    if end <= start:
        return Context.PROSE
    if is_token(doc, start, end):
        return Context.TOKEN
    block = doc.block_around(start)
    match = doc.text[start:end]
    emphasised = _emphasis(doc, start, end, block.start, block.end)
    if emphasised is not None:
        return Context.MENTION if _is_mention(emphasised, match) else Context.TITLE
    quoted = _double_quoted(doc, start, end, block) or _single_quoted(doc, start, end, block.start, block.end)
    if quoted is not None:
        inner = doc.prose[quoted[0] + 1:quoted[1] - 1]
        if _is_mention(inner, match):
            return Context.MENTION
        if _looks_like_title(inner):
            return Context.TITLE
        if _is_named_spelling(doc, start, end, fix):
            return Context.MENTION
        return Context.QUOTATION
    if _block_quotation(doc, start, end):
        return Context.QUOTATION
    if _is_named_spelling(doc, start, end, fix):
        return Context.MENTION
    return Context.PROSE


def downgrade(doc: Document, finding: Finding) -> Finding | None:
    """``finding`` as its context allows: None in a token, a suggestion with
    no fix in a title or a mention, a suggestion with an unsafe fix in a
    quotation, unchanged in running prose."""
    context = context_of(doc, finding.offset, finding.end_offset, finding.suggestion or finding.fix)
    if context is Context.PROSE:
        return finding
    if context is Context.TOKEN:
        return None
    level = min(finding.level, Level.SUGGESTION)
    message = f"{finding.message} {NOTES[context]}"
    if context is Context.QUOTATION:
        return replace(finding, level=level, message=message, applicability=Applicability.UNSAFE)
    return replace(finding, level=level, message=message, fix=None)
