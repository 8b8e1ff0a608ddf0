"""The ``variants`` check: one name spelled two ways in one story, found
without a list (rules/newsroom/name-variants.yml, copylint/checks/variants.py)."""

from __future__ import annotations

import importlib
import sys
import textwrap
from pathlib import Path

import pytest

from copylint import lint_text, load_rules
from copylint.checks import fastscan
from copylint.checks.variants import equivalence_list
from copylint.document.model import Document
from copylint.engine.core import Engine
from copylint.findings import Applicability, Level

RULE = "names.transliteration-variants"
STYLE = load_rules()
ALONE = STYLE.select(lambda r: r.id == RULE)
ROOT = Path(__file__).resolve().parent.parent


def variants(text: str, rules=STYLE) -> list[tuple[str, str | None]]:
    return [(f.match, f.fix) for f in lint_text(text, rules) if f.rule == RULE]


GOVERNOR = ("Pavlo Kyrylenko, the governor of the Donetsk region, said the town was shelled. "
            "Kyrylenko said two people died.\n\nThe governor said buses would run. "
            "Kirilenko later added that the power was out.\n")


# -- what it finds ----------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Mykola Tkachenko, the mayor, spoke. Tkachenko said two people died. Tkatchenko later left.",
     ("Tkatchenko", "Tkachenko")),
    ("Governor Oleh Synyehubov said the city was hit. Synyehubov said rescuers were at work, and "
     "Sinegubov later said nine people were hurt.", ("Sinegubov", "Synyehubov")),
    ("Ukraine's air force spokesman Yuriy Hnatyuk said drones were shot down. Hnatyuk said more "
     "attacks were likely. Gnatiuk did not say where.", ("Gnatiuk", "Hnatyuk")),
    ("In Lebanon, army spokesman Youssef Haddad said the road was open. Haddad said convoys "
     "passed. Hadad added that checks would continue.", ("Hadad", "Haddad")),
    ("Russia's envoy Boris Gryzlov spoke in Minsk. Gryzlov said talks went well. Gryzlow left "
     "on Friday.", ("Gryzlow", "Gryzlov")),
    ("Syria: shelling hit Raqqa on Monday. Residents of Raqqa fled. Rakka was quiet later.",
     ("Rakka", "Raqqa")),
    ("Syria's President Bashar al-Assad spoke. Al-Assad said the army would advance, and el-Assad "
     "later met commanders.", ("el-Assad", "al-Assad")),
    ("Yemen: Fighting near Sana'a continued. The road to Sana'a was shut. Sanaa airport was closed.",
     ("Sanaa", "Sana'a")),
])
def test_finds_the_minority_spelling_with_the_majority_as_fix(text, expected):
    assert variants(text) == [expected]


def test_message_level_line_and_unsafe_fix():
    (finding,) = [f for f in lint_text(GOVERNOR, ALONE) if f.rule == RULE]
    assert finding.level == Level.WARNING
    assert finding.applicability == Applicability.UNSAFE and not finding.safe_fix
    assert finding.can_fix(unsafe=True) and not finding.can_fix(unsafe=False)
    assert (finding.line, finding.column, finding.match, finding.fix) == (3, 36, "Kirilenko", "Kyrylenko")
    assert "'Kirilenko' here, but 'Kyrylenko' elsewhere in this story (line 1)" in finding.message


def test_possessive_and_crlf_positions():
    text = ("Ukraine: Mykola Tkachenko, the mayor, spoke.\r\nTkachenko said so.\r\n\r\n"
            "Tkatchenko's office said it was shut.\r\n")
    (finding,) = [f for f in lint_text(text, STYLE) if f.rule == RULE]
    assert (finding.line, finding.column, finding.match, finding.fix) == (4, 1, "Tkatchenko", "Tkachenko")


def test_a_given_name_variant_before_the_same_surname():
    text = ("Ukraine: Dmytro Kyrychenko, the police chief, said so. Dmytro Kyrychenko added more. "
            "Dmitro Kyrychenko left.")
    assert ("Dmitro", "Dmytro") in variants(text, ALONE)


def test_several_spellings_each_minority_one_is_reported():
    text = ("Ukraine: Taras Zhuravskyi spoke. Zhuravskyi said so. Zhuravskyi left. "
            "Zhuravskiy came back. Zhuravsky waved.")
    assert sorted(variants(text)) == [("Zhuravskiy", "Zhuravskyi"), ("Zhuravsky", "Zhuravskyi")]


# -- what it leaves alone ------------------------------------------------------------

