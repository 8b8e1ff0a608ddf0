"""The Vale-derived kinds (occurrence, conditional, capitalization, metric,
spelling), positive and negative, on rules and texts written for the test."""

import pytest

from copylint import lint_text
from copylint.checks.metric import FormulaError, compile_condition, compile_formula
from copylint.checks.text_stats import syllables, text_stats
from copylint.errors import RuleError


def found(findings):
    return [(f.rule, f.match, f.message) for f in findings]


def test_occurrence_max_per_sentence(make_rules):
    rules = make_rules("""
        rules:
          - id: t.commas
            kind: occurrence
            level: suggestion
            description: too many commas
            message: "More than 2 commas (%d)."
            scope: sentence
            token: ','
            max: 2
    """)
    text = "Red, green, blue, and grey flags flew. One, two, three."
    assert found(lint_text(text, rules)) == [("t.commas", ",", "More than 2 commas (3).")]
    assert lint_text("One, two, three.", rules) == []


def test_occurrence_min_reports_on_first_word(make_rules):
    rules = make_rules("""
        rules:
          - {id: t.short, kind: occurrence, level: warning, description: d,
             message: "Only %d words.", scope: document, token: '\\b\\w+\\b', min: 5}
    """)
    findings = lint_text("  Too short.", rules)
    assert [(f.column, f.message) for f in findings] == [(3, "Only 2 words.")]
    assert lint_text("This one has five words.", rules) == []


def test_occurrence_needs_a_bound(make_rules):
    with pytest.raises(RuleError, match="give 'max' or 'min'"):
        make_rules("""
            rules:
              - {id: t.x, kind: occurrence, level: warning, description: d, token: 'x'}
        """)


ACRONYMS = """
    rules:
      - id: t.acronym
        kind: conditional
        level: warning
        description: acronyms are spelled out on first use
        message: "'%s' is not defined."
        scope: document
        first: '\\b([A-Z]{3,5})\\b'
        second: '(?:\\b[A-Z][a-z]+ )+\\(([A-Z]{3,5})\\)'
        exceptions: [NATO]
"""


def test_conditional_acronym_defined_on_first_use(make_rules):
    rules = make_rules(ACRONYMS)
    text = "The World Health Organization (WHO) met. WHO said the IAEA and NATO agreed."
    assert [(f.match) for f in lint_text(text, rules)] == ["IAEA"]


def test_conditional_definition_after_use_does_not_count(make_rules):
    rules = make_rules(ACRONYMS.replace("scope: document", "scope: paragraph"))
    text = "The OSCE sent monitors.\n\nThe Organization Security Cooperation Europe (OSCE) did."
    assert [f.match for f in lint_text(text, rules)] == ["OSCE"]


def test_conditional_plain_presence(make_rules):
    rules = make_rules("""
        rules:
          - {id: t.byline, kind: conditional, level: warning, description: d,
             message: "A dateline needs a byline.", scope: document,
             first: '^[A-Z]+, [A-Z][a-z]+ \\d+', second: '^By '}
    """)
    assert [f.match for f in lint_text("KYIV, March 3 - Rain fell.", rules)] == ["KYIV, March 3"]
    assert lint_text("By Ann Lee\n\nKYIV, March 3 - Rain fell.", rules) == []


CASE_RULES = """
    rules:
      - id: t.sentence
        kind: capitalization
        level: warning
        description: headlines in sentence case
        message: "'%s' should be in sentence case."
        scope: paragraph
        match: $sentence
        exceptions: [Kyiv, European Union]
        indicators: [':']
      - id: t.title
        kind: capitalization
        level: suggestion
        description: section titles in title case
        message: "'%s' should be '%s'."
        scope: paragraph
        match: $title
        style: Chicago
"""


def test_capitalization_sentence_case(make_rules):
    rules = make_rules(CASE_RULES).select(lambda r: r.id == "t.sentence")
    assert found(lint_text("Mayor Of Kyiv Meets Ministers", rules)) == [
        ("t.sentence", "Mayor Of Kyiv Meets Ministers",
         "'Mayor Of Kyiv Meets Ministers' should be in sentence case.")]
    for good in ["Mayor of Kyiv meets European Union ministers", "Storm warning: Rain expected",
                 "NATO leaders meet in Kyiv"]:
        assert lint_text(good, rules) == [], good


def test_capitalization_title_case_chicago(make_rules):
    rules = make_rules(CASE_RULES).select(lambda r: r.id == "t.title")
    findings = lint_text("a guide to the city of kyiv", rules)
    assert [f.message for f in findings] == [
        "'a guide to the city of kyiv' should be 'A Guide to the City of Kyiv'."]
    assert lint_text("A Guide to the City Through the Ages", rules) == []


