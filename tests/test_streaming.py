"""The whole command's lean paths: one streaming discovery shared by the CLI
and the API, the read path with plain ``os`` calls, and the word-set lookup of
big word lists give the same results as the slower ways they replace."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import copylint.api
from copylint import Document, lint_paths, load_rules
from copylint.api import iter_files
from copylint.checks import terms
from copylint.checks.terms import TermMatcher, WordScan, word_runs, words_among
from copylint.cli import main
from copylint.inputs.files import read_bytes

PIECES = ["Kiev", "kyiv", "o'neill", "e-mail", "_x_", "x2", " ", "\t", "\n", "\u00a0", ".", "’",
          "é", "İ", "ſ", "ß", "٣", "\u200d", "—", "“", "日本", "\udc80", "a\u0301"]


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_word_runs_are_the_runs_that_re_finds(text):
    expected = {w.encode("utf-8", "surrogatepass") for w in re.findall(r"\w+", text)}
    assert word_runs(text) == expected
    vocabulary = frozenset(list(expected)[::2]) | {b"absent", "été".encode()}
    assert words_among(text, vocabulary) == expected & vocabulary


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(PIECES + ["kiev kiev", "zorv", "ka", "kie"]), max_size=30).map("".join),
       extra=st.sets(st.sampled_from(["kiev", "o", "neill", "x2", "zorv", "été", "日本", "kiev_x"]), max_size=5))
def test_the_automaton_finds_the_words_the_word_set_finds(text, extra):
    """A big list's first words are found by an Aho-Corasick automaton over
    the text's runs of word characters: the same words as the set lookup."""
    lower = text.lower()
    vocabulary = frozenset(w.encode() for w in extra) | frozenset(list(word_runs(lower))[::2])
    scan = WordScan(vocabulary)
    assert scan.available == bool(vocabulary)  # an empty vocabulary needs no automaton
    assert scan.among(lower) == words_among(lower, vocabulary)


def test_without_the_automaton_library_the_word_set_decides(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "ahocorasick_rs", None)  # import fails
    vocabulary = frozenset([b"kiev", b"zorv"])
    scan = WordScan(vocabulary)
    assert not scan.available
    assert scan.among("in kiev, zorvka and kiev") == words_among("in kiev, zorvka and kiev", vocabulary) == {b"kiev"}


def test_the_automaton_is_used_by_a_big_list_and_finds_what_the_word_set_finds(monkeypatch):
    names = [f"Zorv{i}ka" for i in range(30)] + ["New Zorvka", "ka"]
    texts = ["Zorv7ka zorv7ka, ka-ka New\nZorvka; Zorv29ka's and xZorv3ka.", "ka", "", "Nothing, zorv."]
    monkeypatch.setattr(terms, "BIG_LIST", 10)

    def hits(plain: bool) -> list[list[tuple[int, int, list[str]]]]:
        matcher: TermMatcher[str] = TermMatcher()
        for name in names:
            matcher.add(name, name, True)
        matcher.warm()  # the automaton is built before workers would fork
        assert matcher._scan is not None and matcher._scan.available and matcher._pattern is None
        if plain:
            matcher._scan = None  # the set lookup of each word, for good
            matcher._documents_until_scan = 10**9
        return [[(h.start, h.end, h.payloads) for h in matcher.find_in(Document(t))] for t in texts]

    found = hits(plain=False)
    assert found == hits(plain=True) and sum(map(len, found)) == 7
    # a serial run looks its first documents up in the set, then builds the automaton
    monkeypatch.setattr(terms, "SCAN_AFTER", 2)
    matcher: TermMatcher[str] = TermMatcher()
    for name in names:
        matcher.add(name, name, True)
    matcher.compile()
    switching = []
    for text in texts:
        switching.append([(h.start, h.end, h.payloads) for h in matcher.find_in(Document(text))])
        if len(switching) <= 2:
            assert matcher._scan is None
    assert matcher._scan is not None and switching == found


def test_a_big_list_finds_through_words_what_the_whole_trie_finds(monkeypatch):
    names = [f"Zorv{i}ka" for i in range(50)] + ["New Zorvka", "o'zorv", "zorv-ka"]
    text = ("In Zorv7ka and zorv12KA, New  Zorvka, O’Zorv and zorv-ka; not Zorv7kas or "
            "xZorv3ka.\nNew\nZorvka again, and Zorv49ka's.")

    def build() -> TermMatcher[str]:
        matcher: TermMatcher[str] = TermMatcher()
        for name in names:
            matcher.add(name, name, True)
        matcher.compile()
        return matcher

    whole = [(h.start, h.end, h.payloads) for h in build().finditer(text)]
    monkeypatch.setattr(terms, "BIG_LIST", 10)
    big = build()
    found = [(h.start, h.end, h.payloads) for h in big.find_in(Document(text))]
    assert found == whole and len(found) >= 6
    assert big._pattern is None  # the whole trie was never compiled
    # no first-word trigger to build: each document's words decide
    assert big.triggers() == [] and list(big.find_in(Document("Nothing here, zorv."))) == []


