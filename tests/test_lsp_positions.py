"""Code points <-> LSP positions in UTF-8, UTF-16 and UTF-32, with the
protocol's line breaks, checked against Python's own encoders."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from copylint.lsp.positions import UTF8, UTF16, UTF32, LineIndex, apply_change, code_points, units

CODECS = {UTF8: ("utf-8", 1), UTF16: ("utf-16-le", 2), UTF32: ("utf-32-le", 4)}

# prose with the characters that break naive conversions: astral emoji and math letters,
# accents, CJK, and every line break (U+2028 and form feed are NOT line breaks in LSP)
alphabet = st.sampled_from(list("ab ,.é中") + ["🎉", "𝐁", "\n", "\r", "\r\n", "\u2028", "\x0c", "\u0301"])
texts = st.lists(alphabet, max_size=40).map("".join)
#: Deterministic, and no per-example deadline: the build machine is shared.
checked = settings(deadline=None, max_examples=200, derandomize=True, database=None)


def expected_position(text: str, offset: int, encoding: str) -> tuple[int, int]:
    """By the protocol's definition (the offset is never between CR and LF)."""
    parts = re.split(r"\r\n|\r|\n", text[:offset])
    codec, width = CODECS[encoding]
    return len(parts) - 1, len(parts[-1].encode(codec)) // width


@checked
@given(texts, st.data())
def test_offset_to_position_matches_the_encoders(text, data):
    index = LineIndex.of(text)
    offset = data.draw(st.integers(0, len(text)))
    if text[offset - 1:offset + 1] == "\r\n":
        offset -= 1  # never inside a CRLF pair
    for encoding in CODECS:
        line, character = index.position(offset, encoding)
        assert (line, character) == expected_position(text, offset, encoding)
        assert index.offset(line, character, encoding) == offset


@checked
@given(texts)
def test_units_match_the_encoders(text):
    for encoding, (codec, width) in CODECS.items():
        assert units(text, encoding) == len(text.encode(codec)) // width


def test_emoji_counts_two_utf16_units_and_four_utf8_bytes():
    index = LineIndex.of("ok\n🎉 the the end")
    start = "ok\n🎉 the the end".index("the the")
    assert index.position(start, UTF16) == (1, 3)
    assert index.position(start, UTF8) == (1, 5)
    assert index.position(start, UTF32) == (1, 2)
    assert index.offset(1, 3, UTF16) == start


def test_a_position_inside_a_character_or_past_the_line_is_clamped():
    line = "a🎉b"
    assert code_points(line, 2, UTF16) == 1  # half the surrogate pair: the emoji's start
    assert code_points(line, 3, UTF16) == 2
    assert code_points(line, 3, UTF8) == 1  # inside the four-byte sequence
    index = LineIndex.of("ab\ncd")
    assert index.offset(0, 99, UTF16) == 2  # past the end of the line: its end, not the next line
    assert index.offset(7, 0, UTF16) == 5  # past the last line: the end of the text


def test_line_separators_that_are_not_lsp_line_breaks():
    text = "one\u2028two\x0cthree\r\nfour\rfive"
    index = LineIndex.of(text)
    assert len(index.starts) == 3
    assert index.position(text.index("two"), UTF16) == (0, 4)
    assert index.position(text.index("four"), UTF16) == (1, 0)
    assert index.position(text.index("five"), UTF16) == (2, 0)
    assert index.line_text(1) == "four"


@checked
@given(texts, st.data())
def test_apply_change_replaces_exactly_the_range(text, data):
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    if text[a - 1:a + 1] == "\r\n":
        a -= 1
    if text[b - 1:b + 1] == "\r\n":
        b += 1
    new = data.draw(texts)
    index = LineIndex.of(text)
    for encoding in CODECS:
        changed = apply_change(text, index.position(a, encoding), index.position(b, encoding), new,
                               encoding)
        assert changed == text[:a] + new + text[b:]
