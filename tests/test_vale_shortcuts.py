"""Vale mode's speed shortcuts never change what is found.

Required strings (a block without any of them is not scanned), the
paragraph-local rules a text block skips, the repetition fast path and the
per-token prefilter are each checked against plain matching, and a whole
linter with shortcuts is compared with one without on generated text.
"""

import sys
import textwrap
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from copylint.vale.config import read_config
from copylint.patterns.casefold import CASE_FOLDS_TO_ASCII, hay
from copylint.patterns.requirement import required_strings, trie_pattern
from copylint.patterns.shape import is_linear, stays_in_paragraph
from copylint.checks.token_filter import DEFAULT_TEMPLATE, TokenFilter
from copylint.formats.blocks import block_words
from copylint.engine.linting import lint_text
from copylint.vale.rules import ValeRuleSet
from copylint.vale.runner import ValeLinter

VALE_STYLES = Path(__file__).resolve().parents[2] / "shared" / "vale-testdata" / "styles"
if not VALE_STYLES.is_dir():
    VALE_STYLES = Path("/work/shared/vale-testdata/styles")

PATTERNS = [
    r"(?i)(?m)\b(?:bunch|herd|pack) of (?:cats|goats)\b",
    r"(?m)\b(?:air|fire)(?:m[ae]n|wom[ae]n)\b",
    r"(?m)[a-z]*[!]{2,}|[a-z]*\?{2,}",
    r"(?i)(?m)\bsteward(?:ess)?\b",
    r"(?m)p = 0\.0{2,4}",
    r"(?i)(?m)\b(?:was|is)\b\s*\w+ed\b",
    r"(?i)(?m)kelvin|sister",
    r"(?m)^But\b",
    r"(?m)(?<=\w)\.\.\.",
    r"(?i)(?m)\b(?:the|a)\s+\1?cat",
    r"(?m)[0-9]+ ?x ?[0-9]+",
    r"(?i)(?m)end\.$",
    r"(?i)(?m)\bgoats?\b|\bcat\b",
    r"(?m)\bCaf\u00e9 (?:au|du) lait\b",
    r"(?i)(?m)\b(?:the|a) caf\u00e9s?\b",
]
PIECES = ["$5 dollars", "12 p.m.", "a\nb", "AB", "ab", "KELP", "ſſ", "Cats", "cat cat", "bunch of cats", "Herd of Goats", "fireman", "airwomen", "wow!!", "huh??", "Stewardess",
          "p = 0.001", "was finished", "is\n\nbaked", "KELVIN", "\u212aelvin", "SİSTER", "ſister",
          "But", "but", "so...", "the cat", "3 x 4", "end.", "goat", "\n", "\n\n", " ", ", ", ".",
          "The", "cat", "ſ", "\u0131", "x", "Caf\u00e9", "CAF\u00c9", "caf\u00e9s", " au lait", " du laitue"]
TEXT = st.lists(st.sampled_from(PIECES), max_size=14).map("".join)


def test_case_folds_to_ascii_lists_every_such_character():
    everything = "".join(chr(c) for c in range(0x80, 0x110000) if not 0xD800 <= c < 0xE000)
    assert set(regex.findall(r"(?i)[\x00-\x7f]", everything)) == set(CASE_FOLDS_TO_ASCII)


