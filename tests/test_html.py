"""HTML: text content is prose; scripts, styles, code, tags and most
attributes are not; entities are decoded in place."""

import pytest

from copylint import lint_text
from copylint.formats import make_document


def kyiv(src: str) -> list[tuple[int, int]]:
    return [(f.line, f.column) for f in lint_text(src, path="page.html") if f.rule == "places.kyiv"]


def col(src: str, needle: str) -> tuple[int, int]:
    offset = src.index(needle)
    return src.count("\n", 0, offset) + 1, offset - (src.rfind("\n", 0, offset) + 1) + 1


@pytest.mark.parametrize("src", [
    "<p>Shelling hit Kiev.</p>",
    "<html><body>\n<h1 class='x'>News from Kiev</h1>\n</body></html>",
    "<ul><li>one</li><li>Kiev</li></ul>",
    '<img src="a.png" alt="Kiev at night">',
    "<a href='https://e.com' title='Kiev map'>map</a>",
    "<td>Kiev</td>",
    "<p>He said <b>Kiev</b> <i>twice</i>.</p>",
])
def test_text_and_alt_title_are_prose(src):
    assert kyiv(src) == [col(src, "Kiev")]


@pytest.mark.parametrize("src", [
    "<script>var c = 'Kiev';</script><p>ok</p>",
    "<style>.Kiev { color: red }</style>",
    "<pre>Kiev\nKiev</pre>",
    "<p>Use <code>Kiev</code> as key.</p>",
    '<a href="https://e.com/Kiev" class="Kiev">map</a>',
    "<!-- Kiev -->",
    "<!DOCTYPE Kiev><p>ok</p>",
    "<SCRIPT type='x'>Kiev</SCRIPT >",
    "<pre><code>Kiev</code> Kiev</pre>",
])
def test_code_scripts_attributes_are_not(src):
    assert kyiv(src) == []
    as_text = [f for f in lint_text(src, path="page.txt") if f.rule == "places.kyiv"]
    assert as_text, "control: as plain text the word is flagged"


def test_entities_decoded_with_positions_in_source():
    src = "<p>Zelensky&rsquo;s aide met Zelensky and Zelenskiy in Kiev&nbsp;today.</p>"
    findings = lint_text(src, path="p.html")
    assert [(f.rule, f.column, f.match) for f in findings] == [
        ("names.zelenskyy-consistency", src.index("Zelenskiy") + 1, "Zelenskiy"),
        ("places.kyiv", src.index("Kiev") + 1, "Kiev"),
    ]


def test_duplicated_word_does_not_cross_paragraphs_but_does_cross_inline_tags():
    assert lint_text("<p>It ended with the</p><p>the end</p>", path="p.html") == []
    findings = lint_text("<p>It was <em>the</em> the end</p>", path="p.html")
    assert [(f.rule, f.fix) for f in findings] == [("repetition.words", None)]


def test_headings_and_multiline_positions():
    src = "<html>\n<body>\n  <h2>A title</h2>\n  <p>\n    Then Kiev.\n  </p>\n</body>\n</html>\n"
    doc = make_document(src, "x.htm")
    assert [doc.text[h.start:h.end] for h in doc.headings] == ["A title"]
    assert kyiv(src) == [(5, 10)]


def test_lone_angle_bracket_is_text():
    src = "<p>3 < 4 and Kiev</p>"
    assert kyiv(src) == [col(src, "Kiev")]
