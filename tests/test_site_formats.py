"""Static-site syntax (Hugo, Jekyll/Liquid, MDX/Docusaurus, Markdown
extensions) is never prose: each construct stays silent, and a real slip
next to it is still found at its exact column."""

from __future__ import annotations

import pytest

from copylint import lint_text
from copylint.formats import detect_format, format_for, make_document


def found(text: str, path: str = "a.md", fmt: str | None = None) -> list[tuple[int, int, str, str]]:
    """Findings as (line, column, rule, match); a doubled word is one finding
    whether the rules judge it certain or doubtful (the readers decide where
    it is, not how sure the rule is)."""
    return [(f.line, f.column, f.rule.removesuffix("-doubtful"), f.match)
            for f in lint_text(text, path=path, fmt=fmt)]


def rules(text: str, path: str = "a.md", fmt: str | None = None) -> list[str]:
    return [rule for _, _, rule, _ in found(text, path, fmt)]


# -- (silent text, text with a real slip, the slip's (line, column, rule)) ---------------
CASES = {
    "hugo self-closing shortcode with quoted attributes": (
        'Intro.\n\n{{< img src="Collage-of-Kiev-doors.jpg" alt="A "photo" >}}\n\nThe end.\n',
        'Intro.\n\n{{< img src="x.jpg" >}}\n\nThe end the end. It was was over.\n',
        (5, 21, "repetition.words")),
    "hugo shortcode inside a sentence": (
        'She said it, {{< img src="a.jpg" alt=\'x\' >}}, and left.\n',
        'She said it, {{< img src="a.jpg" >}}, and and left.\n',
        (1, 39, "repetition.words")),
    "hugo paired markdown shortcode (content is prose)": (
        '{{% note %}}\nThis is a note with "quotes".\n{{% /note %}}\n',
        '{{% note %}}\nThis is a a note.\n{{% /note %}}\n',
        (2, 9, "repetition.words")),
    "hugo paired shortcode spanning lines, nested": (
        '{{< details summary="Open "me"\n  title=x >}}\n{{< hl >}}Fine text.{{< /hl >}}\n{{< /details >}}\n',
        '{{< details summary="x" >}}\n{{< hl >}}Fine text text.{{< /hl >}}\n{{< /details >}}\n',
        (2, 16, "repetition.words")),
    "hugo code shortcode (content is code)": (
        '{{< highlight go >}}\nx := f("a" , "b" ,, c) ( [\n{{< /highlight >}}\n\nDone.\n',
        '{{< code-toggle file=hugo >}}\nbaseURL = "the the"\n{{< /code-toggle >}}\n\nDone. .\n',
        (5, 6, "punctuation.stray-stop")),
    "hugo toml front matter": (
        '+++\ntitle = "Kiev "the" ."\n+++\n\nBody text.\n',
        '+++\ntitle = "x"\n+++\n\nBody text text.\n',
        (5, 6, "repetition.words")),
    "json front matter": (
        '{\n  "title": "Kiev the the ."\n}\n\nBody text.\n',
        '{\n  "title": "x"\n}\n\nBody, , text.\n',
        (5, 5, "punctuation.doubled-comma")),
    "goldmark block attributes": (
        '> A quoted block.\n{class="!mt-0" data-x="a"}\n\n## Heading {#my-id .big}\n',
        '> A quoted block block.\n{class="!mt-0"}\n',
        (1, 12, "repetition.words")),
    "liquid highlight block": (
        '{% highlight js %}\nvar a = ("b" , , c;\n{% endhighlight %}\n\nText.\n',
        '{% highlight js %}\nvar a = 1;\n{% endhighlight %}\n\nText text.\n',
        (5, 1, "repetition.words")),
    "liquid raw and comment blocks": (
        'Use {% raw %}`{%`{% endraw %} and {% raw %}"{{"{% endraw %} here.\n\n'
        '{% comment %}\nKiev the the "\n{% endcomment %}\n',
        'Use {% raw %}`{%`{% endraw %} here here.\n',
        (1, 31, "repetition.words")),
    "liquid output and tags": (
        'Welcome to {{ site.title | append: " "" }}, {{ page.x }}, friends.\n\n'
        '{% include note.html content="a "b" c" %}\n\n{% if x %}Yes.{% endif %}\n',
        'Welcome to {{ site.title }}, , friends.\n',
        (1, 28, "punctuation.doubled-comma")),
    "liquid inside an html tag": (
        '<ul>\n<li {% if a == "b" %} class="current"{% endif %}>An item</li>\n</ul>\n',
        '<ul>\n<li {% if a == "b" %} class="x"{% endif %}>An an item</li>\n</ul>\n',
        (2, 44, "repetition.words")),
    "kramdown attribute list": (
        'A paragraph.\n{: .note #x}\n\n* TOC\n{:toc}\n',
        'A paragraph paragraph.\n{: .note}\n',
        (1, 3, "repetition.words")),
    "mdx import and export": (
        "import Tabs from '@theme/Tabs';\nimport {a, b} from \"x\";\n\nexport const meta = {\n  title: 'a \"b',\n};\n\nText.\n",
        "import Tabs from '@theme/Tabs';\n\nText text.\n",
        (3, 1, "repetition.words")),
    "mdx components and expressions": (
        '<Tabs groupId="os" values={[{label: "A", value: \'a\'}]}>\n<TabItem value="a">\n\nRun it.\n\n'
        '</TabItem>\n</Tabs>\n\nA value {props.count > 1 ? "s" : ""} here {/* a "note */}.\n',
        '<Tabs groupId="os">\n<TabItem value="a">\n\nRun the the command.\n\n</TabItem>\n</Tabs>\n',
        (4, 5, "repetition.words")),
    "mdx admonitions": (
        ':::note Some "title\n\nA note.\n\n:::\n\n:::tip[Hint]\nA tip.\n:::\n',
        ':::note\n\nA note note.\n\n:::\n',
        (3, 3, "repetition.words")),
    "mdx code component": (
        '<CodeBlock language="js">\n{`x("a" , ,)`}\n</CodeBlock>\n\nText.\n',
        '<CodeBlock language="js">\nx = 1\n</CodeBlock>\n\nText, , more.\n',
        (5, 5, "punctuation.doubled-comma")),
    "footnotes": (
        'A claim.[^1] Another.[^note]\n\n[^1]: The source, "a report".\n[^note]: Second.\n',
        'A claim.[^1]\n\n[^1]: The the source.\n',
        (3, 7, "repetition.words")),
    "definition lists": (
        'Apple\n: A fruit.\n\nOrange\n: Another fruit.\n',
        'Apple\n: A fruit fruit.\n',
        (2, 5, "repetition.words")),
    "strikethrough": (
        'It was ~~struck text~~. Then ~~more~~, and done.\n',
        'It was ~~struck text~~. Then then done.\n',
        (1, 25, "repetition.words")),
    "tables": (
        '| Name | Note |\n|---|---|\n| `a, ,b` | "quoted" text |\n',
        '| Name | Note |\n|---|---|\n| a | text text |\n',
        (3, 7, "repetition.words")),
    "backslash escapes": (
        'Use \\*stars\\* and \\_under\\_ and \\[brackets\\].\n',
        'Use \\*stars\\* and and more.\n',
        (1, 15, "repetition.words")),
    "inline html tags": (
        'Text, <img src="a.png" alt="x"/>, more. And <kbd>Ctrl</kbd>, <code>x</code>, too.\n',
        'Text, <img src="a.png"/>, more, , done.\n',
        (1, 31, "punctuation.doubled-comma")),
    "html block": (
        '<div class="note">\n<p>Some "quoted" text.</p>\n</div>\n',
        '<div class="note">\n<p>Some some text.</p>\n</div>\n',
        (2, 4, "repetition.words")),
    "quotes next to a link, emphasis, a tag": (
        'Read "[the guide](x.md)." and "*cis-*" and "<a href="x">text</a>" and "`code`" too.\n',
        'Read "[the guide](x.md). And "so.\n',
        (1, 30, "hygiene.unbalanced-quotes")),
    "an element standing for a word": (
        'First, ![a map](map.png), then [a link](x.md), then `code`. Done.\n',
        'First, ![a map](map.png), then. . Done.\n',
        (1, 32, "punctuation.stray-stop")),
    "a title attribute inside a bracketed aside (html block)": (
        '<p>Podcasts (great <a title="Quarks and Co" href="https://x.org/">feed</a>, which I follow) and more.</p>\n',
        '<p>Podcasts (great <a title="Quarks and Co" href="https://x.org/">feed</a>, which I follow and more.</p>\n',
        (1, 13, "hygiene.unbalanced-brackets")),
    "a bracket inside a title attribute is paired by itself": (
        '<p>See <a title="The guide (draft)" href="https://x.org/">it</a> now.</p>\n',
        '<p>See (the <a title="The guide (draft" href="https://x.org/">it</a>) now.</p>\n',
        (1, 33, "hygiene.unbalanced-brackets")),
    "an image's alt ends a paragraph: the next one is not joined to it": (
        'Intro <img alt="x" src="a.png">\n\nNext (para).\n',
        'Intro (aside <img alt="x" src="a.png">\n\nNext) para.\n',
        (3, 5, "hygiene.unbalanced-brackets")),
    "bare urls with brackets they opened": (
        'See (https://x.org/api.html#getRealPath(java.lang.String)) and https://x.dev/?q=[nginx] now.\n',
        '(see https://x.org/api.html#getRealPath(java.lang.String) now.\n',
        (1, 1, "hygiene.unbalanced-brackets")),
    "a lone emphasis delimiter is text": (
        'Sass has math operators like +, -, *, /, and %.\n',
        'Sass has math operators like +, -, *, /, and and %.\n',
        (1, 42, "repetition.words")),
    "an html block inside a block quote": (
        'Intro.\n\n> <p style="x">\n>   It works (well) here.\n> </p>\n',
        'Intro.\n\n> <p style="x">\n>   It works  (well) here.\n> </p>\n',
        (4, 13, "hygiene.doubled-space")),
    "liquid: a {% that opens no real tag masks nothing": (
        '{% include note.html %}\n\nGrowth was {% 40 on the year, and 30 %} later.\n',
        '{% include note.html %}\n\nGrowth was {% 40 on the the year, and 30 %} later.\n',
        (3, 21, "repetition.words")),
    "liquid: a tag left unclosed does not swallow the text up to the next one": (
        'See {% post_url 2016-10-01-x %} and {% include b.html %} here.\n',
        'See {% post_url 2016-10-01-x } and and {% include b.html %} here.\n',
        (1, 32, "repetition.words")),
}