def test_required_strings_of_typical_vale_patterns():
    assert required_strings(r"(?m)[a-z]*[!]{2,}|[a-z]*\?{2,}").strings == ("!!", "??")
    group = required_strings(r"(?i)(?m)\b(?:bunch|herd) of cats\b")
    assert group.ignorecase and set(group.strings) == {"bunch of cats", "herd of cats"}
    assert set(required_strings(r"air(?:m[ae]n|wom[ae]n)").strings) == {"airman", "airmen",
                                                                       "airwoman", "airwomen"}
    assert required_strings(r"(?m)\w+") is None  # nothing literal: always runs
    assert required_strings(r"(?m)caf\u00e9|x?") is None  # may match the empty string
    # lower-cased outside ASCII too: exact in a block without case traps
    assert required_strings(r"(?i)caf\u00e9").strings == ("caf\u00e9",)
    assert required_strings(r"(?i)\u03c3\u03c3") is None  # a case trap (σ, ς, Σ): not modelled
    assert required_strings(r"[[:alpha:]]+") is None  # regex-module syntax


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(PATTERNS), TEXT)
def test_a_text_the_pattern_matches_always_meets_its_requirement(pattern, text):
    requirement = required_strings(pattern)
    try:
        found = regex.search(pattern, text)
    except regex.error:
        return
    if found is not None and requirement is not None:
        assert requirement.met_by(text, hay(text))
        assert requirement.met_by(text, hay(text), block_words(text))  # by the word index


def test_strings_between_word_boundaries_are_looked_up_as_words():
    requirement = required_strings(r"(?i)(?m)\b(?:bunch|herd) of cats\b")
    assert requirement.met_by("A herd of cats.", hay("A herd of cats."), block_words("A herd of cats."))
    text = "A herd of catsup."
    assert not requirement.met_by(text, hay(text), block_words(text))
    assert requirement.met_by(text, hay(text))  # the substring alone cannot tell


def test_hay_declines_characters_that_fold_to_ascii():
    assert hay("Ein Stück") == "ein stück"
    assert hay("20 \u212a") is None
    requirement = required_strings(r"(?i)kelvin")
    assert requirement.met_by("\u212aELVIN", hay("\u212aELVIN"))


@given(st.lists(st.sampled_from(["ab", "abc", "b", "ca", "x.y", "(c)"]), min_size=1, max_size=4),
       st.text(alphabet="abcxy.()", max_size=12))
def test_trie_pattern_finds_any_of_its_strings(strings, text):
    assert (regex.search(trie_pattern(strings), text) is not None) == any(s in text for s in strings)


def _paragraph_matches(pattern: str, text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for piece in regex.split(r"(?<=\n\n)", text):
        out += [(pos + m.start(), pos + m.end()) for m in regex.finditer(pattern, piece)]
        pos += len(piece)
    return out


def test_paragraph_local_patterns():
    assert stays_in_paragraph(r"(?i)(?m)\b(?:bunch|herd) of cats\b")
    assert stays_in_paragraph(r"(?m)^But\b")
    assert not stays_in_paragraph(r"(?i)(?m)\b(?:was|is)\b\s*\w+ed\b")  # \s crosses a blank line
    assert not stays_in_paragraph(r"(?m)(?<=\w)\.\.\.")  # looks behind
    assert not stays_in_paragraph(r"\bcat\b")  # ^/$ would differ: Vale patterns carry (?m)
    assert not stays_in_paragraph(r"(?m)cats?|x?")  # may be empty


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(PATTERNS), TEXT)
def test_a_paragraph_local_pattern_finds_in_a_text_what_it_finds_in_its_paragraphs(pattern, text):
    if not stays_in_paragraph(pattern):
        return
    whole = [m.span() for m in regex.finditer(pattern, text)]
    assert whole == _paragraph_matches(pattern, text)


def test_linear_token_patterns_need_no_timeout():
    assert is_linear(r"(?i)([\w]+)") and is_linear(r"([^\s.!?]+)")
    assert not is_linear(r"(\w+)\s+\1") and not is_linear(r"(a|ab)+c") and not is_linear(r"\w+\s+\w+")


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_token_filter_with_required_strings_finds_what_the_alternation_finds(text):
    tokens = [r"(?:bunch|herd|pack) of (?:cats|goats)", r"(?:air|fire)(?:m[ae]n|wom[ae]n)", "sister",
              r"steward(?:ess)?", r"\w+ed"]
    for prefix in ("", "(?i)"):
        def build(kept, prefix=prefix):
            return regex.compile(prefix + "(?m)" + DEFAULT_TEMPLATE.replace("%s", "|".join(kept)))
        expected = [(m.span(), m.group()) for m in build(tokens).finditer(text)]
        got = [(m.span(), m.group()) for m, _i in TokenFilter(tokens, build).finditer(text, block_words(text))]
        assert got == expected