@pytest.mark.parametrize("text", [
    # different surnames, not transliterations of each other
    "Boris Johnson met Gavin Johnston in Kyiv. Johnson said they agreed. Johnston did not.",
    # relatives: male and female forms
    "Sergei Ivanov and his wife Olga Ivanova arrived in Moscow. Ivanov said they were tired. Ivanova smiled.",
    "Olena Zelenska and Volodymyr Zelensky visited Kyiv. Zelenska spoke first.",
    # namesakes: different given names
    "Andriy Tkachenko scored twice in Kyiv. Mykola Tkatchenko, the mayor, watched. Tkachenko left, "
    "and Tkatchenko stayed.",
    # a given name and a surname (Michel Gondry, Roger Michell)
    "In Russia, Michel Gondry and Roger Michell were nominated. Michell was not there.",
    # relatives named together, with a variant spelling
    "Ukraine: Oleksandr Tkachenko spoke in Kyiv. Tkachenko said so. His brother, who spells the family "
    "name Tkatchenko, lives in Canada.",
    # the spelling is the subject
    "Ukraine: Pavlo Hrytsenko (also spelled Gritsenko) is the governor. Hrytsenko said so.",
    # a spelling quoted from another outlet
    "Ukraine: Serhiy Hrytsenko, the governor, spoke. Hrytsenko said so. The state news agency TASS "
    "identified the official as \"Gritsenko\".",
    # the article at the start of a sentence, and the bare name on later references
    "Syria's President Bashar al-Assad spoke. Al-Assad said so. Assad later met commanders. "
    "Egypt's Abdel Fattah el-Sisi arrived. El-Sisi met al-Assad's envoy.",
    # English names with variants of their own, different people
    "Jane Smith and John Smyth spoke in Moscow. Smith said yes and Smyth said no.",
    "In Iraq, Anna Phillips met Carl Philips. Phillips spoke first.",
    # ordinary words that happen to share a key
    "Gold rose in Moscow. Hold on, said one trader, whose firm will hold gold.",
    # a story with no sign of transliterated names is not compared at all
    "Youssef Haddad, the army spokesman, said the road was open. Haddad said convoys passed. "
    "Hadad added more.",
])
def test_silent(text):
    assert variants(text, ALONE) == []


def test_same_given_name_makes_a_common_name_count():
    text = "In Iraq, John Phillips spoke. John Philips said more. John Phillips left."
    assert variants(text, ALONE) == [("Philips", "Phillips")]


# -- the house lists ---------------------------------------------------------------

def test_spellings_the_lists_report_are_left_to_them():
    text = "General Valeriy Zaluzhnyi spoke in Kyiv. Zaluzhnyi left. Zaluzhny came back."
    found = [(f.rule, f.match) for f in lint_text(text, STYLE) if f.match == "Zaluzhny"]
    assert found == [("names.surname-consistency", "Zaluzhny")]
    assert variants(text, ALONE) == [("Zaluzhny", "Zaluzhnyi")]  # without the lists it is found


def test_the_engine_reports_one_finding_per_span_even_without_deferring(tmp_path):
    desk = tmp_path / "desk"
    desk.mkdir()
    (desk / "pack.yml").write_text(textwrap.dedent(f"""\
        extends: newsroom
        override:
          {RULE}: {{house-rules: []}}
        """), encoding="utf-8")
    rules = load_rules(style=str(desk))
    text = "General Valeriy Zaluzhnyi spoke in Kyiv. Zaluzhnyi left. Zaluzhny came back."
    found = [f for f in lint_text(text, rules) if f.match == "Zaluzhny"]
    # the list rule (an error) and this check (a warning) propose the same fix: one is kept
    assert [(f.rule, f.fix) for f in found] == [("names.surname-consistency", "Zaluzhnyi")]


def test_the_house_spelling_wins_and_the_message_says_so():
    text = "Ukraine: Shelling hit Kyyiv at night. Kyyiv was dark. Officials in Kyiv said so."
    (finding,) = [f for f in lint_text(text, STYLE) if f.rule == RULE][:1]
    assert (finding.match, finding.fix) == ("Kyyiv", "Kyiv")
    assert "'Kyiv' is the house spelling (places.kyiv)" in finding.message
    assert len([f for f in lint_text(text, STYLE) if f.rule == RULE]) == 2


# -- the table as data ----------------------------------------------------------------

def test_equivalence_forms():
    assert equivalence_list(["kh ~ h ~ g", "-sky ~ -ski", "ye- ~ e-", "' ~ ’ ~ ",
                             {"spellings": ["a", "ah"], "at": "end"}]) == [
        {"spellings": ["kh", "h", "g"], "at": "anywhere"},
        {"spellings": ["sky", "ski"], "at": "end"},
        {"spellings": ["ye", "e"], "at": "start"},
        {"spellings": ["", "'", "’"], "at": "anywhere"},
        {"spellings": ["a", "ah"], "at": "end"},
    ]


