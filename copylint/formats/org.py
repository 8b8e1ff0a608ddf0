"""Org mode -> the event stream :class:`~copylint.formats.blocks.Walker` lints.

Vale reads Org natively (it renders it to HTML with go-org and walks the
HTML like any other markup), so copylint does the same with a small reader
of the Org constructs that matter for prose linting:

- headlines (``* Title``) -> ``h2``… (go-org starts at ``h2``); list items
  (``- x``, ``1. x``) -> ``li``; table rows -> ``td`` cells; everything else
  is a paragraph, ended by a blank line;
- ``#+BEGIN_SRC``/``EXAMPLE``/``EXPORT``… blocks -> ``pre`` (not linted);
  ``#+BEGIN_QUOTE`` -> ``blockquote``; ``:PROPERTIES:`` drawers and
  ``#+KEY: value`` lines are not prose (Vale turns them into code);
- ``# text`` comment lines -> comments, so ``# vale off`` / ``# vale on``
  and the other Vale switches work;
- inline ``*bold*`` -> ``strong``, ``/italic/`` -> ``em``, ``_underline_``
  -> ``span``, ``+strike+`` -> ``del``, ``=verbatim=`` and ``~code~`` ->
  ``code``, ``[[target][description]]`` and ``[[target]]`` -> ``a``.
"""

from __future__ import annotations

import re

from .blocks import Event

_HEADLINE = re.compile(r"^(\*+)\s+(.*)$")
_LIST_ITEM = re.compile(r"^\s*(?:[-+]|\d+[.)])\s+(.*)$")
_KEYWORD = re.compile(r"^\s*#\+\w+(?:\[.*\])?:")
_COMMENT = re.compile(r"^\s*#(?:\s(.*))?$")
_BEGIN = re.compile(r"^\s*#\+begin_(\w+)", re.I)
_DRAWER = re.compile(r"^\s*:[\w-]+:\s*$")
_TABLE = re.compile(r"^\s*\|")
_LINK = re.compile(r"\[\[([^\]]+)\](?:\[([^\]]+)\])?\]")
_EMPHASIS = re.compile(
    r"(?<![^\s\-({'\"])([*/_+=~])(?=\S)(.+?)(?<=\S)\1(?=[\s\-.,:!?;'\")}\[*/_+=~]|$)", re.S)
_TAG = {"*": "strong", "/": "em", "_": "span", "+": "del", "=": "code", "~": "code"}
_QUOTE_BLOCKS = {"quote", "center", "verse"}


def org_events(source: str) -> list[Event]:
    events: list[Event] = []
    lines = source.split("\n")
    para: list[str] = []
    para_start = 0
    i = 0

    def flush(end: int) -> None:
        if para:
            span = (para_start, end)
            events.append(Event("start", "p", lines=span))
            events.extend(inline_events("\n".join(para), span))
            events.append(Event("end", "p", lines=span))
            para.clear()

    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        span = (i, i + 1)
        if not stripped:
            flush(i)
        elif (m := _BEGIN.match(line)):
            flush(i)
            i = _begin_block(lines, i, m.group(1).lower(), events)
            continue
        elif _DRAWER.match(line):
            flush(i)
            end = i + 1
            while end < len(lines) and lines[end].strip().lower() != ":end:":
                end += 1
            i = end + 1
            continue
        elif _KEYWORD.match(line):
            flush(i)
        elif (m := _COMMENT.match(line)):
            flush(i)
            events.append(Event("comment", data=m.group(1) or "", lines=span))
        elif (m := _HEADLINE.match(line)):
            flush(i)
            tag = f"h{min(len(m.group(1)) + 1, 6)}"
            events.append(Event("start", tag, lines=span))
            events.extend(inline_events(m.group(2), span))
            events.append(Event("end", tag, lines=span))
        elif _TABLE.match(line):
            flush(i)
            if not stripped.startswith("|-"):
                events += _table_row(stripped, span)
        elif (m := _LIST_ITEM.match(line)) and not para:
            flush(i)
            i = _list_item(lines, i, m.group(1), events)
            continue
        else:
            if not para:
                para_start = i
            para.append(stripped)
        i += 1
    flush(len(lines))
    return events


