"""Rule-level readings documentation sites need: each construct stays silent,
and a real slip next to it is still found at its exact column."""

from __future__ import annotations

import pytest

from copylint.formats import make_document
from copylint.engine.linting import default_rules
from copylint.engine.core import Engine


@pytest.fixture(scope="module")
def engine():
    return Engine(list(default_rules()))


def found(engine, text, path="page.md", rule=None):
    doc = make_document(text, path)
    return [(f.rule, f.line, f.column) for f in engine.lint(doc) if rule is None or f.rule == rule]


@pytest.mark.parametrize("interval", ["[2.1, *)", "[0, 1)", "(0, 1]", "[1.0,)", "(,1.0]", "[a, b)", "[-∞, 0)"])
def test_half_open_interval_is_not_an_unbalanced_bracket(engine, interval):
    assert found(engine, f"The range is {interval} for this release.\n", rule="hygiene.unbalanced-brackets") == []


def test_slip_next_to_an_interval_is_still_found(engine):
    text = "Values lie in [0, 1) (see the table.\n"
    assert found(engine, text, rule="hygiene.unbalanced-brackets") == [("hygiene.unbalanced-brackets", 1, 22)]
    # three endpoints, or words inside, are no interval: the mismatch is a slip
    assert found(engine, "See [the notes, page 4) here.\n", rule="hygiene.unbalanced-brackets") != []


def test_a_letter_with_a_plus_or_sharp_is_another_word(engine):
    for text in ("She got a A+ on the test.\n", "Write it in a A# major key.\n", "The C C++ book.\n"):
        assert found(engine, text, rule="repetition.words") == []
    assert found(engine, "She got a a grade and an A+ too.\n", rule="repetition.words") == \
        [("repetition.words", 1, 9)]


def test_see_also_is_a_cross_reference_not_residue(engine):
    text = "The command takes one file.\n\nSee also: the installation guide.\n"
    assert found(engine, text, rule="hygiene.cms-residue") == []
    slip = "The command takes one file.\n\nSee also: the guide.\n\nRead more: Why it matters\n"
    assert found(engine, slip, rule="hygiene.cms-residue") == [("hygiene.cms-residue", 5, 1)]


@pytest.mark.parametrize("text", ['Set rm="rm -i" in the file.\n', 'Then type alias ll="ls -l" and press Enter.\n',
                                  '<p>Set rm="rm -i" in the file.</p>\n'])
def test_a_quote_after_equals_opens_a_value(engine, text):
    assert found(engine, text, "page.html" if text.startswith("<") else "page.md",
                 rule="hygiene.unbalanced-quotes") == []


def test_an_assigned_value_is_not_curled_among_curly_quotes(engine):
    text = 'Type alias ll="ls -l" first.\n\nShe said “yes” then.\n'
    assert found(engine, text, rule="hygiene.mixed-double-quotes") == []
    # a quoted equals sign is a quotation, paired as before
    assert found(engine, 'Strip the padding ("=") from it.\n', rule="hygiene.unbalanced-quotes") == []


def test_slip_next_to_an_assigned_value_is_still_found(engine):
    text = 'Set rm="rm -i" and then" run it.\n'
    assert found(engine, text, rule="hygiene.unbalanced-quotes") == [("hygiene.unbalanced-quotes", 1, 24)]


def test_nested_double_quotes_give_one_finding_at_the_inner_mark(engine):
    text = "He said “the sign read “stop” at the gate” and left.\n"
    assert found(engine, text, rule="hygiene.unbalanced-quotes") == [("hygiene.unbalanced-quotes", 1, 24)]
    assert found(engine, "He said “the sign read ‘stop’ at the gate” and left.\n",
                 rule="hygiene.unbalanced-quotes") == []
    # an inner quotation that never closes: the outer one is reported as before
    assert len(found(engine, "He said “the sign read “stop at the gate” and left.\n",
                     rule="hygiene.unbalanced-quotes")) == 1


def test_inline_tag_title_and_alt_are_linted_in_markdown_as_in_html(engine):
    inline = 'See <abbr title="the the health agency">WHO</abbr> now.\n'
    block = '<p>See <abbr title="the the health agency">WHO</abbr> now.</p>\n'
    assert found(engine, inline, rule="repetition.words") == [("repetition.words", 1, 18)]
    assert found(engine, block, "page.html", rule="repetition.words") == [("repetition.words", 1, 21)]
    image = 'An image <img src="a.jpg" alt="A photo of of the bridge"> here.\n'
    assert found(engine, image, rule="repetition.words") == [("repetition.words", 1, 40)]
    # a clean attribute stays silent; other attributes are never prose
    assert found(engine, '<span title="The health agency" class="the the">WHO</span> said.\n') == []


def test_inline_tag_attributes_are_never_rewritten_by_fix():
    from copylint.fixes.apply import fix_text

    text = 'See <abbr title="the the agency">WHO</abbr> and the the report.\n'
    result = fix_text(text, default_rules(), path="page.md", unsafe=True)
    assert result.text == 'See <abbr title="the the agency">WHO</abbr> and the report.\n'