@pytest.mark.parametrize("value, message", [
    (["kh"], "at least two spellings"),
    (["kh ~ kh"], "listed twice"),
    (["k1 ~ k"], "not a lower-case spelling"),
    ([{"spellings": ["a", "b"], "at": "middle"}], "'at' must be one of"),
    ([{"spelling": ["a", "b"]}], "unknown key"),
    ("kh ~ h", "must be a list"),
])
def test_bad_equivalences(value, message):
    with pytest.raises(ValueError, match=message):
        equivalence_list(value)


def test_a_bad_rule_file_is_reported_with_file_and_rule(tmp_path):
    (tmp_path / "r.yml").write_text(textwrap.dedent("""\
        rules:
          - id: desk.variants
            kind: variants
            level: warning
            description: test
            equivalences: ["kh"]
        """), encoding="utf-8")
    with pytest.raises(Exception, match=r"r\.yml.*desk\.variants.*equivalence 1"):
        load_rules([str(tmp_path)])


def test_a_desk_extends_the_table_in_its_pack(tmp_path):
    text = "Iran's foreign minister Abbas Araghchi spoke. Araghchi said so. Araqchi left."
    assert variants(text) == []
    desk = tmp_path / "desk"
    desk.mkdir()
    (desk / "pack.yml").write_text(textwrap.dedent(f"""\
        extends: newsroom
        override:
          {RULE}: {{also: ["q ~ gh"]}}
        """), encoding="utf-8")
    assert variants(text, load_rules(style=str(desk))) == [("Araqchi", "Araghchi")]


# -- speed paths change nothing --------------------------------------------------------

STORIES = [GOVERNOR.replace("Donetsk", "Ukrainian Donetsk"),
           "In Kyiv, Mykola Tkachenko spoke. Tkachenko said so. Tkatchenko left.",
           "Youssef Haddad spoke. Haddad said convoys passed. Hadad added more.",
           "İstanbul: Mykola Tkachenko spoke. Tkachenko said so. Tkatchenko left.",  # case trap: no lower view
           "ΣΣ. Kyiv's Mykola Tkachenko spoke. Tkachenko said so. Tkatchenko left."]


@pytest.mark.skipif(not fastscan.available(), reason="google-re2 is not installed")
def test_markers_give_the_same_findings_with_and_without_re2():
    fast = Engine(ALONE.rules)
    saved = fastscan._re2
    fastscan._re2 = None
    try:
        plain = Engine(ALONE.rules)
    finally:
        fastscan._re2 = saved
    results = []
    for text in STORIES:
        a = [(f.offset, f.fix) for f in fast.lint(Document(text))]
        b = [(f.offset, f.fix) for f in plain.lint(Document(text))]
        assert a == b, text
        results.append(bool(a))
    assert results == [True, True, False, True, True]


# -- the evaluation set -------------------------------------------------------------------

def test_evaluation_set_precision_and_recall():
    bench = _bench("variants")
    r = bench.evaluate()
    assert r["variant_stories"] >= 150 and r["clean_stories"] >= 300
    assert r["precision"] >= 0.95, [m for _s, m in r["alarms"]]
    assert r["recall"] >= 0.85 and r["check_recall"] >= 0.85, [s["pairs"] for s in r["misses"]]


# A word list that exercises every one-letter rewrite of the built-in table (j -> zh,
# g -> h, q -> k, y -> i, dropped apostrophes and hyphens), doubled letters, possessives,
# Arabic articles and words that are not ASCII before or after decomposition.
KEY_WORDS = ["Jaber", "Gaidai", "Haidai", "Raqqa", "Rakka", "Yuriy", "Zelenskyy", "Zelensky",
             "L'viv", "Lviv", "Abdel-Aziz", "Abdelaziz", "Al-Assad", "al-Assad", "el-Assad",
             "Putin's", "Putin", "Dzhokhar", "Djokhar", "Sana'a", "Sanaa", "Qaddafi", "Gaddafi",
             "Jazz", "Yagoda", "Gjergj", "Hajj", "Kyiv", "Kiev", "Kyïv", "Łukasz", "Zoë", "Müller",
             "Gryzlow", "Gryzlov", "Tkachenko", "Tkatchenko", "Yeo", "Ivanoff", "Ivanov", "Ab"]


def _keys(rule, words: list[str], fast: bool, monkeypatch) -> dict[str, str]:
    from copylint.checks import variants_compare as module

    with monkeypatch.context() as patch:
        if not fast:
            patch.setattr(module._Table, "_ascii_letters", lambda self: None)
        table = module._Table(rule)
        for word in words:  # one word a batch: ASCII batches and the others
            table.learn([word])
        batch = module._Table(rule)
        batch.learn(words)  # one batch holding non-ASCII words: the plain path
        assert batch.keys == table.keys
        return table.keys


