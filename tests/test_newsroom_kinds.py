"""The newsroom kinds (dates, dateline, balance, quote-style, person) and the
attribution modes tense/double, positive and negative, on text written for
the tests."""

import pytest

from copylint import lint_text, load_rules
from copylint.document.datelines import find_dateline
from copylint.document.model import Document

RULES = load_rules()


def only(rule_id, text, rules=RULES):
    return [f for f in lint_text(text, rules) if f.rule == rule_id]


# -- dates -------------------------------------------------------------------
@pytest.mark.parametrize("text, written, actual", [
    ("The vote was held on Tuesday, Feb. 15, 2023.", "Tuesday", "Wednesday"),
    ("The vote was held on Tuesday, February 15, 2023, in Kyiv.", "Tuesday", "Wednesday"),
    ("The summit opened on Saturday 2 March 2025.", "Saturday", "Sunday"),
    ("The summit opened on Saturday, the 2nd of March 2025.", "Saturday", "Sunday"),
])
def test_weekday_contradicting_its_date(text, written, actual):
    found = only("dates.weekday-mismatch", text)
    # which of the two is wrong is for the writer to decide: a suggestion, never a fix
    assert [(f.match, f.suggestion, f.fix) for f in found] == [(written, actual, None)]
    assert str(found[0].level) == "error"


def test_weekday_takes_the_datelines_year_and_crosses_new_year():
    story = ("LVIV, Jan 2, 2024 (Reuters) - Talks that began on Sunday (Dec. 31) ended on "
             "Tuesday (Jan. 2), the ministry said.")
    found = only("dates.weekday-mismatch", story)
    # Dec. 31, 2023 was a Sunday (year before the dateline); Jan. 2, 2024 was a Tuesday.
    assert found == []
    wrong = story.replace("Sunday (Dec. 31)", "Monday (Dec. 31)")
    found = only("dates.weekday-mismatch", wrong)
    assert [(f.match, f.line, f.column) for f in found] == [("Monday", 1, wrong.index("Monday") + 1)]
    assert "December 31, 2023 was a Sunday" in found[0].message


def test_weekday_without_any_year_is_not_checked():
    assert only("dates.weekday-mismatch", "KYIV, Feb 14 (Reuters) - Talks resume on Monday, Feb. 14, officials said.") == []


def test_impossible_dates():
    assert [f.match for f in only("dates.impossible", "It ends on Feb. 30. It began on 31 June 2024.")] == ["Feb. 30", "31 June"]
    assert only("dates.impossible", "In April 31 people were hurt. On Feb. 29, 2024, it rained.") == []


DATELINED = "KYIV, March 5 (Reuters) - {}"


def test_relative_day_words_only_in_datelined_copy_and_outside_quotes():
    text = DATELINED.format('The mayor said yesterday that “tomorrow will be hard” and left tonight.')
    assert [f.match for f in only("dates.relative-day", text)] == ["yesterday", "tonight"]
    assert only("dates.relative-day", "The mayor said yesterday that talks would resume.") == []
    assert only("dates.relative-day", DATELINED.format("The region, today partly occupied, was calm.")) == []


def test_redundant_time_of_day_fix():
    found = only("dates.redundant-time-of-day", "The army said early on Tuesday morning that it held.")
    assert [(f.match, f.fix, str(f.level)) for f in found] == [("early on Tuesday morning", "early on Tuesday", "suggestion")]


# -- datelines ---------------------------------------------------------------
@pytest.mark.parametrize("text, place, month, day, year, agency", [
    ("KYIV, Feb 14 (Reuters) - Ukrainian forces held the line near the town.", "KYIV", 2, 14, None, "Reuters"),
    ("KYIV, Ukraine (AP) — Ukrainian forces held the line near the town.", "KYIV, Ukraine", None, None, None, "AP"),
    ("Headline\n\nBy A Writer\n\nNEW YORK, March 3, 1987 - Shares rose sharply in early trading on Monday.", "NEW YORK", 3, 3, 1987, None),
])
def test_find_dateline(text, place, month, day, year, agency):
    d = find_dateline(Document(text))
    assert (d.place, d.month, d.day, d.year, d.agency) == (place, month, day, year, agency)


@pytest.mark.parametrize("text", [
    "TOKYO\n\nShares rose in Tokyo on Monday as exporters gained ground.",
    "NATO, the alliance, met on Monday to discuss aid for the army.",
    "Shares rose in Tokyo on Monday.",
])
def test_no_dateline(text):
    assert find_dateline(Document(text)) is None


