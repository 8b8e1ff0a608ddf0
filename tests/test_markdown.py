"""Markdown: prose constructs are linted at their exact source position;
code, URLs, front matter, comments and markup are not."""

import pytest

from copylint import lint_text
from copylint.document.model import OPAQUE
from copylint.formats import make_document


def kyiv_positions(src: str, path: str = "story.md", rules=None) -> list[tuple[int, int]]:
    return [(f.line, f.column) for f in lint_text(src, rules, path=path) if f.rule == "places.kyiv"]


def _kyiv_everywhere():
    """places.kyiv without its context downgrade (which drops a URL- or
    file-name-like token in plain text too), for the plain-text controls."""
    from copylint import load_rules

    rules = load_rules().select(lambda r: r.id == "places.kyiv")
    for rule in rules:
        rule.context_downgrade = False
    return rules


def where(src: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """1-based line and column of the nth occurrence of needle in src."""
    offset = -1
    for _ in range(nth + 1):
        offset = src.index(needle, offset + 1)
    line = src.count("\n", 0, offset) + 1
    return line, offset - (src.rfind("\n", 0, offset) + 1) + 1


PROSE = {
    "paragraph": "Shelling hit Kiev overnight.\n",
    "atx heading": "## Shelling in Kiev ##\n",
    "setext heading": "Shelling in Kiev\n================\n",
    "list item": "- first item\n- second item names Kiev\n",
    "ordered nested list": "1. one\n   - nested Kiev item\n",
    "block quote": "> The mayor of Kiev said so.\n",
    "quote in list": "- > quoted Kiev\n",
    "table cell": "| city | note |\n|---|---|\n| Lviv | Kiev here |\n",
    "link text": "See [the Kiev report](https://example.com/a) today.\n",
    "image alt": "![Kiev at night](https://example.com/p.png)\n",
    "reference link text": "Read [Kiev news][r].\n\n[r]: https://example.com\n",
    "emphasis": "It was **Kiev** and _Kiev_.\n",
    "continuation line": "A paragraph that\n  continues in Kiev.\n",
    "html block text": "<div>\nHTML text about Kiev\n</div>\n",
}

NOT_PROSE = {
    "fenced code": "```\nShelling hit Kiev.\n```\n",
    "tilde fence": "~~~text\nKiev\n~~~\n",
    "indented code": "Intro.\n\n    Kiev in code\n",
    "inline code": "Use `Kiev` as the key.\n",
    "double-backtick code": "Use ``a ` Kiev`` here.\n",
    "yaml front matter": "---\ntitle: Kiev\n---\nText.\n",
    "toml front matter": "+++\ntitle = 'Kiev'\n+++\nText.\n",
    "html comment": "Text <!-- Kiev --> more.\n",
    "html comment block": "<!--\nKiev\n-->\n",
    "link url": "See [the report](https://example.com/Kiev) today.\n",
    "link title": "See [the report](https://example.com \"Kiev\") today.\n",
    "image url": "![a photo](https://example.com/Kiev.png)\n",
    "autolink": "Go to <https://Kiev.example.com> now.\n",
    "email autolink": "Write to <desk@Kiev.example.com> now.\n",
    "bare url": "Go to https://example.com/Kiev now.\n",
    "www url": "Go to www.Kiev.example now.\n",
    "raw html tag": 'A <span class="Kiev">word</span> here.\n',
    "reference definition": "Text [a][r].\n\n[r]: https://example.com/Kiev\n",
    "html script": "<script>\nvar city = 'Kiev';\n</script>\n",
}


@pytest.mark.parametrize("src", PROSE.values(), ids=PROSE.keys())
def test_prose_is_linted_at_exact_position(src):
    expected = [where(src, "Kiev", n) for n in range(src.count("Kiev"))]
    assert kyiv_positions(src) == expected


@pytest.mark.parametrize("src", NOT_PROSE.values(), ids=NOT_PROSE.keys())
def test_non_prose_is_not_linted(src):
    assert kyiv_positions(src) == []
    # control: read as plain text, the same word is flagged, so the Markdown
    # reader is what made the difference
    assert kyiv_positions(src, path="story.txt", rules=_kyiv_everywhere()) == [where(src, "Kiev")]


def test_columns_exact_after_skipped_constructs_on_one_line():
    src = "*Note*: `code` <b>x</b> [link](https://e.com/x?a=1) &amp; ![p](p.png) then Kiev.\n"
    assert kyiv_positions(src) == [where(src, "Kiev")]


def test_positions_survive_crlf_front_matter_and_bom():
    src = "\ufeff---\r\ntitle: Kiev\r\n---\r\n\r\n# Head\r\n\r\n> - item\r\n>   in Kiev\r\n"
    findings = [f for f in lint_text(src, path="a.md") if f.rule == "places.kyiv"]
    assert [(f.line, f.column, f.match) for f in findings] == [(8, 8, "Kiev")]


def test_prose_has_same_length_and_lines_as_source():
    src = "---\na: 1\n---\n# T\n\n```\ncode\n```\n\n| a | b |\n|---|---|\n| `c` | d |\n"
    doc = make_document(src, "x.md")
    assert len(doc.prose) == len(doc.text)
    assert doc.prose.count("\n") == src.count("\n")


def test_code_span_is_opaque_so_punctuation_does_not_run_across_it():
    # "e.g. `x`." would look like a stray full stop if the code were blanked to spaces
    src = "Use a key, e.g. `kyiv-1`.\n"
    assert lint_text(src, path="a.md") == []
    assert OPAQUE in make_document(src, "a.md").prose


def test_markup_gap_before_full_stop_is_not_space_before_punctuation():
    src = "Read [the report](https://example.com/r). It is **final**.\n"
    assert [f.rule for f in lint_text(src, path="a.md")] == []
    assert [f.rule for f in lint_text("Read the report . It is final.\n")] == ["punctuation.space-before"]


def test_duplicate_across_emphasis_found_but_not_auto_fixed():
    src = "He said the **the** army left.\n"
    findings = lint_text(src, path="a.md")
    assert [(f.rule, f.column, f.fix) for f in findings] == [("repetition.words", 9, None)]
    assert findings[0].suggestion == "the"


def test_plain_duplicate_in_markdown_keeps_its_fix():
    findings = lint_text("He said the the army left.\n", path="a.md")
    assert [(f.rule, f.fix) for f in findings] == [("repetition.words", "the")]


@pytest.mark.parametrize("src", [
    "# Shelling in the\n\nthe army said so.\n",
    "- item ends with the\n- the next item\n",
    "| the | the |\n|---|---|\n| a | b |\n",
    "> quote ends in the\n\nthe paragraph.\n",
    "The report\n\n```\ncode\n```\nthe end.\n",
])
def test_duplicated_word_does_not_cross_a_block_boundary(src):
    assert [f.rule for f in lint_text(src, path="a.md")] == []


def test_attribution_does_not_cross_a_list_item_boundary():
    src = "- the army said Ukrainian\n- early on Tuesday it rained.\n"
    assert lint_text(src, path="a.md") == []
    joined = "the army said Ukrainian\nearly on Tuesday it rained.\n"
    assert [f.rule for f in lint_text(joined, path="a.md")] == ["attribution.orphaned-modifier"]


def test_escaped_pipe_in_table_cell_and_escapes():
    src = "| a \\| Kiev | b |\n|---|---|\n| \\*Kiev\\* | c |\n"
    assert kyiv_positions(src) == [where(src, "Kiev"), where(src, "Kiev", 1)]


def test_snake_case_is_not_emphasis_and_literal_asterisk_kept():
    doc = make_document("Use snake_case and 5 * 3.\n", "a.md")
    assert doc.prose == doc.text


def test_entities_decode_in_place():
    src = "He said&nbsp;the&nbsp;the army left.\n"
    findings = lint_text(src, path="a.md")
    assert [(f.rule, f.column, f.match, f.fix) for f in findings] == [
        ("repetition.words", 14, "the&nbsp;the", None)]
    doc = make_document("AT&amp;T\n", "a.md")
    assert doc.prose == "AT&    T\n"


def test_headings_are_recorded():
    src = "# Title one\n\nText.\n\nSecond\n------\n"
    doc = make_document(src, "a.md")
    assert [doc.text[h.start:h.end] for h in doc.headings] == ["Title one", "Second"]


def test_unclosed_front_matter_is_a_thematic_break():
    src = "---\nShelling hit Kiev.\n"
    assert kyiv_positions(src) == [where(src, "Kiev")]


def test_attribution_follower_across_a_blank_line_in_plain_text():
    assert lint_text("The army said Ukrainian\n\nearly on Tuesday it rained.\n") == []


def test_unknown_inline_tag_stands_like_a_word():
    # "<Pratt Ltd>" is raw HTML to CommonMark; it must not leave ", ," or "of of"
    assert lint_text("A holder, <Pratt Ltd>, and a unit of <Cross Ltd> of Denver.\n", path="a.md") == []
    assert [f.rule for f in lint_text("It was <b>the</b> the end.\n", path="a.md")] == ["repetition.words"]