def test_capitalization_lower_upper_and_regex(make_rules):
    rules = make_rules("""
        rules:
          - {id: t.low, kind: capitalization, level: warning, description: d, match: $lower}
          - {id: t.up, kind: capitalization, level: warning, description: d, match: $upper,
             scope: sentence}
          - {id: t.re, kind: capitalization, level: warning, description: d, match: '^[A-Z]'}
    """)
    assert {f.rule for f in lint_text("Hello world", rules)} == {"t.low", "t.up"}
    assert {f.rule for f in lint_text("hello world", rules)} == {"t.up", "t.re"}


def test_metric_flesch_kincaid_and_message(make_rules):
    rules = make_rules("""
        rules:
          - id: t.grade
            kind: metric
            level: suggestion
            description: Flesch-Kincaid grade
            message: "Grade level %s is too high."
            formula: (0.39 * (words / sentences)) + (11.8 * (syllables / words)) - 15.59
            condition: "> 12"
    """)
    hard = ("Notwithstanding considerable international opposition, the administration "
            "authorized extraordinary countermeasures necessitating unprecedented "
            "institutional reorganization throughout governmental bureaucracies.")
    findings = lint_text(hard, rules)
    assert len(findings) == 1 and findings[0].message.startswith("Grade level ")
    assert (findings[0].line, findings[0].column) == (1, 1)
    assert lint_text("The cat sat. The dog ran. It was fun.", rules) == []


def test_metric_formula_is_parsed_not_evaluated():
    assert compile_formula("math.sqrt(words) * 2")({"words": 16.0}) == 8.0
    assert compile_formula("heading.h2 + 1")({"heading_h2": 2.0}) == 3.0
    for bad in ["__import__('os')", "words.__class__", "lambda: 1", "open('x')"]:
        with pytest.raises(FormulaError):
            compile_formula(bad)
    assert compile_condition("> 8")(9.0) and not compile_condition("> 8")(8.0)
    with pytest.raises(FormulaError):
        compile_condition("and 3")


def test_text_stats_counts():
    stats = text_stats("The cat sat on the mat. It was a beautiful day!\n\nSecond paragraph here.")
    assert (stats.words, stats.sentences, stats.paragraphs) == (14, 3, 2)
    assert syllables("beautiful") == 3 and syllables("cat") == 1 and syllables("paragraph") == 3
    assert stats.long_words == 2  # beautiful, paragraph ("Second" has only six letters)
    assert stats.polysyllabic_words == 2


@pytest.fixture
def dictionary(tmp_path):
    """A tiny Hunspell dictionary written for the test."""
    (tmp_path / "xx_TEST.aff").write_text("SET UTF-8\nTRY esianrtolcdugmphbyfvkw\n\n"
                                          "SFX S Y 1\nSFX S 0 s .\n", encoding="utf-8")
    words = ["the", "mayor", "city/S", "said", "council", "met", "on", "Monday", "a", "plan"]
    (tmp_path / "xx_TEST.dic").write_text(f"{len(words)}\n" + "\n".join(words) + "\n", encoding="utf-8")
    return tmp_path


def spelling_rules(make_rules, folder, extra=""):
    return make_rules(f"""
        rules:
          - id: t.spell
            kind: spelling
            level: warning
            description: spelling
            dicpath: '{folder}'
            dictionaries: [xx_TEST]
            {extra}
    """)


def test_spelling_flags_unknown_words_with_affixes(make_rules, dictionary):
    rules = spelling_rules(make_rules, dictionary)
    findings = lint_text("The mayor said the citys counsil met on Monday.", rules)
    assert [(f.match, f.column, f.message) for f in findings] == [
        ("counsil", 26, "Did you really mean 'counsil'?")]


def test_spelling_default_filters_and_accept_reject(make_rules, dictionary):
    rules = spelling_rules(make_rules, dictionary, "accept: [Zelenskyy, 'Kyiv\\w*']\n            reject: [plan]")
    text = "The mayor met Zelenskyy in Kyivan NATO offices on Monday 2024, a plan."
    assert [f.match for f in lint_text(text, rules)] == ["in", "offices", "plan"]


def test_spelling_missing_dictionary_is_a_rule_error(make_rules, tmp_path):
    with pytest.raises(RuleError, match="no Hunspell dictionary 'zz_NONE'"):
        make_rules(f"""
            rules:
              - {{id: t.s, kind: spelling, level: warning, description: d,
                  dicpath: '{tmp_path}', dictionaries: [zz_NONE]}}
        """)