def test_dateline_house_pattern():
    reuters = load_rules(style="reuters")
    good = "KYIV, Feb 14 (Reuters) - Ukrainian forces held the line near the town."
    assert only("dateline.reuters", good, reuters) == []
    bad = good.replace("Feb 14", "Feb. 14")
    found = only("dateline.reuters", bad, reuters)
    assert [(f.match, f.column) for f in found] == [("KYIV, Feb. 14 (Reuters)", 1)]
    assert "KYIV, Feb 14 (Reuters) -" in found[0].message


@pytest.mark.parametrize("style, story, message, suggestion", [
    # the house form is filled with the story's own place and date, never an example's date
    ("reuters", "KYIV, March 12 (AP) — Ukrainian forces held the line near the town on Tuesday.",
     "Dateline 'KYIV, March 12 (AP)' does not match Reuters style: write 'KYIV, March 12 (Reuters) -'.",
     "KYIV, March 12 (Reuters)"),
    ("reuters", "KHARKIV, Sept. 3 (Reuters) - Ukrainian forces held the line near the town on Tuesday.",
     "Dateline 'KHARKIV, Sept. 3 (Reuters)' does not match Reuters style: write 'KHARKIV, Sept 3 (Reuters) -'.",
     "KHARKIV, Sept 3 (Reuters)"),
    # no date in the story: the parts it lacks are named, and nothing is offered to paste
    ("reuters", "KYIV (AP) — Ukrainian forces held the line near the town on Tuesday.",
     "Dateline 'KYIV (AP)' does not match Reuters style: write 'KYIV, <month> <day> (Reuters) -'.", None),
    ("ap", "ODESA, Ukraine, March 12 (Reuters) - Ukrainian forces held the line near the town.",
     "Dateline 'ODESA, Ukraine, March 12 (Reuters)' does not match AP style: write 'ODESA, Ukraine (AP) —' "
     "(with the state, country or territory where AP requires one).", "ODESA, Ukraine (AP)"),
])
def test_dateline_message_is_the_house_form_of_the_story_s_own_dateline(style, story, message, suggestion):
    found = only(f"dateline.{style}", story, load_rules(style=style))
    assert [(f.message, f.suggestion, f.fix) for f in found] == [(message, suggestion, None)]
    assert "Feb 14" not in found[0].message


def test_dateline_template_is_validated(make_rules):
    from copylint.errors import RuleError

    rule = ("rules:\n  - id: t.d\n    kind: dateline\n    level: warning\n    description: d\n"
            "    pattern: 'X'\n    expected: '{place}, {mnth} {day} - '\n")
    with pytest.raises(RuleError, match=r"rules.yml:7: t.d: expected: unknown placeholder '\{mnth\}'"):
        make_rules(rule)


# -- hygiene -------------------------------------------------------------------
def test_cms_residue_as_its_own_line_only():
    story = "Talks ended.\n\nAdvertisement\n\nRead more: Who pays for the bridge\n\nCategorized in: \n"
    found = only("hygiene.cms-residue", story)
    assert [(f.line, f.match.strip()) for f in found] == [(3, "Advertisement"), (5, "Read more: Who pays for the bridge"), (7, "Categorized in:")]
    assert only("hygiene.cms-residue", "The advertisement said to read more: nothing else.") == []


def test_doubled_space_fix_but_not_in_aligned_columns():
    found = only("hygiene.doubled-space", "Talks  ended.")
    assert [(f.column, f.fix) for f in found] == [(6, " ")]
    assert only("hygiene.doubled-space", "Wheat   1.20   1.25\nCorn    0.90   0.92") == []


def test_quotes_balance_within_a_paragraph():
    found = only("hygiene.unbalanced-quotes", "She said “we will go. He left.\n\nLater he returned.")
    assert [(f.line, f.column, f.match) for f in found] == [(1, 10, "“")]
    assert "not closed" in found[0].message
    closing = only("hygiene.unbalanced-quotes", 'He left.” Then he returned.')
    assert [f.match for f in closing] == ["”"]
    # a quotation running over paragraphs, inch marks, a mangled apostrophe
    assert only("hygiene.unbalanced-quotes", "“We will go.\n\n“We will stay,” he said.") == []
    assert only("hygiene.unbalanced-quotes", 'The 6\'10" centre said "no".') == []
    assert only("hygiene.unbalanced-quotes", 'I don"t know, he said.') == []
    assert only("hygiene.unbalanced-quotes", 'It was priced at "R85" and "2+2=5".') == []