STYLE = {
    "Hedge.yml": """
        extends: existence
        message: "Consider removing '%s'."
        ignorecase: true
        tokens: [perhaps, 'sort of', '(?:bunch|herd) of cats', 'fire(?:m[ae]n|wom[ae]n)']
    """,
    "Loud.yml": """
        extends: existence
        message: "'%s' is loud."
        nonword: true
        tokens: ['[a-z]*[!]{2,}', '\\.\\.\\.']
    """,
    "Passive.yml": """
        extends: existence
        message: "'%s' may be passive."
        ignorecase: true
        raw: ['\\b(?:is|was)\\b\\s*']
        tokens: ['\\w+ed', 'done']
    """,
    "Swap.yml": """
        extends: substitution
        message: "Use '%s' instead of '%s'."
        ignorecase: true
        swap:
          'fire(?:m[ae]n|wom[ae]n)': firefighter
          utilize: use
          'e-mail': email
    """,
    "Start.yml": """
        extends: existence
        message: "Do not start with '%s'."
        scope: paragraph
        raw: ['^But\\b']
    """,
    "Twice.yml": """
        extends: repetition
        message: "'%s' is repeated!"
        ignorecase: true
        tokens: ['[\\w]+']
    """,
    "Spell.yml": """
        extends: consistency
        message: "Inconsistent spelling of '%s'."
        ignorecase: true
        either:
          colour: color
          organise: organize
    """,
    "Limit.yml": """
        extends: existence
        message: "'%s' again."
        limit: 2
        tokens: [cats, goats]
    """,
}
WORDS = ["perhaps", "sort of", "bunch of cats", "Herd of Cats", "firemen", "FIREWOMAN", "wow!!", "so...",
         "is baked", "was\n\nbaked", "done", "utilize", "E-mail", "But", "but", "the the", "The\n\nthe",
         "colour", "color", "organize", "Organise", "cats", "goats", "\u212aelvin", "word", ".", ",", " ",
         "\n", "\n\n", "It", "said"]


@pytest.fixture(scope="module")
def linters(tmp_path_factory):
    root = tmp_path_factory.mktemp("vale")
    for name, text in STYLE.items():
        path = root / "styles" / "Desk" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    ini = root / ".vale.ini"
    ini.write_text("StylesPath = styles\nMinAlertLevel = suggestion\n\n[*]\nBasedOnStyles = Desk\n",
                   encoding="utf-8")
    config = read_config(ini)
    return ValeLinter(config), ValeLinter(config, shortcuts=False)


def _alerts(linter, text, ext):
    """The alerts of ``linter``'s rules on ``text``, linted by the engine (in
    Vale's order: line, column, rule, message)."""
    found = lint_text(text, ValeRuleSet(linter.config, linter), path="doc" + ext, fmt="text")
    return sorted((f.line, f.column, f.rule, f.message, f.level) for f in found)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=30).map(" ".join), st.sampled_from([".txt", ".md"]))
def test_shortcuts_change_no_alert(linters, text, ext):
    fast, plain = linters
    assert _alerts(fast, text, ext) == _alerts(plain, text, ext)


def test_shortcuts_keep_alerts_that_cross_a_blank_line(linters):
    fast, plain = linters
    text = "The oven was\n\nbaked. Perhaps the the cat is done.\n\nBut color and colour!!\n"
    got = _alerts(fast, text, ".txt")
    assert got == _alerts(plain, text, ".txt")
    assert any(check == "Desk.Passive" and line == 1 for line, _c, check, _m, _l in got)
    assert {check for _l, _c, check, _m, _lv in got} >= {"Desk.Hedge", "Desk.Twice", "Desk.Spell",
                                                         "Desk.Start", "Desk.Loud"}


