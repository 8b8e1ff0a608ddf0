"""Fixes never change a byte outside prose: not in a shortcode, a Liquid tag,
an HTML tag or attribute, a URL, a file name, front matter or code."""

from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path

from click.testing import CliRunner

from copylint.cli import main
from copylint.engine.core import fix_stays_in_prose
from copylint.fixes.apply import fix_text
from copylint.formats import make_document
from copylint.engine.linting import default_rules, engine_for

HUGO = textwrap.dedent("""\
    +++
    title = "Kiev doors"
    +++

    {{< img src="Collage-of-Kiev-doors.jpg" alt="Kiev" >}}

    The doors of Kiev are old.

    {{< highlight go >}}
    city := "Kiev"
    {{< /highlight >}}
    """)

JEKYLL = textwrap.dedent("""\
    ---
    title: Kiev
    ---

    {% include figure.html src="/img/Kiev.png" caption="Kiev" %}
    {% highlight text %}
    Kiev the the
    {% endhighlight %}

    See {{ site.url }}/Kiev/ and <a href="/Kiev/">the map of Kiev</a>, <img src="Kiev.png" alt="Kiev"/>.
    """)

MDX = textwrap.dedent("""\
    import Map from './Kiev.js';

    <Map city="Kiev" note={"Kiev"} />

    Trains to Kiev run daily.
    """)


def _kept_lines(before: str, after: str) -> list[tuple[str, str]]:
    return [(a, b) for a, b in zip(before.splitlines(), after.splitlines()) if a != b]


def test_fix_touches_only_prose_in_a_hugo_file():
    result = fix_text(HUGO, default_rules(), path="post.md")
    assert _kept_lines(HUGO, result.text) == [
        ("The doors of Kiev are old.", "The doors of Kyiv are old.")]


def test_fix_touches_only_prose_in_a_jekyll_file():
    result = fix_text(JEKYLL, default_rules(), path="post.md")
    changed = _kept_lines(JEKYLL, result.text)
    assert changed == [(
        'See {{ site.url }}/Kiev/ and <a href="/Kiev/">the map of Kiev</a>, <img src="Kiev.png" alt="Kiev"/>.',
        'See {{ site.url }}/Kiev/ and <a href="/Kiev/">the map of Kyiv</a>, <img src="Kiev.png" alt="Kiev"/>.')]


def test_fix_touches_only_prose_in_an_mdx_file():
    result = fix_text(MDX, default_rules(), path="page.mdx")
    assert _kept_lines(MDX, result.text) == [("Trains to Kiev run daily.", "Trains to Kyiv run daily.")]


def test_alt_text_is_linted_but_never_fixed():
    text = '<p>A photo: <img src="a.png" alt="The doors of Kiev"></p>\n'
    doc = make_document(text, "a.html")
    findings = engine_for(default_rules()).lint(doc)
    (kyiv,) = [f for f in findings if f.rule == "places.kyiv"]
    assert (kyiv.line, kyiv.column, kyiv.fix) == (1, 48, None)
    result = fix_text(text, default_rules(), path="a.html")
    assert result.text == text and result.dropped >= 1


def test_dropped_fixes_are_counted():
    text = 'Read `Kiev` and [Kiev](https://example.com/Kiev) now, , ok.\n'
    result = fix_text(text, default_rules(), path="a.md")
    assert "`Kiev`" in result.text and "https://example.com/Kiev" in result.text
    assert "[Kyiv]" in result.text
    assert result.dropped == 0  # the URL and the code span are no finding at all
    straddling = 'Tags: <span class="x">Kiev</span>\n'
    assert fix_text(straddling, default_rules(), path="a.md").text == straddling.replace(">Kiev<", ">Kyiv<")


def test_fix_boundary_rules():
    doc = make_document("Go [here](x.md) now.\n", "a.md")
    assert fix_stays_in_prose(doc, 0, 2)  # "Go"
    assert fix_stays_in_prose(doc, 4, 8)  # "here"
    assert not fix_stays_in_prose(doc, 8, 15)  # "](x.md)"
    assert not fix_stays_in_prose(doc, 2, 5)  # " [h": crosses the bracket
    assert not fix_stays_in_prose(doc, 11, 11)  # an insertion inside the destination
    assert fix_stays_in_prose(doc, 2, 2)  # an insertion in prose


def test_fix_cli_on_a_site_changes_no_construct(tmp_path: Path):
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "content" / "doors.md").write_text(HUGO)
    (site / "content" / "post.md").write_text(JEKYLL)
    (site / "content" / "page.mdx").write_text(MDX)
    old = os.getcwd()
    os.chdir(site)
    try:
        result = CliRunner().invoke(main, ["fix", "--no-config", "."])
    finally:
        os.chdir(old)
    assert result.exit_code in (0, 1), result.output
    doors = (site / "content" / "doors.md").read_text()
    assert 'src="Collage-of-Kiev-doors.jpg" alt="Kiev"' in doors and 'city := "Kiev"' in doors
    assert "The doors of Kyiv" in doors and 'title = "Kiev doors"' in doors
    page = (site / "content" / "page.mdx").read_text()
    assert "import Map from './Kiev.js';" in page and 'city="Kiev" note={"Kiev"}' in page


def test_format_setting_per_glob(tmp_path: Path):
    (tmp_path / ".copylint.yaml").write_text("format:\n  'templates/*.txt': jekyll\n")
    (tmp_path / "templates").mkdir()
    body = "Hello {{ page.title | append: '\"' }}, friends and and more.\n"
    (tmp_path / "templates" / "a.txt").write_text(body)
    (tmp_path / "b.txt").write_text(body)
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = CliRunner().invoke(main, ["check", "--format", "json", "templates/a.txt", "b.txt"])
    finally:
        os.chdir(old)
    data = json.loads(result.output)
    by_path: dict[str, list[tuple[int, str]]] = {}
    for f in data["findings"]:
        by_path.setdefault(Path(f["path"]).as_posix(), []).append((f["column"], f["rule"]))
    # as Liquid, the quotation mark inside the output tag is not prose ...
    assert by_path["templates/a.txt"] == [(47, "repetition.words")]
    # ... as plain text it is an unbalanced quotation mark
    assert (32, "hygiene.unbalanced-quotes") in by_path["b.txt"]


def test_format_setting_rejects_an_unknown_format(tmp_path: Path):
    (tmp_path / ".copylint.yaml").write_text("format:\n  '*.md': asciidoc\n")
    (tmp_path / "a.md").write_text("Text.\n")
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = CliRunner().invoke(main, ["check", "a.md"])
    finally:
        os.chdir(old)
    assert result.exit_code == 2
    assert "unknown format 'asciidoc'" in result.output