def _begin_block(lines: list[str], i: int, kind: str, events: list[Event]) -> int:
    """A ``#+begin_…`` block: a quotation is prose, anything else is code
    (skipped); returns the line after its ``#+end_…``."""
    end = i + 1
    while end < len(lines) and not re.match(rf"^\s*#\+end_{re.escape(kind)}\b", lines[end], re.I):
        end += 1
    body = "\n".join(lines[i + 1:end])
    if kind in _QUOTE_BLOCKS:
        events.append(Event("start", "blockquote", lines=(i, end + 1)))
        events.extend(org_events_offset(body, i + 1))
        events.append(Event("end", "blockquote", lines=(i, end + 1)))
    else:
        events += [Event("start", "pre", lines=(i, end + 1)), Event("text", data=body, lines=(i, end + 1)),
                   Event("end", "pre", lines=(i, end + 1))]
    return end + 1


def _table_row(stripped: str, span: tuple[int, int]) -> list[Event]:
    events = [Event("start", "tr", lines=span)]
    for cell in stripped.strip("|").split("|"):
        events.append(Event("start", "td", lines=span))
        events.extend(inline_events(cell.strip(), span))
        events.append(Event("end", "td", lines=span))
    events.append(Event("end", "tr", lines=span))
    return events


def _list_item(lines: list[str], i: int, first: str, events: list[Event]) -> int:
    """A list item and its more-indented continuation lines; returns the next line."""
    item = [first]
    end = i + 1
    line = lines[i]
    indent = len(line) - len(line.lstrip())
    while end < len(lines) and lines[end].strip() and not _LIST_ITEM.match(lines[end]) \
            and len(lines[end]) - len(lines[end].lstrip()) > indent:
        item.append(lines[end].strip())
        end += 1
    events.append(Event("start", "li", lines=(i, end)))
    events.extend(inline_events("\n".join(item), (i, end)))
    events.append(Event("end", "li", lines=(i, end)))
    return end


def org_events_offset(source: str, first_line: int) -> list[Event]:
    events = org_events(source)
    for ev in events:
        if ev.lines is not None:
            ev.lines = (ev.lines[0] + first_line, ev.lines[1] + first_line)
    return events


def inline_events(text: str, lines: tuple[int, int]) -> list[Event]:
    """Events for the inline markup of one paragraph's text."""
    events: list[Event] = []
    pos = 0
    for m in _inline_matches(text):
        if m.start() > pos:
            events.append(Event("text", data=text[pos:m.start()], lines=lines))
        if m.re is _LINK:
            shown = m.group(2) or m.group(1)
            events += [Event("start", "a", {"href": m.group(1)}, lines=lines),
                       *inline_events(shown, lines), Event("end", "a", lines=lines)]
        else:
            tag = _TAG[m.group(1)]
            events.append(Event("start", tag, lines=lines))
            if tag == "code":
                events.append(Event("text", data=m.group(2), lines=lines))
            else:
                events.extend(inline_events(m.group(2), lines))
            events.append(Event("end", tag, lines=lines))
        pos = m.end()
    if pos < len(text):
        events.append(Event("text", data=text[pos:], lines=lines))
    return events


def _inline_matches(text: str) -> list[re.Match[str]]:
    """Links and emphasis, left to right, not overlapping."""
    found: list[re.Match[str]] = []
    pos = 0
    while pos < len(text):
        link = _LINK.search(text, pos)
        emph = _EMPHASIS.search(text, pos)
        candidates = [m for m in (link, emph) if m is not None]
        if not candidates:
            break
        m = min(candidates, key=lambda x: (x.start(), x.re is not _LINK))
        found.append(m)
        pos = m.end()
    return found
