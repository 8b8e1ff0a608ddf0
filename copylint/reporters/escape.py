"""Output that cannot hurt a terminal or a parser.

File names come from the file system and findings quote file contents; both
may hold terminal escape sequences (``ESC [ 2 J`` clears the screen, ``ESC ]``
sets the window title or writes hyperlinks), bidirectional overrides that
reorder what is shown, or bytes that are not UTF-8 (a file name read by
Python keeps them as lone "surrogate escapes", which UTF-8 cannot encode).

- :func:`printable` is for human output (``text``, ``concise``, messages on
  standard error): control and bidi-override characters are written as
  ``\\x1b`` / ``\\u202e``, an undecodable byte of a file name as ``\\xff``.
- :func:`valid_utf8` is applied to every format's output (JSON, SARIF, HTML,
  GitHub…): a lone surrogate becomes U+FFFD, the replacement character, so
  the output is always valid UTF-8 (a SARIF ``uri`` keeps the exact bytes,
  percent-encoded).
"""

from __future__ import annotations

import re

#: C0 controls but tab and newline, DEL, C1 controls, bidi embeddings,
#: overrides and isolates, line/paragraph separators, and lone surrogates.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _escape(m: "re.Match[str]") -> str:
    code = ord(m.group())
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte kept by surrogateescape
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every character that could drive a terminal escaped.
    A text ``str.isprintable`` accepts holds none of them (each is a
    control, format, separator or surrogate character, which it refuses:
    checked over all of Unicode by the tests), and is tested without the
    pattern's scan."""
    if text.isprintable():
        return text
    return printable_plain(text)


def printable_plain(text: str) -> str:
    """What :func:`printable` gives, by the pattern alone."""
    return _UNPRINTABLE.sub(_escape, text) if _UNPRINTABLE.search(text) else text


def valid_utf8(text: str) -> str:
    """``text`` with lone surrogates replaced by U+FFFD (encodable as UTF-8).
    A text UTF-8 can encode has none: one encoding of the whole report is
    cheaper than the pattern's test of each character."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return valid_utf8_plain(text)
    return text


def valid_utf8_plain(text: str) -> str:
    """What :func:`valid_utf8` gives, by the pattern alone."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text
