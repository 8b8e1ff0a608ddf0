"""Rule scope: a rule sees one sentence, paragraph, heading or the whole
document at a time, and the engine holds every kind to it."""

from copylint import lint_text
from copylint.document.model import Document

HEADING_RULE = """
rules:
  - id: house.heading-colon
    kind: existence
    level: warning
    scope: heading
    description: No colons in headlines.
    nonword: true
    tokens: [':']
"""

SENTENCE_RULE = """
rules:
  - id: house.but-however
    kind: punctuation
    level: warning
    scope: sentence
    description: "'but' and 'however' in one sentence."
    pattern: '\\bbut\\b[^\\n]*?\\bhowever\\b'
"""

CONSISTENCY = """
rules:
  - id: house.grey
    kind: consistency
    level: error
    description: one spelling
    groups: [[grey, gray]]
  - id: house.grey-paragraph
    kind: consistency
    level: error
    scope: paragraph
    description: one spelling per paragraph
    groups: [[colour, color]]
"""


def test_heading_scope_sees_only_headings(make_rules):
    rules = make_rules(HEADING_RULE)
    src = "# Kyiv: a city\n\nIn the text: a colon.\n\n## Fine\n"
    assert [(f.line, f.column) for f in lint_text(src, rules, path="a.md")] == [(1, 7)]
    html = "<h2>Kyiv: a city</h2><p>Text: colon</p>"
    assert [f.column for f in lint_text(html, rules, path="a.html")] == [html.index(":") + 1]
    assert lint_text("Kyiv: a city\n", rules, path="a.txt") == []  # plain text has no headings


def test_sentence_scope_does_not_cross_sentences(make_rules):
    rules = make_rules(SENTENCE_RULE)
    assert [f.rule for f in lint_text("It rained but, however, we left.", rules)] == ["house.but-however"]
    assert lint_text("It rained but we left. However, it stopped.", rules) == []


def test_consistency_defaults_to_document_scope(make_rules):
    rules = make_rules(CONSISTENCY)
    assert [r.scope for r in rules] == ["document", "paragraph"]
    src = "A grey sky.\n\nA gray sea. A grey day.\n"
    assert [(f.rule, f.match) for f in lint_text(src, rules)] == [("house.grey", "gray")]
    # paragraph scope: each paragraph judged on its own
    src = "The colour red.\n\nThe color blue.\n"
    assert lint_text(src, rules) == []
    assert [f.match for f in lint_text("The colour red. The color blue. Colour.\n", rules)] == ["color"]


def test_document_scope_units():
    doc = Document("One. Two.\n\nThree.")
    assert doc.in_scope("document", 0, len(doc.text))
    assert doc.in_scope("paragraph", 0, 9) and not doc.in_scope("paragraph", 0, 12)
    assert doc.in_scope("sentence", 0, 4) and not doc.in_scope("sentence", 0, 9)
    assert doc.unit_of("heading", 0) is None