def fmt_for_case(name: str) -> tuple[str, str | None]:
    if name.startswith("mdx"):
        return "a.mdx", None
    return "a.md", None


@pytest.mark.parametrize("name", sorted(CASES))
def test_construct_is_silent(name: str):
    silent, _, _ = CASES[name]
    path, fmt = fmt_for_case(name)
    assert found(silent, path, fmt) == []


@pytest.mark.parametrize("name", sorted(CASES))
def test_slip_next_to_construct_is_found(name: str):
    _, noisy, (line, column, rule) = CASES[name]
    path, fmt = fmt_for_case(name)
    hits = [(ln, col, r) for ln, col, r, _ in found(noisy, path, fmt)]
    assert (line, column, rule) in hits


# -- detection ---------------------------------------------------------------
def test_detection_by_extension_and_content():
    assert format_for("a.mdx") == "mdx"
    assert format_for("a.txt", "{{< x >}}") == "text"
    assert format_for("a.html") == "html"
    assert format_for("a.md") == "markdown"
    assert format_for("a.md", "Text {{< img >}}") == "hugo"
    assert format_for("a.md", "{{% note %}}x{{% /note %}}") == "hugo"
    assert format_for("a.md", "Hi {{ page.title }}") == "jekyll"
    assert format_for("a.md", "{% include x.html %}") == "jekyll"
    assert format_for("a.md", "import X from './x';\n\n<X />") == "mdx"
    assert format_for("a.md", ":::note\nHi\n:::\n") == "mdx"
    assert detect_format("Plain words, {curly} braces and 50% off.") == "markdown"


