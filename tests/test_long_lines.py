"""One very long line with many tags, links or gaps costs linear time, and
the fast column test gives exactly the plain one's answers."""

from __future__ import annotations

import os
import random
import subprocess
import sys

import pytest

from copylint.checks import punctuation
from copylint.document.model import Document
from copylint.formats import make_document
from copylint.engine.linting import default_rules, lint_text


def _long_html(n: int) -> str:
    return "<p>" + " ".join(f'word  <a href="u{i}.html">link {i}</a> <b>x</b>' for i in range(n)) + "</p>\n"


def _long_markdown(n: int) -> str:
    return " ".join(f'word  [link {i}](u{i}.md) *em* `code`  <span title="t">s</span>' for i in range(n)) + "\n"


@pytest.mark.parametrize("name, text", [("long.html", _long_html(15_000)), ("long.md", _long_markdown(15_000))])
def test_one_long_line_with_many_tags_is_checked_in_linear_time(tmp_path, name, text):
    # quadratic, 15,000 links on one line took well over ten minutes; linear, a
    # few seconds: the generous bound only catches the quadratic form
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    env = {**os.environ, "COPYLINT_NO_CACHE": "1"}
    done = subprocess.run([sys.executable, "-m", "copylint", "check", str(path)],
                          capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stdout + done.stderr  # the gaps are layout or markup: silent


class _CountingGap:
    """``_GAP`` that counts the characters each line scan covers."""

    def __init__(self, gap):
        self.gap = gap
        self.scanned = 0

    def finditer(self, text, start=0, end=sys.maxsize):
        self.scanned += min(end, len(text)) - start
        return self.gap.finditer(text, start, end)


def test_column_scans_read_each_line_once(monkeypatch):
    counter = _CountingGap(punctuation._GAP)
    monkeypatch.setattr(punctuation, "_GAP", counter)
    line = "".join(f"cell{i}   " for i in range(3_000)) + "end"
    text = "A heading\n" + line + "\nA closing  line.\n"
    doc = Document(text)
    columns = punctuation._columns_of(doc)
    matches = [m for m in punctuation._GAP.gap.finditer(text) if " " in m.group()]
    assert len(matches) > 3_000
    assert all(columns.contains(m.start(), m.end()) for m in matches[:-1])
    # the last gap (on the closing line) is prose: not in columns
    assert not columns.contains(matches[-1].start(), matches[-1].end())
    # each of the three lines scanned at most twice (layout, gap ends), not once per gap
    assert counter.scanned <= 2 * len(text)


def _random_text(rng: random.Random) -> str:
    words = ["Kyiv", "Lviv", "12", "3.5%", "team", "a", "$4", "P", "W", "—"]
    breaks = ["\n", "\r\n", "\r", "\n\n"]
    lines = []
    for _ in range(rng.randint(1, 8)):
        pieces = []
        for _ in range(rng.randint(0, 7)):
            pieces.append(rng.choice(words))
            pieces.append(rng.choice([" ", " ", "  ", "   ", "\t", "    "]))
        lines.append("".join(pieces).rstrip(" \t") if rng.random() < 0.7 else "".join(pieces))
    return "".join(line + rng.choice(breaks) for line in lines)[: -1 if rng.random() < 0.5 else None]


def test_fast_column_test_answers_as_the_plain_one():
    rng = random.Random(13)
    checked = 0
    for _ in range(400):
        text = _random_text(rng)
        doc = Document(text)
        columns = punctuation._columns_of(doc)
        for m in punctuation._GAP.finditer(text):
            for start, end in ((m.start(), m.end()), (m.start(), m.end() + 1), (m.start() - 1, m.end())):
                if 0 <= start < end <= len(text):
                    assert columns.contains(start, end) == punctuation._in_columns(text, start, end), \
                        (text, start, end)
                    checked += 1
    assert checked > 1_000


SAMPLES = [
    "This is   a  test.\r\nIt is.\r\n",
    "Kyiv      Lviv      Odesa\nKharkiv   Dnipro    Lutsk\nShe  left.\n",
    "Team      P   W\nShakhtar  10  8\n\nThe  end of the table.\n",
    "Name  Age\nAnna  34\r\rA  gap.\r",
    "One  two.\n   Three   four  five six\nseven   eight.\n",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_fast_path_gives_the_plain_path_findings(monkeypatch, text):
    rules = default_rules()

    def found():
        return [(f.rule, f.line, f.column) for f in lint_text(text, rules)]

    fast = found()

    class Plain:
        def __init__(self, doc):
            self.text = doc.text

        def contains(self, start, end):
            return punctuation._in_columns(self.text, start, end)

    monkeypatch.setattr(punctuation, "_columns_of", Plain)
    assert found() == fast
    assert any(rule == "hygiene.doubled-space" for rule, _, _ in fast)


def test_many_emphasis_runs_on_one_line_pair_as_before():
    text = " ".join(f"*a{i}* b * c _d{i}_ e_f" for i in range(2_000)) + " *open\n"
    doc = make_document(text, "x.md")
    # every paired run is blanked; the lone '*' between spaces and the
    # unpaired last opener stay text, as do intraword underscores
    assert doc.prose.count("*") == 2_000 + 1
    assert doc.prose.count("_") == 2_000
    assert doc.prose.startswith(" a0  b * c  d0  e_f")
