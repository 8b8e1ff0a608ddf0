"""Property-based tests (hypothesis): for any text, linting never raises,
every finding points at exactly the characters it reports, and fixing is
confined to the reported spans, converges and is idempotent.

Fixed seed (``derandomize=True``) and 500 examples per property, so CI runs
the same cases every time; no example database is written.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from copylint import default_rules, lint_text
from copylint.findings import Finding, Level
from copylint.fixes.apply import apply_fixes, fix_text

PROPERTY = settings(max_examples=500, derandomize=True, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow])

# Pieces a wire story is made of, with the mistakes the built-in rules look
# for, the characters that shift columns, and every kind of line break.
NEWSROOM = [
    "Kiev", "Kyiv", "KIEV", "kiev", "Odessa", "Odesa", "Donbass", "Donbas", "the Ukraine",
    "chicken Kiev", "Zelensky", "Zelenskyy", "Zelenskiy", "the the", "The the", "to to to",
    "had had", "said Ukrainian early on", "the army said Ukrainian.", "claimed", "insisted",
    "claimed responsibility", "a series of bombings. bomb.", "evening. .", "end..", "so,,",
    "then ,", "wait ,.", "Mr. .", "U.S. .", "www.example.com", "e\u0301", "\U0001F44D\U0001F3FD",
    "\U0001F468\u200D\U0001F469", "\u00a0", "\ufeff", "\t", "  ", "\n", "\r\n", "\r", "\n\n",
    "\r\n\r\n", "\r\r", ".", ",", ";", ":", "!", "?", "'", "\u2019", "-", "\u2014", "\"",
    "(", ")", "[", "]", "#", "*", "_", "<b>", "</p>", "&amp;", "`code`", "> ", "1.", "- ",
]
words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCKIEV\u00e9\u00df", min_size=1, max_size=9)
any_char = st.characters(exclude_categories=())  # surrogates and controls too
piece = st.one_of(st.sampled_from(NEWSROOM), words, st.text(any_char, max_size=4))
separator = st.sampled_from([" ", " ", " ", "", "\n", "\r\n", "\r", ". ", ", "])
newsroom_text = st.lists(st.tuples(piece, separator), max_size=40).map(
    lambda parts: "".join(p + s for p, s in parts))
texts = st.one_of(newsroom_text, newsroom_text, st.text(any_char, max_size=200))

_BREAK = re.compile(r"\r\n|\r|\n")


def expected_position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset``, computed by walking the text:
    CRLF, CR and LF each end a line; every code point is one column."""
    line, column, i = 1, 1, 0
    while i < offset:
        if text.startswith("\r\n", i) and i + 2 <= offset:
            line, column, i = line + 1, 1, i + 2
        elif text[i] == "\n" or (text[i] == "\r" and not text.startswith("\r\n", i)):
            line, column, i = line + 1, 1, i + 1
        else:  # any other code point, including a CR whose LF lies past offset
            column, i = column + 1, i + 1
    return line, column


def body_of(text: str) -> str:
    """The text findings are positioned in: a leading BOM is not counted."""
    return text[1:] if text.startswith("\ufeff") else text


def assert_well_positioned(text: str, findings: list[Finding]) -> None:
    body = body_of(text)
    lines = _BREAK.split(body)
    for f in findings:
        assert 0 <= f.offset <= f.end_offset <= len(body), f
        assert body[f.offset:f.end_offset] == f.match, f
        assert (f.line, f.column) == expected_position(body, f.offset), f
        assert (f.end_line, f.end_column) == expected_position(body, f.end_offset), f
        assert f.context == lines[f.line - 1], f
        # line/column round-trip to the same characters
        first = _BREAK.split(f.match)[0]
        assert lines[f.line - 1][f.column - 1:f.column - 1 + len(first)] == first, f


def test_expected_position_oracle():
    text = "ab\r\ncd\re\n\nf"
    assert [expected_position(text, i) for i in range(len(text) + 1)] == [
        (1, 1), (1, 2), (1, 3), (1, 4), (2, 1), (2, 2), (2, 3), (3, 1), (3, 2), (4, 1), (5, 1), (5, 2)]


@PROPERTY
@given(texts)
def test_linting_never_raises_and_findings_point_at_their_text(text: str):
    findings = lint_text(text)
    assert_well_positioned(text, findings)
    assert findings == sorted(findings, key=Finding.sort_key)


@PROPERTY
@given(texts)
def test_fixing_converges_and_is_idempotent(text: str):
    rules = default_rules()
    result = fix_text(text, rules)
    assert result.text.startswith("\ufeff") == text.startswith("\ufeff")
    again = lint_text(result.text, rules)
    assert [f for f in again if f.safe_fix] == []  # unsafe fixes wait for --unsafe-fixes
    assert_well_positioned(result.text, again)
    second = fix_text(result.text, rules)
    assert second.text == result.text and not second.applied


@PROPERTY
@given(texts)
def test_fixing_with_unsafe_fixes_converges_and_is_idempotent(text: str):
    rules = default_rules()
    result = fix_text(text, rules, unsafe=True)
    again = lint_text(result.text, rules)
    assert [f for f in again if f.fixable] == []
    assert fix_text(result.text, rules, unsafe=True).text == result.text