def test_explicit_format_wins_over_detection():
    text = "Hi {{ page.title }} there there.\n"
    doc = make_document(text, "a.md", fmt="markdown")
    assert "{{ page.title }}" in doc.prose  # read as plain Markdown: the braces are text
    assert "{{" not in make_document(text, "a.md").prose


def test_columns_and_offsets_point_at_the_source():
    text = "---\ntitle: x\n---\n{% raw %}{{ a }}{% endraw %} Kiev is here.\n"
    doc = make_document(text, "a.md")
    assert doc.text == text and len(doc.prose) == len(text)
    (finding,) = [f for f in lint_text(text, path="a.md") if f.rule == "places.kyiv"]
    assert (finding.line, finding.column, finding.match) == (4, 30, "Kiev")


def test_crlf_and_bom():
    text = "\ufeff{{< note >}}\r\nA note note.\r\n{{< /note >}}\r\n"
    assert found(text) == [(2, 3, "repetition.words", "note note")]


def test_unclosed_constructs_do_not_hang_or_swallow():
    text = "Text {{< broken\n\nText text. {% also\n\n{ lone brace\n"
    assert "repetition.words" in rules(text)
    assert rules("<Tabs\n\nA a.\n", "a.mdx") == ["repetition.words"]


def test_plain_markdown_unchanged_by_site_readers():
    text = "He said it it was fine, see [the guide](https://example.com/Kiev).\n"
    assert found(text) == [(1, 9, "repetition.words", "it it")]


def test_a_page_that_only_mentions_shortcode_delimiters_is_not_a_hugo_page():
    prose = "Shortcodes (`{{<`, `{{%`) make a page a Hugo page.\n"
    assert detect_format(prose) == "markdown"
    assert detect_format(prose + "{{< img src=\"a.jpg\" >}}\n") == "hugo"
    assert detect_format("{{</* img src=\"a.jpg\" */>}}\n") == "hugo"  # escaped for display: still Hugo


def test_a_delimiter_that_opens_no_shortcode_masks_nothing():
    text = "See (`{{<`, `{{%`) here.\nThen (`{{< img src=\"a.jpg\" >}}`) there . \n"
    doc = make_document(text, path="a.md", fmt="hugo")
    assert doc.prose.index(") here.") == text.index(") here.")  # not swallowed into a shortcode
    assert doc.prose[text.index("{{< img"):text.index(">}}") + 3].strip("\ufffc ") == ""
    findings = lint_text(text, path="a.md", fmt="hugo")
    assert [f.rule for f in findings if f.rule.startswith("hygiene.unbalanced")] == []
    assert [(f.rule, f.line, f.column) for f in findings if f.rule == "punctuation.space-before"] == [
        ("punctuation.space-before", 2, text.splitlines()[1].index(" .") + 1)]
