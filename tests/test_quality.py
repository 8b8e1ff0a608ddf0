"""The evaluation set (bench/quality/*.yaml) through bench/quality.py: its
thresholds, and the repetition and punctuation behaviour of issue 12."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from copylint import lint_text
from copylint.errors import RuleError
from copylint.findings import Applicability
from copylint.fixes.apply import fix_text
from copylint.engine.linting import default_rules

ROOT = Path(__file__).resolve().parent.parent
CLASSES = {"punctuation", "repetition", "places", "attribution", "dates"}
#: Thresholds: recall and precision of error and warning findings per class.
MIN_RECALL = 0.9
MIN_PRECISION = 0.9


def _load_bench():
    spec = importlib.util.spec_from_file_location("quality_bench", ROOT / "bench" / "quality.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["quality_bench"] = module
    spec.loader.exec_module(module)
    return module


bench = _load_bench()


@pytest.fixture(scope="module")
def measured():
    items, classes = bench.load_items()
    outcomes = bench.evaluate(items)
    return items, classes, outcomes, bench.summarise(outcomes, classes)


def test_the_set_is_large_and_balanced(measured):
    items, classes, _, _ = measured
    assert len(items) >= 400
    assert CLASSES <= set(classes)
    for cls in CLASSES:
        counted = [i for i in items if i.cls == cls and not i.pending]
        slips = sum(i.slip for i in counted)
        assert slips >= 35 and len(counted) - slips >= 35, cls
        assert 0.4 <= slips / len(counted) <= 0.6, cls


def test_recall_and_precision_per_class(measured):
    *_, table = measured
    for cls in CLASSES:
        row = table[cls]
        assert row["recall"] >= MIN_RECALL, (cls, row)
        assert row["precision"] >= MIN_PRECISION, (cls, row)
        for level in ("error", "warning"):
            if row[f"precision_{level}"] is not None:
                assert row[f"precision_{level}"] >= MIN_PRECISION, (cls, level, row)
    assert "other" not in table or not table["other"].get("false"), table.get("other")


def test_no_correct_sentence_gets_an_error_or_a_safe_fix(measured):
    *_, outcomes, _ = measured
    for o in outcomes:
        if o.item.slip or o.item.pending:
            continue
        assert not any(str(f.level) == "error" for f in o.findings), (o.item.text, o.findings)
        assert o.safe_fix is None, (o.item.text, o.safe_fix)


def test_pending_items_are_reported_apart(measured, capsys):
    items, _, outcomes, _ = measured
    pending = [o for o in outcomes if o.item.pending]
    assert len(pending) >= 8 and all(not o.item.slip for o in pending)
    passing = [o for o in pending if not o.findings and o.safe_fix is None]
    assert bench.main([]) == 0
    out = capsys.readouterr().out
    assert f"{len(passing)} of {len(pending)} pass" in out and "recall" in out
    bench.main(["-v"])
    listed = [line for line in capsys.readouterr().out.splitlines() if line.startswith("PENDING ")]
    assert len(listed) == len(pending) - len(passing)


def test_a_miss_and_a_false_alarm_are_counted(tmp_path):
    (tmp_path / "x.yaml").write_text(
        "class: repetition\nitems:\n"
        "  - {slip: 'A quiet day.', rule: repetition.words, span: quiet}\n"
        "  - {ok: 'The the end.'}\n", encoding="utf-8")
    items, classes = bench.load_items(tmp_path)
    row = bench.summarise(bench.evaluate(items), classes)["repetition"]
    assert (row["slips"], row["found"], row["false"], row["errors_on_correct"]) == (1, 0, 1, 1)
    assert row["recall"] == 0 and row["precision"] == 0


# -- the sentences of issue 12 ---------------------------------------------------

CORRECT = [
    "Zelenskyy was sworn in in May 2019.", "She came in in a hurry.",
    "It was what he believed in in the 1990s.", "You need to log in in the morning.",
    "You can contact E.ON on Instagram.", "He gave her her phone back.", "To record record profits.",
    "It was hush hush.", "Bye bye, he said.", "It was so so.", "Yadda yadda, he said.",
    "He had had enough.", "She said that that was wrong.", "Who will pay?.. Nobody.",
    '"Enough!.." she shouted.', "It was a strange match . . . momentum swings.",
    "Wheat   1.20   1.25   1.31\nCorn    0.90   0.92   0.95",
]
DOUBTFUL = {  # a repeat that may be meant: warning, unsafe fix
    "The plan is is ready.": "is is", "I I think so.": "I I", "He wanted more more money.": "more more",
    "We must go now now.": "now now", "British British forces left.": "British British",
    "He said that that that was wrong.": "that that", "An application that that provides maps.": "that that",
    "The firms had had merged by then.": "had had",
}
PUNCTUATION = {  # slip -> what a safe fix makes of it
    "The houses were damaged .\nRescuers came.": "The houses were damaged.\nRescuers came.",
    "The hall was full ,and people waited.": "The hall was full, and people waited.",
    "He said so .Later he left.": "He said so. Later he left.",
    "The houses were damaged ., officials said.": "The houses were damaged, officials said.",
    "This is   a  test.": "This is a test.",
    "Where is he ?": "Where is he?",
}


@pytest.mark.parametrize("text", CORRECT)
def test_correct_sentences_are_silent_and_fix_leaves_them(text):
    rules = default_rules()
    assert [f for f in lint_text(text, rules) if f.level >= 2] == []
    assert fix_text(text, rules, unsafe=True).text == text


@pytest.mark.parametrize("text", DOUBTFUL)
def test_doubtful_repeats_are_warnings_with_an_unsafe_fix(text):
    rules = default_rules()
    (f,) = [f for f in lint_text(text, rules) if f.rule.startswith("repetition.")]
    assert (f.rule, str(f.level), f.match, f.applicability) == (
        "repetition.words-doubtful", "warning", DOUBTFUL[text], Applicability.UNSAFE)
    assert fix_text(text, rules).text == text
    assert fix_text(text, rules, unsafe=True).text == text.replace(DOUBTFUL[text], DOUBTFUL[text].split()[0], 1)


def test_certain_repeats_are_errors_with_a_safe_fix():
    rules = default_rules()
    (f,) = lint_text("Prices rose by up to to 9 percent.", rules)
    assert (f.rule, str(f.level), f.applicability) == ("repetition.words", "error", Applicability.SAFE)
    assert fix_text("The the army left.", rules).text == "The army left."


def test_fragment_deletion_is_unsafe():
    rules = default_rules()
    text = "It had been the target of a series of bombings. bomb."
    (f,) = lint_text(text, rules)
    assert f.rule == "repetition.fragment" and f.applicability is Applicability.UNSAFE
    assert fix_text(text, rules).text == text
    assert fix_text(text, rules, unsafe=True).text == "It had been the target of a series of bombings."


@pytest.mark.parametrize("text", PUNCTUATION)
def test_punctuation_slips_get_a_safe_fix_naming_the_mark(text):
    rules = default_rules()
    found = lint_text(text, rules)
    assert found and all(f.applicability is Applicability.SAFE for f in found)
    assert all("' '" not in f.message for f in found)
    assert fix_text(text, rules).text == PUNCTUATION[text]


def test_space_before_message_names_the_mark():
    (f,) = lint_text("Nobody was hurt , police said.", default_rules())
    assert f.message == "Space before ',': delete the space."


def test_orphaned_modifier_hint_names_the_modifier_and_speaker():
    rules = default_rules()
    (f,) = [f for f in lint_text("The ministry said Russian on Monday that talks had stalled.", rules)]
    assert "('The Russian ministry said')" in f.message and "Ukrainian" not in f.message
    (f,) = lint_text("He said Polish on Monday.", rules)
    assert "'Polish … said'" in f.message


# -- the rule format ---------------------------------------------------------------

def test_contexts_are_validated(make_rules):
    with pytest.raises(RuleError, match="context 1: unknown key"):
        make_rules("rules:\n  - {id: t.r, kind: repetition, level: error, description: d,"
                   " legitimate: [{wrods: [had]}]}\n")
    with pytest.raises(RuleError, match="context 1: before: bad regex"):
        make_rules("rules:\n  - {id: t.r, kind: repetition, level: error, description: d,"
                   " legitimate: [{before: '(unclosed'}]}\n")
    with pytest.raises(RuleError, match="says nothing"):
        make_rules("rules:\n  - {id: t.r, kind: repetition, level: error, description: d,"
                   " legitimate: [{verdict: doubtful}]}\n")


def test_report_splits_certain_from_doubtful(make_rules):
    rules = make_rules("""
        rules:
          - id: t.certain
            kind: repetition
            level: error
            description: d
            report: certain
            certain: [the, in]
            allow-capitalized: false
            legitimate: &ctx
              - {words: [in], previous: [sworn]}
              - {words: [in], before: '(?i)\\blived', verdict: doubtful}
              - {words: [that], previous: ['^', said], not-next: [that]}
              - {capitalized: true, not-words: [the]}
          - id: t.doubtful
            kind: repetition
            level: warning
            description: d
            report: doubtful
            fix-applicability: unsafe
            certain: [the, in]
            allow-capitalized: false
            legitimate: *ctx
    """)
    def found(text):
        return [(f.rule, f.match) for f in lint_text(text, rules)]
    assert found("He was sworn in in May.") == []
    assert found("He lived in in Kyiv.") == [("t.doubtful", "in in")]
    assert found("They met in in Kyiv.") == [("t.certain", "in in")]
    assert found("The The army left.") == [("t.certain", "The The")]
    assert found("They flew to Walla Walla.") == []
    assert found("That that happened is clear. He said that that was so.") == []
    assert found("He knew that that that was so.") == [("t.doubtful", "that that")]
    assert found("Yes   yes\tyes") == []  # column gaps


def test_doubled_space_in_columns_is_silent_but_in_prose_is_not():
    rules = default_rules()
    assert lint_text("Kyiv      Lviv      Odesa\nKharkiv   Dnipro    Lutsk\n", rules) == []
    assert lint_text("Team      P   W\nShakhtar  10  8\n", rules) == []
    assert [f.rule for f in lint_text("This is   a  test.\r\nIt is.\r\n", rules)] == ["hygiene.doubled-space"] * 2