def test_discovery_is_one_generator_and_the_cli_walks_once(tmp_path: Path, monkeypatch):
    for name in ("b.txt", "a.md", "sub/c.txt", "skip.py"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("Shelling hit Kiev.\n")
    found = iter_files([tmp_path])
    assert inspect.isgenerator(found)
    assert list(found) == [str(tmp_path / "a.md"), str(tmp_path / "b.txt"),
                           str(tmp_path / "sub" / "c.txt")]
    # named twice, or named and inside a named folder: once
    assert list(iter_files([tmp_path / "b.txt", tmp_path, tmp_path / "b.txt"])) == \
        [str(tmp_path / "b.txt"), str(tmp_path / "a.md"), str(tmp_path / "sub" / "c.txt")]
    # the CLI lints what it finds as it finds it: no list, no second walk
    monkeypatch.setattr(copylint.api, "collect_files", None)
    calls = []
    real = copylint.api.iter_files
    monkeypatch.setattr(copylint.api, "iter_files", lambda *a, **k: calls.append(a) or real(*a, **k))
    result = CliRunner().invoke(main, ["check", "--no-config", "-q", str(tmp_path)])
    assert result.exit_code == 0 and result.output.count("places.kyiv") == 3  # warnings
    assert len(calls) == 1


def test_paths_are_shown_as_given_in_the_form_path_gives_them(tmp_path: Path, monkeypatch):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text("Shelling hit Kiev.\n")
    monkeypatch.chdir(tmp_path)
    for given_path, shown in ((".", "news/a.txt"), ("./news/", "news/a.txt"),
                              ("news//a.txt", "news/a.txt")):
        report = lint_paths([given_path])
        assert [f.path for f in report.findings] == [shown], given_path


def test_the_read_path_keeps_its_size_limit_and_reads_big_files_whole(tmp_path: Path):
    path = tmp_path / "big.txt"
    data = b"Crews repaired the bridge.\r\n" * 10_000  # 280 kB: several reads without a limit
    path.write_bytes(data)
    assert read_bytes(str(path), 0) == data
    assert read_bytes(path, len(data)) == data
    from copylint.errors import InputError

    try:
        read_bytes(path, len(data) - 1)
    except InputError as exc:
        assert exc.skipped and "size limit" in str(exc)
    else:
        raise AssertionError("a file over the limit was read")


# -- one scan per kind of mark, anchored on the mark ----------------------------------

MARK_PIECES = ["1)", "a)", "iv)", "12)", "123)", "ab)", "(", ")", "[", "]", "{", "}", ":)", ";-(", "=]",
               ":-", "-)", " ", "\n", "\t", "x", "Kiev", "“", "”", '"', "don\"t", "2\"", "\u00a0", "٣)"]


@settings(max_examples=400, deadline=None)
@given(text=st.lists(st.sampled_from(MARK_PIECES), max_size=30).map("".join), data=st.data())
def test_marks_found_from_the_mark_equal_the_regex_scans_they_replace(text, data):
    from copylint.checks import balance
    from copylint.document.quotes import _quote_offsets, find_all

    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    inline = re.compile(r"(?<!\S)(?:\d{1,2}|[a-z]|[ivx]{1,4})\)(?=\s)")
    smiley = re.compile(r"[:;=]-?[()\[\]]")
    brackets = find_all(text, balance._BRACKETS, start, end)
    assert brackets == [m.start() for m in re.compile(r"[()\[\]{}]").finditer(text, start, end)]
    assert {i for i in brackets if text[i] == ")" and balance._inline_marker_at(text, i, start, end)} == \
        {m.end() - 1 for m in inline.finditer(text, start, end)}
    assert {i for i in brackets if text[i] in "()[]" and balance._smiley_at(text, i, start)} == \
        {m.end() - 1 for m in smiley.finditer(text, start, end)}
    assert _quote_offsets(text, start, end) == [m.start() for m in re.compile('[“”"]').finditer(text, start, end)]


TENSE_PIECES = ["He", "he", "She", "she", "Smith", "Jean-Smith", "O’Neill", "x'Y", "said", "says",
                "added", "adds", "saidx", " ", "  ", "\n", "\t", "Mr", "Dr", ".", ",", ";", "-", "“",
                "Kovalenko", "SAID", "é", "\u00a0"]


@settings(max_examples=500, deadline=None)
@given(text=st.lists(st.sampled_from(TENSE_PIECES), max_size=16).map("".join), data=st.data())
def test_tense_matches_found_from_the_verbs_equal_the_full_scan(text, data):
    from copylint.checks.attribution import AttributionCheck, tense_matches

    rules = [r for r in load_rules() if r.kind == "attribution" and r.options["mode"] == "tense"]
    check = AttributionCheck(rules)
    ((_, pattern, verbs, _),) = check.compiled
    pos = data.draw(st.integers(0, len(text)))
    expected = [(m.span(), m.groupdict()) for m in pattern.finditer(text, pos)]
    assert [(m.span(), m.groupdict()) for m in tense_matches(pattern, verbs, text, pos)] == expected


def test_tense_matches_find_speakers_before_and_after_the_verb():
    from copylint.checks.attribution import AttributionCheck, tense_matches

    rules = [r for r in load_rules() if r.kind == "attribution" and r.options["mode"] == "tense"]
    ((_, pattern, verbs, _),) = AttributionCheck(rules).compiled
    text = "Smith said it. He says so, said Jones. Jean-Smith\n  adds more; adds Dr. Kovalenko."
    found = [m.group() for m in tense_matches(pattern, verbs, text)]
    assert found == [m.group() for m in pattern.finditer(text)]
    assert found == ["Smith said", "He says", "said Jones", "Jean-Smith\n  adds", "adds Dr. Kovalenko"]