def test_ascii_translation_gives_the_keys_of_str_translate(monkeypatch):
    """The bytes fast path of the one-letter rewrites is tested against the plain
    ``str.translate`` path, on the built-in table and on desk tables whose one-letter
    rewrites drop letters, lengthen them, or rewrite a key of a longer spelling."""
    from copylint.checks.variants_compare import _Table

    (rule,) = ALONE.rules
    assert _Table(rule)._ascii_letters() is not None  # the built-in table takes the fast path
    fast = _keys(rule, KEY_WORDS, True, monkeypatch)
    assert fast == _keys(rule, KEY_WORDS, False, monkeypatch)
    assert fast["Gaidai"] == fast["Haidai"] and fast["Raqqa"] == fast["Rakka"]
    assert fast["Jaber"] != fast["Gaidai"]
    for extra in (["w ~ v"], ["b ~ "], ["ll ~ w", "z ~ s"], ["oe ~ o", "b ~ p"]):
        desk = type(rule)(**{**rule.__dict__, "options": {**rule.options, "also": equivalence_list(extra)}})
        assert _keys(desk, KEY_WORDS, True, monkeypatch) == _keys(desk, KEY_WORDS, False, monkeypatch), extra


def _bench(name: str):
    """``bench/<name>.py``, imported as a module."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.pop(0)


def test_cost_benchmark_times_the_checks_parts(tmp_path, capsys):
    """bench/variants_cost.py --parts on a tiny corpus of our own: it runs the check
    (one story is marked and holds a variant pair) and prints each part."""
    (tmp_path / "a.txt").write_text("In Kyiv, Mykola Tkachenko spoke. Tkachenko said so. Tkatchenko left.\n",
                                    encoding="utf-8")
    (tmp_path / "b.txt").write_text("The council met on Monday and approved the budget.\n", encoding="utf-8")
    bench = _bench("variants_cost")
    assert bench.main(["--parts", "--rounds", "1", "--corpus", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("2 files, style newsroom, 1 rounds")
    for part in ("lint without", "RE2 pass without", "RE2 pass with", "variants run", "cost of the check"):
        assert part in out, part


def test_cost_benchmark_splits_a_whole_lint_in_new_processes(tmp_path, capsys):
    """bench/variants_cost.py --process: whole lints in new processes, with and
    without the check, the check's part split up inside them."""
    (tmp_path / "a.txt").write_text("In Kyiv, Mykola Tkachenko spoke. Tkachenko said so. Tkatchenko left.\n",
                                    encoding="utf-8")
    bench = _bench("variants_cost")
    assert bench.main(["--process", "--rounds", "1", "--corpus", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("style newsroom, 1 rounds of new processes")
    without, with_ = (line for line in out.splitlines() if line.strip().startswith(("without", "with ")))
    assert "run" not in without and "run" in with_  # the check ran in one series only
    assert "the shared RE2 pass" in out and "markers' own pass" in out and "signatures" in out and "keys" in out


# -- fast paths against the plain path ------------------------------------------------------

def _plain_key(table, word: str) -> str:
    """A word's key computed the plain way, one word at a time: the possessive and
    the article's capital taken off, every spelling of the table (one-letter ones too)
    rewritten by one leftmost-longest alternation per position with a function per
    match, doubled letters collapsed by a back-reference."""
    import re
    import unicodedata

    base = re.sub(r"['’]s$", "", word)
    if base[2:3] == "-" and base[1:2] in "lL":
        base = base[:1].lower() + base[1:]
    if len(base) < table.min_length or base in table.stop_as_written:
        return "\0" + base
    key = base.lower()
    key = re.sub("[\u0300-\u036f]", "", unicodedata.normalize("NFKD", key))
    for at, wrap in (("end", "({})$"), ("start", "^({})"), ("anywhere", "({})")):
        canon = table.canon[at]
        spellings = sorted((s for s in canon if s), key=lambda s: (-len(s), s))
        if spellings:
            key = re.sub(wrap.format("|".join(map(re.escape, spellings))), lambda m: canon[m.group()], key)
    if table.doubled:
        key = re.sub(r"([^\W\d_])\1+", lambda m: m.group(1), key)
    return key if len(key) >= 3 else "\0" + base


def _evaluation_words(rule) -> list[str]:
    """Every capitalised word of the evaluation set and the spellings of its name
    tables, and generated names: every spelling of the table at the start, inside
    and at the end of a word, next to every other."""
    import json
    import re

    import yaml

    from copylint.checks.variants_compare import _Table

    words: set[str] = set(KEY_WORDS)
    canon = _Table(rule).canon
    spellings = sorted({s for at in canon for s in canon[at] if s and s[0].isalpha()})
    for a in spellings:
        for b in spellings:
            for word in (a + "o" + b, "ko" + a + b + "enko", "al-ra" + a + "i" + b, b + a + "ov"):
                words.add(word[:1].upper() + word[1:])
    for line in (ROOT / "bench" / "variants" / "stories.jsonl").read_text(encoding="utf-8").splitlines():
        words.update(re.findall(r"(?:[Aa]l-|[Ee]l-)?[A-ZÀ-ÖØ-ÞĀ-ž][\w'’-]*[a-zß-öø-ÿĀ-ž](?:['’]s)?",
                                json.loads(line)["text"]))
    names = yaml.safe_load((ROOT / "bench" / "variants" / "names.yml").read_text(encoding="utf-8"))

    def strings(value):  # every string in the tables
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for v in value.values():
                yield from strings(v)
        elif isinstance(value, list):
            for v in value:
                yield from strings(v)

    for text in strings(names):
        words.update(w for w in text.split() if w[:1].isupper())
    return sorted(words)


def test_batched_keys_are_the_plain_keys_of_every_evaluation_word():
    """The batched keys (split + map per position, bytes.translate, the all-wanted
    branch, doubled letters by split) equal keys computed word by word the plain way,
    for the thousands of words of the evaluation set, in batches of every size."""
    from copylint.checks.variants_compare import _Table

    (rule,) = ALONE.rules
    words = _evaluation_words(rule)
    assert len(words) > 5000
    reference = _Table(rule)
    plain = {w: _plain_key(reference, w) for w in words}
    for size in (1, 7, len(words)):
        table = _Table(rule)
        for i in range(0, len(words), size):
            table.learn(words[i:i + size])
        assert {w: table.keys[w] for w in words} == plain, size


def test_the_fast_exit_never_drops_a_pair_the_full_comparison_reports(monkeypatch):
    """A story in which no two words share a key is left without judging it.  Judging
    every marked story instead (the plain path) gives the same findings, on every
    story of the evaluation set and on generated stories that mix each name table
    spelling with possessives, articles and lower-case uses."""
    import json

    import yaml

    from copylint.checks import variants_compare

    stories = [json.loads(line)["text"] for line in
               (ROOT / "bench" / "variants" / "stories.jsonl").read_text(encoding="utf-8").splitlines()]
    names = yaml.safe_load((ROOT / "bench" / "variants" / "names.yml").read_text(encoding="utf-8"))
    for person in names["people"]:
        given, surname = person["given"], person["surname"]
        stories.append(f"Ukraine: {given[0]} {surname[0]} spoke in Kyiv. {surname[0]}'s office said so. "
                       f"{surname[-1]} left. Later {given[-1]} {surname[0]} returned.\n")
    judged = []
    original = variants_compare.Comparer._judge

    def counting(self, doc, rule, table, words):
        judged.append(doc.prose)
        return original(self, doc, rule, table, words)

    monkeypatch.setattr(variants_compare.Comparer, "_judge", counting)
    fast = [[(f.offset, f.match, f.fix) for f in lint_text(text, STYLE) if f.rule == RULE] for text in stories]
    fast_judged = len(judged)

    def plain_run(self, doc, rules):  # every marked story judged, whatever its keys
        for rule in rules:
            table = self._tables[rule.id]
            words = set(self._caps.compiled.findall(doc.prose))
            if "l-" in doc.prose:
                words.update(t for _s, _e, t in variants_compare._articles(doc.prose, variants_compare._UNICODE.name.compiled))
            table.learn(words)
            yield from self._judge(doc, rule, table, words)

    monkeypatch.setattr(variants_compare.Comparer, "run", plain_run)
    judged.clear()
    plain = [[(f.offset, f.match, f.fix) for f in lint_text(text, STYLE) if f.rule == RULE] for text in stories]
    assert fast == plain
    assert len(judged) > fast_judged + 200  # the plain path did judge the stories the fast one skips
    assert sum(map(bool, fast)) > 150


def test_a_story_without_markers_loads_nothing_of_the_comparison():
    """The default style's check is built from its fields and markers alone: linting
    a story without markers neither imports the comparison nor builds its tables."""
    import subprocess

    code = ("import sys\n"
            "from copylint import lint_text, load_rules\n"
            "rules = load_rules()\n"
            "lint_text('The council met on Monday and approved the budget for next year.\\n', rules)\n"
            "print('copylint.checks.variants' in sys.modules, 'copylint.checks.variants_compare' in sys.modules)\n"
            "found = lint_text('Ukraine: Mykola Tkachenko spoke. Tkachenko said so. Tkatchenko left.\\n', rules)\n"
            "print('copylint.checks.variants_compare' in sys.modules, [f.match for f in found "
            "if f.rule == 'names.transliteration-variants'])\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split("\n")[:2] == ["True False", "True ['Tkatchenko']"]


# -- the fast candidate scan against the plain one, on generated stories --------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

#: Spellings that are variants of one another (and near misses that are not), with
#: possessives, articles, non-ASCII letters and words too short to compare.
_SURNAMES = ["Kyrylenko", "Kirilenko", "Kyrilenko", "Haidai", "Gaidai", "Khaidai", "Zelensky", "Zelenskyy",
             "Zelenskiy", "al-Assad", "el-Assad", "Al-Assad", "Assad", "Tkachenko", "Tkatchenko", "Johnson",
             "Johnston", "Ivanov", "Ivanova", "Ivanoff", "Smith", "Smyth", "Berada", "Berrada", "Müller",
             "Muller", "Sana'a", "Sanaa", "Kyiv", "Kiev", "Kyïv", "Li", "Lee", "Raqqa", "Rakka", "Gryzlov",
             "Gryzlow", "Shanxi", "Shaanxi", "Łukasz", "Lukasz", "Salami", "Salamy", "Putin", "Poutine"]
_GIVEN = ["Pavlo", "Andriy", "Mykola", "John", "Olga", "Bashar", "Mohamed", "Mohammed", ""]
_TITLES = ["Governor", "President", "Mr", "General", "the farmer", ""]
_TAILS = ["said the town was shelled", "left", "spoke to reporters in Kyiv", "said so", "met his brother",
          "was identified by the agency as \"{name}\"", "is also spelled {name}", "ate salami", "smiled"]


_GROUPS = [["Kyrylenko", "Kirilenko", "Kyrilenko"], ["Haidai", "Gaidai", "Khaidai"],
           ["Zelensky", "Zelenskyy", "Zelenskiy"], ["al-Assad", "el-Assad", "Al-Assad", "Assad"],
           ["Tkachenko", "Tkatchenko"], ["Berada", "Berrada"], ["Raqqa", "Rakka"], ["Shanxi", "Shaanxi"],
           ["Müller", "Muller"], ["Kyiv", "Kiev", "Kyïv"], ["Gryzlov", "Gryzlow"], ["Johnson", "Johnston"]]


@st.composite
def _stories(draw) -> str:
    """A story about one person or place (spelled one or more ways), with bystanders."""
    group = draw(st.sampled_from(_GROUPS))
    given = draw(st.sampled_from(_GIVEN))
    sentences = []
    for _ in range(draw(st.integers(1, 7))):
        if draw(st.integers(0, 2)):  # the story's own name, spelled one of its ways
            surname, first = draw(st.sampled_from(group)), draw(st.sampled_from([given, given, ""]))
        else:  # a bystander
            surname, first = draw(st.sampled_from(_SURNAMES)), draw(st.sampled_from(_GIVEN))
        name = surname + draw(st.sampled_from(["", "", "", "'s", "’s"]))
        title = draw(st.sampled_from(_TITLES))
        tail = draw(st.sampled_from(_TAILS)).format(name=draw(st.sampled_from(_SURNAMES)))
        sentence = " ".join(p for p in (title, first, name, tail) if p)
        sentences.append(sentence[:1].upper() + sentence[1:] + ".")
    separator = draw(st.sampled_from([" ", "\n\n", "\r\n"]))
    return separator.join(sentences) + "\n"


def _plain_base(word: str) -> str:
    import re

    base = re.sub(r"['’]s$", "", word)
    return base[:1].lower() + base[1:] if base[2:3] == "-" and base[1:2] in "lL" else base


_FOUND: list[bool] = []


@pytest.fixture(scope="module")
def comparers():
    """A fast and a plain comparer, kept across the examples (as across the stories of
    a run: the fast one's key cache grows), and the markers of the rule."""
    from copylint.checks import variants_compare as module
    from copylint.checks.variants import VariantsCheck

    (rule,) = ALONE.rules
    yield (module.Comparer([rule], STYLE.rules), module.Comparer([rule], STYLE.rules),
           VariantsCheck([rule])._markers[0][1])
    assert sum(_FOUND) >= len(_FOUND) // 20  # the generated stories did hold reported pairs


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_stories())
def test_the_fast_candidate_scan_equals_the_plain_one_on_generated_stories(comparers, text):
    """The fast path (one ``findall``, keys learnt in batches and cached, the story
    left when no two bases share a key) gives the findings of the plain path (every
    story judged, each word's key computed alone by ``_plain_key``), and the markers
    searched alone (by the Aho-Corasick automaton, and by RE2) answer as Python's
    ``re`` does."""
    from copylint.checks import variants_compare as module

    (rule,) = ALONE.rules
    fast, plain, markers = comparers
    doc = Document(text)
    got = [(h.start, h.end, h.fix, h.other) for h in fast.run(doc, [rule])]
    table = plain._tables[rule.id]
    words = set(plain._caps.compiled.findall(doc.prose))
    if "l-" in doc.prose:
        words.update(t for _s, _e, t in module._articles(doc.prose, module._UNICODE.name.compiled))
    for word in words:
        table.keys[word] = _plain_key(table, word)
        table.bases[word] = _plain_base(word)
    saved = module._ASCII
    module._ASCII = module._UNICODE  # the plain path: the Unicode word shapes for every story
    try:
        want = [(h.start, h.end, h.fix, h.other) for h in plain._judge(doc, rule, table, words)]
    finally:
        module._ASCII = saved
    assert got == want
    _FOUND.append(bool(got))
    plain_absent = markers._python.search(doc.lower_prose or doc.prose.lower()) is None
    if markers.trigger is not None and doc.lower_utf8 is not None:
        assert markers.trigger.absent(doc) == plain_absent
    markers._searched = markers.SWITCH  # the automaton from now on
    assert markers.absent(doc) in (plain_absent, None)  # the automaton, when it answers
    assert markers.present(doc) == (not plain_absent)


def _desk_rule(extra: list[str]):
    (rule,) = ALONE.rules
    return type(rule)(**{**rule.__dict__, "options": {**rule.options, "also": equivalence_list(extra)}})


def test_the_signature_map_of_the_built_in_table():
    """Derived from the table: a e i y one class, o u one, f p v w one, the letters
    that spellings of different lengths differ in (and the marks) dropped."""
    from copylint.checks.variants_compare import POSITIONS_ORDER, _Table, signature_map

    (rule,) = ALONE.rules
    found = signature_map(_Table(rule).canon[at] for at in POSITIONS_ORDER)
    classes: dict[str, str] = {}
    for c, r in sorted(found.items()):
        classes[r] = classes.get(r, "") + c
    assert classes == {"": "'-`cdghjkqstxzʹʼ’", "a": "aeiy", "f": "fpvw", "l": "l", "o": "ou"}
    assert signature_map([{"ab": "a", "a": "a"}, {"x": "ab"}]) is not None
    no_doubles = _Table(type(rule)(**{**rule.__dict__, "options": {**rule.options, "doubled-letters": False}}))
    assert no_doubles._signature() is None and no_doubles.sharing({"Kyiv", "Kiev"}) == {"Kyiv", "Kiev"}


_LETTERS = ["a", "o", "n", "r", "m", "b", "l", "e", "i", "t", "s", "ï", "é", "ł", "'"]


@st.composite
def _variant_words(draw, classes: list[list[str]]) -> tuple[str, str]:
    """Two spellings of one name: the same letters, and at some places two
    spellings of one class of the table (so their keys are usually equal)."""
    a, b = [], []
    for _ in range(draw(st.integers(2, 6))):
        if draw(st.booleans()):
            spellings = draw(st.sampled_from(classes))
            a.append(draw(st.sampled_from(spellings)))
            b.append(draw(st.sampled_from(spellings)))
        else:
            letter = draw(st.sampled_from(_LETTERS))
            a.append(letter)
            b.append(letter)
    ending = draw(st.sampled_from(["", "", "'s", "’s"]))
    first, second = "".join(a), "".join(b)
    return first[:1].upper() + first[1:] + ending, second[:1].upper() + second[1:]


_EXTRAS = [[], ["w ~ v"], ["b ~ "], ["ll ~ w", "z ~ s"], ["oe ~ o", "b ~ p"], ["-ova ~ -ov"]]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_words_with_one_key_always_share_a_signature(data):
    """The signature gate keeps every word of every candidate pair: for generated
    pairs of spellings (the table's classes swapped at random places, with desk
    tables that extend the built-in one) and bystanders, any two words whose plain
    keys are equal and whose bases differ are both among the words ``sharing``
    returns."""
    from copylint.checks.variants_compare import _Table

    extra = data.draw(st.sampled_from(_EXTRAS))
    table = _TABLES.get(tuple(extra))
    if table is None:
        table = _TABLES[tuple(extra)] = _Table(_desk_rule(extra) if extra else ALONE.rules[0])
    classes: dict[str, list[str]] = {}
    for spelling, target in table.canon["anywhere"].items():
        classes.setdefault(target, []).append(spelling)
    pairs = data.draw(st.lists(_variant_words([c for c in classes.values() if len(c) > 1]), min_size=1, max_size=8))
    words = {w for pair in pairs for w in pair if w[:1].isalpha()}
    by_key: dict[str, set[str]] = {}
    for word in words:
        key = _plain_key(table, word)
        if key[0] != "\0":
            by_key.setdefault(key, set()).add(word)
    kept = set(table.sharing(words))
    for group in by_key.values():
        if len({_plain_base(w) for w in group}) > 1:
            assert group <= kept, (group, kept)


_TABLES: dict = {}  # one table per desk table, kept across the examples


def test_instruction_benchmark_reads_callgrinds_count():
    """bench/variants_instructions.py reads the count callgrind prints at exit."""
    bench = _bench("variants_instructions")
    stderr = "==41== Events    : Ir\n==41== Collected : 1433058600\n==41==\n==41== I   refs:      1,433,058,600\n"
    assert bench.collected(stderr) == 1433058600
    assert bench.collected("valgrind: no such file\n") is None


# -- the markers as literals, searched by one automaton ------------------------------------

def test_the_built_in_markers_are_searched_by_the_automaton():
    from copylint.checks.variants import VariantsCheck

    (rule,) = ALONE.rules
    markers = VariantsCheck([rule])._markers[0][1]
    assert markers.literals is not None and len(markers.literals) > 100
    assert b"zh" in markers.literals and b"ov\n" in markers.literals and " ’".encode() not in markers.literals
    assert "ova’".encode() in markers.literals  # a class with a non-ASCII character, as UTF-8
    story = Document("The council met on Monday.\n")
    for _ in range(markers.SWITCH):
        assert markers.absent(story) is True  # RE2, for the first stories of a process
    assert markers._automaton is None  # not built (nor the library imported) for them
    assert markers.absent(story) is True
    assert markers._find() is not None
    assert markers.absent(Document("Talks in Moscow ended.\n")) is False
    assert markers.absent(Document("İstanbul: talks ended.\n")) is None  # no lower-cased view: re answers


@pytest.mark.parametrize("pattern, expected", [
    ("ab|cd", ["ab", "cd"]),
    ("(?:ov|ev)[ ,]", ["ov ", "ov,", "ev ", "ev,"]),
    ("x[a-c]", ["xa", "xb", "xc"]),
    ("a(b|c)d", ["abd", "acd"]),
    (r"\.ru", [".ru"]),
    ("ab+", None), ("a?b", None), ("^ab", None), ("ab$", None), (r"\bab", None), ("[^a]b", None),
    (r"a\wb", None), ("(?i)ab", None), ("(?i:a)b", None), ("(?=a)b", None), ("a(", None),
    ("[a-z][a-z][a-z][a-z]", None),  # more strings than the limit
])
def test_marker_literals(pattern, expected):
    from copylint.checks.variants import marker_literals

    assert marker_literals(pattern) == expected


_MARKER_PARTS = st.sampled_from(["a", "b", "zh", "’", " ", "\n", "\\.", "[ab]", "[ ,’]", "(?:a|bz)",
                                 "(?:o|zh|)", "(a|’b)", "x", "[a-c]"])


@settings(max_examples=150, deadline=None)
@given(patterns=st.lists(st.lists(_MARKER_PARTS, min_size=1, max_size=4).map("".join), min_size=1, max_size=4),
       text=st.text(alphabet="abcxzhoO’ ,.\nİΣ", max_size=40))
def test_the_markers_automaton_answers_as_re(patterns, text):
    """Markers that are literal sets (generated from letters, classes, groups and
    alternations, with non-ASCII characters, line breaks and the empty
    alternative) answer as Python's ``re`` searching the lower-cased text does,
    by the automaton, and by RE2 without it."""
    import re

    from copylint.checks.variants import _Markers

    doc = Document(text)
    want = re.search("|".join(f"(?:{p})" for p in patterns), doc.lower_prose or doc.prose.lower()) is not None
    markers = _Markers(patterns)
    assert markers.literals is not None
    assert markers.present(doc) == want  # RE2 (a process's first stories)
    markers._searched = markers.SWITCH
    assert markers.present(doc) == want  # the automaton
    markers._automaton = False  # as without the library: RE2 (or re) answers
    assert markers.present(doc) == want


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet="AaBbZzEeYy'’-.0_ \nÀéĀāž", max_size=30))
def test_the_ascii_word_shapes_find_what_the_unicode_ones_find_in_ascii_text(text):
    """The word shapes for ASCII text (cheap to compile) and the Unicode ones
    find the same in ASCII text (and :func:`_shapes` picks the ASCII ones only
    there)."""
    from copylint.checks import variants_compare as module

    ascii_, unicode_ = module._ASCII, module._UNICODE
    assert module._shapes(text) is (ascii_ if text.isascii() else unicode_)
    text = text.encode("ascii", "ignore").decode("ascii")
    for name in ("caps", "name", "letter_before", "previous", "next", "words_before", "lower_word"):
        a, u = getattr(ascii_, name).compiled, getattr(unicode_, name).compiled
        assert a.findall(text) == u.findall(text), name
        assert [m.span() for m in a.finditer(text)] == [m.span() for m in u.finditer(text)], name
        for i in range(len(text) + 1):
            ma, mu = a.match(text, i), u.match(text, i)
            assert (ma and ma.groups(), ma and ma.span()) == (mu and mu.groups(), mu and mu.span()), name