@PROPERTY
@given(texts)
def test_each_fix_pass_changes_only_the_reported_spans(text: str):
    rules = default_rules()
    body = body_of(text)
    for _ in range(10):
        findings = lint_text(body, rules)
        new, chosen = apply_fixes(body, findings)
        if not chosen:
            assert new == body
            break
        # chosen fixes: reported, fixable, matching the text, disjoint, in order
        assert all(f in findings and f.fixable and body[f.offset:f.end_offset] == f.match for f in chosen)
        for a, b in zip(chosen, chosen[1:]):
            assert a.end_offset <= b.offset and (a.offset, a.end_offset) != (b.offset, b.end_offset)
        # an independent oracle: splice right to left
        expected = body
        for f in reversed(chosen):
            expected = expected[:f.offset] + (f.fix or "") + expected[f.end_offset:]
        assert new == expected
        body = new


@PROPERTY
@given(texts, st.lists(st.tuples(st.integers(0, 60), st.integers(0, 8), st.text(max_size=3)),
                        max_size=6))
def test_apply_fixes_ignores_stale_and_overlapping_findings(text: str, edits):
    """Findings that do not match the text (stale) are never applied; when
    fixes overlap, the text still changes only inside applied spans."""
    fakes = []
    for start, length, fix in edits:
        start = min(start, len(text))
        end = min(start + length, len(text))
        seen = text[start:end] if length % 3 else "stale"
        fakes.append(Finding(rule="t", level=Level.ERROR, message="m",
                             offset=start, end_offset=end, line=1, column=1, end_line=1,
                             end_column=1, match=seen, fix=fix))
    new, chosen = apply_fixes(text, fakes)
    assert all(text[f.offset:f.end_offset] == f.match for f in chosen)
    expected = text
    for f in reversed(chosen):
        expected = expected[:f.offset] + (f.fix or "") + expected[f.end_offset:]
    assert new == expected


# -- Markdown and HTML: the prose a reader extracts maps back to the source ---

MARKUP = [
    "# ", "## Heading\n", "Title\n=====\n", "*", "**bold**", "_em_", "`Kiev`", "``a ` b``",
    "```\nKiev. .\n```\n", "~~~py\nx\n~~~\n", "    indented Kiev\n", "[Kiev](http://kiev.example)",
    "![Kiev](a.png)", "[ref]: http://x.y\n", "[ref]", "> ", "- ", "1. ", "* [ ] ", "\\*", "\\",
    "| Kiev | b |\n|---|---|\n| c | d. . |\n", "<!-- copylint-disable -->", "<!-- copylint-enable -->",
    "---\ntitle: Kiev\n---\n", "<https://kiev.example>", "https://kiev.example/a.b", "$$x$$",
    "<p>", "</p>", "<h1>", "</h1>", "<br/>", "<b>", "</b>", "<script>var a = 'Kiev. .';</script>",
    "<style>p { x: y }</style>", "<pre>Kiev</pre>", "<code>the the</code>", "<a href='Kiev'>",
    "</a>", "<![CDATA[Kiev]]>", "<!-- Kiev -->", "&amp;", "&nbsp;", "&#8217;", "&#x41;", "&bogus;",
    "&", "<", ">", "<img alt=\"Kiev. .\" src=x>", "<div\nclass=x>", "</div>",
    # inline constructs spanning line breaks of every kind
    "`Kiev\nKiev`", "`a\r\nb`", "[Kiev\r\nthe](http://a.b \"t\ni\")", "<span\r\nclass=x>",
    "**bold\rmore**", "<http://a.b>\n", "![a\nb](c\nd)", "<!-- a\r\nb -->",
]
markup_piece = st.one_of(st.sampled_from(MARKUP), st.sampled_from(NEWSROOM), words,
                         st.text(any_char, max_size=3))
markup_text = st.lists(st.tuples(markup_piece, separator), max_size=40).map(
    lambda parts: "".join(p + s for p, s in parts))


@PROPERTY
@given(markup_text, st.sampled_from(["markdown", "html"]))
def test_markdown_and_html_prose_maps_back_to_source(text: str, fmt: str):
    import html

    from copylint.document.model import OPAQUE
    from copylint.formats import make_document
    from copylint.formats.prose import ENTITY

    doc = make_document(text, fmt=fmt)
    source = body_of(text)
    assert doc.text == source and len(doc.prose) == len(source)
    decoded = {}  # a character reference: its first position holds the decoded character
    for m in ENTITY.finditer(source):
        char = html.unescape(m.group())
        if char != m.group():
            decoded.update({i: (" ", m.group()) for i in range(m.start() + 1, m.end())})
            decoded[m.start()] = (char[0], m.group())
    for i, (kept, original) in enumerate(zip(doc.prose, source)):
        if original in "\r\n" or kept in "\r\n":
            assert kept == original, (i, kept, original)  # line breaks are never moved
        elif kept != original and kept not in (" ", OPAQUE):
            # only a decoded character reference may differ from its source
            assert i in decoded and kept == decoded[i][0], (i, kept, original, decoded.get(i))
    path = "story.md" if fmt == "markdown" else "story.html"
    assert_well_positioned(text, lint_text(text, path=path))
