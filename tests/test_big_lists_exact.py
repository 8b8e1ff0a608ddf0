"""Big word lists' fast paths give exactly what the plain paths give: the
hits a big list finds where its automaton saw single words, against the
whole trie's regex scan."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from copylint import Document
from copylint.checks import terms
from copylint.checks.terms import TermMatcher, WordScan

NAMES = ["Zorvka", "zorv", "Kyiv", "ka", "Été", "日本", "x_2", "Ωmega", "zorvka2"]
PIECES = ["Zorvka", "zorvKA", "ZORV", "zorv", "kyiv", "ka", "été", "ÉTÉ", "日本", "x_2", "ωmega", "Ωmega",
          "zorvka2", "’d", "'s", "’S", "'t", " ", "\n", "\t", ".", ",", "'", "’", "s", "S", "d", "-", "é", "—", "“", "İ", "ſ", "\u212a",
          "ß", "٣", "_", "\u00a0", "a\u0301", "Σ"]


def _matcher(names: list[str], cases: list[bool]) -> TermMatcher[str]:
    matcher: TermMatcher[str] = TermMatcher()
    matcher.add_all((name, f"{name}/{ic}", ic) for name, ic in zip(names, cases))
    matcher.compile()
    return matcher


def _hits(found) -> list[tuple[int, int, str, list[str]]]:
    return [(h.start, h.end, h.text, h.payloads) for h in found]


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(PIECES), max_size=40).map("".join),
       names=st.lists(st.sampled_from(NAMES), min_size=1, max_size=6, unique=True),
       cases=st.lists(st.booleans(), min_size=6, max_size=6))
def test_a_big_list_of_single_words_finds_what_the_whole_trie_finds(text, names, cases):
    old = terms.BIG_LIST, terms.SCAN_AFTER
    terms.BIG_LIST, terms.SCAN_AFTER = 1, 0  # every list is big, the automaton at once
    try:
        matcher = _matcher(names, cases)
        doc = Document(text)
        fast = _hits(matcher.find_in(doc))
        plain = _hits(_matcher(names, cases).finditer(doc.prose))  # the whole trie, case-insensitive
    finally:
        terms.BIG_LIST, terms.SCAN_AFTER = old
    assert fast == plain


@settings(max_examples=200, deadline=None)
@given(text=st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_the_places_of_the_words_are_their_whole_runs(text):
    import re

    lower = text.lower()
    vocabulary = [name.lower().encode() for name in NAMES]
    scan = WordScan(vocabulary)
    places = scan.places(lower)
    expected = [(m.group().encode(), m.start(), m.end()) for m in re.finditer(r"\w+", lower)
                if m.group().encode() in vocabulary]
    assert places == expected
    assert {word for word, _s, _e in places} == scan.among(lower)


def test_the_direct_path_is_taken_only_for_single_words_that_begin_no_other_term(monkeypatch):
    monkeypatch.setattr(terms, "BIG_LIST", 1)
    monkeypatch.setattr(terms, "SCAN_AFTER", 0)
    compiled: list[object] = []
    original = terms._compile_trie
    monkeypatch.setattr(terms, "_compile_trie", lambda keys: compiled.append(sorted(keys)) or original(keys))
    text = "Zorvka's road to Kyiv’d and New Zorvka, zorvka."
    single = _matcher(["Zorvka", "Kyiv"], [True, False])
    assert _hits(single.find_in(Document(text))) == [(0, 6, "Zorvka", ["Zorvka/True"]),
                                                     (32, 38, "Zorvka", ["Zorvka/True"]),
                                                     (40, 46, "zorvka", ["Zorvka/True"])]
    assert compiled == []  # found where the automaton saw them: no trie
    multi = _matcher(["Zorvka", "New Zorvka"], [True, True])
    assert _hits(multi.find_in(Document(text))) == [(0, 6, "Zorvka", ["Zorvka/True"]),
                                                    (28, 38, "New Zorvka", ["New Zorvka/True"]),
                                                    (40, 46, "zorvka", ["Zorvka/True"])]
    assert compiled == [["new zorvka", "zorvka"]]  # a term of two words: the trie decides


WORDS = st.text(alphabet=st.sampled_from("aZé9_Σσςİıß\u212aſ٣日\u0301 -'"), min_size=0, max_size=6)


@settings(max_examples=300, deadline=None)
@given(written=st.lists(WORDS, max_size=8))
def test_single_words_are_lower_cased_in_one_pass_as_one_at_a_time(written):
    keys = terms._single_word_keys(written)
    if all(word.isalnum() for word in written) and written:
        assert keys == [terms.normalize(word).lower() for word in written]
    else:
        assert keys is None or not written


@settings(max_examples=200, deadline=None)
@given(written=st.lists(WORDS, min_size=1, max_size=8), cases=st.lists(st.booleans(), min_size=8, max_size=8))
def test_a_pack_added_at_once_holds_what_adding_each_term_holds(written, cases):
    items = [(word, f"p{i}", case) for i, (word, case) in enumerate(zip(written, cases))]
    at_once: TermMatcher[str] = TermMatcher()
    at_once.add_all(items)
    one_by_one: TermMatcher[str] = TermMatcher()
    for item in items:
        one_by_one.add(*item)
    assert at_once._entries == one_by_one._entries
    at_once._index_first_words()
    one_by_one._index_first_words()
    for name in ("_by_first", "_odd_first", "_plain_first", "_plain_set", "_solo"):
        assert getattr(at_once, name) == getattr(one_by_one, name), name


def test_a_swap_of_words_gives_the_matcher_the_terms_the_loop_gives(tmp_path):
    from copylint.checks.substitution import SubstitutionCheck
    from copylint.ruleset.loader import load_rule_files

    yaml = ("rules:\n"
            "  - id: t.words\n    kind: substitution\n    level: warning\n    description: words\n"
            "    ignorecase: true\n    swap:\n      Kiev: Kyiv\n      Zorvka: Zorvkia\n      été: summer\n"
            "  - id: t.mixed\n    kind: substitution\n    level: error\n    description: mixed\n"
            "    swap:\n      Kiev: Kyiv\n      e-mail: email\n      colou?r: color\n")
    (tmp_path / "swaps.yml").write_text(yaml, encoding="utf-8")
    rules = load_rule_files([tmp_path / "swaps.yml"])
    check = SubstitutionCheck(rules)
    expected: TermMatcher[object] = TermMatcher()
    for rule in rules:
        for wrong, right in rule.options["swap"].items():
            if wrong != "colou?r":  # the one regex key
                expected.add(wrong, (rule, right), rule.ignorecase)
    assert check.terms._entries == expected._entries
    assert [right for right, _pattern in check.patterns] == ["color"]


def test_lower_casing_keeps_every_characters_word_class():
    r"""The hits taken from a big list's places rely on this: a character is
    ``\w`` exactly when its lower-case form is (where that form is one
    character; a document where it is not has no ``lower_prose``)."""
    import sys

    def word(char: str) -> bool:
        return char.isalnum() or char == "_"

    changed = [hex(code) for code in range(sys.maxunicode + 1)
               if len(lower := chr(code).lower()) == 1 and word(chr(code)) != word(lower)]
    assert changed == []
