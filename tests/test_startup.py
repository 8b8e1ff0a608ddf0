"""Start-up work deferred or remembered gives the same results as doing it
eagerly: check kinds and format readers imported on demand, required literals
kept in the rule cache, word-list tries built from the terms a document may
contain, engine patterns compiled on first use."""

from __future__ import annotations

import importlib
import inspect
import pickle
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import copylint.checks
from copylint import Document, lint_text, load_rules
from copylint.checks import KINDS, Check, terms
from copylint.patterns import literals as prefilter
from copylint.patterns import memo
from copylint.patterns.lazy import LazyRe, compile_lazy_patterns
from copylint.checks.terms import TermMatcher
from copylint.engine.linting import engine_for
from copylint.ruleset import derived
from copylint.ruleset.signed_store import read_signed, write_signed

ROOT = Path(__file__).resolve().parent.parent


def _fresh_python(code: str) -> str:
    """Run ``code`` in a new interpreter (nothing imported yet) from the checkout."""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


# -- check kinds, format readers and regex imported when needed ---------------------

def test_kinds_maps_every_check_class_in_the_package_under_its_own_kind():
    found = {}
    for info in pkgutil.iter_modules(copylint.checks.__path__):
        module = importlib.import_module(f"copylint.checks.{info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, Check) and "kind" in vars(cls):
                found[cls.kind] = cls
    assert len(found) >= 16
    assert dict(KINDS) == found
    assert "existence" in KINDS and "no-such-kind" not in KINDS
    with pytest.raises(KeyError):
        KINDS["no-such-kind"]


def test_checking_a_plain_text_file_imports_only_what_it_needs():
    load_rules()  # the rule cache is warm (a miss validates every rule: all kinds)
    imported = _fresh_python(
        "import sys\n"
        "from copylint.checks import KINDS\n"
        "assert 'existence' in KINDS and sorted(KINDS)\n"
        "before = [m for m in sys.modules if m.startswith('copylint.checks.')]\n"
        "from copylint import lint_text, load_rules\n"
        "rules = load_rules().select(lambda r: r.kind == 'substitution')\n"
        "assert lint_text('Crews repaired the bridge in Lviv on Monday.', rules) == []\n"
        "print(sorted(before), 'markdown_it' in sys.modules, 'regex' in sys.modules,\n"
        "      'copylint.checks.dates' in sys.modules, 'copylint.checks.substitution' in sys.modules)")
    assert imported == "['copylint.checks.base', 'copylint.checks.fastscan', 'copylint.checks.terms'] False False False True"


def test_a_markdown_document_still_gets_the_markdown_reader():
    findings = lint_text("# Kiev\n\n`Kiev` in code, Kiev in prose.\n", path="story.md")
    assert [(f.line, f.column) for f in findings if f.rule == "places.kyiv"] == [(1, 3), (3, 17)]


# -- required literals kept in the rule cache ------------------------------------

def test_required_literals_are_derived_once_then_read_from_the_rule_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("COPYLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(memo, "_MEMO", {})
    calls = []
    real = prefilter._derive_required_literals
    monkeypatch.setattr(prefilter, "_derive_required_literals",
                        lambda *args: calls.append(args) or real(*args))
    first = load_rules()
    text = "Shelling hit Kiev on Tuesday, the ministry claimed.\n"
    expected = [f.to_dict() for f in lint_text(text, first)]
    assert calls, "the engine derived no required literals"
    (stored,) = (tmp_path / "cache").glob("derived-*.signed")

    # a new process: empty memo, rules and derived literals from the cache
    monkeypatch.setattr(memo, "_MEMO", {})
    calls.clear()
    second = load_rules()
    again = [f.to_dict() for f in lint_text(text, second)]
    assert calls == [] and again == expected

    # a stale store (other deriving code) is ignored and rewritten
    version, results = read_signed(stored)
    assert write_signed(stored, ("another version", {k: ("wrong",) for k in results}))
    monkeypatch.setattr(memo, "_MEMO", {})
    third = load_rules()
    assert [f.to_dict() for f in lint_text(text, third)] == expected
    assert calls and read_signed(stored) == (version, results)


def test_a_corrupt_or_unwritable_derived_store_is_ignored(tmp_path, monkeypatch):
    store = derived.DerivedStore(tmp_path / "derived-x.signed")
    store.path.write_bytes(b"not signed data")
    store.load()  # no error
    blocker = tmp_path / "file"
    blocker.write_text("")
    derived.DerivedStore(blocker / "sub" / "derived-x.signed").save({("required_literals", "ab", False)})


def test_memoized_results_equal_fresh_derivations():
    for pattern, ignorecase in [(r"\bKiev\b", True), (r"(?<=\s)\.\.(?!\.)", False), (r"a|b", False)]:
        assert prefilter.required_literals(pattern, ignorecase) == \
            prefilter._derive_required_literals(pattern, ignorecase)


# -- word-list tries built from the terms a document may contain --------------------

TERMS = [("Kiev", True), ("the Ukraine", True), ("Kyiv", False), ("s", True), ("chicken Kiev", True),
         ("bomb", False), ("New York", True), ("New York City", True), ("Newark", False),
         ("O'Neill", True), ("e-mail", True), ("Kiev-based", False)]
PIECES = ["Kiev", "KIEV", "kiev", "Kyiv", "the", "The", "Ukraine", "chicken", "bomb", "bombs",
          "New", "new", "York", "City", "Newark", "O'Neill", "o’neill", "e-mail", "-based", "'s",
          "’s", "x", " ", "  ", "\t", "\n", "\u00a0", ".", ",", "İ", "ſ", "é"]


def _matcher() -> TermMatcher[str]:
    matcher: TermMatcher[str] = TermMatcher()
    for term, ignorecase in TERMS:
        matcher.add(term, term, ignorecase)
    matcher.compile()
    return matcher


@settings(max_examples=400, deadline=None)
@given(text=st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_a_trie_of_the_terms_a_document_may_contain_finds_what_the_whole_trie_finds(text):
    doc = Document(text)
    whole = [(h.start, h.end, h.payloads) for h in _matcher().finditer(text)]
    subset = _matcher()
    found = [(h.start, h.end, h.payloads) for h in subset.find_in(doc)]
    assert found == whole
    # the whole trie was never compiled (except where case folding could mislead)
    assert (subset._pattern is None) == (doc.lower_prose is not None)


def test_the_whole_trie_is_compiled_once_the_first_subsets_are_done(monkeypatch):
    monkeypatch.setattr(terms, "SUBSET_DOCUMENTS", 2)
    matcher = _matcher()
    # documents whose terms were seen reuse their compiled trie: they do not count
    for _ in range(3):
        assert [h.text for h in matcher.find_in(Document("Shelling hit Kiev."))] == ["Kiev"]
    assert [h.text for h in matcher.find_in(Document("Snow in Newark."))] == ["Newark"]
    assert matcher._pattern is None and len(matcher._subset_tries) == 2
    # two subsets compiled: the whole trie from now on
    assert [h.text for h in matcher.find_in(Document("A bomb."))] == ["bomb"]
    assert matcher._pattern is not None


def test_a_document_that_may_hold_many_terms_gets_the_whole_trie(monkeypatch):
    monkeypatch.setattr(terms, "SUBSET_MAX_TERMS", 2)
    matcher = _matcher()
    assert [h.text for h in matcher.find_in(Document("New York City, not Kiev or Newark."))] == \
        ["New York City", "Kiev", "Newark"]
    assert matcher._pattern is not None


# -- engine patterns compiled on first use --------------------------------------------

def test_lazy_re_behaves_as_the_compiled_pattern_and_pickles_uncompiled():
    lazy = LazyRe(r"(?<!\w)(kiev)(?!\w)", 2)
    assert lazy._compiled is None
    assert [m.span(1) for m in lazy.finditer("Kiev, kiev")] == [(0, 4), (6, 10)]
    assert lazy.flags & 2 and lazy.pattern == r"(?<!\w)(kiev)(?!\w)"
    copy = pickle.loads(pickle.dumps(lazy))
    assert copy._compiled is None and copy.search("KIEV").group() == "KIEV"
    fresh = LazyRe("ab+")
    compile_lazy_patterns()
    assert fresh._compiled is not None


def test_compile_all_leaves_nothing_to_compile_for_the_first_document():
    engine = engine_for(load_rules())
    engine.compile_all()
    for check in engine.checks:
        for value in vars(check).values():
            items = value if isinstance(value, list) else [value]
            for item in items:
                for part in item if isinstance(item, tuple) else (item,):
                    if isinstance(part, LazyRe):
                        assert part._compiled is not None
                    if isinstance(part, TermMatcher) and part:
                        assert part._pattern is not None
