"""The reporters' escaping skips its pattern's scan for text that cannot
hold what it escapes (issue 16, the cost of a finding); the result is the
pattern's, checked over all of Unicode and on generated text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from copylint.reporters import escape

EVERY_CHARACTER = "".join(map(chr, range(0x110000)))


def test_no_character_str_isprintable_accepts_is_one_printable_escapes():
    assert [c for c in EVERY_CHARACTER if c.isprintable() and escape._UNPRINTABLE.search(c)] == []


def test_utf8_encodes_every_character_but_the_surrogates():
    def encodes(c: str) -> bool:
        try:
            c.encode("utf-8")
        except UnicodeEncodeError:
            return False
        return True

    assert [c for c in EVERY_CHARACTER if encodes(c) == bool(escape._SURROGATE.search(c))] == []


TEXT = st.text(st.one_of(st.characters(), st.sampled_from("\t\n\x1b\x7f\x85\u2028\u202e\u2066\udcff\ud800é“”")))


@settings(max_examples=500, deadline=None)
@given(text=TEXT)
def test_printable_is_the_patterns_escaping(text):
    assert escape.printable(text) == escape.printable_plain(text)


@settings(max_examples=500, deadline=None)
@given(text=TEXT)
def test_valid_utf8_is_the_patterns_replacement(text):
    assert escape.valid_utf8(text) == escape.valid_utf8_plain(text)
    escape.valid_utf8(text).encode("utf-8")


def test_escaping_by_example():
    assert escape.printable("Kiev\x1b[2J and \u202eKyiv\tok") == "Kiev\\x1b[2J and \\u202eKyiv\tok"
    assert escape.printable("“Kyiv” — plain") == "“Kyiv” — plain"
    assert escape.valid_utf8("a\udcffb") == "a\ufffdb"
    assert escape.valid_utf8("“Kyiv”") == "“Kyiv”"