@pytest.mark.skipif(not VALE_STYLES.is_dir(), reason="Vale's test data is not available")
def test_vale_styles_give_the_same_alerts_with_and_without_shortcuts(tmp_path):
    ini = tmp_path / ".vale.ini"
    ini.write_text(f"StylesPath = {VALE_STYLES}\nMinAlertLevel = suggestion\n\n[*]\n"
                   "BasedOnStyles = write-good, proselint, Readability\n", encoding="utf-8")
    config = read_config(ini)
    fast, plain = ValeLinter(config), ValeLinter(config, shortcuts=False)
    text = ("The chairman said the report was finished!! A bunch of crows circled.\n\n"
            "It is very unique, and the the board will utilize a flock of crows... (c) 2024.\n\n"
            "There is a colour and a color; we organise what we organize. 3 x 4 rooms.\n")
    for ext in (".txt", ".md"):
        got = _alerts(fast, text, ext)
        assert got and got == _alerts(plain, text, ext)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__, "-q"]))


# -- the RE2 screen ------------------------------------------------------------

SCREENED = [p for p in PATTERNS if "\\1" not in p] + [
    r"(?m)[^\s.!?]+\s+[^\W\d]+",
    r"(?i)(?m)\b(?:[\w]+ed|kept)\b",
    r"(?m)(\w+) \1",
    r"(?m)(?<![A-Z])\bK\w+",
    r"(?i)ſ+",
    r"(?m)(?i:CAT)s",
    r"(?m)\$[0-9]*\s?(?:dollars|USD)",
    r"(?s)a.b",
    r"(?m)[^a-z ]{2,}",
    r"(?i)[^ab]c",
    r"(?m)\d{1,2} ?[ap]\.?m\.?",
    r"(?i)caf[\u00e9e]",
]


@pytest.fixture(scope="module")
def screen():
    from copylint.patterns.screen import Screen, relaxed_pattern

    relaxed = [relaxed_pattern(p) for p in SCREENED]
    assert all(r is not None for r in relaxed)
    built = Screen(relaxed)
    if not built.available:
        pytest.skip("google-re2 is not installed")
    return built


def test_relaxed_patterns_keep_what_they_can_check():
    from copylint.patterns.screen import relaxed_pattern

    assert relaxed_pattern(r"(?m)\bBut\b") == "[\\x{42}][\\x{75}][\\x{74}]"  # assertions dropped
    assert "\\x{212a}" in relaxed_pattern(r"(?i)k")  # the Kelvin sign is a case-insensitive k
    assert relaxed_pattern(r"[[:alpha:]]") is None  # regex-module syntax: not screened


@settings(max_examples=500, deadline=None)
@given(TEXT)
def test_the_screen_finds_every_pattern_that_matches(screen, text):
    found = screen.found(text)
    assert found is not None
    for index, pattern in enumerate(SCREENED):
        if regex.search(pattern, text):
            assert index in found, pattern


def test_the_screen_skips_what_cannot_match(screen):
    found = screen.found("Nothing to see.")
    assert SCREENED.index(r"(?m)[a-z]*[!]{2,}|[a-z]*\?{2,}") not in found
    assert SCREENED.index(r"(?m)p = 0\.0{2,4}") not in found


def test_without_re2_nothing_is_screened_and_alerts_stay(linters, monkeypatch):
    import copylint.patterns.screen as screen_module

    _fast, plain = linters
    monkeypatch.setattr(screen_module, "_re2", None)
    without = ValeLinter(plain.config)
    assert not without.shortcuts.screen.available
    text = "Perhaps the fireman was\n\nbaked!! So... the the colour and color.\n"
    assert _alerts(without, text, ".txt") == _alerts(plain, text, ".txt")