def test_brackets_balance():
    # ')' closes '[' (reported with the mismatch); '(' is never closed
    found = only("hygiene.unbalanced-brackets", "Output (in tonnes fell [sharply).")
    assert sorted((f.match, f.column) for f in found) == [("(", 8), (")", 32)]
    assert only("hygiene.unbalanced-brackets", "Two points: 1) cost and 2) time. a) first :)") == []


def test_mixed_quotes_majority_wins_with_fixes():
    text = '“One,” she said. “Two,” she said. He said "three".'
    found = only("hygiene.mixed-double-quotes", text)
    assert [(f.column, f.fix) for f in found] == [(text.index('"') + 1, "“"), (text.rindex('"') + 1, "”")]
    assert "line 1" in found[0].message
    assert only("hygiene.mixed-double-quotes", '"One," she said. "Two."') == []
    apostrophes = only("hygiene.mixed-apostrophes", "Russia’s army and Kyiv’s army and Ukraine's army.")
    assert [(f.match, f.fix) for f in apostrophes] == [("'", "’")]


# -- names ---------------------------------------------------------------------
def test_person_rule_needs_the_person_to_be_named():
    story = "Pavlo Kirilenko, the governor, spoke.\n\nKirilenko said roads were cut."
    found = only("names.kyrylenko", story)
    assert [(f.line, f.match, f.fix) for f in found] == [(1, "Kirilenko", "Kyrylenko"), (3, "Kirilenko", "Kyrylenko")]
    assert only("names.kyrylenko", "Andrei Kirilenko scored. Kirilenko retired in 2015.") == []


def test_russian_given_names_are_never_blanket_swapped():
    text = "Vladimir Putin met Sergei Lavrov and Vladimir Zelensky's envoy."
    found = [f for f in lint_text(text) if f.rule.startswith("names.")]
    assert [(f.match, f.fix) for f in found] == [("Vladimir", "Volodymyr")]
    assert found[0].column == text.index("Vladimir Zelensky") + 1


def test_garbled_given_name_suggests_without_fixing():
    found = only("names.ukrainian-given-name-garbled", "Its governor, Serhi Haidai, said so.")
    assert [(f.match, f.suggestion, f.fix) for f in found] == [("Serhi", "'Serhiy' or 'Serhii'", None)]


# -- attribution ---------------------------------------------------------------
LEAD = "Schools in the region have had no heating since the shelling began in March.\n\n"


def test_tense_mixed_for_people():
    text = LEAD + "Anna Kovalenko said it was cold. Kovalenko said pupils left. Kovalenko says they study online."
    found = only("attribution.tense", text)
    assert [(f.match, f.suggestion) for f in found] == [("says", "said")]
    assert only("attribution.tense", LEAD + "Anna Kovalenko said it was cold. The ministry says it will help.") == []
    assert only("attribution.tense", LEAD + 'Anna Kovalenko said it was cold. “He says so,” she said.') == []


def test_double_attribution():
    found = only("attribution.double", "According to the ministry, 12 people were hurt, the ministry said.")
    assert [f.match for f in found] == ["the ministry said"]
    assert [f.match for f in only("attribution.double", "According to Kovalenko, schools are cold, she said.")] == ["she said"]
    assert only("attribution.double", "According to the ministry, 12 people were hurt, and police said three died.") == []


# -- a story in the shape of the seed, written for the test --------------------
STORY = """\
A soldier cleans a rifle near the front, in this image released February 13 2023.

By A Reporter

KIEV, Feb 14 (Reuters) – Artillery hit the town of Bakhmut as officials reported a new offensive.

Ukrainian forces repelled attacks on three villages, the army said Ukrainian early on Tuesday morning.

“There is no safe street left in the town,” Pavlo Kirilenko, the regional governor, told television on Monday evening. .

The regions together form the Donbass, the industrial heart of the country.

Separatists said the town had been the target of a series of bombings. bomb.

Categorized in:
"""


def test_story_findings_by_style():
    found = {(f.line, f.rule, str(f.level)) for f in lint_text(STORY)}
    errors = sorted((line, rule) for line, rule, level in found if level == "error")
    assert errors == [(7, "attribution.orphaned-modifier"), (9, "punctuation.stray-stop"),
                      (13, "repetition.fragment"), (15, "hygiene.cms-residue")]
    assert {(5, "places.kyiv", "warning"), (11, "places.donbas", "warning"),
            (9, "names.kyrylenko", "warning"), (7, "dates.redundant-time-of-day", "suggestion")} <= found
    reuters = lint_text(STORY, load_rules(style="reuters"))
    assert not [f for f in reuters if f.line == 5 and f.match.startswith("Feb")]
    assert not [f for f in reuters if f.rule == "dateline.reuters"]
